"""Year over year: grade shares and indicators by year, on the web and in the PDF."""

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import IndicatorValue, Plan, YearlyEntry
from shinchoku.reports.council import render_pdf
from shinchoku.reports.trends import year_trends
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years() -> Plan:
    """令和3年度 from the seed, and a 令和4年度 with program 1 confirmed (test data, not the seed's)."""
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=None, actor=User.objects.get(username="jimukyoku")
    )
    YearlyEntry.objects.filter(program__number=1, fiscal_year=2022).update(
        status="confirmed", final_grade="B", proposed_grade="B", activities="x", result_text="y"
    )
    IndicatorValue.objects.filter(indicator__program__number=1, fiscal_year=2022).update(actual=Decimal(130))
    return plan


def test_shares_by_year(two_years: Plan) -> None:
    trends = year_trends(two_years, confirmed_only=True)
    assert [y["label"] for y in trends["years"]] == ["令和3年度", "令和4年度"]
    assert trends["years"][1]["figures"]["overall"]["B"] == 1  # only program 1 is confirmed in 令和4年度


def test_indicators_by_year_with_achievement(two_years: Plan) -> None:
    trends = year_trends(two_years, confirmed_only=True)
    row = next(
        r for r in trends["indicators"] if r["name"] == "ワークステーションさいたま運営事業等に係る就職者数"
    )
    first, second = row["cells"]
    assert (first.target, first.actual) == (Decimal(120), Decimal(306))
    assert (second.target, second.actual) == (Decimal(120), Decimal(130))  # target carried into 令和4年度
    assert row["chart"].startswith("data:image/svg+xml;base64,")


def test_the_trends_page_for_each_persona(two_years: Plan) -> None:
    assert login("jimukyoku").get("/plans/saitama-r3/trends/").status_code == 200
    assert login("iin").get("/plans/saitama-r3/trends/").status_code == 200
    assert login("case1").get("/plans/saitama-r3/trends/").status_code == 404


def test_the_pdf_shows_the_trend_once_two_years_have_figures(two_years: Plan, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(two_years, 2022, confirmed_only=True))
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "年度別の推移" in text and "令和3年度" in text and "令和4年度" in text
