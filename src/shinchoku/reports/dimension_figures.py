"""The figures of a plan's further dimensions (川崎市 妥当性・有効性…), from the entries the year's figures use."""

from collections.abc import Collection, Sequence

from shinchoku.domain.dimension_tallies import dimension_figures
from shinchoku.domain.dimensions import DimensionFigures, parse_dimensions
from shinchoku.domain.figures import ListingRow
from shinchoku.domain.grades import MergePolicy
from shinchoku.plans.models import Plan, YearlyEntry


def build_dimension_figures(
    plan: Plan,
    entries: Sequence[YearlyEntry],
    listings: Sequence[ListingRow],
    priority: Collection[int] | None = None,
) -> list[DimensionFigures]:
    """Return one block per dimension of the plan ([] for a plan without), excluded entries left out.

    entries are those the year's 達成度 figures count (all, or the confirmed ones), already read:
    no query is made here. priority is the year's priority programs when the plan shows 「うち重点」.
    """
    dimensions = parse_dimensions(plan.dimensions)
    if not dimensions:
        return []
    counted = [e for e in entries if not e.excluded]  # 評価対象外 is left out of every count
    blocks = []
    for dimension in dimensions:
        grades: dict[int, list[str]] = {}
        for entry in counted:
            label = str((entry.dimension_grades or {}).get(dimension.key, ""))
            grades.setdefault(entry.program.number, []).extend([label] if label else [])
        blocks.append(
            dimension_figures(
                dimension=dimension,
                listings=listings,
                grades=grades,
                policy=MergePolicy(plan.merge_policy),
                places=plan.percent_places,
                priority=priority,
            )
        )
    return blocks
