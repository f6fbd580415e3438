"""Japanese fiscal years (April–March) and their 和暦 labels.

FY2021 runs from 1 April 2021 to 31 March 2022 and is written 令和3年度. An era's
first fiscal year is written 元 (FY2019 = 令和元年度, FY1989 = 平成元年度); when an era
began after 1 April, the city still labels that whole fiscal year with the new era,
and documents written before the change (平成31年度) are accepted as input.
"""

import datetime
import re
from dataclasses import dataclass

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.text import fold_width, squeeze_spaces


@dataclass(frozen=True)
class Era:
    name: str
    initial: str
    first_fiscal_year: int


# Newest first: a fiscal year belongs to the newest era that had begun by it.
ERAS = (
    Era("令和", "R", 2019),
    Era("平成", "H", 1989),
    Era("昭和", "S", 1926),
)
EARLIEST_FISCAL_YEAR = ERAS[-1].first_fiscal_year
LATEST_FISCAL_YEAR = 9999
FIRST_MONTH = 4
# Japan Standard Time: a fiscal year ends at midnight in Japan, whatever the server's clock says.
JST = datetime.timezone(datetime.timedelta(hours=9), "JST")


def fiscal_year_of(day: datetime.date) -> int:
    """Return the fiscal year a date falls in (31 March 2022 is in FY2021)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def fiscal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a fiscal year."""
    _check_year(year)
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def fiscal_year_end(year: int) -> datetime.datetime:
    """Return the instant a fiscal year ends: 1 April of the next year, 0:00 JST (FY2023 → 2024-04-01).

    What stood on 31 March at 24:00 is what was valid at the end of the year: a change
    recorded before this instant belongs to the year, one at it or after to the next.
    """
    _check_year(year)
    return datetime.datetime(year + 1, FIRST_MONTH, 1, tzinfo=JST)


def era_of(year: int) -> tuple[Era, int]:
    """Return the era a fiscal year is labelled with and the year within it (1 is 元)."""
    _check_year(year)
    for era in ERAS:
        if year >= era.first_fiscal_year:
            return era, year - era.first_fiscal_year + 1
    raise AssertionError("unreachable: _check_year bounds the year")


def wareki_label(year: int, *, full_width: bool = False) -> str:
    """Return the 和暦 label of a fiscal year: 2021 → 令和3年度, 2019 → 令和元年度."""
    era, number = era_of(year)
    digits = "元" if number == 1 else str(number)
    if full_width:
        digits = digits.translate(_TO_FULL_WIDTH)
    return f"{era.name}{digits}年度"


def label_with_western(year: int) -> str:
    """Return the label a report heading uses: 令和3年度（2021年度）."""
    return f"{wareki_label(year)}（{year}年度）"


_TO_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ERA_BY_NAME = {era.name: era for era in ERAS} | {era.initial: era for era in ERAS}
_WAREKI = re.compile(r"^(令和|平成|昭和|R|H|S)(元|\d{1,3})(?:年度?)?(?:\((?:FY)?\d{4}(?:年度?)?\))?$")
_WESTERN = re.compile(r"^(?:FY)?(\d{4})(?:年度?)?$")


def parse_fiscal_year(text: str) -> int:
    """Return the fiscal year written in text: 令和３年度, 令和元年度, 平成31年度, R3, 2021年度."""
    folded = squeeze_spaces(fold_width(text)).upper()
    if match := _WESTERN.match(folded):
        year = int(match.group(1))
    elif match := _WAREKI.match(folded):
        era = _ERA_BY_NAME[match.group(1)]
        number = 1 if match.group(2) == "元" else int(match.group(2))
        if number < 1:
            raise FiscalYearError(f"「{text}」は年度として読めません（{era.name}0年度はありません）。")
        year = era.first_fiscal_year + number - 1
    else:
        raise FiscalYearError(
            f"「{text}」は年度として読めません。「令和3年度」「2021年度」のように書いてください。"
        )
    _check_year(year, text)
    return year


def _check_year(year: int, text: str | None = None) -> None:
    if not EARLIEST_FISCAL_YEAR <= year <= LATEST_FISCAL_YEAR:
        shown = text if text is not None else str(year)
        raise FiscalYearError(f"「{shown}」は扱える年度（{EARLIEST_FISCAL_YEAR}年度以降）の範囲外です。")


# The first day of each era, for calendar dates (fiscal years use ERAS above).
_ERA_START_DATES = (
    ("令和", datetime.date(2019, 5, 1)),
    ("平成", datetime.date(1989, 1, 8)),
    ("昭和", datetime.date(1926, 12, 25)),
)


def wareki_date(day: datetime.date) -> str:
    """Return a date in 和暦: 2022-04-28 → 令和4年4月28日, 2019-05-01 → 令和元年5月1日.

    A date before 昭和 (1926-12-25) has no 和暦 we write; it is shown as the Western date
    (0001-01-01) rather than refused, so a stored odd date never stops a page from showing.
    """
    for name, start in _ERA_START_DATES:
        if day >= start:
            number = day.year - start.year + 1
            year = "元" if number == 1 else str(number)
            return f"{name}{year}年{day.month}月{day.day}日"
    return day.isoformat()


_ERA_START = dict(_ERA_START_DATES) | {era.initial: dict(_ERA_START_DATES)[era.name] for era in ERAS}
# 2027-06-30, 2027/06/30, 2027.6.30, 2027年6月30日; 令和9年6月30日, R9.6.30, R9/6/30 (after width folding).
_WESTERN_DATE = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$")
_WAREKI_DATE = re.compile(
    r"^(令和|平成|昭和|R|H|S)(元|\d{1,3})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$"
)
DATE_EXAMPLE = "「令和9年6月30日」「R9.6.30」「2027-06-30」「2027/06/30」"


def parse_date(text: str) -> datetime.date:
    """Return the calendar date written in text: 令和9年6月30日, R9.6.30, 2027/06/30, ２０２７年６月３０日.

    A 和暦 date must fall within its era (令和元年4月30日 was still 平成), so a date reads
    back as the day wareki_date printed. Anything else is a FiscalYearError in Japanese.
    """
    folded = squeeze_spaces(fold_width(text)).upper()
    if match := _WESTERN_DATE.match(folded):
        year, month, day = (int(g) for g in match.groups())
        return _calendar_date(text, year, month, day)
    if match := _WAREKI_DATE.match(folded):
        start = _ERA_START[match.group(1)]
        number = 1 if match.group(2) == "元" else int(match.group(2))
        parsed = _calendar_date(text, start.year + number - 1, int(match.group(3)), int(match.group(4)))
        if number < 1 or parsed < start:
            raise FiscalYearError(f"「{text}」はその元号の期間にない日付です。")
        return parsed
    raise FiscalYearError(f"「{text}」は日付として読めません。{DATE_EXAMPLE}のように書いてください。")


def _calendar_date(text: str, year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise FiscalYearError(f"「{text}」という日はありません。") from error


# How far a year's deadline for departments may lie: from the first day of the fiscal year (a
# progress report is written during or after the year) to the end of the second fiscal year after
# it (FY2026 → 2029-03-31): a report is due in the next year, and a late review may run one more.
DEADLINE_YEARS_AFTER = 2


def deadline_range(year: int) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day a fiscal year's deadline may be: 2026 → 2026-04-01, 2029-03-31."""
    _check_year(year)
    return datetime.date(year, FIRST_MONTH, 1), fiscal_year_bounds(year + DEADLINE_YEARS_AFTER)[1]


def check_deadline(year: int, deadline: datetime.date) -> None:
    """Refuse a deadline a city would not set for the fiscal year (see deadline_range), in Japanese."""
    first, last = deadline_range(year)
    if not first <= deadline <= last:
        raise FiscalYearError(
            f"提出期限（{wareki_date(deadline)}）は{wareki_label(year)}の期限として扱えません。"
            f"{wareki_date(first)}から{wareki_date(last)}までの日付にしてください。"
        )
