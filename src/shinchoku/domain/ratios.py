"""Achievement ratios of indicators: how far an actual value reached its target.

Ratios are exact fractions, so 7,936 / 7,200 is compared with 110% without any
floating-point doubt. A target of 0 has no finite ratio; the rules below say what
it means instead, and they are the same everywhere: ``achievement()`` is the one
function every page, report, export, open-data file and the API asks
(docs/figures.md, "Achievement").
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import total_ordering

from shinchoku.domain.errors import DomainError
from shinchoku.domain.numbers import Trend
from shinchoku.domain.tallies import round_half_up


class Direction(StrEnum):
    """Whether a larger actual value is better (就職者数) or worse (再犯者数)."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


@total_ordering
@dataclass(frozen=True)
class Unbounded:
    """A ratio larger than any number: a target of 0 that was beaten."""

    def __lt__(self, other: object) -> bool:
        if isinstance(other, (Unbounded, Fraction, int)):
            return False
        return NotImplemented

    def __str__(self) -> str:
        return "∞"


UNBOUNDED = Unbounded()
Ratio = Fraction | Unbounded


MISSING_TARGET = "目標値がないため達成率を計算できません。"
MISSING_ACTUAL = "実績値がないため達成率を計算できません。"
BEYOND_ZERO_TARGET = (
    "目標値が0で実績がそれを上回ったため、達成率は百分率で表せません（目標を上回っています）。"
)
NEGATIVE_TARGET = "目標値が負のため達成率を計算できません。達成度を選んでください。"
TREND_TARGET = "目標が数値でない（↑ → ↓ 継続実施）ため達成率はありません。"
NEGATIVE_ACTUAL = "実績値が負のため達成率を計算できません。達成度を選んでください。"


def why_no_ratio(*, target: Decimal, actual: Decimal) -> str | None:
    """Return why these figures have no achievement ratio (in Japanese), None when they have one.

    A negative figure (▲5: a decrease, as accounts write it) is a legitimate value to
    store, but a ratio of it would grade a fall as an achievement, so staff choose the
    grade themselves.
    """
    if target < 0:
        return NEGATIVE_TARGET
    if actual < 0:
        return NEGATIVE_ACTUAL
    return None


def achievement_ratio(*, target: Decimal, actual: Decimal, direction: Direction) -> Ratio:
    """Return actual/target (target/actual when lower is better); target 0 is explicit.

    - higher is better, target 0: an actual of 0 meets it (ratio 1), more beats it.
    - lower is better, actual 0: beats any positive target; meets a target of 0.
    - lower is better, target 0, actual above 0: ratio 0 (the target was missed).
    """
    if reason := why_no_ratio(target=target, actual=actual):
        raise DomainError(reason)
    t, a = Fraction(target), Fraction(actual)
    if direction is Direction.HIGHER_IS_BETTER:
        if t == 0:
            return Fraction(1) if a == 0 else UNBOUNDED
        return a / t
    if a == 0:
        return Fraction(1) if t == 0 else UNBOUNDED
    return t / a


def as_percent(ratio: Ratio) -> Fraction | None:
    """Return the ratio as a percentage (1.06 → 106), None when it is unbounded."""
    return None if isinstance(ratio, Unbounded) else ratio * 100


ACHIEVEMENT_PLACES = 1
"""Decimal places of an achievement percentage (106.1%), on every page and in every export."""


@dataclass(frozen=True)
class Achievement:
    """How far an indicator's actual value reached its target, or why that cannot be said.

    ratio is exact (UNBOUNDED when a target of 0 was beaten) and is what grading uses;
    percent is what people read: ratio × 100 rounded half up (四捨五入), None when there is
    no ratio or it is unbounded; reason says why percent is None, in Japanese.
    """

    ratio: Ratio | None
    percent: Decimal | None
    reason: str | None


def achievement(
    *,
    target: Decimal | None,
    actual: Decimal | None,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    places: int = ACHIEVEMENT_PLACES,
) -> Achievement:
    """Return the achievement of actual against target: the one rule (docs/figures.md).

    - A missing figure or a negative one (▲5) gives no ratio, with the reason.
    - Higher is better: actual / target; lower is better: target / actual.
    - A result of 0 is a result: against a positive target (higher is better) it is 0%.
    - A target of 0: met by 0 (100%); beaten (higher: more than 0; lower: 0 against a
      positive ceiling) is unbounded, above every threshold but with no percentage;
      a ceiling of 0 broken (lower is better, actual above 0) is 0%.
    """
    if target is None or actual is None:
        return Achievement(None, None, MISSING_TARGET if target is None else MISSING_ACTUAL)
    if reason := why_no_ratio(target=target, actual=actual):
        return Achievement(None, None, reason)
    ratio = achievement_ratio(target=target, actual=actual, direction=direction)
    if isinstance(ratio, Unbounded):
        return Achievement(ratio, None, BEYOND_ZERO_TARGET)
    return Achievement(ratio, round_half_up(ratio * 100, places), None)


@dataclass(frozen=True)
class Measurement:
    """One indicator's figures for a year, as the grading rules need them."""

    target: Decimal | None
    actual: Decimal | None
    direction: Direction = Direction.HIGHER_IS_BETTER
    baseline: Decimal | None = None  # where the path to the target starts (長与町: 基準値)
    trend: Trend | None = None  # a target without a number (↑ → ↓ 継続実施): no ratio

    def ratio(self) -> Ratio | None:
        """Return the achievement ratio, or None when there is none (a figure missing or negative).

        Never raises: a negative figure typed by staff must not break grading (problem() says why).
        """
        return self.achievement().ratio

    def achievement(self) -> Achievement:
        """Return the figures' achievement by the one rule (achievement())."""
        if self.trend is not None:
            return Achievement(None, None, TREND_TARGET)
        return achievement(target=self.target, actual=self.actual, direction=self.direction)

    def problem(self) -> str | None:
        """Return why the figures, both given, have no ratio (Japanese), None otherwise."""
        if self.target is None or self.actual is None or self.trend is not None:
            return None
        return why_no_ratio(target=self.target, actual=self.actual)
