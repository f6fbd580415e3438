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


def form_values(page: str, matching: str) -> dict[str, object]:
    """Return what a browser would send for the page's form: the first whose tag holds `matching` (e.g. "class=card").

    Text inputs, hidden inputs, checked boxes and radios, selected options and text areas, as
    a dict ready for the test client (lists for names that repeat).
    """
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.values: dict[str, list[str]] = {}
            self.inside = self.done = False
            self.select: str | None = None
            self.textarea: str | None = None

        def add(self, name: str | None, value: str) -> None:
            if name:
                self.values.setdefault(name, []).append(value)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "form" and not self.done and matching in " ".join(f"{k}={v}" for k, v in a.items()):
                self.inside = True
            if not self.inside:
                return
            if tag == "input" and a.get("type") not in ("submit", "button", "file"):
                if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                    return
                self.add(a.get("name"), a.get("value", "on" if a.get("type") == "checkbox" else ""))
            elif tag == "select":
                self.select = a.get("name")
            elif tag == "option" and self.select and "selected" in a:
                self.add(self.select, a.get("value", ""))
            elif tag == "textarea":
                self.textarea = a.get("name")
                self.add(self.textarea, "")

        def handle_data(self, data: str) -> None:
            if self.inside and self.textarea:
                self.values[self.textarea][-1] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "form" and self.inside:
                self.inside, self.done = False, True
            elif tag == "select":
                self.select = None
            elif tag == "textarea" and self.textarea:
                value = self.values[self.textarea][-1]
                self.values[self.textarea][-1] = value[1:] if value.startswith("\n") else value
                self.textarea = None

    reader = Reader()
    reader.feed(page)
    return {k: v[0] if len(v) == 1 else v for k, v in reader.values.items()}
