"""What the lifecycle page reads of a plan the caller already holds through ``plans.access``."""

from django.db.models import QuerySet

from shinchoku.lifecycle.models import PlanRevision, ProgramSuccession
from shinchoku.plans.models import Plan, Program


def plan_revisions(plan: Plan) -> QuerySet[PlanRevision]:
    """Return the plan's revisions with their changes."""
    return PlanRevision.objects.filter(plan=plan).prefetch_related("changes__program")


def plan_successions(plan: Plan) -> QuerySet[ProgramSuccession]:
    """Return how each program of the plan goes on in the next plan, by program number."""
    return (
        ProgramSuccession.objects.filter(old_program__plan=plan)
        .select_related("old_program", "new_program__plan")
        .order_by("old_program__number")
    )


def is_carried_over(program: Program) -> bool:
    """Return whether the program has a succession recorded (it was carried into the next plan)."""
    return ProgramSuccession.objects.filter(old_program=program).exists()
