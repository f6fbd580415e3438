"""Measures (施策) in every output: the council report (HTML, PDF), the deck, the workbook, JSON (issue 25)."""

import io
import json
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from shinchoku.accounts.models import User
from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.measures import parse_rule
from shinchoku.plans import measure_services
from shinchoku.plans.models import Plan, PlanNode
from shinchoku.reports import exports
from tests_helpers import login

pytestmark = pytest.mark.django_db
PLAN = "saitama-r3"
# 福岡市-like: goals A–D from their programs (here: at least half of the programs at A for an A).
RULE = {
    "kind": "shares",
    "depth": 1,
    "scale": GradeScale(name="施策評価", grades=tuple(Grade(label=x) for x in "ABCD")).to_dict(),
    "thresholds": [
        {"grade": "A", "at_least": "A", "percent": "50"},
        {"grade": "B", "at_least": "B", "percent": "90"},
        {"grade": "C", "at_least": "B", "percent": "50"},
    ],
}


@pytest.fixture
def graded_plan() -> Plan:
    """さいたま市's areas 1–5 graded as measures; area 5 given B by hand with a reason."""
    plan = Plan.objects.get(slug=PLAN)
    actor = User.objects.get(username="jimukyoku")
    rule = parse_rule(RULE, plan.scale())
    assert rule is not None
    plan = measure_services.change_measure_rule(plan=plan, rule=rule, actor=actor)
    area5 = PlanNode.objects.get(plan=plan, parent=None, label="5")
    measure_services.give_measure_grade(
        plan=plan,
        rule=rule,
        node_id=area5.pk,
        fiscal_year=2021,
        grade="C",
        reason="啓発事業の多くを中止したため",
        version=0,
        actor=actor,
    )
    return plan


def test_the_json_report_gives_each_area_its_grade_and_the_tally(graded_plan: Plan) -> None:
    measures = json.loads(exports.build("json", graded_plan, 2021))["measures"]
    # Unique programs of 令和3年度 (－ left out): area 1 A 5 B 8 → 38% at A, 100% at B+ → B;
    # 2: A 2 B 18 → B; 3: A 3 B 10 → B; 4: A 2 B 8 → B; 5 by hand C (the rule: A 0 B 8 → B).
    assert [(m["path"], m["grade"], m["how"]) for m in measures["items"]] == [
        ("1", "B", "rule"),
        ("2", "B", "rule"),
        ("3", "B", "rule"),
        ("4", "B", "rule"),
        ("5", "C", "by_hand"),
    ]
    assert measures["items"][4]["computed"] == "B"
    assert measures["items"][1]["program_counts"] == {
        "total": 24,
        "counted": 20,
        "not_evaluable": 4,
        "excluded": 0,
        "ungraded": 0,
        "by_grade": {"A": 2, "B": 18, "C": 0, "－": 4},
    }
    assert measures["tally"] == {"A": 0, "B": 4, "C": 1, "D": 0}


def test_the_council_report_prints_the_measures_table_and_tally(graded_plan: Plan) -> None:
    html = exports.build("html", graded_plan, 2021).decode()
    assert '<section class="page" id="measures">' in html
    assert "啓発事業の多くを中止したため（基準による評価: B）" in html


def test_the_deck_and_the_workbook_have_the_measures(graded_plan: Plan) -> None:
    deck = Presentation(io.BytesIO(exports.build("pptx", graded_plan, 2021)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "施策の評価" in titles
    book = load_workbook(io.BytesIO(exports.build("xlsx", graded_plan, 2021)))
    sheet = book["令和3年度施策の評価"]
    assert [c.value for c in sheet[3]][:5] == [0, 4, 1, 0, 5]
    assert [c.value for c in sheet[10]][:2] == [
        "5",
        "民間協力者の活動の促進、広報・啓発活動の推進等のための取組",
    ]


def test_a_plan_without_a_rule_prints_as_before() -> None:
    plan = Plan.objects.get(slug=PLAN)
    assert 'id="measures"' not in exports.build("html", plan, 2021).decode()
    assert load_workbook(io.BytesIO(exports.build("xlsx", plan, 2021))).sheetnames == ["令和3年度進捗管理表"]
    deck = Presentation(io.BytesIO(exports.build("pptx", plan, 2021)))
    assert all(s.shapes.title is None or s.shapes.title.text != "施策の評価" for s in deck.slides)
    assert json.loads(exports.build("json", plan, 2021))["measures"] is None


def test_the_pdf_builds_with_the_measures(graded_plan: Plan) -> None:
    assert exports.build("pdf", graded_plan, 2021).startswith(b"%PDF")


def test_the_measures_table_is_laid_out_from_its_header_so_a_long_reason_cannot_stall_the_pdf(
    graded_plan: Plan,
) -> None:
    """An insider's 10,000-character reason kept the year's PDF 「作成中…」 for minutes: WeasyPrint's
    automatic table layout measures every break of a long Japanese text. A table of free text is
    laid out from its header's widths (class texts, table-layout: fixed), as the report's others are."""
    html = exports.build("html", graded_plan, 2021).decode()

    assert '<table class="measures texts">' in html
    assert "table.highlight, table.texts { table-layout: fixed; }" in html


def test_the_dashboard_gives_the_measures_tally(graded_plan: Plan) -> None:
    html = login("jimukyoku").get("/plans/saitama-r3/2021/dashboard/").content.decode()
    table = html[html.index('id="measures"') :]
    table = table[: table.index("</table>")]
    # A 0, B 4 (areas 1–4 by the rule), C 1 (area 5 by hand), D 0 of 5 measures
    assert re.findall(r'class="num">(\d+)<', table) == ["0", "4", "1", "0", "5"]
