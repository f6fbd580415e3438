"""What an anonymised case summary must not contain: names, dates of birth, addresses, phones, schools.

Checks are patterns, so they flag what looks like an identifier and a person decides;
a name written without an honorific cannot be recognised and stays the writer's duty.

People write the same identifier in many ways: ０４８, 048, 〇四八 and ﾔﾏﾀﾞ, ヤマダ. Every pattern
therefore reads a normalised copy of the text (NFKC: full- and half-width forms folded, ① → 1),
and the patterns about numbers read a copy with kanji numerals as digits too (六丁目 → 6丁目,
平成十七年 → 平成17年). Names are matched without that step, since 二郎 is a name and not 2郎.
Each copy keeps, for every character, where it came from, so a flag quotes the original text.
"""

import re
import unicodedata
from dataclasses import dataclass

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMBER = re.compile(f"[{''.join(_KANJI_DIGITS)}{''.join(_KANJI_UNITS)}]+")

# Separators people put between the parts of a phone number, after NFKC (which folds －, （ and ･).
_PHONE_SEPARATOR = r"\s*[-‐‑–—―−ー・.()/]\s*|\s+"

# (kind, pattern, whether it reads kanji numerals as digits)
_PATTERNS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "電話番号",
        re.compile(
            rf"(?<!\d)0\d{{1,4}}(?:{_PHONE_SEPARATOR})\d{{1,4}}(?:{_PHONE_SEPARATOR})\d{{3,4}}(?!\d)"
            r"|(?<!\d)0\d{9,10}(?!\d)"
            # 四八二九一一一一: a local number written without its area code (insider attack)
            r"|(?<!\d)\d{8}(?!\d)"
        ),
        True,
    ),
    (
        "生年月日",
        re.compile(
            r"生年月日|誕生日"
            r"|(?:\d{4}|(?:明治|大正|昭和|平成|令和)\s*(?:\d{1,2}|元))\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:生|生まれ)?"
            # 2005/4/1, 2005.4.1, 2005-04-01, H17.4.1, R3/4/1
            r"|(?<![\d.])(?:\d{4}|[MTSHRmtshr]\d{1,2})([/.\-])\d{1,2}\1\d{1,2}(?![\d.])"
        ),
        True,
    ),
    (
        "住所",
        re.compile(
            r"〒\s*\d{3}[-ー‐−]?\d{4}|\d+\s*丁目|\d+\s*番地(?:\s*\d+\s*号?)?|\d+\s*番\s*\d+\s*号?"
            r"|[一-龥]+[市区町村][一-龥]+\d+[-ー‐−]\d+"
            # 常盤6-4-4, 常盤六－四－四: a town's 丁目-番-号 without the words (insider attack)
            r"|[一-龥]+\d{1,2}[-ー‐−]\d{1,4}[-ー‐−]\d{1,4}(?!\d)"
        ),
        True,
    ),
    # 1番 alone is an address only when written in digits: 一番 is the word "most".
    ("住所", re.compile(r"\d+番(?![目手線地\d])"), False),
    (
        "学校名",
        re.compile(
            r"(?<![一-龥ァ-ヶ])(?!市立|県立|公立|私立|国立|各)[一-龥ァ-ヶ]{2,}(?:小学校|中学校|高等学校|高校|中等教育学校|特別支援学校)"
        ),
        False,
    ),
    (
        "人名",
        re.compile(
            r"[一-龥]{2,4}(?:さん|くん|君|ちゃん|様|氏)(?![一-龥])|氏名"
            r"|(?<![ァ-ヶー])[ァ-ヶ][ァ-ヶー]{1,7}(?:さん|くん|ちゃん|様|氏)"
            # ヤマダ タロウ: two katakana words with a space between, as names are written in 振り仮名
            r"|(?<![ァ-ヶー])[ァ-ヶ][ァ-ヶー]{1,7}[ \u3000][ァ-ヶ][ァ-ヶー]{1,7}(?![ァ-ヶー])"
        ),
        False,
    ),
)


@dataclass(frozen=True)
class Flag:
    """Something in the text that looks like it identifies a person."""

    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class _Copy:
    """A normalised copy of a text and, for each of its characters, the span of the original it came from."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.spans[start][0], self.spans[end - 1][1]


# Half-width voiced marks (ﾀﾞ) and combining marks belong to the character before them.
_MARKS = re.compile("(?s).[\uff9e\uff9f\u3099\u309a\u0300-\u036f]*")


def _folded(text: str) -> _Copy:
    """Return the text with full- and half-width forms folded (NFKC), a character and its marks at a time."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _MARKS.finditer(text):
        folded = unicodedata.normalize("NFKC", match.group(0))
        pieces.append(folded)
        spans.extend([(match.start(), match.end())] * len(folded))
    return _Copy("".join(pieces), tuple(spans))


def kanji_number(numerals: str) -> str:
    """Return kanji numerals as digits: 〇四八 → 048 (digit by digit), 二十三 → 23, 千九百八十五 → 1985."""
    if not any(char in _KANJI_UNITS for char in numerals):
        return "".join(str(_KANJI_DIGITS[char]) for char in numerals)
    total, pending = 0, -1
    for char in numerals:
        if char in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[char]
            pending = digit if pending < 0 else pending * 10 + digit
        else:
            total += (pending if pending >= 0 else 1) * _KANJI_UNITS[char]
            pending = -1
    return str(total + max(pending, 0))


def _with_digits(copy: _Copy) -> _Copy:
    """Return the copy with every run of kanji numerals written as digits."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _KANJI_NUMBER.finditer(copy.text):
        pieces.append(copy.text[position : match.start()])
        spans.extend(copy.spans[position : match.start()])
        digits = kanji_number(match.group(0))
        pieces.append(digits)
        spans.extend([copy.original_span(match.start(), match.end())] * len(digits))
        position = match.end()
    pieces.append(copy.text[position:])
    spans.extend(copy.spans[position:])
    return _Copy("".join(pieces), tuple(spans))


def flags(text: str) -> list[Flag]:
    """Return what looks identifying in the text, in the order it appears (quoted from the text itself)."""
    folded = _folded(text)
    copies = {False: folded, True: _with_digits(folded)}
    found: dict[tuple[str, int, int], Flag] = {}
    for kind, pattern, reads_numerals in _PATTERNS:
        copy = copies[reads_numerals]
        for match in pattern.finditer(copy.text):
            if match.end() == match.start():
                continue
            start, end = copy.original_span(match.start(), match.end())
            found.setdefault((kind, start, end), Flag(kind, text[start:end], start))
    return sorted(found.values(), key=lambda f: (f.start, f.kind))


def flags_in_fields(fields: dict[str, str]) -> list[tuple[str, Flag]]:
    """Return (field name, flag) for what looks identifying in any of the texts, field by field."""
    return [(name, flag) for name, text in fields.items() for flag in flags(text)]
