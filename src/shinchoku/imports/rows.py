"""The rows of a 進捗管理表 sheet as typed records: sections and entries, with problems found."""

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from shinchoku.imports.problems import Problem
from shinchoku.imports.reading import Sheet
from shinchoku.imports.table import (
    SECTION_COLUMNS,
    Column,
    Header,
    RowKind,
    Section,
    classify,
    find_header,
    parse_number,
    section_of,
)

RELISTING = re.compile(r"\s*[（(]\s*再掲\s*[）)]\s*")


@dataclass(frozen=True)
class SectionRow:
    row: int
    section: Section


@dataclass(frozen=True)
class EntryRow:
    row: int
    number: int
    title: str
    relisting: bool
    values: dict[Column, str]

    def get(self, column: Column) -> str:
        return self.values.get(column, "")


@dataclass
class ParsedSheet:
    sheet: Sheet
    header: Header
    rows: list[SectionRow | EntryRow]


def parse_sheet(sheet: Sheet, required: tuple[Column, ...], problems: list[Problem]) -> ParsedSheet | None:
    """Return the sheet's sections and entries below its header; problems are appended to problems."""
    header = find_header(sheet, required)
    if isinstance(header, Problem):
        problems.append(header)
        return None
    rows: list[SectionRow | EntryRow] = []
    flat_sections: list[str] = ["", "", ""]
    for r in range(header.row + 1, len(sheet.rows) + 1):
        cells = sheet.rows[r - 1]
        kind = classify(cells, header)
        if kind in (RowKind.BLANK, RowKind.NOTE):
            continue
        if kind is RowKind.SECTION:
            section = section_of(next(c for c in cells if c.strip()))
            assert section is not None
            rows.append(SectionRow(r, section))
            continue
        if kind is RowKind.UNKNOWN:
            number_cell = (
                cells[header.columns[Column.NUMBER] - 1]
                if header.columns[Column.NUMBER] <= len(cells)
                else ""
            )
            problems.append(
                Problem(
                    "事業番号がなく、重点項目・施策の見出しとも読めない行です。",
                    "事業の行なら「事業番号」に数字を、見出しなら「１　就労…」「（１）…」「①…」の形で1つのセルに入力してください。",
                    sheet=sheet.name,
                    row=r,
                    column=get_column_letter(header.columns[Column.NUMBER]),
                    value=number_cell or " ".join(c for c in cells if c.strip()),
                )
            )
            continue
        values = {
            column: (cells[index - 1].strip() if index <= len(cells) else "")
            for column, index in header.columns.items()
        }
        _sections_from_columns(values, r, flat_sections, rows)
        number = parse_number(values[Column.NUMBER])
        assert number is not None
        title = values.get(Column.TITLE, "")
        relisting = bool(RELISTING.search(title)) or bool(RELISTING.search(values.get(Column.CONTENT, "")))
        rows.append(EntryRow(r, number, RELISTING.sub("", title).strip(), relisting, values))
    return ParsedSheet(sheet, header, rows)


def _sections_from_columns(
    values: dict[Column, str], row: int, current: list[str], rows: list[SectionRow | EntryRow]
) -> None:
    """Emit a section row whenever the 重点項目・施策・細目 columns of a flat table change."""
    for depth, column in enumerate(SECTION_COLUMNS):
        text = values.get(column, "")
        if text and text != current[depth]:
            current[depth:] = [text] + [""] * (len(current) - depth - 1)
            section = section_of(text)
            if section is not None:
                rows.append(SectionRow(row, section))


def cell_name(parsed: ParsedSheet, column: Column) -> str:
    """Return the sheet's column letter and heading for a field, for problem messages."""
    index = parsed.header.columns.get(column)
    if index is None:
        return column.value
    return f"{get_column_letter(index)}（{parsed.header.names.get(column, column.value)}）"
