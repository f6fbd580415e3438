"""The deck's slide per further dimension (川崎市 事業の妥当性…): its counts per area, like 達成度's tables."""

from collections.abc import Callable
from typing import Any

from pptx.util import Inches

from shinchoku.domain.dimensions import DimensionFigures


def dimension_rows(dimension: DimensionFigures) -> list[list[str]]:
    """Return the table of a dimension: a header, a row per area, then 計画全体 (counts, 計)."""
    labels = dimension["scale"]
    header = [
        "重点項目",
        *(f"{label} {dimension['meanings'].get(label, '')}".strip() for label in labels),
        "計",
    ]
    rows = [header]
    for area in dimension["by_area"]:
        counts = [str(area["counts"][label]) for label in labels]
        rows.append([f"{area['number']} {area['title']}", *counts, str(area["total"])])
    rows.append(["計画全体", *(str(dimension["counts"][label]) for label in labels), str(dimension["total"])])
    return rows


def add_dimension_slides(
    deck: Any, context: dict[str, Any], blank: Callable[..., Any], table: Callable[..., None]
) -> None:
    """Add one slide per dimension of the plan (none for a plan without), with deck's own helpers."""
    width = deck.slide_width - 2 * Inches(0.5)
    for dimension in context["figures"]["dimensions"]:
        slide = blank(deck, f"{context['year_label']}の{dimension['name']}")
        rows = dimension_rows(dimension)
        summary = "、".join(f"{label} {dimension['counts'][label]}事業" for label in dimension["scale"])
        table(
            slide,
            rows,
            Inches(0.5),
            Inches(1.3),
            width,
            [4] + [1.5] * len(dimension["scale"]) + [1],
            size=12,
            description=f"表：重点項目別の{dimension['name']}の事業数（再掲含む、左ほど良い評価）。計画全体は{summary}",
        )
