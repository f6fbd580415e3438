"""The rows of a 進捗管理表 sheet as typed records: sections and entries, with problems found.

Rows the importer passes over on purpose (an explanation row under the header, the header or
title printed again on a new page, a page number) are kept as SkippedRow, so the preview can
list them and a reader can check that nothing was lost.
"""

import re
from dataclasses import dataclass, field, replace

from openpyxl.utils import get_column_letter

from shinchoku.domain.cell_marks import split_note_mark
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.sections import Heading, parse_heading
from shinchoku.domain.text import fold_width, squeeze_spaces
from shinchoku.imports.numbering import Numbering
from shinchoku.imports.table import (
    CIRCLED,
    SECTION_COLUMNS,
    Column,
    Header,
    RowKind,
    classify,
    entry_number,
    find_header,
    relisting_mark,
    section_of,
)
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import Sheet, read_file

_OPEN, _CLOSE = re.escape("（(【＜<〈《［["), re.escape("）)】＞>〉》］]")
# 「（再掲）」「(再掲)」「【再掲】」「＜再掲＞」「＜再掲＞事業2」「再掲：事業番号12」 written in a title or content cell
RELISTING = re.compile(
    rf"\s*(?:[{_OPEN}]\s*再掲\s*[{_CLOSE}]\s*[:：]?\s*事業(?:番号)?\s*[0-9０-９][-－‐()（）0-9０-９]*"
    rf"|[{_OPEN}]\s*再掲(?:[:：]?[^{_CLOSE}]*)?\s*[{_CLOSE}]"
    r"|再掲[:：]\s*事業番号\s*\S+)\s*"
)
# A 備考 saying the row is a re-listing: it starts with 再掲 (「再掲」「再掲（1(1)①）」「再掲：事業12」「【再掲】」)
# or holds a bracketed 「（再掲）」; 「1(2)②に再掲」「再掲あり」 say the program is listed again elsewhere.
_REMARKS_RELISTING = re.compile(rf"^[{_OPEN}]?\s*再掲\s*(?:$|[{_CLOSE}:：\s]|事業|[0-9０-９]|[{_OPEN}])")


def remarks_relisting(text: str) -> bool:
    """Return whether a 備考 cell says the row lists its program again."""
    text = text.strip()
    return bool(_REMARKS_RELISTING.match(text)) or bool(re.search(rf"[{_OPEN}]\s*再掲\s*[{_CLOSE}]", text))


SKIPPED_WHY = {
    RowKind.TEXT: "見出しの説明の行",
    RowKind.REPEATED_HEADER: "ページごとに繰り返された見出し・表題の行",
    RowKind.PAGE: "ページ番号の行",
    RowKind.NOTE: "注記・凡例の行",
}


HIDDEN_ROW = "非表示の行"
# A hidden heading is not read, so the visible programs under it join the heading above: said aloud.
HIDDEN_HEADING = "非表示の見出しの行"


@dataclass(frozen=True)
class SectionRow:
    row: int
    section: Heading
    sheet: str = ""


@dataclass(frozen=True)
class EntryRow:
    row: int
    number: int  # the program's number (a branch code's place in the sheet's order: 1, 2, 3…)
    title: str
    relisting: bool
    values: dict[Column, str]
    sheet: str = ""
    code: str = ""  # the number as a branch of the tree, as the sheet writes it: 「1-2-3」
    others: dict[int, str] = field(
        default_factory=dict, compare=False
    )  # cells of the header's other columns, by index

    def get(self, column: Column) -> str:
        return self.values.get(column, "")

    @property
    def label(self) -> str:
        """Return the program number as the sheet writes it: 12, or 1-2-3."""
        return self.code or str(self.number)


@dataclass(frozen=True)
class SkippedRow:
    """A row read and deliberately not imported: where, why, and the start of its text.

    sheet is named only when the table continues over several sheets.
    """

    row: int
    why: str
    text: str
    sheet: str = ""


@dataclass
class ParsedSheet:
    """The table read from a workbook: one sheet, or several with the same header read in order."""

    sheet: Sheet  # the (first) sheet read
    header: Header
    rows: list[SectionRow | EntryRow]
    skipped: list[SkippedRow] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)  # the workbook's other visible sheets, not read
    hidden_sheets: list[str] = field(default_factory=list)  # its hidden sheets, never read
    sheets: list[str] = field(default_factory=list)  # every sheet read, in order (the first is sheet)
    numbering: Numbering = field(default_factory=Numbering)

    def __post_init__(self) -> None:
        self.sheets = self.sheets or [self.sheet.name]


def header_headings(parsed: ParsedSheet) -> list[str]:
    """Return the header's headings as written, each once, left to right (a merged group heading once)."""
    header = parsed.header
    texts = (
        " ".join(parsed.sheet.cell(r, c).split())
        for c in range(1, max(len(parsed.sheet.rows[r - 1]) for r in range(header.top, header.row + 1)) + 1)
        for r in range(header.top, header.row + 1)
    )
    return list(dict.fromkeys(text for text in texts if text))


def missing_grade_note(parsed: ParsedSheet) -> str:
    """Return what the preview says when the sheet has no 達成度 column (its grades would be lost), or ""."""
    if Column.GRADE in parsed.header.columns:
        return ""
    headings = "、".join(f"「{text}」" for text in header_headings(parsed)) or "なし"
    return f"達成度の列が見つかりません（見出し: {headings}）。評価は取り込まれません。"


def missing_target_note(parsed: ParsedSheet) -> str:
    """Return what the progress preview says when the sheet has no 目標 column (no target is read), or ""."""
    if Column.TARGET in parsed.header.columns:
        return ""
    headings = "、".join(f"「{text}」" for text in header_headings(parsed)) or "なし"
    return (
        f"目標の列が見つかりません（見出し: {headings}）。目標は取り込まず、"
        "各取組の目標と定量的・定性的評価の別は今のままです。"
    )


def grade_mark_note(parsed: ParsedSheet) -> str:
    """Return what the preview says of grades written with a footnote's mark (「Ｂ※」 is Ｂ), or ""."""
    marked = [
        f"{f'シート「{row.sheet}」の' if len(parsed.sheets) > 1 else ''}{row.row}行目「{row.get(Column.GRADE)}」"
        for row in parsed.rows
        if isinstance(row, EntryRow) and split_note_mark(row.get(Column.GRADE))[1]
    ]
    if not marked:
        return ""
    return (
        f"達成度に注記の印（※）が付いています: {'、'.join(marked)}。印を除いた達成度を取り込みます。"
        "印と表の下の注記は取り込みません。"
    )


def sheet_notes(parsed: ParsedSheet) -> list[str]:
    """Return what the preview says of the sheets: no 達成度 column, those read as one table, the others."""
    notes = [note] if (note := missing_grade_note(parsed)) else []
    notes += [
        f"{f'{s.sheet}の' if s.sheet else ''}{s.row}行目の見出し「{s.text}」は非表示のため読みません。"
        "その下の表示されている事業は、直前の見出しの下に入ります。"
        for s in parsed.skipped
        if s.why == HIDDEN_HEADING
    ]
    if len(parsed.sheets) > 1:
        notes.append(f"{len(parsed.sheets)}枚のシートを1つの表として読みました：{'、'.join(parsed.sheets)}。")
    if not parsed.other_sheets and not parsed.hidden_sheets:
        return notes
    parts = [] if len(parsed.sheets) > 1 else [f"読んだシート: {parsed.sheet.name}"]
    if parsed.other_sheets:
        parts.append(f"ほかのシート（読んでいません）: {'、'.join(parsed.other_sheets)}")
    if parsed.hidden_sheets:
        parts.append(f"非表示のシート（読んでいません）: {'、'.join(parsed.hidden_sheets)}")
    return [*notes, "。".join(parts) + "。"]


def parse_sheet(
    sheet: Sheet,
    required: tuple[Column, ...],
    problems: list[Problem],
    year: int | None = None,
    scale: GradeScale | None = None,
    numbering: Numbering | None = None,
) -> ParsedSheet | None:
    """Return the sheet's sections and entries below its header; problems are appended to problems.

    year: the fiscal year being imported, whose columns are taken when the sheet has several years'.
    scale: the plan's grades, whose legend under the table (「Ａ：目標を上回った　Ｂ：…」) is a note.
    numbering: the program numbers of the table so far (a table continued from an earlier sheet).
    """
    header = find_header(sheet, required, year)
    if isinstance(header, Problem):
        problems.append(header)
        return None
    numbering = numbering or Numbering()
    rows: list[SectionRow | EntryRow] = []
    skipped: list[SkippedRow] = []
    flat_sections: list[str] = ["", "", ""]
    under_header = True  # explanation rows may follow the header (and each repeated header)
    path: list[
        Heading
    ] = []  # the headings above the row, outermost first (a style's return closes the deeper)
    for r in range(header.row + 1, len(sheet.rows) + 1):
        cells = sheet.rows[r - 1]
        kind = classify(cells, header, scale)
        if kind is RowKind.BLANK:
            continue
        if r in sheet.hidden_rows:  # hidden in Excel: not part of the table the city sees
            why = HIDDEN_HEADING if kind is RowKind.SECTION else HIDDEN_ROW
            skipped.append(SkippedRow(r, why, _text_of(cells)))
            continue
        if kind in SKIPPED_WHY and (kind is not RowKind.TEXT or under_header):
            skipped.append(SkippedRow(r, SKIPPED_WHY[kind], _text_of(cells)))
            under_header = under_header or kind is RowKind.REPEATED_HEADER
            continue
        under_header = False
        if kind is RowKind.SECTION:
            section = section_of(cells)
            assert section is not None
            rows.append(SectionRow(r, section, sheet.name))
            _enter(path, section)
        elif kind is RowKind.ENTRY:
            values = {column: _cell(cells, index).strip() for column, index in header.columns.items()}
            _sections_from_columns(values, r, flat_sections, rows, sheet.name)
            place = "".join(label for heading in path for label in heading.labels)
            entry = _entry_row(cells, r, header, values, sheet.name, numbering, place)
            rows.append(replace(entry, others={i: _cell(cells, i).strip() for i in header.others}))
        else:
            problems.append(_unreadable(sheet.name, r, cells, header))
    return ParsedSheet(sheet, header, rows, skipped, numbering=numbering)


def _unreadable(sheet: str, row: int, cells: list[str], header: Header) -> Problem:
    number_cell = _cell(cells, header.columns[Column.NUMBER])
    return Problem(
        "事業番号がなく、重点項目・施策の見出しとも読めない行です。",
        "事業の行なら「事業番号」に数字（「12」や「1-2-3」）を、見出しなら「１　就労…」「（１）…」「①…」"
        "「第1章…」の形で1つのセルに入力してください。見出しの説明の行は見出しのすぐ下に置いてください。",
        sheet=sheet,
        row=row,
        column=get_column_letter(header.columns[Column.NUMBER]),
        value=number_cell or " ".join(c for c in cells if c.strip()),
    )


def _enter(path: list[Heading], section: Heading) -> None:
    """Put section on the path of headings: a style seen before closes it and every deeper heading."""
    for depth, heading in enumerate(path):
        if heading.style == section.style:
            del path[depth:]
            break
    path.append(section)


def _entry_row(
    cells: list[str],
    row: int,
    header: Header,
    values: dict[Column, str],
    sheet: str,
    numbering: Numbering,
    place: str = "",
) -> EntryRow:
    """Return an entry row: its number, its title without the 再掲 mark, and whether it is a re-listing.

    A program numbered 「①」 within its 施策 is known by the headings above it: 「1(1)①」.
    """
    found = entry_number(cells, header)
    assert found is not None
    written, marked = found
    if isinstance(written, str) and CIRCLED.match(written):
        written = f"{place}{written}"
    number, code = numbering.number(written, sheet, row)
    title = values.get(Column.TITLE, "")
    relisting = (
        marked
        or bool(RELISTING.search(title))
        or bool(RELISTING.search(values.get(Column.CONTENT, "")))
        or relisting_mark(values.get(Column.RELISTING, ""))
        or remarks_relisting(values.get(Column.REMARKS, ""))
    )
    return EntryRow(row, number, RELISTING.sub("", title).strip(), relisting, values, sheet, code)


def _text_of(cells: list[str]) -> str:
    """Return a row's texts, each once (a merged cell's value is repeated across it)."""
    return " ".join(dict.fromkeys(c for c in cells if c.strip()))


def _cell(cells: list[str], index: int) -> str:
    return cells[index - 1] if 0 < index <= len(cells) else ""


def _sections_from_columns(
    values: dict[Column, str], row: int, current: list[str], rows: list[SectionRow | EntryRow], sheet: str
) -> None:
    """Emit a section row whenever the 重点項目・施策・細目 columns of a flat table change."""
    for depth, column in enumerate(SECTION_COLUMNS):
        text = values.get(column, "")
        if text and text != current[depth]:
            current[depth:] = [text] + [""] * (len(current) - depth - 1)
            section = parse_heading(text)
            if section is not None:
                rows.append(SectionRow(row, section, sheet))


def cell_name(parsed: ParsedSheet, column: Column) -> str:
    """Return the sheet's column letter and heading for a field, for problem messages."""
    index = parsed.header.columns.get(column)
    if index is None:
        return column.value
    return f"{get_column_letter(index)}（{parsed.header.names.get(column, column.value)}）"


def parse_first_table(
    name: str,
    content: bytes,
    required: tuple[Column, ...],
    year: int | None = None,
    scale: GradeScale | None = None,
) -> ParsedSheet:
    """Return the table of the first visible sheet holding one (the year's columns, if it has several), or refuse.

    The visible sheets after it with the same header (one sheet per 基本目標, each headed alike)
    continue the table: they are read in the workbook's order as one table. A hidden sheet (an old
    year's, kept out of sight) is never read; the sheets not read are named in the result
    (other_sheets, hidden_sheets) so the preview can say so.
    """
    problems: list[Problem] = []
    sheets = read_file(name, content, formulas_checked_by_caller=True)
    visible = [sheet for sheet in sheets if not sheet.hidden] or sheets
    hidden = [sheet.name for sheet in sheets if sheet.hidden] if visible is not sheets else []
    for index, sheet in enumerate(visible):
        sheet_problems: list[Problem] = []
        parsed = parse_sheet(sheet, required, sheet_problems, year, scale)
        if parsed is not None:
            _continue_table(parsed, visible[index + 1 :], required, sheet_problems, year, scale)
            sheet_problems.extend(parsed.numbering.problems())
            # A tally sheet's =COUNTIF(…) beside the table is not read, so not refused.
            sheet_problems[:0] = [f for s in visible if s.name in parsed.sheets for f in s.formulas]
            if sheet_problems:
                raise ImportRefused(sheet_problems)
            parsed.other_sheets = [other.name for other in visible if other.name not in parsed.sheets]
            parsed.hidden_sheets = hidden
            return parsed
        problems.extend(sheet_problems)
    problems.extend(f for s in visible for f in s.formulas)  # every visible sheet was looked through
    # A hidden sheet is named only when it holds the table (a header), never as if it might.
    if tables := [s.name for s in sheets if s.hidden and not isinstance(find_header(s, required), Problem)]:
        problems.append(
            Problem(
                f"非表示のシートは読みません（{'、'.join(tables)}）。表は非表示のシートにあります。",
                "シートを再表示して保存し直してください。",
            )
        )
    raise ImportRefused(problems)


def _continue_table(
    parsed: ParsedSheet,
    later: list[Sheet],
    required: tuple[Column, ...],
    problems: list[Problem],
    year: int | None,
    scale: GradeScale | None,
) -> None:
    """Append to parsed the rows of every later sheet whose header is the same (its columns and their headings)."""
    for sheet in later:
        header = find_header(sheet, required, year)
        if not isinstance(header, Header) or not _same_header(header, parsed.header):
            continue
        part = parse_sheet(sheet, required, problems, year, scale, parsed.numbering)
        if part is None:
            continue
        if len(parsed.sheets) == 1:  # the skipped rows of a table over several sheets name their sheet
            parsed.skipped = [replace(row, sheet=parsed.sheet.name) for row in parsed.skipped]
        parsed.rows.extend(part.rows)
        parsed.skipped.extend(replace(row, sheet=sheet.name) for row in part.skipped)
        parsed.sheets.append(sheet.name)


def _same_header(header: Header, first: Header) -> bool:
    """Return whether two headers name the same columns in the same places with the same words (any width, spaces)."""
    return header.columns == first.columns and _words(header) == _words(first)


def _words(header: Header) -> dict[Column, str]:
    return {column: squeeze_spaces(fold_width(name)) for column, name in header.names.items()}
