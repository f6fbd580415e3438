"""Cell values that spreadsheets must not run: one rule for CSV and Excel alike."""

from typing import TypeVar

from shinchoku.domain.text import drop_controls

# A cell starting with one of these may be taken as a formula by Excel (CSV injection),
# the full-width forms included because Japanese Excel converts them on input.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0", "＝", "＋", "－", "＠")

T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """Return text that cannot start a formula (prefixed with '); numbers and other values as they are.

    A lone character (the grade 「－」) cannot compute anything and is kept as written. Control
    characters (an older import's 「\\x01」) are dropped first: openpyxl refuses them with an error.
    """
    if not isinstance(value, str):
        return value
    text = drop_controls(value)
    if len(text) > 1 and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
