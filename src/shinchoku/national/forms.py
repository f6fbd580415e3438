"""The secretariat's form: which national 重点課題 each area of the plan follows."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.lib.staleness import SeenField
from shinchoku.national.models import NationalIssue
from shinchoku.plans.models import PlanNode

STALE_MAPPING = _("Someone saved the mapping after you opened this page. Check it and save again.")


class AreaMappingForm(forms.Form):
    """One set of check boxes per area (重点項目), one box per national issue."""

    seen = SeenField()

    def __init__(self, *args: Any, areas: list[PlanNode], issues: list[NationalIssue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        choices = [(str(issue.pk), f"{issue.number} {issue.title}") for issue in issues]
        for area in areas:
            self.fields[f"area_{area.pk}"] = forms.MultipleChoiceField(
                label=f"{area.path_label()} {area.title}",
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def chosen(self, area: PlanNode) -> set[int]:
        return {int(pk) for pk in self.cleaned_data[f"area_{area.pk}"]}


class ProgramMappingForm(forms.Form):
    """The national issues one program follows on its own; none ticked: it follows its areas."""

    seen = SeenField()

    def __init__(self, *args: Any, issues: list[NationalIssue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issues"] = forms.MultipleChoiceField(
            label=_("national priority issues of this program"),
            help_text=_("Tick none to let the program follow its areas again."),
            choices=[(str(issue.pk), f"{issue.number} {issue.title}") for issue in issues],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def chosen(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["issues"]}


class SharesForm(forms.Form):
    """The analyst's choice of year and national plan."""

    year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int)
    national_plan = forms.ChoiceField(label=_("national plan"))

    def __init__(self, *args: Any, years: list[tuple[int, str]], plans: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["year"]).choices = years
        cast(forms.ChoiceField, self.fields["national_plan"]).choices = plans
