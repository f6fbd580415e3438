from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.plans.forms import FiscalYearField


class SuccessorForm(forms.Form):
    name = forms.CharField(label=_("name of the next plan"), max_length=200)
    slug = forms.SlugField(label=_("short name (for addresses)"), max_length=50)
    first_year = FiscalYearField(label=_("first fiscal year"))
    last_year = FiscalYearField(label=_("last fiscal year"))
