"""The upload form: what is being imported, where to, and the file."""

import json
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.scale_presets import PRESETS, preset_label
from shinchoku.imports.models import ImportKind
from shinchoku.imports.names import SLUG_MAX, slug_problems
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
    # Not a SlugField: that accepts 「_」 and capitals, which the plan import's rule (names.SLUG) refuses.
    slug = forms.CharField(label=_("short name of the new plan"), required=False, max_length=SLUG_MAX)
    plan_name = forms.CharField(label=_("name of the new plan"), required=False, max_length=200)
    first_year = forms.CharField(label=_("first fiscal year"), required=False)
    last_year = forms.CharField(label=_("last fiscal year"), required=False)
    scale = forms.ChoiceField(
        label=_("grade scale of the new plan"),
        choices=[("", _("(choose)"))]
        + [(key, preset_label(scale)) for key, scale in PRESETS.items()]
        + [("file", _("from a scale file (.json)"))],
        required=False,
    )
    scale_file = forms.FileField(label=_("scale file (.json)"), required=False)
    percent_places = forms.TypedChoiceField(
        label=_("decimal places of percentages"),
        choices=[(0, "0（12%）"), (1, "1（12.3%）"), (2, "2（12.34%）")],
        coerce=int,
        initial=0,
        required=False,
    )
    department = forms.CharField(
        label=_("department of every program"),
        required=False,
        max_length=100,
        help_text=_("Only for a sheet without a department column, such as the seed's table."),
    )

    def __init__(
        self, *args: Any, plans: QuerySet[Plan], kinds: list[str], own_scale: str = "", **kwargs: Any
    ) -> None:
        """own_scale: the preset the city publishes itself (さいたま市's for さいたま市), preselected; none else."""
        super().__init__(*args, **kwargs)
        self.own_scale = own_scale
        self.fields["scale"].initial = own_scale
        cast("forms.ModelChoiceField[Plan]", self.fields["plan"]).queryset = plans
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            c for c in ImportKind.choices if c[0] in kinds
        ]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ImportKind.PLAN:
            for name in ("slug", "plan_name", "first_year", "last_year"):
                if not data.get(name):
                    self.add_error(name, _("Needed for a new plan."))
            for problem in slug_problems(data["slug"]) if data.get("slug") else []:
                self.add_error("slug", f"{problem.why}{problem.fix}")
            for name in ("first_year", "last_year"):
                if data.get(name):
                    try:
                        data[name] = _year(data[name])
                    except forms.ValidationError as error:
                        self.add_error(name, error)
            data["grade_scale"] = self._grade_scale(data)
            data["percent_places"] = data.get("percent_places") or 0
        elif kind:
            # A returned department form says its plan and year in its hidden sheet: neither is asked for.
            optional = kind == ImportKind.DEPARTMENT_FORM
            if not data.get("plan") and not optional:
                self.add_error("plan", _("Choose the plan."))
            if not data.get("fiscal_year"):
                if not optional:
                    self.add_error("fiscal_year", _("Give the fiscal year."))
            else:
                try:
                    data["fiscal_year"] = _year(data["fiscal_year"])
                except forms.ValidationError as error:
                    self.add_error("fiscal_year", error)
        return data

    def _grade_scale(self, data: dict[str, Any]) -> dict[str, Any]:
        """Return the chosen scale as a plan stores it: a preset, or the uploaded file checked as a scale."""
        choice = data.get("scale") or self.own_scale
        if not choice:
            self.add_error("scale", _("Choose the grade scale of the new plan."))
            return PRESETS["saitama"].to_dict()
        if choice != "file":
            return PRESETS[choice].to_dict()
        upload = data.get("scale_file")
        if upload is None:
            self.add_error("scale_file", _("Choose the scale file."))
            return PRESETS["saitama"].to_dict()
        try:
            return GradeScale.from_dict(json.loads(upload.read(100_000).decode("utf-8"))).to_dict()
        except (ValueError, AttributeError, DomainError) as error:
            self.add_error("scale_file", _("This scale file cannot be read: %(error)s") % {"error": error})
            return PRESETS["saitama"].to_dict()
