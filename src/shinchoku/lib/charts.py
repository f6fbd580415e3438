"""Charts rendered on the server (matplotlib, Agg): no CDN, no script, the same font as the PDF."""

import base64
import functools
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt
from matplotlib.font_manager import FontProperties

from shinchoku.lib.fonts import font_path

# Colours of the grades, best first; the not-evaluable grade is grey. Same as site.css.
GRADE_COLOURS = ("#0b6e4f", "#2f6fa3", "#b3261e", "#616e7c", "#7a5195")
GREY = "#616e7c"


# Each chart is drawn at the width it is printed at in the council report (A4 landscape, 265 mm
# of text width): the report's CSS sets img.chart-<kind> to exactly this width, so the figure
# prints 1:1 and a matplotlib point is a printed point. Labels are then LABEL_PT or more, the
# smallest size a reader of a printed report is expected to read (issue 24: they were 5–7 pt,
# because a 9-inch figure was shrunk into a 143 mm column). tests/reports/test_chart_labels.py
# reads the CSS and checks every kind.
PRINTED_WIDTH_MM = {
    "area": 140.0,  # beside the area's table (div.right, 54 %)
    "overall": 150.0,  # the plan as a whole, on the cover's next page
    "trends": 180.0,  # the grade shares by year
    "spark": 70.0,  # target and actual of one indicator, in its table row
    "outcome": 160.0,  # an outcome indicator and its path to the target
    "context": 110.0,  # a statistic by year (div.half, beside its table)
}
LABEL_PT = 9.0
SMALL_PT = LABEL_PT  # axis ticks and legends: the floor, not smaller
TEXT_PT = 10.0  # the labels on the bars and the row names


def inches(kind: str) -> float:
    """Return the width in inches at which a chart of this kind is drawn (and printed)."""
    return PRINTED_WIDTH_MM[kind] / 25.4


CACHED_CHARTS = 256  # per process; a chart is an SVG of some tens of kilobytes


def memoized(draw: Callable[..., str]) -> Callable[..., str]:
    """Keep the SVGs last drawn: a chart is a pure function of its figures, and matplotlib is slow.

    The key is the figures themselves, so a cached chart can never show other figures than asked;
    each server process keeps its own copy and needs nothing from another (measured: the dashboard
    spent most of its time drawing the same outcome chart again).
    """
    drawn: OrderedDict[str, str] = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(draw)
    def cached(*args: Any, **kwargs: Any) -> str:
        key = repr((args, sorted(kwargs.items())))
        with lock:
            if key in drawn:
                drawn.move_to_end(key)
                return drawn[key]
        svg = draw(*args, **kwargs)
        with lock:
            drawn[key] = svg
            while len(drawn) > CACHED_CHARTS:
                drawn.popitem(last=False)
        return svg

    return cached


def _font(size: float) -> FontProperties:
    return FontProperties(fname=str(font_path()), size=size)


@memoized
def share_bar(
    rows: Sequence[tuple[str, dict[str, Decimal | int | float]]],
    labels: Sequence[str],
    not_evaluable: str | None,
    *,
    kind: str = "area",
    row_height: float = 0.55,
) -> str:
    """Return an SVG (as a data: URI) of horizontal stacked bars, one per row, with each share's percent written on it.

    Text is drawn as outlines so the chart looks the same in any viewer; the same
    figures are in the tables beside it as selectable text.
    """
    height = row_height * len(rows) + 0.7
    fig, ax = plt.subplots(figsize=(inches(kind), height))
    plt.rcParams["svg.fonttype"] = "path"
    colours = {
        label: (GREY if label == not_evaluable else GRADE_COLOURS[i % 4]) for i, label in enumerate(labels)
    }
    names = [name for name, _ in rows]
    for y, (_, shares) in enumerate(rows):
        left = 0.0
        for label in labels:
            share = float(shares.get(label, 0) or 0)
            if share <= 0:
                continue
            ax.barh(y, share, left=left, color=colours[label], height=0.6, edgecolor="white")
            if share >= 9:  # room for 「A 12%」 at TEXT_PT in the narrowest printed bar
                ax.text(
                    left + share / 2,
                    y,
                    f"{label} {_percent(shares[label])}%",
                    ha="center",
                    va="center",
                    color="white",
                    fontproperties=_font(TEXT_PT),
                )
            left += share
    ax.set_xlim(0, 100)
    ax.set_yticks(range(len(rows)), names, fontproperties=_font(TEXT_PT))
    ax.invert_yaxis()
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"], fontproperties=_font(SMALL_PT))
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    return _svg(fig)


def _percent(value: Decimal | int | float) -> str:
    number = Decimal(str(value))
    return str(int(number)) if number == number.to_integral_value() else str(number)


@memoized
def target_vs_actual(
    years: Sequence[str], targets: Sequence[Decimal | None], actuals: Sequence[Decimal | None]
) -> str:
    """Return a small SVG (data: URI): actual values as bars, the targets as a line, by year.

    At its printed width a year label fits three times: with more years only the first and the
    last are named (the figures of every year are in the same table row).
    """
    fig, ax = plt.subplots(figsize=(inches("spark"), 1.5))
    plt.rcParams["svg.fonttype"] = "path"
    xs = range(len(years))
    ax.bar(
        xs,
        [float(a) if a is not None else 0 for a in actuals],
        color=GRADE_COLOURS[1],
        width=0.55,
        label="実績",
    )
    target_points = [(x, float(t)) for x, t in zip(xs, targets, strict=True) if t is not None]
    if target_points:
        ax.plot(
            [x for x, _ in target_points],
            [t for _, t in target_points],
            color=GRADE_COLOURS[2],
            marker="o",
            linewidth=1.5,
            label="目標",
        )
    shown = (
        list(years)
        if len(years) <= 3
        else [y if i in (0, len(years) - 1) else "" for i, y in enumerate(years)]
    )
    ax.set_xticks(list(xs), shown)
    _axes_style(ax)
    ax.legend(prop=_font(SMALL_PT), frameon=False, loc="upper left", ncols=2)
    return _svg(fig)


def _svg(fig: Any) -> str:
    """Return the figure as an SVG data: URI and close it.

    As a data: URI in an <img>, each chart is its own document: the glyph ids that
    matplotlib writes into every SVG cannot clash, and no file is fetched.
    """
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue().encode()).decode()


def _axes_style(ax: Any, size: float = SMALL_PT) -> None:
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontproperties(_font(size))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


@memoized
def outcome_path(
    *,
    values: dict[int, Decimal],
    start: tuple[int, Fraction],
    end: tuple[int, Fraction],
    unit: str,
) -> str:
    """Return an SVG (data: URI): the yearly values, and the straight path from baseline to target."""
    fig, ax = plt.subplots(figsize=(inches("outcome"), 2.6))
    plt.rcParams["svg.fonttype"] = "path"
    ax.plot(
        [start[0], end[0]],
        [float(start[1]), float(end[1])],
        color=GREY,
        linestyle="--",
        linewidth=1.2,
        label="基準値から目標値への道筋",
    )
    ax.plot(
        [start[0]], [float(start[1])], marker="s", markersize=6, color=GREY, linestyle="none", label="基準値"
    )
    ax.plot(
        [end[0]],
        [float(end[1])],
        marker="*",
        markersize=10,
        color=GRADE_COLOURS[2],
        linestyle="none",
        label="目標",
    )
    years = sorted(values)
    if years:
        ax.plot(
            years,
            [float(values[y]) for y in years],
            color=GRADE_COLOURS[1],
            marker="o",
            linewidth=1.6,
            label="実績",
        )
    # The stub types the base Locator; the x axis' locator is a MaxNLocator, which takes integer=.
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]
    ax.set_ylabel(unit, fontproperties=_font(SMALL_PT))
    _axes_style(ax)
    # Beside the plot, not on it: at 9 pt the legend would cover the path (seen in the council report).
    ax.legend(prop=_font(SMALL_PT), frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(fig)


@memoized
def yearly_series(values: dict[int, Decimal], unit: str) -> str:
    """Return an SVG (data: URI) of one statistic by year, as bars."""
    fig, ax = plt.subplots(figsize=(inches("context"), 2.0))
    plt.rcParams["svg.fonttype"] = "path"
    years = sorted(values)
    ax.bar([str(y) for y in years], [float(values[y]) for y in years], color=GRADE_COLOURS[1], width=0.6)
    ax.set_ylabel(unit, fontproperties=_font(SMALL_PT))
    _axes_style(ax)
    return _svg(fig)
