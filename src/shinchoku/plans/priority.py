"""The secretariat marks its plan's priority programs (重点事業) and, for one year, replaces them.

川崎市 prints every count twice: all programs, and 「うち重点」. Which programs are priority programs
is marked on each program (Program.is_priority); a year may list its own (PlanYear.priority_numbers;
None: the marks). Both writes are locked and checked against what the person's page showed (a page
opened before someone else's change is refused, with the ticks kept), and kept with who and when:
the year's list in the year's history, the marks in the plan's history as the change's reason
(programs keep no history of their own).
"""

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from shinchoku.accounts.models import User
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan, PlanYear, Program, active_in


class PriorityError(ServiceError):
    """A change of the priority programs that is refused; the message is for the screen, in its language."""


class StalePriorityError(PriorityError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed the priority programs after you opened the page. Your ticks are "
                "kept on the page: check the latest state, then save again."
            )
        )


def marked_numbers(plan: Plan) -> list[int]:
    """Return the numbers of the plan's programs marked 重点, in order."""
    return list(plan.programs.filter(is_priority=True).order_by("number").values_list("number", flat=True))


def numbers_text(numbers: Collection[int] | None) -> str:
    """Return 「1・5・12」 for the history and the workflow, 「なし」 for none, 「事業の指定どおり」 for None."""
    if numbers is None:
        return "事業の指定どおり"
    return "・".join(str(n) for n in sorted(numbers)) or "なし"


@transaction.atomic(durable=True)
def set_priority_programs(
    *, plan: Plan, actor: User, numbers: Collection[int], shown: Collection[int]
) -> Plan:
    """Mark exactly the given programs of the plan 重点; shown is what the person's page had ticked."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    programs = list(Program.objects.select_for_update().filter(plan=locked).order_by("number"))
    before = {p.number for p in programs if p.is_priority}
    if before != set(shown):
        raise StalePriorityError
    unknown = set(numbers) - {p.number for p in programs}
    if unknown:
        raise PriorityError(
            _("Not a program number of this plan: %(numbers)s") % {"numbers": numbers_text(unknown)}
        )
    changed = [p for p in programs if p.is_priority != (p.number in numbers)]
    # Two statements, not one save a program: programs keep no history of their own (below).
    Program.objects.filter(pk__in=[p.pk for p in changed if p.number in numbers]).update(is_priority=True)
    Program.objects.filter(pk__in=[p.pk for p in changed if p.number not in numbers]).update(
        is_priority=False
    )
    if changed:
        # Programs keep no history: the plan's history row says who changed the marks, before and after.
        locked._change_reason = f"重点事業: {numbers_text(before)} → {numbers_text(numbers)}"  # type: ignore[attr-defined]
        record_actor(locked, actor)
        locked.save(update_fields=["show_priority"])
    return locked


@transaction.atomic(durable=True)
def set_year_priority(
    *, plan_year: PlanYear, actor: User, numbers: Collection[int] | None, shown: Collection[int] | None
) -> PlanYear:
    """Give the year its own priority programs (None: the programs' marks); shown is what the page had."""
    plan = plan_year.plan
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    locked = PlanYear.objects.select_for_update().get(pk=plan_year.pk)
    current = locked.priority_numbers
    if (None if current is None else set(current)) != (None if shown is None else set(shown)):
        raise StalePriorityError
    if numbers is not None:
        listed = set(
            Program.objects.filter(plan=plan)
            .filter(active_in(locked.fiscal_year))
            .values_list("number", flat=True)
        )
        unknown = set(numbers) - listed
        if unknown:
            raise PriorityError(
                _("Not a program number of this plan in this year: %(numbers)s")
                % {"numbers": numbers_text(unknown)}
            )
    new = None if numbers is None else sorted(set(numbers))
    if new != (None if current is None else sorted(current)):
        locked.priority_numbers = new
        record_actor(locked, actor)
        locked.save(update_fields=["priority_numbers"])
    return locked
