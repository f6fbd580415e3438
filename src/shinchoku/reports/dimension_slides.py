"""The deck's slide per further dimension (川崎市 事業の妥当性…): its counts per area, like 達成度's tables."""

from collections.abc import Callable
from typing import Any

from pptx.util import Inches

from shinchoku.domain.area_terms import area_term
from shinchoku.domain.dimensions import DimensionBlock, DimensionFigures


def dimension_term(dimension: DimensionFigures) -> str:
    """Return what the plan's areas are called (「重点項目」, or the term their labels carry: 施策課題)."""
    return area_term(a["number"] for a in dimension["by_area"])


def dimension_rows(dimension: DimensionFigures) -> list[list[str]]:
    """Return the table of a dimension: a header, then per area and for 計画全体 its counts (計),
    its shares (割合) and, when the plan shows them, its 「うち重点」 counts."""
    labels = dimension["scale"]
    header = [
        dimension_term(dimension),
        *(f"{label} {dimension['meanings'].get(label, '')}".strip() for label in labels),
        "計",
    ]
    rows = [header]
    part = dimension["priority"]
    parts = {a["number"]: a for a in part["by_area"]} if part else {}
    for area in dimension["by_area"]:
        rows += _block_rows(f"{area['number']} {area['title']}", area, parts.get(area["number"]), labels)
    rows += _block_rows("計画全体", dimension, part, labels)
    return rows


def _block_rows(
    name: str, block: DimensionBlock, part: DimensionBlock | None, labels: list[str]
) -> list[list[str]]:
    rows = [
        [name, *(str(block["counts"][label]) for label in labels), str(block["total"])],
        ["　割合", *(f"{block['percent'][label]}％" for label in labels), ""],
    ]
    if part is not None:
        rows.append(["　うち重点", *(str(part["counts"][label]) for label in labels), str(part["total"])])
    return rows


def add_dimension_slides(
    deck: Any, context: dict[str, Any], blank: Callable[..., Any], table: Callable[..., None]
) -> None:
    """Add one slide per dimension of the plan (none for a plan without), with deck's own helpers."""
    width = deck.slide_width - 2 * Inches(0.5)
    for dimension in context["figures"]["dimensions"]:
        slide = blank(deck, f"{context['year_label']}の{dimension['name']}")
        rows = dimension_rows(dimension)
        if len(rows) > 16:  # a slide holds about 16 rows: the shares are in the report and workbook
            rows = [r for r in rows if r[0] != "　割合"]
        summary = "、".join(f"{label} {dimension['counts'][label]}事業" for label in dimension["scale"])
        table(
            slide,
            rows,
            Inches(0.5),
            Inches(1.3),
            width,
            [4] + [1.5] * len(dimension["scale"]) + [1],
            size=12,
            description=f"表：{dimension_term(dimension)}別の{dimension['name']}の事業数（再掲含む、左ほど良い評価）。計画全体は{summary}",
        )
