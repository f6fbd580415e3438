"""Read an uploaded workbook or CSV into plain rows of text, refusing hostile files first.

Checks happen before any parser sees the content: the size, the kind of file
(by its bytes, not its name), the zip directory (declared sizes, compression
ratio, member count, macros, paths), then one streaming pass of expat over every
member (no DTD or entity, and a budget of elements, text and merged cells), and
only then openpyxl in read-only mode, which parses XML safely because defusedxml
is installed. Whatever the XML declares (dimension, merged ranges, row numbers),
the work openpyxl is given is bounded by what the streaming pass counted, so any
upload of at most MAX_FILE_BYTES is read or refused within seconds and a bounded
amount of memory.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

import openpyxl
from defusedxml.common import DefusedXmlException
from openpyxl.utils import get_column_letter

from shinchoku.imports.problems import ImportRefused, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1_000
MAX_ROWS = 20_000
MAX_COLUMNS = 60
# Cells covered by merged ranges, counted within MAX_ROWS × MAX_COLUMNS: a real table merges a
# title, headings and a program's rows (a few thousand cells); 「A1:BH20000」 alone is 1,200,000.
MAX_MERGED_CELLS = 100_000
# openpyxl spends about 15 µs on an element of a sheet's rows or of the shared strings and up to
# about 50 µs on any other (styles, names, conditional formats become objects): the budget counts
# the first kind once and the second OBJECT_WEIGHT times, so parsing stays within about 5 seconds
# on a slow machine. A 20,000-row table of five columns uses about half of it.
MAX_XML_WORK = 300_000
OBJECT_WEIGHT = 4
# Characters of text and attribute values in all XML parts together (Python holds each one in up
# to 4 bytes), and in one text node (Excel's own limit for a cell).
MAX_XML_TEXT = 10_000_000
MAX_TEXT_NODE = 32_767
CSV_ENCODINGS = ("utf-8-sig", "cp932")

if not openpyxl.DEFUSEDXML:  # pragma: no cover - the dependency is pinned
    raise RuntimeError("defusedxml is required: without it openpyxl expands XML entities")


@dataclass
class Sheet:
    """A sheet as rows of text; merged cells carry their value into every cell they cover."""

    name: str
    rows: list[list[str]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> str:
        """Return the text at 1-based row and column, "" outside the sheet."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return ""


def read_file(name: str, content: bytes) -> list[Sheet]:
    """Return the sheets of an .xlsx or .csv file, or raise ImportRefused saying why not."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportRefused(
            [
                Problem(
                    f"ファイルが大きすぎます（{len(content) // 1024 // 1024}MB）。",
                    f"{MAX_FILE_BYTES // 1024 // 1024}MB以下に分けてください。",
                )
            ]
        )
    if not content:
        raise ImportRefused([Problem("ファイルが空です。", "保存した表のファイルを選んでください。")])
    lower = name.lower()
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content, is_macro_name=lower.endswith((".xlsm", ".xltm")))
    if lower.endswith((".xlsx", ".xlsm", ".xls")):
        old = content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        raise ImportRefused(
            [
                Problem(
                    "Excel 97-2003形式（.xls）は読み込めません。"
                    if old
                    else "拡張子は .xlsx ですが、中身が Excel ファイルではありません。",
                    "Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直してください。",
                )
            ]
        )
    return [_read_csv(name, content)]


DANGEROUS_XML = Problem(
    "危険な XML（実体の定義・展開）を含むため読めません。",
    "Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直したファイルを使ってください。",
)
TOO_MUCH_XML = Problem(
    "ブックの中身（セル・文字列・書式などの数）が大きすぎて読めません。",
    "取り込む表だけを新しいブックにコピーし、保存し直してください。",
)


def _read_xlsx(content: bytes, *, is_macro_name: bool) -> list[Sheet]:
    archive = _check_zip(content, is_macro_name=is_macro_name)
    scans = _scan_members(archive)
    try:
        # keep_links=False: external links are other workbooks' data, never ours to parse.
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=False, keep_links=False
        )
        sheets, problems = [], []
        for worksheet in workbook.worksheets:
            # read-only worksheets hold the path of their part; the streaming pass was keyed by it.
            scan = scans.get(getattr(worksheet, "_worksheet_path", ""), PartScan())
            sheet, sheet_problems = _read_sheet(worksheet, scan)
            sheets.append(sheet)
            problems.extend(sheet_problems)
        workbook.close()
    except ImportRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        if isinstance(error, DefusedXmlException) or isinstance(error.__context__, DefusedXmlException):
            raise ImportRefused([DANGEROUS_XML]) from error
        raise ImportRefused(
            [
                Problem(
                    f"Excel ファイルとして読めません（{type(error).__name__}）。",
                    "Excel で開けるか確かめ、「Excel ブック（*.xlsx）」形式で保存し直してください。",
                )
            ]
        ) from error
    if problems:
        raise ImportRefused(problems)
    return sheets


def _read_sheet(worksheet: object, scan: "PartScan") -> tuple[Sheet, list[Problem]]:
    """Return a sheet's rows of text (merged areas carrying their top-left value) and its problems."""
    title = str(getattr(worksheet, "title", ""))
    sheet, problems = Sheet(title), []
    if scan.last_value_row > MAX_ROWS:
        return sheet, [
            Problem(
                f"行が多すぎます（{scan.last_value_row}行）。",
                f"{MAX_ROWS}行以下に分けてください。",
                sheet=title,
            )
        ]
    # Rows and columns that hold a value or a merged range: formatted empty cells below or to the
    # right of the table are not read (Excel may keep them down to row 1,048,576).
    rows, columns = min(scan.last_row, MAX_ROWS), min(scan.last_column, MAX_COLUMNS)
    if not rows or not columns:
        return sheet, problems
    texts: dict[str, str] = {}  # one text per distinct value: a shared string is held once
    # The rows and columns are given explicitly: a read-only worksheet would otherwise trust the
    # sheet's declared dimension (a forged 「A1:XFD1048576」 means 16,384 cells a row).
    for r, row in enumerate(
        worksheet.iter_rows(min_row=1, max_row=rows, max_col=columns),  # type: ignore[attr-defined]
        start=1,
    ):
        line = []
        for c, cell in enumerate(row, start=1):
            value = cell.value
            if cell.data_type == "f":
                problems.append(
                    Problem(
                        "数式が入っています。取り込むのは値だけです。",
                        "数式のセルをコピーし、「値として貼り付け」てから保存してください。",
                        sheet=title,
                        row=r,
                        column=get_column_letter(c),
                        value=str(value),
                    )
                )
                line.append("")
                continue
            if value is None:
                line.append("")
                continue
            if isinstance(value, str):
                text = texts.get(value)
                if text is None:
                    text = texts[value] = _text(value)
                line.append(text)
            else:
                line.append(_text(value))
        sheet.rows.append(line)
    while len(sheet.rows) < rows:  # merged ranges may reach below the last row with cells
        sheet.rows.append([""] * columns)
    for top, left, bottom, right in scan.merges:
        if top > rows or left > columns:
            continue
        value = sheet.rows[top - 1][left - 1]
        for r in range(top, min(bottom, rows) + 1):
            line = sheet.rows[r - 1]
            for c in range(left, min(right, columns) + 1):
                line[c - 1] = value
    return sheet, problems


@dataclass
class PartScan:
    """What the streaming pass found in one XML part: its real extent, merged ranges."""

    last_row: int = 0  # the last row holding a value or a formula, or covered by a merged range
    last_column: int = 0  # likewise, the last column
    last_value_row: int = 0  # the last row holding a value or a formula
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # top, left, bottom, right


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # namespace, then the local name
# Elements openpyxl reads as plain rows, cells and strings (cheap); every other one becomes an object.
CHEAP = frozenset(MAIN + name for name in ("row", "c", "v", "f", "is", "t", "si", "r", "rPh"))
CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?\d+")
RANGE_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?")


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


class _Scanner:
    """One expat pass over every member, sharing one budget for the whole workbook.

    expat is driven directly, without building elements: it costs about a microsecond an
    element, so counting costs little next to openpyxl. A DOCTYPE is refused outright (Excel
    never writes one), which also rules out entity definitions and external references.
    """

    def __init__(self) -> None:
        self.work = 0
        self.text = 0
        self.merged_cells = 0

    def scan(self, data: zipfile.ZipExtFile) -> PartScan:
        part = PartScan()
        row = column = run = 0
        cell_row = cell_column = 0

        def start(name: str, attrs: dict[str, str]) -> None:
            nonlocal row, column, run, cell_row, cell_column
            run = 0
            self.work += 1 if name in CHEAP else OBJECT_WEIGHT
            if attrs:
                self.text += sum(map(len, attrs.values()))
            if self.work > MAX_XML_WORK or self.text > MAX_XML_TEXT:
                raise _Refused(TOO_MUCH_XML)
            if not name.startswith(MAIN):
                return
            local = name[len(MAIN) :]
            if local == "row":
                # Like openpyxl: the row's own number if it has one, else the next.
                number = _number(attrs.get("r"))
                row = number if number is not None else row + 1
                column = 0
            elif local == "c":
                match = CELL_REF.fullmatch(attrs.get("r", ""))
                column = _column(match.group(1)) if match else column + 1
                cell_row, cell_column = row, column
            elif local in ("v", "is", "f"):
                if cell_row > part.last_value_row:
                    part.last_value_row = cell_row
                    part.last_row = max(part.last_row, cell_row)
                if cell_column > part.last_column:
                    part.last_column = cell_column
            elif local == "mergeCell":
                self._merge(attrs.get("ref", ""), part)

        def characters(data: str) -> None:
            nonlocal run
            run += len(data)
            self.text += len(data)
            if run > MAX_TEXT_NODE or self.text > MAX_XML_TEXT:
                raise _Refused(TOO_MUCH_XML)

        def dangerous(*_: object) -> None:
            raise _Refused(DANGEROUS_XML)

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True  # one call per text node, not per chunk
        parser.StartElementHandler = start
        parser.CharacterDataHandler = characters
        parser.StartDoctypeDeclHandler = dangerous
        parser.EntityDeclHandler = dangerous
        parser.ExternalEntityRefHandler = dangerous
        try:
            parser.ParseFile(data)
        except expat.ExpatError:
            pass  # not XML (an image) or broken: openpyxl refuses it if it is a part it reads
        return part

    def _merge(self, ref: str, part: PartScan) -> None:
        match = RANGE_REF.fullmatch(ref)
        if not match:
            return  # openpyxl refuses a broken range itself
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
        part.merges.append((top, left, bottom, right))
        part.last_row = max(part.last_row, bottom)
        part.last_column = max(part.last_column, min(right, MAX_COLUMNS))


def _number(text: str | None) -> int | None:
    """Return a row number as openpyxl reads it ("7" or "7.0"), None if there is none."""
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() and abs(value) < 2**31 else None


def _scan_members(archive: zipfile.ZipFile) -> dict[str, PartScan]:
    """Return each member's scan, or refuse the workbook whose XML is dangerous or too big."""
    scanner = _Scanner()
    scans = {}
    try:
        for info in archive.infolist():
            with archive.open(info) as data:
                scans[info.filename] = scanner.scan(data)
    except _Refused as refused:
        raise ImportRefused([refused.problem]) from None
    except Exception as error:  # zipfile and zlib raise many kinds for a damaged member
        # A member whose data does not match the directory (CRC, size, method), encrypted or cut short.
        raise ImportRefused(
            [
                Problem(
                    "Excel ファイルが壊れています（zip として読めません）。",
                    "Excel で開けるか確かめ、保存し直してください。",
                )
            ]
        ) from error
    return scans


def _check_zip(content: bytes, *, is_macro_name: bool) -> zipfile.ZipFile:
    """Return the zip, refusing one that would expand too far, holds macros, or names paths outside itself."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ImportRefused(
            [
                Problem(
                    "Excel ファイルが壊れています（zip として読めません）。",
                    "Excel で開けるか確かめ、保存し直してください。",
                )
            ]
        ) from error
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(
            [
                Problem(
                    f"ファイル内の部品が多すぎます（{len(members)}個）。",
                    "通常の Excel で作成した表を使ってください。",
                )
            ]
        )
    declared = sum(m.file_size for m in members)
    compressed = max(1, sum(m.compress_size for m in members))
    if declared > MAX_UNCOMPRESSED_BYTES or declared / compressed > MAX_RATIO:
        raise ImportRefused(
            [
                Problem(
                    "展開すると極端に大きくなるファイルです（圧縮爆弾の疑い）。",
                    "通常の Excel で作成した表を使ってください。",
                )
            ]
        )
    names = [m.filename for m in members]
    if any(n.startswith(("/", "\\")) or ".." in n.replace("\\", "/").split("/") for n in names):
        raise ImportRefused(
            [Problem("ファイル内に不正なパスがあります。", "通常の Excel で作成した表を使ってください。")]
        )
    if is_macro_name or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ImportRefused(
            [
                Problem(
                    "マクロを含むブックは取り込めません。",
                    "「Excel ブック（*.xlsx）」形式（マクロなし）で保存し直してください。",
                )
            ]
        )
    if "xl/workbook.xml" not in names:
        raise ImportRefused(
            [
                Problem(
                    "Excel ブック（.xlsx）ではありません。",
                    "Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直してください。",
                )
            ]
        )
    return archive


def _read_csv(name: str, content: bytes) -> Sheet:
    for encoding in CSV_ENCODINGS:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ImportRefused(
            [
                Problem(
                    "文字コードが判別できません（UTF-8 でも Shift_JIS でもありません）。",
                    "Excel の「CSV UTF-8（コンマ区切り）」で保存し直してください。",
                )
            ]
        )
    if "\x00" in text:
        raise ImportRefused(
            [Problem("テキストの CSV ではありません。", "表を CSV 形式で保存したファイルを選んでください。")]
        )
    try:
        # newline="": the csv module reads line ends itself (a lone CR, as old Mac files have, included).
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportRefused(
            [
                Problem(
                    f"CSV として読めません（{error}）。",
                    "表計算ソフトで開き、CSV 形式で保存し直してください。",
                )
            ]
        ) from error
    if len(rows) > MAX_ROWS:
        raise ImportRefused(
            [Problem(f"行が多すぎます（{len(rows)}行）。", f"{MAX_ROWS}行以下に分けてください。")]
        )
    sheet = Sheet(name.rsplit("/", 1)[-1])
    sheet.rows = [[cell.strip() for cell in row[:MAX_COLUMNS]] for row in rows]
    return sheet


def _text(value: object) -> str:
    """Return a cell's value as the text the importers parse (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
