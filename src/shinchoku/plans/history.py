"""An entry's history as people read it: when, who, what, before, after."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from shinchoku.domain.numbers import format_decimal
from shinchoku.plans.models import IndicatorValue, YearlyEntry


@dataclass(frozen=True)
class Change:
    at: datetime.datetime
    who: str
    what: str
    before: str
    after: str


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("system")
    return user.get_full_name() or user.username


def _changes(records: list[Any], model: Any, prefix: str = "") -> list[Change]:
    """Return the field changes between consecutive historical records (oldest first)."""
    changes = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None:
            changes.append(Change(record.history_date, _who(record), prefix + _("created"), "", ""))
            continue
        for change in record.diff_against(previous).changes:
            field = model._meta.get_field(change.field)
            changes.append(
                Change(
                    record.history_date,
                    _who(record),
                    prefix + str(field.verbose_name),
                    _shown(field, change.old),
                    _shown(field, change.new),
                )
            )
    return changes


def _shown(field: Any, value: Any) -> str:
    """Return a value as the screens show it: choices by their label, numbers with separators."""
    if value is None or value == "":
        return "―"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return format_decimal(value.normalize() if value == value.to_integral_value() else value)
    return str(value)


def entry_history(entry: YearlyEntry) -> list[Change]:
    """Return every change of the entry and of its indicators' figures for the year, newest first."""
    records = list(entry.history.select_related("history_user").order_by("history_date", "history_id"))
    changes = _changes(records, YearlyEntry)
    values = IndicatorValue.objects.filter(
        indicator__program_id=entry.program_id, fiscal_year=entry.fiscal_year
    ).select_related("indicator")
    for value in values:
        if value.indicator.department_id not in (None, entry.department_id):
            continue
        value_records = list(
            value.history.select_related("history_user").order_by("history_date", "history_id")
        )
        changes += _changes(value_records, IndicatorValue, f"{value.indicator.name}: ")
    return sorted(changes, key=lambda c: c.at, reverse=True)
