"""The admin's account forms under the one login-name rule (accounts/usernames.py).

Without them an installation administrator could create 「ＹＯＳＨＩＤＡ」 or 「やまもと」, a name
nobody can type at the login, or 「roudou」 beside 「ROUDOU」: the screens refuse all three.
"""

from typing import Any

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError

from shinchoku.accounts import usernames
from shinchoku.accounts.models import User


def checked_login_name(typed: str, account: User | None) -> str:
    """Return the folded login name, or raise ValidationError saying in Japanese why it cannot be used."""
    name = usernames.fold(typed)
    if problem := usernames.problem(name):
        raise ValidationError(problem)
    other = usernames.taken(name)
    if other is not None and (account is None or other.pk != account.pk):
        raise ValidationError(usernames.taken_message(name, other))
    return name


class UserAddForm(AdminUserCreationForm):
    def clean_username(self) -> str:
        return checked_login_name(str(self.cleaned_data.get("username", "")), None)


class UserEditForm(UserChangeForm):  # type: ignore[type-arg]
    def clean_username(self) -> str:
        account: Any = self.instance
        return checked_login_name(str(self.cleaned_data.get("username", "")), account if account.pk else None)
