"""A city's report reads its own rows by index, however many organizations share the database.

Saitama's council report took 40 s on PostgreSQL with 1,788 organizations loaded, then 2 s, and 0.08 s
with Saitama alone: the year-over-year indicator rows were a filter PostgreSQL could only answer by
reading every indicator value of every organization. Here 100 invented organizations of 75 programs
and 2 years (15,000 indicator values) are added, the statistics refreshed as synth does (ANALYZE), and
PostgreSQL's plan (EXPLAIN) of every query of the report, in each format and for council members
(confirmed entries only), must read no large table from end to end. The PDF is drawn from the HTML
(the same queries).
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shinchoku.operations.synth import SynthSize, generate
from shinchoku.plans.models import IndicatorValue, Plan
from shinchoku.reports.exports import build

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="reads PostgreSQL's plans (EXPLAIN); SQLite's planner is another, measured by make bench",
    ),
]

# The tables with a row per program and year (an entry per department): the largest, by far. Smaller
# ones (listings: 8,600 rows here) may be read whole when that is cheaper; PostgreSQL reads them by
# index from a few hundred organizations on.
LARGE = {"plans_indicatorvalue", "plans_yearlyentry"}
CASES = [("html", False), ("html", True), ("json", False), ("xlsx", False)]


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def sequential_scans(sql: str) -> list[str]:
    """Return the large tables PostgreSQL would read from end to end to answer sql."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        explained = cursor.fetchone()[0]
    explained = explained if isinstance(explained, list) else json.loads(explained)
    return [
        node["Relation Name"]
        for node in nodes(explained[0]["Plan"])
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in LARGE
    ]


@pytest.fixture
def national_share() -> Plan:
    generate(SynthSize(orgs=100, programs=75, years=2), seed=3)  # ends with ANALYZE
    assert IndicatorValue.objects.count() >= 15_000
    return Plan.objects.get(slug="saitama-r3")


def test_the_report_reads_no_indicator_value_nor_entry_of_other_organizations(national_share: Plan) -> None:
    read_whole: dict[str, list[str]] = {}
    for fmt, confirmed_only in CASES:
        with CaptureQueriesContext(connection) as captured:
            build(fmt, national_share, 2021, confirmed_only=confirmed_only)
        for query in captured.captured_queries:
            if scans := sequential_scans(query["sql"]):
                read_whole[f"{fmt}, confirmed only: {confirmed_only}: {query['sql'][:300]}"] = scans
    assert read_whole == {}
