"""Who may import what, and whose import records, previews and department forms they see.

The one gate of the imports kind, built on the roles (``accounts.access``) and the plans' gate
(``plans.access``): a department form exists for a user only where the user sees entries of
that department; a previewed file exists only for the user who uploaded it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, Role, User
from shinchoku.imports.models import ImportKind, ImportRecord, PendingUpload
from shinchoku.plans import access as plans_access
from shinchoku.plans.models import Plan


def import_kinds(user: User) -> list[str]:
    """Return what the user may import: everything for the secretariat, returned forms for a department."""
    if access.manages_plans(user):
        return [k.value for k in ImportKind]
    if user.role == Role.EDITOR:
        return [ImportKind.DEPARTMENT_FORM.value]
    return []


def import_history(user: User) -> QuerySet[ImportRecord]:
    """Return the organization's import records the user sees (the latest first, as the model orders)."""
    return access.scope_to_organization(ImportRecord.objects.all(), user, "organization")


def get_pending(user: User, token: str) -> PendingUpload:
    """Return the user's own previewed file; anyone else's does not exist for them (404)."""
    upload = PendingUpload.objects.filter(token=token, user=user).first()
    if upload is None:
        raise Http404
    return upload


def form_departments(user: User, plan: Plan, year: int) -> QuerySet[Department]:
    """Return the departments whose forms of the plan-year the user may download (403 for others)."""
    department_ids = set(
        plans_access.visible_entries(user)
        .filter(program__plan=plan, fiscal_year=year)
        .values_list("department_id", flat=True)
    )
    if user.role == Role.COUNCIL or (not department_ids and not access.manages_plans(user)):
        raise PermissionDenied
    return Department.objects.filter(pk__in=department_ids).order_by("name")


def get_form_department(user: User, plan: Plan, year: int, department_id: int) -> Department:
    """Return the department whose form the user asks for: 404 where the user sees none of its entries."""
    if user.role == Role.COUNCIL:
        raise PermissionDenied
    visible = plans_access.visible_entries(user).filter(
        program__plan=plan, fiscal_year=year, department_id=department_id
    )
    if not visible.exists():
        raise Http404
    return Department.objects.get(pk=department_id)


def check_all_forms(user: User, plan: Plan, year: int) -> None:
    """Refuse the zip of every department's form to all but the secretariat; 404 for a year without entries."""
    if not access.manages_plans(user):
        raise PermissionDenied
    if not plans_access.visible_entries(user).filter(program__plan=plan, fiscal_year=year).exists():
        raise Http404
