"""Template filters for showing figures: {{ counts|get_item:"A" }}, {{ 5621|number }}, {{ ratio|percent }}."""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template

from shinchoku.domain.numbers import format_decimal
from shinchoku.domain.tallies import round_half_up

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Return mapping[key], or None when it is not there."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


# A filter is given whatever the template resolved: a missing attribute of a missing row
# arrives as "" (an indicator added in a later year has no value for an earlier one).
# Anything that is not a finite number shows as nothing rather than breaking the page.


def _finite(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        return None
    decimal = Decimal(value)
    return decimal if decimal.is_finite() else None


@register.filter
def number(value: Any) -> str:
    """Return a figure with thousands separators and no trailing zeros: 5621.000 → 5,621; "" for none."""
    decimal = _finite(value)
    if decimal is None:
        return ""
    return format_decimal(decimal.normalize())


@register.filter
def percent(value: Any) -> str:
    """Return a percentage rounded half up to one decimal: 106.0566… → 106.1%; "" for none."""
    if isinstance(value, Fraction):
        return f"{round_half_up(value, 1)}%"
    decimal = _finite(value)
    if decimal is None:
        return ""
    return f"{round_half_up(Fraction(decimal), 1)}%"


@register.filter
def count_or_none(value: int | None) -> str:
    """Return a count as the seed's table writes it: 12事業, or なし for zero."""
    return f"{value}事業" if value else "なし"


SUMMARY_LABELS = {
    "areas": "重点項目",
    "levels": "施策・細目",
    "programs": "事業",
    "listings": "掲載（再掲含む）",
    "relistings": "再掲",
    "priority": "うち重点の事業",
    "priority_listings": "うち重点の掲載（再掲含む）",
    "departments": "所管課",
    "new_departments": "新しく登録する所管課",
    "two_departments": "複数の所管課がある事業",
    "entries": "取組",
    "created": "新規",
    "changed": "変更",
    "unchanged": "変更なし",
    "not_overwritten": "取り込まない（提出済み・確定済み）",
    "grades": "達成度",
    "department": "所管課",
    "submitted": "提出する取組",
    "saved_as_draft": "下書きとして保存する取組",
    "indicator_values": "指標の実績値",
    "overwritten": "上書きした提出済み・確定済みの取組",
    "skipped": "提出済み・確定済みのため取り込まない取組",
}


# The preview's table says what its grade counts count: entries, one per program and department, so a
# program with two departments counts twice (the command's lines stay 「達成度: A 5件」).
PREVIEW_LABELS = SUMMARY_LABELS | {"grades": "達成度（所管課の取組ごと。再掲の行は数えない）"}


@register.filter
def summary_label(key: str) -> str:
    """Return the Japanese label of an import summary's key, as the preview's table shows it."""
    return PREVIEW_LABELS.get(key, key)


@register.filter
def is_list(value: Any) -> bool:
    return isinstance(value, list)


@register.filter
def is_dict(value: Any) -> bool:
    return isinstance(value, dict)


@register.filter
def verbose_name_plural(model: Any) -> str:
    """Return a model's plural name, for a formset's legend."""
    return str(model._meta.verbose_name_plural)
