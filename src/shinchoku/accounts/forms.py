"""The one-time code form."""

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
