"""Roles and organization scoping: the ground every kind's access helper stands on.

Each protected kind decides who may see and change it in the ``access.py`` beside it
(``plans/access.py``, ``cases/access.py``, ``council/access.py``, ``directory/access.py``,
``imports/access.py``, ``notifications/access.py``); they all ask here what a user's role is and which organization's
rows are theirs. This module also decides the accounts kind itself (people and departments a
secretariat manages). What a user may not see does not exist for them (404); what they may see
but not change is refused (403).
"""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from shinchoku.accounts.models import ApiToken, Department, Organization, Role, User

M = TypeVar("M", bound=Model)

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


def reads_plans(user: User) -> bool:
    """Return whether the user works with an organization's plans (everyone but case workers and analysts)."""
    return user.is_active and (
        user.role not in (Role.CASEWORKER, Role.ANALYST) or is_installation_admin(user)
    )


def sees_unconfirmed_figures(user: User) -> bool:
    """Return whether the user's figures may include entries not yet confirmed."""
    return manages_plans(user)


def downloads_reports(user: User) -> bool:
    """Return whether the user may download the council report and the 進捗管理表 (事務局, 委員)."""
    return manages_plans(user) or (user.is_active and user.role == Role.COUNCIL)


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
    organization = user.organization
    if is_installation_admin(user) or organization is None:
        return Organization.objects.all()
    code = organization.jis_code
    if code[2:5] != "000":
        return Organization.objects.filter(pk=organization.pk)
    return Organization.objects.filter(jis_code__startswith=code[:2])


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
    organization_id = user.organization_id
    if not manages_people(user) or organization_id is None:
        return User.objects.none()
    return User.objects.filter(
        organization_id=organization_id,
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
    organization_id = user.organization_id
    if not manages_people(user) or organization_id is None:
        return Department.objects.none()
    return Department.objects.filter(organization_id=organization_id)


def get_department(user: User, pk: int) -> Department:
    """Return a department of the organization whose people the user manages, or 404."""
    department = organization_departments(user).filter(pk=pk).first()
    if department is None:
        raise Http404
    return department


def installation_organizations(user: User) -> QuerySet[Organization]:
    """Return every organization, for an installation administrator only (none for a tenant)."""
    if not is_installation_admin(user):
        return Organization.objects.none()
    return Organization.objects.order_by("jis_code")


def own_tokens(user: User) -> "QuerySet[ApiToken]":
    """Return the user's own API tokens (nobody sees another person's)."""
    return ApiToken.objects.filter(user=user)
