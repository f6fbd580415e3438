"""The secretariat's work on its organization's accounts: add, change, deactivate, links, unlock.

Each step checks who may do it (accounts/access.py), runs in one transaction and is kept in the
account's history with the actor. A secretariat cannot lock itself out: it neither deactivates
nor demotes its own account.
"""

from dataclasses import dataclass

from axes.utils import reset as reset_lockout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts import access, usernames
from shinchoku.accounts.models import Department, Role, User
from shinchoku.accounts.services import AccountError, set_password_path
from shinchoku.lib.history import record_actor


@dataclass(frozen=True)
class PersonInput:
    """What the secretariat types about one person (氏名 is one string, as Japanese writes it)."""

    full_name: str
    email: str
    role: str
    departments: tuple[Department, ...]
    is_active: bool = True


def _check(actor: User, data: PersonInput) -> None:
    if data.role not in access.ROLES_A_SECRETARIAT_GIVES:
        raise AccountError("この役割は事務局の画面からは設定できません。システム管理者に依頼してください。")
    if any(d.organization_id != actor.organization_id for d in data.departments):
        raise PermissionDenied  # a forged department of another organization
    if data.role == Role.EDITOR and not data.departments:
        raise AccountError("所管課担当者には、担当する所管課を1つ以上選んでください。")
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError as error:
            raise AccountError(f"メールアドレス「{data.email}」は正しくありません。") from error


def _apply(person: User, data: PersonInput) -> None:
    person.last_name = data.full_name.strip()  # 氏名 in one field; first_name stays empty
    person.first_name = ""
    person.email = data.email.strip()
    person.role = data.role
    person.is_case_supervisor = False  # never from these screens: see access.ROLES_A_SECRETARIAT_GIVES
    person.is_active = data.is_active


@transaction.atomic(durable=True)
def add_person(*, actor: User, username: str, data: PersonInput) -> tuple[User, str]:
    """Add an account to the actor's organization; return it and its one-time set-password path."""
    if not access.manages_people(actor):
        raise PermissionDenied
    _check(actor, data)
    username = usernames.fold(username)  # 「ＳＵＺＵＫＩ」 typed in full width is 「SUZUKI」
    problem = usernames.problem(username)
    if problem:
        raise AccountError(problem)
    existing = usernames.taken(username)
    if existing is not None:
        raise AccountError(usernames.taken_message(username, existing))
    person = User(username=username, organization_id=actor.organization_id, is_staff=False)
    _apply(person, data)
    person.set_unusable_password()
    record_actor(person, actor)
    person.save()
    person.departments.set(data.departments)
    return person, set_password_path(person)


@transaction.atomic(durable=True)
def change_person(*, actor: User, person: User, data: PersonInput) -> User:
    """Change a person's name, address, role, departments or whether the account may log in."""
    if not access.manages_people(actor) or person.organization_id != actor.organization_id:
        raise PermissionDenied
    _check(actor, data)
    if person.pk == actor.pk and (not data.is_active or data.role not in access.MANAGERS):
        raise AccountError("自分のアカウントを無効にしたり、事務局から外したりすることはできません。")
    locked = User.objects.select_for_update().get(pk=person.pk)
    _apply(locked, data)
    record_actor(locked, actor)
    locked.save(update_fields=["last_name", "first_name", "email", "role", "is_case_supervisor", "is_active"])
    locked.departments.set(data.departments)
    return locked


def new_set_password_link(*, actor: User, person: User) -> str:
    """Return a fresh one-time link for a person who forgot the password or never set one."""
    if not access.manages_people(actor) or person.organization_id != actor.organization_id:
        raise PermissionDenied
    if not person.is_active:
        raise AccountError("無効になっているアカウントには、パスワード設定のリンクを作れません。")
    return set_password_path(person)


@transaction.atomic(durable=True)
def reset_second_factor(*, actor: User, person: User) -> int:
    """Remove the person's authenticator app (a lost phone); they set up a new one at the next login."""
    if not access.manages_people(actor) or person.organization_id != actor.organization_id:
        raise PermissionDenied
    removed, _ = TOTPDevice.objects.filter(user=person).delete()
    return int(removed)  # django-otp is untyped


@transaction.atomic(durable=True)
def lift_lockout(*, actor: User, person: User) -> int:
    """Forget the person's failed logins, so that a locked-out account may log in again at once."""
    if not access.manages_people(actor) or person.organization_id != actor.organization_id:
        raise PermissionDenied
    return int(reset_lockout(username=person.username))  # django-axes is untyped
