"""Helpers shared by the test modules (importable, unlike conftest)."""

from pathlib import Path

from django.db.models import Model
from django.test import Client

from shinchoku.accounts.models import User

# The demo users' password in the tests (tests/conftest.py loads the demo with it).
DEMO_PASSWORD = "test-password-for-demo"


def login(username: str) -> Client:
    """Return a client logged in as the demo user."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def client_for(persona: str) -> Client:
    """Return a client for a persona; "anonymous" is not logged in."""
    return Client() if persona == "anonymous" else login(persona)


def _recorded_models() -> "list[type[Model]]":
    """The models whose row counts db_state() compares.

    Sessions and django-axes' login records are the login itself, and the case access log
    records every read by design (tests/cases checks that a refused read adds nothing).
    """
    from django.apps import apps

    unrecorded = {"sessions.Session", "cases.CaseAccessLog"}
    return [m for m in apps.get_models() if m._meta.label not in unrecorded and m._meta.app_label != "axes"]


def _count_sql() -> str:
    """One statement that counts the rows of every recorded model's table (one round trip, not sixty)."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in _recorded_models())
    return f"SELECT {columns}"


def db_state() -> dict[str, object]:
    """Return every table's row count and the entries' fields: what a refused request must not change."""
    from django.db import connection

    from shinchoku.plans.models import IndicatorValue, YearlyEntry

    # Every recorded model's default manager is a plain one (no filtering manager), so its count()
    # is its table's COUNT(*): tests/test_db_state.py checks the two agree.
    with connection.cursor() as cursor:
        cursor.execute(_count_sql())
        row = cursor.fetchone()
    counts = {m._meta.label: n for m, n in zip(_recorded_models(), row, strict=True)}
    entries = list(
        YearlyEntry.objects.order_by("pk").values_list("pk", "status", "version", "final_grade", "activities")
    )
    values = list(IndicatorValue.objects.order_by("pk").values_list("pk", "target", "actual"))
    return {"counts": counts, "entries": entries, "values": values}


def screenshot_dir() -> Path:
    """Return where tests save pictures: docs/screenshots with SHINCHOKU_SCREENSHOTS=1 (`make screenshots`).

    Otherwise a temporary folder, so that an ordinary test run leaves the working tree as it was.
    """
    import os
    import tempfile
    from pathlib import Path

    if os.environ.get("SHINCHOKU_SCREENSHOTS") == "1":
        path = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    else:
        path = Path(tempfile.gettempdir()) / "shinchoku-screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
