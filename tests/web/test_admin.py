"""The admin: login required, Japanese by default, scoped to the user's organization, history kept."""

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from cycle_objects import build_cycle
from shared_db import module_transaction
from shinchoku.accounts.models import Organization, User
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db


def _matrix_admin() -> Any:
    spec = importlib.util.spec_from_file_location("matrix_admin", Path(__file__).parent / "matrix_admin.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ADMIN_ROWS = _matrix_admin().ROWS
ADMIN_EXPECTED: dict[str, int] = _matrix_admin().ADMIN_EXPECTED

ADMIN_MODELS = [
    "accounts/organization",
    "accounts/department",
    "accounts/user",
    "plans/plan",
    "plans/plannode",
    "plans/program",
    "plans/listing",
    "plans/yearlyentry",
    "plans/indicator",
    "plans/indicatorvalue",
    "plans/publishedtally",
    "plans/planyear",
    "plans/entryevent",
    "imports/importrecord",
    "directory/provider",
    "directory/window",
    "directory/leafletsection",
    "directory/searchsynonym",
    "accounts/apitoken",
    "imports/pendingupload",
    "national/nationalplan",
    "national/areamapping",
    "national/programmapping",
    "opendata/publication",
]


def test_every_model_has_an_admin_page() -> None:
    from django.apps import apps
    from django.contrib import admin

    ours = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("shinchoku.") and not m.__name__.startswith("Historical")
    ]
    inline_only = {"Location", "Phone", "Schedule", "ClosedDay", "Listing", "NationalIssue"}
    views = {"MergedGrade"}  # a database view of the entries, read by the national roll-up
    missing = [
        m.__name__
        for m in ours
        if not admin.site.is_registered(m)
        and m.__name__ not in inline_only | views
        and m._meta.app_label != "cases"  # never in the admin (issue 17, finding 2)
    ]
    assert missing == []


def test_anonymous_visitors_are_sent_to_the_login(client: Client) -> None:
    for url in ["/admin/", "/admin/plans/yearlyentry/"]:
        response = client.get(url, follow=True)
        assert response.redirect_chain, url
        assert "/login/" in response.redirect_chain[-1][0]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_every_admin_list_and_add_page_renders(administrator: Client, model: str) -> None:
    assert administrator.get(f"/admin/{model}/").status_code == 200
    # Workflow events and import records are a record: nobody adds them by hand. Tokens are made by
    # their user (shown once), previewed files by an upload.
    # Entries, their indicators, values and opened years are written by the workflow only (issue 17).
    by_hand = (
        "plans/entryevent",
        "imports/importrecord",
        "accounts/apitoken",
        "imports/pendingupload",
        "plans/yearlyentry",
        "plans/indicator",
        "plans/indicatorvalue",
        "plans/planyear",
    )
    expected = 403 if model in by_hand else 200
    assert administrator.get(f"/admin/{model}/add/").status_code == expected


def test_the_admin_speaks_japanese_by_default(administrator: Client) -> None:
    response = administrator.get("/admin/plans/yearlyentry/")
    assert response.status_code == 200
    assert "年度別取組" in response.content.decode()


def test_english_is_available(administrator: Client) -> None:
    response = administrator.get("/admin/plans/yearlyentry/", headers={"accept-language": "en"})
    assert "yearly entries" in response.content.decode().lower()


# Issue 20: a secretariat no longer works in the admin; every tenant role gets the admin's login page.
@pytest.mark.parametrize("username", ["jimukyoku", "roudou", "iin", "case1", "case_sv", "kouiki"])
def test_no_tenant_role_gets_an_admin_page(username: str) -> None:
    assert not User.objects.get(username=username).is_staff
    client = login(username)
    for url in ["/admin/", "/admin/plans/plan/", "/admin/cases/case/", "/admin/accounts/user/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_a_tenant_made_staff_by_mistake_still_gets_no_admin_page() -> None:
    User.objects.filter(username="jimukyoku").update(is_staff=True)

    response = login("jimukyoku").get("/admin/plans/plan/")

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.fixture(scope="module")
def cycle(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[dict[str, object]]:
    """The web tests' year in progress, built once for the admin rows below (each test's writes are
    still rolled back by its own transaction; tests/shared_db.py)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            objects = build_cycle(with_admin_objects=False)
        yield objects


@pytest.mark.parametrize("label", list(ADMIN_EXPECTED))
def test_every_admin_url_for_the_installation_administrator(label: str, cycle: dict[str, object]) -> None:
    """The matrix's admin rows for persona "admin" (a superuser): every organization's objects, never a case."""
    from admin_objects import build, build_shared

    name, _, method, url, data, _ = next(r for r in ADMIN_ROWS if r[1] == label)
    objects = cycle | {
        "admin_own": build(
            Organization.objects.get(jis_code="111007"), User.objects.get(username="jimukyoku"), "own"
        ),
        "admin_other": build(
            Organization.objects.get(jis_code="999997"), User.objects.get(username="other"), "other"
        ),
        "admin_shared": build_shared(),
    }
    client = login("admin")
    before = db_state()
    response = getattr(client, method)(url(objects), data)
    assert response.status_code == ADMIN_EXPECTED[label], f"{name}: {label}"
    if response.status_code in (403, 404) or method == "get":
        assert db_state() == before
