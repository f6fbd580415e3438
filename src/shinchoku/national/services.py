"""The secretariat's writes here: which national 重点課題 each area of its plan, or a program on its own, follows."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shinchoku.accounts.models import User
from shinchoku.lib.errors import ServiceError
from shinchoku.lib.history import record_actor
from shinchoku.national.models import AreaMapping, NationalPlan, ProgramMapping
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan, PlanNode, Program


class MappingError(ServiceError):
    """A mapping that cannot be saved as asked; the message says why (Japanese)."""


@transaction.atomic(durable=True)
def save_area_mapping(
    plan: Plan, national_plan: NationalPlan, chosen: Mapping[PlanNode, Iterable[int]], *, actor: User
) -> None:
    """Make each area (a node of plan) follow exactly the chosen issue ids of the national plan."""
    if not plans_access.manages_plan(actor, plan):
        raise PermissionDenied
    known = set(national_plan.issues.values_list("pk", flat=True))
    for area, issue_ids in chosen.items():
        if area.plan_id != plan.pk:
            raise PermissionDenied
        set_area_issues(area, national_plan, [pk for pk in issue_ids if pk in known], actor=actor)


@transaction.atomic
def set_area_issues(
    node: PlanNode, national_plan: NationalPlan, issue_ids: Iterable[int], *, actor: User | None
) -> bool:
    """Make the node follow exactly these issues of the national plan; return whether anything changed."""
    wanted = set(issue_ids)
    current = set(
        AreaMapping.objects.filter(node=node, issue__national_plan=national_plan).values_list(
            "issue_id", flat=True
        )
    )
    if wanted == current:
        return False
    for mapping in AreaMapping.objects.filter(node=node, issue_id__in=current - wanted):
        record_actor(mapping, actor)
        mapping.delete()  # one by one, so that the history records each removal
    for issue_id in sorted(wanted - current):
        mapping = AreaMapping(node=node, issue_id=issue_id)
        record_actor(mapping, actor)
        mapping.save()
    return True


@transaction.atomic(durable=True)
def set_program_issues(
    program: Program, national_plan: NationalPlan, issue_ids: Iterable[int], *, actor: User
) -> bool:
    """Map the program on its own to exactly these issues of the national plan; none: it follows its areas.

    Return whether anything changed. Each mapping added or removed is kept in the history with the actor.
    """
    locked = Program.objects.select_for_update().select_related("plan").get(pk=program.pk)
    if not plans_access.manages_plan(actor, locked.plan):
        raise PermissionDenied
    wanted = set(issue_ids)
    unknown = wanted - set(national_plan.issues.values_list("pk", flat=True))
    if unknown:
        raise MappingError(f"{national_plan.name}にない重点課題は選べません。")
    current = set(
        ProgramMapping.objects.filter(program=locked, issue__national_plan=national_plan).values_list(
            "issue_id", flat=True
        )
    )
    if wanted == current:
        return False
    for mapping in ProgramMapping.objects.filter(program=locked, issue_id__in=current - wanted):
        record_actor(mapping, actor)
        mapping.delete()  # one by one, so that the history records each removal
    for issue_id in sorted(wanted - current):
        mapping = ProgramMapping(program=locked, issue_id=issue_id)
        record_actor(mapping, actor)
        mapping.save()
    return True
