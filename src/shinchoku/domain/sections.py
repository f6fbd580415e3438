"""Section headings of a plan's table (「第1章」「基本目標１」「（１）」「①」「Ⅰ」「ア」「1-(1)-①」…) and their levels.

Cities number the levels of their plans in many styles, and no two plans use the same
ones in the same order. A heading is read here as a style (which numbering it uses) and
a number within that style; the level of a style is the order in which the plan's
styles first appear, as a reader of the sheet would see it: the first style met is the
top level, a style not met before is one level below the heading above it, and a style
met before returns to its level. Printed paths (「1(1)①」「1-1」「1-(1)-①」) carry their
level in themselves.
"""

import re
from dataclasses import dataclass

from shinchoku.domain.text import DASHES, fold_ascii

_KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# ア, イ, ウ… in the 五十音 order Japanese documents count in.
KATAKANA_ORDER = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DIGITS = r"(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})"
_SEPARATOR = r"(?:[ .、:：]+|$)"
# A trailing count of programs, as the seed prints them: 「（７事業）」「…14事業」.
_COUNT_SUFFIX = re.compile(r"\s*(?:\(\s*\d+\s*事業\s*\)|…+\s*\d+\s*事業)\s*$")
_HYPHENS = "".join(sorted(DASHES - {"ー", "ｰ"}))  # ー is a katakana vowel mark in titles

_STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 「1(1)①」「１（２）」: a printed path
    ("path", re.compile(r"^(?P<path>\d{1,2}(?:\(\d{1,2}\)[①-⑳]?|[①-⑳]))(?=[^\d]|$) *(?P<title>.*)$")),
    # 「1-1」「1-(1)-①」「1－2－3」
    (
        "hyphen-path",
        re.compile(
            rf"^(?P<path>\d{{1,2}}(?:[{_HYPHENS}](?:\d{{1,2}}|\(\d{{1,2}}\)|[①-⑳]))+)(?=[^\d]|$) *(?P<title>.*)$"
        ),
    ),
    ("chapter", re.compile(rf"^第(?P<n>{_DIGITS})(?P<unit>[章節款項部編])(?:[ .、:：]*)(?P<title>.*)$")),
    ("bracket", re.compile(r"^【(?P<n>\d{1,2})】 *(?P<title>.*)$")),
    ("paren-digit", re.compile(r"^\((?P<n>\d{1,2})\) *(?P<title>.*)$")),
    ("paren-katakana", re.compile(rf"^\((?P<n>[{KATAKANA_ORDER}])\) *(?P<title>.*)$")),
    ("circled", re.compile(rf"^(?P<n>[{_CIRCLED}]) *(?P<title>.*)$")),
    ("roman", re.compile(rf"^(?P<n>[{_ROMAN}])(?:[ .、:：]*)(?P<title>.*)$")),
    ("katakana", re.compile(rf"^(?P<n>[{KATAKANA_ORDER}])(?:[ .、:：]+|$)(?P<title>.*)$")),
    # 「基本目標１」「重点課題２」「施策の方向３」「基本方針 1」: a word that names the level
    (
        "named",
        re.compile(rf"^(?P<word>[一-龥々ぁ-んァ-ヶ]{{2,8}}?) ?(?P<n>{_DIGITS}){_SEPARATOR}(?P<title>.*)$"),
    ),
    ("digit", re.compile(r"^(?P<n>\d{1,2})(?:[ .、]+)(?P<title>[^\d].*)$")),
)
# A program number written as a branch of the tree: 「1-2-3」「1-(2)-3」「3-1-2-05」; the last part,
# a number, is the program (a circled ① there is a level of the tree, never a program).
_PROGRAM_CODE = re.compile(r"^\d{1,3}(?:-(?:\d{1,3}|\(\d{1,3}\)))*-\d{1,3}$")
# Words that start a sentence or a note rather than name a level (「令和3年度…」「平成30年」).
_NOT_LEVEL_WORDS = ("令和", "平成", "昭和", "事業番号", "事業", "番号", "合計", "計", "全")


@dataclass(frozen=True)
class Heading:
    """A section heading read from a row: its style, its numbers within the style, label and title."""

    style: str  # "digit", "paren-digit", "circled", "chapter:章", "named:基本目標", "path"…
    numbers: tuple[int, ...]  # one number, or a printed path's numbers (1(1)① → 1, 1, 1)
    labels: tuple[str, ...]  # as each level is printed: ("1", "(1)", "①"), ("第1章",), ("1", "-1")
    title: str

    @property
    def is_path(self) -> bool:
        """Return whether the heading prints its whole path, so its level is its length."""
        return len(self.numbers) > 1


def _number(text: str) -> int:
    if text.isdigit() and text.isascii():
        return int(text)
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text in _ROMAN:
        return _ROMAN.index(text) + 1
    if text in KATAKANA_ORDER:
        return KATAKANA_ORDER.index(text) + 1
    # 一, 十二, 二十: kanji numerals up to 99
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (_KANJI_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _KANJI_DIGITS[ch]
    return value


def _path_parts(path: str) -> list[str]:
    """Split a printed path (1(1)①) into its levels' labels (1, (1), ①)."""
    parts, rest = [], path
    while rest:
        if rest[0] == "(":
            end = rest.index(")") + 1
            parts.append(rest[:end])
            rest = rest[end:]
        elif rest[0] in "0123456789":  # not isdigit(): that is True for ① too
            digits = len(rest) - len(rest.lstrip("0123456789"))
            parts.append(rest[:digits])
            rest = rest[digits:]
        else:
            parts.append(rest[0])
            rest = rest[1:]
    return parts


def _part_number(part: str) -> int:
    return _number(part.strip("()-"))


def clean_title(title: str) -> str:
    """Return a heading's title without the count of programs the seed prints after it."""
    return _COUNT_SUFFIX.sub("", title).strip()


def parse_heading(text: str) -> Heading | None:
    """Return the heading a row's only text names, or None when it is not a numbered heading.

    「１　就労…」, 「（１）就労の確保等」, 「①就職…」, 「第1章 環境・アメニティ」, 「基本目標１」,
    「重点課題２」, 「Ⅰ」, 「ア」, 「（ア）」, 「1-1」, 「1-(1)-①」, 「【1】」, 「1(1)① …」; full- or
    half-width, with or without a title (a bare 「1」 is a number, not a heading).
    """
    folded = re.sub(r"\s+", " ", fold_ascii(text)).strip()
    if not folded:
        return None
    for style, pattern in _STYLES:
        match = pattern.match(folded)
        if match is None:
            continue
        title = clean_title(match.group("title"))
        if style == "path":
            parts = _path_parts(match.group("path"))
            return Heading("path", tuple(_part_number(p) for p in parts), tuple(parts), title)
        if style == "hyphen-path":
            parts = re.split(f"[{_HYPHENS}]", match.group("path"))
            labels = (parts[0], *(f"-{p}" for p in parts[1:]))
            return Heading("path", tuple(_part_number(p) for p in parts), labels, title)
        n = match.group("n")
        if style == "chapter":
            label = f"第{_number(n)}{match.group('unit')}"
            return Heading(f"chapter:{match.group('unit')}", (_number(n),), (label,), title)
        if style == "named":
            word = match.group("word")
            if word.startswith(_NOT_LEVEL_WORDS):
                continue
            return Heading(f"named:{word}", (_number(n),), (f"{word}{_number(n)}",), title)
        label = {"bracket": f"【{n}】", "paren-digit": f"({n})", "paren-katakana": f"({n})"}.get(style, n)
        return Heading(style, (_number(n),), (label,), title)
    return None


def program_code(text: str) -> str | None:
    """Return a program number written as a branch (「1-2-3」「１－２－３」「1-(2)-3」) as 「1-2-3」, or None.

    Any dash or minus counts as the hyphen, widths and spaces do not matter; the parts before the
    last name the sections above the program. Whether a row holding one is a program or a heading
    is decided by the row's shape (imports/table.py), not here.
    """
    folded = "".join("-" if ch in DASHES else ch for ch in fold_ascii(text) if not ch.isspace())
    return folded if _PROGRAM_CODE.match(folded) else None


def _component_style(label: str) -> str:
    if label.startswith("-"):
        return "hyphen"
    if label.startswith("("):
        return "paren-digit"
    return "circled" if label in _CIRCLED else "digit"


class Outline:
    """The levels of a plan's headings, learnt from the order in which their styles appear."""

    def __init__(self) -> None:
        self.levels: dict[str, int] = {}  # each style's level (1 = top), as first met
        self.current: list[Heading] = []  # the headings above the next row, top first

    def place(self, heading: Heading) -> int | None:
        """Return the level (1 = top) of the heading and make it current; None when its parent is missing.

        A style met before returns to its level, unless that would skip a level (「２」 then
        「①」 with no 「（１）」 between: ① is then directly below 2); a new style goes one level
        below the current heading. A printed path's level is its length, and the headings above
        must carry its leading numbers.
        """
        if heading.is_path:
            depth = len(heading.numbers)
            above = self.current[: depth - 1]
            if len(above) < depth - 1 or any(
                h.numbers[-1] != n for h, n in zip(above, heading.numbers[:-1], strict=False)
            ):
                return None
            for level, label in enumerate(heading.labels, start=1):
                self.levels.setdefault(_component_style(label), level)
            self.current = [*above, heading]
            return depth
        known = self.levels.get(heading.style)
        placed = [h.style for h in self.current]
        if heading.style in placed:  # a sibling of the heading of its style above (「３」「①」 then 「②」)
            depth = placed.index(heading.style) + 1
        elif known is None:
            depth = len(self.current) + 1
            self.levels[heading.style] = depth
        else:
            depth = min(known, len(self.current) + 1)
        self.current = [*self.current[: depth - 1], heading]
        return depth
