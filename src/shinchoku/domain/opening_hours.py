"""Opening hours of a consultation window (受付時間): several periods a day, 祝日, exceptions.

Pure rules so that "open now" on the public page and the printed leaflet agree.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WEEKDAYS = ("月", "火", "水", "木", "金", "土", "日")


@dataclass(frozen=True)
class Period:
    """Open on the given weekdays (0 = Monday) from opens to closes; maybe not on 祝日."""

    weekdays: frozenset[int]
    opens: datetime.time
    closes: datetime.time
    closed_on_holidays: bool = True
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None

    def applies_on(self, day: datetime.date) -> bool:
        """Return whether the period is in force on that day (its weekday and validity)."""
        return (
            day.weekday() in self.weekdays
            and (self.valid_from is None or day >= self.valid_from)
            and (self.valid_to is None or day <= self.valid_to)
        )


@dataclass(frozen=True)
class Exception_:
    """A day that differs: closed, or open at other hours."""

    day: datetime.date
    closed: bool = True
    opens: datetime.time | None = None
    closes: datetime.time | None = None


def periods_on(
    day: datetime.date,
    periods: Sequence[Period],
    exceptions: Sequence[Exception_],
    is_holiday: Callable[[datetime.date], bool],
) -> list[tuple[datetime.time, datetime.time]]:
    """Return the opening periods of a day, in order: an exception replaces the day's schedule."""
    for exception in exceptions:
        if exception.day == day:
            if exception.closed or exception.opens is None or exception.closes is None:
                return []
            return [(exception.opens, exception.closes)]
    holiday = is_holiday(day)
    return sorted(
        (p.opens, p.closes) for p in periods if p.applies_on(day) and not (holiday and p.closed_on_holidays)
    )


def is_open(
    at: datetime.datetime,
    periods: Sequence[Period],
    exceptions: Sequence[Exception_],
    is_holiday: Callable[[datetime.date], bool],
) -> bool:
    """Return whether the window is open at that local time (opening inclusive, closing exclusive)."""
    moment = at.time()
    return any(
        opens <= moment < closes for opens, closes in periods_on(at.date(), periods, exceptions, is_holiday)
    )


def describe(period: Period) -> str:
    """Return a period as a leaflet writes it: 月〜金 8:30〜17:15（祝日を除く）."""
    days = sorted(period.weekdays)
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        day_text = f"{WEEKDAYS[days[0]]}〜{WEEKDAYS[days[-1]]}"
    else:
        day_text = "・".join(WEEKDAYS[d] for d in days)
    hours = f"{period.opens.hour}:{period.opens.minute:02d}〜{period.closes.hour}:{period.closes.minute:02d}"
    holiday = "（祝日を除く）" if period.closed_on_holidays else "（祝日も受付）"
    return f"{day_text} {hours}{holiday}"
