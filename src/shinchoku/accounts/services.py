"""Writes of organizations and their people, each one named step with its checks.

A new city starts here: the installation administrator creates the organization and its first
secretariat account, and the secretariat sets its own password from a one-time link.
"""

import unicodedata
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from shinchoku.accounts import usernames
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.codes import is_valid_code
from shinchoku.lib.errors import ServiceError


class AccountError(ServiceError):
    """A request about organizations or accounts that cannot be carried out; the message says why, in Japanese."""


@dataclass(frozen=True)
class NewOrganization:
    organization: Organization
    secretariat: User
    set_password_path: str


def _clean_code(code: str) -> str:
    code = unicodedata.normalize("NFKC", code).strip()  # 「１１１００７」 as typed on a Japanese keyboard
    if not is_valid_code(code):
        raise AccountError(
            f"団体コード「{code}」は正しくありません。全国地方公共団体コード（6桁、最後の1桁は検査数字）を"
            "入力してください（例: さいたま市 111007）。"
        )
    if Organization.objects.filter(jis_code=code).exists():
        raise AccountError(f"団体コード「{code}」の団体はすでに登録されています。")
    return code


def _clean_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).strip()
    if not name:
        raise AccountError("団体名を入力してください。")
    if len(name) > Organization._meta.get_field("name").max_length:  # type: ignore[operator]
        raise AccountError("団体名は100文字以内で入力してください。")
    # Two real cities share some names (府中市 in Tokyo and in Hiroshima): the second one is told how
    # to tell them apart rather than silently becoming a look-alike of the first.
    if Organization.objects.filter(name=name).exists():
        raise AccountError(
            f"団体名「{name}」はすでに使われています。同じ名前の団体があるときは「東京都府中市」のように"
            "都道府県名を付けてください。"
        )
    return name


def _clean_account(username: str, email: str) -> tuple[str, str]:
    username = usernames.fold(username)
    problem = usernames.problem(username)
    if problem:
        raise AccountError(problem)
    existing = usernames.taken(username)
    if existing is not None:
        raise AccountError(usernames.taken_message(username, existing))
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise AccountError(f"メールアドレス「{email}」は正しくありません。") from error
    return username, email


def set_password_path(user: User) -> str:
    """Return the one-time path on this site where the user chooses a password.

    Django's token is valid for PASSWORD_RESET_TIMEOUT (72 hours here) and only until the password,
    the last login or the e-mail address changes, so the link works once.
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:set_password", args=[uid, token])


@transaction.atomic(durable=True)
def create_organization(*, name: str, code: str, secretariat_username: str, email: str) -> NewOrganization:
    """Create an organization and its first secretariat account (no password until the link is used)."""
    clean_name = _clean_name(name)
    clean_code = _clean_code(code)
    username, clean_email = _clean_account(secretariat_username, email)
    organization = Organization.objects.create(name=clean_name, jis_code=clean_code)
    user = User(
        username=username,
        email=clean_email,
        organization=organization,
        role=Role.SECRETARIAT,
        is_staff=False,  # tenants work on their own screens, not in the Django admin
    )
    user.set_unusable_password()
    user._change_reason = "団体の登録で作成"  # type: ignore[attr-defined]  # no actor: the installation's step
    user.save()
    return NewOrganization(organization, user, set_password_path(user))
