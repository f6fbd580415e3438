"""The text a window is found by: as written, as read (hiragana), and as read in romaji.

「依存症」 is found by 「依存症」, 「いぞんしょう」, 「イゾンショウ」, 「izonshou」 and 「izonsho」.
The stored text has three parts, separated by a blank line: the name, the 分野 and 対象, and the
rest; the search ranks a word found in the name above one found in the labels or elsewhere.
"""

from collections.abc import Iterable

from shinchoku.domain.text import romaji_key, search_key
from shinchoku.lib.readings import reading, romaji

PART = "\n\n"


def search_text_of(texts: Iterable[str]) -> str:
    """Return texts as written, as read and in romaji, one line each."""
    written = " ".join(t for t in texts if t)
    read = reading(written)
    return "\n".join([search_key(written), search_key(read), romaji_key(romaji(read))])


def window_search_text(*, name: str, labels: Iterable[str], others: Iterable[str]) -> str:
    """Return a window's stored search text: its name, its 分野・対象 labels, and the rest."""
    return PART.join([search_text_of([name]), search_text_of(labels), search_text_of(others)])


def parts(search_text: str) -> tuple[str, str, str]:
    """Return the name, labels and rest parts of a stored search text."""
    name, _, rest = search_text.partition(PART)
    labels, _, others = rest.partition(PART)
    return name, labels, others
