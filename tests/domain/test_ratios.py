"""Achievement ratios, including lower-is-better indicators and targets of 0."""

from decimal import Decimal
from fractions import Fraction

import pytest

from shinchoku.domain.errors import DomainError
from shinchoku.domain.ratios import UNBOUNDED, Direction, achievement_ratio, as_percent

HIGHER, LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER


@pytest.mark.parametrize(
    ("target", "actual", "direction", "expected"),
    [
        ("5300", "5621", HIGHER, Fraction(5621, 5300)),  # program 12: 106%
        ("7200", "7936", HIGHER, Fraction(7936, 7200)),  # program 1: 110.2%
        ("443", "354", LOWER, Fraction(443, 354)),  # 再犯者数: fewer is better
        ("354", "443", LOWER, Fraction(354, 443)),
        ("0", "0", HIGHER, Fraction(1)),  # nothing asked, nothing done: met
        ("0", "3", HIGHER, UNBOUNDED),  # beyond a target of 0
        ("5", "0", LOWER, UNBOUNDED),  # no re-offence at all beats any ceiling
        ("0", "0", LOWER, Fraction(1)),  # a ceiling of 0 kept
        ("0", "2", LOWER, Fraction(0)),  # a ceiling of 0 broken
    ],
)
def test_ratio(target: str, actual: str, direction: Direction, expected: object) -> None:
    assert achievement_ratio(target=Decimal(target), actual=Decimal(actual), direction=direction) == expected


def test_program_12_is_106_percent() -> None:
    ratio = achievement_ratio(target=Decimal(5300), actual=Decimal(5621), direction=HIGHER)
    percent = as_percent(ratio)
    assert percent is not None and 106 < percent < 107


def test_unbounded_is_larger_than_any_ratio() -> None:
    assert UNBOUNDED > Fraction(10**9)
    assert max([Fraction(3), UNBOUNDED]) is UNBOUNDED
    assert as_percent(UNBOUNDED) is None


def test_negative_figures_have_no_ratio() -> None:
    with pytest.raises(DomainError):
        achievement_ratio(target=Decimal(-1), actual=Decimal(1), direction=HIGHER)
