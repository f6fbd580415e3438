"""Which national 重点課題 each program of a local plan follows in a fiscal year.

A program mapped on its own follows those issues. Otherwise it follows the issues of the
nearest mapped node above each of its listings of the year (re-listings included: a program
listed under two areas serves both). Each program counts once per issue.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from shinchoku.accounts.models import Organization
from shinchoku.national.models import AreaMapping, NationalPlan, ProgramMapping
from shinchoku.plans.models import Listing, PlanNode, PlanYear, active_in


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


def program_mappings(plan_id: int, national_plan: NationalPlan) -> QuerySet[ProgramMapping]:
    """Return the plan's programs mapped by hand to the national plan's issues."""
    return ProgramMapping.objects.filter(
        program__plan_id=plan_id, issue__national_plan=national_plan
    ).select_related("program", "issue")


def years_of(organizations: QuerySet[Organization]) -> list[int]:
    """Return the fiscal years opened in any plan of the organizations, latest first."""
    years = PlanYear.objects.filter(plan__organization__in=organizations).values_list(
        "fiscal_year", flat=True
    )
    return sorted(set(years), reverse=True)
