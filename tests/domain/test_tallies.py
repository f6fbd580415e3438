"""Counts and half-up percentages, with the seed's per-area figures."""

from decimal import Decimal
from fractions import Fraction

import pytest

from shinchoku.domain.errors import DomainError
from shinchoku.domain.tallies import percentages, round_half_up, tally, tally_by

GRADES = ("A", "B", "C", "－")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((5, 9, 0, 0), (36, 64, 0, 0)),  # area 1: 5/14 → 36%
        ((2, 20, 0, 4), (8, 77, 0, 15)),  # area 2: 2/26 → 8%
        ((3, 11, 0, 1), (20, 73, 0, 7)),  # area 3: 1/15 → 7%
        ((2, 8, 0, 0), (20, 80, 0, 0)),  # area 4
        ((0, 8, 0, 1), (0, 89, 0, 11)),  # area 5: 8/9 → 89%
    ],
)
def test_the_seeds_area_percentages(counts: tuple[int, ...], expected: tuple[int, ...]) -> None:
    shares = percentages(dict(zip(GRADES, counts, strict=True)))
    assert tuple(shares.values()) == tuple(Decimal(e) for e in expected)


def test_one_decimal_place() -> None:
    assert percentages({"A": 5, "B": 9}, places=1) == {"A": Decimal("35.7"), "B": Decimal("64.3")}


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction(1, 2), 0, "1"),  # round() would give 0
        (Fraction(5, 2), 0, "3"),  # round() would give 2
        (Fraction(-5, 2), 0, "-3"),
        (Fraction(1, 8), 2, "0.13"),
        (Fraction(100, 3), 1, "33.3"),
        (Fraction(7), 1, "7.0"),
        (Fraction(0), 1, "0.0"),
        (Fraction(-1, 100), 1, "0.0"),
        # an achievement of a target near zero: more digits than decimal's default 28 (hypothesis found it)
        (Fraction(995348966227 * 10**30, 995348966226991) * 100, 1, "100000000000000904205490272999.9"),
    ],
)
def test_round_half_up(value: Fraction, places: int, expected: str) -> None:
    assert str(round_half_up(value, places)) == expected


def test_an_empty_tally_is_zero_percent_everywhere() -> None:
    assert percentages(dict.fromkeys(GRADES, 0)) == dict.fromkeys(GRADES, Decimal(0))


def test_tally_shows_every_grade_in_the_scales_order() -> None:
    assert tally(["B", "A", "B"], GRADES) == {"A": 1, "B": 2, "C": 0, "－": 0}


def test_tally_refuses_a_label_outside_the_scale() -> None:
    with pytest.raises(DomainError, match="集計できない区分「D」"):
        tally(["D"], GRADES)


def test_tally_by_groups_in_first_seen_order() -> None:
    result = tally_by([("2", "B"), ("1", "A"), ("2", "－")], GRADES)
    assert list(result) == ["2", "1"]
    assert result["2"] == {"A": 0, "B": 1, "C": 0, "－": 1}
