"""「うち重点」 and 評価対象外 in the printed reports: what the council report, deck and workbook add.

A plan that shows neither gets None and "" here, and its documents print exactly as before.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shinchoku.domain.evaluation import ProgramGrade
from shinchoku.domain.exclusion import excluded_note
from shinchoku.domain.figures import Figures, ListingRow, YearFigures
from shinchoku.domain.priority import PriorityArea, PriorityFigures, priority_figures, priority_numbers
from shinchoku.plans.models import Plan


@dataclass(frozen=True)
class PriorityInput:
    """What the year's totals were computed from (excluded programs already left out)."""

    totals: Figures
    listings: list[ListingRow]
    programs: list[ProgramGrade]


def year_priority(
    plan: Plan, year_numbers: list[int] | None, marks: Collection[int], counted: PriorityInput
) -> PriorityFigures | None:
    """Return 「うち重点」 of a year (the year's own list, else the programs' marks), or None unless shown."""
    if not plan.show_priority:
        return None
    return priority_figures(
        totals=counted.totals,
        scale=plan.scale(),
        listings=counted.listings,
        programs=counted.programs,
        places=plan.percent_places,
        marked=priority_numbers(year_numbers, marks),
    )


def priority_programs(
    plan: Plan, year_numbers: list[int] | None, marks: Collection[int]
) -> frozenset[int] | None:
    """Return the year's priority programs (the set 「うち重点」 counts), or None unless the plan shows them."""
    return priority_numbers(year_numbers, marks) if plan.show_priority else None


PriorityRow = tuple[str, int, int, int, int, int, int]
PRIORITY_HEADINGS = ["計画全体", "うち重点", "定量的評価", "うち重点", "定性的評価", "うち重点"]


def overall_priority_table(figures: YearFigures, labels: list[str]) -> list[PriorityRow] | None:
    """Return ④ with 「うち重点」 beside each total: grade × (計画全体, うち重点, 定量, うち重点, 定性, うち重点)."""
    part = figures["priority"]
    if part is None:
        return None
    whole, types = figures["by_type"], part["by_type"]
    rows: list[PriorityRow] = [
        (
            f"達成度{label}",
            figures["overall"][label],
            part["overall"][label],
            whole["quantitative"][label],
            types["quantitative"][label],
            whole["qualitative"][label],
            types["qualitative"][label],
        )
        for label in labels
    ]
    rows.append(
        (
            "合計",
            figures["total"],
            part["total"],
            sum(whole["quantitative"].values()),
            sum(types["quantitative"].values()),
            sum(whole["qualitative"].values()),
            sum(types["qualitative"].values()),
        )
    )
    return rows


def priority_by_area(figures: YearFigures) -> dict[str, PriorityArea]:
    """Return each area's 「うち重点」 block by its number; empty when the plan does not show them."""
    part = figures["priority"]
    return {a["number"]: a for a in part["by_area"]} if part else {}


def exclusion_note(figures: YearFigures) -> str:
    """Return 「評価対象外：N事業（理由）」 for the note under the tallies, or "" when nothing was excluded."""
    return excluded_note(figures["excluded"])


def overall_columns(context: Mapping[str, Any]) -> tuple[list[str], Sequence[Sequence[Any]]]:
    """Return ④'s column headings and rows: with 「うち重点」 beside each total when the plan shows them."""
    if context["priority_table"]:
        return PRIORITY_HEADINGS, context["priority_table"]
    return ["計画全体", "定量的評価", "定性的評価"], context["overall_table"]
