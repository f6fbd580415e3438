"""On PostgreSQL, the database itself refuses to change or delete rows of the case access log."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION shinchoku_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the case access log is append-only';
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER cases_caseaccesslog_append_only
BEFORE UPDATE OR DELETE ON cases_caseaccesslog
FOR EACH ROW EXECUTE FUNCTION shinchoku_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS cases_caseaccesslog_append_only ON cases_caseaccesslog;
DROP FUNCTION IF EXISTS shinchoku_refuse_change();
"""


def forwards(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
        schema_editor.execute(FUNCTION)  # type: ignore[attr-defined]
        schema_editor.execute(TRIGGER)  # type: ignore[attr-defined]


def backwards(apps: object, schema_editor: object) -> None:
    if schema_editor.connection.vendor == "postgresql":  # type: ignore[attr-defined]
        schema_editor.execute(DROP)  # type: ignore[attr-defined]


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
