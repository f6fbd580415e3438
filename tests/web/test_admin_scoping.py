"""The admin scoped to one organization: a tenant given every permission by mistake still reaches
nothing of another city (history, revert, choices, filters, view on site), and cases are in no admin."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import Department, Organization, User
from shinchoku.plans.models import (
    EntryStatus,
    Indicator,
    IndicatorValue,
    Plan,
    PlanNode,
    Program,
    YearlyEntry,
)
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(monkeypatch: pytest.MonkeyPatch) -> Client:
    """A staff secretariat in an admin reopened to staff, as before issue 20 closed it to tenants.

    The admin now admits installation administrators only (shinchoku/urls.py); the organization
    scoping of its pages stays as a second wall, and the tests that use this fixture keep it honest.
    """
    from django.contrib import admin
    from django.contrib.admin import AdminSite
    from django.contrib.auth.models import Group, Permission

    monkeypatch.setattr(
        admin.site, "has_permission", lambda request: AdminSite.has_permission(admin.site, request)
    )
    group, _ = Group.objects.get_or_create(name="事務局")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="plans").exclude(codename__startswith="delete_")
    )
    user = User.objects.get(username="jimukyoku")
    user.is_staff = True
    user.save()
    user.groups.add(group)
    return login("jimukyoku")


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
    assert response.status_code == 404  # missing, as everywhere else
    departments = secretariat.get("/admin/accounts/department/").content.decode()
    assert "他市の福祉課" not in departments


def test_a_change_in_the_admin_keeps_who_when_before_and_after(administrator: Client) -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    data = _form_data(administrator, url) | {"name": "さいたま市再犯防止推進計画（改）"}
    response = administrator.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest, previous = plan.history.all()[:2]
    assert latest.history_user.username == "admin"
    assert latest.history_date is not None
    changes = {(c.field, c.old, c.new) for c in latest.diff_against(previous).changes}
    assert ("name", "さいたま市再犯防止推進計画", "さいたま市再犯防止推進計画（改）") in changes


def _form_data(client: Client, url: str) -> dict[str, object]:
    """Return what the admin's change form would post back unchanged (its fields and inline formsets)."""
    response = client.get(url)
    data: dict[str, object] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    formsets = (
        response.context["inline_admin_formsets"] if "inline_admin_formsets" in response.context else []
    )
    for formset in formsets:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


# Issue 17: an insider of one city reached another city's objects through the admin.


@pytest.fixture
def other_city() -> dict[str, object]:
    """デモ市（架空）: its plan, a confirmed entry and their history (each object has a version)."""
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    department = Department.objects.create(organization=other, name="他市の福祉課")
    plan = Plan.objects.create(
        organization=other, slug="demo-other", name="他市の計画", first_year=2022, last_year=2026
    )
    program = Program.objects.create(plan=plan, number=1, title="他市の事業")
    entry = YearlyEntry.objects.create(
        program=program,
        fiscal_year=2022,
        department=department,
        status=EntryStatus.CONFIRMED,
        final_grade="A",
        result_text="他市の実績（非公開）",
    )
    indicator = Indicator.objects.create(program=program, name="他市の指標")
    value = IndicatorValue.objects.create(indicator=indicator, fiscal_year=2022, target=Decimal("999"))
    return {"organization": other, "department": department, "plan": plan, "entry": entry, "value": value}


@pytest.mark.parametrize("kind", ["plan", "entry", "value"])
def test_admin_history_of_another_organizations_entry_is_404(
    secretariat: Client, other_city: dict[str, Any], kind: str
) -> None:
    obj = other_city[kind]
    info = f"admin:plans_{obj._meta.model_name}"
    version = obj.history.first().history_id
    assert secretariat.get(reverse(f"{info}_history", args=[obj.pk])).status_code == 404
    response = secretariat.get(reverse(f"{info}_simple_history", args=[obj.pk, version]))
    assert response.status_code == 404
    assert "他市" not in response.content.decode()


def test_history_form_cannot_move_a_plan_into_another_organization(
    secretariat: Client, other_city: dict[str, Any]
) -> None:
    plan, entry = other_city["plan"], other_city["entry"]
    saitama = Organization.objects.get(jis_code="111007")
    before = db_state()
    for obj, data in [
        (
            plan,
            {
                "organization": saitama.pk,
                "slug": "demo-other",
                "name": "乗っ取り",
                "first_year": 2022,
                "last_year": 2026,
            },
        ),
        (entry, {"status": "draft", "final_grade": "C", "fiscal_year": 2022}),
    ]:
        info = f"admin:plans_{obj._meta.model_name}"
        url = reverse(f"{info}_simple_history", args=[obj.pk, obj.history.first().history_id])
        assert secretariat.post(url, data).status_code == 404
    assert db_state() == before
    plan.refresh_from_db()
    assert plan.organization_id == other_city["organization"].pk


def test_a_revert_of_an_own_version_is_refused_too(secretariat: Client) -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    url = reverse("admin:plans_plan_simple_history", args=[plan.pk, plan.history.first().history_id])
    assert secretariat.get(url).status_code == 200  # the version is read
    before = db_state()
    assert secretariat.post(url, _form_data(secretariat, url)).status_code == 403
    assert db_state() == before


def test_a_plans_organization_is_read_only_and_forged_choices_are_refused(
    secretariat: Client, other_city: dict[str, Any]
) -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    url = reverse("admin:plans_plan_change", args=[plan.pk])
    form = secretariat.get(url).context["adminform"].form
    assert "organization" not in form.fields
    secretariat.post(url, _form_data(secretariat, url) | {"organization": other_city["organization"].pk})
    plan.refresh_from_db()
    assert plan.organization.jis_code == "111007"
    add = secretariat.get(reverse("admin:plans_plan_add")).context["adminform"].form
    assert list(add.fields["organization"].queryset) == [plan.organization]
    response = secretariat.post(
        reverse("admin:plans_plan_add"),
        {
            "organization": other_city["organization"].pk,
            "slug": "forged",
            "name": "偽の計画",
            "first_year": 2022,
            "last_year": 2026,
        },
    )
    assert response.status_code == 200  # the form again, with an error
    assert not Plan.objects.filter(slug="forged").exists()


@pytest.mark.parametrize("url_name", ["change", "delete", "history"])
def test_another_organizations_objects_are_404_on_every_admin_page_for_a_tenant_with_every_permission(
    secretariat: Client, other_city: dict[str, Any], url_name: str
) -> None:
    from django.contrib import admin
    from django.contrib.auth.models import Permission

    # The 事務局 group has the plans app only; a city that grants its secretariat more still sees
    # only its own organization.
    user = User.objects.get(username="jimukyoku")
    user.user_permissions.set(Permission.objects.all())
    client = login("jimukyoku")
    other = other_city["organization"]
    for obj in [
        other,
        other_city["department"],
        other_city["plan"],
        other_city["entry"],
        other_city["value"],
    ]:
        model = type(obj)
        assert admin.site.is_registered(model)
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{url_name}", args=[obj.pk])
        # A delete the admin never allows (an entry) is refused before the lookup: 403, revealing nothing.
        assert client.get(url).status_code in ((403, 404) if url_name == "delete" else (404,)), url
    # Its own people, yes; the installation administrator (a superuser in the same city), no.
    roudou, admin_user = User.objects.get(username="roudou"), User.objects.get(username="admin")
    assert client.get(reverse("admin:accounts_user_change", args=[roudou.pk])).status_code == 200
    assert client.get(reverse("admin:accounts_user_change", args=[admin_user.pk])).status_code == 404
    form = client.get(reverse("admin:accounts_user_change", args=[roudou.pk])).context["adminform"].form
    assert {"is_superuser", "is_staff", "is_case_supervisor", "groups", "user_permissions"}.isdisjoint(
        form.fields
    )
    other_user = User.objects.create_user("other-city-user", organization=other)
    assert client.get(reverse("admin:accounts_user_change", args=[other_user.pk])).status_code == 404


def test_models_without_an_organization_are_for_installation_administrators_only(secretariat: Client) -> None:
    from django.contrib import admin
    from django.contrib.auth.models import Group, Permission

    from shinchoku.accounts.admin_site import InstallationOnly, OrganizationScopedAdmin

    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, OrganizationScopedAdmin | InstallationOnly), model
    user = User.objects.get(username="jimukyoku")
    user.user_permissions.set(Permission.objects.all())
    client = login("jimukyoku")
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    assert (
        login("admin").get(reverse("admin:auth_group_change", args=[Group.objects.first().pk])).status_code
        == 200
    )


def test_view_on_site_reveals_no_other_organizations_object(
    secretariat: Client, other_city: dict[str, Any]
) -> None:
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(Plan)
    for pk in [other_city["plan"].pk, Plan.objects.get(slug="saitama-r3").pk, 10**9, "x"]:
        response = secretariat.get(reverse("admin:view_on_site", args=[content_type.pk, pk]))
        assert response.status_code == 404


def test_cases_are_in_no_admin_for_anybody() -> None:
    from django.contrib import admin

    from shinchoku.cases.models import Case, CaseAccessLog, CaseEvent, CaseSummary, Consent

    for model in [Case, CaseEvent, Consent, CaseSummary, CaseAccessLog]:
        assert not admin.site.is_registered(model)
    case = Case.objects.get(label="A")
    administrator = login("admin")
    for url in ["/admin/cases/", f"/admin/cases/case/{case.pk}/change/", "/admin/cases/caseaccesslog/"]:
        assert administrator.get(url).status_code == 404
    assert "cases/" not in administrator.get("/admin/").content.decode()


def test_case_access_log_rows_cannot_be_deleted_through_a_queryset() -> None:
    from django.core.exceptions import PermissionDenied

    from shinchoku.cases.models import Case, CaseAccessLog

    case = Case.objects.get(label="A")
    login("case1").get(reverse("cases:detail", args=[case.pk]))  # a read is logged
    rows = CaseAccessLog.objects.count()
    assert rows > 0
    with pytest.raises(PermissionDenied):
        CaseAccessLog.objects.all().delete()
    with pytest.raises(PermissionDenied):
        CaseAccessLog.objects.filter(case_id_logged=case.pk).update(action="x")
    with pytest.raises(PermissionDenied):
        CaseAccessLog.objects.first().delete()
    assert CaseAccessLog.objects.count() == rows


def test_confirmed_entry_fields_are_read_only_in_the_admin(
    administrator: Client, secretariat: Client
) -> None:
    value = IndicatorValue.objects.filter(
        indicator__program__plan__slug="saitama-r3", fiscal_year=2021, actual__isnull=False
    ).first()
    assert value is not None
    entry = YearlyEntry.objects.filter(program=value.indicator.program, fiscal_year=2021).first()
    assert entry is not None and entry.status == EntryStatus.CONFIRMED
    before = db_state()
    for client in [secretariat, administrator]:
        url = reverse("admin:plans_yearlyentry_change", args=[entry.pk])
        response = client.get(url)
        assert response.status_code == 200 and "final_grade" not in response.context["adminform"].form.fields
        data = {"final_grade": "C", "status": "draft", "version": "99", "result_text": "書き換え"}
        assert client.post(url, data).status_code == 403
        assert (
            client.post(
                reverse("admin:plans_indicatorvalue_change", args=[value.pk]), {"actual": "1"}
            ).status_code
            == 403
        )
        indicator_url = reverse("admin:plans_indicator_change", args=[value.indicator_id])
        form = client.get(indicator_url).context["adminform"].form
        assert {"name", "unit", "direction", "source", "program", "department"}.isdisjoint(form.fields)
        program_url = reverse("admin:plans_program_change", args=[entry.program_id])
        for formset in client.get(program_url).context["inline_admin_formsets"]:
            if formset.formset.model is Indicator:
                assert not formset.has_change_permission and not formset.has_add_permission
        assert client.get(reverse("admin:plans_yearlyentry_add")).status_code == 403
    assert db_state() == before


def test_admin_list_filters_show_only_own_organization(
    secretariat: Client, other_city: dict[str, Any]
) -> None:
    pages = {
        "/admin/plans/yearlyentry/": "他市の福祉課",
        "/admin/plans/program/": "他市の計画",
        "/admin/plans/indicator/": "他市の計画",
        "/admin/plans/listing/": "他市の計画",
        "/admin/plans/plannode/": "他市の計画",
    }
    for url, other_name in pages.items():
        page = secretariat.get(url).content.decode()
        assert other_name not in page, url
    page = secretariat.get("/admin/plans/yearlyentry/").content.decode()
    assert "労働政策課" in page  # the own departments are still offered
    administrator_page = login("admin").get("/admin/plans/yearlyentry/").content.decode()
    assert "他市の福祉課" in administrator_page


def test_foreign_key_choices_offer_only_own_organization(
    secretariat: Client, other_city: dict[str, Any]
) -> None:
    from django.contrib.auth.models import Permission

    from shinchoku.council.models import Member, Opinion

    form = secretariat.get(reverse("admin:plans_program_add")).context["adminform"].form
    assert "他市の計画" not in [str(p) for p in form.fields["plan"].queryset]
    assert "他市の福祉課" not in [str(d) for d in form.fields["departments"].queryset]
    response = secretariat.get(
        reverse("admin:autocomplete"),
        {"app_label": "plans", "model_name": "listing", "field_name": "node", "term": ""},
    )
    other_nodes = set(PlanNode.objects.filter(plan=other_city["plan"]).values_list("pk", flat=True))
    assert other_nodes.isdisjoint({int(r["id"]) for r in response.json()["results"]})
    # Models with no list of their own in the old table (council members, opinions, users) were
    # offered from every city: every choice is now scoped through its model's admin, or offered to nobody.
    other = other_city["organization"]
    Member.objects.create(organization=other, name="他市の委員", affiliation="他市", category="probation")
    Opinion.objects.create(plan=other_city["plan"], fiscal_year=2022, text="他市の意見")
    User.objects.create_user("other-city-user", organization=other, first_name="他市の職員")
    User.objects.get(username="jimukyoku").user_permissions.set(Permission.objects.all())
    client = login("jimukyoku")
    for url, field in [
        ("admin:council_meeting_add", "attendees"),
        ("admin:council_response_add", "opinion"),
        ("admin:council_opinion_add", "member"),
        ("admin:council_practivity_add", "programs"),
    ]:
        choices = [str(c) for c in client.get(reverse(url)).context["adminform"].form.fields[field].queryset]
        assert not [c for c in choices if "他市" in c], (url, choices)
    page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "other-city-user" not in page and "jimukyoku" in page
