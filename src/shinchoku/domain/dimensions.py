"""Further graded dimensions beside 達成度 (川崎市: 事業の妥当性, 有効性・効率性・経済性, 3年間の状況).

A plan grades each entry on 達成度 (its final grade, on the plan's scale) and, optionally, on
further dimensions, each with a scale of its own: ``Plan.dimensions`` holds them as plain data,
``[{"key": "validity", "name": "事業の妥当性", "scale": GradeScale.to_dict()}]``, and each entry's
grades are ``{key: label}``. A scale lists its labels best first, so "1 is best" (達成度) and
"5 is best" (妥当性: 5 優る … 1 劣る) are both just an order of labels.
"""

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from shinchoku.domain.errors import DomainError, GradeError
from shinchoku.domain.grades import Grade, GradeScale

# A key is what a plan stores grades under and a column or field is named by: short, ASCII, stable.
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
NAME_MAX = 60


class DimensionError(DomainError):
    """A plan's dimensions, or a grade on one, that cannot be used; the message is Japanese."""


@dataclass(frozen=True)
class Dimension:
    """One further dimension an entry is graded on: 事業の妥当性 on 5 優る … 1 劣る."""

    key: str
    name: str
    scale: GradeScale

    def __post_init__(self) -> None:
        if not KEY_PATTERN.match(self.key):
            raise DimensionError(
                f"評価の観点のキー「{self.key}」は、英小文字で始まる30文字以内の英小文字・数字・_ にしてください"
                "（例: validity）。"
            )
        if not self.name.strip() or len(self.name) > NAME_MAX:
            raise DimensionError(f"評価の観点の名前は1〜{NAME_MAX}文字で入力してください。")

    def parse(self, text: str) -> Grade:
        """Return the grade written in text on this dimension's scale, in any of its spellings."""
        try:
            return self.scale.parse(text)
        except GradeError as error:
            allowed = "、".join(self.scale.labels)
            raise DimensionError(
                f"{self.name}「{text}」はこの観点の評価尺度にありません。{allowed} のいずれかを選んでください。"
            ) from error

    def to_dict(self) -> dict[str, Any]:
        """Return the dimension as plain data, the form a plan stores it in."""
        return {"key": self.key, "name": self.name, "scale": self.scale.to_dict()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Dimension":
        """Return the dimension stored as plain data by to_dict."""
        try:
            return cls(
                key=str(data["key"]), name=str(data["name"]), scale=GradeScale.from_dict(data["scale"])
            )
        except (KeyError, TypeError) as error:
            raise DimensionError(f"評価の観点の定義が読めません: {error}") from error


def parse_dimensions(data: object) -> tuple[Dimension, ...]:
    """Return a plan's dimensions from its stored list, refusing repeated keys or names."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise DimensionError("評価の観点の定義は一覧（リスト）にしてください。")
    dimensions = []
    for item in data:
        if not isinstance(item, Mapping):
            raise DimensionError("評価の観点の定義が読めません。")
        dimensions.append(Dimension.from_dict(item))
    check_unique(dimensions)
    return tuple(dimensions)


def check_unique(dimensions: Sequence[Dimension]) -> None:
    """Refuse two dimensions with one key or one name (a column and a table must name one of them)."""
    keys = [d.key for d in dimensions]
    names = [_name_key(d.name) for d in dimensions]
    if len(set(keys)) != len(keys):
        raise DimensionError("評価の観点のキーが重複しています。観点ごとに別のキーにしてください。")
    if len(set(names)) != len(names):
        raise DimensionError("評価の観点の名前が重複しています。観点ごとに別の名前にしてください。")


def dimensions_data(dimensions: Sequence[Dimension]) -> list[dict[str, Any]]:
    """Return the dimensions as the plain list a plan stores, checked first."""
    check_unique(dimensions)
    return [d.to_dict() for d in dimensions]


def clean_grades(dimensions: Sequence[Dimension], given: Mapping[str, str]) -> dict[str, str]:
    """Return an entry's grades as stored: each read on its dimension's scale, blanks left out.

    An unknown dimension key or a label its scale does not know is refused with the dimension's name.
    """
    by_key = {d.key: d for d in dimensions}
    cleaned: dict[str, str] = {}
    for key, text in given.items():
        dimension = by_key.get(key)
        if dimension is None:
            raise DimensionError(f"評価の観点「{key}」はこの計画にありません。")
        if text.strip():
            cleaned[key] = dimension.parse(text).label
    return {d.key: cleaned[d.key] for d in dimensions if d.key in cleaned}


def missing_grades(dimensions: Sequence[Dimension], grades: Mapping[str, str]) -> list[str]:
    """Return the names of the dimensions an entry has no grade on, in the plan's order."""
    return [d.name for d in dimensions if not str(grades.get(d.key, "")).strip()]


def _name_key(name: str) -> str:
    return "".join(name.split())


# 「妥当性（5～1）」「有効性※」: a note after a heading, as the importer drops after 達成度.
_HEADING_NOTE = re.compile(r"(?:[(（][^)）]*[)）]|【[^】]*】|※.*)$")


def _heading_key(text: str) -> str:
    folded = _name_key(unicodedata.normalize("NFKC", text)).lower()
    folded = _HEADING_NOTE.sub("", folded)
    return folded.removeprefix("事業の").removeprefix("の")


def heading_spellings(dimension: Dimension) -> frozenset[str]:
    """Return the column headings that name the dimension, folded: its name, its key, and shorter forms.

    「事業の妥当性」 is also headed 「妥当性」; 「有効性・効率性・経済性」 also 「有効性」 (its first part), as
    川崎市's 評価表 heads its columns.
    """
    name = _heading_key(dimension.name)
    spellings = {name, dimension.key, _heading_key(f"事業の{name}")}
    parts = [p for p in re.split(r"[・･/／、]", name) if p]
    if len(parts) > 1:
        spellings.add(parts[0])
    return frozenset(s for s in spellings if s)


def dimension_for_heading(dimensions: Sequence[Dimension], heading: str) -> Dimension | None:
    """Return the dimension a column heading names, or None (also when it could name two of them)."""
    key = _heading_key(heading)
    if not key:
        return None
    found = [d for d in dimensions if key in heading_spellings(d)]
    return found[0] if len(found) == 1 else None


class DimensionBlock(TypedDict):
    """Counts and shares on one dimension: by listing (再掲含む) and by unique program."""

    total: int
    counts: dict[str, int]
    percent: dict[str, int | float]
    unique_total: int
    unique_counts: dict[str, int]
    unique_percent: dict[str, int | float]


class DimensionArea(DimensionBlock):
    """An area's (施策課題's) counts on one dimension."""

    number: str
    title: str


class DimensionFigures(DimensionBlock):
    """One dimension's figures for a plan-year (docs/figures.md, key ``dimensions``)."""

    key: str
    name: str
    scale: list[str]
    meanings: dict[str, str]
    by_area: list[DimensionArea]
    ungraded_programs: list[int]
    priority: "DimensionPriority | None"  # 「うち重点」: None unless the plan shows it


class DimensionPriority(DimensionBlock):
    """A dimension's counts for the year's priority programs only (川崎市's 「うち重点」)."""

    by_area: list[DimensionArea]  # one per area of the dimension, in its order (zeros when none)
