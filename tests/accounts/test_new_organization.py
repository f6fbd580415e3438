"""A second city starts without the admin: its organization, its first secretariat, a one-time link."""

import datetime
import io
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.management import CommandError, call_command
from django.test import Client

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.accounts.services import AccountError, create_organization
from tests_helpers import login

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "kawagoe-secretariat-2026"


def _create_kawagoe() -> str:
    out = io.StringIO()
    call_command(
        "create_organization",
        "--name",
        "川越市",
        "--code",
        "112011",
        "--secretariat",
        "kawagoe-jimu",
        "--email",
        "jimu@kawagoe.example",
        stdout=out,
    )
    return out.getvalue()


def _link(output: str) -> str:
    match = re.search(r"^(/account/set-password/\S+/)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)


def _set_password(client: Client, link: str) -> object:
    landing = client.get(link)
    assert landing.status_code == 302  # Django moves the token into the session before showing the form
    form_url = landing["Location"]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_create_organization_makes_the_city_and_its_secretariat_without_a_password() -> None:
    output = _create_kawagoe()

    kawagoe = Organization.objects.get(jis_code="112011")
    secretariat = User.objects.get(username="kawagoe-jimu")
    assert kawagoe.name == "川越市"
    assert (secretariat.organization, secretariat.role) == (kawagoe, Role.SECRETARIAT)
    assert secretariat.email == "jimu@kawagoe.example"
    assert not secretariat.has_usable_password()
    assert not secretariat.is_staff  # a tenant works on its own screens, not in the Django admin
    assert "72時間有効、1回限り" in output


def test_the_set_password_link_works_once_and_then_the_secretariat_logs_in() -> None:
    link = _link(_create_kawagoe())
    client = Client()

    response = _set_password(client, link)

    assert response.status_code == 302 and response["Location"] == "/login/"  # type: ignore[attr-defined]
    logged_in = Client().post("/login/", {"username": "kawagoe-jimu", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302 and logged_in["Location"] == "/"
    again = Client().get(link, follow=True)
    assert "このリンクはもう使えません" in again.content.decode()


def test_the_set_password_link_expires_after_72_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    link = _link(_create_kawagoe())
    later = datetime.datetime.now() + datetime.timedelta(hours=72, minutes=1)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = Client().get(link, follow=True)

    assert "このリンクはもう使えません" in response.content.decode()
    assert not User.objects.get(username="kawagoe-jimu").has_usable_password()


@pytest.mark.parametrize(
    ("name", "code", "username", "message"),
    [
        ("川越市", "112012", "k", "団体コード「112012」は正しくありません"),  # wrong check digit
        ("川越市", "11201", "k", "団体コード「11201」は正しくありません"),
        (
            "川越市",
            "１１１００７",
            "k",
            "団体コード「111007」の団体はすでに登録されています",
        ),  # さいたま市's, full-width
        ("さいたま市", "112011", "k", "団体名「さいたま市」はすでに使われています"),
        ("川越市", "112011", "jimukyoku", "ログイン名「jimukyoku」はすでに使われています"),
        ("川越市", "112011", "yamada taro", "ログイン名「yamada taro」には、空白や記号を使わず"),
        ("", "112011", "k", "団体名を入力してください"),
    ],
)
def test_a_wrong_or_used_code_name_or_login_is_refused_in_japanese(
    name: str, code: str, username: str, message: str
) -> None:
    before = (Organization.objects.count(), User.objects.count())

    with pytest.raises(AccountError, match=message):
        create_organization(name=name, code=code, secretariat_username=username, email="a@kawagoe.example")

    assert (Organization.objects.count(), User.objects.count()) == before


def test_the_command_says_why_it_refuses() -> None:
    with pytest.raises(CommandError, match="検査数字"):
        call_command(
            "create_organization",
            "--name",
            "川越市",
            "--code",
            "112012",
            "--secretariat",
            "k",
            "--email",
            "a@b.jp",
        )


def test_a_wrong_email_address_is_refused() -> None:
    with pytest.raises(AccountError, match="メールアドレス「jimu@」は正しくありません"):
        create_organization(name="川越市", code="112011", secretariat_username="k", email="jimu@")


def test_the_installation_administrator_registers_a_city_on_a_screen_and_sees_the_link_once() -> None:
    client = login("admin")
    data = {
        "name": "川越市",
        "code": "112011",
        "secretariat_username": "kawagoe-jimu",
        "email": "j@kawagoe.example",
    }

    response = client.post("/installation/organizations/", data)

    assert response.status_code == 302
    page = client.get("/installation/organizations/").content.decode()
    assert "川越市 を登録しました" in page
    link = re.search(r"http://testserver(/account/set-password/[^<]+/)", page)
    assert link
    assert "no-store" in client.get("/installation/organizations/")["Cache-Control"]
    assert "set-password" not in client.get("/installation/organizations/").content.decode()  # once
    assert _set_password(Client(), link.group(1)).status_code == 302  # type: ignore[attr-defined]


def test_a_refused_registration_keeps_what_was_typed() -> None:
    data = {
        "name": "川越市",
        "code": "112012",
        "secretariat_username": "kawagoe-jimu",
        "email": "j@kawagoe.example",
    }

    response = login("admin").post("/installation/organizations/", data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "検査数字" in page and 'value="kawagoe-jimu"' in page
    assert not Organization.objects.filter(jis_code="112012").exists()


@pytest.mark.parametrize("username", ["jimukyoku", "roudou", "iin", "case1", "kouiki"])
def test_the_organizations_page_does_not_exist_for_tenants(username: str) -> None:
    assert login(username).get("/installation/organizations/").status_code == 404
