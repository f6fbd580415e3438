"""Further graded dimensions (川崎市 施策進行管理・評価表: 達成度 1…5, 事業の妥当性 5…1, 3年間の状況 I…IV).

The example areas are shaped like 川崎市's 施策課題 (programs graded on 達成度 and on 妥当性); the
counts are ours, chosen so that every label of each scale appears once.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shinchoku.domain.dimension_tallies import dimension_figures, program_grades
from shinchoku.domain.dimensions import (
    Dimension,
    DimensionError,
    check_unique,
    clean_grades,
    dimensions_data,
    missing_grades,
    parse_dimensions,
)
from shinchoku.domain.figures import Level, ListingRow
from shinchoku.domain.grades import MergePolicy
from shinchoku.domain.scale_presets import PRESETS

VALIDITY = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])
EFFECTIVENESS = Dimension(key="effectiveness", name="有効性・効率性・経済性", scale=PRESETS["five-to-one"])
STATUS = Dimension(key="status", name="3年間の状況", scale=PRESETS["status-i-iv"])

AREA_1 = Level(path="1-1", title="就労・住居の確保")
AREA_2 = Level(path="1-2", title="保健医療・福祉サービスの利用の促進")
LISTINGS = [
    *(ListingRow(area=AREA_1, level=AREA_1, program=n, is_relisting=False) for n in (1, 2, 3, 4, 5)),
    ListingRow(area=AREA_2, level=AREA_2, program=6, is_relisting=False),
    ListingRow(area=AREA_2, level=AREA_2, program=3, is_relisting=True),  # 再掲
    ListingRow(area=AREA_2, level=AREA_2, program=7, is_relisting=False),  # not yet graded
]


def test_a_scale_lists_its_labels_best_first_whichever_way_its_numbers_run() -> None:
    assert PRESETS["one-to-five"].labels == ("1", "2", "3", "4", "5")  # 達成度: 1 目標を大きく上回って達成
    assert VALIDITY.scale.labels == ("5", "4", "3", "2", "1")  # 妥当性: 5 優る … 1 劣る
    assert VALIDITY.scale.grades[0].meaning == "優る" and VALIDITY.scale.grades[-1].meaning == "劣る"
    assert STATUS.scale.not_evaluable is not None
    assert STATUS.scale.not_evaluable.meaning == "法制度等の改定により比較不能"
    assert STATUS.parse("Ⅳ").label == "IV" and STATUS.parse("ＩＩ").label == "II"


def test_a_plan_stores_its_dimensions_as_plain_data_and_reads_them_back() -> None:
    data = dimensions_data([VALIDITY, EFFECTIVENESS, STATUS])
    assert [d["key"] for d in data] == ["validity", "effectiveness", "status"]
    assert parse_dimensions(data) == (VALIDITY, EFFECTIVENESS, STATUS)
    assert parse_dimensions([]) == () and parse_dimensions(None) == ()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"key": "validity"}, "読めません"),
        ("validity", "読めません"),
        ({"key": "Validity", "name": "妥当性", "scale": PRESETS["five-to-one"].to_dict()}, "キー"),
        ({"key": "妥当性", "name": "妥当性", "scale": PRESETS["five-to-one"].to_dict()}, "キー"),
        ({"key": "validity", "name": " ", "scale": PRESETS["five-to-one"].to_dict()}, "名前"),
        ({"key": "validity", "name": "妥当性", "scale": {"grades": []}}, "少なくとも"),
    ],
)
def test_a_dimension_that_cannot_be_read_is_refused_in_japanese(data: object, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_dimensions([data])


def test_two_dimensions_may_share_neither_key_nor_name() -> None:
    with pytest.raises(DimensionError, match="キーが重複"):
        check_unique([VALIDITY, Dimension(key="validity", name="別の観点", scale=VALIDITY.scale)])
    with pytest.raises(DimensionError, match="名前が重複"):
        check_unique([VALIDITY, Dimension(key="other", name="事業の 妥当性", scale=VALIDITY.scale)])


def test_an_entrys_grades_are_read_on_each_dimensions_scale() -> None:
    dims = [VALIDITY, STATUS]
    assert clean_grades(dims, {"status": "Ⅰ", "validity": "５"}) == {"validity": "5", "status": "I"}
    assert clean_grades(dims, {"validity": " "}) == {}
    with pytest.raises(
        DimensionError, match="事業の妥当性「6」はこの観点の評価尺度にありません。5、4、3、2、1"
    ):
        clean_grades(dims, {"validity": "6"})
    with pytest.raises(DimensionError, match="この計画にありません"):
        clean_grades(dims, {"priority": "5"})
    assert missing_grades(dims, {"validity": "5"}) == ["3年間の状況"]


def test_departments_grades_merge_by_the_plans_policy_on_the_dimensions_own_order() -> None:
    # 5 is best on 妥当性: the lower grade of 5 and 3 is 3, the higher is 5.
    assert program_grades(VALIDITY, {1: ["5", "3"]}, MergePolicy.LOWER) == {1: "3"}
    assert program_grades(VALIDITY, {1: ["5", "3"]}, MergePolicy.HIGHER) == {1: "5"}
    # IV (比較不能) gives way to another department's grade, as － does on 達成度.
    assert program_grades(STATUS, {1: ["IV", "II"]}, MergePolicy.LOWER) == {1: "II"}
    assert program_grades(STATUS, {1: ["IV"]}, MergePolicy.LOWER) == {1: "IV"}
    assert program_grades(VALIDITY, {1: []}, MergePolicy.LOWER) == {}


def test_a_dimension_is_counted_per_area_by_listing_and_by_program_in_its_own_order() -> None:
    grades = {1: ["5"], 2: ["4"], 3: ["3"], 4: ["2"], 5: ["1"], 6: ["5", "4"]}  # 6: two departments

    figures = dimension_figures(
        dimension=VALIDITY, listings=LISTINGS, grades=grades, policy=MergePolicy.LOWER, places=0
    )

    assert figures["scale"] == ["5", "4", "3", "2", "1"]
    assert figures["meanings"]["5"] == "優る"
    assert figures["counts"] == {"5": 1, "4": 2, "3": 2, "2": 1, "1": 1}  # 3 twice: listed again
    assert figures["total"] == 7 and figures["unique_total"] == 6
    assert figures["unique_counts"] == {"5": 1, "4": 2, "3": 1, "2": 1, "1": 1}
    assert figures["percent"] == {"5": 14, "4": 29, "3": 29, "2": 14, "1": 14}
    area_1, area_2 = figures["by_area"]
    assert (area_1["number"], area_1["title"]) == ("1-1", "就労・住居の確保")
    assert area_1["counts"] == {"5": 1, "4": 1, "3": 1, "2": 1, "1": 1}
    assert area_1["percent"] == {"5": 20, "4": 20, "3": 20, "2": 20, "1": 20}
    assert area_2["counts"] == {"5": 0, "4": 1, "3": 1, "2": 0, "1": 0}
    assert area_2["total"] == 2 and area_2["unique_total"] == 2
    assert figures["ungraded_programs"] == [7]


def test_an_area_without_grades_yet_still_has_its_row() -> None:
    figures = dimension_figures(
        dimension=STATUS, listings=LISTINGS, grades={}, policy=MergePolicy.LOWER, places=1
    )
    assert [a["number"] for a in figures["by_area"]] == ["1-1", "1-2"]
    assert figures["by_area"][0]["counts"] == {"I": 0, "II": 0, "III": 0, "IV": 0}
    assert figures["percent"] == {"I": 0.0, "II": 0.0, "III": 0.0, "IV": 0.0}
    assert figures["ungraded_programs"] == [1, 2, 3, 4, 5, 6, 7]


labels = st.sampled_from(VALIDITY.scale.labels)


@given(st.dictionaries(st.integers(1, 7), st.lists(labels, max_size=3)), st.sampled_from(list(MergePolicy)))
def test_areas_sum_to_the_overall_count_and_every_program_is_graded_or_listed_as_ungraded(
    grades: dict[int, list[str]], policy: MergePolicy
) -> None:
    figures = dimension_figures(dimension=VALIDITY, listings=LISTINGS, grades=grades, policy=policy, places=0)
    for label in VALIDITY.scale.labels:
        assert sum(a["counts"][label] for a in figures["by_area"]) == figures["counts"][label]
    assert sum(figures["counts"].values()) == figures["total"]
    graded = {n for n, given_ in grades.items() if given_}
    assert set(figures["ungraded_programs"]) == {row.program for row in LISTINGS} - graded


@given(st.lists(labels, min_size=1, max_size=4), st.sampled_from(list(MergePolicy)))
def test_a_merged_grade_is_one_of_the_departments_grades(given_: list[str], policy: MergePolicy) -> None:
    merged = program_grades(VALIDITY, {1: given_}, policy)[1]
    assert merged in given_
    ranks = [VALIDITY.scale.labels.index(g) for g in given_]
    expected = max(ranks) if policy is MergePolicy.LOWER else min(ranks)
    assert VALIDITY.scale.labels.index(merged) == expected


@given(st.from_regex(r"[a-z][a-z0-9_]{0,29}", fullmatch=True), st.text(min_size=1, max_size=20))
def test_any_valid_dimension_survives_a_round_trip(key: str, name: str) -> None:
    if not name.strip():
        return
    dimension = Dimension(key=key, name=name, scale=PRESETS["status-i-iv"])
    assert Dimension.from_dict(dimension.to_dict()) == dimension
