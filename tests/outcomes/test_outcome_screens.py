"""The secretariat keeps its plan's outcome indicators and their yearly values on its own screens.

Figures are the seed's: 令和３年度 セーフティネット住宅登録戸数 5,621戸 against a target of 5,300戸. The
baseline of 5,000戸 (令和2年度) is this test's own: the seed gives only the year's target and result.
"""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.outcomes import editing
from shinchoku.outcomes.forms import OutcomeValueForm
from shinchoku.outcomes.models import Outcome, OutcomeValue
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html, report_context
from shinchoku.reports.exports import report_payload
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
HOUSING = {
    "name": "セーフティネット住宅登録戸数",
    "unit": "戸",
    "direction": "higher",
    "year_kind": "fiscal",
    "baseline_first_year": "令和2年度",
    "baseline_last_year": "令和2年度",
    "baseline_value": "５，０００戸",
    "target_value": "5,300戸",
    "target_year": "令和3年度",
    "note": "",
}


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug=PLAN)


def add_housing(client: Client) -> Outcome:
    response = client.post(reverse("outcomes:outcome_new", args=[PLAN]), HOUSING)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Outcome.objects.get(plan__slug=PLAN, name="セーフティネット住宅登録戸数")


def test_a_value_entered_on_the_screen_is_printed_in_the_council_report(
    secretariat: Client, plan: Plan
) -> None:
    outcome = add_housing(secretariat)
    assert (outcome.baseline_value, outcome.target_value, outcome.target_year) == (
        Decimal(5000),
        Decimal(5300),
        2021,
    )
    response = secretariat.post(
        reverse("outcomes:value_new", args=[PLAN, outcome.pk]),
        {"year": "令和3年度", "value": "５，６２１戸", "source": "city", "source_note": "住宅政策課の集計"},
    )
    assert response.status_code == 302
    (printed,) = [
        o for o in report_context(plan, 2021, confirmed_only=False)["outcomes"] if o["name"] == outcome.name
    ]
    assert printed["latest"] == {"year": 2021, "value": 5621} and printed["on_track"] is True
    assert printed["share_of_the_way_percent"] == 207  # (5,621 − 5,000) / (5,300 − 5,000)
    html = render_html(plan, 2021)
    assert "セーフティネット住宅登録戸数（戸）" in html and "5621戸（2021）" in html
    (in_json,) = [o for o in report_payload(plan, 2021)["outcomes"] if o["name"] == outcome.name]
    assert in_json["latest"]["value"] == 5621 and "（住宅政策課の集計）" in in_json["sources"][0]
    page = secretariat.get(reverse("outcomes:list", args=[PLAN])).content.decode()
    assert "5,621戸" in page and "5,300戸（2021）" in page


def test_a_correction_is_kept_with_who_when_before_after_and_why(secretariat: Client) -> None:
    outcome = add_housing(secretariat)
    secretariat.post(
        reverse("outcomes:value_new", args=[PLAN, outcome.pk]),
        {"year": "2021", "value": "5,612", "source": "city"},
    )
    value = OutcomeValue.objects.get(outcome=outcome, year=2021)
    url = reverse("outcomes:value_edit", args=[PLAN, outcome.pk, 2021])
    response = secretariat.post(
        url, {"value": "5,621", "source": "city", "version": str(value.version), "reason": "転記誤りの訂正"}
    )
    assert response.status_code == 302
    latest = value.history.order_by("-history_id").first()
    assert latest is not None
    assert (latest.value, latest.history_user.username, latest.history_change_reason) == (
        Decimal(5621),
        "jimukyoku",
        "転記誤りの訂正",
    )
    page = secretariat.get(url).content.decode()
    assert "5,612" in page and "5,621" in page and "転記誤りの訂正" in page


def test_a_stale_page_is_refused_and_the_typed_value_stays(secretariat: Client) -> None:
    outcome = add_housing(secretariat)
    value = editing.save_outcome_value(
        actor=User.objects.get(username="jimukyoku"),
        outcome=outcome,
        data=editing.ValueInput(year=2021, value=Decimal(5621), source="city"),
        value=None,
    )
    opened_at = value.version
    editing.save_outcome_value(  # someone else corrects it in between
        actor=User.objects.get(username="admin"),
        outcome=outcome,
        data=editing.ValueInput(year=2021, value=Decimal(5620), source="city", reason="転記誤りの訂正"),
        value=value,
        version=opened_at,
    )
    before = db_state()
    response = secretariat.post(
        reverse("outcomes:value_edit", args=[PLAN, outcome.pk, 2021]),
        {"value": "5,700", "source": "city", "version": str(opened_at), "reason": "確定値に更新"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "ほかの人がこのページを開いた後に保存しました" in page and 'value="5,700"' in page
    assert OutcomeValue.objects.get(pk=value.pk).value == Decimal(5620) and db_state() == before


def test_a_year_already_recorded_is_refused_and_nothing_is_written(secretariat: Client, plan: Plan) -> None:
    demo = Outcome.objects.get(plan=plan, name="再犯者数（デモ値）")
    before = db_state()
    response = secretariat.post(
        reverse("outcomes:value_new", args=[PLAN, demo.pk]),
        {"year": "令和3年", "value": "540", "source": "ministry"},
    )
    assert response.status_code == 400
    assert "2021年の値は既に記録されています" in response.content.decode()
    assert db_state() == before and OutcomeValue.objects.get(outcome=demo, year=2021).value == Decimal(538)


def test_a_target_on_the_wrong_side_of_the_baseline_is_refused_with_the_input_kept(
    secretariat: Client,
) -> None:
    wrong = HOUSING | {"direction": "lower"}  # fewer homes would be better: 5,300 is not below 5,000
    before = db_state()
    response = secretariat.post(reverse("outcomes:outcome_new", args=[PLAN]), wrong)
    assert response.status_code == 400
    page = response.content.decode()
    assert "目標値が基準値から見て「よい」方向にありません" in page and 'value="５，０００戸"' in page
    assert db_state() == before


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("５，６２１戸", Decimal(5621)),  # the seed's セーフティネット住宅登録戸数, full width
        ("98.4%", Decimal("98.4")),  # the seed's 親身に相談に乗ってくれたと回答した人の割合
        ("延べ10,091名", Decimal(10091)),  # the seed's 生活自立・仕事相談センターの相談
        ("▲5", Decimal(-5)),
        ("3万", Decimal(30000)),
    ],
)
def test_a_value_is_read_as_the_city_types_it(typed: str, stored: Decimal) -> None:
    form = OutcomeValueForm({"year": "R3", "value": typed, "source": "city"}, correcting=False)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["year"], form.cleaned_data["value"]) == (2021, stored)


def test_an_outcome_is_found_only_under_its_own_plan(secretariat: Client, plan: Plan) -> None:
    demo = Outcome.objects.get(plan=plan, name="再犯者数（デモ値）")
    assert (
        secretariat.get(reverse("outcomes:outcome_edit", args=["saitama-r8-demo", demo.pk])).status_code
        == 404
    )


def test_departments_read_the_values_in_the_figures_not_here(plan: Plan) -> None:
    department = login("roudou")
    assert department.get(reverse("outcomes:list", args=[PLAN])).status_code == 403
    figures = department.get(reverse("reports:dashboard", args=[PLAN, 2021])).content.decode()
    assert "再犯者数（デモ値）" in figures
    plan_page = department.get(reverse("plans:plan", args=[PLAN])).content.decode()
    assert reverse("outcomes:list", args=[PLAN]) not in plan_page


def test_the_plan_page_links_the_screens_for_the_secretariat(secretariat: Client) -> None:
    page = secretariat.get(reverse("plans:plan", args=[PLAN])).content.decode()
    assert reverse("outcomes:list", args=[PLAN]) in page and reverse("outcomes:context", args=[PLAN]) in page
