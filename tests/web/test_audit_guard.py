"""Audit rows cannot be changed or deleted: on PostgreSQL by the database itself, and nobody deletes the people they name."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.lib.audit_guard import TRIGGER_NAME, guarded_tables
from shinchoku.plans.models import YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers exist on PostgreSQL"
)


@needs_postgresql
def test_every_audit_table_but_the_purged_case_history_has_the_trigger() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            [TRIGGER_NAME],
        )
        triggered = sorted(row[0] for row in cursor.fetchall())
    assert triggered == guarded_tables()
    assert "plans_historicalyearlyentry" in triggered and "plans_historicalindicatorvalue" in triggered
    assert not any(t.startswith("cases_") for t in triggered)


@needs_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE plans_historicalyearlyentry SET final_grade = 'A' WHERE history_id = %s",
        "DELETE FROM plans_historicalyearlyentry WHERE history_id = %s",
    ],
)
def test_the_application_cannot_rewrite_or_remove_a_grade_change(sql: str) -> None:
    row = YearlyEntry.history.order_by("-history_id").first()
    assert row is not None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        connection.cursor().execute(sql, [row.history_id])
    assert YearlyEntry.history.filter(history_id=row.history_id).exists()


def test_new_audit_rows_are_still_written() -> None:
    entry = YearlyEntry.objects.first()
    assert entry is not None
    before = entry.history.count()
    entry.activities = "追記"
    entry.save()
    assert entry.history.count() == before + 1


def test_people_named_in_the_history_are_made_inactive_not_deleted() -> None:
    user = User.objects.get(username="roudou")
    response = login("admin").get(reverse("admin:accounts_user_delete", args=[user.pk]))
    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()
