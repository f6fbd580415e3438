"""Plan outcomes and context statistics: in the JSON report, the dashboard and the PDF; taken from a CSV."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from shinchoku.lib.problems import ImportRefused
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.outcomes.services import import_context, outcomes_payload
from shinchoku.plans.models import Plan
from shinchoku.reports.council import render_html, render_pdf
from shinchoku.reports.exports import report_payload
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_the_demo_outcome_is_judged_against_its_five_year_average(plan: Plan) -> None:
    (outcome,) = report_payload(plan, 2021)["outcomes"]
    assert outcome["name"] == "再犯者数（デモ値）" and outcome["is_demo"]
    assert outcome["baseline"] == {"value": 580, "from": 2016, "to": 2020, "averaged": True}
    assert outcome["target"] == {"value": 464, "year": 2025}
    # 580 → 464 over 2020–2025 is 23.2 a year: 556.8 expected in 2021, and 538 is below it.
    assert (outcome["latest"], outcome["expected"], outcome["on_track"]) == (
        {"year": 2021, "value": 538},
        556.8,
        True,
    )
    assert outcome["share_of_the_way_percent"] == 36  # (580 − 538) / 116


def test_an_earlier_years_report_ignores_values_recorded_since(plan: Plan) -> None:
    before = report_payload(plan, 2021)["outcomes"]
    outcome = Outcome.objects.get(plan=plan)
    OutcomeValue.objects.create(outcome=outcome, year=2023, value=Decimal(600), source="police")
    assert report_payload(plan, 2021)["outcomes"] == before
    (later,) = outcomes_payload(plan, 2023)
    assert later["latest"] == {"year": 2023, "value": 600} and later["on_track"] is False


def test_a_missing_baseline_year_is_named_instead_of_a_wrong_average(plan: Plan) -> None:
    OutcomeValue.objects.filter(outcome__plan=plan, year=2018).delete()
    (outcome,) = report_payload(plan, 2021)["outcomes"]
    assert outcome["problem"] == "基準値の期間に値のない年があります（2018年）。"
    assert outcome["on_track"] is None


def test_the_report_prints_the_context_and_the_outcome_with_their_charts(plan: Plan) -> None:
    pdf = PdfReader(io.BytesIO(render_pdf(plan, 2021, confirmed_only=False)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "再犯防止を取り巻く状況" in text and "刑法犯検挙者数（デモ値）" in text
    assert "計画の成果指標" in text and "目標への道筋どおり" in text
    assert text.count("デモ値です（実在の統計ではありません）") == 3
    html = render_html(plan, 2021, confirmed_only=False)
    for section in ("context", "outcomes"):
        body = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
        assert '<img src="data:image/svg+xml;base64,' in body  # each chart is drawn into the page


def test_the_dashboard_shows_whether_the_outcome_is_on_track(plan: Plan) -> None:
    page = login("jimukyoku").get(reverse("reports:dashboard", args=[plan.slug, 2021])).content.decode()
    assert "再犯者数（デモ値）" in page and "目標への道筋どおり" in page
    outcomes = page.split('id="outcomes"', 1)[1].split("</section>", 1)[0]
    assert '<img src="data:image/svg+xml;base64,' in outcomes


CSV = '項目,年,値,単位,出典\n刑法犯認知件数,令和2年,"５,１２０",件,警察統計（デモ）\n刑法犯認知件数,2021,4980,件,警察統計（デモ）\n'


def test_context_statistics_come_from_a_csv(plan: Plan) -> None:
    assert import_context(plan, "context.csv", CSV.encode("utf-8-sig"), actor=None) == 2
    series = ContextSeries.objects.get(plan=plan, name="刑法犯認知件数")
    assert (series.unit, series.source, series.source_note) == ("件", "police", "警察統計（デモ）")
    assert dict(series.values.values_list("year", "value")) == {2020: Decimal(5120), 2021: Decimal(4980)}
    assert any(s["name"] == "刑法犯認知件数" for s in report_payload(plan, 2021)["context"])


def test_a_bad_row_is_named_and_nothing_is_written(plan: Plan) -> None:
    before = db_state() | {"context": list(ContextValue.objects.values_list("pk", "value"))}
    bad = CSV + "刑法犯認知件数,2022,約5千,件,警察統計\n"
    with pytest.raises(ImportRefused) as refused:
        import_context(plan, "context.csv", bad.encode("utf-8"), actor=None)
    assert "「約5千」は数値として読めません" in str(refused.value) and "4行目" in str(refused.value)
    assert db_state() | {"context": list(ContextValue.objects.values_list("pk", "value"))} == before


def test_a_file_without_the_columns_says_which_are_missing(plan: Plan) -> None:
    with pytest.raises(ImportRefused, match="見出し「年」「値」がありません"):
        import_context(plan, "context.csv", "項目,数\nx,1\n".encode(), actor=None)
