"""Figures as staff write them (issue 18): decreases, 万/億, commas, units, and the column's digits."""

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from number_spellings import MINUS_SIGNS, spellings
from shinchoku.domain.errors import DomainError, NumberFormatError
from shinchoku.domain.grades import SEED_SCALE
from shinchoku.domain.numbers import Digits, format_decimal, parse_figure, parse_quantity
from shinchoku.domain.ratios import (
    NEGATIVE_ACTUAL,
    NEGATIVE_TARGET,
    Direction,
    Measurement,
    achievement_ratio,
)

# IndicatorValue.target and .actual: DecimalField(max_digits=14, decimal_places=3).
INDICATOR = Digits(max_digits=14, decimal_places=3)
# OutcomeValue.value and ContextValue.value: DecimalField(max_digits=14, decimal_places=2).
STATISTIC = Digits(max_digits=14, decimal_places=2)
FUZZ = settings(max_examples=300, deadline=None, derandomize=True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("▲5", "-5"),  # a decrease, as accounts write it
        ("△3", "-3"),
        ("▲ 1,480件", "-1480"),
        ("-5", "-5"),
        ("－５", "-5"),  # full-width hyphen-minus
        ("−5", "-5"),  # the Unicode minus sign
        ("‐5", "-5"),  # a hyphen
        ("マイナス5", "-5"),
        ("ﾏｲﾅｽ５", "-5"),
        ("１，４８０件", "1480"),  # full-width digits and comma
        ("3万人", "30000"),
        ("1.2万人", "12000"),
        ("2億", "200000000"),
        ("64.3％", "64.3"),
        ("延べ10,091名", "10091"),
        ("90%以上", "90"),
        ("354人以下", "354"),
        ("99,999,999,999.999", "99999999999.999"),  # the largest an indicator stores
        ("-0", "0"),
        ("―", None),  # no figure
        ("", None),
        ("\u3000", None),
    ],
)
def test_a_figure_reads_as_staff_meant_it(text: str, value: str | None) -> None:
    assert parse_figure(text, INDICATOR) == (None if value is None else Decimal(value))


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("123456789012", "整数部分は11桁までです"),  # issue 18: a 500 before
        ("１２３４５６７８９０１２３４５", "整数部分は11桁までです"),
        ("1,000億", "整数部分は11桁までです"),  # 100,000,000,000 has 12 digits
        ("1.2345", "小数部分は3桁までです"),
        ("9" * 30, "整数部分は11桁、小数部分は3桁までです"),
    ],
)
def test_a_figure_beyond_its_column_is_refused_naming_the_limit(text: str, limit: str) -> None:
    with pytest.raises(NumberFormatError, match=limit):
        parse_figure(text, INDICATOR)


def test_the_limit_named_is_the_column_s_own() -> None:
    with pytest.raises(NumberFormatError, match="整数部分は12桁までです"):
        parse_figure("1234567890123", STATISTIC)
    with pytest.raises(NumberFormatError, match="小数部分は2桁までです"):
        parse_figure("1.234", STATISTIC)
    assert parse_figure("123456789012", STATISTIC) == Decimal("123456789012")


@pytest.mark.parametrize(
    "text", ["1e5", "NaN", "Infinity", "-Infinity", "sNaN", "五", "三万", "٣", "½", "0x10"]
)
def test_what_is_not_a_figure_is_refused_in_japanese(text: str) -> None:
    with pytest.raises(NumberFormatError, match="「"):
        parse_figure(text, INDICATOR)


@FUZZ
@given(spellings())
@example("▲5")
@example("9" * 30)
def test_any_spelling_is_a_storable_figure_or_a_japanese_refusal(text: str) -> None:
    try:
        value = parse_figure(text, INDICATOR)
    except NumberFormatError as error:
        assert "「" in str(error)
        return
    if value is None:
        return
    assert value.is_finite()
    assert value == value.quantize(Decimal("0.001")), "more decimals than the column keeps"
    assert abs(value) < Decimal(10) ** INDICATOR.whole, "more digits than the column keeps"
    sign, _digits, exponent = value.as_tuple()
    assert isinstance(exponent, int) and exponent <= 0, "an exponent would show as 1E+4"
    assert not (sign and value == 0), "minus zero"


@FUZZ
@given(spellings())
def test_any_spelling_parses_without_bounds_or_refuses_in_japanese(text: str) -> None:
    try:
        quantity = parse_quantity(text)
    except DomainError as error:
        assert "「" in str(error)
    else:
        assert quantity.value.is_finite()


@FUZZ
@given(
    st.sampled_from(MINUS_SIGNS),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999999999.999"), places=3),
)
def test_every_minus_sign_makes_a_figure_negative(sign: str, value: Decimal) -> None:
    assert parse_figure(sign + format_decimal(value), INDICATOR) == -value


@FUZZ
@given(st.decimals(min_value=Decimal("-99999999999.999"), max_value=Decimal("99999999999.999"), places=3))
def test_a_stored_figure_shown_again_reads_back_as_itself(value: Decimal) -> None:
    assert parse_figure(format_decimal(value), INDICATOR) == value


# ---------------------------------------------------------------- negative figures and ratios


def test_a_negative_target_gives_no_ratio_and_says_why() -> None:
    measurement = Measurement(target=Decimal(-5), actual=Decimal(3))
    assert measurement.ratio() is None
    assert measurement.problem() == NEGATIVE_TARGET
    assert "目標値が負のため達成率を計算できません。達成度を選んでください" in NEGATIVE_TARGET


def test_a_negative_actual_gives_no_ratio_and_says_why() -> None:
    measurement = Measurement(target=Decimal(5), actual=Decimal(-3), direction=Direction.LOWER_IS_BETTER)
    assert measurement.ratio() is None
    assert measurement.problem() == NEGATIVE_ACTUAL
    assert "実績値が負のため達成率を計算できません" in NEGATIVE_ACTUAL


def test_the_ratio_itself_still_refuses_a_negative_figure() -> None:
    with pytest.raises(DomainError, match="目標値が負"):
        achievement_ratio(target=Decimal(-1), actual=Decimal(1), direction=Direction.HIGHER_IS_BETTER)


def test_the_suggestion_says_why_a_negative_figure_gives_no_grade() -> None:
    suggestion = SEED_SCALE.suggest_for([Measurement(Decimal(-5), Decimal(3))])
    assert suggestion.grade is None
    assert suggestion.problems == (NEGATIVE_TARGET,)


def test_the_other_indicators_still_suggest_a_grade() -> None:
    # Program 12's 5,621 of 5,300 (106% → B) beside an indicator whose target is ▲5.
    suggestion = SEED_SCALE.suggest_for(
        [Measurement(Decimal(5300), Decimal(5621)), Measurement(Decimal(-5), Decimal(-7))]
    )
    assert suggestion.grade is not None and suggestion.grade.label == "B"
    assert suggestion.problems == (NEGATIVE_TARGET,)


@FUZZ
@given(
    st.none() | st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12),
    st.none() | st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12),
    st.sampled_from(Direction),
)
def test_a_measurement_never_raises(
    target: Decimal | None, actual: Decimal | None, direction: Direction
) -> None:
    measurement = Measurement(target, actual, direction)
    ratio = measurement.ratio()
    assert (ratio is None) == (target is None or actual is None or measurement.problem() is not None)
    SEED_SCALE.suggest_for([measurement])
