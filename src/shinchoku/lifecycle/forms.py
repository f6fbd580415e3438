from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year


class FiscalYearField(forms.Field):
    """A fiscal year typed as 2026, 令和8年度 or R8."""

    widget = forms.TextInput

    def to_python(self, value: object) -> int | None:
        text = str(value or "").strip()[:20]
        if not text:
            return None
        try:
            return parse_fiscal_year(text)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error


class SuccessorForm(forms.Form):
    name = forms.CharField(label=_("name of the next plan"), max_length=200)
    slug = forms.SlugField(label=_("short name (for addresses)"), max_length=50)
    first_year = FiscalYearField(label=_("first fiscal year"))
    last_year = FiscalYearField(label=_("last fiscal year"))
