"""Council reads, shared by the pages, the entry form and the reports."""

from django.db.models import Q, QuerySet

from shinchoku.accounts import access
from shinchoku.accounts.models import Role, User
from shinchoku.council.models import Opinion, PrActivity, ReportPack
from shinchoku.domain.fiscal import fiscal_year_of
from shinchoku.plans.models import Plan, Program


def visible_opinions(user: User) -> QuerySet[Opinion]:
    """Return the opinions of the user's organization (everyone who works with plans reads them)."""
    if not access.reads_plans(user):
        return Opinion.objects.none()
    return access.scope_to_organization(Opinion.objects.all(), user, "plan__organization")


def visible_packs(user: User) -> QuerySet[ReportPack]:
    """Return the report packs the user may open: the organization's, for those who download reports.

    A pack frozen before packs were limited to confirmed entries may hold drafts: only those who
    see unconfirmed figures (the secretariat) open it.
    """
    if not access.downloads_reports(user):
        return ReportPack.objects.none()
    packs = access.scope_to_organization(ReportPack.objects.all(), user, "meeting__plan__organization")
    if access.sees_unconfirmed_figures(user):
        return packs
    return packs.filter(figures__confirmed_only=True)


def can_respond(user: User, opinion: Opinion) -> bool:
    """Return whether the user may answer: the secretariat, or an editor of the program's departments."""
    if access.manages_plans(user):
        return True
    return (
        user.role == Role.EDITOR
        and opinion.program_id is not None
        and opinion.program.departments.filter(pk__in=user.departments.values("pk")).exists()
    )


def open_opinions_for(program: Program, fiscal_year: int) -> list[Opinion]:
    """Return the unanswered opinions about a program, its areas or the whole plan, given by that year."""
    nodes = [listing.node for listing in program.listings.select_related("node__parent__parent")]
    node_ids = {n.pk for node in nodes for n in node.ancestors()}
    candidates = Opinion.objects.filter(plan_id=program.plan_id, fiscal_year__lte=fiscal_year).filter(
        Q(program=program) | Q(area_id__in=node_ids) | Q(program__isnull=True, area__isnull=True)
    )
    return [o for o in candidates.prefetch_related("responses") if o.is_open()]


def pr_activities_for(plan: Plan, fiscal_year: int) -> list[PrActivity]:
    """Return the activities from the start of the fiscal year on (the report lists what is recent)."""
    return [
        a
        for a in PrActivity.objects.filter(organization=plan.organization).prefetch_related("programs")
        if fiscal_year_of(a.held_on) >= fiscal_year
    ]


def opinions_for_report(plan: Plan, fiscal_year: int) -> list[Opinion]:
    """Return the year's opinions and every earlier one still open."""
    opinions = (
        Opinion.objects.filter(plan=plan, fiscal_year__lte=fiscal_year)
        .select_related("meeting", "program", "area__parent__parent")
        .prefetch_related("responses__department")
    )
    return [o for o in opinions if o.fiscal_year == fiscal_year or o.is_open()]
