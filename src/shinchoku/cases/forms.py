from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from shinchoku.accounts.models import User
from shinchoku.cases.access import supervisor_only_changes
from shinchoku.cases.models import Agency, Case, CaseEvent, CaseSummary
from shinchoku.domain.retention import MINIMUM_RETENTION_YEARS
from shinchoku.lib.forms import JapaneseDateField
from shinchoku.lib.staleness import SeenField, fingerprint


def _retention_help() -> str:
    return gettext(
        "At least %(years)d years after the fiscal year the case was closed in (blank: that minimum). "
        "Only a case supervisor sets or shortens it."
    ) % {"years": MINIMUM_RETENTION_YEARS}


class CaseForm(forms.ModelForm):  # type: ignore[type-arg]
    """The case record; what only a supervisor may change is refused here as in the service."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}  # a ModelForm returns its cleaned_data
        stored = self.instance  # construct_instance has not run yet: these are the saved values
        after = Case(
            status=cleaned.get("status", stored.status),
            closed_on=cleaned.get("closed_on", stored.closed_on),
            retain_until=cleaned.get("retain_until", stored.retain_until),
        )
        for field, message in supervisor_only_changes(actor=self.actor, before=stored, after=after).items():
            self.add_error(field, message)
        return cleaned

    agencies = forms.MultipleChoiceField(
        label=_("agencies involved"),
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Case
        fields = ["label", "age_band", "household", "agencies", "status", "closed_on", "retain_until"]
        # 和暦 as typed (令和13年3月31日), not the browser's picker, which refuses it.
        field_classes = {"closed_on": JapaneseDateField, "retain_until": JapaneseDateField}
        widgets = {"household": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "status": _("A case supervisor closes the case."),
            "retain_until": lazy(_retention_help, str)(),
        }


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CaseEvent
        fields = ["fiscal_year", "month", "day", "agency", "kind", "note"]
        field_classes = {"day": JapaneseDateField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean_month(self) -> Any:
        month = self.cleaned_data.get("month")
        if month is not None and not 1 <= month <= 12:
            raise forms.ValidationError(_("A month is 1 to 12."))
        return month


class SummaryForm(forms.ModelForm):  # type: ignore[type-arg]
    seen = SeenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = summary_fingerprint(self.instance)

    class Meta:
        model = CaseSummary
        fields = ["report_year", "title", "progress", "situation"]
        widgets = {
            "progress": forms.Textarea(attrs={"rows": 10}),
            "situation": forms.Textarea(attrs={"rows": 5}),
        }


def summary_fingerprint(summary: CaseSummary) -> str:
    """Return the fingerprint of the summary as stored (a new one has none to compare)."""
    if not summary.pk:
        return ""
    stored = CaseSummary.objects.filter(pk=summary.pk).values(
        "report_year", "title", "progress", "situation", "published_at"
    )
    return fingerprint(list(stored))
