"""Grade scales a city starts from (達成度のひな形); the secretariat then edits labels and texts.

Thresholds are achievement ratios (1.10 = 110%). The presets are starting points, not rules: a
city's own criteria texts replace the short meanings given here.
"""

from decimal import Decimal

from shinchoku.domain.grades import SEED_SCALE, THREE_LEVEL_SCALE, Grade, GradeScale
from shinchoku.domain.text import DASHES

_DASHES = tuple(sorted(DASHES))

FIVE_LEVEL_SCALE = GradeScale(
    name="5段階（1が最も良い）",
    grades=(
        Grade(label="1", meaning="目標を大きく上回った", min_ratio=Decimal("1.20")),
        Grade(label="2", meaning="目標を上回った", min_ratio=Decimal("1.05")),
        Grade(label="3", meaning="目標を達成した", min_ratio=Decimal("0.95")),
        Grade(label="4", meaning="目標をやや下回った", min_ratio=Decimal("0.70")),
        Grade(label="5", meaning="目標を下回った", min_ratio=Decimal("0")),
    ),
)

SABC_SCALE = GradeScale(
    name="S/A/B/C/－",
    grades=(
        Grade(label="S", meaning="目標を大きく上回った", min_ratio=Decimal("1.20")),
        Grade(label="A", meaning="目標を上回った", min_ratio=Decimal("1.05")),
        Grade(label="B", meaning="目標を概ね達成した", min_ratio=Decimal("0.90")),
        Grade(label="C", meaning="目標を下回った", min_ratio=Decimal("0")),
        Grade(label="－", meaning="評価不能", aliases=_DASHES, not_evaluable=True),
    ),
)

SIX_LEVEL_SCALE = GradeScale(
    name="A/A′/B+/B/C/－",
    grades=(
        Grade(label="A", meaning="目標を上回った", min_ratio=Decimal("1.10")),
        Grade(label="A′", meaning="目標を達成した", aliases=("A'",), min_ratio=Decimal("1.00")),
        Grade(label="B+", meaning="目標を概ね達成した", min_ratio=Decimal("0.90")),
        Grade(label="B", meaning="目標をやや下回った", min_ratio=Decimal("0.70")),
        Grade(label="C", meaning="目標を下回った", min_ratio=Decimal("0")),
        Grade(label="－", meaning="評価不能", aliases=_DASHES, not_evaluable=True),
    ),
)

# Keyed by a short name a form posts; the order is the order the screen offers them in.
PRESETS: dict[str, GradeScale] = {
    "saitama": SEED_SCALE,
    "three-level": THREE_LEVEL_SCALE,
    "five-level": FIVE_LEVEL_SCALE,
    "sabc": SABC_SCALE,
    "six-level": SIX_LEVEL_SCALE,
}
