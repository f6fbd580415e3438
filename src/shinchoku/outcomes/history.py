"""The history of an outcome or a context statistic as people read it: when, who, what, before, after, why."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext as _

from shinchoku.domain.numbers import format_decimal
from shinchoku.outcomes.models import ContextSeries, ContextValue, Outcome, OutcomeValue


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    who: str
    what: str
    before: str
    after: str
    reason: str


def _who(record: Any) -> str:
    user = record.history_user
    return _("system") if user is None else str(user.get_full_name() or user.username)


def _shown(field: Any, value: Any) -> str:
    """Return a value as the screens show it: choices by their label, figures with separators."""
    if value is None or value == "":
        return "―"
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return format_decimal(value.normalize() if value == value.to_integral_value() else value)
    return str(value)


def changes(records: list[Any], model: type[Model], prefix: str = "") -> list[Change]:
    """Return the field changes between consecutive historical records given oldest first.

    A record without one before it is the row's creation (shown with its value, for a figure).
    """
    found = []
    for previous, record in zip([None, *records], records, strict=False):
        reason = record.history_change_reason or ""
        if previous is None:
            after = _shown(None, record.value) if hasattr(record, "value") else ""
            found.append(Change(record.history_date, _who(record), prefix + _("created"), "", after, reason))
            continue
        for change in record.diff_against(previous).changes:
            field = model._meta.get_field(change.field)
            what = prefix + str(getattr(field, "verbose_name", change.field))
            before, after = _shown(field, change.old), _shown(field, change.new)
            found.append(Change(record.history_date, _who(record), what, before, after, reason))
    return found


def _ordered(history: Any) -> list[Any]:
    return list(history.select_related("history_user").order_by("history_date", "history_id"))


def _with_values(found: list[Change], value_records: Any, value_model: type[Model]) -> list[Change]:
    by_year: dict[int, list[Any]] = {}
    for record in _ordered(value_records):
        by_year.setdefault(record.year, []).append(record)
    for year, records in by_year.items():
        found = found + changes(records, value_model, prefix=_("%(year)s: ") % {"year": year})
    return sorted(found, key=lambda c: c.at, reverse=True)


def outcome_history(outcome: Outcome) -> list[Change]:
    """Return the changes of the outcome's definition and of its yearly values, newest first."""
    found = changes(_ordered(outcome.history.all()), Outcome)
    return _with_values(found, OutcomeValue.history.filter(outcome_id=outcome.pk), OutcomeValue)


def series_history(series: ContextSeries) -> list[Change]:
    """Return the changes of the statistic's name, unit and source and of its yearly figures, newest first."""
    found = changes(_ordered(series.history.all()), ContextSeries)
    return _with_values(found, ContextValue.history.filter(series_id=series.pk), ContextValue)


def value_history(value: OutcomeValue | ContextValue) -> list[Change]:
    """Return the changes of one year's figure, newest first."""
    found = changes(_ordered(value.history.all()), type(value))
    return sorted(found, key=lambda c: c.at, reverse=True)
