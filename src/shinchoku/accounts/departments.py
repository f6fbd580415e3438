"""The secretariat's work on its organization's departments (所管課): add, rename, merge.

Each step checks the actor (accounts/access.py), runs in one transaction and is kept in the
department's history with the actor, so a former name stays readable after a rename or a merge.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from shinchoku.accounts import access
from shinchoku.accounts.models import Department, User
from shinchoku.accounts.services import AccountError
from shinchoku.council.models import Response
from shinchoku.plans.models import Indicator, Program, YearlyEntry


def _checked_name(actor: User, name: str, *, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise AccountError("所管課の名称を入力してください。")
    try:
        Department(organization_id=actor.organization_id, name=name).clean_fields(exclude=["organization"])
    except ValidationError as error:
        raise AccountError(f"所管課の名称「{name}」は使えません: {' '.join(error.messages)}") from error
    same = Department.objects.filter(organization_id=actor.organization_id, name=name)
    if same.exclude(pk=exclude).exists():
        raise AccountError(f"所管課「{name}」は既にあります。")
    return name


def _own(actor: User, department: Department) -> None:
    if not access.manages_people(actor) or department.organization_id != actor.organization_id:
        raise PermissionDenied


def add_department(*, actor: User, name: str) -> Department:
    """Add a department to the actor's organization."""
    if not access.manages_people(actor):
        raise PermissionDenied
    with transaction.atomic():
        department = Department(organization_id=actor.organization_id, name=_checked_name(actor, name))
        department._history_user = actor  # type: ignore[attr-defined]
        department.save()
    return department


def rename_department(*, actor: User, department: Department, name: str) -> Department:
    """Rename a department (a reorganization); its history keeps the former name."""
    _own(actor, department)
    with transaction.atomic():
        locked = Department.objects.select_for_update().get(pk=department.pk)
        locked.name = _checked_name(actor, name, exclude=locked.pk)
        locked._history_user = actor  # type: ignore[attr-defined]
        locked.save(update_fields=["name"])
    return locked


def merge_departments(*, actor: User, source: Department, target: Department) -> int:
    """Merge source into target: its entries, indicators, programs, people and answers move; source goes.

    Refused when both have an entry for the same program and year: which report would stand is
    the secretariat's decision, not a merge's. Return how many entries moved.
    """
    _own(actor, source)
    _own(actor, target)
    if source.pk == target.pk:
        raise AccountError("同じ所管課どうしは統合できません。")
    with transaction.atomic():
        source, target = (
            Department.objects.select_for_update().get(pk=source.pk),
            Department.objects.select_for_update().get(pk=target.pk),
        )
        theirs = set(YearlyEntry.objects.filter(department=target).values_list("program_id", "fiscal_year"))
        moving = list(YearlyEntry.objects.select_for_update().filter(department=source))
        clashes = sorted(
            (e.fiscal_year, e.program.number) for e in moving if (e.program_id, e.fiscal_year) in theirs
        )
        if clashes:
            listed = "、".join(f"{year}年度 事業{number}" for year, number in clashes[:5])
            raise AccountError(
                f"「{source.name}」と「{target.name}」の両方に同じ事業・年度の取組があるため統合できません（{listed}）。"
            )
        try:
            with transaction.atomic():
                for entry in moving:
                    entry.department = target
                    entry._history_user = actor  # type: ignore[attr-defined]
                    entry.save(update_fields=["department"])
                for indicator in Indicator.objects.filter(department=source):
                    indicator.department = target
                    indicator._history_user = actor  # type: ignore[attr-defined]
                    indicator.save(update_fields=["department"])
        except IntegrityError as error:
            raise AccountError(
                f"「{source.name}」と「{target.name}」に同じ名前の指標があるため統合できません。"
            ) from error
        for response in Response.objects.filter(department=source):  # one by one: each keeps its history
            response.department = target
            response._history_user = actor  # type: ignore[attr-defined]
            response.save(update_fields=["department"])
        for program in Program.objects.filter(departments=source):
            program.departments.add(target)
            program.departments.remove(source)
        for person in User.objects.filter(departments=source):
            person.departments.add(target)
            person.departments.remove(source)
        source._history_user = actor  # type: ignore[attr-defined]
        source.delete()
    return len(moving)
