"""The admin: login required, Japanese by default, scoped to the user's organization, history kept."""

import pytest
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import Department, Organization
from shinchoku.plans.models import Plan, YearlyEntry
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


def test_the_admin_speaks_japanese_by_default(secretariat: Client) -> None:
    response = secretariat.get("/admin/plans/yearlyentry/")
    assert response.status_code == 200
    assert "年度別取組" in response.content.decode()


def test_english_is_available(secretariat: Client) -> None:
    response = secretariat.get("/admin/plans/yearlyentry/", headers={"accept-language": "en"})
    assert "yearly entries" in response.content.decode().lower()


def test_department_editors_do_not_get_the_admin() -> None:
    response = login("roudou").get("/admin/")
    assert response.status_code == 302


@pytest.fixture
def other_city_plan() -> Plan:
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    Department.objects.create(organization=other, name="他市の福祉課")
    return Plan.objects.create(
        organization=other, slug="demo-other", name="他市の計画", first_year=2022, last_year=2026
    )


def test_the_secretariat_sees_only_its_own_organization(secretariat: Client, other_city_plan: Plan) -> None:
    listing = secretariat.get("/admin/plans/plan/").content.decode()
    assert "さいたま市再犯防止推進計画" in listing and "他市の計画" not in listing
    response = secretariat.get(reverse("admin:plans_plan_change", args=[other_city_plan.pk]))
    assert response.status_code == 302  # the admin treats it as missing
    departments = secretariat.get("/admin/accounts/department/").content.decode()
    assert "他市の福祉課" not in departments


def test_a_grade_changed_in_the_admin_keeps_who_when_before_and_after(secretariat: Client) -> None:
    entry = YearlyEntry.objects.get(program__number=8, fiscal_year=2021)
    url = reverse("admin:plans_yearlyentry_change", args=[entry.pk])
    form = secretariat.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"final_grade": "C", "reason": "一部の予定を実施できなかったため"}
    response = secretariat.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest, previous = entry.history.all()[:2]
    assert latest.history_user.username == "jimukyoku"
    assert latest.history_date is not None
    delta = latest.diff_against(previous)
    changes = {(c.field, c.old, c.new) for c in delta.changes}
    assert ("final_grade", "B", "C") in changes
