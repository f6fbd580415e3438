"""「うち重点」: the year's counts again for its priority programs only (川崎市).

A plan that shows them (Plan.show_priority) prints, beside every total, how many of the counted
programs are priority programs (重点事業) and their grades. Which programs are priority programs
is marked per plan on each program, and may be replaced for one year by a list of numbers.
"""

from collections.abc import Collection, Iterable, Sequence
from typing import TypedDict

from shinchoku.domain.evaluation import ProgramGrade
from shinchoku.domain.figures import Block, ByType, Figures, GradeCounts, ListingRow, Shares, compute_figures
from shinchoku.domain.grades import GradeScale


class PriorityArea(Block):
    """An area's block for its priority programs, beside the area's block of all programs."""

    number: str
    title: str


class PriorityFigures(TypedDict):
    """The year's totals for priority programs only; the same keys as the totals (docs/figures.md)."""

    marked: list[int]  # the year's priority programs, by number
    total: int
    programs: int
    overall: GradeCounts
    overall_percent: Shares
    overall_unique: GradeCounts
    by_type: ByType
    by_type_unique: ByType
    by_area: list[PriorityArea]  # one per area of the totals, in their order (zeros when none)


def priority_numbers(year_numbers: Iterable[int] | None, marked: Iterable[int]) -> frozenset[int]:
    """Return the year's priority programs: the year's own list when it has one, else the programs' marks."""
    return frozenset(marked if year_numbers is None else year_numbers)


def priority_figures(
    *,
    totals: Figures,
    scale: GradeScale,
    listings: Sequence[ListingRow],
    programs: Sequence[ProgramGrade],
    places: int,
    marked: Collection[int],
) -> PriorityFigures:
    """Return the totals' counts for the priority programs among the counted ones.

    listings and programs are those the totals were computed from (excluded programs already left
    out), so 「うち重点」 is always a part of its total.
    """
    part = compute_figures(
        scale=scale,
        listings=[row for row in listings if row.program in marked],
        programs=[p for p in programs if p.number in marked],
        places=places,
    )
    areas = {a["number"]: a for a in part["by_area"]}
    empty = _empty_block(scale, places)
    by_area = []
    for area in totals["by_area"]:
        block = areas.get(area["number"]) or empty
        by_area.append(
            PriorityArea(
                number=area["number"],
                title=area["title"],
                total=block["total"],
                counts=dict(block["counts"]),
                percent=dict(block["percent"]),
                unique_total=block["unique_total"],
                unique_counts=dict(block["unique_counts"]),
                unique_percent=dict(block["unique_percent"]),
            )
        )
    return PriorityFigures(
        marked=sorted(marked),
        total=part["total"],
        programs=part["programs"],
        overall=part["overall"],
        overall_percent=part["overall_percent"],
        overall_unique=part["overall_unique"],
        by_type=part["by_type"],
        by_type_unique=part["by_type_unique"],
        by_area=by_area,
    )


def _empty_block(scale: GradeScale, places: int) -> Block:
    """Return the block of a group with no priority program: 0 everywhere."""
    nothing = compute_figures(scale=scale, listings=[], programs=[], places=places)
    return Block(
        total=0,
        counts=nothing["overall"],
        percent=nothing["overall_percent"],
        unique_total=0,
        unique_counts=nothing["overall_unique"],
        unique_percent=nothing["overall_percent"],
    )
