"""Upload with preview: nothing is written before confirming; problems are listed; access by role."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shinchoku.accounts.models import User
from shinchoku.imports.models import ImportRecord
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.progress_table import to_xlsx
from tests_helpers import login
from workbooks import small_plan_rows, xlsx

pytestmark = pytest.mark.django_db


def upload(client: Client, content: bytes, name: str = "plan.xlsx", **fields: str) -> object:
    return client.post("/imports/", {"file": SimpleUploadedFile(name, content), **fields})


def test_a_plan_is_previewed_then_imported() -> None:
    client = login("jimukyoku")
    fields = {
        "kind": "plan",
        "slug": "new-plan",
        "plan_name": "新しい計画",
        "first_year": "令和8年度",
        "last_year": "令和12年度",
    }
    response = upload(client, xlsx(small_plan_rows()), **fields)
    assert response.status_code == 200
    assert response.context["summary"]["programs"] == 4
    assert not Plan.objects.filter(slug="new-plan").exists()  # nothing before confirming
    token = response.context["token"]
    response = client.post(f"/imports/{token}/confirm/")
    assert response.status_code == 302
    plan = Plan.objects.get(slug="new-plan")
    assert (plan.first_year, plan.last_year, plan.organization.name) == (2026, 2030, "さいたま市")
    assert ImportRecord.objects.get(plan_slug="new-plan").imported_by.username == "jimukyoku"
    assert client.post(f"/imports/{token}/confirm/").status_code == 404  # a token is used once


def test_problems_are_listed_and_nothing_is_kept() -> None:
    rows = small_plan_rows()
    rows[7] = list(rows[7])
    rows[7][6] = "D"
    client = login("jimukyoku")
    response = upload(
        client,
        xlsx(rows),
        kind="progress",
        plan=str(Plan.objects.get(slug="saitama-r3").pk),
        fiscal_year="令和3年度",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "このファイルは取り込めません" in page and "「労働課」は事業番号1の所管課ではありません" in page
    assert not ImportRecord.objects.exists()


def test_cancel_drops_the_file() -> None:
    client = login("jimukyoku")
    fields = {"kind": "plan", "slug": "dropped", "plan_name": "x", "first_year": "2026", "last_year": "2030"}
    token = upload(client, xlsx(small_plan_rows()), **fields).context["token"]
    assert client.post(f"/imports/{token}/cancel/").status_code == 302
    assert client.post(f"/imports/{token}/confirm/").status_code == 404
    assert not Plan.objects.filter(slug="dropped").exists()


def test_a_token_belongs_to_its_session() -> None:
    fields = {"kind": "plan", "slug": "mine", "plan_name": "x", "first_year": "2026", "last_year": "2030"}
    token = upload(login("jimukyoku"), xlsx(small_plan_rows()), **fields).context["token"]
    assert login("admin").post(f"/imports/{token}/confirm/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"), [("jimukyoku", 200), ("roudou", 200), ("iin", 403), ("case1", 403)]
)
def test_who_may_import(persona: str, status: int) -> None:
    assert login(persona).get("/imports/").status_code == status


def test_a_department_may_only_return_forms() -> None:
    response = upload(
        login("roudou"),
        to_xlsx(Plan.objects.get(slug="saitama-r3"), 2021),
        kind="progress",
        plan=str(Plan.objects.get(slug="saitama-r3").pk),
        fiscal_year="2021",
    )
    assert response.status_code == 400  # "progress" is not among its choices
    assert "kind" in response.context["form"].errors


@pytest.fixture
def year_2022() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    return plan


def department_id(name: str) -> int:
    return YearlyEntry.objects.filter(department__name=name).values_list("department_id", flat=True)[0]


@pytest.mark.parametrize(
    ("persona", "own", "other", "page", "zip_status"),
    [
        ("jimukyoku", 200, 200, 200, 200),
        ("roudou", 200, 404, 200, 403),
        ("iin", 403, 403, 403, 403),
        ("case1", 404, 404, 404, 404),
    ],
)
def test_department_forms_by_persona(
    year_2022: Plan, persona: str, own: int, other: int, page: int, zip_status: int
) -> None:
    client = login(persona)
    base = "/plans/saitama-r3/2022/forms/"
    assert client.get(f"{base}{department_id('労働政策課')}.xlsx").status_code == own
    assert client.get(f"{base}{department_id('住宅政策課')}.xlsx").status_code == other
    assert client.get(base).status_code == page
    assert client.get(f"{base}all.zip").status_code == zip_status
