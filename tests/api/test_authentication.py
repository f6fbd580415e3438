"""The API's Authorization header: a valid Bearer token, or none at all (the public); anything else is 401."""

import base64

import pytest
from django.test import Client
from tests.api.conftest import TokenFor

pytestmark = pytest.mark.django_db
SCHEME_REFUSED = (
    "Authorization には「Bearer」と画面で作ったトークンを指定してください。ほかの方式は受け付けません。"
)


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


@pytest.mark.parametrize(
    "authorization",
    [
        "Token shk_abcdefghijklmnop",
        basic("jimukyoku", "demo-password"),
        "Digest username=jimukyoku",
        "shk_abcdefghijklmnop",  # a key without a scheme
        "Bearer",  # a scheme without a key
        "Bearer ",
        "",
    ],
)
def test_finding_14_another_authorization_scheme_is_refused_not_treated_as_anonymous(
    authorization: str,
) -> None:
    response = Client().get("/api/plans", HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 401
    assert response.json() == {"detail": SCHEME_REFUSED}
    assert response["WWW-Authenticate"] == "Bearer"
    assert response["Cache-Control"] == "no-store"


def test_finding_14_a_scheme_written_in_capitals_is_still_bearer(token: TokenFor) -> None:
    key = token("jimukyoku")["HTTP_AUTHORIZATION"].split()[1]
    assert Client().get("/api/plans", HTTP_AUTHORIZATION=f"BEARER {key}").status_code == 200


def test_without_an_authorization_header_the_caller_is_the_public() -> None:
    response = Client().get("/api/plans")
    assert response.status_code == 200 and response.json()["count"] >= 1


def test_finding_14_an_answer_to_a_token_is_not_stored(token: TokenFor) -> None:
    response = Client().get("/api/plans/saitama-r3/entries?year=2021&limit=1", **token("roudou"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_an_unknown_bearer_token_is_refused_as_before() -> None:
    response = Client().get("/api/plans", HTTP_AUTHORIZATION="Bearer shk_not-a-token")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert response["Cache-Control"] == "no-store"
