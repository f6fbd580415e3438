"""Year over year: grade shares by year across the plan's period, and each indicator's target vs actual."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Subquery

from shinchoku.domain.figures import YearFigures
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.numbers import Trend
from shinchoku.domain.ratios import Direction, achievement
from shinchoku.lib import charts
from shinchoku.plans.models import EntryStatus, Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.queries import entry_among
from shinchoku.reports.figures import PlanRows, ReportInputError, build_figures, read_plan_rows


class TrendYear(TypedDict):
    year: int
    label: str  # 令和3年度, or 令和2年度（前計画）
    figures: YearFigures


@dataclass(frozen=True)
class YearValue:
    target: Decimal | None
    actual: Decimal | None
    percent: Decimal | None  # achievement in percent, direction applied (domain.ratios.achievement)
    trend: str = ""  # a target without a number, as printed: ↑ → ↓ 継続実施 ("" for a numeric target)


def year_trends(
    plan: Plan,
    *,
    confirmed_only: bool,
    rows: PlanRows | None = None,
    known: dict[int, YearFigures] | None = None,
) -> dict[str, Any]:
    """Return each opened year's overall figures and every indicator's values by year.

    A plan that succeeds another starts with the previous plan's years (marked 前計画), and
    each indicator carried over shows its values from both plans on one row. known holds figures
    the caller has already built (by fiscal year of this plan) are not built again, and rows, the
    plan's rows read by the caller, serve every other year of the plan.
    """
    years = _years_with_figures(plan, confirmed_only=confirmed_only, rows=rows, known=known or {})
    year_numbers = [y["year"] for y in years]
    indicators = _indicator_rows(plan, year_numbers, confirmed_only=confirmed_only)
    for row in indicators:
        _add_cells_and_chart(row, year_numbers)
    labels = list(plan.scale().labels)
    return {
        "years": years,
        "labels": labels,
        "chart": _shares_chart(plan, years, labels),
        "indicators": indicators,
    }


def _years_with_figures(
    plan: Plan, *, confirmed_only: bool, rows: PlanRows | None, known: dict[int, YearFigures]
) -> list[TrendYear]:
    """Return the years with figures, the previous plan's first (labelled 前計画)."""
    years: list[TrendYear] = []
    for source, suffix in ((plan.predecessor, "（前計画）"), (plan, "")):
        if source is None:
            continue
        source_rows = rows if source is plan and rows is not None else read_plan_rows(source)
        # Every opened year has its entries (opening a year makes them): the years with entries.
        for fiscal_year in sorted(source_rows.entries):
            figures = known.get(fiscal_year) if source is plan else None
            if figures is None:
                try:
                    figures = build_figures(
                        source, fiscal_year, confirmed_only=confirmed_only, rows=source_rows
                    )
                except ReportInputError:
                    continue
            if figures["total"]:
                label = wareki_label(fiscal_year) + suffix
                years.append(TrendYear(year=fiscal_year, label=label, figures=figures))
    return years


def _indicator_rows(plan: Plan, year_numbers: list[int], *, confirmed_only: bool) -> list[dict[str, Any]]:
    """Return one row per indicator (a continued indicator shares its successor's) with its values by year."""
    indicators: dict[int, dict[str, Any]] = {}
    for value, continued_by in _indicator_values(plan, year_numbers, confirmed_only=confirmed_only):
        indicator = value.indicator
        row = indicators.setdefault(
            continued_by or indicator.pk,
            {
                "program": indicator.program.number,
                "name": indicator.name,
                "unit": indicator.unit,
                "by_year": {},
            },
        )
        reached = achievement(
            target=value.target, actual=value.actual, direction=Direction(indicator.direction)
        )
        trend = Trend(value.target_trend).mark if value.target_trend else ""
        row["by_year"][value.fiscal_year] = YearValue(value.target, value.actual, reached.percent, trend)
    return list(indicators.values())


def _indicator_values(
    plan: Plan, year_numbers: list[int], *, confirmed_only: bool
) -> list[tuple[IndicatorValue, int | None]]:
    """Return the values of the plan's indicators and of the indicators they continue, by program and position.

    With each value comes the indicator of this plan that continues its own, if any: a value of the
    previous plan is shown on the row of the indicator that continues it.

    The indicators are one semi-join on indexed keys: the plan's indicators and the ones they continue
    in one IN (a UNION), which PostgreSQL answers by index lookups of the values. An OR of two
    IN-subqueries made it read every value of every organization, and its estimate was high enough to
    compile the query (JIT) for seconds (make bench: 27 times slower with 1,788 organizations). Whether
    a value's entry is confirmed is asked of the rows found, not as a filter, for the same reason.
    """
    ours = Indicator.objects.filter(program__plan=plan).order_by()
    continued = ours.filter(predecessor__isnull=False).values("predecessor_id")
    shown = ours.values("pk").union(continued, all=True)
    continued_by = ours.filter(predecessor=OuterRef("indicator_id")).order_by("pk").values("pk")[:1]
    confirmed = YearlyEntry.objects.filter(status=EntryStatus.CONFIRMED)
    values = IndicatorValue.objects.filter(indicator_id__in=shown, fiscal_year__in=year_numbers)
    if confirmed_only:  # tested on the rows found (a filter made PostgreSQL read every value)
        values = values.annotate(confirmed=ExpressionWrapper(entry_among(confirmed), BooleanField()))
    found = (
        values.annotate(row=Subquery(continued_by))
        .select_related("indicator__program")
        .order_by("indicator__program__number", "indicator__position", "indicator_id")
    )
    return [(value, value.row) for value in found if getattr(value, "confirmed", True)]


def _shares_chart(plan: Plan, years: list[TrendYear], labels: list[str]) -> str | None:
    """Return the chart of grade shares by year, or None when no year has figures."""
    if not years:
        return None
    not_evaluable = plan.scale().not_evaluable
    return charts.share_bar(
        [(y["label"], y["figures"]["overall_percent"]) for y in years],
        labels,
        not_evaluable.label if not_evaluable else None,
        kind="trends",
        row_height=0.4,
    )


def _add_cells_and_chart(row: dict[str, Any], year_numbers: list[int]) -> None:
    """Add an indicator row's cells (one per year shown) and its target-vs-actual chart (two values or more)."""
    by_year: dict[int, YearValue] = row["by_year"]
    row["cells"] = [by_year.get(y) for y in year_numbers]
    measured = [(y, v) for y, v in by_year.items() if v.actual is not None or v.target is not None]
    row["chart"] = (
        charts.target_vs_actual(
            [wareki_label(y) for y, _ in measured],
            [v.target for _, v in measured],
            [v.actual for _, v in measured],
        )
        if len(measured) >= 2
        else None
    )
