"""Who may see and change a plan, its years and its entries: the one gate of the plans kind.

Views and services ask here; nothing else filters plans or entries by organization, department
or role. What a user may not see does not exist for them (404); what they may see but not change
is refused (403). Roles and organization scoping come from ``accounts.access``.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from shinchoku.accounts import access
from shinchoku.accounts.access import is_installation_admin, manages_plans, scope_to_organization
from shinchoku.accounts.models import Role, User
from shinchoku.domain.entry_states import Step, allows
from shinchoku.plans.models import EntryEvent, EntryStatus, Plan, PlanYear, YearlyEntry


def manages_plan(user: User, plan: Plan) -> bool:
    """Return whether the user runs this plan: its organization's secretariat (or an installation admin)."""
    return manages_plans(user) and (
        is_installation_admin(user) or plan.organization_id == user.organization_id
    )


def visible_plans(user: User) -> QuerySet[Plan]:
    """Return the plans the user may open."""
    if not access.reads_plans(user):
        return Plan.objects.none()
    return scope_to_organization(Plan.objects.all(), user, "organization")


def get_plan(user: User, slug: str, *, opened_year: int | None = None) -> Plan:
    """Return the plan, or 404 when the user may not see it (or it does not exist).

    With opened_year, also 404 unless that fiscal year has been opened (one query for both).
    """
    plans = visible_plans(user).select_related("organization").filter(slug=slug)
    if opened_year is not None:
        plans = plans.filter(years__fiscal_year=opened_year)
    plan = plans.first()
    if plan is None:
        raise Http404
    _share_organization(user, plan)
    return plan


def get_plan_year(user: User, slug: str, year: int) -> PlanYear:
    """Return the plan's opened fiscal year (its plan joined), or 404 when the user may not see the plan or it is not opened.

    One query: the year joined to its plan and organization, scoped as visible_plans scopes plans.
    """
    if not access.reads_plans(user):
        raise Http404
    years = scope_to_organization(PlanYear.objects.all(), user, "plan__organization")
    plan_year = (
        years.select_related("plan__organization")
        .filter(plan__slug=slug, fiscal_year=year)
        .order_by("pk")
        .first()
    )
    if plan_year is None:
        raise Http404
    _share_organization(user, plan_year.plan)
    return plan_year


def _share_organization(user: User, plan: Plan) -> None:
    """Give the user the plan's organization row when it is theirs: the page's header asks for it.

    The row is the one the plan's query joined, so the header costs no query of its own.
    """
    if user.organization_id is not None and user.organization_id == plan.organization_id:
        User.organization.field.set_cached_value(user, plan.organization)


def get_managed_plan_year(user: User, slug: str, year: int) -> PlanYear:
    """Return the opened year of a plan the user runs; 404 as get_plan_year, 403 when the user does not run it."""
    plan = get_plan(user, slug)
    if not manages_plan(user, plan):
        raise PermissionDenied
    return _opened_year(plan, year)


def _opened_year(plan: Plan, year: int) -> PlanYear:
    plan_year = PlanYear.objects.filter(plan=plan, fiscal_year=year).first()
    if plan_year is None:
        raise Http404
    plan_year.plan = plan
    return plan_year


def visible_entries(user: User) -> QuerySet[YearlyEntry]:
    """Return the yearly entries the user may read.

    事務局・管理者: every entry of the organization. 所管課: its departments' entries,
    drafts included. 協議会委員: confirmed entries only. 支援担当者: none.
    """
    entries = scope_to_organization(YearlyEntry.objects.all(), user, "program__plan__organization")
    if manages_plans(user):
        return entries
    if user.role == Role.EDITOR:
        return entries.filter(department__in=user.departments.all())
    if user.role == Role.COUNCIL:
        return entries.filter(status=EntryStatus.CONFIRMED)
    return entries.none()


def entries_scope_key(user: User) -> tuple[object, ...]:
    """Return what decides which entries visible_entries gives the user: the part of a cached page's key.

    Two people with the same key see the same entries of a plan; keep it in step with visible_entries.
    """
    if is_installation_admin(user):
        return ("installation",)
    organization = user.organization_id if user.is_active else None
    if manages_plans(user):
        return ("secretariat", organization)
    if user.role == Role.EDITOR:
        departments = sorted(user.departments.values_list("pk", flat=True))
        return ("departments", organization, *departments)
    if user.role == Role.COUNCIL:
        return ("confirmed", organization)
    return ("none",)


def get_entry(user: User, pk: int) -> YearlyEntry:
    """Return the entry, or 404 when the user may not see it (another department's draft)."""
    entry = (
        visible_entries(user)
        .select_related("program__plan__organization", "department")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def sees_entry_workings(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user sees how the entry was made: drafts, return comments, every change.

    事務局・管理者 and the entry's department do. A council member reads the confirmed content
    only: the values as confirmed and the confirmations, not the secretariat's internal
    comments to the department nor the values typed before.
    """
    return manages_plans(user) or (
        user.is_active
        and user.role == Role.EDITOR
        and user.departments.filter(pk=entry.department_id).exists()
    )


def visible_entry_events(user: User, entry: YearlyEntry) -> QuerySet[EntryEvent]:
    """Return the workflow steps of the entry the user may read (confirmations only, for a council member)."""
    events = entry.events.select_related("actor")
    if sees_entry_workings(user, entry):
        return events
    return events.filter(action=EntryEvent.Action.CONFIRMED)


def can_edit_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may change the department's part of the entry now."""
    return (
        user.is_active
        and user.role == Role.EDITOR
        and user.departments.filter(pk=entry.department_id).exists()
        and allows(entry.status, Step.SAVE)
    )


def enters_for_department(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user is an active editor of the entry's department (whatever its status)."""
    return (
        user.is_active
        and user.role == Role.EDITOR
        and user.departments.filter(pk=entry.department_id).exists()
    )


def can_withdraw_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may take the department's submission back (取り下げ).

    Only while it waits for the secretariat: once returned or confirmed, the secretariat acted.
    """
    return enters_for_department(user, entry) and allows(entry.status, Step.WITHDRAW)


def can_enter_returned_form(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may write the department's part from its returned form (回答票).

    The department's editors may, as on screen; so may the plan's secretariat, which collects the
    forms and passes them on. Either only while the department may still change the entry.
    """
    return can_edit_entry(user, entry) or (
        manages_plan(user, entry.program.plan) and allows(entry.status, Step.SAVE)
    )


def can_review_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may return or confirm the entry (submitted, for the secretariat)."""
    return manages_plans(user) and allows(entry.status, Step.CONFIRM)


def can_reopen_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may reopen a confirmed entry (with a reason)."""
    return manages_plans(user) and allows(entry.status, Step.REOPEN)


def public_plans() -> QuerySet[Plan]:
    """Return the plans whose secretariat publishes open data: anyone may read their confirmed figures."""
    return Plan.objects.filter(publication__is_published=True)


def public_entries() -> QuerySet[YearlyEntry]:
    """Return the entries anyone may read: confirmed, of a published plan."""
    return YearlyEntry.objects.filter(program__plan__in=public_plans(), status=EntryStatus.CONFIRMED)


def readable_plans(user: User | None) -> QuerySet[Plan]:
    """Return the plans an API caller may read: the published ones, and the token user's own."""
    plans = Plan.objects.filter(pk__in=public_plans().values("pk"))
    if user is None:
        return plans
    return plans | Plan.objects.filter(pk__in=visible_plans(user).values("pk"))


def readable_entries(user: User | None) -> QuerySet[YearlyEntry]:
    """Return the entries an API caller may read: public ones, and what the token user sees on the web."""
    entries = YearlyEntry.objects.filter(pk__in=public_entries().values("pk"))
    if user is None:
        return entries
    return entries | YearlyEntry.objects.filter(pk__in=visible_entries(user).values("pk"))


def reads_unconfirmed_figures_of(user: User | None, plan: Plan) -> bool:
    """Return whether the caller's figures of the plan may include entries not yet confirmed."""
    return user is not None and manages_plan(user, plan)


def plans_opened_in(user: User, fiscal_year: int) -> QuerySet[Plan]:
    """Return the plans the user may open that have opened the fiscal year (a combined report's choice)."""
    return (
        visible_plans(user)
        .filter(years__fiscal_year=fiscal_year)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


def get_plans_of_one_organization(user: User, slugs: list[str], fiscal_year: int) -> list[Plan]:
    """Return the plans named, in the order named: several plans of one organization for one year.

    404 when none is named, or when any one is not the user's to see (another organization's), does
    not exist or has not opened the year, or when they are not all of one organization (an
    installation administrator, who sees every organization's plans, asked for two cities').
    """
    wanted = list(dict.fromkeys(slugs))
    if not wanted or len(wanted) > 20:
        raise Http404
    plans = {plan.slug: plan for plan in plans_opened_in(user, fiscal_year).filter(slug__in=wanted)}
    if len(plans) != len(wanted) or len({plan.organization_id for plan in plans.values()}) != 1:
        raise Http404
    return [plans[slug] for slug in wanted]
