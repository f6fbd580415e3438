"""Marks cities write in a table's cells beside a value or instead of it: ※ notes and 「同上」.

A grade cell 「Ｂ ※」, 「A※1」 or 「Ｂ（※1）」 is the grade with a mark pointing to a footnote under
the table (the seed's 「※1事業に２つの所管課に関わり、…達成度は「Ｂ」としています。」); a title cell
「同上」, 「〃」 or 「同」 says "as the row above".
"""

import re

from shinchoku.domain.text import fold_width, squeeze_spaces

_MARK = r"[※＊*]\s*[0-9０-９]*"
# 「Ｂ ※」「A※」「Ａ※１」「Ｂ（※1）」「B (※)」, and the mark before the value: 「※Ｂ」「※1 Ａ」
_NOTE_MARK = re.compile(
    rf"^(?:(?P<before>{_MARK})(?![0-9０-９])\s*(?P<value_after>\S.*?)"
    rf"|(?P<value>.*?\S)\s*(?P<after>{_MARK}|[（(]\s*{_MARK}\s*[）)]))$",
    re.DOTALL,
)

# 「※」「※1」「（※1）」: a cell that is only a mark, no value beside it
_ONLY_MARK = re.compile(rf"^(?:{_MARK}|[（(]\s*{_MARK}\s*[）)])$")

# What a title cell says for "the same as the row above" (any width, spaces inside ignored).
DITTO_WORDS = ("同上", "〃", "同")


def split_note_mark(text: str) -> tuple[str, str]:
    """Return a cell's value without the note mark beside it, and the mark as written ("" when none).

    「Ｂ ※」 → (「Ｂ」, 「※」); 「Ｂ（※1）」 → (「Ｂ」, 「（※1）」); a cell that is only a mark keeps it:
    「※」 → (「※」, "").
    """
    stripped = text.strip()
    match = _NOTE_MARK.match(stripped)
    if match is None:
        return stripped, ""
    if match.group("before") is not None:
        return match.group("value_after").strip(), match.group("before")
    return match.group("value").strip(), match.group("after")


def only_a_mark(text: str) -> bool:
    """Return whether a cell holds a note mark and nothing else (「※」, 「※1」, 「（※1）」): it names no value."""
    return bool(_ONLY_MARK.match(text.strip()))


def means_ditto(text: str) -> bool:
    """Return whether a cell says 「同上」 ("as the row above": 同上, 〃, 同; any width or spacing)."""
    return squeeze_spaces(fold_width(text)) in DITTO_WORDS
