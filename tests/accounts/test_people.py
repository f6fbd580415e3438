"""The secretariat manages its own organization's people on its own screens, with history."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from shinchoku.accounts.models import Department, Organization, Role, User
from tests_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_city() -> User:
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    Department.objects.create(organization=other, name="他市の福祉課")
    return User.objects.create_user("other-editor", organization=other, role=Role.EDITOR)


def _new_person(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "kaigo-tanaka",
        "full_name": "田中 花子",
        "email": "tanaka@saitama.example",
        "role": "editor",
        "departments": [Department.objects.get(name="労働政策課").pk],
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_the_secretariat_adds_a_department_editor_and_sees_the_set_password_link_once() -> None:
    client = login("jimukyoku")

    response = client.post("/organization/people/new/", _new_person())

    assert response.status_code == 302
    person = User.objects.get(username="kaigo-tanaka")
    assert person.organization == User.objects.get(username="jimukyoku").organization
    assert person.get_full_name() == "田中 花子"
    assert [d.name for d in person.departments.all()] == ["労働政策課"]
    assert not person.has_usable_password() and not person.is_staff
    assert {h.history_user.username for h in person.history.all()} == {"jimukyoku"}
    page = client.get("/organization/people/").content.decode()
    assert "/account/set-password/" in page
    assert "/account/set-password/" not in client.get("/organization/people/").content.decode()


def test_a_department_of_another_organization_cannot_be_forged_into_the_form(other_city: User) -> None:
    foreign = Department.objects.get(name="他市の福祉課")

    response = login("jimukyoku").post("/organization/people/new/", _new_person(departments=[foreign.pk]))

    assert response.status_code == 400  # not a choice of this organization's departments
    assert not User.objects.filter(username="kaigo-tanaka").exists()


@pytest.mark.parametrize("role", ["administrator", "analyst"])
def test_the_secretariat_cannot_make_an_administrator_or_an_analyst(role: str) -> None:
    response = login("jimukyoku").post("/organization/people/new/", _new_person(role=role))

    assert response.status_code == 400
    assert not User.objects.filter(username="kaigo-tanaka").exists()


def test_a_department_editor_needs_a_department() -> None:
    response = login("jimukyoku").post("/organization/people/new/", _new_person(departments=[]))

    assert response.status_code == 400
    assert "所管課担当者には、担当する所管課を1つ以上選んでください" in response.content.decode()
    assert 'value="kaigo-tanaka"' in response.content.decode()  # what was typed is kept


def test_a_deactivated_person_is_logged_out_at_the_next_page() -> None:
    roudou = User.objects.get(username="roudou")
    roudou_client = login("roudou")
    data = _new_person(username="roudou", role="editor", departments=[d.pk for d in roudou.departments.all()])
    del data["is_active"]

    response = login("jimukyoku").post(f"/organization/people/{roudou.pk}/", data)

    assert response.status_code == 302
    assert not User.objects.get(username="roudou").is_active
    assert "/login/" in roudou_client.get("/")["Location"]


def test_the_secretariat_cannot_deactivate_or_demote_itself() -> None:
    me = User.objects.get(username="jimukyoku")
    client = login("jimukyoku")

    response = client.post(f"/organization/people/{me.pk}/", _new_person(username="jimukyoku", role="editor"))

    assert response.status_code == 400
    assert "自分のアカウントを無効にしたり" in response.content.decode()
    assert User.objects.get(username="jimukyoku").role == Role.SECRETARIAT


def test_people_of_another_organization_do_not_exist_for_the_secretariat(other_city: User) -> None:
    client = login("jimukyoku")

    assert client.get(f"/organization/people/{other_city.pk}/").status_code == 404
    for action in ("link", "second-factor", "unlock"):
        assert client.post(f"/organization/people/{other_city.pk}/{action}/").status_code == 404
    assert "other-editor" not in client.get("/organization/people/").content.decode()


def test_a_lost_phone_and_a_lockout_are_handled_by_the_secretariat() -> None:
    roudou = User.objects.get(username="roudou")
    TOTPDevice.objects.create(user=roudou, name="phone", confirmed=True)
    AccessAttempt.objects.create(username="roudou", ip_address="192.0.2.1", failures_since_start=5)
    client = login("jimukyoku")

    assert client.post(f"/organization/people/{roudou.pk}/second-factor/").status_code == 302
    assert client.post(f"/organization/people/{roudou.pk}/unlock/").status_code == 302

    assert not TOTPDevice.objects.filter(user=roudou).exists()
    assert not AccessAttempt.objects.filter(username="roudou").exists()


@pytest.mark.parametrize("username", ["roudou", "iin", "case1", "kouiki"])
def test_the_people_pages_do_not_exist_for_those_who_do_not_manage_the_organization(username: str) -> None:
    assert login(username).get("/organization/people/").status_code == 404


def test_the_secretariat_reaches_the_people_page_from_home() -> None:
    assert "/organization/people/" in login("jimukyoku").get("/").content.decode()
    assert "/organization/people/" not in Client().get("/", follow=True).content.decode()


@pytest.mark.parametrize("username", ["admin", "case1", "case_sv"])
def test_attack_the_secretariat_cannot_take_over_the_administrator_or_a_case_account(username: str) -> None:
    """Found by an insider attack: a set-password link for `admin` or `case_sv` gave every city or every case."""
    target = User.objects.get(username=username)
    client = login("jimukyoku")

    assert client.get(f"/organization/people/{target.pk}/").status_code == 404
    for action in ("link", "second-factor", "unlock"):
        assert client.post(f"/organization/people/{target.pk}/{action}/").status_code == 404
    assert f"/organization/people/{target.pk}/" not in client.get("/organization/people/").content.decode()


def test_attack_the_secretariat_cannot_make_a_case_worker_or_a_case_supervisor() -> None:
    roudou = User.objects.get(username="roudou")
    client = login("jimukyoku")

    made = client.post("/organization/people/new/", _new_person(role="caseworker"))
    flagged = client.post(
        f"/organization/people/{roudou.pk}/",
        _new_person(
            username="roudou", is_case_supervisor="on", departments=[d.pk for d in roudou.departments.all()]
        ),
    )

    assert made.status_code == 400 and not User.objects.filter(username="kaigo-tanaka").exists()
    assert flagged.status_code == 302
    assert not User.objects.get(username="roudou").is_case_supervisor
