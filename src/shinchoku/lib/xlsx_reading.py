"""The .xlsx reader: one streaming expat pass over each part the cells need, under one budget.

reading.read_file checks the zip first (sizes, ratio, members, macros, paths), then hands the
archive to read_workbook. No DTD or entity is allowed; whatever the XML declares, the work is
bounded by what is actually there and by the budget of elements, text and merged cells.
"""

import datetime
import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import NoReturn
from xml.parsers import expat

from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.sheets import (
    MAX_COLUMNS,
    MAX_MERGED_CELLS,
    MAX_ROWS,
    MAX_TEXT_NODE,
    MAX_XML_ELEMENTS,
    MAX_XML_TEXT,
    Sheet,
    cell_text,
)

DANGEROUS_XML = Problem(
    "危険な XML（実体の定義・展開）を含むため読めません。",
    "Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直したファイルを使ってください。",
)
TOO_MUCH_XML = Problem(
    "ブックの中身（セル・文字列・書式などの数）が大きすぎて読めません。",
    "取り込む表だけを新しいブックにコピーし、保存し直してください。",
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # namespace, then the local name
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships "
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types "
RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?\d+")
RANGE_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read_workbook(archive: zipfile.ZipFile) -> list[Sheet]:
    """Return the sheets of a checked .xlsx archive; a budget exceeded or dangerous XML is ImportRefused."""
    try:
        return _Workbook(archive).read()
    except _Refused as refused:
        raise ImportRefused([refused.problem]) from None


class _Workbook:
    """One streaming expat pass over each part a workbook's cells need, under one budget.

    expat is driven directly, without building elements, so what is counted is exactly what is
    read, and no other parser ever sees the upload. A DOCTYPE is refused outright (Excel never
    writes one), which also rules out entity definitions and external references. Values are
    understood as openpyxl understands them (shared strings without phonetic runs, dates by the
    cell's number format, booleans, errors); tests compare the two on the same files.
    """

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())
        self.elements = 0
        self.text = 0
        self.merged_cells = 0

    def read(self) -> list[Sheet]:
        sheets_in_order, epoch = self._workbook()
        targets = self._relationships("xl/_rels/workbook.xml.rels")
        dates, timedeltas = self._styles()
        strings = self._shared_strings()
        sheets, problems = [], []
        for title, relationship, hidden in sheets_in_order:
            target = targets.get(relationship)
            if target is None or "chartsheet" in target[1] or target[0] not in self.names:
                continue  # as openpyxl: a chart sheet or a missing part holds no cells
            reader = _SheetReader(self, title, strings, dates, timedeltas, epoch)
            sheet, sheet_problems = reader.read(target[0])
            sheet.hidden, sheet.formulas = hidden, reader.formulas
            sheets.append(sheet)
            problems.extend(sheet_problems)
        if problems:
            raise ImportRefused(problems)
        return sheets

    # ------------------------------------------------------------ the parser and its budget

    def parse(
        self,
        name: str,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        characters: Callable[[str], None] | None = None,
    ) -> None:
        """Run expat over one member, counting its elements and text against the workbook's budget."""
        run = 0

        def on_start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal run
            run = 0
            self.elements += 1
            if attrs:
                self.text += sum(map(len, attrs.values()))
            if self.elements > MAX_XML_ELEMENTS or self.text > MAX_XML_TEXT:
                raise _Refused(TOO_MUCH_XML)
            start(tag, attrs)

        def on_characters(data: str) -> None:
            nonlocal run
            run += len(data)
            self.text += len(data)
            if run > MAX_TEXT_NODE or self.text > MAX_XML_TEXT:
                raise _Refused(TOO_MUCH_XML)
            if characters is not None:
                characters(data)

        def dangerous(*_: object) -> NoReturn:
            raise _Refused(DANGEROUS_XML)

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True  # one call per text node, not per chunk
        parser.StartElementHandler = on_start
        if end is not None:
            parser.EndElementHandler = end
        parser.CharacterDataHandler = on_characters
        parser.StartDoctypeDeclHandler = dangerous
        parser.EntityDeclHandler = dangerous
        parser.ExternalEntityRefHandler = dangerous
        with self.archive.open(name) as data:
            parser.ParseFile(data)

    # ------------------------------------------------------------ the small parts

    def _workbook(self) -> tuple[list[tuple[str, str, bool]], datetime.datetime]:
        """Return the sheets (title, relationship id, hidden) in the workbook's order, and its date epoch."""
        sheets: list[tuple[str, str, bool]] = []
        epoch = WINDOWS_EPOCH

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal epoch
            if tag == MAIN + "sheet":
                hidden = attrs.get("state", "visible") in ("hidden", "veryHidden")
                sheets.append((attrs.get("name", ""), attrs.get(RELATIONSHIP_ID, ""), hidden))
            elif tag == MAIN + "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
                epoch = CALENDAR_MAC_1904

        self.parse("xl/workbook.xml", start)
        return sheets, epoch

    def _relationships(self, name: str) -> dict[str, tuple[str, str]]:
        """Return {relationship id: (member name, type)} of a part, targets resolved as openpyxl does."""
        found: dict[str, tuple[str, str]] = {}
        if name not in self.names:
            return found
        folder = posixpath.dirname(posixpath.dirname(name))

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag == PACKAGE + "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                member = (
                    target[1:]
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                found[attrs.get("Id", "")] = (member, attrs.get("Type", ""))

        self.parse(name, start)
        return found

    def _styles(self) -> tuple[set[int], set[int]]:
        """Return the cell styles (their indexes) whose number format shows a date, and a duration."""
        if "xl/styles.xml" not in self.names:
            return set(), set()
        custom: dict[int, str] = {}
        formats: list[int] = []
        in_cell_formats = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal in_cell_formats
            if tag == MAIN + "numFmt":
                custom[_integer(attrs.get("numFmtId"))] = attrs.get("formatCode", "")
            elif tag == MAIN + "cellXfs":
                in_cell_formats = True
            elif tag == MAIN + "xf" and in_cell_formats:
                formats.append(_integer(attrs.get("numFmtId")))

        def end(tag: str) -> None:
            nonlocal in_cell_formats
            if tag == MAIN + "cellXfs":
                in_cell_formats = False

        self.parse("xl/styles.xml", start, end)
        dates, timedeltas = set(), set()
        for index, number_format in enumerate(formats):
            code = custom.get(number_format) or builtin_format_code(number_format)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                timedeltas.add(index)
        return dates, timedeltas

    def _shared_strings(self) -> list[str]:
        """Return the shared strings as cell text (runs joined, phonetic guides left out, stripped)."""
        name = ""

        def start_types(tag: str, attrs: dict[str, str]) -> None:
            nonlocal name
            if tag == CONTENT_TYPES + "Override" and attrs.get("ContentType") == SHARED_STRINGS_TYPE:
                name = attrs.get("PartName", "").lstrip("/")

        if "[Content_Types].xml" in self.names:
            self.parse("[Content_Types].xml", start_types)
        if name not in self.names:
            return []
        strings: list[str] = []
        parts: list[str] = []
        chunks: list[str] | None = None
        phonetic = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal chunks, phonetic
            if tag == MAIN + "t" and not phonetic:
                chunks = []
            elif tag == MAIN + "rPh":
                phonetic = True
            elif tag == MAIN + "si":
                parts.clear()

        def end(tag: str) -> None:
            nonlocal chunks, phonetic
            if tag == MAIN + "t" and chunks is not None:
                parts.append("".join(chunks))
                chunks = None
            elif tag == MAIN + "rPh":
                phonetic = False
            elif tag == MAIN + "si":
                strings.append(cell_text("".join(parts).replace("x005F_", "")))

        def characters(data: str) -> None:
            if chunks is not None:
                chunks.append(data)

        self.parse(name, start, end, characters)
        return strings

    def merged(self, ref: str) -> tuple[int, int, int, int] | None:
        """Return a merged range (top, left, bottom, right), counting its cells against the budget."""
        match = RANGE_REF.fullmatch(ref)
        if not match:
            return None
        left, top = _column(match.group(1)), int(match.group(2))
        right = _column(match.group(3)) if match.group(3) else left
        bottom = int(match.group(4)) if match.group(4) else top
        top, bottom = min(top, bottom), max(top, bottom)
        left, right = min(left, right), max(left, right)
        # Counted within the area read, so a whole-row title merge (A1:XFD1) costs 60 cells.
        covered = max(0, min(bottom, MAX_ROWS) - min(top, MAX_ROWS + 1) + 1) * max(
            0, min(right, MAX_COLUMNS) - min(left, MAX_COLUMNS + 1) + 1
        )
        self.merged_cells += covered
        if self.merged_cells > MAX_MERGED_CELLS:
            raise _Refused(
                Problem(
                    f"結合されたセルが多すぎます（{ref} など、合計{MAX_MERGED_CELLS:,}セルを超えています）。",
                    "表の外の結合を解除し（「セルを結合して中央揃え」をオフ）、保存し直してください。",
                )
            )
        return top, left, bottom, right


class _SheetReader:
    """The cells of one sheet: values placed as openpyxl places them, merged ranges, formulas noted."""

    def __init__(
        self,
        workbook: _Workbook,
        title: str,
        strings: list[str],
        dates: set[int],
        timedeltas: set[int],
        epoch: datetime.datetime,
    ) -> None:
        self.workbook, self.title, self.strings = workbook, title, strings
        self.dates, self.timedeltas, self.epoch = dates, timedeltas, epoch
        self.cells: dict[int, dict[int, str]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.problems: list[Problem] = []
        self.formulas: list[Problem] = []  # kept with the sheet: only a sheet read is refused for them
        self.hidden_rows: set[int] = set()
        self.last_value_row = self.last_row = self.last_column = 0

    def read(self, name: str) -> tuple[Sheet, list[Problem]]:
        row = column = 0
        kind = style = ""
        value: str | None = None
        formula: str | None = None
        inline: list[str] | None = None
        chunks: list[str] | None = None
        phonetic = False

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal row, column, kind, style, value, formula, inline, chunks, phonetic
            if tag == C:
                match = CELL_REF.fullmatch(attrs.get("r", ""))
                column = _column(match.group(1)) if match else column + 1
                kind, style = attrs.get("t", "n"), attrs.get("s", "")
                value = formula = inline = None
            elif tag == V or tag == F:
                chunks = []
            elif tag == ROW:
                # Like openpyxl: the row's own number if it has one, else the next.
                number = _row_number(attrs.get("r"))
                row = number if number is not None else row + 1
                column = 0
                if attrs.get("hidden", "").lower() in ("1", "true") and row <= MAX_ROWS:
                    self.hidden_rows.add(row)
            elif tag == IS:
                inline = []
            elif tag == T and inline is not None and not phonetic:
                chunks = []
            elif tag == RPH:
                phonetic = True
            elif tag == MERGE:
                merge = self.workbook.merged(attrs.get("ref", ""))
                if merge is not None:
                    self.merges.append(merge)
                    self.last_row = max(self.last_row, merge[2])
                    self.last_column = max(self.last_column, min(merge[3], MAX_COLUMNS))

        def end(tag: str) -> None:
            nonlocal value, formula, chunks, phonetic
            if tag == C:
                self._cell(row, column, kind, style, value, formula, inline)
            elif tag == V:
                value = "".join(chunks or ())
                chunks = None
            elif tag == F:
                formula = "=" + "".join(chunks or ())
                chunks = None
            elif tag == T and chunks is not None and inline is not None:
                inline.append("".join(chunks))
                chunks = None
            elif tag == RPH:
                phonetic = False

        def characters(data: str) -> None:
            if chunks is not None:
                chunks.append(data)

        self.workbook.parse(name, start, end, characters)
        return self._sheet()

    def _cell(
        self,
        row: int,
        column: int,
        kind: str,
        style: str,
        value: str | None,
        formula: str | None,
        inline: list[str] | None,
    ) -> None:
        if formula is None and not value and not inline:
            return  # a formatted empty cell
        if row > self.last_value_row:
            self.last_value_row = row
        if row > MAX_ROWS or column > MAX_COLUMNS:
            return
        self.last_row = max(self.last_row, row)
        self.last_column = max(self.last_column, column)
        if formula is not None:
            self.formulas.append(
                Problem(
                    "数式が入っています。取り込むのは値だけです。",
                    "数式のセルをコピーし、「値として貼り付け」てから保存してください。",
                    sheet=self.title,
                    row=row,
                    column=get_column_letter(column),
                    value=formula,
                )
            )
            return
        self.cells.setdefault(row, {})[column] = self._value(kind, style, value, inline)

    def _value(self, kind: str, style: str, value: str | None, inline: list[str] | None) -> str:
        """Return the cell's text as openpyxl (data_only=False) would give it, through cell_text()."""
        if kind == "inlineStr":
            return cell_text("".join(inline or ()))
        if not value:
            return ""
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return cell_text(bool(int(value)))
        if kind in ("str", "e"):
            return cell_text(value)
        if kind == "d":
            return cell_text(from_ISO8601(value))
        number = float(value) if "." in value or "E" in value or "e" in value else int(value)
        index = int(style) if style else 0
        if index in self.dates:
            try:
                return cell_text(from_excel(number, self.epoch, timedelta=index in self.timedeltas))
            except (OverflowError, ValueError):
                return "#VALUE!"
        return cell_text(number)

    def _sheet(self) -> tuple[Sheet, list[Problem]]:
        sheet = Sheet(self.title)
        if self.last_value_row > MAX_ROWS:
            return sheet, [
                Problem(
                    f"行が多すぎます（{self.last_value_row}行）。",
                    f"{MAX_ROWS}行以下に分けてください。",
                    sheet=self.title,
                )
            ]
        # Rows and columns that hold a value or a merged range: formatted empty cells below or to
        # the right of the table, and the sheet's declared dimension, are never read.
        rows, columns = min(self.last_row, MAX_ROWS), min(self.last_column, MAX_COLUMNS)
        if not rows or not columns:
            return sheet, self.problems
        sheet.hidden_rows = {r for r in self.hidden_rows if r <= rows}
        for r in range(1, rows + 1):
            line = [""] * columns
            for c, text in self.cells.get(r, {}).items():
                line[c - 1] = text
            sheet.rows.append(line)
        for top, left, bottom, right in self.merges:  # a merged area reads as its top-left cell
            if top > rows or left > columns:
                continue
            value = sheet.rows[top - 1][left - 1]
            for r in range(top, min(bottom, rows) + 1):
                line = sheet.rows[r - 1]
                for c in range(left, min(right, columns) + 1):
                    line[c - 1] = value
        return sheet, self.problems


ROW, C, V, F, IS, T, RPH, MERGE = (
    MAIN + name for name in ("row", "c", "v", "f", "is", "t", "rPh", "mergeCell")
)


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _integer(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


def _row_number(text: str | None) -> int | None:
    """Return a row number as openpyxl reads it ("7" or "7.0"), None if there is none."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        value = float(text)  # openpyxl refuses what is not a number, and so does this reader
        if not value.is_integer():
            raise
        return int(value)
