"""Every output carries a plan's further dimensions (川崎市 事業の妥当性), and a plan without prints as before.

さいたま市's 令和3年度 entries are given 妥当性 grades here for the test: programs 1–5 of area 1 graded
5, 4, 3, 2, 1 (by 労働政策課 and the others as the seed lists them); the rest are left ungraded.
"""

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook
from pptx import Presentation
from tests.api.conftest import TokenFor

from shinchoku.domain.dimensions import Dimension, dimensions_data
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports import exports
from shinchoku.reports.council import render_html
from shinchoku.reports.deck import build_deck
from shinchoku.reports.figures import build_figures
from shinchoku.reports.progress_table import to_csv, to_xlsx

pytestmark = pytest.mark.django_db
VALIDITY = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])


@pytest.fixture
def graded() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    plan.dimensions = dimensions_data([VALIDITY])
    plan.save(update_fields=["dimensions"])
    for number, grade in zip((1, 2, 3, 4, 5), ("5", "4", "3", "2", "1"), strict=True):
        YearlyEntry.objects.filter(program__plan=plan, program__number=number, fiscal_year=2021).update(
            dimension_grades={"validity": grade}
        )
    return plan


def test_the_figures_count_the_dimension_per_area_in_its_own_order(graded: Plan) -> None:
    figures = build_figures(graded, 2021)
    assert figures["overall"] == {"A": 12, "B": 56, "C": 0, "－": 6}  # 達成度 as published
    (validity,) = figures["dimensions"]
    assert validity["scale"] == ["5", "4", "3", "2", "1"]
    assert validity["unique_counts"] == {"5": 1, "4": 1, "3": 1, "2": 1, "1": 1}
    assert validity["counts"] == {"5": 1, "4": 1, "3": 1, "2": 2, "1": 1}  # program 4 listed again (再掲)
    assert [a["number"] for a in validity["by_area"]] == [a["number"] for a in figures["by_area"]]
    assert len(validity["ungraded_programs"]) == 60 - 5


def test_the_council_report_prints_a_table_per_dimension(graded: Plan) -> None:
    html = render_html(graded, 2021)
    assert 'id="dimension-validity"' in html
    assert "令和3年度の事業の妥当性" in html and "5 優る" in html
    assert (
        html.index('id="overall"') < html.index('id="dimension-validity"') < html.index('class="page area"')
    )


def test_the_deck_has_a_slide_per_dimension(graded: Plan) -> None:
    deck = Presentation(io.BytesIO(build_deck(graded, 2021)))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert titles.count("令和3年度の事業の妥当性") == 1


def test_the_excel_and_csv_carry_the_grades_and_a_sheet_of_counts(graded: Plan) -> None:
    workbook = load_workbook(io.BytesIO(to_xlsx(graded, 2021)))
    table, counts = workbook.worksheets
    assert table.cell(2, 9).value == "事業の妥当性"
    assert counts.title == "事業の妥当性"
    assert [c.value for c in counts[2]][:7] == ["重点項目", "5 優る", "4", "3", "2", "1 劣る", "計"]
    whole = next(row for row in counts.iter_rows(values_only=True) if row[0] == "計画全体")
    assert whole[1:6] == (1, 1, 1, 2, 1)  # program 4 (graded 2) is listed again in another area (再掲)
    assert "事業の妥当性" in to_csv(graded, 2021).decode("utf-8-sig").splitlines()[0]


def test_the_json_and_the_api_give_the_dimension(graded: Plan) -> None:
    token = TokenFor()
    payload = json.loads(exports.build("json", graded, 2021).decode())
    assert payload["dimensions"][0]["counts"] == {"5": 1, "4": 1, "3": 1, "2": 2, "1": 1}  # 4 再掲
    figures = Client().get("/api/plans/saitama-r3/figures/2021", **token("jimukyoku")).json()
    assert figures["dimensions"][0]["key"] == "validity"
    detail = Client().get("/api/plans/saitama-r3", **token("jimukyoku")).json()
    assert detail["dimensions"] == [
        {"key": "validity", "name": "事業の妥当性", "scale": ["5", "4", "3", "2", "1"]}
    ]


def test_a_plan_without_dimensions_prints_as_before() -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    assert build_figures(plan, 2021)["dimensions"] == []
    assert "dimension-" not in render_html(plan, 2021)
    assert len(load_workbook(io.BytesIO(to_xlsx(plan, 2021))).worksheets) == 1
