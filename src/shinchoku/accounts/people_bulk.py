"""Many people at once from a list: each row checked and shown first, then all added or none.

The secretariat uploads a list (people_bulk_table.py reads it) and sees every row: an account to
add, one to change, one already as written, or one refused with the reason. Only a list without a
refused row is carried out, in one transaction; each new account gets its one-time set-password
link, as one added on the form does. The same rules as the form hold (people.py): the secretariat
gives only the roles of access.ROLES_A_SECRETARIAT_GIVES, to its own organization's people, and
never demotes itself. An account of another organization, or one the secretariat does not manage
(case workers, the installation's), is never touched: its login name is refused as taken.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from shinchoku.accounts import access, usernames
from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.accounts.people_bulk_table import RawPerson, department_names, fold, role_of
from shinchoku.accounts.services import AccountError, set_password_path
from shinchoku.lib.history import record_actor

ROLE_NAMES = "事務局・所管課担当者・協議会委員"


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    SAME = "same"
    REFUSED = "refused"


@dataclass(frozen=True)
class PlannedPerson:
    """One row of the list and what confirming it would do (or why it cannot be done)."""

    raw: RawPerson
    action: Action
    role: Role | None = None
    departments: tuple[Department, ...] = ()
    reasons: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    person: User | None = None  # the account a change is made to
    full_name: str = ""
    email: str = ""


@dataclass(frozen=True)
class PeoplePlan:
    people: tuple[PlannedPerson, ...]

    def count(self, action: str) -> int:
        return sum(1 for p in self.people if p.action == action)

    @property
    def refused(self) -> bool:
        return self.count(Action.REFUSED) > 0

    # The counts the preview shows (a template cannot call count with an argument).
    count_add = property(lambda self: self.count(Action.ADD))
    count_change = property(lambda self: self.count(Action.CHANGE))
    count_same = property(lambda self: self.count(Action.SAME))
    count_refused = property(lambda self: self.count(Action.REFUSED))


class PeopleRefused(AccountError):
    """The list has rows that cannot be carried out; nothing was written."""

    def __init__(self, plan: PeoplePlan) -> None:
        super().__init__(
            f"取り込めない行が{plan.count(Action.REFUSED)}行あるため、だれも追加・変更していません。"
            "理由を確かめ、ファイルを直してからもう一度選んでください。"
        )
        self.plan = plan


@dataclass
class PeopleDone:
    added: list[tuple[User, str]] = field(default_factory=list)  # each new account and its link's path
    changed: list[User] = field(default_factory=list)


def _username_problems(raw: RawPerson, known: "_Known") -> list[str]:
    name = raw.username  # folded to half width by people_bulk_table
    problem = usernames.problem(name)
    if problem:
        return ["ログイン名がありません。" if not name else problem]
    others = [str(row) for row in known.rows_of[name.lower()] if row != raw.row]
    if others:
        return [
            f"ログイン名「{name}」は、ファイルの{'・'.join(others)}行目にもあります。1人1行にしてください。"
        ]
    account = known.existing.get(name.lower())
    if account is not None and account.username != name:
        return [usernames.taken_message(name, account)]
    if account is not None and account.pk not in known.managed:
        return [
            f"ログイン名「{name}」はすでに使われています（この団体の利用者の管理では扱えないアカウントです）。"
        ]
    return []


def _role(raw: RawPerson) -> tuple[Role | None, list[str]]:
    if not raw.role:
        return None, [f"役割がありません。{ROLE_NAMES}のいずれかを書いてください。"]
    role = role_of(raw.role)
    if role is None:
        return None, [f"役割「{raw.role}」が分かりません。{ROLE_NAMES}のいずれかを書いてください。"]
    if role not in access.ROLES_A_SECRETARIAT_GIVES:
        return None, [
            f"役割「{raw.role}」は事務局の画面からは設定できません。システム管理者に依頼してください。"
        ]
    return role, []


def _departments(raw: RawPerson, known: dict[str, Department]) -> tuple[tuple[Department, ...], list[str]]:
    found: dict[int, Department] = {}
    problems = []
    for name in department_names(raw.departments):
        department = known.get(fold(name))
        if department is None:
            problems.append(
                f"所管課「{name}」はこの団体にありません。先に「所管課の管理」で追加してください。"
            )
        else:
            found[department.pk] = department
    return tuple(found.values()), problems


def _other_problems(raw: RawPerson, role: Role | None, departments: tuple[Department, ...]) -> list[str]:
    problems = []
    if role == Role.EDITOR and not departments and not raw.departments:
        problems.append("所管課担当者には、担当する所管課を1つ以上書いてください。")
    if raw.email:
        try:
            validate_email(raw.email)
        except ValidationError:
            problems.append(f"メールアドレス「{raw.email}」は正しくありません。")
    if len(raw.full_name) > 150:
        problems.append("氏名は150文字以内にしてください。")
    return problems


def _changes(person: User, planned: PlannedPerson) -> tuple[str, ...]:
    before = {d.pk: d.name for d in person.departments.all()}
    after = {d.pk: d.name for d in planned.departments}
    changes = []
    if planned.full_name != person.get_full_name():
        changes.append(f"氏名: {person.get_full_name() or '―'} → {planned.full_name or '―'}")
    if planned.email != person.email:
        changes.append(f"メール: {person.email or '―'} → {planned.email or '―'}")
    if planned.role != person.role:
        changes.append(f"役割: {person.get_role_display()} → {planned.role.label if planned.role else '―'}")
    if set(before) != set(after):
        changes.append(f"所管課: {'、'.join(before.values()) or '―'} → {'、'.join(after.values()) or '―'}")
    return tuple(changes)


@dataclass(frozen=True)
class _Known:
    rows_of: dict[str, list[int]]  # the rows of the list that name each login name (lower case)
    existing: dict[str, User]  # the accounts with the list's login names, by lower-case name
    managed: set[int]  # the pks of those accounts this secretariat manages
    departments: dict[str, Department]  # the organization's departments by folded name


def _plan_row(actor: User, raw: RawPerson, known: _Known) -> PlannedPerson:
    role, role_problems = _role(raw)
    departments, department_problems = _departments(raw, known.departments)
    problems = _username_problems(raw, known) + role_problems + department_problems
    problems += _other_problems(raw, role, departments)
    person = known.existing.get(raw.username.lower())  # an account to change, when no problem refuses it
    if person is not None and person.pk == actor.pk and role is not None and role not in access.MANAGERS:
        problems.append("自分のアカウントを事務局から外すことはできません。")
    if problems:
        return PlannedPerson(raw, Action.REFUSED, role, departments, tuple(problems))
    if person is None:
        return PlannedPerson(raw, Action.ADD, role, departments, full_name=raw.full_name, email=raw.email)
    # An existing account keeps its name and address where the list leaves those cells empty.
    planned = PlannedPerson(
        raw,
        Action.CHANGE,
        role,
        departments,
        person=person,
        full_name=raw.full_name or person.get_full_name(),
        email=raw.email or person.email,
    )
    changes = _changes(person, planned)
    action = Action.CHANGE if changes else Action.SAME
    return replace(planned, changes=changes, action=action)


def plan_people(actor: User, rows: Sequence[RawPerson]) -> PeoplePlan:
    """Return what confirming the list would do to each row, and every row's reasons for refusal."""
    if not access.manages_people(actor):
        raise PermissionDenied
    rows_of: dict[str, list[int]] = {}
    for raw in rows:
        rows_of.setdefault(raw.username.lower(), []).append(raw.row)
    # 「ROUDOU」 in the list and the account 「roudou」 are one name: compared without case.
    found = User.objects.annotate(lower_name=Lower("username")).filter(lower_name__in=rows_of)
    existing: dict[str, User] = {u.username.lower(): u for u in found}
    managed = set(
        access.organization_people(actor)
        .filter(pk__in=[u.pk for u in existing.values()])
        .values_list("pk", flat=True)
    )
    departments = {fold(d.name): d for d in access.organization_departments(actor)}
    known = _Known(rows_of, existing, managed, departments)
    return PeoplePlan(tuple(_plan_row(actor, raw, known) for raw in rows))


def _save(actor: User, planned: PlannedPerson) -> User:
    if planned.person is None:
        person = User(username=planned.raw.username, organization_id=actor.organization_id, is_staff=False)
        person.set_unusable_password()
        fields = None
    else:
        person = planned.person
        fields = ["last_name", "first_name", "email", "role"]
    person.last_name = planned.full_name.strip()  # 氏名 in one field, as on the form
    person.first_name = ""
    person.email = planned.email.strip()
    person.role = str(planned.role)
    record_actor(person, actor)
    try:
        with transaction.atomic():
            person.save(update_fields=fields)
    except IntegrityError as error:  # another request took the name since the list was checked
        raise AccountError(
            f"ログイン名「{person.username}」は、いま別の操作で使われました。もう一度確認してください。"
        ) from error
    person.departments.set(planned.departments)
    return person


@transaction.atomic(durable=True)
def add_people(*, actor: User, rows: Sequence[RawPerson]) -> PeopleDone:
    """Add and change the people of the list, all or none; return the new accounts with their links."""
    organization_id = actor.organization_id
    if not access.manages_people(actor) or organization_id is None:
        raise PermissionDenied
    # One list at a time per organization, and the accounts it names stay as checked until the end.
    Organization.objects.select_for_update().filter(pk=organization_id).first()
    list(User.objects.select_for_update().filter(username__in=[raw.username for raw in rows]))
    plan = plan_people(actor, rows)
    if plan.refused:
        raise PeopleRefused(plan)
    done = PeopleDone()
    for planned in plan.people:
        if planned.action == Action.ADD:
            person = _save(actor, planned)
            done.added.append((person, set_password_path(person)))
        elif planned.action == Action.CHANGE:
            done.changed.append(_save(actor, planned))
    return done
