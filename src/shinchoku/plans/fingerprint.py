"""The fingerprint of a plan-year: what a cached page or document of it was made from (lib/cache.py).

One query of scalar subqueries, each on indexed keys of this plan only (its cost does not grow with
other organizations): the year's entries (count, highest id, sum of versions: every workflow step
bumps an entry's version), the latest history row of the year's entries, of the plan (its settings:
scale, counting, decimal places), of its opened years (deadline) and of its indicators' values; the
plan's programs and listings (count, highest id, the years a revision ended them); the published
tallies; the latest history row of departments (a rename). A change through any service moves one
of them; the cached value made before it is never found again.

Callers above plans add their own rows as ``extra`` subqueries (reports: the plan's outcomes), in a
``FingerprintQuery`` of their own.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce, Concat

from shinchoku.accounts.models import Department
from shinchoku.lib.prepared import fetch_one
from shinchoku.plans.measure_models import MeasureGrade
from shinchoku.plans.models import (
    IndicatorValue,
    Listing,
    Plan,
    PlanYear,
    Program,
    PublishedTally,
    YearlyEntry,
)

HistoricalEntry: Any = YearlyEntry.history.model
HistoricalPlan: Any = Plan.history.model
HistoricalPlanYear: Any = PlanYear.history.model
HistoricalValue: Any = IndicatorValue.history.model
HistoricalDepartment: Any = Department.history.model
HistoricalMeasureGrade: Any = MeasureGrade.history.model


def scalar(rows: QuerySet[Any], aggregate: Any) -> Subquery:
    """Return a subquery of one aggregate over rows (NULL when there are none)."""
    grouped = rows.order_by().annotate(one=Value(1)).values("one").annotate(value=aggregate)
    return Subquery(grouped.values("value")[:1])


def scalars(rows: QuerySet[Any], *aggregates: Any) -> Subquery:
    """Return one subquery of several aggregates over rows, as one text ("12:3456:78"): one read of the rows.

    Each aggregate in its own subquery read the same rows again (PostgreSQL planned and ran each).
    """
    parts: list[Any] = []
    for aggregate in aggregates:
        parts += [Cast(aggregate, CharField()), Value(":")]
    return scalar(rows, Concat(*parts[:-1], output_field=CharField()))


def base_parts(fiscal_year: int) -> dict[str, Any]:
    """Return the subqueries of the fingerprint: each an aggregate (or a few) over this plan's rows."""
    entries = YearlyEntry.objects.filter(program__plan=OuterRef("pk"), fiscal_year=fiscal_year)
    programs = Program.objects.filter(plan=OuterRef("pk"))
    listings = Listing.objects.filter(program__plan=OuterRef("pk"))
    return {
        "entries": scalars(entries, Count("pk"), Max("pk"), Sum("version")),
        "entry_history": scalar(
            HistoricalEntry.objects.filter(program__plan=OuterRef("pk"), fiscal_year=fiscal_year),
            Max("history_id"),
        ),
        "plan_history": scalar(HistoricalPlan.objects.filter(id=OuterRef("pk")), Max("history_id")),
        "year_history": scalar(HistoricalPlanYear.objects.filter(plan=OuterRef("pk")), Max("history_id")),
        "value_history": scalar(
            HistoricalValue.objects.filter(indicator__program__plan=OuterRef("pk")), Max("history_id")
        ),
        "programs": scalars(programs, Count("pk"), Max("pk"), Sum(Coalesce("last_year", 0))),
        "listings": scalars(listings, Count("pk"), Max("pk"), Sum(Coalesce("last_year", 0))),
        "measure_grades": scalar(
            HistoricalMeasureGrade.objects.filter(node__plan=OuterRef("pk"), fiscal_year=fiscal_year),
            Max("history_id"),
        ),
        "tallies": scalar(PublishedTally.objects.filter(plan=OuterRef("pk")), Max("pk")),
        "departments": Subquery(
            HistoricalDepartment.objects.order_by("-history_id").values("history_id")[:1]
        ),
    }


# Stand for the plan and the year while the query is compiled; each call puts the real ones in.
PLAN_MARK = 2_000_000_001
YEAR_MARK = 32_001


class FingerprintQuery:
    """The fingerprint's query, compiled by the ORM once per process: only the plan and the year change.

    Compiling two dozen subqueries costs more than running them (about 5 ms a request), so the SQL
    and its parameters are kept and each call runs them with the plan's id and the year put in.
    extra returns a caller's own subqueries (reports: outcomes, context, the council's part).
    """

    def __init__(self, extra: Callable[[], dict[str, Any]] | None = None) -> None:
        self.extra = extra or dict
        self.compiled: dict[str, tuple[str, tuple[object, ...]]] = {}

    def sql(self) -> tuple[str, tuple[object, ...]]:
        if connection.vendor not in self.compiled:
            parts = {**base_parts(YEAR_MARK), **self.extra()}
            named = {f"fp_{name}": part for name, part in parts.items()}  # never a field's name
            rows = Plan.objects.filter(pk=PLAN_MARK).annotate(**named).values(*named)
            self.compiled[connection.vendor] = rows.query.sql_with_params()
        return self.compiled[connection.vendor]

    def __call__(self, plan: Plan, fiscal_year: int) -> tuple[object, ...]:
        """Return what changes whenever a page of the plan-year could change (one query)."""
        sql, marked = self.sql()
        params: list[Any] = [
            plan.pk if p == PLAN_MARK else fiscal_year if p == YEAR_MARK else p for p in marked
        ]
        row = fetch_one(sql, params) or ()  # prepared once per kept connection (lib/prepared.py)
        # The plan's own settings as loaded (free): its history row may lag a write outside the services.
        settings = (plan.name, repr(plan.grade_scale), plan.percent_places, plan.counting, plan.show_priority)
        practices = (repr(plan.dimensions), repr(plan.measure_rule), repr(plan.baseline_rule))
        policies = (plan.combine_policy, plan.merge_policy, plan.organization_id)
        return (plan.pk, fiscal_year, settings, practices, policies, *row)


plan_year_fingerprint = FingerprintQuery()
