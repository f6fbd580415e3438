"""A login name is what a person can type at the login: half-width letters, digits and @ . + - _.

On a Japanese keyboard a name is often typed in full width (「ＹＯＳＨＩＤＡ　」 with a full-width
space). Every path that makes an account (the form, the list, the April change, a new city)
folds it to 「YOSHIDA」 before checking and storing it, and refuses kana or kanji with a message
that names the allowed characters. The case is kept, and the login compares names exactly, as
Django does; its login form folds full-width input too. Two names that differ only in case are one
name. The people are test data (（テスト）), not from the seed.
"""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from shinchoku.accounts.models import Department, User
from shinchoku.accounts.services import AccountError, create_organization
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
PASSWORD = "yoshida-passphrase-2026"
ALLOWED = "半角の英字・数字と @ . + - _だけを使ってください"


def _set_password(path: str) -> None:
    client = Client()
    landing = client.get(path)
    assert landing.status_code == 302
    done = client.post(landing["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302


def _logs_in(typed: str) -> bool:
    client = Client()
    client.post("/login/", {"username": typed, "password": PASSWORD})
    return "_auth_user_id" in client.session


def _add(username: str, full_name: str = "吉田 一郎（テスト）") -> tuple[int, str]:
    response = login("jimukyoku").post(
        "/organization/people/new/",
        {
            "username": username,
            "full_name": full_name,
            "email": "",
            "role": "editor",
            "departments": [Department.objects.get(name="労働政策課").pk],
            "is_active": "on",
        },
    )
    return response.status_code, response.content.decode()


def test_suzuki_typed_in_full_width_on_the_form_is_stored_as_suzuki() -> None:
    status, _ = _add("ＳＵＺＵＫＩ　")

    assert status == 302
    assert User.objects.filter(username="SUZUKI").exists()
    assert not User.objects.filter(username="ＳＵＺＵＫＩ").exists()


def test_a_newcomer_of_the_april_change_typed_in_full_width_logs_in_after_setting_a_password() -> None:
    jutaku = Department.objects.get(name="住宅政策課")
    form = {"new0_full_name": "吉田 一郎（テスト）", "new0_username": "ＹＯＳＨＩＤＡ　", "new0_email": ""}
    client = login("jimukyoku")

    response = client.post(
        reverse("accounts:department_transfer", args=[jutaku.pk]), form | {"action": "apply"}
    )

    assert response.status_code == 302
    yoshida = User.objects.get(username="YOSHIDA")
    page = client.get(response["Location"]).content.decode()
    path = page.split("/account/set-password/", 1)[1].split("/", 2)
    _set_password(f"/account/set-password/{path[0]}/{path[1]}/")
    assert yoshida.history.latest("history_date").history_change_reason == "本人がパスワードを設定"
    assert _logs_in("YOSHIDA")
    assert _logs_in("ＹＯＳＨＩＤＡ")  # as a Japanese input method types it: the login form folds it
    assert not _logs_in("yoshida")  # the login compares names exactly, as Django does


@pytest.mark.parametrize("typed", ["やまもと", "山本", "yamada taro", "ｙａｍａ！", "kato:g"])
def test_a_name_in_kana_kanji_or_with_other_signs_is_refused_naming_the_allowed_characters(
    typed: str,
) -> None:
    before = db_state()

    status, page = _add(typed)

    assert status == 400
    assert ALLOWED in page
    assert db_state() == before


def test_a_name_that_differs_only_in_case_from_an_account_is_refused_as_the_same_name() -> None:
    status, page = _add("ＲＯＵＤＯＵ")  # the seed's roudou, typed in full-width capitals

    assert status == 400
    assert "ログイン名「ROUDOU」は、すでにある「roudou」と大文字・小文字だけが違うため使えません。" in page


def test_the_new_city_screen_and_command_fold_and_check_the_secretariats_login_name() -> None:
    out = io.StringIO()
    call_command(
        "create_organization",
        *("--name", "川越市", "--code", "112011", "--secretariat", "ＫＡＷＡＧＯＥ－ｊｉｍｕ"),
        *("--email", "jimu@kawagoe.example"),
        stdout=out,
    )

    assert User.objects.get(username="KAWAGOE-jimu").organization.name == "川越市"
    with pytest.raises(AccountError, match=re.escape(ALLOWED)):
        create_organization(name="所沢市", code="112089", secretariat_username="ところざわ", email="a@b.jp")
    with pytest.raises(AccountError, match="「kawagoe-jimu」は、すでにある「KAWAGOE-jimu」と"):
        create_organization(name="所沢市", code="112089", secretariat_username="kawagoe-jimu", email="a@b.jp")


def _upload(*rows: str, header: str = "氏名,ログイン名,メール,所管課,役割") -> str:
    text = "\r\n".join([header, *rows]) + "\r\n"
    file = SimpleUploadedFile("利用者.csv", text.encode("utf-8-sig"), content_type="text/csv")
    return login("jimukyoku").post("/organization/people/bulk/", {"file": file}).content.decode()


def test_the_list_folds_kimura_and_refuses_yamamoto_in_hiragana_and_a_case_twin_of_roudou() -> None:
    page = _upload(
        "木村 三郎（テスト）,ＫＩＭＵＲＡ,,労働政策課,所管課担当者",
        "山本 四郎（テスト）,やまもと,,労働政策課,所管課担当者",
        "労働 太郎（テスト）,ROUDOU,,労働政策課,所管課担当者",
    )

    assert "KIMURA" in page and "ＫＩＭＵＲＡ" not in page
    assert f"ログイン名「やまもと」には、空白や記号を使わず、{ALLOWED}" in page
    assert "ログイン名「ROUDOU」は、すでにある「roudou」と大文字・小文字だけが違うため使えません。" in page
    assert "取り込めない: 2" in page


def test_a_list_with_two_login_name_columns_is_refused_naming_the_heading() -> None:
    page = _upload(
        "木村 三郎（テスト）,kimura,,労働政策課,所管課担当者,kimura-2",
        header="氏名,ログイン名,メール,所管課,役割,ログイン名",
    )

    assert "B列「ログイン名」・F列「ログイン名」は同じ項目の列です" in page
    assert not User.objects.filter(username__startswith="kimura").exists()


def _admin_adds(username: str) -> tuple[int, str]:
    response = login("admin").post(
        "/admin/accounts/user/add/",
        {"username": username, "usable_password": "false", "password1": "", "password2": ""},
    )
    return response.status_code, response.content.decode()


def test_the_installation_administrator_adds_yoshida_typed_in_full_width_as_yoshida() -> None:
    status, _ = _admin_adds("ＹＯＳＨＩＤＡ　")

    assert status == 302
    assert User.objects.filter(username="YOSHIDA").exists()


@pytest.mark.parametrize("typed", ["やまもと", "ＲＯＵＤＯＵ"])
def test_the_admin_refuses_a_name_in_kana_and_a_case_twin_of_roudou_as_the_screens_do(typed: str) -> None:
    before = db_state()

    status, page = _admin_adds(typed)

    assert status == 200
    assert ALLOWED in page or "大文字・小文字だけが違う" in page
    assert db_state() == before
