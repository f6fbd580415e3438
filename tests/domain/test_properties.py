"""Properties that must hold for any input, not only the seed's (hypothesis)."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.fiscal import EARLIEST_FISCAL_YEAR, parse_fiscal_year, wareki_label
from shinchoku.domain.grades import SEED_SCALE, THREE_LEVEL_SCALE, GradeScale, MergePolicy
from shinchoku.domain.numbers import Bound, Quantity, format_quantity, parse_quantity
from shinchoku.domain.tallies import percentages, tally, tally_by
from shinchoku.domain.text import CONTROL_CHARACTERS, drop_controls, has_controls

GRADES = SEED_SCALE.labels
scales = st.sampled_from([SEED_SCALE, THREE_LEVEL_SCALE])


@given(st.lists(st.sampled_from(GRADES)))
def test_a_tally_sums_to_the_number_of_entries(labels: list[str]) -> None:
    assert sum(tally(labels, GRADES).values()) == len(labels)


@given(st.lists(st.tuples(st.sampled_from("12345"), st.sampled_from(GRADES))))
def test_group_tallies_sum_to_the_overall_tally(rows: list[tuple[str, str]]) -> None:
    overall = tally((label for _, label in rows), GRADES)
    groups = tally_by(rows, GRADES)
    assert {g: sum(t[g] for t in groups.values()) for g in GRADES} == overall


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6), st.integers(0, 3))
def test_each_share_is_within_half_a_unit_of_the_exact_share(counts: list[int], places: int) -> None:
    total = sum(counts)
    shares = percentages({str(i): n for i, n in enumerate(counts)}, places)
    unit = Fraction(1, 10**places)
    for i, n in enumerate(counts):
        exact = Fraction(100 * n, total) if total else Fraction(0)
        assert abs(Fraction(shares[str(i)]) - exact) <= unit / 2


@given(
    scales.flatmap(lambda s: st.tuples(st.just(s), st.lists(st.sampled_from(s.grades), max_size=5))),
    st.randoms(use_true_random=False),
    st.sampled_from(MergePolicy),
)
def test_merge_does_not_depend_on_the_order_of_departments(
    case: tuple[GradeScale, list[object]], rnd: object, policy: MergePolicy
) -> None:
    scale, grades = case
    shuffled = list(grades)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert scale.merge(grades, policy) == scale.merge(shuffled, policy)  # type: ignore[arg-type]


@given(st.integers(min_value=EARLIEST_FISCAL_YEAR, max_value=2200), st.booleans())
def test_a_fiscal_year_label_reads_back_as_its_year(year: int, full_width: bool) -> None:
    assert parse_fiscal_year(wareki_label(year, full_width=full_width)) == year


quantities = st.builds(
    Quantity,
    value=st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=3),
    unit=st.sampled_from(["", "人", "件", "戸", "回", "校", "名", "団体", "%"]),
    cumulative=st.booleans(),
    bound=st.sampled_from([None, Bound.AT_LEAST, Bound.AT_MOST]),
)


@given(quantities)
def test_a_formatted_number_reads_back_as_itself(quantity: Quantity) -> None:
    assert parse_quantity(format_quantity(quantity)) == quantity


@given(st.text(max_size=30))
def test_number_parsing_never_fails_other_than_with_a_japanese_message(text: str) -> None:
    try:
        parse_quantity(text)
    except ValueError as error:
        assert "「" in str(error)


@given(st.text(max_size=12))
def test_fiscal_year_parsing_never_fails_other_than_with_a_japanese_message(text: str) -> None:
    try:
        parse_fiscal_year(text)
    except ValueError as error:
        assert "年度" in str(error)


@given(
    st.decimals(min_value=0, max_value=10**6, places=2), st.decimals(min_value=0, max_value=10**6, places=2)
)
def test_a_higher_actual_never_earns_a_lower_grade(a: Decimal, b: Decimal) -> None:
    lo, hi = sorted((Fraction(a), Fraction(b)))
    assert SEED_SCALE.rank(SEED_SCALE.grade_for_ratio(hi)) <= SEED_SCALE.rank(SEED_SCALE.grade_for_ratio(lo))


@given(scales, st.text(max_size=200))
def test_a_years_wording_changes_the_dashs_criteria_and_nothing_else(scale: GradeScale, wording: str) -> None:
    year_scale = scale.with_not_evaluable_criteria(wording)
    assert year_scale.labels == scale.labels
    for before, after in zip(scale.grades, year_scale.grades, strict=True):
        if before.not_evaluable and wording.strip():
            assert after.criteria == wording.strip()
        else:
            assert after == before


@given(st.text())
def test_control_characters_dropped_leave_no_control_and_every_other_character(text: str) -> None:
    cleaned = drop_controls(text)
    assert not has_controls(cleaned)
    assert cleaned == "".join(ch for ch in text if ch not in CONTROL_CHARACTERS)
    assert drop_controls(cleaned) == cleaned


def test_control_characters_dropped_keep_tab_line_feed_and_carriage_return() -> None:
    assert drop_controls("理由\t一\r\n二\x00\x01\x1b[31m\x7f\x85\x9f") == "理由\t一\r\n二[31m"
