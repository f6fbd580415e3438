"""The areas' heading is the plan's own: 「重点項目」 for さいたま市, 「施策課題」 when the area labels say so.

The plan is tests/reports/kawasaki_like.py with its headings written as 川崎市 writes them
(「施策課題1　…」): its tables are headed 施策課題, and no area is printed 「重点項目施策課題1」.
"""

import io

import pytest
from openpyxl import load_workbook
from tests.reports.kawasaki_like import kawasaki_like_plan

from shinchoku.domain.area_terms import area_name, area_term
from shinchoku.reports.council import render_html
from shinchoku.reports.progress_table import to_xlsx


def test_a_term_is_taken_from_the_labels_only_when_every_area_label_carries_it() -> None:
    assert area_term(["施策課題1", "施策課題2", "施策課題３"]) == "施策課題"
    assert area_term(["1", "2", "3", "4", "5"]) == "重点項目"  # さいたま市
    assert area_term(["施策課題1", "2"]) == "重点項目"
    assert (area_name("1"), area_name("施策課題1")) == ("重点項目1", "施策課題1")


@pytest.mark.django_db
def test_a_plan_whose_areas_are_named_施策課題_prints_that_term() -> None:
    plan = kawasaki_like_plan(heading="施策課題{n}　施策課題の名前")
    html = render_html(plan, 2021)
    assert "重点項目施策課題" not in html
    assert "重点項目" not in html.replace("うち重点", "")
    assert '<th scope="col">施策課題</th>' in html
    assert "施策課題1: 達成度1" in html  # the chart's text alternative
    workbook = load_workbook(io.BytesIO(to_xlsx(plan, 2021)))
    assert "施策課題" in [row[0] for row in workbook["集計"].iter_rows(values_only=True)]
    sheet = workbook["妥当性"]  # the dimension is named as the sheet heads its column
    assert sheet.cell(2, 1).value == "施策課題"
    assert "（施策課題別、再掲含む" in str(sheet.cell(1, 1).value)
