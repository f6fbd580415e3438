"""Chart labels in the council report PDF print at 9 pt or more (issue 24).

A label's printed size is its matplotlib size times the printed width over the figure's width.
The printed width is read from the report's CSS (img.chart-<kind> { width: …mm }), the figure's
width and every text's size from the figure matplotlib draws: each kind is drawn with seed-like
figures and every non-empty text on it is measured.
"""

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from matplotlib.text import Text

from shinchoku.lib import charts

REPORT_CSS = (
    Path(charts.__file__).parent.parent / "templates" / "reports" / "council_report.html"
).read_text()
PRINTED_MM = {
    kind: float(mm) for kind, mm in re.findall(r"img\.chart-(\w+) \{ width: ([\d.]+)mm; \}", REPORT_CSS)
}

SHARES = {"A": Decimal("36"), "B": Decimal("64")}
LABELS = ["A", "B", "C", "D"]

DRAW = {
    "area": lambda: charts.share_bar.__wrapped__(  # type: ignore[attr-defined]
        [("1 全体", SHARES), ("1-(1)", {"A": 12, "B": 76, "C": 8, "D": 4}), ("1-(2)", SHARES)], LABELS, "D"
    ),
    "overall": lambda: charts.share_bar.__wrapped__(  # type: ignore[attr-defined]
        [("計画全体", {"A": 16, "B": 76, "C": 8})] + [(f"重点項目{n}", SHARES) for n in range(1, 6)],
        LABELS,
        "D",
        kind="overall",
        row_height=0.3,
    ),
    "trends": lambda: charts.share_bar.__wrapped__(  # type: ignore[attr-defined]
        [("令和3年度", SHARES), ("令和4年度", SHARES)], LABELS, "D", kind="trends", row_height=0.4
    ),
    "spark": lambda: charts.target_vs_actual.__wrapped__(  # type: ignore[attr-defined]
        ["令和3年度", "令和4年度", "令和5年度", "令和6年度"],
        [Decimal(100), Decimal(110), None, Decimal(130)],
        [Decimal(95), Decimal(112), Decimal(120), None],
    ),
    "outcome": lambda: charts.outcome_path.__wrapped__(  # type: ignore[attr-defined]
        values={2021: Decimal("23.5"), 2022: Decimal("22.1")},
        start=(2019, Fraction(24)),
        end=(2027, Fraction(20)),
        unit="％",
    ),
    "context": lambda: charts.yearly_series.__wrapped__(  # type: ignore[attr-defined]
        {2019: Decimal(1200), 2020: Decimal(1100), 2021: Decimal(1050)}, "人"
    ),
}


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Keep the figure each chart draws (before it becomes an SVG)."""
    figures: list[Any] = []
    real_svg = charts._svg

    def keep(fig: Any) -> str:
        fig.canvas.draw()  # lay out the ticks, so their labels exist
        figures.append(fig)
        return real_svg(fig)

    monkeypatch.setattr(charts, "_svg", keep)
    return figures


def test_every_chart_kind_has_its_printed_width_in_the_report_css() -> None:
    assert set(PRINTED_MM) == set(DRAW) == set(charts.PRINTED_WIDTH_MM)
    assert PRINTED_MM == charts.PRINTED_WIDTH_MM


@pytest.mark.parametrize("kind", sorted(DRAW))
def test_chart_labels_print_at_9_pt_or_more(kind: str, drawn: list[Any]) -> None:
    DRAW[kind]()
    (fig,) = drawn
    scale = (PRINTED_MM[kind] / 25.4) / fig.get_size_inches()[0]
    sizes = {
        text.get_text(): text.get_fontsize() * scale
        for text in fig.findobj(Text)
        if text.get_text().strip() and text.get_visible()
    }
    assert sizes  # the chart has labels at all
    too_small = {label: round(size, 1) for label, size in sizes.items() if size < 9}
    assert too_small == {}
