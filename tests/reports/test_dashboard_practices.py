"""The 集計 screen shows what the plan uses beside 達成度: 「うち重点」, 評価対象外, the dimensions, the measures.

The plan is tests/reports/kawasaki_like.py (9 priority programs of 27, 10 of 28 listings); さいたま市's
dashboard, using none of them, shows none of it.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.reports.kawasaki_like import kawasaki_like_plan

from shinchoku.plans.models import Plan, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
URL = "/plans/kawasaki-prio/2021/dashboard/"


def _table(html: str, table_id: str) -> str:
    start = html.index(f'id="{table_id}"')
    return html[start : html.index("</table>", start)]


def _priority_counts(table: str) -> list[list[str]]:
    rows = re.findall(r'<tr class="priority"><th scope="row">うち重点</th>(.*?)</tr>', table)
    return [re.findall(r'class="num">(\d+)<', row) for row in rows]


def test_the_dashboard_shows_each_dimension_with_its_priority_counts_and_shares() -> None:
    kawasaki_like_plan()
    html = login("kawasaki-like").get(URL).content.decode()
    validity = _table(html, "dimension-validity")
    assert _priority_counts(validity)[-1] == ["7", "2", "1", "0", "0", "10"]
    assert _priority_counts(validity)[:2] == [["6", "1", "0", "0", "0", "7"], ["1", "1", "1", "0", "0", "3"]]
    assert _priority_counts(_table(html, "dimension-effectiveness"))[-1] == ["2", "7", "1", "0", "0", "10"]
    assert "5 0%、4 0%、3 100%" in validity  # 施策課題3: its own shares, all graded 3
    priority = _table(html, "priority")  # 達成度 「うち重点」: all 10 listings graded 2
    assert re.search(r"計画全体</th>.*?<td class=\"num\">10</td>", priority, re.S)


def test_the_dashboard_notes_what_is_excluded() -> None:
    plan = kawasaki_like_plan()
    YearlyEntry.objects.filter(program__plan=plan, program__number=27).update(
        excluded=True, excluded_reason="新型コロナウイルス感染症の影響により中止"
    )
    html = login("kawasaki-like").get(URL).content.decode()
    assert 'id="excluded-note"' in html and "新型コロナウイルス感染症の影響により中止" in html


def test_the_dashboard_with_the_dimensions_runs_few_queries() -> None:
    kawasaki_like_plan()
    client = login("kawasaki-like")
    with CaptureQueriesContext(connection) as cold:
        assert client.get(URL).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(URL)
    assert len(warm) <= 15, len(warm)
    assert len(cold) <= 30, len(cold)


def test_a_plan_using_none_of_them_shows_none_of_it() -> None:
    html = login("jimukyoku").get("/plans/saitama-r3/2021/dashboard/").content.decode()
    assert Plan.objects.get(slug="saitama-r3").dimensions == []
    for marker in ('id="priority"', 'id="excluded-note"', 'id="dimension-', 'id="measures"'):
        assert marker not in html
