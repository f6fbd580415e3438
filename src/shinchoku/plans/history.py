"""An entry's history as people read it: when, who, what, before, after."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from shinchoku.domain.numbers import format_decimal
from shinchoku.plans.models import EntryStatus, IndicatorValue, YearlyEntry


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
    return str(user.get_full_name() or user.username)


def _changes(
    records: list[Any],
    model: Any,
    prefix: str = "",
    first: str | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Change]:
    """Return the field changes between consecutive historical records (oldest first).

    The first record is shown as `first` (created, unless told otherwise), without its values.
    names: the plan's further dimensions' names by key, for grades on them.
    """
    changes = []
    for previous, record in zip([None, *records], records, strict=False):
        if previous is None:
            label = _("created") if first is None else first
            changes.append(Change(record.history_date, _who(record), prefix + label, "", ""))
            continue
        for change in record.diff_against(previous).changes:
            field = model._meta.get_field(change.field)
            changes.append(
                Change(
                    record.history_date,
                    _who(record),
                    prefix + str(getattr(field, "verbose_name", change.field)),
                    _shown(field, change.old, names),
                    _shown(field, change.new, names),
                )
            )
    return changes


def _shown(field: Any, value: Any, names: Mapping[str, str] | None = None) -> str:
    """Return a value as the screens show it: choices by their label, numbers with separators."""
    if value is None or value == "":
        return "―"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(
        value, dict
    ):  # grades on further dimensions by their names (妥当性: 4), keys sorted (PostgreSQL orders a jsonb its own way)
        named = names or {}
        return "、".join(f"{named.get(key, key)}: {grade}" for key, grade in sorted(value.items())) or "―"
    if isinstance(value, Decimal):
        return format_decimal(value.normalize() if value == value.to_integral_value() else value)
    return str(value)


def entry_history(entry: YearlyEntry, *, confirmed_only: bool) -> list[Change]:
    """Return the changes of the entry and of its indicators' figures for the year, newest first.

    With confirmed_only (what a council member reads, as plans/access.py decides), only the
    entry as it stood at each confirmation: drafts, returns and values typed in between are left out,
    and a change shows as one confirmed value replacing the one confirmed before.
    """
    records = list(entry.history.select_related("history_user").order_by("history_date", "history_id"))
    if confirmed_only:
        records = [r for r in records if r.status == EntryStatus.CONFIRMED]
    names = {d.get("key", ""): d.get("name", "") for d in entry.program.plan.dimensions or []}
    changes = _changes(records, YearlyEntry, first=_("confirmed") if confirmed_only else None, names=names)
    confirmations = [(r.history_date, _who(r)) for r in records]
    values = IndicatorValue.objects.filter(
        indicator__program_id=entry.program_id, fiscal_year=entry.fiscal_year
    ).select_related("indicator")
    for value in values:
        if value.indicator.department_id not in (None, entry.department_id):
            continue
        value_records = list(
            value.history.select_related("history_user").order_by("history_date", "history_id")
        )
        prefix = f"{value.indicator.name}: "
        if confirmed_only:
            changes += _confirmed_value_changes(value_records, confirmations, prefix)
        else:
            changes += _changes(value_records, IndicatorValue, prefix)
    return sorted(changes, key=lambda c: c.at, reverse=True)


def _confirmed_value_changes(
    records: list[Any], confirmations: list[tuple[datetime.datetime, str]], prefix: str
) -> list[Change]:
    """Return how a figure changed from one confirmation of the entry to the next (never a draft value).

    Each change is dated and signed by the confirmation that made it the confirmed value.
    """
    changes = []
    previous = None
    for at, who in confirmations:
        standing = [r for r in records if r.history_date <= at]
        if not standing:
            continue
        current = standing[-1]
        if previous is not None and previous.history_id != current.history_id:
            for change in current.diff_against(previous).changes:
                field = IndicatorValue._meta.get_field(change.field)
                changes.append(
                    Change(
                        at,
                        who,
                        prefix + str(getattr(field, "verbose_name", change.field)),
                        _shown(field, change.old),
                        _shown(field, change.new),
                    )
                )
        previous = current
    return changes
