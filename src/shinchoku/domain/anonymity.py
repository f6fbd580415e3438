"""What an anonymised case summary must not contain: names, dates of birth, addresses, phones, schools.

Checks are patterns, so they flag what looks like an identifier and a person decides;
a name written without an honorific cannot be recognised and stays the writer's duty.
"""

import re
from dataclasses import dataclass

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "電話番号",
        re.compile(r"(?<!\d)0\d{1,4}[-‐ー－(（]\d{1,4}[-‐ー－)）]\d{3,4}(?!\d)|(?<!\d)0\d{9,10}(?!\d)"),
    ),
    (
        "生年月日",
        re.compile(r"生年月日|(?:\d{4}|(?:昭和|平成|令和)(?:\d{1,2}|元))年\d{1,2}月\d{1,2}日(?:生|生まれ)?"),
    ),
    (
        "住所",
        re.compile(r"〒\s*\d{3}[-ー－]?\d{4}|\d+丁目|\d+番地?\d*号?|[一-龥]+[市区町村][一-龥]+\d+[-ー－]\d+"),
    ),
    (
        "学校名",
        re.compile(
            r"(?<![一-龥ァ-ヶ])(?!市立|県立|公立|私立|国立|各)[一-龥ァ-ヶ]{2,}(?:小学校|中学校|高等学校|高校|中等教育学校|特別支援学校)"
        ),
    ),
    ("人名", re.compile(r"[一-龥]{2,4}(?:さん|くん|君|ちゃん|様|氏)(?![一-龥])|氏名")),
)


@dataclass(frozen=True)
class Flag:
    """Something in the text that looks like it identifies a person."""

    kind: str
    text: str
    start: int


def flags(text: str) -> list[Flag]:
    """Return what looks identifying in the text, in the order it appears."""
    found = [
        Flag(kind, match.group(0), match.start())
        for kind, pattern in _PATTERNS
        for match in pattern.finditer(text)
    ]
    return sorted(found, key=lambda f: f.start)
