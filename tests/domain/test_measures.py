"""Grading measures (施策) from their programs' grades: the rule kinds, their checks and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.grades import SEED_SCALE, Grade, GradeScale
from shinchoku.domain.measures import (
    HandGrade,
    MeasureKind,
    MeasureRuleError,
    MeasureStatus,
    ProgramMark,
    check_hand_grade,
    compute_grade,
    grade_measure,
    parse_rule,
    tally_measures,
)

A_TO_D = GradeScale(name="施策評価 A–D", grades=tuple(Grade(label=x) for x in "ABCD"))
A_TO_D_DASH = GradeScale(
    name="施策評価 A–D／－",
    grades=(*A_TO_D.grades, Grade(label="－", meaning="評価不能", not_evaluable=True)),
)
# 福岡市-like: indicators graded a/b/c, goals A–D from them.
FUKUOKA_PROGRAMS = GradeScale(name="a/b/c", grades=tuple(Grade(label=x) for x in "abc"))

THRESHOLDS = [
    {"grade": "A", "at_least": "B", "percent": "100"},  # every program at B or better
    {"grade": "B", "at_least": "B", "percent": "75"},
    {"grade": "C", "at_least": "B", "percent": "50"},
]  # otherwise D
SHARES = {
    "kind": "shares",
    "depth": 2,
    "scale": A_TO_D.to_dict(),
    "thresholds": THRESHOLDS,
}
LOWEST = {"kind": "lowest", "depth": 1, "scale": A_TO_D.to_dict(), "mapping": {"A": "A", "B": "B", "C": "D"}}


def marks(*grades: str | None) -> list[ProgramMark]:
    return [ProgramMark(number=i + 1, grade=g) for i, g in enumerate(grades)]


def test_an_empty_rule_means_measures_are_not_graded() -> None:
    assert parse_rule({}, SEED_SCALE) is None


@pytest.mark.parametrize(
    ("grades", "measure"),
    [
        (("A", "A", "B", "B"), "A"),  # 100% at B or better
        (("A", "B", "B", "C"), "B"),  # 75%
        (("A", "B", "C", "C"), "C"),  # 50%
        (("A", "C", "C", "C"), "D"),  # 25%: the fallback
        (("A", "B", "B", "－"), "A"),  # － is left out of the share: 3 of 3
        (("A", "C", "－", "－"), "C"),  # 1 of 2 = 50%
    ],
)
def test_shares_best_first_the_last_grade_the_fallback(grades: tuple[str, ...], measure: str) -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    assert compute_grade(rule, SEED_SCALE, marks(*grades)) == measure


def test_saitama_area_1_measure_1_under_a_shares_rule() -> None:
    """Saitama 1(1) 就労の確保等, programs 1–10 as graded for 令和3年度: 1–3 A, 4–10 B."""
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    result = grade_measure(rule, SEED_SCALE, marks("A", "A", "A", "B", "B", "B", "B", "B", "B", "B"))
    assert (result.grade, result.how, result.status) == ("A", "rule", MeasureStatus.GRADED)  # 10 of 10 at B+
    assert result.counts.counted == 10
    assert result.counts.by_grade == {"A": 3, "B": 7, "C": 0, "－": 0}
    # Under "A: at least half at A" the same ten programs (3 of 10 at A) give B.
    strict = parse_rule(
        SHARES | {"thresholds": [{"grade": "A", "at_least": "A", "percent": "50"}, *THRESHOLDS[1:]]},
        SEED_SCALE,
    )
    assert strict is not None
    assert compute_grade(strict, SEED_SCALE, marks("A", "A", "A", *["B"] * 7)) == "B"


def test_a_fukuoka_like_goal_graded_a_to_d_from_its_indicators_a_b_c() -> None:
    rule = parse_rule(
        {
            "kind": "shares",
            "depth": 1,
            "scale": A_TO_D.to_dict(),
            "thresholds": [
                {"grade": "A", "at_least": "a", "percent": "100"},  # every indicator a
                {"grade": "B", "at_least": "a", "percent": "50"},  # half of them a
                {"grade": "C", "at_least": "b", "percent": "50"},  # half at b or better
            ],
        },
        FUKUOKA_PROGRAMS,
    )
    assert rule is not None
    got = [compute_grade(rule, FUKUOKA_PROGRAMS, marks(*g)) for g in ("aaa", "aab", "abc", "bbc", "bcc")]
    assert got == ["A", "B", "C", "C", "D"]


@pytest.mark.parametrize(
    ("grades", "measure"),
    [(("A", "A"), "A"), (("A", "B"), "B"), (("A", "B", "C"), "D"), (("B", "－"), "B")],
)
def test_lowest_takes_the_lowest_program_grade_mapped(grades: tuple[str, ...], measure: str) -> None:
    rule = parse_rule(LOWEST, SEED_SCALE)
    assert rule is not None
    assert compute_grade(rule, SEED_SCALE, marks(*grades)) == measure


def test_a_program_not_yet_graded_leaves_the_measure_not_yet_graded() -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    result = grade_measure(rule, SEED_SCALE, marks("A", None))
    assert (result.grade, result.status, result.counts.ungraded) == (None, MeasureStatus.PENDING, 1)


def test_excluded_programs_are_left_out_and_need_no_grade() -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    programs = [*marks("A", "B"), ProgramMark(number=3, grade=None, excluded=True)]
    result = grade_measure(rule, SEED_SCALE, programs)
    assert (result.grade, result.counts.excluded, result.counts.counted) == ("A", 1, 2)


def test_all_programs_not_evaluable_give_the_measure_scales_dash_or_leave_it_to_the_secretariat() -> None:
    with_dash = parse_rule(SHARES | {"scale": A_TO_D_DASH.to_dict()}, SEED_SCALE)
    without = parse_rule(SHARES, SEED_SCALE)
    assert with_dash is not None and without is not None
    assert compute_grade(with_dash, SEED_SCALE, marks("－", "－")) == "－"
    result = grade_measure(without, SEED_SCALE, marks("－", "－"))
    assert (result.grade, result.status) == (None, MeasureStatus.TO_GIVE)


def test_a_grade_by_hand_wins_over_the_rule_and_keeps_its_reason() -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    result = grade_measure(
        rule, SEED_SCALE, marks("A", "C", "C"), HandGrade("B", "重点事業が目標を大きく上回った")
    )
    assert (result.computed, result.grade, result.how) == ("D", "B", "by_hand")
    assert result.reason == "重点事業が目標を大きく上回った"


def test_by_hand_rule_computes_nothing_and_a_hand_grade_needs_a_reason() -> None:
    rule = parse_rule({"kind": "by_hand", "depth": 2, "scale": A_TO_D.to_dict()}, SEED_SCALE)
    assert rule is not None and rule.kind is MeasureKind.BY_HAND
    assert grade_measure(rule, SEED_SCALE, marks("A")).status is MeasureStatus.TO_GIVE
    with pytest.raises(MeasureRuleError, match="理由"):
        check_hand_grade(rule, "A", "  ")
    assert check_hand_grade(rule, "Ａ", "理由") == "A"
    with pytest.raises(MeasureRuleError, match="施策の評価「E」"):
        check_hand_grade(rule, "E", "理由")


def test_tally_counts_measures_by_the_measure_scale() -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    assert tally_measures(rule, ["A", "B", "A", None]) == {"A": 2, "B": 1, "C": 0, "D": 0}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "average"}, "shares、lowest、by_hand"),
        ({"depth": 0}, "階層は1〜5"),
        ({"thresholds": THRESHOLDS[:2]}, "A、B、C の順"),
        (
            {"thresholds": [*THRESHOLDS[:2], {"grade": "C", "at_least": "X", "percent": "50"}]},
            "「X」",
        ),
        (
            {"thresholds": [*THRESHOLDS[:2], {"grade": "C", "at_least": "B", "percent": "0"}]},
            "0より大きく",
        ),
        ({"scale": {"grades": []}}, "評価尺度が読めません"),
    ],
)
def test_a_rule_that_cannot_grade_is_refused_in_japanese(change: dict[str, object], message: str) -> None:
    with pytest.raises(MeasureRuleError, match=message):
        parse_rule(SHARES | change, SEED_SCALE)


def test_lowest_refuses_a_mapping_that_rewards_a_worse_program_grade() -> None:
    with pytest.raises(MeasureRuleError, match="下位の事業評価"):
        parse_rule(LOWEST | {"mapping": {"A": "B", "B": "A", "C": "D"}}, SEED_SCALE)
    with pytest.raises(MeasureRuleError, match="それぞれに"):
        parse_rule(LOWEST | {"mapping": {"A": "A"}}, SEED_SCALE)


def test_the_rule_round_trips_through_its_stored_form() -> None:
    for data in (SHARES, LOWEST):
        rule = parse_rule(data, SEED_SCALE)
        assert rule is not None
        assert parse_rule(rule.to_dict(), SEED_SCALE) == rule


# Properties -------------------------------------------------------------------------------------

EVALUABLE = ("A", "B", "C")


@st.composite
def rules(draw: st.DrawFn) -> dict[str, object]:
    if draw(st.booleans()):
        ranks = sorted(draw(st.lists(st.integers(0, 3), min_size=3, max_size=3)))
        return LOWEST | {"mapping": {p: "ABCD"[r] for p, r in zip(EVALUABLE, ranks, strict=True)}}
    # A rule parse_rule accepts: a better measure grade asks for a better program grade or a larger share.
    bars = sorted(draw(st.lists(st.sampled_from(EVALUABLE[:-1]), min_size=3, max_size=3)))
    first = draw(st.integers(3, 100))
    second = draw(st.integers(2, first - 1))
    percents = [first, second, draw(st.integers(1, second - 1))]
    thresholds = [
        {"grade": g, "at_least": bar, "percent": str(p)}
        for g, bar, p in zip("ABC", bars, percents, strict=True)
    ]
    return SHARES | {"thresholds": thresholds}


programs = st.lists(st.sampled_from((*EVALUABLE, "－")), min_size=1, max_size=12)


@given(rules(), programs, st.data())
def test_raising_one_programs_grade_never_lowers_the_measure_grade(
    data: dict[str, object], grades: list[str], draw: st.DataObject
) -> None:
    rule = parse_rule(data, SEED_SCALE)
    assert rule is not None
    i = draw.draw(st.integers(0, len(grades) - 1))
    if grades[i] == "－" or grades[i] == "A":
        return
    raised = list(grades)
    raised[i] = EVALUABLE[draw.draw(st.integers(0, EVALUABLE.index(grades[i]) - 1))]
    before = compute_grade(rule, SEED_SCALE, marks(*grades))
    after = compute_grade(rule, SEED_SCALE, marks(*raised))
    assert before is not None and after is not None
    assert "ABCD".index(after) <= "ABCD".index(before)


@given(rules(), st.lists(st.sampled_from(EVALUABLE), min_size=1, max_size=12))
def test_every_measure_gets_exactly_one_grade_when_all_programs_are_graded(
    data: dict[str, object], grades: list[str]
) -> None:
    rule = parse_rule(data, SEED_SCALE)
    assert rule is not None
    result = grade_measure(rule, SEED_SCALE, marks(*grades))
    assert result.status is MeasureStatus.GRADED and result.grade in rule.scale.labels
    assert sum(tally_measures(rule, [result.grade]).values()) == 1


def test_unreachable_threshold_fukuoka_50_then_75_leaves_b_never_given_and_is_refused() -> None:
    # A at 50% and B at 75% of programs at B or better: every 75% is also 50%, so B is never given.
    thresholds = [
        {"grade": "A", "at_least": "B", "percent": "50"},
        {"grade": "B", "at_least": "B", "percent": "75"},
        {"grade": "C", "at_least": "A", "percent": "10"},
    ]
    with pytest.raises(MeasureRuleError, match="「B」は付くことがありません"):
        parse_rule(SHARES | {"thresholds": thresholds}, SEED_SCALE)


def test_unreachable_threshold_at_the_worst_program_grade_leaves_the_later_grades_never_given() -> None:
    thresholds = [*THRESHOLDS[:2], {"grade": "C", "at_least": "C", "percent": "50"}]
    with pytest.raises(MeasureRuleError, match="「D」は付くことがありません"):
        parse_rule(SHARES | {"thresholds": thresholds}, SEED_SCALE)


def test_unreachable_threshold_the_documented_fukuoka_like_rule_is_accepted() -> None:
    # docs/practices.md §4: A 50% at A, B 90% at B or better, C 50% at B or better.
    thresholds = [
        {"grade": "A", "at_least": "A", "percent": "50"},
        {"grade": "B", "at_least": "B", "percent": "90"},
        {"grade": "C", "at_least": "B", "percent": "50"},
    ]
    assert parse_rule(SHARES | {"thresholds": thresholds}, SEED_SCALE) is not None


@given(st.lists(st.tuples(st.sampled_from(EVALUABLE), st.integers(1, 100)), min_size=3, max_size=3))
def test_unreachable_threshold_every_grade_of_an_accepted_rule_is_given_to_some_programs(
    drawn: list[tuple[str, int]],
) -> None:
    thresholds = [
        {"grade": g, "at_least": bar, "percent": str(p)} for g, (bar, p) in zip("ABC", drawn, strict=True)
    ]
    try:
        rule = parse_rule(SHARES | {"thresholds": thresholds}, SEED_SCALE)
    except MeasureRuleError:
        return
    assert rule is not None
    for grade, (bar, percent) in zip("ABC", drawn, strict=True):
        # 100 programs: percent of them exactly at the bar, the rest at the worst grade.
        witness = [bar] * percent + ["C"] * (100 - percent)
        assert compute_grade(rule, SEED_SCALE, marks(*witness)) == grade
    assert compute_grade(rule, SEED_SCALE, marks(*["C"] * 100)) == "D"


def test_a_reason_by_hand_over_2000_characters_is_refused_in_japanese() -> None:
    rule = parse_rule(SHARES, SEED_SCALE)
    assert rule is not None
    assert check_hand_grade(rule, "B", "長" * 2000) == "B"
    with pytest.raises(MeasureRuleError, match="2,000文字以内"):
        check_hand_grade(rule, "B", "長" * 10000)
