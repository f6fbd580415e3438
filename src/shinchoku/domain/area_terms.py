"""What a plan's areas are called in print: さいたま市's 「重点項目」, or the term its area labels carry.

The model keeps no name for the plan's top level. さいたま市 numbers its areas 1–5 and calls them
重点項目; a city whose area labels already name their level (「施策課題1」) is printed with that
term, and such a label is never prefixed again (no 「重点項目施策課題1」).
"""

import re
from collections.abc import Iterable

DEFAULT_TERM = "重点項目"
_LEADING_TERM = re.compile(r"^([^\d０-９()（）\s]+?)\s*[\d０-９一二三四五六七八九十]+$")


def _term_of(label: str) -> str | None:
    found = _LEADING_TERM.match(label.strip())
    return found.group(1) if found else None


def area_term(labels: Iterable[str]) -> str:
    """Return the areas' common term: the word every area label starts with, else 「重点項目」.

    >>> area_term(["施策課題1", "施策課題2"]), area_term(["1", "2"])
    ('施策課題', '重点項目')
    """
    terms = {_term_of(label) for label in labels}
    if len(terms) == 1:
        (term,) = terms
        return term or DEFAULT_TERM
    return DEFAULT_TERM


def area_name(label: str) -> str:
    """Return an area as named in running text: 「重点項目1」, or the label itself when it names its level.

    >>> area_name("1"), area_name("施策課題1")
    ('重点項目1', '施策課題1')
    """
    return label if _term_of(label) else f"{DEFAULT_TERM}{label}"
