"""The public search: free text (as written, as read, in romaji, with synonyms), 分野, 対象, 区 and open now."""

import datetime
from dataclasses import dataclass

import holidays
from django.db.models import Q
from django.utils import timezone

from shinchoku.accounts.models import Organization

# public_windows lives in the directory's access gate; api.v1 still imports it from here.
from shinchoku.directory.access import public_windows as public_windows
from shinchoku.directory.models import Window
from shinchoku.directory.search_text import parts
from shinchoku.directory.synonyms import expansions
from shinchoku.domain.opening_hours import Exception_, is_open, periods_on
from shinchoku.domain.text import is_romaji, romaji_key, search_key

_JAPAN = holidays.country_holidays("JP")


def is_holiday(day: datetime.date) -> bool:
    """Return whether the day is a Japanese public holiday (祝日, 振替休日 included)."""
    return day in _JAPAN


@dataclass(frozen=True)
class Filters:
    text: str = ""
    topic: str = ""
    audience: str = ""
    ward: str = ""
    open_now: bool = False


def _alternatives(term: str, synonyms: dict[str, list[str]]) -> list[str]:
    """Return the keys any of which satisfies a typed word: itself, its romaji key, its synonyms."""
    keys = [term, *synonyms.get(term, [])]
    if is_romaji(term):
        keys += [romaji_key(term), *synonyms.get(romaji_key(term), [])]
    return keys


def _score(window: Window, terms: list[list[str]]) -> int:
    """Rank a found window: a word in its name counts most, then in its 分野・対象, then elsewhere."""
    name, labels, _others = parts(window.search_text)
    score = 0
    for keys in terms:
        if any(k in name for k in keys):
            score += 3
        elif any(k in labels for k in keys):
            score += 2
        else:
            score += 1
    return score


def search(
    organization: Organization, filters: Filters, now: datetime.datetime | None = None
) -> list[Window]:
    """Return the windows that match every filter, best match first, then by name.

    A typed word matches as written, as read (いぞんしょう for 依存症), in romaji, or through the
    organization's synonyms (くすり for 薬物).
    """
    windows = public_windows(organization)
    synonyms = expansions(organization) if filters.text.strip() else {}
    terms = [_alternatives(term, synonyms) for term in search_key(filters.text).split()]
    for keys in terms:
        matches = Q()
        for key in keys:
            matches |= Q(search_text__contains=key)
        windows = windows.filter(matches)
    found = list(windows)
    if terms:
        found.sort(key=lambda w: -_score(w, terms))  # stable: equal scores keep the order by name
    if filters.topic:
        found = [w for w in found if filters.topic in w.topics]
    if filters.audience:
        found = [w for w in found if filters.audience in w.audiences]
    if filters.ward:
        found = [w for w in found if any(loc.ward == filters.ward for loc in w.locations.all())]
    if filters.open_now:
        moment = timezone.localtime(now or timezone.now()).replace(tzinfo=None)
        found = [w for w in found if window_is_open(w, moment)]
    return found


def _exceptions(window: Window) -> list[Exception_]:
    return [
        Exception_(
            d.day, closed=d.opens_at is None or d.closes_at is None, opens=d.opens_at, closes=d.closes_at
        )
        for d in window.closed_days.all()
    ]


def window_is_open(window: Window, moment: datetime.datetime) -> bool:
    """Return whether the window is open at a local (naive) time."""
    return is_open(moment, [s.period() for s in window.schedules.all()], _exceptions(window), is_holiday)


def hours_on(window: Window, day: datetime.date) -> list[tuple[datetime.time, datetime.time]]:
    """Return the window's opening periods on a day."""
    return periods_on(day, [s.period() for s in window.schedules.all()], _exceptions(window), is_holiday)
