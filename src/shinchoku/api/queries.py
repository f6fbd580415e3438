"""The rows the API lists of a plan the caller already holds through ``plans.access``.

Each function takes a plan (or plans) the endpoint has fetched through the gate and reads only
that plan's rows; what the caller may read of entries and values comes from the gate too.
"""

from django.db.models import Prefetch, Q, QuerySet

from shinchoku.accounts.models import Organization
from shinchoku.national.models import AreaMapping, ProgramMapping
from shinchoku.plans.models import Indicator, IndicatorValue, Listing, Plan, PlanYear, Program, active_in
from shinchoku.plans.queries import nodes_in_area


def organizations_with(plans: QuerySet[Plan]) -> QuerySet[Organization]:
    """Return the organizations that have one of the plans, by JIS code."""
    return Organization.objects.filter(plans__in=plans).distinct().order_by("jis_code")


def node_issues(plan: Plan) -> dict[int, list[str]]:
    """Return each node's national issues as 「第二次-3」-like codes, by node id."""
    mapped: dict[int, list[str]] = {}
    for mapping in AreaMapping.objects.filter(node__plan=plan).select_related("issue__national_plan"):
        mapped.setdefault(mapping.node_id, []).append(
            f"{mapping.issue.national_plan.code}-{mapping.issue.number}"
        )
    return mapped


def is_opened(plan: Plan, year: int) -> bool:
    """Return whether the fiscal year has been opened in the plan."""
    return PlanYear.objects.filter(plan=plan, fiscal_year=year).exists()


def plan_programs(
    plan: Plan, year: int | None, area: str | None, department: str | None
) -> QuerySet[Program]:
    """Return the plan's programs, narrowed to a year, an area (path) and a department's name."""
    programs = Program.objects.filter(plan=plan)
    if year is not None:
        programs = programs.filter(active_in(year))
    if area:
        listings = Listing.objects.filter(node_id__in=nodes_in_area(plan, area))
        if year is not None:
            listings = listings.filter(active_in(year))
        programs = programs.filter(pk__in=listings.values("program_id"))
    if department:
        programs = programs.filter(departments__name=department)
    return programs


def programs_with_places(
    plan: Plan, year: int | None, area: str | None, department: str | None
) -> QuerySet[Program]:
    """Return plan_programs with their departments, places in the tree and national issues loaded."""
    listings = Listing.objects.select_related("node__parent__parent__parent").order_by(
        "node__position", "position"
    )
    mappings = ProgramMapping.objects.select_related("issue__national_plan")
    return (
        plan_programs(plan, year, area, department)
        .prefetch_related(
            "departments",
            Prefetch("listings", queryset=listings),
            Prefetch("national_mappings", queryset=mappings),
        )
        .order_by("number")
    )


def plan_indicators(
    plan: Plan,
    values: QuerySet[IndicatorValue],
    year: int | None,
    area: str | None,
    department: str | None,
) -> QuerySet[Indicator]:
    """Return the indicators that have a readable value (values, from the gate), each with those values."""
    rows = Indicator.objects.filter(
        program__in=plan_programs(plan, year, area, department), pk__in=values.values("indicator_id")
    )
    if department:
        rows = rows.filter(Q(department__isnull=True) | Q(department__name=department))
    return (
        rows.select_related("program", "department")
        .prefetch_related(Prefetch("values", queryset=values, to_attr="readable_values"))
        .order_by("program__number", "position", "pk")
    )
