"""Plan-level outcomes: baseline → target on a straight line; a year is on track on the right side of it."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.errors import DomainError
from shinchoku.domain.outcomes import Baseline, Outcome, assess_latest
from shinchoku.domain.ratios import Direction

LOWER, HIGHER = Direction.LOWER_IS_BETTER, Direction.HIGHER_IS_BETTER

# A prefecture cutting 再犯者数 from 443 (2020) to 354 by 2027: 89 fewer over 7 years.
CUT = Outcome(Baseline.of_year(2020, 443), Fraction(354), 2027, LOWER)


@pytest.mark.parametrize(
    ("year", "value", "expected", "on_track"),
    [
        (2019, 460, Fraction(443), False),  # before the line starts: the baseline is expected
        (2020, 443, Fraction(443), True),  # the line itself counts as on track
        (2021, 430, Fraction(443) - Fraction(89, 7), True),  # 430.29 expected: 430 is below it
        (2021, 431, Fraction(443) - Fraction(89, 7), False),
        (2024, 392, Fraction(443) - Fraction(89 * 4, 7), True),  # 392.14 expected
        (2024, 393, Fraction(443) - Fraction(89 * 4, 7), False),
        (2027, 354, Fraction(354), True),
        (2030, 355, Fraction(354), False),  # after the target year the target is expected
    ],
)
def test_lower_is_better_on_a_straight_line(
    year: int, value: int, expected: Fraction, on_track: bool
) -> None:
    assert CUT.expected(year) == expected
    assert CUT.on_track(year, value) is on_track


@pytest.mark.parametrize(
    ("year", "value", "on_track"),
    [(2022, 63, False), (2022, 64, True), (2023, 76, True), (2023, 75, False), (2025, 100, True)],
)
def test_higher_is_better(year: int, value: int, on_track: bool) -> None:
    # 協力雇用主 40 in 2020 → 100 in 2025: 12 more a year.
    more = Outcome(Baseline.of_year(2020, 40), Fraction(100), 2025, HIGHER)
    assert more.on_track(year, value) is on_track


def test_a_five_year_average_baseline_starts_the_line_at_its_last_year() -> None:
    # 947 → 757 (a 20% cut), the baseline being the average of 2016–2020.
    baseline = Baseline.average_of({2016: 1000, 2017: 980, 2018: 950, 2019: 910, 2020: 895})
    assert (baseline.value, baseline.first_year, baseline.last_year) == (Fraction(947), 2016, 2020)
    outcome = Outcome(baseline, Fraction(757), 2025, LOWER)
    assert outcome.expected(2020) == 947 and outcome.expected(2023) == 833  # 947 − 3 × 38
    assessment = assess_latest(outcome, {2018: 950, 2021: 900, 2022: 880, 2023: 840})
    assert assessment is not None
    assert (assessment.year, assessment.expected, assessment.on_track) == (2023, 833, False)
    assert assessment.share_of_the_way == Fraction(947 - 840, 190)


def test_an_average_needs_every_year_of_its_period() -> None:
    with pytest.raises(DomainError, match="値のない年があります（2018年）"):
        Baseline.average_of({2016: 1, 2017: 2, 2019: 3})


@pytest.mark.parametrize(
    ("baseline", "target", "year", "direction", "message"),
    [
        (443, 500, 2027, LOWER, "よい」方向にありません"),  # a cut that goes up
        (40, 30, 2025, HIGHER, "よい」方向にありません"),
        (443, 354, 2020, LOWER, "目標年は基準値の期間より後"),
    ],
)
def test_targets_that_cannot_be_right_are_refused(
    baseline: int, target: int, year: int, direction: Direction, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        Outcome(Baseline.of_year(2020, baseline), Fraction(target), year, direction)


def test_no_year_after_the_baseline_means_no_assessment_yet() -> None:
    assert assess_latest(CUT, {2019: Decimal(450), 2020: Decimal(443)}) is None


def test_keeping_a_value_has_no_share_of_the_way() -> None:
    keep = Outcome(Baseline.of_year(2020, 5), Fraction(5), 2025, LOWER)
    assert keep.share_of_the_way(4) is None and keep.on_track(2023, 5)


@given(
    baseline=st.integers(0, 10_000),
    cut=st.integers(0, 10_000),
    span=st.integers(1, 15),
    offset=st.integers(-5, 20),
)
def test_the_line_runs_from_baseline_to_target_without_overshooting(
    baseline: int, cut: int, span: int, offset: int
) -> None:
    target = max(0, baseline - cut)
    outcome = Outcome(Baseline.of_year(2020, baseline), Fraction(target), 2020 + span, LOWER)
    expected = outcome.expected(2020 + offset)
    assert target <= expected <= baseline
    assert outcome.on_track(2020 + offset, expected)  # exactly on the line is on track
    if target < baseline:
        assert outcome.share_of_the_way(target) == 1 and outcome.share_of_the_way(baseline) == 0
