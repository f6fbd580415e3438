"""The forms of the outcome and context screens: figures read as the city types them (▲5, ５，６２１, 64.3%, 3万)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain.ratios import Direction
from shinchoku.lib.forms import QuantityField, model_digits
from shinchoku.outcomes.models import ContextValue, Outcome, OutcomeValue, Source, YearKind
from shinchoku.plans.forms import FiscalYearField

YEAR_HELP = _("e.g. 2021, 令和3年 or R3")


class VersionForm(forms.Form):
    """The version of the row the page was read at (a stale save is refused)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)


class OutcomeForm(VersionForm):
    name = forms.CharField(
        label=_("name"), max_length=200, help_text=_("e.g. 再犯者数, 再犯者率, 刑法犯検挙者数")
    )
    unit = forms.CharField(label=_("unit"), max_length=20, required=False, help_text=_("e.g. 人, ％"))
    direction = forms.ChoiceField(
        label=_("better when"),
        choices=[
            (Direction.LOWER_IS_BETTER.value, _("lower")),
            (Direction.HIGHER_IS_BETTER.value, _("higher")),
        ],
    )
    year_kind = forms.ChoiceField(label=_("years are"), choices=YearKind.choices)
    baseline_first_year = FiscalYearField(label=_("baseline from"), help_text=YEAR_HELP)
    baseline_last_year = FiscalYearField(label=_("baseline to"), help_text=YEAR_HELP)
    baseline_value = QuantityField(
        label=_("baseline value"),
        digits=model_digits(Outcome, "baseline_value"),
        required=False,
        help_text=_("Leave blank to use the average of the yearly values of the baseline period."),
    )
    target_value = QuantityField(label=_("target value"), digits=model_digits(Outcome, "target_value"))
    target_year = FiscalYearField(label=_("target year"), help_text=YEAR_HELP)
    note = forms.CharField(
        label=_("note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SeriesForm(VersionForm):
    name = forms.CharField(
        label=_("name"), max_length=200, help_text=_("e.g. 刑法犯検挙者中の再犯者数, 再犯者率")
    )
    unit = forms.CharField(label=_("unit"), max_length=20, required=False, help_text=_("e.g. 人, ％"))
    year_kind = forms.ChoiceField(label=_("years are"), choices=YearKind.choices)
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    source_note = forms.CharField(
        label=_("source detail and notes"),
        max_length=200,
        required=False,
        help_text=_("e.g. 令和5年版 犯罪白書; 令和4年は速報値"),
    )


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("reason for the correction"),
        max_length=100,
        required=False,
        help_text=_("Kept in the history with who and when, e.g. 確定値に更新"),
    )


class OutcomeValueForm(VersionForm):
    year = FiscalYearField(label=_("year"), help_text=YEAR_HELP)
    value = QuantityField(label=_("value"), digits=model_digits(OutcomeValue, "value"))
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    source_note = forms.CharField(
        label=_("source detail"), max_length=200, required=False, help_text=_("e.g. 令和5年版 犯罪白書")
    )
    reason = _reason()

    def __init__(self, *args: Any, correcting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _fix_year(self, correcting)


class ContextValueForm(VersionForm):
    year = FiscalYearField(label=_("year"), help_text=YEAR_HELP)
    value = QuantityField(label=_("value"), digits=model_digits(ContextValue, "value"))
    reason = _reason()

    def __init__(self, *args: Any, correcting: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _fix_year(self, correcting)


def _fix_year(form: forms.Form, correcting: bool) -> None:
    """A correction is of the year in the address: the year is not a field; a new value has no reason."""
    if correcting:
        del form.fields["year"]
    else:
        del form.fields["reason"]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("file (.csv or .xlsx)"),
        help_text=_("Columns 項目, 年, 値, optional 単位 and 出典; the first row holds the headings."),
    )
