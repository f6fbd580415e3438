"""Who may see and change a plan's outcomes and context statistics: the plan's own secretariat.

The outcome values and the context figures are published in the dashboard, the council report and
the JSON; these screens hold their working (each correction with who, when, before and after), so
they are the secretariat's tool, as the plan's settings are: a department or a council member who
reads the plan is refused (403), anyone who cannot read the plan finds nothing (404).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from shinchoku.accounts.models import User
from shinchoku.outcomes.models import ContextSeries, Outcome
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan


def get_managed_plan(user: User, slug: str) -> Plan:
    """Return the plan whose outcomes the user keeps; 404 when the plan is not theirs to read, 403 when they do not run it."""
    plan = plans_access.get_plan(user, slug)
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    return plan


def get_outcome(plan: Plan, pk: int) -> Outcome:
    """Return the plan's outcome indicator, or 404 (an indicator of another plan does not exist here)."""
    outcome = Outcome.objects.filter(plan=plan, pk=pk).first()
    if outcome is None:
        raise Http404
    outcome.plan = plan
    return outcome


def get_series(plan: Plan, pk: int) -> ContextSeries:
    """Return the plan's context statistic, or 404."""
    series = ContextSeries.objects.filter(plan=plan, pk=pk).first()
    if series is None:
        raise Http404
    series.plan = plan
    return series
