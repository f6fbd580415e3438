"""The access matrix's "database unchanged" check (tests_helpers.db_state) catches a write.

The matrix builds its objects once per module (tests/shared_db.py) and compares db_state() before
and after each request: here a fake view that saves a row, or changes an entry, on a GET must make
the two differ, under the same module-wide transaction.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import path

from cycle_objects import build_cycle
from shared_db import module_transaction
from shinchoku.accounts.models import Department, Organization
from shinchoku.plans.models import IndicatorValue, YearlyEntry
from tests_helpers import _recorded_models, client_for, db_state

pytestmark = pytest.mark.django_db


def _adds_a_department(request: HttpRequest) -> HttpResponse:
    Department.objects.create(organization=Organization.objects.get(jis_code="111007"), name="GETで増えた課")
    return HttpResponse("ok")


def _changes_an_entry(request: HttpRequest) -> HttpResponse:
    YearlyEntry.objects.filter(pk=YearlyEntry.objects.order_by("pk").values("pk")[:1]).update(
        activities="書き換え"
    )
    return HttpResponse("ok")


def _changes_a_value(request: HttpRequest) -> HttpResponse:
    value = IndicatorValue.objects.order_by("pk").first()
    assert value is not None
    IndicatorValue.objects.filter(pk=value.pk).update(actual=(value.actual or 0) + 1)
    return HttpResponse("ok")


def _reads_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(YearlyEntry.objects.count()))


class WritingUrls:
    urlpatterns = [
        path("adds/", _adds_a_department),
        path("changes-entry/", _changes_an_entry),
        path("changes-value/", _changes_a_value),
        path("reads/", _reads_only),
    ]


@pytest.fixture(scope="module")
def shared(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[dict[str, object]]:
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():  # type: ignore[attr-defined]
            objects = build_cycle(with_admin_objects=True)
        yield objects


@pytest.fixture
def writing_site(settings: Any) -> None:
    settings.ROOT_URLCONF = WritingUrls


def test_the_counts_are_each_models_default_manager_count(shared: dict[str, object]) -> None:
    counts = db_state()["counts"]
    assert counts == {m._meta.label: m._default_manager.count() for m in _recorded_models()}
    assert counts["plans.YearlyEntry"] > 0 and counts["accounts.Department"] > 0


@pytest.mark.parametrize("url", ["/adds/", "/changes-entry/", "/changes-value/"])
def test_a_get_that_writes_changes_the_state(shared: dict[str, object], writing_site: None, url: str) -> None:
    client = client_for("jimukyoku")
    before = db_state()
    assert client.get(url).status_code == 200
    assert db_state() != before


def test_a_get_that_only_reads_leaves_the_state(shared: dict[str, object], writing_site: None) -> None:
    client = client_for("jimukyoku")
    before = db_state()
    assert client.get("/reads/").status_code == 200
    assert db_state() == before


def test_each_test_starts_from_the_shared_state(shared: dict[str, object], writing_site: None) -> None:
    """The rows the writing tests saved were rolled back with their tests; the module's objects remain."""
    assert not Department.objects.filter(name="GETで増えた課").exists()
    assert not YearlyEntry.objects.filter(activities="書き換え").exists()
    assert YearlyEntry.objects.filter(pk=shared["draft"].pk).exists()  # type: ignore[attr-defined]
