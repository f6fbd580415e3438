"""The entry form under the baseline policy: baselines edited beside the figures, targets without numbers."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans import workflow
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
NAGAYO_RULE = {
    "tolerance": "0.1",
    "kind": "relative",
    "grades": {"reached": "S", "improved": "A", "unchanged": "B", "worsened": "C"},
}


def _on_baseline_policy(entry: YearlyEntry) -> None:
    plan = Plan.objects.get(pk=entry.program.plan_id)
    plan.grade_scale = PRESETS["s-to-c"].to_dict()
    plan.combine_policy = "baseline"
    plan.baseline_rule = NAGAYO_RULE
    plan.save()


def _form(entry: YearlyEntry, rows: list[dict[str, str]]) -> dict[str, str]:
    indicators = workflow.entry_indicators(entry)
    data = {
        "version": str(entry.version),
        "activities": "ワンストップ就労支援を実施しました。",
        "target_text": "",
        "result_text": "就職者数 306人",
        "evaluation_type": "quantitative",
        "proposed_grade": "",
        "proposed_reason": "",
        "save": "1",
        "ind-TOTAL_FORMS": str(len(indicators)),
        "ind-INITIAL_FORMS": "0",
    }
    for i, (indicator, row) in enumerate(zip(indicators, rows, strict=True)):
        data |= {
            f"ind-{i}-indicator_id": str(indicator.pk),
            f"ind-{i}-name": indicator.name,
            f"ind-{i}-unit": indicator.unit,
            f"ind-{i}-direction": indicator.direction,
            f"ind-{i}-source": "",
        }
        data |= {f"ind-{i}-{name}": value for name, value in row.items()}
    return data


ROWS = [
    {"target": "↑", "actual": "306", "baseline": "250人", "baseline_year": "令和元年度"},
    {"target": "7,200", "actual": "7,936", "baseline": "7,000", "baseline_year": "R1"},
]


def test_baselines_and_an_arrow_target_are_saved_and_grade_the_entry(cycle: dict[str, Any]) -> None:
    entry = cycle["draft"]
    _on_baseline_policy(entry)
    client = login("roudou")
    page = client.get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert 'name="ind-0-baseline"' in page and "基準年度" in page

    response = client.post(reverse("plans:edit", args=[entry.pk]), _form(entry, ROWS))

    assert response.status_code == 302
    first, second = workflow.entry_indicators(entry)
    assert (first.baseline, first.baseline_year, second.baseline) == (Decimal(250), 2019, Decimal(7000))
    value = IndicatorValue.objects.get(indicator=first, fiscal_year=2022)
    assert (value.target, value.target_trend, value.actual) == (None, "up", Decimal(306))
    entry.refresh_from_db()
    assert entry.suggested_grade == "S"  # 306 rose beyond 250 + 10%; 7,936 reached 7,200
    page = client.get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert 'name="ind-0-target" value="↑"' in page
    detail = client.get(reverse("plans:entry", args=[entry.pk])).content.decode()
    assert "↑" in detail and "基準値 250人" in detail


@pytest.mark.parametrize("spelling", ["上昇", "増加", "⇧", "継続実施", "維持"])
def test_the_live_hint_reads_targets_without_numbers(cycle: dict[str, Any], spelling: str) -> None:
    entry = cycle["draft"]
    _on_baseline_policy(entry)
    query = {"ind-0-target": spelling, "ind-0-actual": "300", "ind-0-baseline": "250"}

    hint = login("roudou").get(reverse("plans:suggest", args=[entry.pk]), query).json()

    assert hint["grade"] == ("" if spelling == "継続実施" else "S")
    assert hint["problems"] == []


def test_a_plan_on_the_mean_policy_shows_no_baseline_columns(cycle: dict[str, Any]) -> None:
    entry = cycle["draft"]
    page = login("roudou").get(reverse("plans:edit", args=[entry.pk])).content.decode()
    assert "ind-0-baseline" not in page
    indicator = workflow.entry_indicators(entry)[0]
    Indicator.objects.filter(pk=indicator.pk).update(baseline=Decimal(250))
    rows = [{"target": "120", "actual": "306"}, {"target": "7200", "actual": "7936"}]
    assert login("roudou").post(reverse("plans:edit", args=[entry.pk]), _form(entry, rows)).status_code == 302
    assert Indicator.objects.get(pk=indicator.pk).baseline == Decimal(250)  # kept, not cleared


def test_the_secretariat_accepts_an_indicator_whose_target_is_an_arrow(cycle: dict[str, Any]) -> None:
    entry = YearlyEntry.objects.get(program__number=8, fiscal_year=2021)
    data = {
        "prefix": "p0",
        "p0-name": "協力雇用主の登録数",
        "p0-unit": "社",
        "p0-direction": "higher",
        "p0-source": "",
        "p0-target": "増加",
        "p0-actual": "12",
    }

    response = login("jimukyoku").post(reverse("plans:accept_indicator", args=[entry.pk]), data)

    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator__name="協力雇用主の登録数", fiscal_year=2021)
    assert (value.target, value.target_trend, value.actual) == (None, "up", Decimal(12))
