"""The forms of accounts: the one-time code, API tokens, a new organization."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.models import Department, Role


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code from the authenticator app"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class TokenForm(forms.Form):
    """A new API token: what it is for, and how long it is valid."""

    name = forms.CharField(label=_("What it is for"), max_length=100, help_text=_("e.g. 県への報告用の集計"))
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("one year"))],
        widget=forms.RadioSelect,
    )


class NewOrganizationForm(forms.Form):
    """A new organization and its first secretariat account (the service checks code and names)."""

    name = forms.CharField(label=_("Name of the organization"), max_length=100, help_text=_("e.g. 川越市"))
    code = forms.CharField(
        label=_("Local government code"),
        max_length=12,
        help_text=_("JIS X 0402, six digits with the check digit (e.g. 112011)."),
    )
    secretariat_username = forms.CharField(label=_("Login name of the secretariat"), max_length=150)
    email = forms.CharField(label=_("E-mail address of the secretariat"), max_length=254)


class PersonForm(forms.Form):
    """One person of the organization, as the secretariat sees them."""

    username = forms.CharField(label=_("Login name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False)
    role = forms.ChoiceField(label=_("Role"))
    departments: "forms.ModelMultipleChoiceField[Department]" = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The departments whose entries a department editor writes."),
    )
    is_active = forms.BooleanField(
        label=_("May log in"), required=False, initial=True, help_text=_("Untick when the person leaves.")
    )

    def __init__(
        self,
        *args: Any,
        departments: QuerySet[Department],
        roles: Iterable[Role],
        existing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # self.fields holds copies of the declared fields, typed as the base Field.
        cast("forms.ModelMultipleChoiceField[Department]", self.fields["departments"]).queryset = departments
        cast(forms.ChoiceField, self.fields["role"]).choices = [(role.value, role.label) for role in roles]
        if existing:
            # The login name is the person's key in logs and history: it is not changed here.
            self.fields["username"].disabled = True
