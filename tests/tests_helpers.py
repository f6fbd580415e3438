"""Helpers shared by the test modules (importable, unlike conftest)."""

from pathlib import Path

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


def db_state() -> dict[str, object]:
    """Return every table's row count and the entries' fields: what a refused request must not change."""
    from django.apps import apps

    from shinchoku.plans.models import IndicatorValue, YearlyEntry

    # Sessions and django-axes' login records are the login itself, and the case access log
    # records every read by design (tests/cases checks that a refused read adds nothing).
    unrecorded = {"sessions.Session", "cases.CaseAccessLog"}
    counts = {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.label not in unrecorded and m._meta.app_label != "axes"
    }
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
