"""Year over year: grade shares by year across the plan's period, and each indicator's target vs actual."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypedDict

from django.db.models import OuterRef, Q, Subquery

from shinchoku.domain.figures import YearFigures
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.ratios import Direction, achievement
from shinchoku.lib import charts
from shinchoku.plans.models import EntryStatus, Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.queries import values_of_entries
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
    years: list[TrendYear] = []
    for source, suffix in ((plan.predecessor, "（前計画）"), (plan, "")):
        if source is None:
            continue
        source_rows = rows if source is plan and rows is not None else read_plan_rows(source)
        # Every opened year has its entries (opening a year makes them): the years with entries.
        for fiscal_year in sorted(source_rows.entries):
            figures = (known or {}).get(fiscal_year) if source is plan else None
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
    year_numbers = [y["year"] for y in years]
    indicators: dict[int, dict[str, Any]] = {}
    # An indicator of the previous plan is shown on the row of the indicator that continues it.
    # Both halves of the filter are semi-joins on indexed keys: a filter on the annotation itself
    # made PostgreSQL run the subquery for every value of every organization (make bench: 40 s).
    ours = Indicator.objects.filter(program__plan=plan)
    continued_by = ours.filter(predecessor=OuterRef("indicator_id")).values("pk")
    values = (
        IndicatorValue.objects.filter(
            Q(indicator_id__in=ours.values("pk")) | Q(indicator_id__in=ours.values("predecessor_id")),
            fiscal_year__in=year_numbers,
        )
        .annotate(row=Subquery(continued_by[:1]))
        .select_related("indicator__program")
        .order_by("indicator__program__number", "indicator__position", "indicator_id")
    )
    if confirmed_only:
        confirmed = YearlyEntry.objects.filter(status=EntryStatus.CONFIRMED)
        values = values.filter(pk__in=values_of_entries(confirmed).values("pk"))
    for value in values:
        indicator = value.indicator
        row = indicators.setdefault(
            value.row or indicator.pk,
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
        row["by_year"][value.fiscal_year] = YearValue(value.target, value.actual, reached.percent)
    labels = list(plan.scale().labels)
    not_evaluable = plan.scale().not_evaluable
    chart = (
        charts.share_bar(
            [(y["label"], y["figures"]["overall_percent"]) for y in years],
            labels,
            not_evaluable.label if not_evaluable else None,
            kind="trends",
            row_height=0.4,
        )
        if years
        else None
    )
    rows = list(indicators.values())
    for row in rows:
        row["cells"] = [row["by_year"].get(y) for y in year_numbers]
        measured = [(y, v) for y, v in row["by_year"].items() if v.actual is not None or v.target is not None]
        row["chart"] = (
            charts.target_vs_actual(
                [wareki_label(y) for y, _ in measured],
                [v.target for _, v in measured],
                [v.actual for _, v in measured],
            )
            if len(measured) >= 2
            else None
        )
    return {"years": years, "labels": labels, "chart": chart, "indicators": rows}
