"""Find the 進捗管理表 in a sheet: its header rows, its columns in any order, and what each row is.

Cities' sheets differ: title rows above the header, headers of one to three rows (「事業」 over
「番号」, a group heading 「令和３年度」 over 「目標」「実績」「達成度」), headings written
令和３年度の取組内容 or 令和3年度の取組内容 or 「事業\\n番号」, extra columns, an explanation row
under the header, the header repeated on every printed page, section rows in many numbering
styles, notes rows (※…) and page numbers (「- 3 -」). The header is looked for in the first 20 rows.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from shinchoku.domain.errors import FiscalYearError
from shinchoku.domain.fiscal import parse_fiscal_year
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.sections import Heading, parse_heading, program_code
from shinchoku.domain.text import DASHES, fold_ascii, fold_width, squeeze_spaces
from shinchoku.imports.columns import Column
from shinchoku.imports.synonyms import HEADINGS, RELISTING_MARKS
from shinchoku.lib.problems import Problem
from shinchoku.lib.reading import Sheet

__all__ = [
    "Column",
    "Header",
    "RowKind",
    "Written",
    "classify",
    "entry_number",
    "find_header",
    "parse_number",
]

HEADER_SEARCH_ROWS = 20
MAX_HEADER_ROWS = 3
# In a flat table (one line per entry, as our CSV), these columns say where each line belongs.
SECTION_COLUMNS = (Column.AREA, Column.MEASURE, Column.SUBMEASURE)
_YEAR_PREFIX = re.compile(r"^((?:令和|平成)(?:元|\d{1,2})年度|r\d{1,2}(?:年度?)?|20\d\d年度)")
# 「達成度（Ａ～Ｃ）」「所管課※」「達成度(注1)」: a note after the heading
_HEADING_NOTE = re.compile(r"(?:\([^)]*\)|【[^】]*】|※.*)$")
_BY_SPELLING = {spelling: column for column, spellings in HEADINGS.items() for spelling in spellings}
# 「- 3 -」「— 12 —」「3/10」「P.3」: page numbers printed inside the sheet
_PAGE_NUMBER = re.compile(
    r"^(?:[-－―ー‐—–]\s*\d{1,3}\s*[-－―ー‐—–]|\d{1,3}\s*/\s*\d{1,3}|[pP]\.?\s*\d{1,3})$"
)
# A legend of the grades under the table, with or without ※: 「達成度　Ａ：目標を上回った　Ｂ：…」
_LEGEND = re.compile(r"^(?:達成度|評価|自己評価|達成状況|進捗評価)[ 　:：]*[(（]?[^ 　:：]{1,3}[:：]")
# A footer under the table: 「作成：保健福祉局福祉部福祉総務課　令和4年6月」「出典：…」「資料：…」
_FOOTER = re.compile(r"^(?:作成|出典|資料)\s*[:：]")
# Text long enough to be a sentence explaining a column rather than a heading or a value.
EXPLANATION_LENGTH = 10


@dataclass
class Header:
    """Where the table starts and which sheet column holds which field."""

    row: int  # the header's last row: data starts below it
    columns: dict[Column, int]
    year: int | None = None  # the year the headings name (令和3年度の取組内容 → 2021)
    names: dict[Column, str] = field(default_factory=dict)
    top: int = 0  # the header's first row (a two- or three-row header starts above row)
    above: list[tuple[str, ...]] = field(default_factory=list)  # title and header rows, to spot repeats
    # Columns naming no field (or one another column already holds): their headings, nearest the data
    # first, for a plan's further dimensions (川崎市 「妥当性」「有効性」) to be found by name.
    others: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.top = self.top or self.row


def _normalise(heading: str) -> str:
    return squeeze_spaces(fold_width(heading)).lower()


def _column_of(text: str) -> tuple[Column | None, int | None]:
    year = None
    if match := _YEAR_PREFIX.match(text):
        try:
            year = parse_fiscal_year(match.group(1))
        except FiscalYearError:
            year = None
        text = text[match.end() :]
    # 令和３年度の達成状況: the year's 「の」 joins any heading
    for candidate in (text, _HEADING_NOTE.sub("", text)):
        if column := _BY_SPELLING.get(candidate) or _BY_SPELLING.get(candidate.removeprefix("の")):
            return column, year
    return None, year


def _stacked_column(texts: list[str]) -> tuple[Column | None, int | None, str]:
    """Return the field a column's header cells (top to bottom) name, trying the whole and each part.

    Merged cells repeat their text down and across, so a group heading 「令和３年度」 over 「目標」
    reads 令和3年度目標, and 「事業」 over 「番号」 reads 事業番号; the parts nearest the data win.
    """
    stack: list[str] = []
    for text in texts:
        if text and (not stack or stack[-1] != text):
            stack.append(text)
    for end in range(len(stack), 0, -1):  # the heading nearest the data first
        for start in range(end):  # with as many group headings above it as name a column
            column, year = _column_of("".join(_normalise(t) for t in stack[start:end]))
            if column is not None:
                return column, year, "".join(stack[start:end])
    return None, None, ""


def _read_header(sheet: Sheet, top: int, bottom: int, year: int | None = None) -> Header:
    """Return the columns rows top to bottom name; of two columns for one field, the first or the one of year.

    A sheet kept over several years has 「令和３年度」 and 「令和４年度」 groups over the same headings:
    the columns of the year asked for are taken, and the header's year is that of the columns taken.
    """
    columns: dict[Column, int] = {}
    names: dict[Column, str] = {}
    years: dict[Column, int | None] = {}
    width = max(len(sheet.rows[r - 1]) for r in range(top, bottom + 1))
    headings: dict[int, tuple[str, ...]] = {}
    for c in range(1, width + 1):
        texts = [sheet.cell(r, c) for r in range(top, bottom + 1)]
        headings[c] = _heading_candidates(texts)
        column, found, name = _stacked_column(texts)
        if column is None:
            continue
        if column not in columns or (year is not None and found == year and years[column] != year):
            columns[column], names[column], years[column] = c, " ".join(name.split()), found
    dated = {y for y in years.values() if y}
    others = {c: texts for c, texts in headings.items() if texts and c not in columns.values()}
    return Header(bottom, columns, dated.pop() if len(dated) == 1 else None, names, top, others=others)


def _heading_candidates(texts: list[str]) -> tuple[str, ...]:
    """Return a column's headings as _stacked_column tries them: nearest the data first, then joined upwards."""
    stack: list[str] = []
    for text in texts:
        if text and (not stack or stack[-1] != text):
            stack.append(text)
    return tuple(
        "".join(stack[start:end]) for end in range(len(stack), 0, -1) for start in range(end - 1, -1, -1)
    )


def find_header(sheet: Sheet, required: tuple[Column, ...], year: int | None = None) -> Header | Problem:
    """Return the header (one to three rows, in the first 20) naming every required column, or the problem.

    The earliest header wins; among readings that end on the same row, the one naming most columns.
    """
    best: Header | None = None
    found: Header | None = None
    last = min(len(sheet.rows), HEADER_SEARCH_ROWS)
    for bottom in range(1, last + 1):
        for depth in range(1, min(MAX_HEADER_ROWS, bottom) + 1):
            header = _read_header(sheet, bottom - depth + 1, bottom, year)
            if best is None or len(header.columns) > len(best.columns):
                best = header
            if not all(col in header.columns for col in required):
                continue
            if found is None or (len(header.columns), header.year is not None) > (
                len(found.columns),
                found.year is not None,
            ):
                found = header
        if found is not None:
            # A header of several rows names more columns when read to its last row (「自己評価」 under 「評価」).
            top = found.top
            for lower in range(bottom + 1, min(bottom + MAX_HEADER_ROWS, len(sheet.rows)) + 1):
                for depth in range(1, MAX_HEADER_ROWS + 1):
                    if lower - depth + 1 < top:
                        break
                    header = _read_header(sheet, lower - depth + 1, lower, year)
                    if (len(header.columns), header.year is not None) > (
                        len(found.columns),
                        found.year is not None,
                    ) and all(col in header.columns for col in required):
                        found = header
            found.above = [_row_key(sheet.rows[r - 1]) for r in range(1, found.row + 1)]
            return found
    return _no_header(sheet, required, best)


# What the "no header" message offers for each required column: a few of its spellings.
_EXAMPLES = {Column.NUMBER: 4, Column.TITLE: 6}
FIRST_ROWS_SHOWN = 3
CELLS_SHOWN = 8


def _no_header(sheet: Sheet, required: tuple[Column, ...], best: Header | None) -> Problem:
    """Return the problem of a sheet without a header: what each column may be called and what was seen."""
    names = "、".join(best.columns) if best and best.columns else "なし"
    missing = "、".join(c.value for c in required if not best or c not in best.columns)
    examples = "、".join(
        f"{column.value}の列なら"
        + "".join(f"「{h}」" for h in _example_headings(column, _EXAMPLES.get(column, 4)))
        for column in required
    )
    seen = [
        f"{r}行目"
        + "".join(f"「{text[:20]}」" for text in dict.fromkeys(c.strip() for c in row if c.strip()))
        for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1)
        if any(c.strip() for c in row)
    ][:FIRST_ROWS_SHOWN]
    return Problem(
        f"見出し行が見つかりません（先頭{HEADER_SEARCH_ROWS}行に「{missing}」の列がありません。見つかった列: {names}）。"
        f"先頭の行: {'、'.join(seen) if seen else 'なし（空のシート）'}。",
        f"見出しは、{examples}などと書いてください。",
        sheet=sheet.name,
    )


def _example_headings(column: Column, count: int) -> list[str]:
    """Return a few headings the column may have, as written (「No.」, not the folded 「no.」)."""
    shown = {"no.": "No.", "no": "No", "事業no.": "事業No."}
    return [shown.get(h, h) for h in HEADINGS[column] if h not in ("no", "事業no", "事業番号(再掲)")][:count]


def _row_key(cells: list[str]) -> tuple[str, ...]:
    """Return a row's texts for comparison, each once: a title merged across a row or not reads the same."""
    return tuple(dict.fromkeys(text for text in (_normalise(c) for c in cells) if text))


class RowKind(StrEnum):
    BLANK = "blank"
    SECTION = "section"
    NOTE = "note"
    PAGE = "page"  # a page number printed inside the sheet
    REPEATED_HEADER = "repeated_header"  # the title or header printed again on a new page
    TEXT = "text"  # sentences in several cells, no number: an explanation row when right under the header
    ENTRY = "entry"
    UNKNOWN = "unknown"


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index - 1] if index is not None and 0 < index <= len(cells) else ""


def classify(cells: list[str], header: Header, scale: GradeScale | None = None) -> RowKind:
    """Return what a row below the header is; a legend of scale's grades is a note."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return RowKind.BLANK
    if entry_number(cells, header) is not None:
        return RowKind.ENTRY
    if _row_key(cells) in header.above:
        return RowKind.REPEATED_HEADER
    distinct = list(dict.fromkeys(filled))
    first = distinct[0]
    if (
        first.startswith(("※", "注", "(注", "（注", "＊", "*"))
        or _LEGEND.match(first)
        or _FOOTER.match(first)
    ):
        return RowKind.NOTE
    if scale is not None and is_legend(" ".join(distinct), scale):
        return RowKind.NOTE
    # 「- 3 -」, or a bare 「3」 anywhere but the number column (there it would be a program)
    if len(distinct) == 1 and (_PAGE_NUMBER.match(fold_ascii(first)) or fold_ascii(first).isdecimal()):
        return RowKind.PAGE
    if len(distinct) == 1 and parse_heading(first) is not None:
        return RowKind.SECTION
    if len(distinct) == 2 and _label_and_title(distinct) is not None:
        return RowKind.SECTION
    if sum(1 for text in distinct if len(squeeze_spaces(text)) >= EXPLANATION_LENGTH) >= 2:
        return RowKind.TEXT
    return RowKind.UNKNOWN


def is_legend(text: str, scale: GradeScale) -> bool:
    """Return whether text explains every grade of the scale: 「Ａ：目標を上回った　Ｂ：…　－：評価できない」."""
    folded = fold_width(text)
    for grade in scale.grades:
        spellings = "|".join(
            re.escape(fold_width(s)) for s in sorted({grade.label, *grade.aliases}, key=len, reverse=True)
        )
        if not re.search(rf"(?:^|\s)(?:{spellings})\s*:\s*\S", folded):
            return False
    return True


def _label_and_title(distinct: list[str]) -> Heading | None:
    """Return the heading of a row that writes its label and its title in two cells (「（１）」|「就労の確保等」)."""
    label = parse_heading(distinct[0])
    if label is None or label.title or parse_heading(distinct[1]) is not None:
        return None
    return parse_heading(f"{distinct[0]} {distinct[1]}")


def section_of(cells: list[str]) -> Heading | None:
    """Return the heading a section row names (its only text, or its label and title side by side)."""
    distinct = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
    if len(distinct) == 2:
        return _label_and_title(distinct)
    return parse_heading(distinct[0]) if distinct else None


# A number as written in the number cell: 「12」, or a branch of the tree 「1-2-3」「1-(2)-3」.
_N = r"(?P<n>\d{1,4}|\d{1,3}(?:-(?:\d{1,3}|\(\d{1,3}\)))+)"
_OPEN, _CLOSE = r"[(<\[【〈《]", r"[)>\]】〉》]"
_RELISTED_NUMBER = (
    re.compile(rf"^(?:no\.?|№)?{_N}\.?$", re.IGNORECASE),  # 12, 12., No.12, 1-2-3
    re.compile(rf"^{_N}{_OPEN}再掲{_CLOSE}$"),  # 12（再掲）
    re.compile(rf"^{_OPEN}再掲{_CLOSE}{_N}$"),  # （再掲）12
    re.compile(rf"^{_N}再掲$"),
    re.compile(rf"^事業(?:番号)?{_N}{_OPEN}再掲{_CLOSE}$"),  # 事業1（再掲）, in a title beside no number
    # 再掲12, 再掲：事業番号12, ＜再掲＞事業2, 【再掲】No.12, 再掲(1-2-3)
    re.compile(rf"^{_OPEN}?再掲{_CLOSE}?[:：]?(?:事業)?(?:番号|no\.?)?[:：]?\(?{_N}\)?\)?$", re.IGNORECASE),
)

# A program numbered 「①」 within its 施策 (a row with more than a label and a title).
CIRCLED = re.compile(r"^[①-⑳]$")
Written = int | str  # a program number (12) or a branch code as the sheet writes it ("1-2-3")


def entry_number(cells: list[str], header: Header) -> tuple[Written, bool] | None:
    """Return the program number a row gives and whether it marks a 再掲 (listed again), or None.

    「１２」, 「１（再掲）」, 「再掲１」, 「再掲：事業番号12」, 「＜再掲＞事業2」 in the number column;
    「再掲：事業番号12」「事業12（再掲）」 in the title column of a row without a number; 「①」 in
    the number column of a row with more than a label and a title (a program numbered within its 施策). A branch 「1-2-3」 in the
    number column is a program when the row has more than a label and a title (its text in
    another column: content, department, grade…); a 「1-1」 beside a title alone is a heading.
    """
    number_text = _cell(cells, header.columns.get(Column.NUMBER))
    found = _relisted_number(number_text)
    if found is None and CIRCLED.match(number_text.strip()) and _program_shaped(cells, header):
        return number_text.strip(), False  # ①②③ restarting under each 施策: numbered in sheet order
    if found is None and not number_text.strip():
        return _relisted_number(_cell(cells, header.columns.get(Column.TITLE)), only_relisting=True)
    if (
        found is not None
        and isinstance(found[0], str)
        and not found[1]
        and not _program_shaped(cells, header)
    ):
        return None
    return found


def _program_shaped(cells: list[str], header: Header) -> bool:
    """Return whether a row has text besides its number and title (a heading has a label and a title only)."""
    own = {
        _cell(cells, header.columns.get(Column.NUMBER)).strip(),
        _cell(cells, header.columns.get(Column.TITLE)).strip(),
    }
    return any(text.strip() and text.strip() not in own for text in cells)


def _relisted_number(text: str, *, only_relisting: bool = False) -> tuple[Written, bool] | None:
    folded = "".join("-" if ch in DASHES else ch for ch in squeeze_spaces(fold_ascii(text)))
    for index, pattern in enumerate(_RELISTED_NUMBER):
        if only_relisting and index == 0:
            continue
        if match := pattern.match(folded):
            written = match.group("n")
            if not written.isdigit():
                return (code, index > 0) if (code := program_code(written)) else None
            if 0 < int(written) < 10_000:
                return int(written), index > 0
    return None


def relisting_mark(text: str) -> bool:
    """Return whether a cell of a 再掲 column marks the row as listed again."""
    return squeeze_spaces(fold_ascii(text)) in RELISTING_MARKS


def _parse_number(text: str) -> int | None:
    folded = squeeze_spaces(fold_ascii(text))
    if not (folded.isascii() and folded.isdigit()):  # ① is a level of the tree, not program 1
        return None
    return int(folded) if 0 < int(folded) < 10_000 else None


def parse_number(text: str) -> int | None:
    """Return a program number written in a cell (「１２」 → 12), or None."""
    return _parse_number(text)


_YEAR_IN_HEADING = re.compile(r"((?:令和|平成)(?:元|\d{1,2})年度?|20\d\d年度?|[rh]\d{1,2})")


def baseline_year(heading: str) -> int | None:
    """Return the year a 基準値 heading names: 「基準値（令和元年度）」 → 2019, 「基準値(R1)」 → 2019; None if none."""
    match = _YEAR_IN_HEADING.search(_normalise(heading))
    if match is None:
        return None
    try:
        return parse_fiscal_year(match.group(1))
    except FiscalYearError:
        return None
