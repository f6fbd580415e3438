"""The database's statistics for its query planner, refreshed after a bulk load (ANALYZE).

A table filled by bulk inserts keeps the statistics of its empty self until autovacuum comes by
(PostgreSQL) or forever (SQLite keeps none until ANALYZE is run): the planner then believes a table
of 670,000 indicator values holds a few thousand and picks plans that read all of them. ANALYZE
samples each table (PostgreSQL reads at most 30,000 rows a table by default), so it costs seconds at
national size, run once after synth and after an import from the command line.
"""

from django.db import connection, models


def refresh_statistics(*tables: type[models.Model]) -> None:
    """ANALYZE the tables of these models, or the whole database when none is given."""
    with connection.cursor() as cursor:
        if not tables:
            cursor.execute("ANALYZE")
            return
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
