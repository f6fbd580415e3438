"""Grading against a baseline (長与町 S/A/B/C ±10%, 福岡市 a/b/c ±3 points) and targets without numbers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.baseline import (
    MISSING_ACTUAL,
    MISSING_BASELINE,
    MISSING_TARGET,
    NO_RULE,
    BaselineRule,
    Standing,
    ToleranceKind,
    place,
)
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import CombinePolicy, Grade, GradeScale
from shinchoku.domain.indicator_text import propose
from shinchoku.domain.numbers import Trend, parse_trend
from shinchoku.domain.ratios import Direction, Measurement
from shinchoku.domain.scale_presets import PRESETS

LOWER = Direction.LOWER_IS_BETTER


def _scale(*labels: str) -> GradeScale:
    return GradeScale(name="test", grades=tuple(Grade(label=label) for label in labels))


NAGAYO = PRESETS["s-to-c"]  # 長与町: S / A / B / C / －
FUKUOKA = _scale("a", "b", "c")
NAGAYO_RULE = NAGAYO.baseline_rule(
    {
        "tolerance": "0.10",
        "kind": "relative",
        "grades": {"reached": "S", "improved": "A", "unchanged": "B", "worsened": "C"},
    }
)
FUKUOKA_RULE = FUKUOKA.baseline_rule(
    {
        "tolerance": "3",
        "kind": "points",
        "grades": {"reached": "a", "improved": "a", "unchanged": "b", "worsened": "c"},
    }
)


def m(
    baseline: str | None,
    target: str | None,
    actual: str | None,
    direction: Direction = Direction.HIGHER_IS_BETTER,
    trend: Trend | None = None,
) -> Measurement:
    def d(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return Measurement(d(target), d(actual), direction, baseline=d(baseline), trend=trend)


def suggest(scale: GradeScale, rule: BaselineRule | None, *measurements: Measurement) -> str | None:
    grade = scale.suggest_for(measurements, CombinePolicy.BASELINE, rule).grade
    return grade.label if grade else None


# 長与町: baseline 100, target 120, ±10% of the baseline (10) counts as unchanged.
@pytest.mark.parametrize(
    ("actual", "grade"),
    [
        ("125", "S"),
        ("120", "S"),
        ("112", "A"),
        ("110.001", "A"),
        ("110", "B"),
        ("95", "B"),
        ("90", "B"),
        ("85", "C"),
    ],
)
def test_nagayo_grades_s_a_b_c_against_baseline_100_and_target_120(actual: str, grade: str) -> None:
    assert suggest(NAGAYO, NAGAYO_RULE, m("100", "120", actual)) == grade


# 再犯者数 (lower is better): baseline 50, target 40; ±10% = 5.
@pytest.mark.parametrize(
    ("actual", "grade"), [("38", "S"), ("40", "S"), ("44", "A"), ("55", "B"), ("56", "C")]
)
def test_lower_is_better_mirrors_the_path(actual: str, grade: str) -> None:
    assert suggest(NAGAYO, NAGAYO_RULE, m("50", "40", actual, LOWER)) == grade


# 福岡市: an indicator in %, baseline 40.0%, target 50.0%; ±3 points is "unchanged" (b).
@pytest.mark.parametrize(
    ("actual", "grade"),
    [("50.0", "a"), ("44.0", "a"), ("43.1", "a"), ("43.0", "b"), ("42.5", "b"), ("37.0", "b"), ("36.9", "c")],
)
def test_fukuoka_grades_a_b_c_with_three_points_unchanged(actual: str, grade: str) -> None:
    assert suggest(FUKUOKA, FUKUOKA_RULE, m("40.0", "50.0", actual)) == grade


@pytest.mark.parametrize(
    ("trend", "direction", "actual", "standing"),
    [
        (Trend.UP, Direction.HIGHER_IS_BETTER, "111", Standing.REACHED),  # ↑: rose beyond 10%
        (Trend.UP, Direction.HIGHER_IS_BETTER, "105", Standing.UNCHANGED),
        (Trend.UP, Direction.HIGHER_IS_BETTER, "89", Standing.WORSENED),
        (Trend.DOWN, LOWER, "89", Standing.REACHED),  # ↓ 再犯者数: fell beyond 10%
        (Trend.DOWN, Direction.HIGHER_IS_BETTER, "89", Standing.REACHED),  # the arrow names the good way
        (Trend.DOWN, LOWER, "111", Standing.WORSENED),
        (Trend.LEVEL, Direction.HIGHER_IS_BETTER, "92", Standing.REACHED),  # → 維持: within 10% holds
        (Trend.LEVEL, Direction.HIGHER_IS_BETTER, "130", Standing.REACHED),
        (Trend.LEVEL, Direction.HIGHER_IS_BETTER, "89", Standing.WORSENED),
    ],
)
def test_an_arrow_target_is_graded_by_the_change_from_the_baseline(
    trend: Trend, direction: Direction, actual: str, standing: Standing
) -> None:
    assert place(m("100", None, actual, direction, trend), NAGAYO_RULE).standing is standing


def test_keizoku_jisshi_places_nothing_and_states_no_problem() -> None:
    suggestion = NAGAYO.suggest_for(
        [m("100", None, "130", trend=Trend.CONTINUE)], CombinePolicy.BASELINE, NAGAYO_RULE
    )
    assert suggestion.grade is None and suggestion.problems == ()


@pytest.mark.parametrize(
    ("measurement", "problem"),
    [
        (m(None, "120", "112"), MISSING_BASELINE),
        (m("100", "120", None), MISSING_ACTUAL),
        (m("100", None, "112"), MISSING_TARGET),
    ],
)
def test_a_missing_figure_gives_no_suggestion_and_says_why_in_japanese(
    measurement: Measurement, problem: str
) -> None:
    suggestion = NAGAYO.suggest_for([measurement], CombinePolicy.BASELINE, NAGAYO_RULE)
    assert suggestion.grade is None
    assert suggestion.problems == (problem,)


def test_the_baseline_policy_without_a_rule_says_it_is_not_set() -> None:
    suggestion = NAGAYO.suggest_for([m("100", "120", "125")], CombinePolicy.BASELINE, None)
    assert suggestion.grade is None and suggestion.problems == (NO_RULE,)


def test_several_indicators_give_the_lowest_standing_and_the_others_problems() -> None:
    # 就職者数 reached (S), 相談件数 within 10% (B), 満足度 without a baseline: B, with the reason.
    measurements = [m("100", "120", "125"), m("200", "240", "190"), m(None, "80", "85")]
    suggestion = NAGAYO.suggest_for(measurements, CombinePolicy.BASELINE, NAGAYO_RULE)
    assert suggestion.grade is not None and suggestion.grade.label == "B"
    assert suggestion.problems == (MISSING_BASELINE,)


def test_the_rule_round_trips_and_is_checked_against_the_scale() -> None:
    assert NAGAYO.baseline_rule(NAGAYO_RULE.to_dict()) == NAGAYO_RULE
    assert NAGAYO_RULE.to_dict()["kind"] == ToleranceKind.RELATIVE.value
    unknown = NAGAYO_RULE.to_dict() | {
        "grades": {"reached": "S", "improved": "A", "unchanged": "B", "worsened": "D"}
    }
    with pytest.raises(GradeError, match="「D」は使えません"):
        NAGAYO.baseline_rule(unknown)
    upside_down = NAGAYO_RULE.to_dict() | {
        "grades": {"reached": "C", "improved": "A", "unchanged": "B", "worsened": "S"}
    }
    with pytest.raises(GradeError, match="同じか下位の達成度"):
        NAGAYO.baseline_rule(upside_down)
    with pytest.raises(GradeError, match="許容幅は0以上"):
        NAGAYO.baseline_rule(NAGAYO_RULE.to_dict() | {"tolerance": "-0.1"})
    with pytest.raises(GradeError, match="100%以下"):
        NAGAYO.baseline_rule(NAGAYO_RULE.to_dict() | {"tolerance": "1.5"})
    with pytest.raises(GradeError, match="読めません"):
        NAGAYO.baseline_rule({"tolerance": "abc", "kind": "relative", "grades": {}})
    assert NAGAYO.baseline_rule({}) is None
    ten_points = FUKUOKA_RULE.to_dict() | {"tolerance": str(Decimal("10").normalize())}  # "1E+1"
    assert FUKUOKA.baseline_rule(ten_points).to_dict()["tolerance"] == "10"  # type: ignore[union-attr]
    typed = NAGAYO_RULE.to_dict() | {
        "grades": {"reached": "Ｓ", "improved": "ａ", "unchanged": "B", "worsened": "C"}
    }
    assert NAGAYO.baseline_rule(typed) == NAGAYO_RULE  # spellings of the scale's grades are read


def test_the_not_evaluable_grade_cannot_be_a_standing() -> None:
    rule = NAGAYO_RULE.to_dict() | {
        "grades": {"reached": "S", "improved": "A", "unchanged": "B", "worsened": "－"}
    }
    with pytest.raises(GradeError, match="「－」は使えません"):
        NAGAYO.baseline_rule(rule)


@pytest.mark.parametrize(
    ("text", "trend"),
    [
        ("↑", Trend.UP),
        ("⇧", Trend.UP),
        ("上昇", Trend.UP),
        ("増加", Trend.UP),
        ("（増加）", Trend.UP),
        ("→", Trend.LEVEL),
        ("維持", Trend.LEVEL),
        ("横ばい", Trend.LEVEL),
        ("現状維持", Trend.LEVEL),
        ("↓", Trend.DOWN),
        ("減少", Trend.DOWN),
        ("継続実施", Trend.CONTINUE),
        ("継続", Trend.CONTINUE),
        (" 継続実施 ", Trend.CONTINUE),
        ("―", None),
        ("－", None),
        ("", None),
        ("120人", None),
        ("増加傾向にある", None),
    ],
)
def test_targets_without_numbers_are_read_from_the_spellings_cities_use(
    text: str, trend: Trend | None
) -> None:
    assert parse_trend(text) is trend


def test_an_arrow_target_gives_no_achievement_ratio() -> None:
    measurement = m("100", None, "130", trend=Trend.UP)
    assert measurement.ratio() is None and measurement.problem() is None
    assert NAGAYO.suggest_for([measurement]).grade is None  # the mean policy: 定性的評価 stays


figures = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
rules = st.sampled_from([NAGAYO_RULE, FUKUOKA_RULE])
trends = st.sampled_from([None, Trend.UP, Trend.DOWN, Trend.LEVEL])
directions = st.sampled_from(list(Direction))


def _rank(rule: BaselineRule, measurement: Measurement) -> int:
    standing = place(measurement, rule).standing
    assert standing is not None
    return list(Standing).index(standing)


@given(rules, figures, figures, figures, figures, directions, trends)
def test_a_better_actual_never_gives_a_worse_standing(
    rule: BaselineRule,
    baseline: Decimal,
    target: Decimal,
    a: Decimal,
    b: Decimal,
    direction: Direction,
    trend: Trend | None,
) -> None:
    good = (
        (1 if direction is Direction.HIGHER_IS_BETTER else -1)
        if trend not in (Trend.UP, Trend.DOWN)
        else (1 if trend is Trend.UP else -1)
    )
    worse, better = sorted((a, b), key=lambda v: good * v)
    t = None if trend else target
    lower = Measurement(t, worse, direction, baseline=baseline, trend=trend)
    higher = Measurement(t, better, direction, baseline=baseline, trend=trend)
    assert _rank(rule, higher) <= _rank(rule, lower)


@given(rules, figures, figures, figures)
def test_lower_is_better_mirrors_higher_is_better(
    rule: BaselineRule, baseline: Decimal, target: Decimal, actual: Decimal
) -> None:
    higher = Measurement(target, actual, Direction.HIGHER_IS_BETTER, baseline=baseline)
    mirrored = Measurement(-target, -actual, LOWER, baseline=-baseline)
    assert place(higher, rule) == place(mirrored, rule)


def test_a_target_line_without_a_number_is_proposed_with_its_result() -> None:
    proposals = propose(
        "〇就職者数　↑\n〇相談件数　継続実施\n・支援を　継続", "・就職者数　306人\n・相談件数　1,200件"
    )

    assert [(p.name, p.target, p.actual, p.target_trend) for p in proposals] == [
        ("就職者数", None, Decimal(306), Trend.UP),
        ("相談件数", None, Decimal(1200), Trend.CONTINUE),
    ]  # 「支援を　継続」 has no result of its name: a sentence, not a target
