"""The banner on the department's home and the reminders panel of the status board."""

from typing import Any

from django import template

from shinchoku.accounts.models import Role
from shinchoku.notifications.reminders import last_reminders
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import EntryStatus

register = template.Library()


@register.inclusion_tag("notifications/_banner.html", takes_context=True)
def notification_banner(context: dict[str, Any]) -> dict[str, Any]:
    """「差戻しが1件あります」: the department's returned entries, with a link to them."""
    user = context["request"].user
    if not user.is_authenticated or user.role != Role.EDITOR:
        return {"returned": 0}
    returned = plans_access.visible_entries(user).filter(status=EntryStatus.RETURNED)
    first = returned.select_related("program__plan").order_by("fiscal_year", "program__number").first()
    return {"returned": returned.count(), "first": first}


@register.inclusion_tag("notifications/_reminders.html", takes_context=True)
def reminder_panel(context: dict[str, Any], plan: Any, plan_year: Any, departments: Any) -> dict[str, Any]:
    """When each department was last reminded, and the button that reminds the late ones."""
    last = last_reminders(plan_year)
    return {
        "plan": plan,
        "plan_year": plan_year,
        "rows": [(name, row["open"], last.get(name)) for name, row in departments.items()],
        "any_open": any(row["open"] for row in departments.values()),
        "csrf_token": context.get("csrf_token"),
    }
