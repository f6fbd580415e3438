"""A sheet read from an uploaded file as rows of text, and the limits every reader keeps."""

from dataclasses import dataclass, field

from shinchoku.lib.problems import Problem

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 1_000
MAX_ROWS = 20_000
MAX_COLUMNS = 60
# Cells covered by merged ranges, counted within MAX_ROWS × MAX_COLUMNS: a real table merges a
# title, headings and a program's rows (a few thousand cells); 「A1:BH20000」 alone is 1,200,000.
MAX_MERGED_CELLS = 100_000
# Elements of all parts read together: expat and the handlers below take a few microseconds each,
# so even a file made of nothing else is read or refused within a few seconds. A 20,000-row table
# of five columns has 130,000 to 320,000 (numbers take two elements a cell, inline strings three).
MAX_XML_ELEMENTS = 400_000
# Characters of text and attribute values in all XML parts together (Python holds each one in up
# to 4 bytes), and in one text node (Excel's own limit for a cell).
MAX_XML_TEXT = 10_000_000
MAX_TEXT_NODE = 32_767


@dataclass
class Sheet:
    """A sheet as rows of text; merged cells carry their value into every cell they cover."""

    name: str
    rows: list[list[str]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)  # 1-based rows hidden in Excel (row hidden="1")
    hidden: bool = False  # the sheet itself is hidden (sheet state="hidden" or "veryHidden")
    formulas: list[Problem] = field(default_factory=list)  # a formula cell refuses the sheet once it is read

    def cell(self, row: int, column: int) -> str:
        """Return the text at 1-based row and column, "" outside the sheet."""
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return ""


def cell_text(value: object) -> str:
    """Return a cell's value as the text the importers parse (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
