"""On PostgreSQL, the database itself refuses to change or delete audit rows (simple-history's tables).

The triggers are (re)made after every `migrate`, so a model that gains a history later is
guarded too. Case history is left out on purpose: the retention rule deletes a closed case
with its history (cases.services.purge); the case access log has its own trigger.
"""

from typing import Any

from django.apps import apps
from django.db import connections
from simple_history.models import HistoricalChanges

FUNCTION = """
CREATE OR REPLACE FUNCTION shinchoku_refuse_history_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit history is append-only (%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER_NAME = "shinchoku_history_append_only"
# Apps whose history may be deleted by a documented rule (retention of case records).
PURGED_BY_RETENTION = {"cases"}


def guarded_tables() -> list[str]:
    """Return the audit tables the database must keep unchanged."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges) and model._meta.app_label not in PURGED_BY_RETENTION
    )


def install(using: str = "default", **kwargs: Any) -> None:
    """Create the refusing trigger on every audit table (PostgreSQL only; idempotent)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(FUNCTION)
        for table in guarded_tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {quoted}")
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER_NAME} BEFORE UPDATE OR DELETE ON {quoted} "
                "FOR EACH ROW EXECUTE FUNCTION shinchoku_refuse_history_change()"
            )
