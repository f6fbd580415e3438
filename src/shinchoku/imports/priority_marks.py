"""How a cell of a plan sheet's 重点 column marks a priority program (川崎市's 「うち重点」)."""

from shinchoku.domain.text import fold_ascii, squeeze_spaces
from shinchoku.imports.synonyms import PRIORITY_MARKS


def priority_mark(text: str) -> bool:
    """Return whether the cell marks the program 重点: ○, 〇, ◎, ●, 重点; blank or anything else does not."""
    return squeeze_spaces(fold_ascii(text)) in PRIORITY_MARKS
