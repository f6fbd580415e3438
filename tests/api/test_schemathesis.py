"""Schemathesis against the API's own OpenAPI schema, as the public and with a token.

Every generated request (bounded examples per operation, fixed seed) must get no server error,
a response that matches the schema, a documented status code, and — for the public — no trace
of a draft.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tests.api.conftest import PRIVATE, TokenFor

from shinchoku.plans.models import YearlyEntry

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
BOUNDED = settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture(autouse=True)
def keep_the_tests_connection() -> Iterator[None]:
    """Call the WSGI application as Django's own test client does: without closing the connection.

    At the end of each request Django closes a connection that is inside a transaction (PostgreSQL),
    which would end the test's transaction; the test client disconnects that signal too.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_public_api_keeps_its_schema_and_its_secrets(
    case: schemathesis.Case, drafts: list[YearlyEntry]
) -> None:
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    assert PRIVATE not in response.text


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_the_api_keeps_its_schema_with_a_secretariat_token(
    case: schemathesis.Case, drafts: list[YearlyEntry], token: TokenFor
) -> None:
    header = token("jimukyoku")["HTTP_AUTHORIZATION"]
    case.headers = {**(case.headers or {}), "Authorization": header}
    response = case.call()
    case.validate_response(response, checks=CHECKS)
