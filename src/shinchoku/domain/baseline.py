"""Grading against a baseline: where an actual value stands on its path from the baseline to the target.

長与町 grades S / A / B / C mechanically: the target reached → S; better than the baseline by more
than 10% of it → A; within ±10% of the baseline → B; worse by more than that → C. 福岡市 grades
a / b / c with ±3 points (indicators in %) counted as unchanged. A rule names the tolerance, whether
it is a share of the baseline ("relative") or in the indicator's own unit ("points"), and which
grade of the plan's scale each standing gives.

A target without a number is graded by the change from the baseline: ↑ (↓) is reached when the
value rose (fell) by more than the tolerance; → (維持) is reached while the value stays within the
tolerance or moves the good way. 継続実施 has no figure to compare: it places nothing, silently.
Several indicators of one entry give the lowest standing among those that can be placed; the
others say why they cannot (no baseline, no actual value, no target).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from shinchoku.domain.errors import GradeError
from shinchoku.domain.numbers import Trend
from shinchoku.domain.ratios import Direction, Measurement


class ToleranceKind(StrEnum):
    """How the tolerance is measured: a share of the baseline (長与町 10%) or in points (福岡市 3)."""

    RELATIVE = "relative"
    POINTS = "points"


class Standing(StrEnum):
    """Where a value stands against its baseline and target, best first."""

    REACHED = "reached"  # the target reached (in the indicator's direction)
    IMPROVED = "improved"  # better than the baseline beyond the tolerance
    UNCHANGED = "unchanged"  # within the tolerance of the baseline
    WORSENED = "worsened"  # worse than the baseline beyond the tolerance


STANDINGS = tuple(Standing)

MISSING_BASELINE = "基準値がないため、基準値との比較で評価できません。指標の基準値を入力してください。"
MISSING_ACTUAL = "実績値がないため、基準値との比較で評価できません。"
MISSING_TARGET = "目標（数値または↑→↓）がないため、基準値との比較で評価できません。"
NO_RULE = "基準値による評価の規則（許容幅と達成度）が設定されていません。計画の設定で入力してください。"
MAX_RELATIVE = Decimal(1)
MAX_POINTS = Decimal(10) ** 9


@dataclass(frozen=True)
class BaselineRule:
    """The tolerance and the grade label each standing gives (labels in STANDINGS order)."""

    tolerance: Decimal
    kind: ToleranceKind
    labels: tuple[str, str, str, str]

    def label(self, standing: Standing) -> str:
        """Return the grade label the standing gives."""
        return self.labels[STANDINGS.index(standing)]

    def margin(self, baseline: Decimal) -> Decimal:
        """Return how far from the baseline still counts as unchanged (10% of 100 → 10; 3 points → 3)."""
        if self.kind is ToleranceKind.RELATIVE:
            return self.tolerance * abs(baseline)
        return self.tolerance

    def to_dict(self) -> dict[str, Any]:
        """Return the rule as a plan stores it (Plan.baseline_rule)."""
        return {
            "tolerance": format(self.tolerance, "f"),  # never an exponent (1E+1)
            "kind": self.kind.value,
            "grades": {s.value: self.label(s) for s in STANDINGS},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], labels: Sequence[str]) -> "BaselineRule":
        """Return the stored rule, checked against the scale's evaluable labels (best first).

        Each standing needs a label of the scale, and a better standing never a worse grade
        (福岡市: reached and improved both a). Raises GradeError with a Japanese message.
        """
        try:
            tolerance = Decimal(str(data["tolerance"]))
            kind = ToleranceKind(str(data["kind"]))
            given = data["grades"]
            chosen = tuple(str(given[s.value]) for s in STANDINGS)
        except (KeyError, TypeError, ValueError, InvalidOperation) as error:
            raise GradeError(f"基準値による評価の規則が読めません: {error}") from error
        check_tolerance(tolerance, kind)
        for label in chosen:
            if label not in labels:
                raise GradeError(
                    f"基準値による評価の達成度に「{label}」は使えません"
                    f"（この評価尺度にないか、評価不能の達成度です）。{'、'.join(labels)} のいずれかを選んでください。"
                )
        ranks = [list(labels).index(label) for label in chosen]
        if ranks != sorted(ranks):
            raise GradeError(
                "基準値による評価の達成度は「目標達成」「改善」「横ばい」「悪化」の順に、同じか下位の達成度にしてください。"
            )
        return cls(tolerance, kind, (chosen[0], chosen[1], chosen[2], chosen[3]))


def check_tolerance(tolerance: Decimal, kind: ToleranceKind) -> None:
    """Raise GradeError unless the tolerance is a finite number from 0 (to 100% of the baseline)."""
    if not tolerance.is_finite() or tolerance < 0:
        raise GradeError("許容幅は0以上の数値で入力してください。")
    if kind is ToleranceKind.RELATIVE and tolerance > MAX_RELATIVE:
        raise GradeError("基準値に対する許容幅は100%以下で入力してください。")
    if kind is ToleranceKind.POINTS and tolerance > MAX_POINTS:
        raise GradeError("許容幅が大きすぎます。")


@dataclass(frozen=True)
class Placement:
    """An indicator's standing, or why it has none (None and None: 継続実施, nothing to compare)."""

    standing: Standing | None
    problem: str | None = None


def _good_sign(measurement: Measurement) -> int:
    if measurement.trend is Trend.UP:
        return 1
    if measurement.trend is Trend.DOWN:
        return -1
    return 1 if measurement.direction is Direction.HIGHER_IS_BETTER else -1


def place(measurement: Measurement, rule: BaselineRule) -> Placement:
    """Return where the measurement's actual value stands against its baseline and target.

    ↑ and ↓ name the good direction themselves; → and a numeric target use the indicator's.
    """
    trend, actual, baseline, target = (
        measurement.trend,
        measurement.actual,
        measurement.baseline,
        measurement.target,
    )
    if trend is Trend.CONTINUE:
        return Placement(None)
    if actual is None:
        return Placement(None, MISSING_ACTUAL)
    if baseline is None:
        return Placement(None, MISSING_BASELINE)
    if trend is None and target is None:
        return Placement(None, MISSING_TARGET)
    sign = _good_sign(measurement)
    change = sign * (actual - baseline)
    margin = rule.margin(baseline)
    if trend in (Trend.UP, Trend.DOWN):
        reached = change > margin
    elif trend is Trend.LEVEL:
        reached = change >= -margin
    else:
        assert target is not None
        reached = sign * (actual - target) >= 0
    if reached:
        return Placement(Standing.REACHED)
    if change > margin:
        return Placement(Standing.IMPROVED)
    if change < -margin:
        return Placement(Standing.WORSENED)
    return Placement(Standing.UNCHANGED)


def combine(
    measurements: Iterable[Measurement], rule: BaselineRule
) -> tuple[Standing | None, tuple[str, ...]]:
    """Return the lowest standing of the indicators that can be placed, and why the others cannot."""
    standings: list[Standing] = []
    problems: list[str] = []
    for measurement in measurements:
        placement = place(measurement, rule)
        if placement.problem:
            problems.append(placement.problem)
        elif placement.standing is not None:
            standings.append(placement.standing)
    lowest = max(standings, key=STANDINGS.index) if standings else None
    return lowest, tuple(dict.fromkeys(problems))
