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
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from shinchoku.accounts.models import Department
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


def base_parts(fiscal_year: int) -> dict[str, Any]:
    """Return the subqueries of the fingerprint: each an aggregate over this plan's rows."""
    entries = YearlyEntry.objects.filter(program__plan=OuterRef("pk"), fiscal_year=fiscal_year)
    programs = Program.objects.filter(plan=OuterRef("pk"))
    listings = Listing.objects.filter(program__plan=OuterRef("pk"))
    return {
        "entries": scalar(entries, Count("pk")),
        "entry_max": scalar(entries, Max("pk")),
        "versions": scalar(entries, Sum("version")),
        "entry_history": scalar(
            HistoricalEntry.objects.filter(program__plan=OuterRef("pk"), fiscal_year=fiscal_year),
            Max("history_id"),
        ),
        "plan_history": scalar(HistoricalPlan.objects.filter(id=OuterRef("pk")), Max("history_id")),
        "year_history": scalar(HistoricalPlanYear.objects.filter(plan=OuterRef("pk")), Max("history_id")),
        "value_history": scalar(
            HistoricalValue.objects.filter(indicator__program__plan=OuterRef("pk")), Max("history_id")
        ),
        "programs": scalar(programs, Count("pk")),
        "program_max": scalar(programs, Max("pk")),
        "program_years": scalar(programs, Sum(Coalesce("last_year", 0))),
        "listings": scalar(listings, Count("pk")),
        "listing_max": scalar(listings, Max("pk")),
        "listing_years": scalar(listings, Sum(Coalesce("last_year", 0))),
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
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone() or ()
        # The plan's own settings as loaded (free): its history row may lag a write outside the services.
        settings = (plan.name, repr(plan.grade_scale), plan.percent_places, plan.counting, plan.show_priority)
        practices = (repr(plan.dimensions), repr(plan.measure_rule))  # the dashboard prints them too
        policies = (plan.combine_policy, plan.merge_policy, plan.organization_id)
        return (plan.pk, fiscal_year, settings, practices, policies, *row)


plan_year_fingerprint = FingerprintQuery()
