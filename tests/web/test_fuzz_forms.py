"""Hypothesis throws hostile values at every form a person fills in: never a server error, never a partial write.

Each example starts from what the browser would send (the page's own form), replaces some
fields and adds forged ones, posts it, and rolls back. A refused post must leave the
database exactly as it was; an accepted one is a normal save.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from html_forms import form_values
from tests_helpers import client_for, db_state

pytestmark = pytest.mark.django_db
EXAMPLES_PER_FORM = 40
ANSWERS = {200, 302, 400, 403, 404, 409}
FORGED = [
    "status",
    "final_grade",
    "organization",
    "organization_id",
    "id",
    "pk",
    "workers",
    "is_demo",
    "version",
]
HOSTILE = st.one_of(
    st.text(max_size=200),
    st.integers().map(str),
    st.sampled_from(
        [
            "",
            "-1",
            "1e309",
            "NaN",
            "９９９",
            "１，２３４．５",
            "99999999999999999999999999999",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "=cmd|' /C calc'!A0",
            "a\x00b",
            "2021-13-45",
            "令和99年度",
            "\u202egnp.exe",
            "x" * 5000,
        ]
    ),
)

# (label, persona, page URL from the fixture's objects, the form's marker on its page, where it posts)
Target = tuple[str, str, Callable[[dict[str, Any]], str], str, Callable[[dict[str, Any]], str] | None]
TARGETS: list[Target] = [
    ("entry form", "roudou", lambda o: reverse("plans:edit", args=[o["draft"].pk]), "class=entry-form", None),
    ("window", "jimukyoku", lambda o: reverse("directory:edit", args=[o["window"].pk]), "class=card", None),
    ("leaflet texts", "jimukyoku", lambda o: reverse("directory:leaflet_texts"), "class=card", None),
    (
        "new opinion",
        "jimukyoku",
        lambda o: reverse("council:opinion_new", args=["saitama-r3"]),
        "class=card",
        None,
    ),
    (
        "PR activity",
        "jimukyoku",
        lambda o: reverse("council:activity_new", args=["saitama-r3"]),
        "class=card",
        None,
    ),
    (
        "case record",
        "case1",
        lambda o: reverse("cases:detail", args=[o["case"].pk]),
        "/save/",
        lambda o: reverse("cases:save", args=[o["case"].pk]),
    ),
    ("login", "anonymous", lambda o: reverse("login"), "action=/login/", None),
    (
        "national plan mapping",
        "jimukyoku",
        lambda o: reverse("national:mapping", args=["saitama-r3"]),
        "class=card",
        None,
    ),
    (
        "open-data settings",
        "jimukyoku",
        lambda o: reverse("opendata:settings", args=["saitama-r3"]),
        "class=card",
        None,
    ),
    ("API token", "roudou", lambda o: reverse("accounts:tokens"), "class=card", None),
]


def fuzz(client: Client, url: str, base: dict[str, object], changes: dict[str, str]) -> None:
    with transaction.atomic():
        before = db_state()
        response = client.post(url, base | changes)
        assert response.status_code in ANSWERS, (response.status_code, changes)
        if response.status_code != 302:
            assert db_state() == before, f"a refused post ({response.status_code}) changed the database"
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("label", "persona", "page", "marker", "action"), TARGETS, ids=[t[0] for t in TARGETS]
)
def test_hostile_values_never_break_a_form(
    cycle: dict[str, Any],
    label: str,
    persona: str,
    page: Callable[[dict[str, Any]], str],
    marker: str,
    action: Callable[[dict[str, Any]], str] | None,
) -> None:
    client = client_for(persona)
    client.raise_request_exception = False  # a crash must show as a 500, which fails below
    page_url = page(cycle)
    base = form_values(client.get(page_url).content.decode(), matching=marker)
    assert base, f"no form found on {page_url}"
    names = [n for n in base if n != "csrfmiddlewaretoken"] + FORGED
    post_url = action(cycle) if action else page_url

    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        derandomize=True,  # the same examples every run: a failure is reproducible
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(changes=st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1, max_size=6))
    def run(changes: dict[str, str]) -> None:
        fuzz(client, post_url, base, changes)

    run()
