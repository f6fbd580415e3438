"""The rows of a 進捗管理表 sheet as typed records: sections and entries, with problems found.

Rows the importer passes over on purpose (an explanation row under the header, the header or
title printed again on a new page, a page number) are kept as SkippedRow, so the preview can
list them and a reader can check that nothing was lost.
"""

import re
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from shinchoku.domain.grades import GradeScale
from shinchoku.domain.sections import Heading, parse_heading
from shinchoku.imports.table import (
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

# 「（再掲）」「(再掲)」「【再掲】」「再掲：事業番号12」 written in a title or content cell
RELISTING = re.compile(r"\s*(?:[（(【]\s*再掲(?:[:：]?[^）)】]*)?\s*[）)】]|再掲[:：]\s*事業番号\s*\S+)\s*")

SKIPPED_WHY = {
    RowKind.TEXT: "見出しの説明の行",
    RowKind.REPEATED_HEADER: "ページごとに繰り返された見出し・表題の行",
    RowKind.PAGE: "ページ番号の行",
    RowKind.NOTE: "注記・凡例の行",
}


HIDDEN_ROW = "非表示の行"


@dataclass(frozen=True)
class SectionRow:
    row: int
    section: Heading


@dataclass(frozen=True)
class EntryRow:
    row: int
    number: int
    title: str
    relisting: bool
    values: dict[Column, str]

    def get(self, column: Column) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class SkippedRow:
    """A row read and deliberately not imported: where, why, and the start of its text."""

    row: int
    why: str
    text: str


@dataclass
class ParsedSheet:
    sheet: Sheet
    header: Header
    rows: list[SectionRow | EntryRow]
    skipped: list[SkippedRow] = field(default_factory=list)
    other_sheets: list[str] = field(default_factory=list)  # the workbook's other visible sheets, not read
    hidden_sheets: list[str] = field(default_factory=list)  # its hidden sheets, never read


def sheet_notes(parsed: ParsedSheet) -> list[str]:
    """Return what the preview says of the sheets: the one read and the others, none read (if any)."""
    if not parsed.other_sheets and not parsed.hidden_sheets:
        return []
    parts = [f"読んだシート: {parsed.sheet.name}"]
    if parsed.other_sheets:
        parts.append(f"ほかのシート（読んでいません）: {'、'.join(parsed.other_sheets)}")
    if parsed.hidden_sheets:
        parts.append(f"非表示のシート（読んでいません）: {'、'.join(parsed.hidden_sheets)}")
    return ["。".join(parts) + "。"]


def parse_sheet(
    sheet: Sheet,
    required: tuple[Column, ...],
    problems: list[Problem],
    year: int | None = None,
    scale: GradeScale | None = None,
) -> ParsedSheet | None:
    """Return the sheet's sections and entries below its header; problems are appended to problems.

    year: the fiscal year being imported, whose columns are taken when the sheet has several years'.
    scale: the plan's grades, whose legend under the table (「Ａ：目標を上回った　Ｂ：…」) is a note.
    """
    header = find_header(sheet, required, year)
    if isinstance(header, Problem):
        problems.append(header)
        return None
    rows: list[SectionRow | EntryRow] = []
    skipped: list[SkippedRow] = []
    flat_sections: list[str] = ["", "", ""]
    under_header = True  # explanation rows may follow the header (and each repeated header)
    for r in range(header.row + 1, len(sheet.rows) + 1):
        cells = sheet.rows[r - 1]
        kind = classify(cells, header, scale)
        if kind is RowKind.BLANK:
            continue
        if r in sheet.hidden_rows:  # hidden in Excel: not part of the table the city sees
            skipped.append(SkippedRow(r, HIDDEN_ROW, _text_of(cells)))
            continue
        if kind in SKIPPED_WHY and (kind is not RowKind.TEXT or under_header):
            skipped.append(SkippedRow(r, SKIPPED_WHY[kind], _text_of(cells)))
            under_header = under_header or kind is RowKind.REPEATED_HEADER
            continue
        under_header = False
        if kind is RowKind.SECTION:
            section = section_of(cells)
            assert section is not None
            rows.append(SectionRow(r, section))
            continue
        if kind is not RowKind.ENTRY:
            number_cell = _cell(cells, header.columns[Column.NUMBER])
            problems.append(
                Problem(
                    "事業番号がなく、重点項目・施策の見出しとも読めない行です。",
                    "事業の行なら「事業番号」に数字を、見出しなら「１　就労…」「（１）…」「①…」「第1章…」の形で"
                    "1つのセルに入力してください。見出しの説明の行は見出しのすぐ下に置いてください。",
                    sheet=sheet.name,
                    row=r,
                    column=get_column_letter(header.columns[Column.NUMBER]),
                    value=number_cell or " ".join(c for c in cells if c.strip()),
                )
            )
            continue
        values = {column: _cell(cells, index).strip() for column, index in header.columns.items()}
        _sections_from_columns(values, r, flat_sections, rows)
        rows.append(_entry_row(cells, r, header, values))
    return ParsedSheet(sheet, header, rows, skipped)


def _entry_row(cells: list[str], row: int, header: Header, values: dict[Column, str]) -> EntryRow:
    """Return an entry row: its number, its title without the 再掲 mark, and whether it is a re-listing."""
    found = entry_number(cells, header)
    assert found is not None
    number, marked = found
    title = values.get(Column.TITLE, "")
    relisting = (
        marked
        or bool(RELISTING.search(title))
        or bool(RELISTING.search(values.get(Column.CONTENT, "")))
        or relisting_mark(values.get(Column.RELISTING, ""))
    )
    return EntryRow(row, number, RELISTING.sub("", title).strip(), relisting, values)


def _text_of(cells: list[str]) -> str:
    """Return a row's texts, each once (a merged cell's value is repeated across it)."""
    return " ".join(dict.fromkeys(c for c in cells if c.strip()))


def _cell(cells: list[str], index: int) -> str:
    return cells[index - 1] if 0 < index <= len(cells) else ""


def _sections_from_columns(
    values: dict[Column, str], row: int, current: list[str], rows: list[SectionRow | EntryRow]
) -> None:
    """Emit a section row whenever the 重点項目・施策・細目 columns of a flat table change."""
    for depth, column in enumerate(SECTION_COLUMNS):
        text = values.get(column, "")
        if text and text != current[depth]:
            current[depth:] = [text] + [""] * (len(current) - depth - 1)
            section = parse_heading(text)
            if section is not None:
                rows.append(SectionRow(row, section))


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
    """Return the first visible sheet holding the table (the year's columns, if it has several), or refuse.

    A hidden sheet (an old year's, kept out of sight) is never read; the sheets not read are named
    in the result (other_sheets, hidden_sheets) so the preview can say so.
    """
    problems: list[Problem] = []
    sheets = read_file(name, content)
    visible = [sheet for sheet in sheets if not sheet.hidden] or sheets
    hidden = [sheet.name for sheet in sheets if sheet.hidden] if visible is not sheets else []
    for sheet in visible:
        sheet_problems: list[Problem] = []
        parsed = parse_sheet(sheet, required, sheet_problems, year, scale)
        if parsed is not None:
            if sheet_problems:
                raise ImportRefused(sheet_problems)
            parsed.other_sheets = [other.name for other in visible if other is not sheet]
            parsed.hidden_sheets = hidden
            return parsed
        problems.extend(sheet_problems)
    if hidden:
        problems.append(
            Problem(
                f"非表示のシートは読みません（{'、'.join(hidden)}）。",
                "取り込む表が非表示のシートにあるときは、シートを再表示して保存し直してください。",
            )
        )
    raise ImportRefused(problems)
