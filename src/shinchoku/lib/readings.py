"""Readings of Japanese text, so that a search by sound finds a word written in kanji.

A citizen types 「いぞんしょう」, 「イゾンショウ」 or 「izonshou」 for 依存症. The readings come from
SudachiPy with its core dictionary: measured on the directory's own words it read every one
right, where pykakasi (dictionary-free guessing per character) gave 保護司 as ほごつかさ,
出所者 as しゅっしょもの, 保護観察所 as ほごかんさつところ and 家族等 as かぞくひとし
(docs/directory.md). pykakasi is used only to spell a kana reading in Hepburn romaji, which is
a fixed table with no guessing.
"""

import re
import threading
from functools import lru_cache
from typing import Any

_lock = threading.Lock()
_state: dict[str, Any] = {}


def _tokenizer() -> Any:
    """Load the dictionary once per process (under a second, about 90 MB), on first use only."""
    with _lock:
        if "tokenizer" not in _state:
            from sudachipy import Dictionary, SplitMode

            # Only the readings are loaded (the dictionary subset), which keeps the memory down.
            _state["tokenizer"] = Dictionary(dict="core").tokenizer(SplitMode.C, fields={"reading_form"})
        return _state["tokenizer"]


def _kakasi() -> Any:
    with _lock:
        if "kakasi" not in _state:
            import pykakasi

            _state["kakasi"] = pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi is untyped
        return _state["kakasi"]


def _hiragana(katakana: str) -> str:
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in katakana)


@lru_cache(maxsize=4096)
def reading(text: str) -> str:
    """Return the text read aloud, in hiragana: 「薬物依存症の家族教室」 → 「やくぶついぞんしょうのかぞくきょうしつ」.

    Words the dictionary does not know keep their spelling.
    """
    if not text.strip():
        return ""
    morphemes = _tokenizer().tokenize(text)
    return "".join(
        _hiragana(m.reading_form()) if m.reading_form() and m.reading_form() != "キゴウ" else m.surface()
        for m in morphemes
    )


_KANA_RUN = re.compile(r"[ぁ-ゖァ-ヺー]{1,40}")  # pieces of 40: pykakasi slows down more than linearly


def romaji(kana: str) -> str:
    """Return hiragana or katakana in Hepburn romaji, lower case: 「いぞんしょう」 → 「izonshou」.

    Each run of kana is spelled on its own (and remembered), so a long text costs no more than its
    words; what is not kana is kept as it is.
    """
    return _KANA_RUN.sub(lambda match: _romaji_run(match.group(0)), kana)


@lru_cache(maxsize=8192)
def _romaji_run(kana: str) -> str:
    return "".join(part["hepburn"] for part in _kakasi().convert(kana)).lower()
