"""The open data of a plan: confirmed figures by year, and indicators in the 行政事業レビュー's long format.

Only what the caller may read goes in: the public gets confirmed entries of a published plan,
and an indicator's value of a year only once that year's entry of its program is confirmed.
The one write is the secretariat's publication settings (``save_publication``).
"""

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from shinchoku.accounts.models import User
from shinchoku.domain.figures import GradeCounts, Shares, YearFigures
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.numbers import Trend
from shinchoku.domain.ratios import Direction, achievement
from shinchoku.domain.tallies import percentages
from shinchoku.lib.csvfile import csv_bytes
from shinchoku.lib.history import record_actor
from shinchoku.opendata.models import Publication
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import EntryStatus, Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.queries import values_of_entries
from shinchoku.reports.figures import build_figures

COUNTING = {"listings": "再掲含む", "unique": "再掲除く"}
REVIEW_KINDS = ("目標年度", "目標値", "実績値", "達成率（%）")
PUBLICATION_FIELDS = ["is_published", "licence", "attribution"]


def publication_of(plan: Plan) -> Publication:
    """Return the plan's publication settings (unsaved defaults when the plan has none yet)."""
    return Publication.objects.filter(plan=plan).first() or Publication(plan=plan)


@transaction.atomic(durable=True)
def save_publication(
    plan: Plan, *, actor: User, is_published: bool, licence: str, attribution: str
) -> Publication:
    """Save whether the plan publishes open data, under which licence and credit line (the secretariat's)."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    publication = publication_of(plan)
    publication.is_published, publication.licence, publication.attribution = (
        is_published,
        licence,
        attribution,
    )
    record_actor(publication, actor)
    if publication.pk is None:
        publication.save()
    else:
        publication.save(update_fields=PUBLICATION_FIELDS)
    return publication


def confirmed_years(plan: Plan) -> list[int]:
    """Return the fiscal years that have at least one confirmed entry, oldest first."""
    return sorted(
        set(
            YearlyEntry.objects.filter(program__plan=plan, status=EntryStatus.CONFIRMED).values_list(
                "fiscal_year", flat=True
            )
        )
    )


def figures_by_year(plan: Plan) -> list[YearFigures]:
    """Return the confirmed figures of every year that has any (the JSON report's figures part)."""
    return [build_figures(plan, year, confirmed_only=True) for year in confirmed_years(plan)]


FIGURES_HEADER = [
    "年度",
    "年度（西暦）",
    "集計単位",
    "重点項目番号",
    "重点項目",
    "数え方",
    "達成度",
    "件数",
    "割合（%）",
]


def figures_csv(figures: list[YearFigures]) -> bytes:
    """Return the figures in long format: one row per year, whole plan or area, way of counting and grade."""
    return csv_bytes(FIGURES_HEADER, _figure_rows(figures))


def _figure_rows(figures: list[YearFigures]) -> Iterator[list[Any]]:
    for year in figures:
        head = [year["label"], year["fiscal_year"]]
        blocks = [("計画全体", "", "", year["overall"], year["overall_percent"], "listings")]
        blocks.append(
            ("計画全体", "", "", year["overall_unique"], _shares(year["overall_unique"], year), "unique")
        )
        for area in year["by_area"]:
            blocks.append(
                ("重点項目", area["number"], area["title"], area["counts"], area["percent"], "listings")
            )
            blocks.append(
                (
                    "重点項目",
                    area["number"],
                    area["title"],
                    area["unique_counts"],
                    area["unique_percent"],
                    "unique",
                )
            )
        for unit, number, title, counts, percent, counting in blocks:
            for grade in year["scale"]:
                yield [*head, unit, number, title, COUNTING[counting], grade, counts[grade], percent[grade]]


def _shares(counts: GradeCounts, year: YearFigures) -> Shares:
    """Return the shares of the unique counts, written as the report writes its other percentages."""
    places = year["percent_places"]
    return {k: int(v) if places == 0 else float(v) for k, v in percentages(counts, places).items()}


def figures_json(plan: Plan, figures: list[YearFigures], licence: dict[str, str]) -> str:
    """Return the figures by year as one JSON document with the licence and the credit line."""
    document: dict[str, Any] = {
        "plan": plan.name,
        "plan_slug": plan.slug,
        "organization": plan.organization.name,
        **licence,
    }
    document["years"] = figures
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def readable_values(entries: QuerySet[YearlyEntry]) -> QuerySet[IndicatorValue]:
    """Return the indicator values whose year's entry (of the indicator's department, if it has one) is readable."""
    return values_of_entries(entries)


def review_rows(plan: Plan, entries: QuerySet[YearlyEntry]) -> tuple[list[str], list[list[Any]]]:
    """Return the 行政事業レビュー 目標・実績 table: one row per indicator and kind, one column per year.

    目標年度 gives, in each year's column, the fiscal year the target there is for, and
    最終目標年度 the last year that has a target. 達成率 follows the indicator's direction
    (lower is better: target / actual) and is blank when it cannot be computed.
    """
    years = list(range(plan.first_year, plan.last_year + 1))
    header = [
        "団体コード",
        "団体名",
        "計画",
        "事業番号",
        "事業名",
        "所管課",
        "指標",
        "単位",
        "方向",
        "種別",
        "最終目標年度",
    ] + [f"{year}（{wareki_label(year)}）" for year in years]
    values: dict[int, dict[int, IndicatorValue]] = {}
    for value in readable_values(entries).filter(indicator__program__plan=plan, fiscal_year__in=years):
        values.setdefault(value.indicator_id, {})[value.fiscal_year] = value
    indicators = (
        Indicator.objects.filter(program__plan=plan, pk__in=values)
        .select_related("program", "department")
        .prefetch_related("program__departments")
        .order_by("program__number", "position", "pk")
    )
    rows: list[list[Any]] = []
    for indicator in indicators:
        by_year = values[indicator.pk]
        direction = Direction(indicator.direction)
        department = indicator.department or next(iter(indicator.program.departments.all()), None)
        targeted = [y for y in years if y in by_year and by_year[y].target is not None]
        head = [
            plan.organization.jis_code,
            plan.organization.name,
            plan.name,
            indicator.program.number,
            indicator.program.title,
            department.name if department else "",
            indicator.name,
            indicator.unit,
            "高いほど良い" if direction is Direction.HIGHER_IS_BETTER else "低いほど良い",
        ]
        final_year = max(targeted) if targeted else ""
        cells: dict[str, list[Any]] = {
            "目標年度": [y if y in targeted else "" for y in years],
            "目標値": [_target(by_year[y]) if y in by_year else "" for y in years],
            "実績値": [_number(by_year[y].actual) if y in by_year else "" for y in years],
            "達成率（%）": [_achievement(by_year.get(y), direction) for y in years],
        }
        for kind in REVIEW_KINDS:
            rows.append([*head, kind, final_year, *cells[kind]])
    return header, rows


def review_csv(plan: Plan, entries: QuerySet[YearlyEntry]) -> bytes:
    header, rows = review_rows(plan, entries)
    return csv_bytes(header, rows)


def _target(value: IndicatorValue) -> str:
    """Return the target as published: the figure, or ↑ → ↓ 継続実施 for a target without a number."""
    return Trend(value.target_trend).mark if value.target_trend else _number(value.target)


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")  # 1500.000 → 1500, 12.500 → 12.5


def _achievement(value: IndicatorValue | None, direction: Direction) -> str:
    if value is None:
        return ""
    percent = achievement(target=value.target, actual=value.actual, direction=direction).percent
    return "" if percent is None else str(percent)
