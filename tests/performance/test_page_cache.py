"""The dashboard and the entry list are kept by a fingerprint of the plan-year, per role variant (issue 23, item 2).

Kept pages must never be stale (a workflow step shows on the next request) and never cross roles (a
department never gets the secretariat's figures, which count entries not yet confirmed).
Saitama's 令和3年度 in the demo: every entry confirmed; program 12's entry is reopened here.
"""

import re
from unittest import mock

import pytest
from django.test import Client

from shinchoku.accounts.models import User
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports import cache as report_cache
from tests_helpers import login

pytestmark = pytest.mark.django_db
DASHBOARD = "/plans/saitama-r3/2021/dashboard/"
ENTRIES = "/plans/saitama-r3/2021/entries/"
UNCONFIRMED = "未確定の取組がある事業"


def reopen_program_12() -> YearlyEntry:
    entry = YearlyEntry.objects.get(program__plan__slug="saitama-r3", program__number=12, fiscal_year=2021)
    return workflow.reopen_entry(
        entry=entry, actor=User.objects.get(username="jimukyoku"), version=entry.version, reason="数値の確認"
    )


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_dashboard_is_computed_once_per_fingerprint() -> None:
    client = login("jimukyoku")
    with mock.patch.object(report_cache, "build_figures", wraps=report_cache.build_figures) as built:
        first = page(client, DASHBOARD)
        second = page(client, DASHBOARD)
    assert built.call_count == 1
    assert without_tokens(first) == without_tokens(second)


def test_a_workflow_step_shows_on_the_next_dashboard() -> None:
    client = login("jimukyoku")
    assert UNCONFIRMED not in page(client, DASHBOARD)
    reopen_program_12()
    assert f"{UNCONFIRMED}: 12" in page(client, DASHBOARD)


def test_a_change_of_the_plan_settings_shows_on_the_next_dashboard() -> None:
    client = login("jimukyoku")
    assert "（2桁）" not in page(client, DASHBOARD)
    Plan.objects.filter(slug="saitama-r3").update(name="さいたま市再犯防止推進計画（2桁）")
    assert "（2桁）" in page(client, DASHBOARD)


def test_a_department_never_gets_the_secretariats_dashboard() -> None:
    reopen_program_12()
    secretariat = page(login("jimukyoku"), DASHBOARD)  # kept first: counts the reopened entry
    assert f"{UNCONFIRMED}: 12" in secretariat
    department = page(login("roudou"), DASHBOARD)
    assert "確定した取組のみ" in department
    assert UNCONFIRMED not in department
    assert "report.pdf" not in department  # no downloads for a department
    council = page(login("iin"), DASHBOARD)
    assert "確定した取組のみ" in council and "report.pdf" in council


def test_a_workflow_step_shows_on_the_next_entry_list() -> None:
    client = login("jimukyoku")
    assert 'name="entry"' not in page(client, ENTRIES + "?status=returned")  # none returned yet
    entry = reopen_program_12()
    listed = page(client, ENTRIES + "?status=returned")
    assert f'value="{entry.pk}:{entry.version}"' in listed


def test_a_department_never_gets_the_secretariats_entry_list() -> None:
    secretariat = page(login("jimukyoku"), ENTRIES)
    department = page(login("roudou"), ENTRIES)
    assert 'name="entry"' in secretariat and 'name="entry"' not in department
    others = YearlyEntry.objects.filter(program__plan__slug="saitama-r3", fiscal_year=2021).exclude(
        department__name="労働政策課"
    )
    assert all(f"/entries/{pk}/?" not in department for pk in others.values_list("pk", flat=True))


def test_each_request_gets_its_own_csrf_token_in_a_kept_list() -> None:
    page(login("jimukyoku"), ENTRIES)  # kept by another person's request
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="jimukyoku"))
    kept = page(client, ENTRIES)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept)
    assert token and token.group(1) != "csrf-token-of-this-request"
    response = client.post("/plans/saitama-r3/2021/entries/bulk/", {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 400  # past the CSRF check (403), refused for choosing nothing
