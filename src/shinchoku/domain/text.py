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
