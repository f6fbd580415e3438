"""The figures' ``measures`` key: a plan-year's measures (施策) graded by the plan's rule or by hand.

Null when the plan does not grade measures (さいたま市's plan): then nothing is read and nothing is
printed, so such a plan's reports are what they were. Otherwise one query more (the grades given
by hand); the tree, the programs' grades and the entries are those the figures already read.
"""

from collections.abc import Sequence

from shinchoku.domain.evaluation import ProgramGrade
from shinchoku.domain.measures import MeasureFigures, measure_figures, measure_item
from shinchoku.plans.measures import excluded_programs, hand_grades, measure_rows, rule_of
from shinchoku.plans.models import Listing, Plan, YearlyEntry


def measures_of_year(
    plan: Plan,
    fiscal_year: int,
    *,
    listings: Sequence[Listing],
    programs: Sequence[ProgramGrade],
    entries: Sequence[YearlyEntry],
) -> MeasureFigures | None:
    """Return the year's measures block, None when the plan's measures are not graded."""
    rule = rule_of(plan)
    if rule is None:
        return None
    rows = measure_rows(
        rule=rule,
        scale=plan.scale(),
        listings=listings,
        programs=programs,
        excluded=excluded_programs(entries),
        by_hand=hand_grades(plan, fiscal_year),
    )
    items = [measure_item(r.path, r.title, [p.number for p in r.programs], r.result) for r in rows]
    return measure_figures(rule, items)
