"""A closed case is kept five fiscal years from the 1st April after the year it was closed."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.retention import MINIMUM_RETENTION_YEARS, earliest_retain_until


@pytest.mark.parametrize(
    ("closed_on", "kept_until"),
    [
        (datetime.date(2023, 6, 10), datetime.date(2029, 3, 31)),  # FY2023: 1 April 2024 + 5 years
        (datetime.date(2024, 3, 31), datetime.date(2029, 3, 31)),  # still FY2023
        (datetime.date(2024, 4, 1), datetime.date(2030, 3, 31)),  # FY2024
        (datetime.date(2022, 3, 1), datetime.date(2027, 3, 31)),  # the seed's case A, closed in 令和3年度
    ],
)
def test_a_closed_case_is_kept_five_fiscal_years_after_the_year_it_closed(
    closed_on: datetime.date, kept_until: datetime.date
) -> None:
    assert MINIMUM_RETENTION_YEARS == 5
    assert earliest_retain_until(closed_on) == kept_until


@given(st.dates(datetime.date(1990, 1, 1), datetime.date(2200, 1, 1)))
def test_the_minimum_is_always_more_than_five_years_after_closing(closed_on: datetime.date) -> None:
    kept = earliest_retain_until(closed_on)
    assert (kept.month, kept.day) == (3, 31)
    assert datetime.date(closed_on.year + 5, closed_on.month, 1) < kept
    assert kept <= datetime.date(closed_on.year + 7, 3, 31)
