"""The admin: installation administrators only (issue 20), login required, Japanese by default, history kept."""

import pytest
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import User
from shinchoku.plans.models import YearlyEntry
from tests_helpers import login

pytestmark = pytest.mark.django_db

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
        m.__name__ for m in ours if not admin.site.is_registered(m) and m.__name__ not in inline_only | views
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
    by_hand = ("plans/entryevent", "imports/importrecord", "accounts/apitoken", "imports/pendingupload")
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


def test_a_grade_changed_in_the_admin_keeps_who_when_before_and_after(administrator: Client) -> None:
    entry = YearlyEntry.objects.get(program__number=8, fiscal_year=2021)
    url = reverse("admin:plans_yearlyentry_change", args=[entry.pk])
    form = administrator.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"final_grade": "C", "reason": "一部の予定を実施できなかったため"}
    response = administrator.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest, previous = entry.history.all()[:2]
    assert latest.history_user.username == "admin"
    assert latest.history_date is not None
    delta = latest.diff_against(previous)
    changes = {(c.field, c.old, c.new) for c in delta.changes}
    assert ("final_grade", "B", "C") in changes
