"""Properties of the one date parser every date field uses (domain.fiscal.parse_date)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.errors import DomainError
from shinchoku.domain.fiscal import check_deadline, deadline_range, parse_date, wareki_date

SHOWA = datetime.date(1926, 12, 25)


@given(st.dates(min_value=SHOWA, max_value=datetime.date(2200, 12, 31)))
def test_a_date_printed_in_wareki_reads_back_as_itself(day: datetime.date) -> None:
    assert parse_date(wareki_date(day)) == day


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_a_western_date_reads_back_in_each_separator(day: datetime.date) -> None:
    for text in (day.isoformat(), day.strftime("%Y/%m/%d"), f"{day.year}年{day.month}月{day.day}日"):
        assert parse_date(text) == day


@given(st.dates())
def test_printing_a_date_never_fails(day: datetime.date) -> None:
    assert wareki_date(day)


@given(st.text(max_size=16))
def test_date_parsing_never_fails_other_than_with_a_japanese_message(text: str) -> None:
    try:
        parse_date(text)
    except DomainError as error:
        assert "「" in str(error)


@given(st.integers(min_value=1989, max_value=2200), st.dates())
def test_a_deadline_is_accepted_exactly_within_its_years_range(year: int, day: datetime.date) -> None:
    first, last = deadline_range(year)
    try:
        check_deadline(year, day)
    except DomainError:
        assert not first <= day <= last
    else:
        assert first <= day <= last
