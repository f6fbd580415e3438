"""The secretariat sets its plan's grade scale and policies on a screen, with history (issue 20)."""

import pytest

from shinchoku.accounts.models import User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.plans.settings_forms import scale_initial
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"


def _form(preset: str, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        key: ("" if value is None else value) for key, value in scale_initial(PRESETS[preset]).items()
    }
    data.update(combine_policy="mean", merge_policy="lower", percent_places="1")
    data.update(changes)
    return data


@pytest.fixture
def fresh_plan() -> Plan:
    """さいたま市's plan with no grade written yet, as a new city's plan is before its first year."""
    plan = Plan.objects.get(slug=PLAN)
    YearlyEntry.objects.filter(program__plan=plan).update(
        suggested_grade="", proposed_grade="", final_grade=""
    )
    return plan


def test_every_preset_fills_the_form_and_saves_as_it_is(fresh_plan: Plan) -> None:
    client = login("jimukyoku")
    for key, scale in PRESETS.items():
        assert client.get(f"/plans/{PLAN}/settings/?preset={key}").status_code == 200

        # Presets that name their grades only (one-to-five, a-prime…) save without thresholds:
        # their grades are given by hand (docs/practices.md).
        response = client.post(f"/plans/{PLAN}/settings/", _form(key))

        assert response.status_code == 302, key
        fresh_plan.refresh_from_db()
        assert fresh_plan.scale().labels == scale.labels


def test_kawasakis_one_to_five_saves_with_uchi_juten_on_and_no_thresholds(fresh_plan: Plan) -> None:
    client = login("jimukyoku")

    response = client.post(f"/plans/{PLAN}/settings/", _form("one-to-five", show_priority="on"))

    assert response.status_code == 302
    fresh_plan.refresh_from_db()
    assert fresh_plan.show_priority is True
    assert fresh_plan.scale().labels == ("1", "2", "3", "4", "5")
    assert all(g.min_ratio is None for g in fresh_plan.scale().grades)  # graded by hand
    page = client.get(f"/plans/{PLAN}/settings/").content.decode()
    assert "うち重点を表示: しない → する" in page
    assert (
        "達成度の評価尺度: さいたま市 令和3年度 達成度（A／B／C／－） → 5段階（1が最良）（1／2／3／4／5）"
        in page
    )


def test_a_partly_filled_set_of_thresholds_must_still_fall_from_the_best_grade(fresh_plan: Plan) -> None:
    # Thresholds given for some grades only are kept (grades without one are given by hand),
    # but out of order they are refused as before.
    kept = login("jimukyoku").post(
        f"/plans/{PLAN}/settings/", _form("one-to-five", threshold_0="120", threshold_1="105")
    )
    assert kept.status_code == 302
    refused = login("jimukyoku").post(
        f"/plans/{PLAN}/settings/", _form("one-to-five", threshold_0="95", threshold_1="105")
    )
    assert refused.status_code == 400
    assert "達成率の基準値は、上位の達成度ほど大きくしてください。" in refused.content.decode()


def test_the_three_level_scale_with_one_decimal_is_kept_in_the_plans_history(fresh_plan: Plan) -> None:
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/settings/", _form("three-level", meaning_1="目標の半分以上を達成した")
    )

    assert response.status_code == 302
    fresh_plan.refresh_from_db()
    assert fresh_plan.scale().labels == ("達成", "一定の成果あり", "未達成")
    assert fresh_plan.scale().parse("一定の成果あり").meaning == "目標の半分以上を達成した"
    assert str(fresh_plan.scale().parse("一定の成果あり").min_ratio) == "0.5"
    assert fresh_plan.percent_places == 1
    latest = fresh_plan.history.latest("history_date")
    assert latest.history_user == User.objects.get(username="jimukyoku")


def test_a_scale_that_cannot_read_the_grades_already_written_is_refused_in_japanese() -> None:
    plan = Plan.objects.get(slug=PLAN)
    before = plan.grade_scale
    assert YearlyEntry.objects.filter(program__plan=plan, final_grade="A").exists()

    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/", _form("three-level"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "入力済みの取組に使われている達成度「A」「B」「－」がこの評価尺度にないため" in page
    assert 'value="一定の成果あり"' in page  # the typed form is kept
    plan.refresh_from_db()
    assert plan.grade_scale == before


def test_renaming_a_grade_keeps_old_entries_readable_through_its_old_spelling() -> None:
    plan = Plan.objects.get(slug=PLAN)

    response = login("jimukyoku").post(
        f"/plans/{PLAN}/settings/", _form("saitama", label_0="Ａ評価", aliases_0="A, Ａ")
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.scale().parse("A").label == "Ａ評価"


def test_thresholds_out_of_order_are_refused_with_the_scales_own_message(fresh_plan: Plan) -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/", _form("saitama", threshold_1="120"))

    assert response.status_code == 400
    assert "達成率の基準値は、上位の達成度ほど大きくしてください。" in response.content.decode()


def test_a_department_editor_cannot_change_the_plans_settings() -> None:
    response = login("roudou").post(f"/plans/{PLAN}/settings/", _form("saitama"))

    assert response.status_code == 403
