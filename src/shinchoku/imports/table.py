"""Find the 進捗管理表 in a sheet: its header row, its columns in any order, and what each row is.

Cities' sheets differ: title rows above the header, headers written 令和３年度の取組内容
or 令和3年度の取組内容, extra columns, section rows (「１　就労…」「（１）…」「①…」),
notes rows (※…). The header is looked for in the first 20 rows.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.domain.text import fold_ascii, fold_width, squeeze_spaces
from shinchoku.imports.problems import Problem
from shinchoku.imports.reading import Sheet

HEADER_SEARCH_ROWS = 20


class Column(StrEnum):
    NUMBER = "事業番号"
    TITLE = "計画に掲載している標題"
    CONTENT = "計画に掲載している事業内容"
    ACTIVITIES = "取組内容"
    TARGET = "目標"
    RESULT = "実績・取組の成果"
    GRADE = "達成度"
    DEPARTMENT = "所管課"
    REASON = "理由"
    AREA = "重点項目"
    MEASURE = "施策"
    SUBMEASURE = "細目"


# What a heading may say for each column, after width folding and without spaces and the year.
_ALIASES: dict[Column, tuple[str, ...]] = {
    Column.NUMBER: ("事業番号", "番号", "事業no", "no"),
    Column.TITLE: ("計画に掲載している標題", "標題", "事業名"),
    Column.CONTENT: ("計画に掲載している事業内容", "事業内容", "事業概要"),
    Column.ACTIVITIES: ("の取組内容", "取組内容"),
    Column.TARGET: ("目標", "の目標", "年度目標"),
    Column.RESULT: ("実績・取組の成果", "の実績・取組の成果", "実績・成果", "実績"),
    Column.GRADE: ("達成度", "評価"),
    Column.DEPARTMENT: ("所管課", "所管", "担当課"),
    Column.REASON: ("理由", "達成度の理由", "評価の理由"),
    Column.AREA: ("重点項目",),
    Column.MEASURE: ("施策",),
    Column.SUBMEASURE: ("細目",),
}
# In a flat table (one line per entry, as our CSV), these columns say where each line belongs.
SECTION_COLUMNS = (Column.AREA, Column.MEASURE, Column.SUBMEASURE)
_YEAR_PREFIX = re.compile(r"^((?:令和|平成)(?:元|\d{1,2})年度)")
_SECTION = re.compile(
    r"^(?:(?P<number>\d{1,2})[ .．、]+|(?P<paren>\(\d{1,2}\)) *|(?P<circled>[①-⑳]) *)(?P<title>[^\d ].*)$"
)
_PATH_SECTION = re.compile(r"^(?P<path>\d{1,2}(?:\(\d{1,2}\)[①-⑳]?|[①-⑳])) *(?P<title>[^\d ].*)$")
_COUNT_SUFFIX = re.compile(r" *\(\d+事業\)$")


@dataclass
class Header:
    """Where the table starts and which sheet column holds which field."""

    row: int
    columns: dict[Column, int]
    year: int | None = None  # the year the headings name (令和3年度の取組内容 → 2021)
    names: dict[Column, str] = field(default_factory=dict)


def _normalise(text: str) -> str:
    return squeeze_spaces(fold_width(text)).replace("・", "・").lower()


def _column_of(heading: str) -> tuple[Column | None, int | None]:
    text = _normalise(heading)
    year = None
    if match := _YEAR_PREFIX.match(text):
        try:
            year = parse_fiscal_year(match.group(1))
        except FiscalYearError:
            year = None
        text = text[match.end() :]
    for column, aliases in _ALIASES.items():
        if text in aliases:
            return column, year
    return None, year


def find_header(sheet: Sheet, required: tuple[Column, ...]) -> Header | Problem:
    """Return the header in the first 20 rows that names every required column, or the problem."""
    best: Header | None = None
    for r in range(1, min(len(sheet.rows), HEADER_SEARCH_ROWS) + 1):
        columns: dict[Column, int] = {}
        names: dict[Column, str] = {}
        years = set()
        for c, heading in enumerate(sheet.rows[r - 1], start=1):
            column, year = _column_of(heading)
            if column is not None and column not in columns:
                columns[column], names[column] = c, heading
                if year:
                    years.add(year)
        if best is None or len(columns) > len(best.columns):
            best = Header(r, columns, years.pop() if len(years) == 1 else None, names)
        if all(col in columns for col in required):
            return Header(r, columns, best.year if best.row == r else None, names)
    found = "、".join(best.columns) if best and best.columns else "なし"
    missing = "、".join(c.value for c in required if not best or c not in best.columns)
    return Problem(
        f"見出し行が見つかりません（先頭{HEADER_SEARCH_ROWS}行に「{missing}」の列がありません。見つかった列: {found}）。",
        "「事業番号」「計画に掲載している標題」などの見出しがある行を含めてください。",
        sheet=sheet.name,
    )


class RowKind(StrEnum):
    BLANK = "blank"
    SECTION = "section"
    NOTE = "note"
    ENTRY = "entry"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Section:
    """A section row: its label (1, (1), ①, or a path like 1(1)①) and title."""

    label: str
    title: str


def section_of(text: str) -> Section | None:
    """Return the section a row's only text names: 「１　就労…」, 「（１）就労の確保等」, 「①就職…」, 「1(1)① …」."""
    folded = re.sub(r"\s+", " ", fold_ascii(text)).strip()
    if match := _PATH_SECTION.match(folded):
        return Section(match.group("path"), _COUNT_SUFFIX.sub("", match.group("title")).strip())
    if match := _SECTION.match(folded):
        label = match.group("number") or match.group("paren") or match.group("circled")
        return Section(label, _COUNT_SUFFIX.sub("", match.group("title")).strip())
    return None


def classify(cells: list[str], header: Header) -> RowKind:
    """Return what a row below the header is."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return RowKind.BLANK
    number = cells[header.columns[Column.NUMBER] - 1] if header.columns[Column.NUMBER] <= len(cells) else ""
    if _parse_number(number) is not None:
        return RowKind.ENTRY
    distinct = {c.strip() for c in filled}
    first = filled[0].strip()
    if first.startswith(("※", "注", "(注", "（注")):
        return RowKind.NOTE
    if len(distinct) == 1 and section_of(first) is not None:
        return RowKind.SECTION
    return RowKind.UNKNOWN


def _parse_number(text: str) -> int | None:
    folded = squeeze_spaces(fold_ascii(text))
    if not (folded.isascii() and folded.isdigit()):  # ① is a level of the tree, not program 1
        return None
    return int(folded) if 0 < int(folded) < 10_000 else None


def parse_number(text: str) -> int | None:
    """Return a program number written in a cell (「１２」 → 12), or None."""
    return _parse_number(text)
