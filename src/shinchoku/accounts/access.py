"""The one place that decides what a user may see and do.

Views and services ask here; nothing else filters by organization, department or
role. What a user may not see does not exist for them (404); what they may see
but not change is refused (403).
"""

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.plans.models import EntryEvent, EntryStatus, Plan, YearlyEntry

M = TypeVar("M", bound=Model)

if TYPE_CHECKING:
    from shinchoku.cases.models import Case
    from shinchoku.notifications.models import Message, Notification

# Roles that run the plan for their organization: see every department's entries.
MANAGERS = (Role.SECRETARIAT, Role.ADMINISTRATOR)


def is_installation_admin(user: User) -> bool:
    """Return whether the user administers the whole installation (all organizations)."""
    return bool(user.is_active and user.is_superuser)


def scope_to_organization(queryset: QuerySet[M], user: User, path: str) -> QuerySet[M]:
    """Return the rows of queryset that belong to the user's organization.

    path is the lookup from the model to its Organization ("organization",
    "plan__organization", "program__plan__organization").
    """
    if is_installation_admin(user):
        return queryset
    if not user.is_active or user.organization_id is None:
        return queryset.none()
    return queryset.filter(**{path: user.organization_id})


def manages_plans(user: User) -> bool:
    """Return whether the user runs the yearly cycle (事務局, 管理者)."""
    return user.is_active and (user.role in MANAGERS or is_installation_admin(user))


def manages_plan(user: User, plan: Plan) -> bool:
    """Return whether the user runs this plan: its organization's secretariat (or an installation admin)."""
    return manages_plans(user) and (
        is_installation_admin(user) or plan.organization_id == user.organization_id
    )


def reads_plans(user: User) -> bool:
    """Return whether the user works with an organization's plans (everyone but case workers and analysts)."""
    return user.is_active and (
        user.role not in (Role.CASEWORKER, Role.ANALYST) or is_installation_admin(user)
    )


def visible_plans(user: User) -> QuerySet[Plan]:
    """Return the plans the user may open."""
    if not reads_plans(user):
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
    return plan


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
        and entry.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)
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
    return enters_for_department(user, entry) and entry.status == EntryStatus.SUBMITTED


def can_enter_returned_form(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may write the department's part from its returned form (回答票).

    The department's editors may, as on screen; so may the plan's secretariat, which collects the
    forms and passes them on. Either only while the department may still change the entry.
    """
    return can_edit_entry(user, entry) or (
        manages_plan(user, entry.program.plan) and entry.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)
    )


def can_review_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may return or confirm the entry (submitted, for the secretariat)."""
    return manages_plans(user) and entry.status == EntryStatus.SUBMITTED


def can_reopen_entry(user: User, entry: YearlyEntry) -> bool:
    """Return whether the user may reopen a confirmed entry (with a reason)."""
    return manages_plans(user) and entry.status == EntryStatus.CONFIRMED


def sees_unconfirmed_figures(user: User) -> bool:
    """Return whether the user's figures may include entries not yet confirmed."""
    return manages_plans(user)


def downloads_reports(user: User) -> bool:
    """Return whether the user may download the council report and the 進捗管理表 (事務局, 委員)."""
    return manages_plans(user) or (user.is_active and user.role == Role.COUNCIL)


def visible_cases(user: User) -> "QuerySet[Case]":
    """Return the cases the user may see: their own as an assigned worker, all of the organization as supervisor.

    Nobody else sees a case, the secretariat and administrators included (they see published summaries).
    """
    from shinchoku.cases.models import Case

    if not user.is_active or user.organization_id is None:
        return Case.objects.none()
    cases = Case.objects.filter(organization_id=user.organization_id)
    if user.is_case_supervisor:
        return cases
    if user.role == Role.CASEWORKER:
        return cases.filter(workers=user)
    return cases.none()


def get_case(user: User, pk: int) -> "Case":
    """Return the case, or 404 for anyone not assigned (whatever the id)."""
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def supervises_cases(user: User) -> bool:
    """Return whether the user is a case supervisor (事例の監督者) of an organization.

    Only a supervisor approves a summary before it is published, closes a case and shortens
    how long a closed case is kept: the steps that publish or destroy a case record.
    """
    return bool(user.is_active and user.is_case_supervisor and user.organization_id is not None)


def uses_cases(user: User) -> bool:
    """Return whether the user works with cases at all (case workers and supervisors)."""
    return user.is_active and (user.role == Role.CASEWORKER or user.is_case_supervisor)


def needs_second_factor(user: User) -> bool:
    """Return whether the user must confirm a one-time code after the password (when MFA is required).

    Those who see the whole organization's drafts, administer the system or read cases do;
    department editors and council members may enrol but are not made to.
    """
    return user.is_active and (manages_plans(user) or user.is_staff or user.is_superuser or uses_cases(user))


def is_analyst(user: User) -> bool:
    """Return whether the user compares organizations (a prefecture's or the Ministry's analyst)."""
    return user.is_active and (user.role == Role.ANALYST or is_installation_admin(user))


def overseen_organizations(user: User) -> QuerySet[Organization]:
    """Return the organizations whose confirmed figures the analyst compares.

    A prefecture's analyst (their organization is the prefecture, e.g. 埼玉県 110001: a JIS X 0402
    code whose municipality digits are 000) oversees every organization of the prefecture, the same
    first two digits. An analyst of a municipality sees that municipality only. A national analyst
    (no organization) and an installation administrator oversee all.
    """
    if not is_analyst(user):
        return Organization.objects.none()
    if is_installation_admin(user) or user.organization_id is None:
        return Organization.objects.all()
    code = user.organization.jis_code
    if code[2:5] != "000":
        return Organization.objects.filter(pk=user.organization_id)
    return Organization.objects.filter(jis_code__startswith=code[:2])


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


# The roles a secretariat gives to the people of its own organization. The installation's
# administrators and the prefecture's or the Ministry's analysts are set up by the installation.
# Not case workers: who holds a case account reads confidential records the secretariat may not,
# so a secretariat that could set their password, their authenticator app or the supervisor flag
# could read every case through them (found by an insider attack). Case accounts and the
# installation's own accounts are set up by the installation administrator.
ROLES_A_SECRETARIAT_GIVES = (Role.SECRETARIAT, Role.EDITOR, Role.COUNCIL)


def manages_people(user: User) -> bool:
    """Return whether the user manages the accounts and departments of an organization (its secretariat)."""
    return user.is_active and user.organization_id is not None and user.role in MANAGERS


def organization_people(user: User) -> QuerySet[User]:
    """Return the accounts the user manages: the people of the user's own organization."""
    if not manages_people(user):
        return User.objects.none()
    return User.objects.filter(
        organization_id=user.organization_id,
        role__in=ROLES_A_SECRETARIAT_GIVES,
        is_superuser=False,
        is_staff=False,
        is_case_supervisor=False,
    )


def get_person(user: User, pk: int) -> User:
    """Return an account of the user's organization, or 404 (another organization's does not exist here)."""
    person = organization_people(user).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def organization_departments(user: User) -> QuerySet[Department]:
    """Return the departments of the organization whose people the user manages."""
    if not manages_people(user):
        return Department.objects.none()
    return Department.objects.filter(organization_id=user.organization_id)


def visible_messages(user: User) -> "QuerySet[Message]":
    """Return the e-mails whose delivery the user follows: the organization's, for its secretariat."""
    from shinchoku.notifications.models import Message

    if not manages_plans(user):
        return Message.objects.none()
    return scope_to_organization(Message.objects.all(), user, "organization")


def get_message(user: User, pk: int) -> "Message":
    """Return an e-mail of the user's organization, or 404."""
    message = visible_messages(user).filter(pk=pk).first()
    if message is None:
        raise Http404
    return message


def own_notifications(user: User) -> "QuerySet[Notification]":
    """Return what the application told the user: to each only their own."""
    from shinchoku.notifications.models import Notification

    if not user.is_active:
        return Notification.objects.none()
    return Notification.objects.filter(user=user)
