"""Measures (施策) graded from their programs: the rule's screen, grades by hand, and the figures (issue 25)."""

import pytest

from shinchoku.accounts.models import User
from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.measures import parse_rule
from shinchoku.plans import measure_services
from shinchoku.plans.measure_models import MeasureGrade
from shinchoku.plans.models import Plan, PlanNode
from shinchoku.reports.figures import build_figures
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
A_TO_D = GradeScale(name="施策評価", grades=tuple(Grade(label=x) for x in "ABCD"))
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
FORM = {
    "kind": "shares",
    "depth": "2",
    "scale_name": "施策評価",
    "labels": "A, B, C, D",
    "ne_label": "",
    "at_least_0": "B",
    "percent_0": "100",
    "at_least_1": "B",
    "percent_1": "75",
    "at_least_2": "B",
    "percent_2": "50",
}


@pytest.fixture
def graded_plan() -> Plan:
    """さいたま市's plan, its measures (1), (2)… graded A–D by the share of programs at B or better."""
    plan = Plan.objects.get(slug=PLAN)
    rule = parse_rule(SHARES, plan.scale())
    return measure_services.change_measure_rule(
        plan=plan, rule=rule, actor=User.objects.get(username="jimukyoku")
    )


def _node(plan: Plan, path: str) -> PlanNode:
    return next(n for n in PlanNode.objects.filter(plan=plan) if n.path_label() == path)


def _item(plan: Plan, path: str) -> dict[str, object]:
    measures = build_figures(plan, 2021)["measures"]
    assert measures is not None
    return next(dict(i) for i in measures["items"] if i["path"] == path)


def test_saitama_without_a_rule_has_no_measures_in_its_figures() -> None:
    assert build_figures(Plan.objects.get(slug=PLAN), 2021)["measures"] is None


def test_the_settings_screen_saves_the_rule_with_the_actor_in_the_plans_history() -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/measures/", FORM)

    assert response.status_code == 302
    plan = Plan.objects.get(slug=PLAN)
    assert plan.measure_rule == SHARES
    assert plan.history.latest("history_date").history_user == User.objects.get(username="jimukyoku")


def test_saving_the_rule_again_keeps_the_meanings_of_the_grades_it_keeps() -> None:
    plan = Plan.objects.get(slug=PLAN)
    meanings = {"A": "順調", "B": "概ね順調", "C": "やや遅れ", "D": "遅れ"}
    scale = GradeScale(name="施策評価", grades=tuple(Grade(label=x, meaning=m) for x, m in meanings.items()))
    measure_services.change_measure_rule(
        plan=plan,
        rule=parse_rule(SHARES | {"scale": scale.to_dict()}, plan.scale()),
        actor=User.objects.get(username="jimukyoku"),
    )

    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/measures/", FORM | {"percent_1": "80"})

    assert response.status_code == 302
    saved = Plan.objects.get(slug=PLAN).measure_rule
    assert {g["label"]: g["meaning"] for g in saved["scale"]["grades"]} == meanings
    assert saved["thresholds"][1]["percent"] == "80"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"percent_2": ""}, "施策の評価「C」の基準（事業の評価と割合）を入力してください。"),
        ({"labels": "A, A, B"}, "施策の評価尺度が読めません"),
        ({"kind": "lowest"}, "事業の評価「A」に対応する施策の評価を入力してください。"),
        (
            {"kind": "lowest", "map_0": "A", "map_1": "C", "map_2": "B"},
            "下位の事業評価に、上位の事業評価より良い",
        ),
        # さいたま市's tree has three levels, 1 → (1) → ①: a fifth would never hold a measure.
        ({"depth": "5"}, "この計画の体系は3階層です。施策の階層は1〜3で指定してください。"),
    ],
)
def test_a_rule_that_cannot_grade_is_refused_in_japanese_with_the_form_kept(
    change: dict[str, str], message: str
) -> None:
    response = login("jimukyoku").post(f"/plans/{PLAN}/settings/measures/", FORM | change)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="施策評価"' in response.content.decode()
    assert Plan.objects.get(slug=PLAN).measure_rule == {}


def test_saitama_1_1_is_a_under_the_shares_rule_and_the_tally_counts_every_measure(graded_plan: Plan) -> None:
    # 1(1) 就労の確保等: programs 1–10, 令和3年度 1–3 A and 4–10 B: 10 of 10 at B or better.
    item = _item(graded_plan, "1(1)")
    assert (item["grade"], item["how"], item["programs"]) == ("A", "rule", list(range(1, 11)))
    assert item["program_counts"] == {
        "total": 10,
        "counted": 10,
        "not_evaluable": 0,
        "excluded": 0,
        "ungraded": 0,
        "by_grade": {"A": 3, "B": 7, "C": 0, "－": 0},
    }
    measures = build_figures(graded_plan, 2021)["measures"]
    assert measures is not None
    # Eleven measures at the second level; every program graded A or B (－ left out): all A.
    assert measures["tally"] == {"A": 11, "B": 0, "C": 0, "D": 0}
    assert (measures["rule"], measures["level"], measures["not_yet_graded"]) == ("shares", 2, 0)


def test_a_grade_by_hand_overrides_the_rule_with_its_reason_and_history(graded_plan: Plan) -> None:
    node = _node(graded_plan, "1(2)")
    data = {"node": node.pk, "version": "0", "grade": "B", "reason": "住居確保の相談件数が減少したため"}

    response = login("jimukyoku").post(f"/plans/{PLAN}/2021/measures/", data)

    assert response.status_code == 302
    item = _item(graded_plan, "1(2)")
    assert (item["grade"], item["how"], item["computed"]) == ("B", "by_hand", "A")
    assert item["reason"] == "住居確保の相談件数が減少したため"
    grade = MeasureGrade.objects.get(node=node, fiscal_year=2021)
    assert grade.history.latest().history_user == User.objects.get(username="jimukyoku")


def test_a_stale_page_is_refused_409_with_the_typed_reason_kept(graded_plan: Plan) -> None:
    node = _node(graded_plan, "1(2)")
    client = login("jimukyoku")
    first = {"node": node.pk, "version": "0", "grade": "B", "reason": "一人目の理由"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", first).status_code == 302

    response = client.post(f"/plans/{PLAN}/2021/measures/", first | {"grade": "C", "reason": "二人目の理由"})

    assert response.status_code == 409
    page = response.content.decode()
    assert "ほかの人が変更しました" in page and "二人目の理由" in page
    assert MeasureGrade.objects.get(node=node, fiscal_year=2021).grade == "B"


def test_a_grade_by_hand_without_a_reason_or_off_the_measure_level_is_refused(graded_plan: Plan) -> None:
    client = login("jimukyoku")
    node = _node(graded_plan, "1(2)")
    area = _node(graded_plan, "1")
    no_reason = client.post(
        f"/plans/{PLAN}/2021/measures/", {"node": node.pk, "version": "0", "grade": "B", "reason": " "}
    )
    off_level = client.post(
        f"/plans/{PLAN}/2021/measures/", {"node": area.pk, "version": "0", "grade": "B", "reason": "理由"}
    )
    unknown = client.post(
        f"/plans/{PLAN}/2021/measures/", {"node": node.pk, "version": "0", "grade": "E", "reason": "理由"}
    )

    assert (no_reason.status_code, off_level.status_code, unknown.status_code) == (400, 400, 400)
    assert "施策の階層にない項目" in off_level.content.decode()
    assert "施策の評価「E」は施策の評価尺度にありません" in unknown.content.decode()
    assert not MeasureGrade.objects.filter(node__plan=graded_plan).exists()


def test_the_year_screen_lists_measures_with_their_programs_grades(graded_plan: Plan) -> None:
    page = login("jimukyoku").get(f"/plans/{PLAN}/2021/measures/").content.decode()
    assert "1(1) 就労の確保等" in page
    assert "1 A、2 A、3 A、4 B" in page


def test_a_scale_that_loses_a_grade_given_by_hand_is_refused(graded_plan: Plan) -> None:
    actor = User.objects.get(username="jimukyoku")
    rule = parse_rule(SHARES, graded_plan.scale())
    assert rule is not None
    node = _node(graded_plan, "1(2)")
    measure_services.give_measure_grade(
        plan=graded_plan,
        rule=rule,
        node_id=node.pk,
        fiscal_year=2021,
        grade="D",
        reason="理由",
        version=0,
        actor=actor,
    )
    three = parse_rule(
        SHARES
        | {
            "scale": GradeScale(name="3", grades=tuple(Grade(label=x) for x in "ABC")).to_dict(),
            "thresholds": THRESHOLDS[:2],
        },
        graded_plan.scale(),
    )
    with pytest.raises(measure_services.MeasureError, match="「D」がこの施策の評価尺度にない"):
        measure_services.change_measure_rule(plan=graded_plan, rule=three, actor=actor)


def test_withdrawing_a_grade_by_hand_gives_back_the_computed_grade_and_keeps_the_history(
    graded_plan: Plan,
) -> None:
    node = _node(graded_plan, "1(2)")
    client = login("jimukyoku")
    given = {"node": node.pk, "version": "0", "grade": "B", "reason": "理由"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", given).status_code == 302
    stale = client.post(f"/plans/{PLAN}/2021/measures/", {"node": node.pk, "version": "0", "withdraw": "on"})
    assert stale.status_code == 409

    response = client.post(
        f"/plans/{PLAN}/2021/measures/", {"node": node.pk, "version": "1", "withdraw": "on"}
    )

    assert response.status_code == 302
    assert (_item(graded_plan, "1(2)")["grade"], _item(graded_plan, "1(2)")["how"]) == ("A", "rule")
    removed = MeasureGrade.history.filter(node_id=node.pk).latest("history_date")
    assert (removed.history_type, removed.history_user.username) == ("-", "jimukyoku")


def test_a_program_scale_the_measure_rule_could_not_read_is_refused(graded_plan: Plan) -> None:
    from shinchoku.domain.grades import THREE_LEVEL_SCALE, CombinePolicy, MergePolicy
    from shinchoku.plans import plan_settings
    from shinchoku.plans.models import YearlyEntry

    # No grade written yet (so only the measure rule stands in the way): its thresholds name B.
    YearlyEntry.objects.filter(program__plan=graded_plan).update(
        suggested_grade="", proposed_grade="", final_grade=""
    )
    data = plan_settings.PlanSettingsInput(THREE_LEVEL_SCALE, CombinePolicy.MEAN, MergePolicy.LOWER, 0)

    with pytest.raises(plan_settings.PlanSettingsError, match="施策の評価方法がこの評価尺度では使えなくなる"):
        plan_settings.change_plan_settings(
            plan=graded_plan, actor=User.objects.get(username="jimukyoku"), data=data
        )
    assert Plan.objects.get(slug=PLAN).grade_scale == graded_plan.grade_scale


def test_the_year_screen_reads_a_fixed_few_queries_whatever_the_number_of_measures(
    graded_plan: Plan, django_assert_max_num_queries: object
) -> None:
    client = login("jimukyoku")
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client.get(f"/plans/{PLAN}/2021/measures/").status_code == 200


def test_a_reason_of_10000_characters_is_refused_with_the_text_kept(graded_plan: Plan) -> None:
    node = _node(graded_plan, "1(2)")
    response = login("jimukyoku").post(
        f"/plans/{PLAN}/2021/measures/",
        {"node": node.pk, "version": "0", "grade": "B", "reason": "長" * 10000},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "2000文字以内" in page and "長" * 10000 in page
    assert not MeasureGrade.objects.filter(node=node).exists()
    rule = parse_rule(SHARES, graded_plan.scale())
    assert rule is not None
    with pytest.raises(measure_services.MeasureError, match="2,000文字以内"):
        measure_services.give_measure_grade(
            plan=graded_plan,
            rule=rule,
            node_id=node.pk,
            fiscal_year=2021,
            grade="B",
            reason="長" * 2001,
            version=0,
            actor=User.objects.get(username="jimukyoku"),
        )


def test_a_stale_save_can_succeed_when_the_kept_form_is_posted_again(graded_plan: Plan) -> None:
    node = _node(graded_plan, "1(2)")
    client = login("jimukyoku")
    first = {"node": node.pk, "version": "0", "grade": "B", "reason": "一人目の理由"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", first).status_code == 302
    stale = client.post(f"/plans/{PLAN}/2021/measures/", first | {"grade": "C", "reason": "二人目の理由"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "一人目の理由" in page  # what was saved meanwhile
    assert 'name="version" value="1"' in page  # the page now carries the saved version

    again = client.post(
        f"/plans/{PLAN}/2021/measures/", first | {"version": "1", "grade": "C", "reason": "二人目の理由"}
    )

    assert again.status_code == 302
    assert MeasureGrade.objects.get(node=node, fiscal_year=2021).grade == "C"


@pytest.mark.parametrize("change", [{"depth": "3"}, {"depth": "1"}, {"kind": ""}])
def test_a_settings_change_that_hides_hand_grades_is_refused_with_the_form_kept(
    graded_plan: Plan, change: dict[str, str]
) -> None:
    client = login("jimukyoku")
    node = _node(graded_plan, "1(2)")
    given = {"node": node.pk, "version": "0", "grade": "D", "reason": "理由"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", given).status_code == 302

    response = client.post(f"/plans/{PLAN}/settings/measures/", FORM | change)

    assert response.status_code == 400
    assert "手で付けた評価を取り下げてください" in response.content.decode()
    graded_plan.refresh_from_db()
    assert graded_plan.measure_rule["depth"] == 2
    assert _item(graded_plan, "1(2)")["grade"] == "D"


def test_refusals_without_a_message_now_say_what_to_do(graded_plan: Plan) -> None:
    client = login("jimukyoku")
    node = _node(graded_plan, "1(2)")
    url = f"/plans/{PLAN}/2021/measures/"
    good = {"node": node.pk, "version": "0", "grade": "B", "reason": "理由"}
    cases = [
        (good | {"grade": "B" * 21}, "20文字以内"),
        (good | {"node": "abc"}, "施策を選び直して"),
        (good | {"node": ""}, "施策を選び直して"),
        (good | {"version": "abc"}, "画面を開き直して"),
        (good | {"version": ""}, "画面を開き直して"),
        (good | {"version": "-1"}, "画面を開き直して"),
        ({"node": node.pk, "version": "0", "withdraw": "on"}, "手で付けた評価がない"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    other = PlanNode.objects.exclude(plan=graded_plan).first()
    assert other is not None
    response = client.post(url, {"node": other.pk, "version": "0", "withdraw": "on"})
    assert response.status_code == 400 and "施策の階層にない項目" in response.content.decode()
    assert not MeasureGrade.objects.filter(node__plan=graded_plan).exists()


def test_withdraw_0_does_not_withdraw_and_the_same_grade_again_adds_no_history(graded_plan: Plan) -> None:
    client = login("jimukyoku")
    node = _node(graded_plan, "1(2)")
    given = {"node": node.pk, "version": "0", "grade": "B", "reason": "理由\r\n二行目"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", given).status_code == 302
    again = given | {"version": "1", "withdraw": "0"}
    assert client.post(f"/plans/{PLAN}/2021/measures/", again).status_code == 302

    row = MeasureGrade.objects.get(node=node, fiscal_year=2021)
    assert (row.grade, row.version, row.history.count()) == ("B", 1, 1)


def test_the_duplicate_label_and_the_settings_history_read_in_japanese(graded_plan: Plan) -> None:
    client = login("jimukyoku")
    duplicate = client.post(f"/plans/{PLAN}/settings/measures/", FORM | {"labels": "A, A, B"})
    assert duplicate.status_code == 400
    assert "重複しています: A、A、B" in duplicate.content.decode()
    page = client.get(f"/plans/{PLAN}/settings/measures/").content.decode()
    assert "一定の達成度以上の事業の割合で評価する" in page
    assert ">shares<" not in page
