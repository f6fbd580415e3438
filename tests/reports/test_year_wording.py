"""What a year's report prints for － is that year's cause, set on the year (issue 20).

The seed's legend: 「－：新型コロナウイルス感染症の影響により目標を達成不可/事業を実施不可」 is
FY2021's (令和3年度) wording, not the scale's: another year has another cause, and a year without a
wording of its own prints the grade scale's text.
"""

import datetime
from io import BytesIO

import pytest
from pptx import Presentation

from shinchoku.accounts.models import User
from shinchoku.domain.grades import NOT_EVALUABLE_CRITERIA, THREE_LEVEL_SCALE
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, PlanYear
from shinchoku.reports import council, deck
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
SEED_WORDING = "新型コロナウイルス感染症の影響により目標を達成不可/事業を実施不可"  # the seed, word for word
TYPHOON = "令和元年東日本台風による施設の被災により目標を達成不可/事業を実施不可"


def _jimukyoku() -> User:
    return User.objects.get(username="jimukyoku")


def _plan() -> Plan:
    return Plan.objects.get(slug=PLAN)


def _open_2022(wording: str = "") -> PlanYear:
    plan_year, _ = workflow.open_year(
        plan=_plan(), fiscal_year=2022, deadline=datetime.date(2023, 4, 28), actor=_jimukyoku()
    )
    if wording:
        plan_year = workflow.change_not_evaluable_wording(
            plan_year=plan_year, wording=wording, actor=_jimukyoku()
        )
    return plan_year


def _legend_of_dash(html: str) -> str:
    """Return the legend's row of － in the council report's HTML."""
    start = html.index('<th scope="row" class="grade">－</th>')
    return html[start : html.index("</tr>", start)]


def test_the_fy2021_report_prints_the_seeds_covid_wording_for_the_dash() -> None:
    html = council.render_html(_plan(), 2021)

    assert f"例）{SEED_WORDING}" in _legend_of_dash(html)
    slides = Presentation(BytesIO(deck.build_deck(_plan(), 2021)))
    legend = [
        [cell.text for cell in row.cells]
        for slide in slides.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        if row.cells[0].text == "－"
    ]
    assert legend == [["－", f"評価不能\n例）{SEED_WORDING}"]]


def test_fy2022_with_its_own_wording_prints_that_and_not_fy2021s() -> None:
    _open_2022(TYPHOON)

    legend = _legend_of_dash(council.render_html(_plan(), 2022))

    assert f"例）{TYPHOON}" in legend
    assert "新型コロナウイルス" not in legend
    # FY2021's report keeps its own wording.
    assert SEED_WORDING in _legend_of_dash(council.render_html(_plan(), 2021))


def test_a_year_without_a_wording_prints_the_grade_scales_text() -> None:
    _open_2022()
    scale_text = _plan().scale().not_evaluable.criteria  # type: ignore[union-attr]

    legend = _legend_of_dash(council.render_html(_plan(), 2022))

    assert scale_text == NOT_EVALUABLE_CRITERIA
    assert f"例）{scale_text}" in legend and "新型コロナウイルス" not in legend


def test_clearing_the_wording_goes_back_to_the_scales_text_and_the_history_keeps_both() -> None:
    plan_year = _open_2022(TYPHOON)
    workflow.change_not_evaluable_wording(plan_year=plan_year, wording="  ", actor=_jimukyoku())

    assert NOT_EVALUABLE_CRITERIA in _legend_of_dash(council.render_html(_plan(), 2022))
    history = list(
        plan_year.history.order_by("history_date").values_list(
            "not_evaluable_wording", "history_user__username"
        )
    )
    assert history[-2:] == [(TYPHOON, "jimukyoku"), ("", "jimukyoku")]


def test_the_secretariat_sets_the_wording_on_the_plans_page() -> None:
    _open_2022()
    client = login("jimukyoku")

    page = client.get(f"/plans/{PLAN}/").content.decode()
    assert (
        f'action="/plans/{PLAN}/2022/wording/"' in page and SEED_WORDING in page
    )  # FY2021's form holds the seed's

    response = client.post(f"/plans/{PLAN}/2022/wording/", {"wording": f"{TYPHOON}\n"})
    assert response.status_code == 302
    assert PlanYear.objects.get(plan__slug=PLAN, fiscal_year=2022).not_evaluable_wording == TYPHOON
    assert TYPHOON in client.get(f"/plans/{PLAN}/").content.decode()  # shown in FY2022's form


def test_a_wording_over_200_characters_is_refused_with_the_text_kept_and_nothing_written() -> None:
    _open_2022(TYPHOON)
    too_long = "新型コロナウイルス感染症の影響により" * 12  # 216 characters

    response = login("jimukyoku").post(f"/plans/{PLAN}/2022/wording/", {"wording": too_long})

    assert response.status_code == 400
    assert too_long in response.content.decode()
    assert PlanYear.objects.get(plan__slug=PLAN, fiscal_year=2022).not_evaluable_wording == TYPHOON


def test_a_scale_without_a_not_evaluable_grade_takes_no_wording() -> None:
    plan = _plan()
    plan.grade_scale = THREE_LEVEL_SCALE.to_dict()
    plan.save(update_fields=["grade_scale"])
    plan_year = _open_2022()

    with pytest.raises(workflow.WorkflowError, match="評価不能の達成度（－）がありません"):
        workflow.change_not_evaluable_wording(plan_year=plan_year, wording=TYPHOON, actor=_jimukyoku())
