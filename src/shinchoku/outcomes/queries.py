"""Rows of a plan already fetched through its gate: its outcomes and context statistics with their values."""

from django.db.models import QuerySet

from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue
from shinchoku.plans.models import Plan


def plan_outcomes(plan: Plan) -> QuerySet[Outcome]:
    """Return the plan's outcome indicators in their order, each with its values."""
    return Outcome.objects.filter(plan=plan).prefetch_related("values")


def plan_series(plan: Plan) -> QuerySet[ContextSeries]:
    """Return the plan's context statistics in their order, each with its values."""
    return ContextSeries.objects.filter(plan=plan).prefetch_related("values")


def outcome_value(outcome: Outcome, year: int) -> OutcomeValue | None:
    """Return the outcome's value of the year, or None when none is recorded."""
    return OutcomeValue.objects.filter(outcome=outcome, year=year).first()


def context_value(series: ContextSeries, year: int) -> ContextValue | None:
    """Return the statistic's figure of the year, or None when none is recorded."""
    return ContextValue.objects.filter(series=series, year=year).first()


def context_state(plan: Plan) -> list[tuple[str, int, str]]:
    """Return every figure of the plan's context statistics (name, year, value): what an upload's preview was read from."""
    rows = ContextValue.objects.filter(series__plan=plan).order_by("series__name", "year")
    return [
        (name, year, str(value)) for name, year, value in rows.values_list("series__name", "year", "value")
    ]
