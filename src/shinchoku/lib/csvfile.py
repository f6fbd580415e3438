"""CSV as a city's staff open it: UTF-8 with BOM (Excel reads it), CRLF, no cell that starts a formula."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from shinchoku.lib.cells import neutralise


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return the table as CSV bytes, each text cell neutralised against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
