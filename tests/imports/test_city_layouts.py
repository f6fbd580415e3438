"""Sheets laid out as a city's secretariat keeps them: bureaus in the 所管課 cell, hidden rows and sheets,
grades with notes, legends and footers under the table."""

import csv
import io
from collections.abc import Sequence

import pytest

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["事業番号", "事業名", "令和３年度の取組内容", "令和３年度実績", "達成度", "所管課"]


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create(username="demo-city-jimukyoku", organization=city, role=Role.SECRETARIAT)
    Department.objects.create(organization=city, name="福祉総務課")
    return city


def secretariat(plan: Plan) -> User:
    return User.objects.filter(organization=plan.organization, role=Role.SECRETARIAT).order_by("pk")[0]


def rows_with(department_heading: str = "所管課") -> list[Row]:
    return [
        ["令和３年度　進捗管理表"],
        [*HEADER[:-1], department_heading],
        ["１　就労"],
        ["1", "就労支援の取組", "相談を実施", "130人", "Ａ", "労働政策課"],
        ["2", "福祉の相談", "相談を実施", "40件", "Ｂ", "保健福祉局　福祉総務課"],
    ]


def plan_from(
    content: bytes, city: Organization, name: str = "plan.xlsx", dry_run: bool = False
) -> ImportResult:
    return import_plan(
        name=name,
        content=content,
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
    )


def progress_from(content: bytes, name: str = "p.xlsx", dry_run: bool = False) -> ImportResult:
    plan = Plan.objects.get(slug="demo")
    return import_progress(
        name=name, content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan), dry_run=dry_run
    )


def as_csv(rows: Sequence[Row], encoding: str = "cp932") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if c is None else str(c) for c in row] for row in rows])
    return buffer.getvalue().encode(encoding)


# ---------------------------------------------------------------- 1. a bureau before the department


@pytest.mark.parametrize("heading", ["所管課", "担当部署"])
def test_progress_reads_a_bureau_before_the_department_as_the_plan_import_does(
    city: Organization, heading: str
) -> None:
    content = xlsx(rows_with(heading))
    plan_from(content, city)
    progress_from(content)
    entry = YearlyEntry.objects.get(program__plan__slug="demo", program__number=2)
    assert (entry.department.name, entry.final_grade) == ("福祉総務課", "B")
    assert Department.objects.filter(organization=city, name__contains="福祉総務課").count() == 1


def test_progress_reads_a_bureau_before_the_department_in_a_shift_jis_csv(city: Organization) -> None:
    content = as_csv(rows_with())
    plan_from(content, city, name="plan.csv")
    progress_from(content, name="p.csv")
    entry = YearlyEntry.objects.get(program__plan__slug="demo", program__number=2)
    assert entry.department.name == "福祉総務課"


# ---------------------------------------------------------------- 2. hidden rows


def workbook(
    sheets: Sequence[tuple[str, Sequence[Row]]],
    *,
    hidden_rows: Sequence[int] = (),
    hidden_sheets: Sequence[str] = (),
) -> bytes:
    """Return a workbook of the named sheets, rows hidden (in the first sheet) and sheets hidden."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        if title in hidden_sheets:
            sheet.sheet_state = "hidden"
    first = book[sheets[0][0]]
    for number in hidden_rows:
        first.row_dimensions[number].hidden = True
    if hidden_sheets and book.active.sheet_state == "hidden":
        book.active = [s.sheet_state for s in book.worksheets].index("visible")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_hidden_row() -> bytes:
    rows = [*rows_with(), ["99", "廃止した事業（非表示）", "―", "―", "Ｃ", "労働政策課"]]
    return workbook([("進捗管理表", rows)], hidden_rows=[6])


def test_a_hidden_row_is_not_a_program_and_is_listed_as_skipped(city: Organization) -> None:
    result = plan_from(with_hidden_row(), city, dry_run=True)
    assert result.summary["programs"] == 2
    assert [(s.row, s.why) for s in result.preview.skipped] == [(6, "非表示の行")]
    assert "廃止した事業" in result.preview.skipped[0].text


def test_a_hidden_row_gives_no_grade_in_the_progress_import(city: Organization) -> None:
    plan_from(xlsx(rows_with()), city)
    result = progress_from(with_hidden_row())
    assert result.summary["grades"] == {"A": 1, "B": 1}
    assert [(s.row, s.why) for s in result.preview.skipped] == [(6, "非表示の行")]


def test_a_hidden_heading_is_named_in_the_preview_as_its_programs_join_the_heading_above(
    city: Organization,
) -> None:
    rows = [
        *rows_with(),
        ["２　旧施策（廃止）"],
        ["3", "更生保護の広報", "広報を実施", "2回", "Ｂ", "労働政策課"],
    ]
    result = plan_from(workbook([("進捗管理表", rows)], hidden_rows=[6]), city, dry_run=True)
    assert [(s.row, s.why) for s in result.preview.skipped] == [(6, "非表示の見出しの行")]
    assert (
        "6行目の見出し「２　旧施策（廃止）」は非表示のため読みません。"
        "その下の表示されている事業は、直前の見出しの下に入ります。"
    ) in result.preview.notes


# ---------------------------------------------------------------- 3. hidden and further sheets


def test_a_hidden_old_sheet_first_is_never_read(city: Organization) -> None:
    old = [[*HEADER], ["１　旧"], ["7", "廃止した事業", "―", "―", "Ｃ", "労働政策課"]]
    content = workbook([("R2（旧）", old), ("R3", rows_with())], hidden_sheets=["R2（旧）"])
    result = plan_from(content, city, dry_run=True)
    assert result.summary["programs"] == 2
    assert result.preview.notes == ["読んだシート: R3。非表示のシート（読んでいません）: R2（旧）。"]
    assert result.preview.notes[0] in result.warnings


def test_a_table_only_on_a_hidden_sheet_is_refused_saying_so(city: Organization) -> None:
    content = workbook([("表紙", [["進捗管理表"]]), ("R3", rows_with())], hidden_sheets=["R3"])
    with pytest.raises(
        ImportRefused, match="非表示のシートは読みません（R3）。表は非表示のシートにあります。"
    ):
        plan_from(content, city, dry_run=True)


def test_the_sheets_not_read_are_named_in_the_preview_and_the_dry_run(city: Organization) -> None:
    # A tally under another header is not part of the table (one with the same header would be: test_sheets.py).
    tally = [["重点項目", "事業数", "Ａ", "Ｂ", "Ｃ", "－"], ["１　就労", "2", "1", "1", "0", "0"]]
    content = workbook([("基本目標1", rows_with()), ("集計", tally)])
    result = plan_from(content, city, dry_run=True)
    assert result.preview.notes == ["読んだシート: 基本目標1。ほかのシート（読んでいません）: 集計。"]
    plan_from(content, city)
    progress = progress_from(content, dry_run=True)
    # The progress preview says first that this sheet has no 目標 column (test_progress_rows_and_targets.py).
    assert progress.preview.notes == [
        "目標の列が見つかりません（見出し: 「事業番号」、「事業名」、「令和３年度の取組内容」、「令和３年度実績」、"
        "「達成度」、「所管課」）。目標は取り込まず、各取組の目標と定量的・定性的評価の別は今のままです。",
        *result.preview.notes,
    ]


# ---------------------------------------------------------------- 4. grades by their meaning, grades with a note


def graded(first: str, second: str) -> list[Row]:
    rows = rows_with()
    rows[3] = [*rows[3][:4], first, rows[3][5]]
    rows[4] = [*rows[4][:4], second, rows[4][5]]
    return rows


def test_the_meaning_of_the_not_evaluable_grade_and_a_grade_with_a_note_are_read(city: Organization) -> None:
    content = xlsx(graded("Ａ（上回った）", "評価不能"))
    preview = plan_from(content, city).preview
    assert (preview.unknown_grades, preview.warnings) == ([], [])
    progress_from(content)
    grades = dict(
        YearlyEntry.objects.filter(program__plan__slug="demo").values_list("program__number", "final_grade")
    )
    assert grades == {1: "A", 2: "－"}


@pytest.mark.parametrize("text", ["Ａ（上回った）（再）", "Ｄ（下回った）", "評価しない"])
def test_other_grades_with_notes_are_still_refused(city: Organization, text: str) -> None:
    plan_from(xlsx(rows_with()), city)
    with pytest.raises(ImportRefused, match="この評価尺度にありません"):
        progress_from(xlsx(graded(text, "Ｂ")))


# ---------------------------------------------------------------- 5. a legend and a footer under the table

LEGEND = "Ａ：目標を上回った　Ｂ：概ね目標どおり　Ｃ：目標を下回った　－：評価できない"
FOOTER = "作成：保健福祉局福祉部福祉総務課　令和4年6月"


def test_a_legend_and_a_footer_under_the_table_are_notes(city: Organization) -> None:
    rows = [*rows_with(), [], [LEGEND], [None, None, None, None, None, FOOTER]]
    result = plan_from(xlsx(rows), city)
    assert [(s.row, s.why) for s in result.preview.skipped] == [(7, "注記・凡例の行"), (8, "注記・凡例の行")]
    progress = progress_from(xlsx(rows))
    assert [(s.row, s.why) for s in progress.preview.skipped] == [
        (7, "注記・凡例の行"),
        (8, "注記・凡例の行"),
    ]
    assert progress.summary["grades"] == {"A": 1, "B": 1}


def test_a_row_naming_only_some_grades_is_no_legend(city: Organization) -> None:
    rows = [*rows_with(), ["Ａ：目標を上回った　Ｂ：概ね目標どおり"]]
    with pytest.raises(ImportRefused, match="事業番号がなく"):
        plan_from(xlsx(rows), city, dry_run=True)


# ---------------------------------------------------------------- the web preview of a progress import


def test_the_progress_preview_lists_hidden_rows_and_the_sheets_not_read() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests_helpers import login

    client = login("jimukyoku")
    user = User.objects.get(username="jimukyoku")
    assert user.organization is not None
    rows = [*rows_with(), ["99", "廃止した事業（非表示）", "―", "―", "Ｃ", "労働政策課"]]
    import_plan(
        name="plan.xlsx",
        content=xlsx(rows_with()),
        organization=user.organization,
        slug="hidden-rows",
        plan_name="非表示の行の計画",
        first_year=2021,
        last_year=2025,
        actor=user,
    )
    content = workbook([("進捗管理表", rows), ("基本目標2", [["メモ"]])], hidden_rows=[6])
    response = client.post(
        "/imports/",
        {
            "file": SimpleUploadedFile("p.xlsx", content),
            "kind": "progress",
            "plan": str(Plan.objects.get(slug="hidden-rows").pk),
            "fiscal_year": "令和3年度",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="skipped-rows"' in page and "非表示の行" in page and "廃止した事業（非表示）" in page
    assert "ほかのシート（読んでいません）: 基本目標2" in page
    assert 'id="plan-tree"' not in page and 'id="grade-scale"' not in page


def test_a_hidden_sheet_without_the_table_is_not_named_as_if_the_table_were_there(city: Organization) -> None:
    old = [["メモ"], ["前年度の集計（架空）"]]
    content = workbook([("表紙", [["進捗管理表"]]), ("メモ", old)], hidden_sheets=["メモ"])
    with pytest.raises(ImportRefused) as refused:
        plan_from(content, city, dry_run=True)
    assert not any("非表示" in str(problem) for problem in refused.value.problems)
    assert any("見出し行が見つかりません" in str(problem) for problem in refused.value.problems)
