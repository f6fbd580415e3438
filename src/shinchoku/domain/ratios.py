"""Achievement ratios of indicators: how far an actual value reached its target.

Ratios are exact fractions, so 7,936 / 7,200 is compared with 110% without any
floating-point doubt. A target of 0 has no ratio; the rules below say what it
means instead, and they are the same everywhere.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import total_ordering

from shinchoku.domain.errors import DomainError


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


NEGATIVE_TARGET = "目標値が負のため達成率を計算できません。達成度を選んでください。"
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


@dataclass(frozen=True)
class Measurement:
    """One indicator's figures for a year, as the grading rules need them."""

    target: Decimal | None
    actual: Decimal | None
    direction: Direction = Direction.HIGHER_IS_BETTER

    def ratio(self) -> Ratio | None:
        """Return the achievement ratio, or None when there is none (a figure missing or negative).

        Never raises: every page, report and export that shows a ratio calls this, and a
        negative figure typed by staff must not break them (problem() says why).
        """
        if self.target is None or self.actual is None or self.problem():
            return None
        return achievement_ratio(target=self.target, actual=self.actual, direction=self.direction)

    def problem(self) -> str | None:
        """Return why the figures, both given, have no ratio (Japanese), None otherwise."""
        if self.target is None or self.actual is None:
            return None
        return why_no_ratio(target=self.target, actual=self.actual)
