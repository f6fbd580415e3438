"""Pictures of the layouts docs/import.md describes: each sheet rendered as a city's PC prints it.

LibreOffice (headless) prints the workbook built in code; `make screenshots` keeps the first page
as docs/screenshots/import-layout-*.png.
"""

import io
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from PIL import Image, ImageOps

COLUMN_WIDTHS = {"A": 7, "B": 26, "C": 26, "D": 26, "E": 18, "F": 26, "G": 9, "H": 12}


def printable(content: bytes) -> bytes:
    """Return the workbook laid out for printing: landscape, one page wide, wrapped cells."""
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        for column, width in COLUMN_WIDTHS.items():
            sheet.column_dimensions[column].width = width
        sheet.print_options.gridLines = True
        spans = {r.start_cell.coordinate: r for r in sheet.merged_cells.ranges}
        for row in sheet.iter_rows():
            filled = [cell for cell in row if cell.value is not None]
            lines = 1
            for cell in filled:
                if len(filled) == 1:  # a title or a section heading: it runs across, as printed
                    continue
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                span = spans.get(cell.coordinate)
                columns = range(span.min_col, span.max_col + 1) if span else [cell.column]
                width = sum(COLUMN_WIDTHS.get(get_column_letter(c), 10) for c in columns)
                lines = max(lines, _lines(str(cell.value), width))
            # openpyxl writes no row height and LibreOffice does not grow a row to its wrapped text.
            sheet.row_dimensions[row[0].row].height = 16 * lines
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _lines(text: str, width: float) -> int:
    """Return the lines a wrapped cell takes: a Japanese character is about two width units."""
    per_line = max(1, int(width / 2))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def render(content: bytes, folder: Path, name: str) -> tuple[Path, Path]:
    """Return the PDF LibreOffice prints of the workbook and the PNG of its first page."""
    source = folder / f"{name}.xlsx"
    source.write_bytes(printable(content))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            source,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / f"{name}.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile", pdf, folder / name],
        check=True,
        capture_output=True,
    )
    picture = folder / f"{name}.png"
    _crop(picture)
    return pdf, picture


def _crop(picture: Path, margin: int = 12) -> None:
    """Cut the page's empty paper away, so a small sheet is not a dot on an A4 page."""
    with Image.open(picture) as page:
        grey = page.convert("L")
        box = ImageOps.invert(grey).getbbox()
        if box is None:
            return
        left, top, right, bottom = box
        cropped = page.crop(
            (
                max(0, left - margin),
                max(0, top - margin),
                min(page.width, right + margin),
                min(page.height, bottom + margin),
            )
        )
    cropped.save(picture)
