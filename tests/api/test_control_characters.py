"""Typed text reaches the API without control characters, and a NUL is never a 500 (docs/security.md).

Query strings are cleaned by the middleware every form goes through (lib/typed_text.py); a plan's
slug and a national plan's code in the path are slugs, so anything else is a 422; a JSON body would
be cleaned by the API's parser before any schema reads it. Run on SQLite and on PostgreSQL, which
refuses a NUL in a query with an error.
"""

from typing import Any

import pytest
from django.test import Client
from ninja import NinjaAPI, Schema
from ninja.testing import TestClient
from tests.api.conftest import TokenFor

from shinchoku.lib.typed_text import TypedTextParser

pytestmark = pytest.mark.django_db
ENTRIES = "/api/plans/saitama-r3/entries"


def count(path: str) -> int:
    response = Client().get(path)
    assert response.status_code == 200, response.content
    return int(response.json()["count"])


def test_control_characters_in_a_query_string_are_dropped_before_the_api_filters() -> None:
    assert count(f"{ENTRIES}?year=2021&grade=A%00") == count(f"{ENTRIES}?year=2021&grade=A") == 12
    roudou = f"{ENTRIES}?department=%E5%8A%B4%E5%83%8D%00%E6%94%BF%E7%AD%96%E8%AA%B2%07"  # 労働\x00政策課\x07
    assert count(roudou) == count(f"{ENTRIES}?department=労働政策課") > 0
    area1 = f"{ENTRIES}?status=confirmed&area=1&year=2021"
    assert count(f"{ENTRIES}?status=confirmed%1b&area=1%7f&year=2021") == count(area1) == 13  # programs 1–13
    assert count("/api/plans/saitama-r3/programs?area=1%00&department=%00") == 13
    assert (
        count("/api/plans/saitama-r3/indicators?department=%E5%8A%B4%E5%83%8D%E6%94%BF%E7%AD%96%E8%AA%B2%00")
        > 0
    )
    assert count("/api/plans?organization=%00") == 1
    response = Client().get("/api/directory/services?organization=%00%01")
    assert response.status_code == 200 and response.json()["total_items"] > 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/plans/saitama%00-r3",
        "/api/plans/saitama-r3%00/programs",
        "/api/plans/%00/entries",
        "/api/plans/saitama%07-r3/indicators",
        "/api/plans/saitama%00-r3/figures/2021",
        "/api/plans/saitama%00-r3/review",
    ],
)
def test_a_control_character_in_a_plans_slug_is_a_422_not_an_error(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 422
    assert response.json()["detail"] == "問い合わせの値が正しくありません。"


def test_a_control_character_in_a_national_code_or_a_token_is_refused_not_an_error(
    token: TokenFor,
) -> None:
    analyst = token("kouiki")["HTTP_AUTHORIZATION"]
    assert Client().get("/api/national/first/2021", HTTP_AUTHORIZATION=analyst).status_code == 200
    assert Client().get("/api/national/fi%00rst/2021", HTTP_AUTHORIZATION=analyst).status_code == 422
    assert (
        Client().get("/api/national/first/2021", HTTP_AUTHORIZATION="Bearer shk_\x00\x07").status_code == 401
    )


class Reason(Schema):
    reason: str
    new_password: str
    grades: list[str]


def test_a_json_body_is_cleaned_before_its_schema_reads_it_passwords_kept() -> None:
    api = NinjaAPI(parser=TypedTextParser(), urls_namespace="typed-text-test")
    seen: dict[str, Any] = {}

    @api.post("/reason")
    def post_reason(request: object, body: Reason) -> dict[str, str]:
        seen.update(body.dict())
        return {"reason": body.reason}

    typed = {
        "reason": "就労支援\u0000を\u0007継続\r\n実施\u009b",
        "new_password": "pa\u0001ss",
        "grades": ["A\u007f"],
    }
    response = TestClient(api).post("/reason", json=typed)

    assert response.status_code == 200
    assert seen == {"reason": "就労支援を継続\r\n実施", "new_password": "pa\u0001ss", "grades": ["A"]}
