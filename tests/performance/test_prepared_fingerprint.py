"""The fingerprint read on every page is prepared once per kept PostgreSQL connection (lib/prepared.py).

Prepared or not, it returns the same row, is counted like any other query, and moves with a
workflow step: a kept page is never stale because its fingerprint was prepared.
"""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shinchoku.accounts.models import User
from shinchoku.lib.prepared import prepares
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.cache import report_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_connection() -> Iterator[None]:
    """The connection settings of production: kept for a minute."""
    before = connection.settings_dict.get("CONN_MAX_AGE")
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield
    connection.settings_dict["CONN_MAX_AGE"] = before


def saitama() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_an_ordinary_query_where_preparing_does_not_pay() -> None:
    assert (
        connection.settings_dict.get("CONN_MAX_AGE") == 0
    )  # the tests' connection, as the development server's
    assert not prepares()


def test_prepared_or_not_the_fingerprint_is_the_same_and_counted(kept_connection: None) -> None:
    plan = saitama()
    with CaptureQueriesContext(connection) as prepared:
        kept = report_fingerprint(plan, 2021)
    connection.settings_dict["CONN_MAX_AGE"] = 0
    with CaptureQueriesContext(connection) as ordinary:
        assert report_fingerprint(plan, 2021) == kept
    assert len(prepared) == len(ordinary) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite prepares every statement itself")
def test_postgresql_keeps_the_fingerprint_prepared_on_the_connection(kept_connection: None) -> None:
    assert prepares()
    report_fingerprint(saitama(), 2021)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%%fp_entries%%'")
        assert cursor.fetchone() == (1,)


def test_a_workflow_step_moves_the_prepared_fingerprint(kept_connection: None) -> None:
    plan = saitama()
    before = report_fingerprint(plan, 2021)
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=12, fiscal_year=2021)
    workflow.reopen_entry(
        entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version, reason="数値の確認"
    )
    assert report_fingerprint(plan, 2021) != before
