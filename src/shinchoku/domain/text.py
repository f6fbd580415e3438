"""Text normalisation shared by every parser of the domain core."""

import unicodedata

# Characters that the city's documents use interchangeably as a dash or a minus sign.
# NFKC folds the full-width hyphen-minus (－, U+FF0D) but not these, so they are listed.
DASHES = frozenset("-－―ー‐‑‒–—ｰ−─━")


def fold_width(text: str) -> str:
    """Return text with full-width letters, digits and signs folded to half width (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def squeeze_spaces(text: str) -> str:
    """Return text without any kind of space, including the ideographic space (U+3000)."""
    return "".join(ch for ch in text if not ch.isspace())


_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_ascii(text: str) -> str:
    """Return text with full-width ASCII (１, （, Ａ) and the ideographic space folded, ① kept.

    NFKC would also turn ① into 1, which is a different level of a plan's tree.
    """
    return text.translate(_FULL_WIDTH_ASCII)


def search_key(text: str) -> str:
    """Return text as the directory's search compares it: width folded, katakana as hiragana, lower case.

    「ワークステーション」, 「わーくすてーしょん」 and 「ﾜｰｸｽﾃｰｼｮﾝ」 all give the same key.
    """
    folded = fold_width(text).lower()
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in folded)


_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i"), ("ee", "e"))


def romaji_key(text: str) -> str:
    """Return romaji with long vowels written short, as people type them: 「soudan」 and 「sodan」 → 「sodan」.

    Applied to the stored reading and to the typed word alike, so either spelling finds the other.
    """
    key = text.lower()
    for long, short in _LONG_VOWELS:
        key = key.replace(long, short)
    return key


def is_romaji(text: str) -> bool:
    """Return whether text is a word of Latin letters only (what a romaji search looks like)."""
    return bool(text) and text.isascii() and text.isalpha()


# C0 controls other than tab, line feed and carriage return, DEL, the C1 controls, and the two
# Unicode non-characters XML refuses: invisible, meaningless in a document, and what breaks
# openpyxl (IllegalCharacterError), WeasyPrint's text layer and PowerPoint (「_x0001_」).
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)))
CONTROL_CHARACTERS = frozenset(_CONTROLS + "\ufffe\uffff")
_DROP_CONTROLS = dict.fromkeys(map(ord, CONTROL_CHARACTERS))


def has_controls(text: str) -> bool:
    """Return whether text holds a character that drop_controls removes."""
    return not CONTROL_CHARACTERS.isdisjoint(text)


def drop_controls(text: str) -> str:
    """Return text without control characters, tab, line feed and carriage return kept.

    「a\\x01\\x1b[31mb」 → 「a[31mb」: the escape character goes, the letters it introduced stay.
    """
    return text.translate(_DROP_CONTROLS) if has_controls(text) else text
