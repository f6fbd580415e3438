"""Grading against a baseline (長与町 S/A/B/C ±10%) on the settings screen, in suggestions and at import.

さいたま市's program 1 (令和3年度): 就職者数 target 120, actual 306; ワークステーションさいたま施設利用者数
target 7,200, actual 7,936. The tests give them baselines and switch the plan to the baseline policy.
"""

from decimal import Decimal

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.baseline import MISSING_BASELINE
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import EvaluationType, Indicator, IndicatorValue, Plan, YearlyEntry
from shinchoku.plans.services import entry_suggestion, refresh_suggested_grade
from shinchoku.plans.settings_forms import scale_initial
from tests_helpers import login
from workbooks import HEADER, small_plan_rows, xlsx

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
NAGAYO_RULE = {
    "tolerance": "0.1",
    "kind": "relative",
    "grades": {"reached": "S", "improved": "A", "unchanged": "B", "worsened": "C"},
}


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        key: ("" if value is None else value) for key, value in scale_initial(PRESETS["s-to-c"]).items()
    }
    data.update(combine_policy="baseline", merge_policy="lower", percent_places="1")
    data.update(
        baseline_tolerance="10",
        baseline_kind="relative",
        baseline_reached="S",
        baseline_improved="A",
        baseline_unchanged="B",
        baseline_worsened="C",
    )
    data.update(changes)
    return data


def test_the_secretariat_chooses_nagayos_rule_on_the_settings_screen_and_it_is_kept_in_history() -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/", _form())

    assert response.status_code == 302
    plan = Plan.objects.get(slug=PLAN)
    assert plan.combine_policy == "baseline"
    assert plan.baseline_rule == NAGAYO_RULE
    assert plan.scale().labels == ("S", "A", "B", "C", "－")  # no ratio thresholds needed
    latest = plan.history.latest("history_date")
    assert latest.baseline_rule == NAGAYO_RULE
    assert latest.history_user == User.objects.get(username="jimukyoku")
    page = login("jimukyoku").get(f"/plans/{PLAN}/settings/").content.decode()
    assert 'name="baseline_tolerance" value="10"' in page
    # The stored suggestions follow: no indicator has a baseline yet, so none is suggested.
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=1, fiscal_year=2021)
    assert entry.suggested_grade == ""
    assert entry.history.latest("history_date").history_user == User.objects.get(username="jimukyoku")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_worsened": ""}, "4つの場合それぞれの達成度がすべて必要です"),
        ({"baseline_reached": "C", "baseline_worsened": "S"}, "同じか下位の達成度にしてください"),
        ({"baseline_unchanged": "D"}, "「D」は使えません"),
        ({"baseline_tolerance": "150"}, "100%以下で入力してください"),
        (
            {
                "baseline_tolerance": "",
                "baseline_kind": "",
                "baseline_reached": "",
                "baseline_improved": "",
                "baseline_unchanged": "",
                "baseline_worsened": "",
            },
            "許容幅と各達成度を入力してください",
        ),
    ],
)
def test_a_rule_that_cannot_grade_is_refused_in_japanese_with_the_input_kept(
    changes: dict[str, str], message: str
) -> None:
    before = Plan.objects.get(slug=PLAN).baseline_rule

    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/", _form(**changes))

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'name="scale_name" value="S／A／B／C／－"' in page
    assert Plan.objects.get(slug=PLAN).baseline_rule == before


def _program_1(baselines: tuple[str | None, str | None], target: str = "7200") -> YearlyEntry:
    plan = Plan.objects.get(slug=PLAN)
    plan.grade_scale = PRESETS["s-to-c"].to_dict()
    plan.combine_policy = "baseline"
    plan.baseline_rule = NAGAYO_RULE
    plan.save()
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=1, fiscal_year=2021)
    indicators = list(Indicator.objects.filter(program=entry.program).order_by("position", "pk"))
    for indicator, baseline in zip(indicators, baselines, strict=True):
        indicator.baseline = None if baseline is None else Decimal(baseline)
        indicator.save()
    IndicatorValue.objects.filter(indicator=indicators[1], fiscal_year=2021).update(target=Decimal(target))
    return entry


@pytest.mark.parametrize(
    ("baselines", "target", "grade"),
    [
        (("100", "7000"), "7200", "S"),  # 306 ≥ 120 and 7,936 ≥ 7,200: both reached
        (("100", "7000"), "9000", "A"),  # 7,936 short of 9,000 but 13% above 7,000: A
        (("100", "8000"), "9000", "B"),  # 7,936 within 10% of 8,000: the lower standing, B
        (("100", "9000"), "9500", "C"),  # 7,936 more than 10% below 9,000
    ],
)
def test_the_entrys_suggestion_is_the_lowest_standing_of_its_indicators(
    baselines: tuple[str, str], target: str, grade: str
) -> None:
    entry = _program_1(baselines, target)

    refresh_suggested_grade(entry=entry)

    assert entry.suggested_grade == grade


def test_an_indicator_without_a_baseline_says_so_and_the_others_still_grade() -> None:
    entry = _program_1(("100", None))

    suggestion = entry_suggestion(entry)

    assert suggestion.grade is not None and suggestion.grade.label == "S"
    assert suggestion.problems == (MISSING_BASELINE,)


def test_an_arrow_target_is_graded_by_the_rise_from_the_baseline() -> None:
    entry = _program_1(("250", "7000"))
    entry.evaluation_type = EvaluationType.QUALITATIVE  # as the import marks a target text 「↑」
    entry.save()
    first = Indicator.objects.filter(program=entry.program).order_by("position", "pk")[0]
    value = IndicatorValue.objects.get(indicator=first, fiscal_year=2021)
    value.target, value.target_trend = None, "up"
    value.save()

    assert entry_suggestion(entry).grade.label == "S"  # type: ignore[union-attr]  # 306 > 250 + 25


def test_a_plan_on_the_mean_policy_ignores_baselines_and_arrows() -> None:
    entry = YearlyEntry.objects.get(program__plan__slug=PLAN, program__number=1, fiscal_year=2021)
    Indicator.objects.filter(program=entry.program).update(baseline=Decimal(1000))

    assert entry_suggestion(entry).grade.label == "A"  # type: ignore[union-attr]  # 255% and 110%: the seed's A


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create(username="demo-city-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def test_the_progress_import_reads_baselines_and_arrow_targets(city: Organization) -> None:
    import_plan(
        name="plan.xlsx",
        content=xlsx(small_plan_rows()),
        organization=city,
        slug="demo-city",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    plan = Plan.objects.get(slug="demo-city")
    program = plan.programs.get(number=1)
    Indicator.objects.create(program=program, name="就職者数", unit="人")
    rows = [list(row) for row in small_plan_rows([*HEADER, "基準値（令和元年度）"])]
    rows[7] = [*rows[7][:7], "労働課", "・就職者数　100人"]
    rows[8][4] = "↑"  # 協力雇用主の開拓: a target without a number
    actor = User.objects.get(username="demo-city-jimukyoku")

    import_progress(name="p.xlsx", content=xlsx(rows), plan=plan, fiscal_year=2021, actor=actor)

    indicator = Indicator.objects.get(program=program)
    assert (indicator.baseline, indicator.baseline_year) == (Decimal(100), 2019)
    assert indicator.history.latest("history_date").history_user == actor
    arrow = YearlyEntry.objects.get(program__plan=plan, program__number=2, fiscal_year=2021)
    assert arrow.target_text == "↑" and arrow.evaluation_type == EvaluationType.QUALITATIVE


def test_fukuokas_three_points_with_a_a_b_c_is_saved_and_grades_the_entries() -> None:
    plan = Plan.objects.get(slug=PLAN)
    YearlyEntry.objects.filter(program__plan=plan).update(
        suggested_grade="", proposed_grade="", final_grade=""
    )
    fukuoka = {"label_0": "a", "label_1": "b", "label_2": "c", "label_3": "", "ne_label": ""}
    rule = {
        "baseline_tolerance": "3",
        "baseline_kind": "points",
        "baseline_reached": "a",
        "baseline_improved": "a",
        "baseline_unchanged": "b",
        "baseline_worsened": "c",
    }
    for i in range(6):
        fukuoka |= {f"aliases_{i}": ""}

    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/", _form(**fukuoka, **rule))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.baseline_rule == {
        "tolerance": "3",
        "kind": "points",
        "grades": {"reached": "a", "improved": "a", "unchanged": "b", "worsened": "c"},
    }
    # 「自立に向かっている」割合 (program 3): baseline 40.0%, target 64%, actual 42.5% → within 3 points: b
    # (the lowest of the two: ステップアップ人数 88 against a target of 55 is reached, a).
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=3, fiscal_year=2021)
    share = Indicator.objects.filter(program=entry.program).order_by("position", "pk")[0]
    IndicatorValue.objects.filter(indicator=share, fiscal_year=2021).update(actual=Decimal("42.5"))
    Indicator.objects.filter(program=entry.program).update(baseline=Decimal("40.0"))
    refresh_suggested_grade(entry=entry)
    assert entry.suggested_grade == "b"
    IndicatorValue.objects.filter(indicator=share, fiscal_year=2021).update(actual=Decimal("44"))
    refresh_suggested_grade(entry=entry)
    assert (
        entry.suggested_grade == "a"
    )  # 44% is 4 points up: improved (a); ステップアップ人数 88 ≥ 55 reached (a)
