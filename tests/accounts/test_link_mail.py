"""The set-password link is mailed at once where mail is configured, never queued in the database.

Real SMTP servers on loopback (tests/smtp_servers.py, as the notifications tests use): one that
accepts, one that refuses every address (550), and a port nobody listens on (the server is down).
川越市 (112011) and its secretariat's address are demo data; kawagoe.example is never delivered.
"""

import io
import re
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from shinchoku.accounts.models import Department, User
from shinchoku.notifications.models import Message
from smtp_servers import Inbox, Refusing, free_port, smtp_server
from tests_helpers import login

pytestmark = pytest.mark.django_db
SITE = "https://shinchoku.example.lg.jp"
NEW_PASSWORD = "kawagoe-secretariat-2026"
LINK = re.compile(r"https://shinchoku\.example\.lg\.jp(/account/set-password/\S+/)")


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    box = Inbox()
    with (
        smtp_server(box) as port,
        override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=5"),
    ):
        yield box


def _create_kawagoe(email: str = "jimu@kawagoe.example") -> str:
    out = io.StringIO()
    call_command(
        "create_organization",
        *("--name", "川越市", "--code", "112011", "--secretariat", "kawagoe-jimu"),
        *("--email", email, "--site", SITE),
        stdout=out,
    )
    return out.getvalue()


def _path_in(mail: EmailMessage) -> str:
    body = mail.get_content()
    match = LINK.search(body)
    assert match, body
    return match.group(1)


def _set_password(link: str) -> int:
    client = Client()
    landing = client.get(link)
    if landing.status_code != 302:
        return landing.status_code
    response = client.post(
        landing["Location"], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    return response.status_code


def _no_message_holds_a_link() -> None:
    assert not Message.objects.filter(body_text__contains="set-password").exists()
    assert not Message.objects.filter(body_html__contains="set-password").exists()


def test_create_organization_mails_the_link_which_works_once(inbox: Inbox) -> None:
    output = _create_kawagoe()

    assert "メールでも送りました: jimu@kawagoe.example" in output
    [mail] = inbox.to("jimu@kawagoe.example")
    body = mail.get_content()
    assert "パスワード設定" in mail["Subject"]
    assert "川越市" in body and "ログイン名: kawagoe-jimu" in body
    assert "72時間有効で、1回だけ使えます" in body and "心当たりがないとき" in body
    link = _path_in(mail)
    assert link in output  # the same link the command printed
    assert _set_password(link) == 302
    assert User.objects.get(username="kawagoe-jimu").check_password(NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert "このリンクはもう使えません" in again.content.decode()
    _no_message_holds_a_link()


def test_a_refused_address_still_makes_the_city_and_prints_the_link() -> None:
    with smtp_server(Refusing()) as port, override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{port}"):
        output = _create_kawagoe()

    assert User.objects.filter(username="kawagoe-jimu", organization__jis_code="112011").exists()
    assert "/account/set-password/" in output
    assert "メール（jimu@kawagoe.example）を送れませんでした。リンクを本人に直接渡してください。" in output
    _no_message_holds_a_link()


def test_a_mail_server_that_is_down_does_not_break_the_screen() -> None:
    data = {
        "name": "川越市",
        "code": "112011",
        "secretariat_username": "kawagoe-jimu",
        "email": "j@kawagoe.example",
    }
    client = login("admin")
    with override_settings(SHINCHOKU_EMAIL_URL=f"smtp://127.0.0.1:{free_port()}?timeout=2"):
        response = client.post("/installation/organizations/", data)

    assert response.status_code == 302
    page = client.get("/installation/organizations/").content.decode()
    assert "/account/set-password/" in page
    assert "j@kawagoe.example へのメールを送れませんでした。リンクを本人に直接渡してください。" in page
    _no_message_holds_a_link()


def test_without_mail_configured_nothing_is_sent_and_the_page_says_to_pass_the_link_on() -> None:
    with override_settings(SHINCHOKU_EMAIL_URL=""):
        output = _create_kawagoe()
        client = login("jimukyoku")
        person = User.objects.get(username="roudou")
        client.post(f"/organization/people/{person.pk}/link/")
        page = client.get("/organization/people/").content.decode()

    assert "メールの送信は設定されていません" in output and "/account/set-password/" in output
    assert "この環境ではメールの送信が設定されていません。リンクを本人に直接渡してください。" in page
    assert "/account/set-password/" in page


def test_the_installation_screen_mails_the_link_and_says_so(inbox: Inbox) -> None:
    data = {
        "name": "川越市",
        "code": "112011",
        "secretariat_username": "kawagoe-jimu",
        "email": "j@kawagoe.example",
    }
    client = login("admin")
    with override_settings(SHINCHOKU_SITE_URL=SITE):
        client.post("/installation/organizations/", data)

    page = client.get("/installation/organizations/").content.decode()
    assert "リンクはメールでも j@kawagoe.example に送りました。" in page
    assert _set_password(_path_in(inbox.to("j@kawagoe.example")[0])) == 302


def test_a_person_added_on_the_form_gets_the_link_by_mail(inbox: Inbox) -> None:
    data = {
        "username": "kaigo-tanaka",
        "full_name": "田中 花子",
        "email": "tanaka@saitama.example",
        "role": "editor",
        "departments": [Department.objects.get(name="労働政策課").pk],
        "is_active": "on",
    }
    client = login("jimukyoku")
    with override_settings(SHINCHOKU_SITE_URL=SITE):
        client.post("/organization/people/new/", data)

    [mail] = inbox.to("tanaka@saitama.example")
    assert "田中 花子 様" in mail.get_content()
    assert (
        "リンクはメールでも tanaka@saitama.example に送りました。"
        in client.get("/organization/people/").content.decode()
    )
    assert _set_password(_path_in(mail)) == 302
    _no_message_holds_a_link()


def test_a_new_link_is_mailed_and_a_person_without_address_is_told_by_hand(inbox: Inbox) -> None:
    client = login("jimukyoku")
    person = User.objects.get(username="roudou")
    with override_settings(SHINCHOKU_SITE_URL=SITE):
        client.post(f"/organization/people/{person.pk}/link/")
        assert len(inbox.to(person.email)) == 1
        User.objects.filter(pk=person.pk).update(email="")
        client.post(f"/organization/people/{person.pk}/link/")

    assert len(inbox.mails) == 1
    page = client.get("/organization/people/").content.decode()
    assert "メールアドレスがないため、メールは送っていません。" in page


def test_the_bulk_add_mails_each_new_account_with_an_address(inbox: Inbox) -> None:
    rows = [
        "氏名,ログイン名,メール,所管課,役割",
        "検証 太郎,kensho-taro,taro@example.jp,労働政策課,所管課",
        "検証 花子,kensho-hanako,,労働政策課,所管課",
    ]
    file = SimpleUploadedFile("利用者.csv", ("\r\n".join(rows) + "\r\n").encode("utf-8-sig"), "text/csv")
    client = login("jimukyoku")
    page = client.post("/organization/people/bulk/", {"file": file}).content.decode()
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    with override_settings(SHINCHOKU_SITE_URL=SITE):
        client.post("/organization/people/bulk/confirm/", {"token": token})

    assert [m["To"] for m in inbox.mails] == ["taro@example.jp"]
    done = client.get("/organization/people/bulk/done/").content.decode()
    assert "リンクはメールでも taro@example.jp に送りました。" in done
    assert "メールアドレスがないため、メールは送っていません。" in done
    assert _set_password(_path_in(inbox.mails[0])) == 302
    _no_message_holds_a_link()
