"""Who may see and change the council's meetings, packs, opinions, members and activities: its one gate.

Views ask here for every council row; nothing else filters them by organization or role. What a
user may not see does not exist for them (404); what they may see but not change is refused
(403). Roles and organization scoping come from ``accounts.access``, plans from ``plans.access``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from shinchoku.accounts import access
from shinchoku.accounts.models import Role, User
from shinchoku.council.models import Meeting, Member, Opinion, PrActivity, ReportPack
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan


def require_reader(user: User) -> None:
    """Refuse (403) whoever does not work with plans: the council's pages are theirs."""
    if not access.reads_plans(user):
        raise PermissionDenied


def get_plan(user: User, slug: str) -> Plan:
    """Return the plan of a council page for a reader (403 for others, 404 for another organization's)."""
    require_reader(user)
    return plans_access.get_plan(user, slug)


def get_plans(user: User, slugs: list[str], fiscal_year: int) -> list[Plan]:
    """Return the plans of a council document of several plans (403 for who does not read plans;
    404 for none, another organization's or one that has not opened the year)."""
    require_reader(user)
    return plans_access.get_plans_of_one_organization(user, slugs, fiscal_year)


def get_plan_to_record(user: User, slug: str) -> Plan:
    """Return the plan for recording an opinion or an activity: the secretariat's (403 for others)."""
    plan = get_plan(user, slug)
    if not access.manages_plans(user):
        raise PermissionDenied
    return plan


def get_managed_plan(user: User, slug: str) -> Plan:
    """Return the plan whose roster (members, meetings) the user keeps: its own secretariat's."""
    plan = plans_access.get_plan(user, slug)
    if not plans_access.manages_plan(user, plan):
        raise PermissionDenied
    return plan


def visible_opinions(user: User) -> QuerySet[Opinion]:
    """Return the opinions of the user's organization (everyone who works with plans reads them)."""
    if not access.reads_plans(user):
        return Opinion.objects.none()
    return access.scope_to_organization(Opinion.objects.all(), user, "plan__organization")


def plan_opinions(user: User, plan: Plan) -> QuerySet[Opinion]:
    """Return the plan's opinions the user may read, with what the council page prints of them."""
    return (
        visible_opinions(user)
        .filter(plan=plan)
        .select_related("member", "meeting", "program", "area")
        .prefetch_related("responses")
    )


def get_opinion(user: User, pk: int) -> Opinion:
    """Return the opinion for a reader (403 for others), or 404 when it is not the user's organization's."""
    require_reader(user)
    opinion = (
        visible_opinions(user).filter(pk=pk).select_related("plan", "program", "member", "meeting").first()
    )
    if opinion is None:
        raise Http404
    return opinion


def can_respond(user: User, opinion: Opinion) -> bool:
    """Return whether the user may answer: the secretariat, or an editor of the program's departments."""
    if access.manages_plans(user):
        return True
    return (
        user.role == Role.EDITOR
        and opinion.program_id is not None
        and opinion.program is not None
        and opinion.program.departments.filter(pk__in=user.departments.values("pk")).exists()
    )


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


def get_pack(user: User, pk: int) -> ReportPack:
    """Return a pack to open or download.

    403 for who does not work with plans or does not download reports; 404 for another
    organization's pack, or one holding drafts for who sees confirmed figures only.
    """
    require_reader(user)
    pack = (
        access.scope_to_organization(ReportPack.objects.all(), user, "meeting__plan__organization")
        .filter(pk=pk)
        .select_related("meeting__plan")
        .first()
    )
    if pack is None:
        raise Http404
    if not access.downloads_reports(user):
        raise PermissionDenied
    if not visible_packs(user).filter(pk=pack.pk).exists():
        raise Http404
    return pack


def visible_meetings(user: User) -> QuerySet[Meeting]:
    """Return the meetings of the user's organization, for who works with plans."""
    if not access.reads_plans(user):
        return Meeting.objects.none()
    return access.scope_to_organization(Meeting.objects.all(), user, "plan__organization")


def plan_meetings(user: User, plan: Plan) -> QuerySet[Meeting]:
    """Return the plan's meetings, each with the packs the user may open."""
    return plan.meetings.prefetch_related(Prefetch("packs", queryset=visible_packs(user)))


def get_meeting_to_freeze(user: User, pk: int) -> Meeting:
    """Return the meeting whose pack the secretariat freezes (403 for others, 404 for another organization's)."""
    require_reader(user)
    meeting = visible_meetings(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    if not access.manages_plans(user):
        raise PermissionDenied
    return meeting


def plan_activities(plan: Plan) -> QuerySet[PrActivity]:
    """Return the PR activities of the plan's organization (the user has been let see the plan)."""
    return PrActivity.objects.filter(organization=plan.organization)


def roster_members(plan: Plan) -> QuerySet[Member]:
    """Return the council members of the plan's organization (for its secretariat's screens)."""
    return Member.objects.filter(organization=plan.organization)


def get_member(plan: Plan, pk: int) -> Member:
    """Return a council member of the plan's organization, or 404."""
    member = roster_members(plan).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def get_plan_meeting(plan: Plan, pk: int) -> Meeting:
    """Return a meeting of the plan, or 404."""
    meeting = Meeting.objects.filter(plan=plan, pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting
