"""The forms of the outcome and context screens: figures read as the city types them (▲5, ５，６２１, 64.3%, 3万)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shinchoku.domain import unit_fit
from shinchoku.domain.errors import DomainError
from shinchoku.domain.numbers import parse_quantity
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
        required=False,  # needed only when the figure changes (FigureForm.clean)
        help_text=_(
            "Needed when the value changes; kept in the history with who and when, e.g. 確定値に更新"
        ),
    )


def _confirm() -> forms.BooleanField:
    # Hidden until a figure looks wrong for its unit (12.5人): then shown with the warning.
    return forms.BooleanField(label=_("save as it is"), required=False, widget=forms.HiddenInput)


class FigureForm(VersionForm):
    """A year's figure held to its unit: a count is refused below zero or with another unit, asked about as a fraction.

    A correction that changes the recorded figure needs its reason (kept in the history).
    """

    def __init__(
        self, *args: Any, correcting: bool, unit: str = "", before: Decimal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit, self.before = unit, before
        _fix_year(self, correcting)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = data.get("value")
        if not isinstance(value, Decimal):
            return data
        problem = unit_fit.refusal(value, self.unit, self._typed_unit())
        if problem:
            self.add_error("value", problem)
            return data
        doubt = unit_fit.warning(value, self.unit)
        if doubt:
            self.fields["confirm"].widget = forms.CheckboxInput()
        if doubt and not data.get("confirm"):
            self.add_error("value", doubt + str(_(" If it is right, tick 「save as it is」 and save again.")))
        if "reason" in self.fields and value != self.before and not data.get("reason", "").strip():
            self.add_error(
                "reason", _("Give the reason for changing a recorded value (kept in the history).")
            )
        return data

    def _typed_unit(self) -> str:
        """Return the unit typed with the figure (「98.4%」 → 「%」), empty when none."""
        try:
            return parse_quantity(str(self.data.get(self.add_prefix("value"), ""))).unit
        except DomainError:
            return ""


class OutcomeValueForm(FigureForm):
    year = FiscalYearField(label=_("year"), help_text=YEAR_HELP)
    value = QuantityField(label=_("value"), digits=model_digits(OutcomeValue, "value"))
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    source_note = forms.CharField(
        label=_("source detail"), max_length=200, required=False, help_text=_("e.g. 令和5年版 犯罪白書")
    )
    reason = _reason()
    confirm = _confirm()


class ContextValueForm(FigureForm):
    year = FiscalYearField(label=_("year"), help_text=YEAR_HELP)
    value = QuantityField(label=_("value"), digits=model_digits(ContextValue, "value"))
    reason = _reason()
    confirm = _confirm()


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
