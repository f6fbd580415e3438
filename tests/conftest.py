"""Shared fixtures: the Saitama demo loaded once per session, and the demo's personas."""

from collections.abc import Iterator

import pytest
from django.test import Client

from shinchoku.demo import load_demo
from shinchoku.lib.cache import RECENT
from tests_helpers import DEMO_PASSWORD, login

PASSWORD = DEMO_PASSWORD


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """Load the demo once; each test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        load_demo(password=PASSWORD)
    yield


@pytest.fixture
def secretariat(db: None) -> Client:
    return login("jimukyoku")


@pytest.fixture
def administrator(db: None) -> Client:
    return login("admin")


@pytest.fixture(autouse=True)
def _no_page_kept_from_another_test() -> Iterator[None]:
    """Forget the pages this process kept (lib/cache.py): a rolled-back test may leave the same fingerprint."""
    yield
    RECENT.values.clear()


def pytest_report_header() -> str:
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
