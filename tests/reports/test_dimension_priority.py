"""「うち重点」 on every further dimension (川崎市 prints each count also for its 重点事業).

The plan is tests/reports/kawasaki_like.py: 9 priority programs of 27, 10 of the 28 listings.
"""

import pytest

from shinchoku.reports.figures import build_figures
from tests.reports.kawasaki_like import kawasaki_like_plan

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
