"""The secretariat adds many people at once from Excel or CSV: every row shown first, then all or none.

The people of these lists (検証 太郎, 検証 花子…) are demo data, not from the seed; their addresses
are at example.jp.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.accounts.people_bulk_table import department_names, role_of
from tests_helpers import db_state, login

pytestmark = pytest.mark.django_db
HEADER = "氏名,ログイン名,メール,所管課,役割"


def _csv(*rows: str, header: str = HEADER, encoding: str = "utf-8-sig") -> SimpleUploadedFile:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return SimpleUploadedFile("利用者.csv", text.encode(encoding), content_type="text/csv")


def _upload(client: Client, file: SimpleUploadedFile) -> tuple[int, str]:
    response = client.post("/organization/people/bulk/", {"file": file})
    return response.status_code, response.content.decode()


def _token(page: str) -> str:
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


def test_a_list_is_previewed_then_added_with_departments_history_and_links_shown_once() -> None:
    client = login("jimukyoku")
    status, page = _upload(
        client,
        _csv(
            "検証 太郎,kensho-taro,taro@kensho.example.jp,労働政策課,所管課担当者",
            "検証 花子,kensho-hanako,,住宅政策課、労働政策課,所管課担当",
            "検証 次郎,kensho-jiro,jiro@kensho.example.jp,,協議会委員",
        ),
    )

    assert status == 200
    assert "追加: 3、変更: 0、変更なし: 0、取り込めない: 0" in page
    assert not User.objects.filter(username__startswith="kensho-").exists()  # a preview writes nothing

    response = client.post("/organization/people/bulk/confirm/", {"token": _token(page)})

    assert response.status_code == 302
    hanako = User.objects.get(username="kensho-hanako")
    assert hanako.get_full_name() == "検証 花子" and hanako.role == Role.EDITOR
    assert sorted(d.name for d in hanako.departments.all()) == ["住宅政策課", "労働政策課"]
    assert hanako.organization == User.objects.get(username="jimukyoku").organization
    assert not hanako.has_usable_password() and not hanako.is_staff
    assert User.objects.get(username="kensho-jiro").role == Role.COUNCIL
    assert {h.history_user.username for h in hanako.history.all()} == {"jimukyoku"}
    done = client.get(response["Location"]).content.decode()
    assert done.count("/account/set-password/") == 3
    assert "/account/set-password/" not in client.get(response["Location"]).content.decode()


def test_a_shift_jis_csv_saved_by_excel_with_other_headings_is_read() -> None:
    header = "氏　名,ログインID,メールアドレス,担当課,権限"
    file = _csv(
        "検証 三郎,kensho-saburo,saburo@kensho.example.jp,労働政策課・住宅政策課,所管課担当",
        header=header,
        encoding="cp932",
    )

    status, page = _upload(login("jimukyoku"), file)

    assert status == 200, page
    assert "追加: 1" in page and "労働政策課、住宅政策課" in page


def test_an_excel_workbook_with_a_title_row_is_read() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["令和8年度 利用者一覧（デモ）"])
    sheet.append(["ログイン名", "氏名", "役割", "所管課", "メール"])
    sheet.append(["kensho-shiro", "検証 四郎", "事務局", None, "shiro@kensho.example.jp"])
    buffer = io.BytesIO()
    book.save(buffer)
    client = login("jimukyoku")

    status, page = _upload(client, SimpleUploadedFile("利用者.xlsx", buffer.getvalue()))
    client.post("/organization/people/bulk/confirm/", {"token": _token(page)})

    assert status == 200
    assert User.objects.get(username="kensho-shiro").role == Role.SECRETARIAT


def test_every_refused_row_says_why_in_japanese_and_nothing_is_written() -> None:
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create_user("kensho-other", organization=other, role=Role.EDITOR)
    client = login("jimukyoku")
    before = db_state()

    status, page = _upload(
        client,
        _csv(
            "検証 太郎,kensho-taro,taro@kensho.example.jp,存在しない課,所管課担当者",
            "検証 花子,kensho-dup,,労働政策課,所管課担当者",
            "検証 次郎,kensho-dup,,住宅政策課,所管課担当者",
            "検証 三郎,kensho-other,,労働政策課,所管課担当者",
            "検証 四郎,kensho-mail,shiro@@example,労働政策課,所管課担当者",
            "検証 五郎,kensho-case,,,支援担当者",
            "検証 六郎,case1,,,協議会委員",
            "検証 七郎,kensho-nodept,,,所管課担当者",
            "検証 八郎,kensho-what,,,係長",
            "検証 九郎,kensho-ok,,労働政策課,所管課担当者",
        ),
    )

    assert status == 400
    assert "取り込めない: 9" in page and "追加: 1" in page
    for reason in [
        "所管課「存在しない課」はこの団体にありません",
        "ログイン名「kensho-dup」は、ファイルの4行目にもあります",
        "ログイン名「kensho-dup」は、ファイルの3行目にもあります",
        "ログイン名「kensho-other」はすでに使われています",
        "メールアドレス「shiro@@example」は正しくありません",
        "役割「支援担当者」は事務局の画面からは設定できません",
        "ログイン名「case1」はすでに使われています",
        "所管課担当者には、担当する所管課を1つ以上書いてください",
        "役割「係長」が分かりません",
    ]:
        assert reason in page
    assert 'name="token"' not in page  # no confirmation for a list with a refused row
    assert db_state() == before
    assert client.post("/organization/people/bulk/confirm/", {"token": "forged"}).status_code == 302
    assert db_state() == before


def test_an_existing_person_is_changed_and_an_empty_name_keeps_the_one_they_have() -> None:
    roudou = User.objects.get(username="roudou")
    client = login("jimukyoku")

    status, page = _upload(
        client, _csv(",roudou,,労働政策課、住宅政策課,所管課担当者", "事務局（デモ）,jimukyoku,,,事務局")
    )
    client.post("/organization/people/bulk/confirm/", {"token": _token(page)})

    assert status == 200
    assert "変更: 1、変更なし: 1" in page
    assert "所管課: 労働政策課 → " in page
    roudou.refresh_from_db()
    assert roudou.get_full_name() == "労働政策課 担当（デモ）"
    assert sorted(d.name for d in roudou.departments.all()) == ["住宅政策課", "労働政策課"]
    assert roudou.history.latest().history_user.username == "jimukyoku"


def test_the_secretariat_cannot_take_its_own_secretariat_role_away() -> None:
    status, page = _upload(login("jimukyoku"), _csv("事務局（デモ）,jimukyoku,,,協議会委員"))

    assert status == 400
    assert "自分のアカウントを事務局から外すことはできません" in page


def test_a_name_taken_between_the_preview_and_the_confirmation_refuses_the_whole_list() -> None:
    client = login("jimukyoku")
    _, page = _upload(
        client, _csv("検証 太郎,kensho-taro,,労働政策課,所管課担当者", "検証 花子,kensho-hanako,,,協議会委員")
    )
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create_user("kensho-hanako", organization=other, role=Role.EDITOR)

    response = client.post("/organization/people/bulk/confirm/", {"token": _token(page)})

    assert response.status_code == 400
    assert "ログイン名「kensho-hanako」はすでに使われています" in response.content.decode()
    assert not User.objects.filter(username="kensho-taro").exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\x81\xff\xfe\x00broken", "文字コードが判別できません"),
        ("名前,メール\r\n検証 太郎,taro@kensho.example.jp\r\n".encode(), "見出しの行が見つかりません"),
        (f"{HEADER}\r\n,,,,\r\n".encode("utf-8-sig"), "見出しの下に利用者の行がありません"),
    ],
)
def test_a_file_that_is_not_a_list_of_people_is_refused_with_the_reason(content: bytes, why: str) -> None:
    status, page = _upload(login("jimukyoku"), SimpleUploadedFile("x.csv", content))

    assert status == 400
    assert why in page


def test_the_templates_are_an_empty_csv_for_excel_and_a_workbook_with_the_roles() -> None:
    client = login("jimukyoku")

    csv_file = client.get("/organization/people/bulk/template.csv")
    xlsx = client.get("/organization/people/bulk/template.xlsx")

    assert csv_file.content == f"\ufeff{HEADER}\r\n".encode()
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == HEADER.split(",")
    assert '"事務局,所管課担当者,協議会委員"' in [v.formula1 for v in sheet.data_validations.dataValidation]


@pytest.mark.parametrize("persona", ["roudou", "iin", "case1", "kouiki"])
def test_only_a_secretariat_finds_the_page(persona: str) -> None:
    assert login(persona).get("/organization/people/bulk/").status_code == 404


def test_roles_are_read_as_the_screens_write_them() -> None:
    assert role_of("所管課担当") == role_of("所管課担当者") == role_of("ｅｄｉｔｏｒ") == Role.EDITOR
    assert role_of(" 事務局 ") == Role.SECRETARIAT
    assert role_of("協議会　委員") == Role.COUNCIL
    assert role_of("支援担当者") == Role.CASEWORKER  # named, to be refused with the reason
    assert role_of("係長") is None


def test_one_cell_names_several_departments() -> None:
    assert department_names("労働政策課、住宅政策課") == ["労働政策課", "住宅政策課"]
    assert department_names("労働政策課・住宅政策課\n福祉総務課") == [
        "労働政策課",
        "住宅政策課",
        "福祉総務課",
    ]
    assert department_names("労働政策課，住宅政策課") == ["労働政策課", "住宅政策課"]
    assert Department.objects.filter(name__in=department_names("労働政策課、住宅政策課")).count() == 2


def test_the_excel_template_filled_in_is_accepted() -> None:
    client = login("jimukyoku")
    book = load_workbook(io.BytesIO(client.get("/organization/people/bulk/template.xlsx").content))
    sheet = book.active
    assert sheet is not None
    sheet.append(["検証 十郎", "kensho-juro", "juro@kensho.example.jp", "住宅政策課", "所管課担当者"])
    buffer = io.BytesIO()
    book.save(buffer)

    status, page = _upload(client, SimpleUploadedFile("利用者.xlsx", buffer.getvalue()))

    assert status == 200, page
    assert "追加: 1、変更: 0、変更なし: 0、取り込めない: 0" in page
