"""Grade scales and the seed's published grades (令和3年度 進捗管理表)."""

from decimal import Decimal

import pytest

from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import (
    NOT_EVALUABLE_CRITERIA,
    SEED_SCALE,
    THREE_LEVEL_SCALE,
    CombinePolicy,
    GradeScale,
    MergePolicy,
    needs_reason,
)
from shinchoku.domain.ratios import Direction, Measurement

A, B, C, DASH = (SEED_SCALE.parse(label) for label in ("A", "B", "C", "－"))


def m(target: str, actual: str, direction: Direction = Direction.HIGHER_IS_BETTER) -> Measurement:
    return Measurement(target=Decimal(target), actual=Decimal(actual), direction=direction)


# The seed's quantitative programs, their indicators (target, actual) and published grade.
SEED_PROGRAMS = {
    1: ([m("120", "306"), m("7200", "7936")], "A"),  # 就職者数, 施設利用者数
    3: ([m("64", "64.3"), m("55", "88")], "A"),  # 「自立に向かっている」割合, ステップアップ人数
    7: ([m("90", "91"), m("45", "45")], "B"),  # 就労増員数, 実習件数
    14: ([m("60", "96")], "A"),  # 窓口利用者の満足度
    39: ([m("40.6", "53.2"), m("62.6", "81.4"), m("98.1", "100")], "A"),  # 出席率, 進学率
    51: ([m("95", "98.4")], "B"),  # 親身に相談に乗ってくれた割合 (4,360件 has no target)
    55: ([m("67", "67"), m("90", "93")], "B"),  # 継続活用の割合, 「理解できた」割合
}


@pytest.mark.parametrize("number", sorted(SEED_PROGRAMS))
def test_default_policy_reproduces_the_seeds_published_grades(number: int) -> None:
    measurements, published = SEED_PROGRAMS[number]
    ratios = [r for r in (x.ratio() for x in measurements) if r is not None]
    assert SEED_SCALE.suggest(ratios).label == published


def test_program_12_is_b_by_the_numbers_although_graded_a() -> None:
    ratio = m("5300", "5621").ratio()  # セーフティネット住宅登録戸数: 106%
    assert ratio is not None
    assert SEED_SCALE.suggest([ratio]) == B
    assert needs_reason(final=A, suggested=B)


@pytest.mark.parametrize(
    ("ratio", "label"),
    [("1.10", "A"), ("1.0999", "B"), ("0.90", "B"), ("0.8999", "C"), ("0", "C"), ("3", "A")],
)
def test_thresholds_are_110_and_90_percent_inclusive(ratio: str, label: str) -> None:
    from fractions import Fraction

    assert SEED_SCALE.grade_for_ratio(Fraction(ratio)).label == label


@pytest.mark.parametrize("spelling", ["－", "―", "ー", "-", "ｰ", "‐", "—", " － "])
def test_every_dash_the_seed_uses_is_the_not_evaluable_grade(spelling: str) -> None:
    assert SEED_SCALE.parse(spelling) is DASH
    assert DASH.not_evaluable


@pytest.mark.parametrize(("spelling", "label"), [("Ａ", "A"), ("a", "A"), ("Ｂ", "B"), ("C", "C")])
def test_full_width_and_lower_case_letters_are_the_same_grade(spelling: str, label: str) -> None:
    assert SEED_SCALE.parse(spelling).label == label


def test_an_unknown_grade_is_refused_in_japanese() -> None:
    with pytest.raises(GradeError, match="達成度「D」はこの評価尺度にありません"):
        SEED_SCALE.parse("D")


def test_the_not_evaluable_grade_always_needs_a_reason() -> None:
    assert needs_reason(final=DASH, suggested=None)
    assert not needs_reason(final=B, suggested=B)
    assert not needs_reason(final=B, suggested=None)  # 定性的評価: graded by hand


def test_b_and_dash_merge_to_b_as_the_seed_notes() -> None:
    assert SEED_SCALE.merge([B, DASH]) == B
    assert SEED_SCALE.merge([DASH, B]) == B


def test_merge_takes_the_lower_grade_by_default_and_the_higher_on_request() -> None:
    assert SEED_SCALE.merge([A, C]) == C
    assert SEED_SCALE.merge([A, C], MergePolicy.HIGHER) == A


def test_merge_of_dashes_only_is_dash_and_of_nothing_is_none() -> None:
    assert SEED_SCALE.merge([DASH, DASH]) == DASH
    assert SEED_SCALE.merge([]) is None


@pytest.mark.parametrize(
    ("policy", "label"),
    [(CombinePolicy.MEAN, "A"), (CombinePolicy.WORST, "B"), (CombinePolicy.BEST, "A")],
)
def test_combine_policies_differ_on_program_3(policy: CombinePolicy, label: str) -> None:
    ratios = [r for r in (x.ratio() for x in SEED_PROGRAMS[3][0]) if r is not None]
    assert SEED_SCALE.suggest(ratios, policy).label == label


def test_no_indicator_with_target_and_actual_suggests_nothing() -> None:
    assert SEED_SCALE.suggest([]) is None
    assert Measurement(target=None, actual=Decimal(4360)).ratio() is None


def test_a_scale_survives_its_round_trip_through_plain_data() -> None:
    for scale in (SEED_SCALE, THREE_LEVEL_SCALE):
        assert GradeScale.from_dict(scale.to_dict()) == scale


def test_other_cities_scales_are_data() -> None:
    scale = GradeScale.from_dict(
        {
            "name": "S/A/B/C",
            "grades": [
                {"label": "S", "min_ratio": "1.2"},
                {"label": "A", "min_ratio": "1.0"},
                {"label": "B", "min_ratio": "0.8"},
                {"label": "C", "min_ratio": "0"},
                {"label": "C コロナ影響有", "not_evaluable": True},
            ],
        }
    )
    assert scale.labels == ("S", "A", "B", "C", "C コロナ影響有")
    assert scale.parse("Ｓ").label == "S"
    assert scale.merge([scale.parse("B"), scale.parse("C コロナ影響有")]).label == "B"


@pytest.mark.parametrize(
    "grades",
    [
        [],
        [{"label": "A"}, {"label": "A"}],
        [{"label": "－", "not_evaluable": True}, {"label": "A"}],
        [{"label": "A", "min_ratio": "0.9"}, {"label": "B", "min_ratio": "1.1"}],
    ],
)
def test_malformed_scales_are_refused(grades: list[dict[str, object]]) -> None:
    with pytest.raises(GradeError):
        GradeScale.from_dict({"grades": grades})


def test_a_years_wording_replaces_the_criteria_of_the_dash_only() -> None:
    covid = "新型コロナウイルス感染症の影響により目標を達成不可/事業を実施不可"  # FY2021's, the seed's

    year_scale = SEED_SCALE.with_not_evaluable_criteria(covid)

    assert year_scale.parse("－").criteria == covid
    assert [g.criteria for g in year_scale.grades[:3]] == [g.criteria for g in SEED_SCALE.grades[:3]]
    assert year_scale.labels == SEED_SCALE.labels and year_scale.parse("ー").label == "－"


def test_an_empty_wording_or_a_scale_without_a_dash_keeps_the_scales_text() -> None:
    assert SEED_SCALE.with_not_evaluable_criteria("  ") is SEED_SCALE
    assert SEED_SCALE.parse("－").criteria == NOT_EVALUABLE_CRITERIA
    assert "新型コロナ" not in NOT_EVALUABLE_CRITERIA  # the scale names no year's cause
    assert THREE_LEVEL_SCALE.with_not_evaluable_criteria("台風") is THREE_LEVEL_SCALE
