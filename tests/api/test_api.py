"""The API answers the public with confirmed data of published plans only, and a token with its user's view."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse
from tests.api.conftest import PRIVATE, TokenFor

from shinchoku.accounts.models import ApiToken, User
from shinchoku.accounts.tokens import issue_token
from shinchoku.opendata.models import Publication
from shinchoku.plans.models import EntryStatus, YearlyEntry

pytestmark = pytest.mark.django_db
HSDS = Path(__file__).resolve().parents[1] / "data" / "hsds"  # vendored: tests/data/README.md


def get(path: str, headers: dict[str, str] | None = None) -> tuple[int, object]:
    response = Client().get(path, **(headers or {}))
    return response.status_code, response.json()


def test_the_schema_is_openapi_3_and_lists_every_operation() -> None:
    status, schema = get("/api/openapi.json")
    assert status == 200
    assert schema["openapi"].startswith("3.")  # type: ignore[index]
    assert {
        "/api/organizations",
        "/api/plans",
        "/api/plans/{slug}",
        "/api/plans/{slug}/programs",
        "/api/plans/{slug}/entries",
        "/api/plans/{slug}/indicators",
        "/api/plans/{slug}/figures/{year}",
        "/api/plans/{slug}/review",
        "/api/national/plans",
        "/api/national/{code}/{year}",
        "/api/directory/services",
    } <= set(schema["paths"])  # type: ignore[index]


def test_the_public_reads_the_published_plan_only(drafts: list[YearlyEntry]) -> None:
    status, page = get("/api/plans")
    assert status == 200
    assert [p["slug"] for p in page["items"]] == ["saitama-r3"]  # type: ignore[index]
    assert page["items"][0]["licence"] == "CC-BY-4.0"  # type: ignore[index]
    # The demo's next plan is not published: it does not exist for the public.
    assert get("/api/plans/saitama-r8-demo")[0] == 404
    Publication.objects.filter(plan__slug="saitama-r3").update(is_published=False)
    assert get("/api/plans")[1] == {"items": [], "count": 0}
    assert get("/api/plans/saitama-r3/entries")[0] == 404


def test_the_public_gets_confirmed_entries_and_never_a_draft(drafts: list[YearlyEntry]) -> None:
    status, page = get("/api/plans/saitama-r3/entries?limit=500")
    assert status == 200
    assert page["count"] == 62  # type: ignore[index]  # FY2021: 60 programs, 2 of them with two departments
    assert {e["status"] for e in page["items"]} == {"confirmed"}  # type: ignore[index]
    assert {e["fiscal_year"] for e in page["items"]} == {2021}  # type: ignore[index]
    for path in ("/api/plans/saitama-r3/entries?year=2022", "/api/plans/saitama-r3/indicators?year=2022"):
        response = Client().get(path)
        assert PRIVATE not in response.content.decode()
    assert get("/api/plans/saitama-r3/entries?year=2022")[1] == {"items": [], "count": 0}


def test_filters_by_area_grade_department_and_year(drafts: list[YearlyEntry]) -> None:
    entries = "/api/plans/saitama-r3/entries"
    assert get(f"{entries}?year=2021&grade=A")[1]["count"] == 12  # type: ignore[index]
    assert get(f"{entries}?year=2021&grade=－")[1]["count"] == 8  # type: ignore[index]  # 6 programs; 2 with two departments
    area1 = get(f"{entries}?year=2021&area=1&limit=500")[1]["items"]  # type: ignore[index]
    assert sorted({e["program"] for e in area1}) == list(range(1, 14))
    roudou = get(f"{entries}?department=労働政策課")[1]["items"]  # type: ignore[index]
    assert roudou and {e["department"] for e in roudou} == {"労働政策課"}
    programs = get("/api/plans/saitama-r3/programs?area=1&limit=500")[1]  # type: ignore[index]
    assert programs["count"] == 13  # 1–13; program 4's re-listing is in area 1 too
    assert programs["items"][3]["listings"] == [  # type: ignore[index]
        {"path": "1(1)①", "is_relisting": False, "first_year": None, "last_year": None},
        {"path": "1(2)", "is_relisting": True, "first_year": None, "last_year": None},
    ]


def test_pages_have_a_count_and_a_bounded_limit() -> None:
    status, page = get("/api/plans/saitama-r3/programs?limit=5&offset=56")
    assert status == 200
    assert page["count"] == 60 and [p["number"] for p in page["items"]] == [57, 58, 59, 60]  # type: ignore[index]
    status, error = get("/api/plans/saitama-r3/programs?limit=100000")
    assert status == 422
    assert error["detail"] == "問い合わせの値が正しくありません。"  # type: ignore[index]


def test_indicator_values_follow_their_entry_being_confirmed(
    drafts: list[YearlyEntry], token: TokenFor
) -> None:
    from shinchoku.plans.models import Indicator, IndicatorValue

    indicator = Indicator.objects.get(program__plan__slug="saitama-r3", program__number=1, position=0)
    IndicatorValue.objects.update_or_create(
        indicator=indicator, fiscal_year=2022, defaults={"target": 130, "actual": 99}
    )
    public = get("/api/plans/saitama-r3/indicators?limit=1")[1]["items"][0]  # type: ignore[index]
    assert public["values"] == [{"fiscal_year": 2021, "target": 120.0, "actual": 306.0, "target_trend": ""}]
    own = get("/api/plans/saitama-r3/indicators?limit=1", token("roudou"))[1]["items"][0]  # type: ignore[index]
    assert [v["fiscal_year"] for v in own["values"]] == [2021, 2022]


def test_a_token_reads_what_its_user_reads_on_the_web(
    drafts: list[YearlyEntry], token: TokenFor, other_city: object
) -> None:
    entries = "/api/plans/saitama-r3/entries?year=2022&limit=500"
    secretariat = get(entries, token("jimukyoku"))[1]
    assert secretariat["count"] == len(drafts)  # type: ignore[index]
    roudou = get(entries, token("roudou"))[1]["items"]  # type: ignore[index]
    assert roudou and {e["department"] for e in roudou} == {"労働政策課"}
    assert get(entries, token("iin"))[1]["count"] == 0  # type: ignore[index]  # council members: confirmed only
    assert get(entries, token("other"))[1]["count"] == 0  # type: ignore[index]  # another city: public data only
    # Figures: the secretariat's include what is not yet confirmed; the public's do not.
    YearlyEntry.objects.filter(program__number=1, fiscal_year=2021).update(status=EntryStatus.SUBMITTED)
    assert get("/api/plans/saitama-r3/figures/2021", token("jimukyoku"))[1]["total"] == 74  # type: ignore[index]
    public = get("/api/plans/saitama-r3/figures/2021")[1]
    assert public["confirmed_only"] is True and public["total"] == 73  # type: ignore[index]


def test_a_wrong_expired_or_revoked_token_is_refused_in_japanese(token: TokenFor) -> None:
    assert get("/api/plans", {"HTTP_AUTHORIZATION": "Bearer shk_not-a-token"}) == (
        401,
        {"detail": "トークンが正しくないか、期限切れか、取り消されています。"},
    )
    header = token("jimukyoku")
    assert get("/api/plans", header)[0] == 200
    ApiToken.objects.update(expires_on=datetime.date(2020, 1, 1))
    assert get("/api/plans", header)[0] == 401
    ApiToken.objects.update(
        expires_on=datetime.date(2999, 1, 1), revoked_at=datetime.datetime.now(datetime.UTC)
    )
    assert get("/api/plans", header)[0] == 401
    # Only a hash is stored.
    key = header["HTTP_AUTHORIZATION"].split()[1]
    assert not ApiToken.objects.filter(key_hash=key).exists()


def test_the_cross_organization_shares_need_an_analysts_token(token: TokenFor) -> None:
    path = "/api/national/first/2021"
    assert get(path)[0] == 401
    assert get(path, token("jimukyoku"))[0] == 403
    status, shares = get(path, token("kouiki"))
    assert status == 200
    assert shares["programs"] == 60 and shares["organizations"] == 1  # type: ignore[index]
    first = shares["issues"][0]  # type: ignore[index]
    assert (first["title"], first["total"], first["counts"]["A"], first["counts"]["B"]) == (
        "就労・住居の確保等",
        13,
        5,
        8,
    )


def test_the_national_plans_are_seeded_with_seven_issues_each() -> None:
    status, plans = get("/api/national/plans")
    assert status == 200
    assert [(p["code"], len(p["issues"])) for p in plans] == [("first", 7), ("second", 7)]  # type: ignore[union-attr]
    assert plans[1]["issues"][5]["title"] == "地域による包摂の推進"  # type: ignore[index]


def test_the_directory_is_served_in_the_hsds_page_shape() -> None:
    status, page = get("/api/directory/services?per_page=3&page=2")
    assert status == 200
    assert (page["total_items"], page["size"], page["page_number"], page["first_page"]) == (10, 3, 2, False)  # type: ignore[index]
    schema = json.loads((HSDS / "compiled" / "service_with_definitions.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for service in page["contents"]:  # type: ignore[index]
        assert list(validator.iter_errors(service)) == []


def test_the_review_export_has_four_rows_per_indicator() -> None:
    status, review = get("/api/plans/saitama-r3/review")
    assert status == 200
    rows = review["rows"]  # type: ignore[index]
    assert len(rows) % 4 == 0
    first = rows[:4]
    assert [r[9] for r in first] == ["目標年度", "目標値", "実績値", "達成率（%）"]
    assert [r[11] for r in first] == [2021, "120", "306", "255.0"]  # 306 / 120 = 255%


def test_finding_12_an_indicator_added_in_a_draft_is_not_listed(
    drafts: list[YearlyEntry], token: TokenFor
) -> None:
    from shinchoku.plans.models import Indicator, IndicatorValue

    draft = next(e for e in drafts if e.program.number == 1)
    added = Indicator.objects.create(program=draft.program, name="下書きで追加した指標（非公開）", unit="人")
    IndicatorValue.objects.create(indicator=added, fiscal_year=2022, target=1, actual=2)
    path = "/api/plans/saitama-r3/indicators?limit=500"
    for headers in ({}, token("iin")):  # the public, and a council member's token
        names = {i["name"] for i in get(path, headers)[1]["items"]}  # type: ignore[index]
        assert added.name not in names and names  # the confirmed entries' indicators are there
    assert added.name in {i["name"] for i in get(path, token("roudou"))[1]["items"]}  # type: ignore[index]
    assert added.name in {i["name"] for i in get(path, token("jimukyoku"))[1]["items"]}  # type: ignore[index]


def test_a_revoked_token_names_who_revoked_it_and_stops_working() -> None:
    owner = User.objects.get(username="roudou")
    made, key = issue_token(owner, "集計用（テスト）", 30)
    client = Client()
    client.force_login(owner)

    assert client.post(reverse("accounts:token_revoke", args=[made.pk])).status_code == 302

    made.refresh_from_db()
    assert made.revoked_by == owner
    assert made.revoked_at is not None
    assert get("/api/plans", {"HTTP_AUTHORIZATION": f"Bearer {key}"})[0] == 401


def test_an_arrow_target_is_given_as_its_trend(drafts: list[YearlyEntry]) -> None:
    """A target typed 「↑」 has no number: the API gives target null and target_trend "up"."""
    from shinchoku.plans.models import Indicator, IndicatorValue

    indicator = Indicator.objects.get(program__plan__slug="saitama-r3", program__number=1, position=0)
    IndicatorValue.objects.filter(indicator=indicator, fiscal_year=2021).update(
        target=None, target_trend="up"
    )
    public = get("/api/plans/saitama-r3/indicators?limit=1")[1]["items"][0]  # type: ignore[index]
    assert public["values"] == [{"fiscal_year": 2021, "target": None, "actual": 306.0, "target_trend": "up"}]
