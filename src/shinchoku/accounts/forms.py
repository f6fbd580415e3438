"""The forms of accounts: the one-time code, API tokens, a new organization."""

from django import forms
from django.utils.translation import gettext_lazy as _


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
