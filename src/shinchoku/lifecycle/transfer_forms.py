"""The form of the April change (人事異動): per account what happens to it, and rows for newcomers."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts import usernames
from shinchoku.accounts.models import Department, User
from shinchoku.lifecycle.transfer import Leaving, Newcomer, Transfer

NEWCOMER_ROWS = 6  # rows for newcomers on one page; a department seldom gets more in one April
STAY, LEAVE, MOVE = "", "leave", "move"


class TransferForm(forms.Form):
    """Fields per listed account (``what_<pk>``, ``move_to_<pk>``, ``successor_<pk>``) and per newcomer row."""

    def __init__(
        self,
        *args: Any,
        department: Department,
        members: list[User],
        departments: QuerySet[Department],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.department, self.members = department, members
        successors = [("", _("— choose —"))] + [(f"p{m.pk}", _label(m)) for m in members]
        successors += [
            (f"n{i}", _("the newcomer of row %(row)d") % {"row": i + 1}) for i in range(NEWCOMER_ROWS)
        ]
        for member in members:
            self.fields[f"what_{member.pk}"] = forms.ChoiceField(
                label=_("Change"),
                required=False,
                choices=[
                    (STAY, _("stays")),
                    (LEAVE, _("leaves (account deactivated)")),
                    (MOVE, _("moves to")),
                ],
            )
            self.fields[f"move_to_{member.pk}"] = forms.ModelChoiceField(
                label=_("Department moved to"), queryset=departments, required=False
            )
            self.fields[f"successor_{member.pk}"] = forms.ChoiceField(
                label=_("Their work passes to"),
                required=False,
                choices=successors,
                help_text=_("When they leave or move: a person who stays, or a newcomer below."),
            )
        for i in range(NEWCOMER_ROWS):
            self.fields[f"new{i}_full_name"] = forms.CharField(
                label=_("Full name"), max_length=150, required=False
            )
            self.fields[f"new{i}_username"] = forms.CharField(
                label=_("Login name"), max_length=150, required=False
            )
            self.fields[f"new{i}_email"] = forms.CharField(
                label=_("E-mail address"), max_length=254, required=False
            )

    def member_rows(self) -> list[tuple[User, list[BoundField]]]:
        """Return each listed account with its three fields, for the template."""
        names = ("what", "move_to", "successor")
        return [(m, [self[f"{name}_{m.pk}"] for name in names]) for m in self.members]

    def newcomer_rows(self) -> list[tuple[int, list[BoundField]]]:
        """Return each newcomer row (numbered from 1) with its three fields."""
        names = ("full_name", "username", "email")
        return [(i + 1, [self[f"new{i}_{name}"] for name in names]) for i in range(NEWCOMER_ROWS)]

    def clean(self) -> dict[str, Any]:
        data = cast(dict[str, Any], super().clean())
        for member in self.members:
            if data.get(f"what_{member.pk}") == MOVE and not data.get(f"move_to_{member.pk}"):
                self.add_error(f"move_to_{member.pk}", _("Choose the department they move to."))
        return data

    def transfer(self) -> Transfer:
        """Return the change the valid form asks for (the service checks it)."""
        data = self.cleaned_data
        rows: dict[int, int] = {}  # form row → index among the filled rows
        newcomers: list[Newcomer] = []
        for i in range(NEWCOMER_ROWS):
            values = [data.get(f"new{i}_{name}", "").strip() for name in ("full_name", "username", "email")]
            if any(values):
                rows[i] = len(newcomers)
                # 「ＹＯＳＨＩＤＡ　」 typed in full width is the login name 「YOSHIDA」.
                username = usernames.fold(values[1])
                newcomers.append(Newcomer(full_name=values[0], username=username, email=values[2]))
        leaving = []
        for member in self.members:
            what = data.get(f"what_{member.pk}")
            if what not in (LEAVE, MOVE):
                continue
            successor = data.get(f"successor_{member.pk}") or ""
            new_row = _number(successor, "n")
            leaving.append(
                Leaving(
                    person=member,
                    move_to=data.get(f"move_to_{member.pk}") if what == MOVE else None,
                    successor_pk=_number(successor, "p"),
                    successor_new=rows.get(new_row) if new_row is not None else None,
                )
            )
        return Transfer(department=self.department, leaving=tuple(leaving), newcomers=tuple(newcomers))


def _label(member: User) -> str:
    name = member.get_full_name()
    return f"{name}（{member.username}）" if name else member.username


def _number(value: str, prefix: str) -> int | None:
    if value.startswith(prefix) and value[1:].isdigit():
        return int(value[1:])
    return None
