"""The upload form: what is being imported, where to, and the file."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.imports.models import ImportKind
from shinchoku.plans.models import Plan


def _year(text: str) -> int:
    try:
        return parse_fiscal_year(text)
    except DomainError as error:
        raise forms.ValidationError(str(error)) from error


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    plan = forms.ModelChoiceField(label=_("plan"), queryset=Plan.objects.none(), required=False)
    fiscal_year = forms.CharField(
        label=_("fiscal year"), required=False, help_text=_("e.g. 令和4年度 or 2022")
    )
    slug = forms.SlugField(label=_("short name of the new plan"), required=False)
    plan_name = forms.CharField(label=_("name of the new plan"), required=False, max_length=200)
    first_year = forms.CharField(label=_("first fiscal year"), required=False)
    last_year = forms.CharField(label=_("last fiscal year"), required=False)

    def __init__(self, *args: Any, plans: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["kind"].choices = [c for c in ImportKind.choices if c[0] in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ImportKind.PLAN:
            for name in ("slug", "plan_name", "first_year", "last_year"):
                if not data.get(name):
                    self.add_error(name, _("Needed for a new plan."))
            for name in ("first_year", "last_year"):
                if data.get(name):
                    try:
                        data[name] = _year(data[name])
                    except forms.ValidationError as error:
                        self.add_error(name, error)
        elif kind:
            if not data.get("plan"):
                self.add_error("plan", _("Choose the plan."))
            if not data.get("fiscal_year"):
                self.add_error("fiscal_year", _("Give the fiscal year."))
            else:
                try:
                    data["fiscal_year"] = _year(data["fiscal_year"])
                except forms.ValidationError as error:
                    self.add_error("fiscal_year", error)
        return data
