"""The 進捗管理表 (Excel, CSV), the report command, and the downloads for each persona."""

import csv
import io
import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.plans.models import Plan, Program
from shinchoku.reports.progress_table import columns, to_csv, to_xlsx
from tests_helpers import login

pytestmark = pytest.mark.django_db
HEADER = [
    "事業番号",
    "計画に掲載している標題",
    "計画に掲載している事業内容",
    "令和3年度の取組内容",
    "令和3年度目標",
    "令和3年度実績・取組の成果",
    "達成度",
    "所管課",
]


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def test_the_columns_are_the_seeds() -> None:
    assert columns(2021) == HEADER


def test_the_excel_has_the_seeds_columns_sections_and_print_set_up(plan: Plan) -> None:
    sheet = load_workbook(BytesIO(to_xlsx(plan, 2021))).active
    assert [c.value for c in sheet[2]] == HEADER
    assert sheet["A1"].value == "令和3年度さいたま市再犯防止推進計画進捗管理表"
    assert sheet["A3"].value == "1 就労・住居の確保等のための取組"  # an area's section row
    assert sheet.freeze_panes == "B3"
    assert sheet.print_title_rows == "$2:$2"  # the header row on every printed page
    assert sheet.page_setup.orientation == "landscape"
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 76  # 74 listings; programs 16 and 57 have two departments
    first = rows[0]
    assert first[0] == 1 and first[1] == "ワークステーションさいたまにおける取組" and first[6] == "A"
    assert sheet.cell(row=3 + 3, column=4).alignment.wrap_text
    relisted = [r for r in rows if str(r[1]).endswith("（再掲）")]
    assert len(relisted) == 14


def test_the_csv_opens_in_excel_in_both_encodings(plan: Plan) -> None:
    utf8 = to_csv(plan, 2021)
    assert utf8.startswith(b"\xef\xbb\xbf")  # BOM: Excel in Japan then reads UTF-8
    sjis = to_csv(plan, 2021, encoding="cp932")
    for data, encoding in [(utf8, "utf-8-sig"), (sjis, "cp932")]:
        rows = list(csv.reader(io.StringIO(data.decode(encoding))))
        assert rows[0] == ["重点項目", "施策", "細目", *HEADER]
        assert len(rows) == 77
        assert rows[1][:5] == [
            "1 就労・住居の確保等のための取組",
            "1(1) 就労の確保等",
            "1(1)① 就職に向けた相談・支援等の充実",
            "1",
            "ワークステーションさいたまにおける取組",
        ]


def test_cells_that_could_be_formulas_are_neutralised_and_numbers_stay_numbers(plan: Plan) -> None:
    Program.objects.filter(plan=plan, number=8).update(title='=HYPERLINK("http://example.invalid","x")')
    Program.objects.filter(plan=plan, number=22).update(title="＋1+1")
    sheet = load_workbook(BytesIO(to_xlsx(plan, 2021))).active
    titles = {r[0]: r[1] for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)}
    assert titles[8] == '\'=HYPERLINK("http://example.invalid","x")'
    assert titles[22] == "'＋1+1"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    text = to_csv(plan, 2021).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    grades = {r[0]: r[6] for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)}
    assert grades[17] == "－"  # a lone dash is a grade, not a formula


def test_the_command_writes_each_format(tmp_path: Path) -> None:
    for fmt in ["json", "xlsx", "csv", "html"]:
        out = tmp_path / f"r.{fmt}"
        call_command("report", "--year", "2021", "--format", fmt, "-o", str(out))
        assert out.stat().st_size > 1000
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["total"] == 74


def test_the_command_refuses_an_unwritable_path() -> None:
    with pytest.raises(CommandError, match="に書き込めません"):
        call_command("report", "--year", "2021", "--format", "csv", "-o", "/nonexistent/dir/r.csv")


def test_confirmed_only_leaves_out_drafts(plan: Plan) -> None:
    from shinchoku.plans.models import YearlyEntry

    YearlyEntry.objects.filter(program__number=1, fiscal_year=2021).update(status="submitted")
    out = StringIO()
    call_command("report", "--year", "2021", "--confirmed-only", stdout=out)
    assert json.loads(out.getvalue())["total"] == 73


@pytest.fixture
def outsider() -> Client:
    other = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create_user("other", organization=other, role=Role.SECRETARIAT)
    return login("other")


URL = "/plans/saitama-r3/2021/report.{}"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("jimukyoku", 200),
        ("iin", 200),
        ("roudou", 403),
        ("jutaku", 403),
        ("case1", 404),
        ("other", 404),
    ],
)
def test_downloads_by_persona(persona: str, status: int, outsider: Client) -> None:
    client = {"anonymous": Client(), "other": outsider}.get(persona) or login(persona)
    response = client.get(URL.format("xlsx"))
    assert response.status_code == status


def test_a_download_has_a_japanese_file_name_and_is_not_cached() -> None:
    response = login("jimukyoku").get(URL.format("csv") + "?encoding=cp932")
    assert response["Content-Type"] == "text/csv; charset=shift_jis"
    assert "filename*=utf-8''" in response["Content-Disposition"].lower()
    assert response["Cache-Control"] == "no-store"
    response.content.decode("cp932")


def test_the_html_report_opens_in_the_browser_and_the_files_are_saved() -> None:
    client = login("jimukyoku")
    assert client.get(URL.format("html"))["Content-Disposition"].startswith("inline;")
    assert client.get(URL.format("pdf"))["Content-Disposition"].startswith("attachment;")


def test_council_members_download_confirmed_entries_only() -> None:
    from shinchoku.plans.models import YearlyEntry

    YearlyEntry.objects.filter(program__number=1, fiscal_year=2021).update(status="submitted")
    council = json.loads(login("iin").get(URL.format("json")).content)
    secretariat = json.loads(login("jimukyoku").get(URL.format("json")).content)
    assert (council["total"], secretariat["total"]) == (73, 74)


def test_unknown_formats_and_years_are_missing() -> None:
    client = login("jimukyoku")
    assert client.get(URL.format("docx")).status_code == 404
    assert client.get("/plans/saitama-r3/2024/report.pdf").status_code == 404
