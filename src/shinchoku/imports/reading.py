"""Read an uploaded workbook or CSV into plain rows of text, refusing hostile files first.

Checks happen before any parser sees the content: the size, the kind of file
(by its bytes, not its name), the zip directory (declared sizes, compression
ratio, macros, paths), and only then openpyxl, which parses XML safely because
defusedxml is installed. Rows and columns are capped, so a forged sheet
dimension cannot make the reader loop over a million empty rows.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

import openpyxl
from defusedxml.common import DefusedXmlException
from openpyxl.utils import get_column_letter

from shinchoku.imports.problems import ImportRefused, Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 20_000
MAX_COLUMNS = 60
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


def _read_xlsx(content: bytes, *, is_macro_name: bool) -> list[Sheet]:
    _check_zip(content, is_macro_name=is_macro_name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        if isinstance(error, DefusedXmlException) or isinstance(error.__context__, DefusedXmlException):
            raise ImportRefused(
                [
                    Problem(
                        "危険な XML（実体の定義・展開）を含むため読めません。",
                        "Excel で開き、「Excel ブック（*.xlsx）」形式で保存し直したファイルを使ってください。",
                    )
                ]
            ) from error
        raise ImportRefused(
            [
                Problem(
                    f"Excel ファイルとして読めません（{type(error).__name__}）。",
                    "Excel で開けるか確かめ、「Excel ブック（*.xlsx）」形式で保存し直してください。",
                )
            ]
        ) from error
    sheets, problems = [], []
    for worksheet in workbook.worksheets:
        sheet = Sheet(worksheet.title)
        rows = min(worksheet.max_row, MAX_ROWS)
        columns = min(worksheet.max_column, MAX_COLUMNS)
        if worksheet.max_row > MAX_ROWS:
            problems.append(
                Problem(
                    f"行が多すぎます（{worksheet.max_row}行）。",
                    f"{MAX_ROWS}行以下に分けてください。",
                    sheet=worksheet.title,
                )
            )
        merged = {}
        for merged_range in worksheet.merged_cells.ranges:
            top_left = worksheet.cell(merged_range.min_row, merged_range.min_col).value
            for r in range(merged_range.min_row, min(merged_range.max_row, rows) + 1):
                for c in range(merged_range.min_col, min(merged_range.max_col, columns) + 1):
                    merged[(r, c)] = top_left
        for r, row in enumerate(worksheet.iter_rows(min_row=1, max_row=rows, max_col=columns), start=1):
            texts = []
            for c, cell in enumerate(row, start=1):
                value = merged.get((r, c), cell.value)
                if cell.data_type == "f":
                    problems.append(
                        Problem(
                            "数式が入っています。取り込むのは値だけです。",
                            "数式のセルをコピーし、「値として貼り付け」てから保存してください。",
                            sheet=worksheet.title,
                            row=r,
                            column=get_column_letter(c),
                            value=str(value),
                        )
                    )
                    texts.append("")
                    continue
                texts.append(_text(value))
            sheet.rows.append(texts)
        sheets.append(sheet)
    if problems:
        raise ImportRefused(problems)
    return sheets


def _check_zip(content: bytes, *, is_macro_name: bool) -> None:
    """Refuse a zip that would expand too far, holds macros, or names paths outside itself."""
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
