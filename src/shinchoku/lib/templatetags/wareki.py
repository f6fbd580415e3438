"""Template filters for 和暦: {{ year|nendo }} → 令和3年度, {{ date|wareki }} → 令和4年4月28日."""

import datetime

from django import template
from django.utils import timezone, translation

from shinchoku.domain.fiscal import wareki_date, wareki_label

register = template.Library()


@register.filter
def nendo(year: int | None) -> str:
    """Return a fiscal year as 令和3年度（2021年度）, or FY2021 in the English UI."""
    if year is None:
        return ""
    if translation.get_language() == "en":
        return f"FY{year} ({wareki_label(year)})"
    return f"{wareki_label(year)}（{year}年度）"


@register.filter
def nendo_short(year: int | None) -> str:
    """Return a fiscal year as 令和3年度 (FY2021 in the English UI)."""
    if year is None:
        return ""
    return f"FY{year}" if translation.get_language() == "en" else wareki_label(year)


@register.filter
def wareki(day: datetime.date | datetime.datetime | None) -> str:
    """Return a date as 令和4年4月28日 (2022-04-28 in the English UI)."""
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.isoformat() if translation.get_language() == "en" else wareki_date(day)
