"""The achievement rule (docs/figures.md, "Achievement"), one property per sentence of it."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.grades import SEED_SCALE
from shinchoku.domain.ratios import (
    ACHIEVEMENT_PLACES,
    BEYOND_ZERO_TARGET,
    MISSING_ACTUAL,
    MISSING_TARGET,
    NEGATIVE_ACTUAL,
    NEGATIVE_TARGET,
    UNBOUNDED,
    Direction,
    Measurement,
    achievement,
)

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
directions = st.sampled_from([HIGHER, LOWER])
# Figures as IndicatorValue stores them: up to 11 whole digits and 3 decimals.
figures = st.decimals(min_value=0, max_value=Decimal("99999999999.999"), places=3)
positive = figures.filter(lambda d: d > 0)
negative = st.decimals(max_value=Decimal("-0.001"), min_value=Decimal("-99999999999.999"), places=3)
maybe = st.none() | figures


@given(maybe, maybe, directions)
def test_a_percentage_is_given_exactly_when_no_reason_is(
    target: Decimal | None, actual: Decimal | None, direction: Direction
) -> None:
    reached = achievement(target=target, actual=actual, direction=direction)
    assert (reached.percent is None) == (reached.reason is not None)


@given(figures, directions)
def test_a_missing_figure_gives_no_ratio_and_says_which(figure: Decimal, direction: Direction) -> None:
    assert achievement(target=None, actual=figure, direction=direction).reason == MISSING_TARGET
    assert achievement(target=figure, actual=None, direction=direction).reason == MISSING_ACTUAL
    assert achievement(target=None, actual=None, direction=direction).ratio is None


@given(negative, figures, directions)
def test_a_negative_target_gives_no_ratio(target: Decimal, actual: Decimal, direction: Direction) -> None:
    reached = achievement(target=target, actual=actual, direction=direction)
    assert (reached.ratio, reached.reason) == (None, NEGATIVE_TARGET)


@given(figures, negative, directions)
def test_a_negative_result_gives_no_ratio(target: Decimal, actual: Decimal, direction: Direction) -> None:
    reached = achievement(target=target, actual=actual, direction=direction)
    assert (reached.ratio, reached.reason) == (None, NEGATIVE_ACTUAL)


@given(positive, figures)
def test_higher_is_better_divides_the_result_by_the_target(target: Decimal, actual: Decimal) -> None:
    assert achievement(target=target, actual=actual, direction=HIGHER).ratio == Fraction(actual) / Fraction(
        target
    )


@given(figures, positive)
def test_lower_is_better_divides_the_target_by_the_result(target: Decimal, actual: Decimal) -> None:
    assert achievement(target=target, actual=actual, direction=LOWER).ratio == Fraction(target) / Fraction(
        actual
    )


@given(positive)
def test_a_result_of_0_against_a_positive_target_is_0_percent_not_blank(target: Decimal) -> None:
    reached = achievement(target=target, actual=Decimal(0), direction=HIGHER)
    assert reached.ratio == 0 and reached.percent == Decimal("0.0") and reached.reason is None


@given(directions)
def test_a_target_of_0_met_by_0_is_100_percent(direction: Direction) -> None:
    assert achievement(target=Decimal(0), actual=Decimal(0), direction=direction).percent == Decimal("100.0")


@given(positive)
def test_a_target_of_0_beaten_is_unbounded_with_no_percentage(figure: Decimal) -> None:
    more_than_0 = achievement(target=Decimal(0), actual=figure, direction=HIGHER)
    none_against_a_ceiling = achievement(target=figure, actual=Decimal(0), direction=LOWER)
    for reached in (more_than_0, none_against_a_ceiling):
        assert (reached.ratio, reached.percent, reached.reason) == (UNBOUNDED, None, BEYOND_ZERO_TARGET)
        assert SEED_SCALE.grade_for_ratio(UNBOUNDED).label == "A"  # above every threshold


@given(positive)
def test_a_ceiling_of_0_broken_is_0_percent(actual: Decimal) -> None:
    reached = achievement(target=Decimal(0), actual=actual, direction=LOWER)
    assert reached.ratio == 0 and reached.percent == Decimal("0.0")


@given(figures, figures, directions, st.integers(0, 3))
def test_the_percentage_is_the_ratio_rounded_half_up(
    target: Decimal, actual: Decimal, direction: Direction, places: int
) -> None:
    reached = achievement(target=target, actual=actual, direction=direction, places=places)
    if reached.percent is None:
        return
    assert isinstance(reached.ratio, Fraction)
    unit = Fraction(1, 10**places)
    exact = reached.ratio * 100
    assert -unit / 2 < Fraction(reached.percent) - exact <= unit / 2  # half up: x.x5 goes up
    assert reached.percent.as_tuple().exponent == -places


@given(figures, figures, directions)
def test_pages_show_one_decimal_by_default(target: Decimal, actual: Decimal, direction: Direction) -> None:
    percent = achievement(target=target, actual=actual, direction=direction).percent
    assert percent is None or percent.as_tuple().exponent == -ACHIEVEMENT_PLACES


@given(maybe, maybe, directions)
def test_grading_uses_the_same_rule(
    target: Decimal | None, actual: Decimal | None, direction: Direction
) -> None:
    assert (
        Measurement(target, actual, direction).ratio()
        == achievement(target=target, actual=actual, direction=direction).ratio
    )


def test_the_seed_programs_1_and_12() -> None:
    assert achievement(target=Decimal(7200), actual=Decimal(7936)).percent == Decimal("110.2")
    assert achievement(target=Decimal(5300), actual=Decimal(5621)).percent == Decimal("106.1")
    assert achievement(target=Decimal(120), actual=Decimal(306)).percent == Decimal("255.0")
