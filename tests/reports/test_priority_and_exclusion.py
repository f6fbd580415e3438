"""「うち重点」 and 評価対象外 in the figures and every output, on the seed's 令和3年度 (74 listings, 60 programs).

The seed's year counts its COVID-hit items as － (A 12 / B 56 / C 0 / － 6 by the merge rule, 12/54/0/8
as published). Had they been 評価対象外 (枚方市's way), they leave the count: the six listings whose
only grade is － go, and programs 16 and 57 keep their other department's B.
"""

import json
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from shinchoku.plans.models import Plan, PlanYear, Program, YearlyEntry
from shinchoku.reports import council, deck, exports
from shinchoku.reports.figures import build_figures
from shinchoku.reports.progress_table import to_csv, to_xlsx

pytestmark = pytest.mark.django_db
COVID = "新型コロナウイルス感染症の影響により事業を中止したため"


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


@pytest.fixture
def covid_excluded(plan: Plan) -> Plan:
    """The year's － entries marked 評価対象外 instead (a fixture, written directly)."""
    YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021, final_grade="－").update(
        excluded=True, excluded_reason=COVID, final_grade="", proposed_grade="", reason="", proposed_reason=""
    )
    return plan


@pytest.fixture
def priority(plan: Plan) -> Plan:
    """「うち重点」 shown, programs 1, 3, 12 and 16 marked 重点 (a 川崎市-like marking of the seed)."""
    Program.objects.filter(plan=plan, number__in=[1, 3, 12, 16]).update(is_priority=True)
    Plan.objects.filter(pk=plan.pk).update(show_priority=True)
    return Plan.objects.get(pk=plan.pk)


def grades(counts: dict) -> tuple[int, ...]:
    return tuple(counts[g] for g in ("A", "B", "C", "－"))


def test_a_plan_with_neither_has_no_priority_and_nothing_excluded(plan: Plan) -> None:
    figures = build_figures(plan, 2021)
    assert figures["priority"] is None
    assert figures["excluded"] == []
    assert (figures["total"], grades(figures["overall"])) == (74, (12, 56, 0, 6))


def test_excluded_programs_leave_every_count_and_percentage(covid_excluded: Plan) -> None:
    figures = build_figures(covid_excluded, 2021)
    assert figures["total"] == 68
    assert grades(figures["overall"]) == (12, 56, 0, 0)
    assert grades(figures["overall_percent"]) == (18, 82, 0, 0)  # 12/68 = 17.6 → 18, 56/68 = 82.4 → 82
    assert sum(a["total"] for a in figures["by_area"]) == 68
    assert all(
        figures["checks"][k] for k in ("areas_sum_to_overall", "types_sum_to_overall", "levels_sum_to_areas")
    )
    assert figures["checks"]["ungraded_programs"] == []
    assert {p["reason"] for p in figures["excluded"]} == {COVID}
    assert 16 not in {p["program"] for p in figures["excluded"]}  # its other department graded it B
    assert figures["programs"] == 60 - len(figures["excluded"])
    # Left out of the merge, the excluded department no longer makes 16 a program of two graded departments.
    assert 16 not in {m["program"] for m in figures["merged"]}


def test_area_2_without_its_four_dashes(covid_excluded: Plan) -> None:
    area = build_figures(covid_excluded, 2021)["by_area"][1]
    # ⑤ printed A 2 / B 20 / C 0 / － 4 of 26 (8% / 77% / 0% / 15%); without the － items: 2 / 20 of 22.
    assert (area["total"], grades(area["counts"]), grades(area["percent"])) == (
        22,
        (2, 20, 0, 0),
        (9, 91, 0, 0),
    )


def test_priority_counts_beside_the_totals(priority: Plan) -> None:
    figures = build_figures(priority, 2021)
    part = figures["priority"]
    assert part is not None
    assert part["marked"] == [1, 3, 12, 16]
    assert part["programs"] == 4
    assert part["total"] == sum(a["total"] for a in part["by_area"])
    assert len(part["by_area"]) == len(figures["by_area"])  # one per area, zeros where none
    assert all(part["overall"][g] <= figures["overall"][g] for g in figures["scale"])
    assert part["overall"]["A"] == 3  # programs 1 (110.2%), 3 and 12 (106.1%, graded A for its extra results)


def test_a_years_own_list_replaces_the_marks(priority: Plan) -> None:
    PlanYear.objects.filter(plan=priority, fiscal_year=2021).update(priority_numbers=[57])
    part = build_figures(priority, 2021)["priority"]
    assert part is not None and part["marked"] == [57] and part["programs"] == 1
    assert grades(part["overall_unique"]) == (0, 1, 0, 0)  # 57: B and － → B


def test_the_json_and_api_carry_both_keys(priority: Plan) -> None:
    payload = json.loads(exports.build("json", priority, 2021))
    assert payload["priority"]["marked"] == [1, 3, 12, 16]
    assert payload["excluded"] == []


def test_the_council_report_prints_priority_beside_each_total(priority: Plan) -> None:
    html = council.render_html(priority, 2021)
    assert html.count("うち重点") >= 1 + 3 + len(build_figures(priority, 2021)["by_area"])
    assert "評価対象外" not in html


def test_the_council_report_notes_the_excluded_programs(covid_excluded: Plan) -> None:
    html = council.render_html(covid_excluded, 2021)
    figures = build_figures(covid_excluded, 2021)
    assert f"評価対象外：{len(figures['excluded'])}事業（{COVID}）" in html
    assert "うち重点" not in html


def test_a_plan_with_neither_prints_no_new_word(plan: Plan) -> None:
    html = council.render_html(plan, 2021)
    assert "うち重点" not in html and "評価対象外" not in html
    workbook = load_workbook(BytesIO(to_xlsx(plan, 2021)))
    assert workbook.sheetnames == ["令和3年度進捗管理表"]


def test_the_deck_shows_priority_rows(priority: Plan) -> None:
    slides = Presentation(BytesIO(deck.build_deck(priority, 2021)))
    texts = [
        cell.text
        for slide in slides.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    ]
    assert texts.count("うち重点") >= 3 + len(build_figures(priority, 2021)["by_area"])


def test_the_workbook_marks_excluded_entries_and_adds_the_tally(covid_excluded: Plan) -> None:
    workbook = load_workbook(BytesIO(to_xlsx(covid_excluded, 2021)))
    assert workbook.sheetnames == ["令和3年度進捗管理表", "集計"]
    cells = [c.value for row in workbook["令和3年度進捗管理表"].iter_rows() for c in row]
    assert "評価対象外" in cells and "－" not in cells
    tally = [[c.value for c in row] for row in workbook["集計"].iter_rows()]
    assert ["合計", 68, 28, 40] in tally or any(r[0] == "合計" and r[1] == 68 for r in tally)
    assert any(str(r[0]).startswith("※評価対象外：") for r in tally)
    assert "評価対象外" in to_csv(covid_excluded, 2021).decode("utf-8-sig")


def test_a_kept_report_is_made_again_when_the_marks_or_an_exclusion_change(plan: Plan) -> None:
    from shinchoku.accounts.models import User
    from shinchoku.domain.grades import CombinePolicy, MergePolicy
    from shinchoku.plans import priority as marks
    from shinchoku.plans import workflow
    from shinchoku.plans.plan_settings import PlanSettingsInput, change_plan_settings
    from tests_helpers import login

    client = login("jimukyoku")
    url = "/plans/saitama-r3/2021/report.html"
    assert "うち重点" not in client.get(url).content.decode()
    jimukyoku = User.objects.get(username="jimukyoku")
    marks.set_priority_programs(plan=plan, actor=jimukyoku, numbers={1}, shown=[])
    change_plan_settings(
        plan=plan,
        actor=jimukyoku,
        data=PlanSettingsInput(
            scale=plan.scale(),
            combine_policy=CombinePolicy(plan.combine_policy),
            merge_policy=MergePolicy(plan.merge_policy),
            percent_places=0,
            show_priority=True,
        ),
    )
    assert "うち重点" in client.get(url).content.decode()
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2021)
    entry = workflow.reopen_entry(entry=entry, actor=jimukyoku, version=entry.version, reason="評価対象外に")
    roudou = User.objects.get(username="roudou")
    data = workflow.EntryInput(
        activities=entry.activities,
        target_text=entry.target_text,
        result_text=entry.result_text,
        evaluation_type=entry.evaluation_type,
        proposed_grade="",
        proposed_reason="",
        excluded=True,
        excluded_reason=COVID,
    )
    entry = workflow.save_entry(entry=entry, actor=roudou, version=entry.version, data=data)
    entry = workflow.submit_entry(entry=entry, actor=roudou, version=entry.version)
    workflow.confirm_entry(entry=entry, actor=jimukyoku, version=entry.version, final_grade="", reason="")
    assert f"評価対象外：1事業（{COVID}）" in client.get(url).content.decode()
