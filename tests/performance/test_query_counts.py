"""The main pages run a fixed number of queries: the same with 74 programs as with 7,400 in the database.

A city's pages must not slow down as other organizations join the installation, nor as the city's own
plan grows. Each page is measured on the demo, then again after 100 invented organizations of 74
programs each (shinchoku synth) are added; the counts must be equal and at most 15.
"""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from shinchoku.accounts.models import User
from shinchoku.operations.synth import SynthSize, generate
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, Program, YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db
MOST = 15

PAGES: list[tuple[str, str, Callable[[], str]]] = [
    ("dashboard", "jimukyoku", lambda: "/plans/saitama-r3/2021/dashboard/"),
    ("department home", "roudou", lambda: "/"),
    ("department's entries", "roudou", lambda: "/plans/saitama-r3/2021/entries/"),
    (
        "secretariat's entries, filtered and sorted",
        "jimukyoku",
        lambda: "/plans/saitama-r3/2021/entries/?area=2&deviation=1&q=支援&sort=grade&desc=1",
    ),
    ("secretariat's entries, all", "jimukyoku", lambda: "/plans/saitama-r3/2021/entries/"),
    ("entry form", "roudou", lambda: f"/entries/{_draft_of('労働政策課')}/edit/"),
    ("status board", "jimukyoku", lambda: "/plans/saitama-r3/2021/board/"),
    ("report HTML", "jimukyoku", lambda: "/plans/saitama-r3/2021/report.html"),
    ("public directory", "anonymous", lambda: "/directory/"),
    ("open data", "anonymous", lambda: "/open/saitama-r3/"),
]


def _draft_of(department: str) -> int:
    return (
        YearlyEntry.objects.filter(
            program__plan__slug="saitama-r3", fiscal_year=2022, department__name=department
        )
        .order_by("program__number")
        .values_list("pk", flat=True)[0]
    )


@pytest.fixture
def second_year() -> None:
    """令和4年度 opened: drafts to edit beside the confirmed 令和3年度."""
    workflow.open_year(
        plan=Plan.objects.get(slug="saitama-r3"),
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )


def queries(persona: str, url: str) -> tuple[int, list[str]]:
    client = Client() if persona == "anonymous" else login(persona)
    client.get(url)  # warm: sessions, content types, the first-request caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [q["sql"][:160] for q in captured.captured_queries]


def test_the_main_pages_run_the_same_few_queries_with_7400_programs(second_year: None) -> None:
    small = {label: queries(persona, url()) for label, persona, url in PAGES}
    generate(SynthSize(orgs=100, programs=74, years=1), seed=7)
    assert Program.objects.count() >= 7400
    large = {label: queries(persona, url()) for label, persona, url in PAGES}
    report = {label: (small[label][0], large[label][0]) for label in small}
    for label, (few, many) in report.items():
        assert few == many, f"{label}: {few} queries with the demo, {many} with 7,400 programs"
        assert few <= MOST, f"{label}: {few} queries\n" + "\n".join(small[label][1])
