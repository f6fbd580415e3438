"""The plan's settings history as the settings screen reads it: per save, what changed, before → after.

The screen listed each saved state's scale name, decimals and policy only, so switching 「うち重点」 on,
changing the dimensions, the measures' rule or the baseline rule left no visible trace; each change is
now a line such as 「うち重点を表示: しない → する」.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from shinchoku.plans.models import Plan


@dataclass(frozen=True)
class SettingsChange:
    at: datetime.datetime
    who: str
    changes: tuple[str, ...]  # 「うち重点を表示: しない → する」, oldest field first


def _scale(value: Any) -> str:
    if not isinstance(value, dict):
        return "―"
    labels = "／".join(str(g.get("label", "")) for g in value.get("grades", []))
    thresholds = [g["min_ratio"] for g in value.get("grades", []) if g.get("min_ratio") is not None]
    by_hand = "" if thresholds else _("(no thresholds: graded by hand)")
    return f"{value.get('name', '')}（{labels}）{by_hand}"


def _dimensions(value: Any) -> str:
    return "、".join(str(d.get("name", "")) for d in value or []) or _("nothing set")


def _rule(value: Any) -> str:
    if not value:
        return _("nothing set")
    return "、".join(f"{key}: {value[key]}" for key in sorted(value))


def _measure_rule(value: Any) -> str:
    if not value:
        return _("nothing set")
    scale = value.get("scale") or {}
    return f"{value.get('kind', '')}（{scale.get('name', '')}）" if scale else str(value.get("kind", ""))


def _flag(value: Any) -> str:
    return _("show (setting)") if value else _("do not show (setting)")


def _plain(value: Any) -> str:
    return "―" if value in (None, "") else str(value)


# The settings the screens change, in the order a line lists them, with how a value is shown.
_FIELDS: tuple[tuple[str, Callable[[], str], Callable[[Any], str]], ...] = (
    ("grade_scale", lambda: _("grade scale"), _scale),
    ("percent_places", lambda: _("decimal places of percentages"), _plain),
    ("combine_policy", lambda: _("one entry's several indicators give"), _plain),
    ("merge_policy", lambda: _("several departments' grades give"), _plain),
    ("counting", lambda: _("area figures count"), _plain),
    ("show_priority", lambda: _("show うち重点"), _flag),
    ("dimensions", lambda: _("further evaluation dimensions"), _dimensions),
    ("measure_rule", lambda: _("grading of measures"), _measure_rule),
    ("baseline_rule", lambda: _("grading against the baseline"), _rule),
)


def _differences(previous: Any, record: Any) -> tuple[str, ...]:
    lines = []
    for field, label, shown in _FIELDS:
        before, after = getattr(previous, field), getattr(record, field)
        if before != after:
            lines.append(f"{label()}: {shown(before)} → {shown(after)}")
    return tuple(lines)


def settings_history(plan: Plan, *, limit: int = 20) -> list[SettingsChange]:
    """Return the plan's latest saves that changed a setting, newest first, each with its changes.

    One query: the records are read newest first, one more than shown to compare the oldest with.
    """
    ordered = plan.history.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(ordered[: limit + 1])
    changes = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        if previous is None:
            if len(records) <= limit:
                changes.append(SettingsChange(record.history_date, _who(record), (_("created"),)))
            continue
        if lines := _differences(previous, record):
            changes.append(SettingsChange(record.history_date, _who(record), lines))
    return changes[:limit]


def _who(record: Any) -> str:
    user = record.history_user
    return "―" if user is None else str(user.username)
