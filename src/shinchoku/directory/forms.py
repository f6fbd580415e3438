"""The secretariat's forms for windows, their places, phones and opening periods, and the leaflet."""

from typing import Any

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from shinchoku.directory.models import (
    Audience,
    ClosedDay,
    LeafletSection,
    Location,
    Phone,
    Schedule,
    Topic,
    Window,
)
from shinchoku.domain.opening_hours import WEEKDAYS
from shinchoku.lib.forms import JapaneseDateField
from shinchoku.lib.staleness import SeenField, fingerprint


class WindowForm(forms.ModelForm):  # type: ignore[type-arg]
    topics = forms.MultipleChoiceField(
        label=_("fields of help (分野)"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    audiences = forms.MultipleChoiceField(
        label=_("who may come (対象)"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    url = forms.URLField(label=_("web page"), required=False, assume_scheme="https")
    provider_name = forms.CharField(
        label=_("provider"),
        max_length=200,
        required=False,
        help_text=_("The body that runs the window, e.g. さいたま市 福祉局 or 法務省さいたま保護観察所."),
    )

    class Meta:
        model = Window
        fields = [
            "name",
            "description",
            "provider_name",
            "url",
            "email",
            "topics",
            "audiences",
            "hours_note",
            "note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.pk and self.instance.provider:
            self.fields["provider_name"].initial = self.instance.provider.name


class ScheduleForm(forms.ModelForm):  # type: ignore[type-arg]
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Schedule
        fields = ["weekdays", "opens_at", "closes_at", "closed_on_holidays", "description"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return data


LocationFormSet: "type[BaseInlineFormSet[Location, Window, forms.ModelForm[Location]]]" = (
    inlineformset_factory(
        Window, Location, fields=["name", "ward", "address", "postal_code"], extra=1, can_delete=True
    )
)
PhoneFormSet: "type[BaseInlineFormSet[Phone, Window, forms.ModelForm[Phone]]]" = inlineformset_factory(
    Window, Phone, fields=["number", "description"], extra=1, can_delete=True
)
ScheduleFormSet = inlineformset_factory(Window, Schedule, form=ScheduleForm, extra=1, can_delete=True)
ClosedDayFormSet: "type[BaseInlineFormSet[ClosedDay, Window, forms.ModelForm[ClosedDay]]]" = (
    inlineformset_factory(
        Window,
        ClosedDay,
        fields=["day", "opens_at", "closes_at", "description"],
        field_classes={"day": JapaneseDateField},  # 和暦 as typed (令和9年1月2日)
        widgets={
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
        },
        extra=1,
        can_delete=True,
    )
)


class LeafletForm(forms.Form):
    """The four texts of the leaflet's 第1部."""

    seen = SeenField()

    def __init__(self, *args: Any, sections: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = fingerprint(sections)
        for key, label in LeafletSection.Key.choices:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                initial=sections.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )
