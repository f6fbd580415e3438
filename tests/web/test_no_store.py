"""Nothing a signed-in user is shown, and no export, stays in a browser's or a proxy's cache.

Finding 14 of issue 17: draft entry pages, /cases/published/, token-authenticated API answers and
/national/shares.csv were sent without `Cache-Control: no-store`, each view being left to set it.
A middleware now sets it on every answer to a signed-in request and on every download.
"""

import importlib.util
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from shinchoku.accounts.middleware import NoStoreUnlessPublic, cache_allowed
from tests_helpers import client_for

pytestmark = pytest.mark.django_db


def _matrix() -> list[tuple[str, str, str, object, dict[str, object], list[int]]]:
    path = Path(__file__).parent / "test_access_matrix.py"
    spec = importlib.util.spec_from_file_location("access_matrix_for_no_store", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MATRIX  # type: ignore[no-any-return]


MATRIX = _matrix()
PERSONAS = ["jimukyoku", "roudou", "jutaku", "iin", "case1", "other", "kouiki"]
ALL_PERSONAS = ["anonymous", *PERSONAS]


def signed_in_persona(expected: list[int]) -> str:
    """Return the first signed-in persona the row lets in (200), or the secretariat."""
    return next((p for p in PERSONAS if expected[ALL_PERSONAS.index(p)] == 200), "jimukyoku")


@pytest.mark.parametrize(
    ("name", "label", "method", "url", "data", "expected"), MATRIX, ids=[r[1] for r in MATRIX]
)
def test_finding_14_no_answer_to_a_signed_in_user_is_stored(
    cycle: dict[str, object],
    name: str,
    label: str,
    method: str,
    url: object,
    data: dict[str, object],
    expected: list[int],
) -> None:
    persona = signed_in_persona(expected)
    response = getattr(client_for(persona), method)(url(cycle), data)  # type: ignore[operator]
    assert response.get("Cache-Control") == "no-store", f"{label} as {persona}: {response.status_code}"


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("roudou", "draft entry"),
        ("jimukyoku", "/cases/published/"),
        ("kouiki", "/national/shares.csv?year=2021&national_plan=first"),
    ],
)
def test_finding_14_the_pages_found_are_not_stored(cycle: dict[str, object], persona: str, path: str) -> None:
    if path == "draft entry":
        path = reverse("plans:entry", args=[cycle["draft"].pk])  # type: ignore[attr-defined]
    response = client_for(persona).get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("name", "args", "query"),
    [("opendata:download", ["saitama-r3", "figures.csv"], ""), ("directory:leaflet", [], "?org=111007")],
)
def test_finding_14_a_public_download_is_not_stored_either(name: str, args: list[str], query: str) -> None:
    response = Client().get(reverse(name, args=args) + query)
    assert response.status_code == 200 and response.has_header("Content-Disposition")
    assert response["Cache-Control"] == "no-store"


def test_a_public_page_seen_anonymously_may_be_cached() -> None:
    response = Client().get(reverse("directory:list"))
    assert response.status_code == 200 and not response.has_header("Cache-Control")


def test_a_view_may_opt_out_explicitly() -> None:
    @cache_allowed
    def shared(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("the same for everyone")
        response["Cache-Control"] = "public, max-age=600"
        return response

    def forgot(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("private")
        response["Cache-Control"] = "public, max-age=600"
        return response

    def signed_in(view: object) -> HttpResponse:
        from shinchoku.accounts.models import User

        request = RequestFactory().get("/")
        request.user = User.objects.get(username="jimukyoku")
        request.resolver_match = type("Match", (), {"func": view})()  # type: ignore[assignment]
        return NoStoreUnlessPublic(lambda r: view(r))(request)  # type: ignore[operator]

    assert signed_in(shared)["Cache-Control"] == "public, max-age=600"
    assert signed_in(forgot)["Cache-Control"] == "no-store"  # not opted out: the header is replaced
