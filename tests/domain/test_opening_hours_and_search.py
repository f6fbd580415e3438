"""Opening hours (several periods, 祝日, exceptions) and the directory's search key."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.opening_hours import Exception_, Period, describe, is_open, periods_on
from shinchoku.domain.text import search_key

T = datetime.time
WEEKDAYS = frozenset(range(5))
# 午前と午後に分かれた窓口: 8:30–12:00, 13:00–17:15, weekdays, closed on 祝日
SPLIT = [Period(WEEKDAYS, T(8, 30), T(12, 0)), Period(WEEKDAYS, T(13, 0), T(17, 15))]
SHOWA_DAY = datetime.date(2024, 4, 29)  # 昭和の日, a Monday


def holiday(day: datetime.date) -> bool:
    return day == SHOWA_DAY


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, T(hour, minute))


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (at(datetime.date(2024, 4, 30), 8, 30), True),  # opening time is open
        (at(datetime.date(2024, 4, 30), 12, 30), False),  # lunch break
        (at(datetime.date(2024, 4, 30), 17, 15), False),  # closing time is closed
        (at(datetime.date(2024, 5, 4), 10), False),  # Saturday
        (at(SHOWA_DAY, 10), False),  # 祝日
    ],
)
def test_is_open(moment: datetime.datetime, open_: bool) -> None:
    assert is_open(moment, SPLIT, [], holiday) is open_


def test_an_exception_replaces_the_day() -> None:
    day = datetime.date(2024, 4, 30)
    assert not is_open(at(day, 10), SPLIT, [Exception_(day)], holiday)
    special = Exception_(day, closed=False, opens=T(18, 0), closes=T(20, 0))
    assert periods_on(day, SPLIT, [special], holiday) == [(T(18, 0), T(20, 0))]


def test_a_window_open_on_holidays() -> None:
    always = [Period(frozenset(range(7)), T(9, 0), T(21, 0), closed_on_holidays=False)]
    assert is_open(at(SHOWA_DAY, 10), always, [], holiday)


def test_describe() -> None:
    assert describe(SPLIT[0]) == "月〜金 8:30〜12:00（祝日を除く）"
    assert describe(Period(frozenset({1, 3}), T(9, 0), T(16, 0), False)) == "火・木 9:00〜16:00（祝日も受付）"


@given(st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2100, 1, 1)))
def test_no_schedule_is_never_open(moment: datetime.datetime) -> None:
    assert not is_open(moment, [], [], holiday)


@pytest.mark.parametrize(
    "text", ["ワークステーション", "わーくすてーしょん", "ﾜｰｸｽﾃｰｼｮﾝ", "ワークステーション"]
)
def test_hiragana_katakana_and_width_search_alike(text: str) -> None:
    assert search_key(text) == search_key("わーくすてーしょん")


def test_full_width_latin_and_digits_search_alike() -> None:
    assert search_key("ＤＡＲＣ　１２３") == search_key("darc 123")
