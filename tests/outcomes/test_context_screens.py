"""The context statistics (再犯防止を取り巻く状況) on the secretariat's screens: by year, corrected, uploaded.

Figures are the seed's 令和３年度 counts: なんでも子ども相談窓口における相談対応 4,360件 and 生活自立・仕事相談
センターの相談 延べ10,091名; the demo's own statistics are invented and marked as such.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import Role, User
from shinchoku.outcomes import editing
from shinchoku.outcomes.models import ContextSeries, ContextValue
from shinchoku.outcomes.services import context_payload
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
UPLOAD = f"/plans/{PLAN}/context/upload/"
CSV = (
    "項目,年,値,単位,出典\n"
    'なんでも子ども相談窓口の相談対応件数,令和3年,"４，３６０",件,市の集計\n'
    '生活自立・仕事相談センターの相談件数（延べ）,2021,"10,091",件,市の集計\n'
    "刑法犯検挙者数（デモ値）,2021,1275,人,警察統計\n"
    "刑法犯検挙者数（デモ値）,2020,1310,人,警察統計\n"
)


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug=PLAN)


def figures(plan: Plan, name: str) -> dict[int, Decimal]:
    return dict(
        ContextValue.objects.filter(series__plan=plan, series__name=name).values_list("year", "value")
    )


def test_the_table_shows_each_statistic_by_year(secretariat: Client) -> None:
    page = secretariat.get(reverse("outcomes:context", args=[PLAN])).content.decode()
    assert "刑法犯検挙者数（デモ値）（人）" in page and "1,480" in page and "49.1" in page
    assert reverse("outcomes:context_upload", args=[PLAN]) in page


def test_a_statistic_and_its_figure_entered_on_the_screen_are_in_the_report(
    secretariat: Client, plan: Plan
) -> None:
    response = secretariat.post(
        reverse("outcomes:series_new", args=[PLAN]),
        {
            "name": "なんでも子ども相談窓口の相談対応件数",
            "unit": "件",
            "year_kind": "fiscal",
            "source": "city",
        },
    )
    assert response.status_code == 302
    series = ContextSeries.objects.get(plan=plan, name="なんでも子ども相談窓口の相談対応件数")
    url = reverse("outcomes:context_value_new", args=[PLAN, series.pk])
    assert secretariat.post(url, {"year": "令和3年度", "value": "４，３６０件"}).status_code == 302
    (printed,) = [s for s in context_payload(plan, 2021) if s["name"] == series.name]
    assert printed["values"] == [{"year": 2021, "value": 4360}]
    assert "なんでも子ども相談窓口の相談対応件数" in render_html(plan, 2021)
    assert series.history.get().history_user.username == "jimukyoku"


def test_a_corrected_figure_keeps_who_before_after_and_why(secretariat: Client, plan: Plan) -> None:
    value = ContextValue.objects.get(series__plan=plan, series__name="刑法犯検挙者数（デモ値）", year=2021)
    url = reverse("outcomes:context_value_edit", args=[PLAN, value.series_id, 2021])
    response = secretariat.post(
        url, {"value": "1,280", "version": str(value.version), "reason": "確定値に更新"}
    )
    assert response.status_code == 302
    record = value.history.order_by("-history_id").first()
    assert record is not None
    assert (record.value, record.history_user.username, record.history_change_reason) == (
        Decimal(1280),
        "jimukyoku",
        "確定値に更新",
    )
    page = secretariat.get(url).content.decode()
    assert "1,275" in page and "1,280" in page and "確定値に更新" in page
    stale = secretariat.post(url, {"value": "1,290", "version": str(value.version), "reason": "再集計"})
    assert stale.status_code == 409 and 'value="1,290"' in stale.content.decode()


def test_an_upload_is_previewed_without_writing_then_written_all_at_once(
    secretariat: Client, plan: Plan
) -> None:
    before = db_state()
    preview = secretariat.post(UPLOAD, {"file": SimpleUploadedFile("context.csv", CSV.encode("utf-8-sig"))})
    assert preview.status_code == 200 and db_state() == before
    shown = preview.context["preview"]
    # Two new statistics' 令和3年 figures; the demo's 2020 corrected (1,302 → 1,310); its 2021 unchanged.
    assert (shown.added, shown.corrected, shown.unchanged) == (2, 1, 1)
    assert "1,302" in preview.content.decode() and "<strong>1,310人</strong>" in preview.content.decode()
    assert shown.new_series == [
        "なんでも子ども相談窓口の相談対応件数",
        "生活自立・仕事相談センターの相談件数（延べ）",
    ]
    confirmed = secretariat.post(UPLOAD, {"token": shown.token})
    assert confirmed.status_code == 302
    assert figures(plan, "なんでも子ども相談窓口の相談対応件数") == {2021: Decimal(4360)}
    assert figures(plan, "生活自立・仕事相談センターの相談件数（延べ）") == {2021: Decimal(10091)}
    assert figures(plan, "刑法犯検挙者数（デモ値）")[2020] == Decimal(1310)
    series = ContextSeries.objects.get(plan=plan, name="なんでも子ども相談窓口の相談対応件数")
    assert series.history.get().history_user.username == "jimukyoku"


def test_a_file_with_a_bad_row_is_refused_with_its_row_and_nothing_is_written(secretariat: Client) -> None:
    before = db_state()
    bad = CSV + "刑法犯検挙者数（デモ値）,2022,約5千,人,警察統計\n"
    response = secretariat.post(UPLOAD, {"file": SimpleUploadedFile("context.csv", bad.encode())})
    assert response.status_code == 400
    page = response.content.decode()
    assert "6行目" in page and "「約5千」は数値として読めません" in page and 'name="token"' not in page
    assert db_state() == before


def test_a_file_giving_a_year_twice_is_refused(secretariat: Client) -> None:
    twice = CSV + "なんでも子ども相談窓口の相談対応件数,2021,4361,件,市の集計\n"
    response = secretariat.post(UPLOAD, {"file": SimpleUploadedFile("context.csv", twice.encode())})
    assert response.status_code == 400
    assert "「なんでも子ども相談窓口の相談対応件数」の2021年の値が2行あります" in response.content.decode()


def test_a_preview_is_refused_once_a_figure_changed_since(secretariat: Client, plan: Plan) -> None:
    preview = secretariat.post(UPLOAD, {"file": SimpleUploadedFile("context.csv", CSV.encode())})
    value = ContextValue.objects.get(series__plan=plan, series__name="刑法犯検挙者数（デモ値）", year=2020)
    editing.save_context_value(
        actor=User.objects.get(username="admin"),
        series=value.series,
        data=editing.ValueInput(year=2020, value=Decimal(1303), reason="確定値に更新"),
        value=value,
        version=value.version,
    )
    before = db_state()
    response = secretariat.post(UPLOAD, {"token": preview.context["preview"].token})
    assert response.status_code == 409 and "プレビューの後に" in response.content.decode()
    assert db_state() == before and figures(plan, "刑法犯検挙者数（デモ値）")[2020] == Decimal(1303)


def test_a_preview_is_confirmed_only_by_whoever_made_it(secretariat: Client, plan: Plan) -> None:
    preview = secretariat.post(UPLOAD, {"file": SimpleUploadedFile("context.csv", CSV.encode())})
    colleague = User.objects.create_user("jimukyoku2", organization=plan.organization, role=Role.SECRETARIAT)
    client = Client()
    client.force_login(colleague)
    response = client.post(UPLOAD, {"token": preview.context["preview"].token})
    assert response.status_code == 400 and "このプレビューは使えません" in response.content.decode()
    assert not ContextSeries.objects.filter(name="なんでも子ども相談窓口の相談対応件数").exists()


def test_a_council_member_is_refused() -> None:
    assert login("iin").get(UPLOAD).status_code == 403
