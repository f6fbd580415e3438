"""「うち重点」 on every further dimension (川崎市 prints each count also for its 重点事業).

The plan is tests/reports/kawasaki_like.py: 9 priority programs of 27, 10 of the 28 listings.
"""

import io
import json
import re

import pytest
from django.test import Client
from openpyxl import load_workbook
from pptx import Presentation
from tests.api.conftest import TokenFor
from tests.reports.kawasaki_like import kawasaki_like_plan

from shinchoku.reports import exports
from shinchoku.reports.council import render_html
from shinchoku.reports.deck import build_deck
from shinchoku.reports.figures import build_figures
from shinchoku.reports.progress_table import to_xlsx

pytestmark = pytest.mark.django_db


def test_each_dimension_counts_its_priority_programs_by_listing_and_unique() -> None:
    figures = build_figures(kawasaki_like_plan(), 2021)
    assert figures["total"] == 28
    validity, effectiveness = figures["dimensions"]
    part = validity["priority"]
    assert part is not None
    assert (part["total"], part["unique_total"]) == (10, 9)
    assert part["counts"] == {"5": 7, "4": 2, "3": 1, "2": 0, "1": 0}
    assert part["unique_counts"] == {"5": 6, "4": 2, "3": 1, "2": 0, "1": 0}  # program 1 listed twice
    assert effectiveness["priority"] is not None
    assert effectiveness["priority"]["counts"] == {"5": 2, "4": 7, "3": 1, "2": 0, "1": 0}
    assert [a["total"] for a in part["by_area"]] == [7, 3, 0, 0]
    assert [a["number"] for a in part["by_area"]] == [a["number"] for a in validity["by_area"]]
    assert part["by_area"][1]["counts"] == {"5": 1, "4": 1, "3": 1, "2": 0, "1": 0}  # 8, 9, 1（再掲）


def test_a_plan_that_does_not_show_priority_has_none() -> None:
    figures = build_figures(kawasaki_like_plan(show_priority=False), 2021)
    assert [d["priority"] for d in figures["dimensions"]] == [None, None]


def test_the_council_report_prints_each_areas_shares_and_its_priority_counts() -> None:
    html = render_html(kawasaki_like_plan(), 2021)
    table = html[html.index('id="dimension-validity"') :]
    table = table[: table.index("</table>")]
    assert table.count(">割合</th>") == 5  # 4 施策課題 and 計画全体
    assert table.count(">うち重点</th>") == 5
    cells = re.findall(r'<tr class="priority"><th scope="row">うち重点</th>(.*?)</tr>', table)
    assert re.findall(r">(\d+)<", cells[-1]) == ["7", "2", "1", "0", "0", "10"]


def test_the_workbook_and_the_deck_carry_priority_counts_and_shares() -> None:
    plan = kawasaki_like_plan()
    sheet = load_workbook(io.BytesIO(to_xlsx(plan, 2021)))["有効性"]  # named as the sheet heads it
    rows = list(sheet.iter_rows(values_only=True))
    whole = next(i for i, row in enumerate(rows) if row[0] == "計画全体")
    assert rows[whole + 2][:7] == ("　うち重点", 2, 7, 1, 0, 0, 10)
    assert rows[whole + 1][0] == "　割合" and isinstance(rows[whole + 1][3], float)
    assert sheet.cell(whole + 2, 2).number_format.endswith("%")  # rows are 1-based
    deck = Presentation(io.BytesIO(build_deck(plan, 2021)))
    texts = [
        [cell.text for cell in row.cells]
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
    ]
    assert ["　うち重点", "7", "2", "1", "0", "0", "10"] in texts


def test_the_json_export_and_the_api_give_the_priority_counts() -> None:
    payload = json.loads(exports.build("json", kawasaki_like_plan(), 2021).decode())
    assert payload["dimensions"][0]["priority"]["counts"] == {"5": 7, "4": 2, "3": 1, "2": 0, "1": 0}
    api = Client().get("/api/plans/kawasaki-prio/figures/2021", **TokenFor()("kawasaki-like")).json()
    assert api["dimensions"][1]["priority"]["counts"] == {"5": 2, "4": 7, "3": 1, "2": 0, "1": 0}
    assert [a["total"] for a in api["dimensions"][1]["priority"]["by_area"]] == [7, 3, 0, 0]
