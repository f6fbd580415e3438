"""Longer scales and modifiers: A′ and B+, S above A, 1 as the best grade (domain/scale_presets.py).

A national evaluation of 133 measures printed A 110 / A′ 6 / B+ 4 / B 12 / C 0 / − 1; 長与町 grades
S / A / B / C / − (− = cannot be measured); 川崎市 grades 1 (目標を大きく上回って達成) … 5
(目標を大きく下回った). Each scale tallies in its own order, best first, the dash last, and its
shares are rounded half up.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, ProgramGrade
from shinchoku.domain.figures import Level, ListingRow, compute_figures
from shinchoku.domain.grades import GradeScale, MergePolicy, needs_reason
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.domain.tallies import percentages, round_half_up, tally

A_PRIME, S_TO_C, ONE_TO_FIVE = PRESETS["a-prime"], PRESETS["s-to-c"], PRESETS["one-to-five"]

# The national evaluation: grade as printed, count, its exact share of 133, and that share rounded
# half up at one place (110/133 = 82.706…% → 82.7; 1/133 = 0.751…% → 0.8).
NATIONAL_133 = [
    ("A", 110, Fraction(11000, 133), "82.7"),
    ("A′", 6, Fraction(600, 133), "4.5"),  # 4.511…
    ("B+", 4, Fraction(400, 133), "3.0"),  # 3.007…
    ("B", 12, Fraction(1200, 133), "9.0"),  # 9.022…
    ("C", 0, Fraction(0), "0.0"),
    ("－", 1, Fraction(100, 133), "0.8"),  # 0.751…
]


def programs_graded(labels: list[str]) -> tuple[list[ListingRow], list[ProgramGrade]]:
    """One listing and one program per grade, all under one area and level."""
    area = Level(path="1", title="施策")
    listings = [
        ListingRow(area=area, level=area, program=n, is_relisting=False) for n in range(1, len(labels) + 1)
    ]
    programs = [
        ProgramGrade(
            number=n,
            title=f"施策{n}",
            grade=label,
            evaluation_type=EvaluationType.QUALITATIVE,
            departments=(DepartmentGrade("評価担当", EvaluationType.QUALITATIVE, None, label),),
        )
        for n, label in enumerate(labels, start=1)
    ]
    return listings, programs


def test_the_national_tables_shares_are_the_exact_ones_rounded_half_up() -> None:
    assert sum(count for _, count, _, _ in NATIONAL_133) == 133
    for _, count, exact, printed in NATIONAL_133:
        assert exact == Fraction(100 * count, 133)
        assert round_half_up(exact, 1) == Decimal(printed)
        assert abs(exact - Fraction(printed)) <= Fraction(1, 20)


def test_the_133_measures_tally_a_a_prime_b_plus_b_c_dash() -> None:
    labels = [label for label, count, _, _ in NATIONAL_133 for _ in range(count)]
    listings, programs = programs_graded(labels)
    figures = compute_figures(scale=A_PRIME, listings=listings, programs=programs, places=1)
    assert figures["scale"] == ["A", "A′", "B+", "B", "C", "－"]
    assert figures["total"] == 133
    assert figures["overall"] == {label: count for label, count, _, _ in NATIONAL_133}
    assert figures["overall_percent"] == {label: float(printed) for label, _, _, printed in NATIONAL_133}
    assert sum(Decimal(p) for *_, p in NATIONAL_133) == Decimal("100.0")


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("Ａ′", "A′"),
        ("A'", "A′"),
        ("A’", "A′"),
        ("B＋", "B+"),
        ("Ｂ＋", "B+"),
        ("B+", "B+"),
        ("−", "－"),
        ("Ａ", "A"),
    ],
)
def test_the_modifiers_in_every_spelling_staff_type(written: str, label: str) -> None:
    assert A_PRIME.parse(written).label == label


def test_a_prime_lies_between_a_and_b_plus_and_merges_to_the_lower() -> None:
    a, a_prime, b_plus = (A_PRIME.parse(x) for x in ("A", "A′", "B+"))
    assert A_PRIME.rank(a) < A_PRIME.rank(a_prime) < A_PRIME.rank(b_plus)
    assert A_PRIME.merge([a_prime, b_plus]) == b_plus
    assert A_PRIME.merge([a_prime, b_plus], MergePolicy.HIGHER) == a_prime


def test_tallies_read_the_modifiers_as_typed_into_the_scales_labels() -> None:
    typed = ["Ａ′", "A'", "B＋", "Ａ", "−"]
    assert tally((A_PRIME.parse(t).label for t in typed), A_PRIME.labels) == {
        "A": 1,
        "A′": 2,
        "B+": 1,
        "B": 0,
        "C": 0,
        "－": 1,
    }


# 長与町: S best, − (cannot be measured) last and always with its reason. The counts are an example.
@pytest.mark.parametrize(
    ("counts", "shares"),
    [
        ({"S": 2, "A": 5, "B": 2, "C": 1, "－": 0}, {"S": 20, "A": 50, "B": 20, "C": 10, "－": 0}),
        (
            {"S": 1, "A": 3, "B": 2, "C": 0, "－": 1},
            {"S": 14, "A": 43, "B": 29, "C": 0, "－": 14},
        ),  # 1/7 = 14.28…
    ],
)
def test_s_to_c_tallies_s_first_and_the_dash_last(counts: dict[str, int], shares: dict[str, int]) -> None:
    labels = [label for label, count in counts.items() for _ in range(count)]
    listings, programs = programs_graded(list(reversed(labels)))  # the order given does not matter
    figures = compute_figures(scale=S_TO_C, listings=listings, programs=programs, places=0)
    assert figures["scale"] == ["S", "A", "B", "C", "－"]
    assert list(figures["overall"].items()) == list(counts.items())
    assert figures["overall_percent"] == shares


def test_s_to_c_dash_cannot_be_measured_needs_a_reason_and_gives_way_to_a_grade() -> None:
    dash, s = S_TO_C.parse("−"), S_TO_C.parse("ｓ")
    assert dash.not_evaluable and needs_reason(dash, None)
    assert S_TO_C.merge([dash, s]) == s  # one department measured it: its grade counts


# 川崎市: 1 best. A year's grades in the order they were entered; the tally lists 1 first.
@pytest.mark.parametrize(
    ("entered", "counts", "shares"),
    [
        (
            ["3", "１", "5", "3", "２", "4", "3", "3"],
            [1, 1, 4, 1, 1],
            ["12.5", "12.5", "50.0", "12.5", "12.5"],
        ),
        (["5", "4", "3"], [0, 0, 1, 1, 1], ["0.0", "0.0", "33.3", "33.3", "33.3"]),  # 1/3 = 33.33…
    ],
)
def test_one_to_five_tallies_one_first(entered: list[str], counts: list[int], shares: list[str]) -> None:
    labels = [ONE_TO_FIVE.parse(x).label for x in entered]
    assert tally(labels, ONE_TO_FIVE.labels) == dict(zip("12345", counts, strict=True))
    assert percentages(dict(zip("12345", counts, strict=True)), 1) == {
        k: Decimal(v) for k, v in zip("12345", shares, strict=True)
    }
    listings, programs = programs_graded(labels)
    figures = compute_figures(scale=ONE_TO_FIVE, listings=listings, programs=programs, places=1)
    assert list(figures["overall"]) == ["1", "2", "3", "4", "5"]


def test_one_is_the_best_of_one_to_five_and_five_the_lower_in_a_merge() -> None:
    one, four = ONE_TO_FIVE.parse("1"), ONE_TO_FIVE.parse("４")
    assert ONE_TO_FIVE.rank(one) == 0 and one.meaning == "目標を大きく上回って達成"
    assert ONE_TO_FIVE.merge([one, four]) == four  # the lower grade is the larger number
    assert ONE_TO_FIVE.not_evaluable is None


@pytest.mark.parametrize("preset", ["one-to-five", "s-to-c", "a-prime"])
def test_a_scale_without_ratio_thresholds_suggests_nothing_from_figures(preset: str) -> None:
    """Their grades are given by hand: 120% of a target suggests no grade (it raised IndexError)."""
    scale: GradeScale = PRESETS[preset]
    assert scale.suggest([Fraction(6, 5)]) is None
