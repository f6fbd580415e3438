"""Read an uploaded workbook or CSV into plain rows of text, refusing hostile files first.

Checks happen before any parser sees the content: the size, the kind of file
(by its bytes, not its name), the zip directory (declared sizes, compression
ratio, member count, macros, paths). Then one streaming expat pass reads each
part the cells need (workbook, relationships, styles, shared strings, sheets)
under one budget of elements, text and merged cells, with no DTD or entity
allowed. Whatever the XML declares (a dimension, merged ranges, row numbers),
the work is bounded by what is actually there and by that budget, so any upload
of at most MAX_FILE_BYTES is read or refused within seconds and bounded memory.
"""

import csv
import io
import zipfile

import openpyxl

from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.sheets import (
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    Sheet,
)
from shinchoku.lib.sheets import cell_text as _text  # noqa: F401  (the cell reading the tests compare)
from shinchoku.lib.xlsx_reading import read_workbook

__all__ = ["MAX_FILE_BYTES", "Sheet", "read_file"]

CSV_ENCODINGS = ("utf-8-sig", "cp932")

if not openpyxl.DEFUSEDXML:  # pragma: no cover - the dependency is pinned
    raise RuntimeError("defusedxml is required: without it openpyxl expands XML entities")


def read_file(name: str, content: bytes, *, formulas_checked_by_caller: bool = False) -> list[Sheet]:
    """Return the sheets of an .xlsx or .csv file, or raise ImportRefused saying why not.

    A formula cell refuses the file (only values are imported), unless formulas_checked_by_caller:
    then each sheet keeps its formulas (Sheet.formulas) and the caller refuses the sheets it reads.
    """
    sheets = _read_file(name, content)
    formulas = [problem for sheet in sheets for problem in sheet.formulas]
    if formulas and not formulas_checked_by_caller:
        raise ImportRefused(formulas)
    return sheets


def _read_file(name: str, content: bytes) -> list[Sheet]:
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
    archive = _check_zip(content, is_macro_name=is_macro_name)
    try:
        return read_workbook(archive)
    except ImportRefused:
        raise
    except Exception as error:  # expat, zipfile, zlib and broken values raise many kinds
        raise ImportRefused(
            [
                Problem(
                    f"Excel ファイルとして読めません（{type(error).__name__}）。",
                    "Excel で開けるか確かめ、「Excel ブック（*.xlsx）」形式で保存し直してください。",
                )
            ]
        ) from error


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
