"""Counts of one further dimension per area, as the figures count 達成度 (川崎市's 施策課題別集計).

A program's grade on a dimension is its departments' grades merged by the plan's merge policy
(GradeScale.merge, the same rule as 達成度); listings are counted by listing (再掲含む) and by unique
program, overall and per area. Every area listed in the year gets a row, zero when none of its
programs is graded yet, so a dimension's table lines up with 達成度's areas.
"""

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal

from shinchoku.domain.dimensions import (
    Dimension,
    DimensionArea,
    DimensionBlock,
    DimensionFigures,
    DimensionPriority,
)
from shinchoku.domain.figures import ListingRow
from shinchoku.domain.grades import MergePolicy
from shinchoku.domain.tallies import percentages, tally


def program_grades(
    dimension: Dimension, grades: Mapping[int, Sequence[str]], policy: MergePolicy
) -> dict[int, str]:
    """Return each program's grade on the dimension: its departments' grades merged by the policy.

    A program whose departments gave no grade on the dimension is left out (not yet graded).
    """
    merged: dict[int, str] = {}
    for number, labels in grades.items():
        grade = dimension.scale.merge([dimension.parse(label) for label in labels if label], policy)
        if grade is not None:
            merged[number] = grade.label
    return merged


def dimension_figures(
    *,
    dimension: Dimension,
    listings: Sequence[ListingRow],
    grades: Mapping[int, Sequence[str]],
    policy: MergePolicy,
    places: int,
    priority: Collection[int] | None = None,
) -> DimensionFigures:
    """Return one dimension's counts and shares, overall and per area, for a plan-year.

    priority, when given, is the year's priority programs: their counts come again as 「うち重点」.
    """
    merged = program_grades(dimension, grades, policy)
    labels = dimension.scale.labels
    overall, by_area = _counted(listings, merged, labels, places)
    listed = {row.program for row in listings}
    part = None
    if priority is not None:
        marked = {n: g for n, g in merged.items() if n in priority}
        part_overall, part_areas = _counted(listings, marked, labels, places)
        part = DimensionPriority(**part_overall, by_area=part_areas)
    return DimensionFigures(
        key=dimension.key,
        name=dimension.name,
        scale=list(labels),
        meanings={g.label: g.meaning for g in dimension.scale.grades},
        **overall,
        by_area=by_area,
        ungraded_programs=sorted(n for n in listed if n not in merged),
        priority=part,
    )


def _counted(
    listings: Sequence[ListingRow], merged: Mapping[int, str], labels: tuple[str, ...], places: int
) -> tuple[DimensionBlock, list[DimensionArea]]:
    """Return the graded listings' block overall and one per area (every listed area, zeros when none)."""
    areas: dict[str, list[ListingRow]] = {}
    titles: dict[str, str] = {}
    for row in listings:
        areas.setdefault(row.area.path, [])
        titles.setdefault(row.area.path, row.area.title)
        if row.program in merged:
            areas[row.area.path].append(row)
    graded = [row for row in listings if row.program in merged]
    return _block(graded, merged, labels, places), [
        DimensionArea(number=path, title=titles[path], **_block(rows, merged, labels, places))
        for path, rows in areas.items()
    ]


def _block(
    rows: Sequence[ListingRow], merged: Mapping[int, str], labels: tuple[str, ...], places: int
) -> DimensionBlock:
    counts = tally((merged[r.program] for r in rows), labels)
    unique = sorted({r.program for r in rows})
    unique_counts = tally((merged[n] for n in unique), labels)
    return DimensionBlock(
        total=len(rows),
        counts=counts,
        percent=_numbers(percentages(counts, places)),
        unique_total=len(unique),
        unique_counts=unique_counts,
        unique_percent=_numbers(percentages(unique_counts, places)),
    )


def _numbers(shares: dict[str, Decimal]) -> dict[str, int | float]:
    """Return shares as JSON numbers: whole percents as integers, others as decimals (as figures do)."""
    return {
        k: int(v) if v == v.to_integral_value() and v.as_tuple().exponent == 0 else float(v)
        for k, v in shares.items()
    }
