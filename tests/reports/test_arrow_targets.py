"""A target without a number (↑ → ↓ 継続実施) prints as its arrow wherever an indicator's target is printed.

The seed's program 1 (ワークステーションさいたま, 就職者数: target 120人, 令和3年度 306人) given 「↑」 as its
令和4年度 target instead of a number (test data, not the seed's), with 130人 reached.
"""

from decimal import Decimal

import pytest

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import IndicatorValue, Plan, YearlyEntry
from shinchoku.reports.council import render_html
from shinchoku.reports.progress_table import to_csv

pytestmark = pytest.mark.django_db
NAME = "ワークステーションさいたま運営事業等に係る就職者数"


@pytest.fixture
def arrow() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan, fiscal_year=2022, deadline=None, actor=User.objects.get(username="jimukyoku")
    )
    YearlyEntry.objects.filter(program__plan=plan, program__number=1, fiscal_year=2022).update(
        status="confirmed", final_grade="B", proposed_grade="B", activities="x", result_text="y"
    )
    IndicatorValue.objects.filter(
        indicator__program__plan=plan, indicator__name=NAME, fiscal_year=2022
    ).update(target=None, target_trend="up", actual=Decimal(130))
    return plan


def test_the_council_reports_indicator_table_prints_the_arrow(arrow: Plan) -> None:
    html = render_html(arrow, 2022, confirmed_only=True)
    assert "120 / 306人" in html  # 令和3年度: a number, as before
    assert "↑ / 130人" in html  # 令和4年度: the arrow, not 「―」


def test_the_progress_table_prints_the_arrow_under_the_target_text(arrow: Plan) -> None:
    text = to_csv(arrow, 2022, confirmed_only=True).decode("utf-8-sig")
    assert f"〇{NAME}　↑" in text
    assert "↑" not in to_csv(arrow, 2021).decode("utf-8-sig")  # 令和3年度's target is 120人
