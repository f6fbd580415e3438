"""Plan-level outcome targets (成果指標): a baseline, a target and its year, and whether a year is on track.

Many local plans set one number for the whole plan, e.g. cutting 再犯者数 from 443 (the
average of five years) to 354. Progress is judged against a straight line drawn from the
baseline to the target: a year is on track when its value is on the right side of the line
(at or below it when lower is better, at or above it when higher is better).

The line starts at the last year of the baseline period (an average of 2016–2020 is where
things stood at the end of 2020) and ends at the target year; before it the expected value
is the baseline, after it the target. Values are exact fractions; rounding is for display.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from shinchoku.domain.errors import DomainError
from shinchoku.domain.ratios import Direction


@dataclass(frozen=True)
class Baseline:
    """Where the plan started: one year's value, or the average over a period of years."""

    value: Fraction
    first_year: int
    last_year: int

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise DomainError("基準値の期間は、始まりの年が終わりの年以前になるように指定してください。")

    @classmethod
    def of_year(cls, year: int, value: Decimal | int) -> "Baseline":
        return cls(Fraction(value), year, year)

    @classmethod
    def average_of(cls, values: Mapping[int, Decimal | int]) -> "Baseline":
        """Return the mean of consecutive years' values (e.g. 平成28〜令和2年の平均)."""
        if not values:
            raise DomainError("基準値を平均で求めるには、少なくとも1年分の値が必要です。")
        years = sorted(values)
        if years != list(range(years[0], years[-1] + 1)):
            missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
            raise DomainError(f"基準値の期間に値のない年があります（{'、'.join(map(str, missing))}年）。")
        mean = sum((Fraction(values[y]) for y in years), Fraction(0)) / len(years)
        return cls(mean, years[0], years[-1])


@dataclass(frozen=True)
class Outcome:
    """A plan-level indicator with its baseline, its target and the direction that counts as better."""

    baseline: Baseline
    target: Fraction
    target_year: int
    direction: Direction

    def __post_init__(self) -> None:
        if self.target_year <= self.baseline.last_year:
            raise DomainError("目標年は基準値の期間より後の年にしてください。")
        lower = self.direction is Direction.LOWER_IS_BETTER
        if (lower and self.target > self.baseline.value) or (not lower and self.target < self.baseline.value):
            raise DomainError(
                "目標値が基準値から見て「よい」方向にありません。「少ないほどよい」か「多いほどよい」かを確かめてください。"
            )

    def expected(self, year: int) -> Fraction:
        """Return the value the straight line from baseline to target gives for the year."""
        start, end = self.baseline.last_year, self.target_year
        if year <= start:
            return self.baseline.value
        if year >= end:
            return self.target
        return self.baseline.value + (self.target - self.baseline.value) * Fraction(year - start, end - start)

    def on_track(self, year: int, value: Decimal | int) -> bool:
        """Return whether the year's value is on the right side of the line (the line itself counts)."""
        actual, expected = Fraction(value), self.expected(year)
        if self.direction is Direction.LOWER_IS_BETTER:
            return actual <= expected
        return actual >= expected

    def share_of_the_way(self, value: Decimal | int) -> Fraction | None:
        """Return how much of the way from baseline to target the value has come (1 = reached); None if no change was sought."""
        distance = self.target - self.baseline.value
        if distance == 0:
            return None
        return (Fraction(value) - self.baseline.value) / distance


@dataclass(frozen=True)
class Assessment:
    """The latest year's value judged against the line."""

    year: int
    value: Fraction
    expected: Fraction
    on_track: bool
    share_of_the_way: Fraction | None


def assess_latest(outcome: Outcome, values: Mapping[int, Decimal | int]) -> Assessment | None:
    """Return the assessment of the latest year after the baseline that has a value, or None."""
    later = [year for year in values if year > outcome.baseline.last_year]
    if not later:
        return None
    year = max(later)
    return Assessment(
        year=year,
        value=Fraction(values[year]),
        expected=outcome.expected(year),
        on_track=outcome.on_track(year, values[year]),
        share_of_the_way=outcome.share_of_the_way(values[year]),
    )
