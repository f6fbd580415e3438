"""Form fields shared by every app: a figure as the city types it, held to its column's digits; a date."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import parse_date
from shinchoku.domain.numbers import Digits, parse_figure


def digits_of(field: Any) -> Digits:
    """Return the digits a DecimalField stores (its max_digits and decimal_places)."""
    if not isinstance(field, models.DecimalField):
        raise TypeError(f"{field!r} is not a DecimalField")
    return Digits(max_digits=field.max_digits, decimal_places=field.decimal_places)


def model_digits(model: type[models.Model], name: str) -> Digits:
    """Return the digits of a model's decimal column: model_digits(IndicatorValue, "actual")."""
    return digits_of(model._meta.get_field(name))


class QuantityField(forms.CharField):
    """A figure as the city types it: ５,３００戸, 64.3%, ▲5, 3万人; a lone dash or nothing means none.

    The domain's parser reads it (the importers use the same one) and holds it to the digits
    of the column it is stored in, so a figure that cannot be saved is a form error naming the
    limit rather than a database error.
    """

    def __init__(
        self,
        *,
        digits: Digits | None = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        # A model's DecimalField passes its max_digits and decimal_places (formfield_overrides).
        if digits is None:
            if max_digits is None or decimal_places is None:
                raise TypeError("QuantityField needs the digits of the column it fills")
            digits = Digits(max_digits=max_digits, decimal_places=decimal_places)
        self.digits = digits
        # No max_length: its validator would measure the cleaned Decimal; the parser refuses
        # overlong text itself.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    # A figure field cleans to a Decimal, not to CharField's str: a narrower type is the point.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):  # an initial or instance value, already a figure
            return value
        text = super().to_python(value)
        try:
            return parse_figure(text or "", self.digits)
        except DomainError as error:
            raise forms.ValidationError(str(error)) from error

    def prepare_value(self, value: Any) -> Any:
        """Show a stored figure without trailing zeros or an exponent: 1500.000 → 1500."""
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f") if value else "0"
        return value


class JapaneseDateField(forms.DateField):
    """A date as the city types it: 令和9年6月30日, R9.6.30, 2027/06/30, ２０２７年６月３０日 or 2027-06-30.

    Read by the domain's parse_date (the same for every date field); a text box, not the
    browser's date picker, because the picker refuses 和暦.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.DateInput(format="%Y-%m-%d", attrs={"placeholder": "令和9年6月30日"})
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value.date() if isinstance(value, datetime.datetime) else value
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return parse_date(text)
        except DomainError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


# For a ModelAdmin or ModelForm: every decimal column read as the city types it.
FIGURES_AS_TYPED: "dict[type[models.Field[Any, Any]], dict[str, Any]]" = {
    models.DecimalField: {"form_class": QuantityField}
}
