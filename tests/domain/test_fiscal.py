"""Fiscal years and 和暦 labels."""

import datetime

import pytest

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import (
    JST,
    fiscal_year_bounds,
    fiscal_year_end,
    fiscal_year_of,
    label_with_western,
    parse_fiscal_year,
    wareki_label,
)


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (2021, "令和3年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
        (2025, "令和7年度"),
    ],
)
def test_wareki_labels(year: int, label: str) -> None:
    assert wareki_label(year) == label
    assert parse_fiscal_year(label) == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("令和３年度", 2021),  # full-width digits, as the seed writes it
        ("令和 3 年度", 2021),
        ("平成31年度", 2019),  # written before the era changed
        ("R3", 2021),
        ("r3年度", 2021),
        ("H31", 2019),
        ("2021年度", 2021),
        ("２０２１", 2021),
        ("FY2021", 2021),
        ("令和3年度（2021年度）", 2021),
    ],
)
def test_parse_accepts_what_cities_write(text: str, year: int) -> None:
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("text", ["", "令和", "令和0年度", "大正5年度", "3年度", "1900年度", "令和三年度"])
def test_parse_refuses_with_a_japanese_message(text: str) -> None:
    with pytest.raises(FiscalYearError, match="年度"):
        parse_fiscal_year(text)


def test_full_width_label() -> None:
    assert wareki_label(2021, full_width=True) == "令和３年度"
    assert wareki_label(2019, full_width=True) == "令和元年度"


def test_label_with_western_year() -> None:
    assert label_with_western(2021) == "令和3年度（2021年度）"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2021, 4, 1), 2021),
        (datetime.date(2022, 3, 31), 2021),
        (datetime.date(2022, 1, 5), 2021),
    ],
)
def test_fiscal_year_runs_april_to_march(day: datetime.date, year: int) -> None:
    assert fiscal_year_of(day) == year


def test_bounds() -> None:
    assert fiscal_year_bounds(2021) == (datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))


@pytest.mark.parametrize(
    ("moment", "in_fy2023"),
    [
        (datetime.datetime(2024, 3, 31, 23, 59, tzinfo=JST), True),
        (datetime.datetime(2024, 3, 31, 14, 59, tzinfo=datetime.UTC), True),  # 23:59 JST
        (datetime.datetime(2024, 4, 1, 0, 0, tzinfo=JST), False),
        (datetime.datetime(2024, 3, 31, 15, 0, tzinfo=datetime.UTC), False),  # 1 April 0:00 JST
    ],
)
def test_fy2023_ends_at_midnight_of_31_march_2024_in_japan(
    moment: datetime.datetime, in_fy2023: bool
) -> None:
    assert (moment < fiscal_year_end(2023)) is in_fy2023


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (datetime.date(2022, 4, 28), "令和4年4月28日"),
        (datetime.date(2019, 5, 1), "令和元年5月1日"),
        (datetime.date(2019, 4, 30), "平成31年4月30日"),
        (datetime.date(1989, 1, 8), "平成元年1月8日"),
        (datetime.date(1989, 1, 7), "昭和64年1月7日"),
    ],
)
def test_calendar_dates_in_wareki(day: datetime.date, label: str) -> None:
    from shinchoku.domain.fiscal import wareki_date

    assert wareki_date(day) == label


def test_a_date_before_showa_is_shown_as_the_western_date_not_refused() -> None:
    from shinchoku.domain.fiscal import wareki_date

    assert wareki_date(datetime.date(1926, 12, 25)) == "昭和元年12月25日"
    assert wareki_date(datetime.date(1926, 12, 24)) == "1926-12-24"
    assert wareki_date(datetime.date(1, 1, 1)) == "0001-01-01"


@pytest.mark.parametrize(
    "text",
    [
        "令和9年6月30日",
        "R9.6.30",
        "r9/6/30",
        "2027/06/30",
        "２０２７年６月３０日",
        "2027-06-30",
        "令和 9年 6月 30日",
    ],
)
def test_30_june_2027_is_read_in_every_spelling_the_city_writes(text: str) -> None:
    from shinchoku.domain.fiscal import parse_date

    assert parse_date(text) == datetime.date(2027, 6, 30)


@pytest.mark.parametrize(
    ("text", "day"),
    [("令和元年5月1日", datetime.date(2019, 5, 1)), ("平成31年4月30日", datetime.date(2019, 4, 30))],
)
def test_an_eras_first_year_is_read_as_gannen(text: str, day: datetime.date) -> None:
    from shinchoku.domain.fiscal import parse_date

    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("令和元年4月30日", "その元号の期間にない日付"),  # still 平成31年
        ("令和0年6月30日", "その元号の期間にない日付"),
        ("2027-02-30", "という日はありません"),
        ("来年の6月", "日付として読めません"),
    ],
)
def test_a_date_that_is_not_a_day_is_refused_in_japanese(text: str, message: str) -> None:
    from shinchoku.domain.fiscal import parse_date

    with pytest.raises(FiscalYearError, match=message):
        parse_date(text)


def test_fy2026s_deadline_may_lie_from_1_april_2026_to_the_end_of_fy2028() -> None:
    from shinchoku.domain.fiscal import check_deadline, deadline_range

    assert deadline_range(2026) == (datetime.date(2026, 4, 1), datetime.date(2029, 3, 31))
    check_deadline(2026, datetime.date(2027, 6, 30))
    for odd in (datetime.date(1, 1, 1), datetime.date(2026, 3, 31), datetime.date(2029, 4, 1)):
        with pytest.raises(FiscalYearError, match="令和8年4月1日から令和11年3月31日までの日付にしてください"):
            check_deadline(2026, odd)
