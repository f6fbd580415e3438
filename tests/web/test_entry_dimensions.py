"""A department grades its entry on the plan's further dimensions; the secretariat reviews them (川崎市, issue 25)."""

from typing import Any

import pytest
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.domain.dimensions import Dimension, dimensions_data
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
VALIDITY = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])
STATUS = Dimension(key="status", name="3年間の状況", scale=PRESETS["status-i-iv"])


@pytest.fixture
def kawasaki_dimensions(cycle: dict[str, Any]) -> dict[str, Any]:
    Plan.objects.filter(slug="saitama-r3").update(dimensions=dimensions_data([VALIDITY, STATUS]))
    cycle["draft"].refresh_from_db()
    return cycle


def form_data(entry: YearlyEntry, **changes: str) -> dict[str, str]:
    data = {
        "version": str(entry.version),
        "activities": "ワンストップ就労支援を実施しました。",
        "target_text": "",
        "result_text": "就職者数 306人",
        "evaluation_type": "qualitative",
        "proposed_grade": "A",
        "proposed_reason": "",
        "ind-TOTAL_FORMS": "0",
        "ind-INITIAL_FORMS": "0",
    }
    return data | changes


def test_the_form_shows_one_select_per_dimension_best_first(kawasaki_dimensions: dict[str, Any]) -> None:
    entry = kawasaki_dimensions["draft"]
    page = login("roudou").get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert 'name="dim_validity"' in page and 'name="dim_status"' in page
    assert page.index('value="5">5　優る') < page.index('value="1">1　劣る')
    assert "IV　法制度等の改定により比較不能" in page


def test_grades_are_saved_read_on_their_scale_and_kept_in_the_history(
    kawasaki_dimensions: dict[str, Any],
) -> None:
    entry = kawasaki_dimensions["draft"]
    client = login("roudou")
    data = form_data(entry, dim_validity="５", dim_status="Ⅱ")
    assert client.post(reverse("plans:edit", args=[entry.pk]), data).status_code == 302
    entry.refresh_from_db()
    assert entry.dimension_grades == {"validity": "5", "status": "II"}
    before, after = entry.history.order_by("-history_date")[1], entry.history.order_by("-history_date")[0]
    assert before.dimension_grades == {} and after.dimension_grades == {"validity": "5", "status": "II"}
    assert after.history_user == User.objects.get(username="roudou")


def test_an_unknown_grade_is_refused_in_japanese_with_the_input_kept(
    kawasaki_dimensions: dict[str, Any],
) -> None:
    entry = kawasaki_dimensions["draft"]
    before = db_state()
    data = form_data(entry, dim_validity="6", result_text="入力した成果")
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "事業の妥当性「6」はこの観点の評価尺度にありません。5、4、3、2、1 のいずれかを選んでください。"
        in page
    )
    assert "入力した成果" in page
    assert db_state() == before


def test_submitting_needs_a_grade_on_every_dimension(kawasaki_dimensions: dict[str, Any]) -> None:
    entry = kawasaki_dimensions["draft"]
    client = login("roudou")
    data = form_data(entry, dim_validity="4", submit="1")
    response = client.post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 400
    assert "提出する前に入力してください: 3年間の状況" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == "draft" and entry.dimension_grades == {"validity": "4"}  # saved as a draft

    data = form_data(entry, dim_validity="4", dim_status="I", submit="1")
    assert client.post(reverse("plans:edit", args=[entry.pk]), data).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "submitted"


def test_an_excluded_entry_is_submitted_without_dimension_grades(kawasaki_dimensions: dict[str, Any]) -> None:
    entry = kawasaki_dimensions["draft"]
    # The department marks it 評価対象外 on the form, with its reason and no grade (a grade is refused).
    data = form_data(
        entry, excluded="on", excluded_reason="新型コロナウイルス感染症の影響", proposed_grade="", submit="1"
    )
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "submitted"


def test_a_stale_page_is_refused_with_409_and_the_typed_grade_kept(
    kawasaki_dimensions: dict[str, Any],
) -> None:
    entry = kawasaki_dimensions["draft"]
    assert (
        login("roudou")
        .post(reverse("plans:edit", args=[entry.pk]), form_data(entry, dim_validity="3"))
        .status_code
        == 302
    )
    stale = form_data(entry, dim_validity="1")  # still the version read before
    response = login("roudou").post(reverse("plans:edit", args=[entry.pk]), stale)
    assert response.status_code == 409
    assert 'value="1" selected' in response.content.decode()
    entry.refresh_from_db()
    assert entry.dimension_grades == {"validity": "3"}


def test_the_secretariat_corrects_a_dimension_grade_when_confirming(
    kawasaki_dimensions: dict[str, Any],
) -> None:
    entry = kawasaki_dimensions["draft"]
    roudou = login("roudou")
    roudou.post(
        reverse("plans:edit", args=[entry.pk]), form_data(entry, dim_validity="5", dim_status="I", submit="1")
    )
    entry.refresh_from_db()
    secretariat = login("jimukyoku")
    page = secretariat.get(reverse("plans:entry", args=[entry.pk])).content.decode()
    assert "事業の妥当性" in page and "5　優る" in page

    refused = secretariat.post(
        reverse("plans:review", args=[entry.pk]),
        {"version": str(entry.version), "action": "confirm", "dim_validity": "優秀", "dim_status": "I"},
    )
    assert refused.status_code == 400 and "事業の妥当性「優秀」" in refused.content.decode()

    confirmed = secretariat.post(
        reverse("plans:review", args=[entry.pk]),
        {"version": str(entry.version), "action": "confirm", "dim_validity": "4", "dim_status": "I"},
    )
    assert confirmed.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "confirmed" and entry.dimension_grades == {"validity": "4", "status": "I"}
    latest = entry.history.order_by("-history_date").first()
    assert latest is not None and latest.history_user == User.objects.get(username="jimukyoku")
    # The entry's history on its page: before and after, as people read them.
    page = secretariat.get(reverse("plans:entry", args=[entry.pk])).content.decode()
    # The history names each dimension as the plan does (keys in their order: status, validity).
    assert "3年間の状況: I、事業の妥当性: 5" in page and "3年間の状況: I、事業の妥当性: 4" in page


def test_a_plan_without_dimensions_shows_no_select_and_confirms_as_before(cycle: dict[str, Any]) -> None:
    entry = cycle["draft"]
    page = login("roudou").get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert "dim_" not in page
    saved = workflow.save_entry(
        entry=entry,
        actor=User.objects.get(username="roudou"),
        version=entry.version,
        data=workflow.EntryInput("取組", "", "成果", "qualitative", "B", ""),
    )
    assert saved.dimension_grades == {}
