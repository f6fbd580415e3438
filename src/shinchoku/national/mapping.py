"""Which national 重点課題 each program of a local plan follows in a fiscal year.

A program mapped on its own follows those issues. Otherwise it follows the issues of the
nearest mapped node above each of its listings of the year (re-listings included: a program
listed under two areas serves both). Each program counts once per issue.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from shinchoku.accounts.models import Organization
from shinchoku.national.models import AreaMapping, NationalIssue, NationalPlan, ProgramMapping
from shinchoku.plans.models import Listing, Plan, PlanNode, PlanYear, Program, active_in


def national_plan_for(fiscal_year: int) -> NationalPlan | None:
    """Return the national plan in force in the fiscal year (the latest one when none covers it)."""
    plans = list(NationalPlan.objects.order_by("first_year"))
    covering = [p for p in plans if p.first_year <= fiscal_year <= p.last_year]
    if covering:
        return covering[-1]
    earlier = [p for p in plans if p.first_year <= fiscal_year]
    return earlier[-1] if earlier else (plans[0] if plans else None)


def program_issues(
    plan_ids: Iterable[int], fiscal_year: int, national_plan: NationalPlan
) -> dict[int, set[int]]:
    """Return {program id: national issue ids} for the listed programs of the plans in the year.

    Programs that follow no issue map to an empty set. Four queries, whatever the number of plans.
    """
    plan_ids = list(plan_ids)
    parents = dict(PlanNode.objects.filter(plan_id__in=plan_ids).values_list("id", "parent_id"))
    node_issues: dict[int, set[int]] = {}
    for node_id, issue_id in AreaMapping.objects.filter(
        node__plan_id__in=plan_ids, issue__national_plan=national_plan
    ).values_list("node_id", "issue_id"):
        node_issues.setdefault(node_id, set()).add(issue_id)
    own: dict[int, set[int]] = {}
    for program_id, issue_id in ProgramMapping.objects.filter(
        program__plan_id__in=plan_ids, issue__national_plan=national_plan
    ).values_list("program_id", "issue_id"):
        own.setdefault(program_id, set()).add(issue_id)
    listed = (
        Listing.objects.filter(program__plan_id__in=plan_ids)
        .filter(active_in(fiscal_year), active_in(fiscal_year, prefix="program__"))
        .values_list("program_id", "node_id")
    )
    issues: dict[int, set[int]] = {}
    for program_id, node_id in listed:
        found = issues.setdefault(program_id, set())
        if program_id in own:
            found |= own[program_id]
            continue
        node: int | None = node_id
        while node is not None and node not in node_issues:
            node = parents.get(node)
        if node is not None:
            found |= node_issues[node]
    return issues


def area_issue_ids(plan_id: int, national_plan: NationalPlan) -> dict[int, set[int]]:
    """Return {node id: issue ids} of the plan's mapped nodes for the national plan."""
    mapped: dict[int, set[int]] = {}
    for node_id, issue_id in AreaMapping.objects.filter(
        node__plan_id=plan_id, issue__national_plan=national_plan
    ).values_list("node_id", "issue_id"):
        mapped.setdefault(node_id, set()).add(issue_id)
    return mapped


def years_of(organizations: QuerySet[Organization]) -> list[int]:
    """Return the fiscal years opened in any plan of the organizations, latest first."""
    years = PlanYear.objects.filter(plan__organization__in=organizations).values_list(
        "fiscal_year", flat=True
    )
    return sorted(set(years), reverse=True)


def national_plans() -> list[NationalPlan]:
    """Return the national plans (seeded by a migration), the first one first."""
    return list(NationalPlan.objects.order_by("first_year"))


def plan_areas(plan: Plan) -> list[PlanNode]:
    """Return the areas (the top nodes) of a plan the caller holds through its gate."""
    return list(PlanNode.objects.filter(plan=plan, parent__isnull=True).order_by("position"))


def issues_of(national_plan: NationalPlan) -> list[NationalIssue]:
    return list(NationalIssue.objects.filter(national_plan=national_plan).order_by("number"))


def plan_programs(plan: Plan) -> list[Program]:
    """Return every program of the plan (ended ones too), by number."""
    return list(Program.objects.filter(plan=plan).order_by("number"))


def get_program(plan: Plan, number: int) -> Program:
    """Return the plan's program with this number, else 404 (the plan is already gated)."""
    program = (
        Program.objects.filter(plan=plan, number=number).first() if 0 < number <= PROGRAM_NUMBERS else None
    )
    if program is None:
        raise Http404
    return program


PROGRAM_NUMBERS = 32767  # a program number is a small integer; larger ones name no program


def own_issue_ids(plan_id: int, national_plan: NationalPlan) -> dict[int, set[int]]:
    """Return {program id: issue ids} of the programs mapped on their own (they override their areas)."""
    own: dict[int, set[int]] = {}
    for program_id, issue_id in ProgramMapping.objects.filter(
        program__plan_id=plan_id, issue__national_plan=national_plan
    ).values_list("program_id", "issue_id"):
        own.setdefault(program_id, set()).add(issue_id)
    return own


def inherited_issue_ids(plan_id: int, national_plan: NationalPlan) -> dict[int, set[int]]:
    """Return {program id: issue ids} the programs follow through their areas (their own mapping aside).

    A program's listings are its current ones (or, for a program that ended, those of its last
    year); each follows the nearest mapped node above it, as ``program_issues`` counts them.
    """
    parents = dict(PlanNode.objects.filter(plan_id=plan_id).values_list("id", "parent_id"))
    mapped = area_issue_ids(plan_id, national_plan)
    listed = Listing.objects.filter(program__plan_id=plan_id).filter(
        Q(last_year__isnull=True) | Q(last_year=F("program__last_year"))
    )
    inherited: dict[int, set[int]] = {}
    for program_id, node_id in listed.values_list("program_id", "node_id"):
        found = inherited.setdefault(program_id, set())
        node: int | None = node_id
        while node is not None and node not in mapped:
            node = parents.get(node)
        if node is not None:
            found |= mapped[node]
    return inherited


def program_mapping_history(program: Program) -> list[Any]:
    """Return the changes of the program's own mapping, latest first, with who made them."""
    return list(
        ProgramMapping.history.filter(program_id=program.pk)
        .select_related("history_user", "issue__national_plan")
        .order_by("-history_date")[:30]
    )


def program_rows(plan: Plan, national_plan: NationalPlan) -> list[dict[str, Any]]:
    """Return each program of the plan with the issues it follows: its own, else those of its areas."""
    issues = {issue.pk: issue for issue in issues_of(national_plan)}
    own, inherited = own_issue_ids(plan.pk, national_plan), inherited_issue_ids(plan.pk, national_plan)
    return [
        {
            "program": program,
            "inherited": [issues[pk] for pk in sorted(inherited.get(program.pk, ())) if pk in issues],
            "own": [issues[pk] for pk in sorted(own.get(program.pk, ())) if pk in issues],
        }
        for program in plan_programs(plan)
    ]
