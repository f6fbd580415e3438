"""The secretariat's work on its organization's departments (所管課): add, rename.

Each step checks the actor (accounts/access.py), runs in one transaction and is kept in the
department's history with the actor, so a former name stays readable after a rename or a merge.
A merge moves plans and council rows too: it is in lifecycle/reorganization.py.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, User
from shinchoku.accounts.services import AccountError
from shinchoku.lib.history import record_actor


def _checked_name(organization_id: int, name: str, *, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise AccountError("所管課の名称を入力してください。")
    try:
        Department(organization_id=organization_id, name=name).clean_fields(exclude=["organization"])
    except ValidationError as error:
        raise AccountError(f"所管課の名称「{name}」は使えません: {' '.join(error.messages)}") from error
    same = Department.objects.filter(organization_id=organization_id, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise AccountError(f"所管課「{name}」は既にあります。")
    return name


def check_own(actor: User, department: Department) -> None:
    """Refuse unless the actor manages the people of the department's organization."""
    if not access.manages_people(actor) or department.organization_id != actor.organization_id:
        raise PermissionDenied


@transaction.atomic(durable=True)
def add_department(*, actor: User, name: str) -> Department:
    """Add a department to the actor's organization."""
    organization_id = actor.organization_id
    if not access.manages_people(actor) or organization_id is None:
        raise PermissionDenied
    department = Department(organization_id=organization_id, name=_checked_name(organization_id, name))
    record_actor(department, actor)
    department.save()
    return department


@transaction.atomic(durable=True)
def rename_department(*, actor: User, department: Department, name: str) -> Department:
    """Rename a department (a reorganization); its history keeps the former name."""
    check_own(actor, department)
    locked = Department.objects.select_for_update().get(pk=department.pk)
    locked.name = _checked_name(locked.organization_id, name, exclude=locked.pk)
    record_actor(locked, actor)
    locked.save(update_fields=["name"])
    return locked
