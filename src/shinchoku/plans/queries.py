"""Reusable reads of plans, with the joins they need."""

from django.db.models import QuerySet

from shinchoku.plans.models import Listing, Plan, YearlyEntry


def listings_of(plan: Plan) -> QuerySet[Listing]:
    """Return the plan's listings in the order the plan prints them, nodes joined."""
    return (
        Listing.objects.filter(program__plan=plan)
        .select_related("program", "node__parent__parent__parent")
        .order_by("node__position", "position")
    )


def entries_of(plan: Plan, fiscal_year: int) -> QuerySet[YearlyEntry]:
    """Return the plan's entries of a fiscal year, program and department joined."""
    return (
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
        .select_related("program", "department")
        .order_by("program__number", "department__name")
    )
