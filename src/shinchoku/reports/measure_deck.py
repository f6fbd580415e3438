"""The deck's slides of measures (施策) graded from their programs: the tally, then the measures.

Nothing when the plan does not grade measures. The slide helpers are the deck's own, passed in
(reports/deck.py calls this module, so it cannot be imported from here).
"""

from collections.abc import Callable
from typing import Any

from pptx.util import Emu, Inches

from shinchoku.domain.measures import MeasureFigures, MeasureItem

ROWS_PER_SLIDE = 10


def measure_slides(
    deck: Any,
    measures: MeasureFigures | None,
    *,
    blank: Callable[[Any, str], Any],
    table: Callable[..., None],
    width: int,
    margin: int,
) -> None:
    """Add the slides of the measures' grades (none when measures are not graded)."""
    if measures is None:
        return
    starts = range(0, max(1, len(measures["items"])), ROWS_PER_SLIDE)
    for part, start in enumerate(starts, start=1):
        suffix = f"（{part}/{len(starts)}）" if len(starts) > 1 else ""
        slide = blank(deck, f"施策の評価{suffix}")
        top: int = Inches(1.3)
        if part == 1:
            labels = measures["scale"]
            tally = [
                [*labels, "計"],
                [*(str(measures["tally"][g]) for g in labels), str(len(measures["items"]))],
            ]
            table(
                slide,
                tally,
                margin,
                top,
                Emu(int(width / 2)),
                [1] * len(tally[0]),
                size=12,
                description="表：施策の評価の内訳 "
                + "、".join(f"{g} {measures['tally'][g]}" for g in labels),
            )
            top = top + Inches(1.0)
        rows = [["施策", "事業数", "評価", "理由"]] + [
            _row(m) for m in measures["items"][start : start + ROWS_PER_SLIDE]
        ]
        table(
            slide,
            rows,
            margin,
            top,
            width - 2 * margin,
            [5, 1, 1, 5],
            size=11,
            description="表：施策ごとの評価",
        )


def _row(item: MeasureItem) -> list[str]:
    reason = item["reason"] if item["how"] == "by_hand" else ""
    return [
        f"{item['path']} {item['title']}",
        str(item["program_counts"]["total"]),
        item["grade"] or "―",
        reason,
    ]
