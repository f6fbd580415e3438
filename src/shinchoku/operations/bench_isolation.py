"""The report's isolation, timed in turn: a city's report with one organization and with every one loaded.

A copy of the database is kept after the demo is loaded (a second SQLite file, or a PostgreSQL database
made from it as a template); the bench's one connection is switched between the two between runs, so
a load that comes and goes on the machine weighs on both sides alike.
"""

import contextlib
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def one_organization_copy() -> Iterator[str]:
    """Yield the name of a copy of the database as it is now (the demo alone); drop it afterwards."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    connection.close()  # PostgreSQL copies a template nobody is connected to; SQLite's WAL is written back
    if connection.vendor == "sqlite":
        import sqlite3

        copy = f"{name}.one"
        with (
            contextlib.closing(sqlite3.connect(name)) as source,
            contextlib.closing(sqlite3.connect(copy)) as target,
        ):
            source.backup(target)
        try:
            yield copy
        finally:
            Path(copy).unlink(missing_ok=True)
        return
    copy = f"{name}_one"
    with _pg_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    try:
        yield copy
    finally:
        connection.close()
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def _pg_admin() -> Any:
    """Return an autocommit connection to the server's `postgres` database, as the configured user."""
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


def _switched_to(name: str) -> None:
    """Point the default connection at the named database (outside any timing) and connect."""
    from django.db import connection

    if connection.settings_dict["NAME"] != name:
        connection.close()
        connection.settings_dict["NAME"] = name
    connection.ensure_connection()


def report_times(plan: Any, year: int, runs: int, one_db: str) -> tuple[dict[str, float], dict[str, float]]:
    """Return each format's median time with one organization and with all, the two run in turn (runs each)."""
    from django.db import connection

    from shinchoku.reports.exports import build

    every_db = str(connection.settings_dict["NAME"])
    one: dict[str, float] = {}
    every: dict[str, float] = {}
    for fmt in ("json", "html", "pdf", "xlsx"):
        times: dict[str, list[float]] = {one_db: [], every_db: []}
        for run in range(runs + 1):  # the first round warms both sides, not kept
            for name, kept in times.items():
                _switched_to(name)
                start = time.perf_counter()
                build(fmt, plan, year)
                if run:
                    kept.append(time.perf_counter() - start)
        one[fmt] = statistics.median(times[one_db])
        every[fmt] = statistics.median(times[every_db])
    _switched_to(every_db)
    return one, every
