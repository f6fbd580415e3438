"""A read asked on every page, prepared once per connection where that pays: PostgreSQL, kept connections.

Django's PostgreSQL cursors bind parameters on the client, and so never prepare a statement (that
keeps transaction-mode poolers working), and PostgreSQL plans the statement again on every request.
For the fingerprint (two dozen subqueries; planning it took longer than running it: 1.0 of 1.4 ms at
national size) that is most of its cost. When the connection is kept (``CONN_MAX_AGE`` above 0, as
in production), ``fetch_one`` runs it through a cursor that binds on the server, and psycopg prepares
it on the connection the first time: from then on PostgreSQL only runs it. With a connection per
request (the development server, the tests) or on SQLite it is an ordinary query.

The cursor is wrapped as Django wraps its own, so it is logged, counted by the query-count tests
and its errors are Django's. Behind a transaction-mode PgBouncer (before 1.21's
``max_prepared_statements``), set ``SHINCHOKU_CONN_MAX_AGE=0`` (docs/deploy.md).
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection


def prepares() -> bool:
    """Return whether reads are prepared on this connection: PostgreSQL with kept connections."""
    return connection.vendor == "postgresql" and bool(connection.settings_dict.get("CONN_MAX_AGE"))


def fetch_one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    """Return the first row of the query (None when there is none), prepared where that pays."""
    if not prepares():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row: tuple[Any, ...] | None = cursor.fetchone()
            return row
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off; its own cursors bind on the client and never prepare,
        # so this reaches only the server-binding cursors made here.
        raw.prepare_threshold = 0
    server_bound: Any = psycopg.Cursor(raw)  # a DB-API cursor, which Django wraps (its stubs say a wrapper)
    wrapped = (
        connection.make_debug_cursor(server_bound)
        if connection.queries_logged
        else connection.make_cursor(server_bound)
    )
    with wrapped as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        return row
