"""A list of people as a city's staff write it in Excel or CSV: its columns, roles and departments.

The columns are 氏名, ログイン名, メール, 所管課 and 役割, under any of the headings people use for
them (「氏名」「名前」, 「ログインID」「ユーザー名」, 「メールアドレス」…), in any order, below a title row
if there is one. The role is written as the screens show it (事務局, 所管課担当者, 協議会委員). One
所管課 cell may name several departments separated by 、 ・ , or a line break.
"""

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from shinchoku.accounts import usernames
from shinchoku.accounts.models import Role
from shinchoku.domain.text import fold_width, squeeze_spaces
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.sheets import Sheet

MAX_PEOPLE = 1_000  # a city's staff list; a larger file is split

FIELDS = ("full_name", "username", "email", "departments", "role")
HEADINGS = {  # the field each heading names, headings folded by fold()
    "full_name": ("氏名", "名前", "氏名(漢字)", "利用者名", "name", "fullname", "full_name"),
    "username": (
        "ログイン名",
        "ログインid",
        "ログインアカウント",
        "ユーザー名",
        "ユーザ名",
        "ユーザーid",
        "ユーザid",
        "アカウント",
        "id",
        "login",
        "username",
        "loginname",
    ),
    "email": ("メール", "メールアドレス", "電子メール", "eメール", "e-mail", "email", "mail"),
    "departments": ("所管課", "担当課", "所属", "所属課", "課", "部署", "department", "departments"),
    "role": ("役割", "ロール", "権限", "種別", "role"),
}
# What the file may write as a role: the screens' words, their short forms, and the codes.
ROLE_WORDS = {
    Role.SECRETARIAT: ("事務局", "secretariat"),
    Role.EDITOR: ("所管課担当者", "所管課担当", "所管課", "担当者", "editor", "departmenteditor"),
    Role.COUNCIL: ("協議会委員", "委員", "協議会", "council", "councilmember"),
    # Roles the installation gives: named, so that the refusal says who gives them.
    Role.CASEWORKER: ("支援担当者", "支援担当", "caseworker"),
    Role.ADMINISTRATOR: ("管理者", "システム管理者", "administrator", "admin"),
    Role.ANALYST: ("広域閲覧者", "広域閲覧者(都道府県・国)", "analyst"),
}
SEPARATORS = ("、", "・", ",", ";", "\n", "/")


def fold(text: str) -> str:
    """Return text as headings, roles and department names are compared: NFKC, no spaces, lower case."""
    return squeeze_spaces(fold_width(text)).lower().strip("*※")


_HEADING_OF = {fold(h): key for key, headings in HEADINGS.items() for h in headings}
_ROLE_OF = {fold(word): role for role, words in ROLE_WORDS.items() for word in words}


def role_of(text: str) -> Role | None:
    """Return the role a cell names (「所管課担当」 is a department editor), or None for an unknown word."""
    return _ROLE_OF.get(fold(text))


def department_names(cell: str) -> list[str]:
    """Return the department names of one 所管課 cell: 「福祉総務課、労働政策課」 is two."""
    text = fold_width(cell)  # 「，」 and 「／」 become , and /
    for separator in SEPARATORS:
        text = text.replace(separator, "\n")
    return [part.strip() for part in text.split("\n") if part.strip()]


@dataclass(frozen=True)
class RawPerson:
    """One row of the file as written (cells stripped), with its row number in the sheet."""

    row: int
    full_name: str = ""
    username: str = ""
    email: str = ""
    departments: str = ""
    role: str = ""


def _repeated(sheet: Sheet, index: int, columns: dict[str, list[int]]) -> None:
    """Refuse a heading row where two columns name one field: which of them is meant is a guess."""
    row = sheet.rows[index]
    problems = [
        Problem(
            "見出しが重なっています: "
            + "・".join(f"{get_column_letter(c + 1)}列「{row[c].strip()}」" for c in found)
            + "は同じ項目の列です。どちらの列を使うか分からないため、取り込んでいません。",
            "同じ項目の列を1つにしてから、もう一度選んでください。",
            sheet=sheet.name,
            row=index + 1,
        )
        for found in columns.values()
        if len(found) > 1
    ]
    if problems:
        raise ImportRefused(problems)


def _header(sheet: Sheet) -> tuple[int, dict[str, int]]:
    """Return the heading row's index and the column of each field it names."""
    for index, row in enumerate(sheet.rows[:10]):
        columns: dict[str, list[int]] = {}
        for column, cell in enumerate(row):
            key = _HEADING_OF.get(fold(cell))
            if key is not None:
                columns.setdefault(key, []).append(column)
        if "username" in columns and "role" in columns:
            _repeated(sheet, index, columns)
            return index, {key: found[0] for key, found in columns.items()}
    raise ImportRefused(
        [
            Problem(
                "見出しの行が見つかりません（「ログイン名」と「役割」の列が必要です）。",
                "ひな形の1行目の見出し（氏名・ログイン名・メール・所管課・役割）をそのまま使ってください。",
                sheet=sheet.name,
            )
        ]
    )


def read_people(sheets: list[Sheet]) -> list[RawPerson]:
    """Return the people of the first visible sheet, empty rows left out; refuse a file without them."""
    sheet = next((s for s in sheets if not s.hidden), None)
    if sheet is None:
        raise ImportRefused(
            [Problem("表のシートがありません。", "ひな形に書き込んだファイルを選んでください。")]
        )
    start, columns = _header(sheet)
    people = []
    for index in range(start + 1, len(sheet.rows)):
        cells = {key: sheet.cell(index + 1, column + 1).strip() for key, column in columns.items()}
        if any(cells.values()):  # a hidden row is read too: the preview shows it
            cells["username"] = usernames.fold(cells.get("username", ""))  # 「ＫＩＭＵＲＡ」 is 「KIMURA」
            people.append(RawPerson(row=index + 1, **cells))
    if not people:
        raise ImportRefused(
            [
                Problem(
                    "見出しの下に利用者の行がありません。", "1行に1人ずつ書いてください。", sheet=sheet.name
                )
            ]
        )
    if len(people) > MAX_PEOPLE:
        raise ImportRefused(
            [
                Problem(
                    f"利用者が多すぎます（{len(people)}人）。",
                    f"{MAX_PEOPLE}人以下のファイルに分けてください。",
                )
            ]
        )
    return people
