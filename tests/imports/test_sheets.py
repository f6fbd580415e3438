"""A table continued over several sheets (one per 基本目標, each with the same header) reads as one table.

The rows are the seed's (its title, header, explanation row, sections, programs and grades), split as a
city printing one sheet per 基本目標 would; the hidden old sheet and the tally sheet are ours.
"""

import io

import pytest
from openpyxl import Workbook

from seed_sheet import EXPLANATION, HEADER, PROGRAMS, SEED_GRADES, TITLE, relisted
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row

pytestmark = pytest.mark.django_db


def p(number: int) -> Row:
    return next(row for row in PROGRAMS if row[0] == str(number))


def goal(*rows: Row) -> list[Row]:
    """A sheet of one 基本目標: the seed's title, header and explanation row, then its rows."""
    return [[TITLE], HEADER, EXPLANATION, *rows]


GOAL_1 = goal(
    ["１　就労・居住の確保等のための取組…14事業"],
    ["（１）就労の確保等"],
    ["①就職に向けた相談・支援等の充実（7事業）"],
    p(1),
    p(3),
    p(7),
)
GOAL_2 = goal(
    ["２　保健医療・福祉サービスの利用の促進等のための取組…26事業"],
    ["（１）高齢者又は障害者等への支援等"],
    ["①保健医療・福祉サービスの提供に関する取組（11事業）"],
    p(14),
    p(22),
)
GOAL_3 = goal(
    ["３　非行の防止・学校と連携した修学支援等のための取組…15事業"],
    ["①修学支援等に関する取組（５事業）"],
    p(39),
    relisted(3),
    ["- 3 -"],
)
TALLY = [["重点項目", "事業数", "Ａ", "Ｂ"], ["１　就労・居住の確保等のための取組", "3", "2", "1"]]
OLD = goal(["１　就労"], ["①旧事業"], ["99", "廃止した事業（架空）", "", "", "", "", "Ｃ"])


def book(sheets: list[tuple[str, list[Row]]], hidden: tuple[str, ...] = ()) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        if title in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SHEETS = [
    ("基本目標1", GOAL_1),
    ("R2（旧）", OLD),
    ("基本目標2", GOAL_2),
    ("集計", TALLY),
    ("基本目標3", GOAL_3),
]


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def plan_from(content: bytes, city: Organization, *, dry_run: bool = False) -> ImportResult:
    return import_plan(
        name="plan.xlsx",
        content=content,
        organization=city,
        slug="goals",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
        department="福祉総務課",
    )


def test_sheets_with_the_same_header_are_read_in_order_as_one_table(city: Organization) -> None:
    result = plan_from(book(SHEETS, hidden=("R2（旧）",)), city)
    assert result.preview.notes[-2:] == [
        "3枚のシートを1つの表として読みました：基本目標1、基本目標2、基本目標3。",
        "ほかのシート（読んでいません）: 集計。非表示のシート（読んでいません）: R2（旧）。",
    ]
    plan = Plan.objects.get(slug="goals")
    assert sorted(plan.programs.values_list("number", flat=True)) == [1, 3, 7, 14, 22, 39]
    assert [n.path_label() for n in plan.nodes.order_by("position")] == [
        "1",
        "1(1)",
        "1(1)①",
        "2",
        "2(1)",
        "2(1)①",
        "3",
        "3①",
    ]
    # 事業番号3 of 基本目標1 listed again on 基本目標3's sheet
    relisting = plan.programs.get(number=3).listings.get(is_relisting=True)
    assert relisting.node.path_label() == "3①"
    assert result.summary["relistings"] == 1


def test_the_skipped_rows_of_every_sheet_name_their_sheet(city: Organization) -> None:
    preview = plan_from(book(SHEETS, hidden=("R2（旧）",)), city, dry_run=True).preview
    assert [(row.sheet, row.row, row.why) for row in preview.skipped] == [
        ("基本目標1", 3, "見出しの説明の行"),
        ("基本目標2", 3, "見出しの説明の行"),
        ("基本目標3", 3, "見出しの説明の行"),
        ("基本目標3", 8, "ページ番号の行"),
    ]


def test_a_table_on_one_sheet_names_no_sheet_in_its_skipped_rows(city: Organization) -> None:
    preview = plan_from(book([("基本目標1", GOAL_1), ("集計", TALLY)]), city, dry_run=True).preview
    assert [(row.sheet, row.row) for row in preview.skipped] == [("", 3)]
    assert preview.notes[-1] == "読んだシート: 基本目標1。ほかのシート（読んでいません）: 集計。"


def test_a_problem_on_a_later_sheet_names_that_sheet(city: Organization) -> None:
    broken = goal(["２　保健医療"], ["①提供"], ["1", "同じ番号で別の標題", "", "", "", "", "Ａ"])
    with pytest.raises(ImportRefused) as refused:
        plan_from(book([("基本目標1", GOAL_1), ("基本目標2", broken)]), city, dry_run=True)
    assert [str(problem) for problem in refused.value.problems] == [
        "シート「基本目標2」・6行目・「B（計画に掲載している標題）」列: "
        "事業番号1の標題がシート「基本目標1」の7行目と違います。（値: 「同じ番号で別の標題」） "
        "→ 同じ事業番号の行は同じ標題にするか、番号を直してください。"
    ]


def test_a_sheet_whose_header_differs_is_not_part_of_the_table(city: Organization) -> None:
    other = [["事業番号", "事業名", "達成度"], ["１　別の表"], ["1", "別の表の事業", "Ａ"]]
    result = plan_from(book([("基本目標1", GOAL_1), ("別表", other)]), city, dry_run=True)
    assert result.summary["programs"] == 3
    assert result.preview.notes[-1] == "読んだシート: 基本目標1。ほかのシート（読んでいません）: 別表。"


def test_the_progress_import_reads_the_same_sheets_and_grades_every_program(city: Organization) -> None:
    content = book(SHEETS, hidden=("R2（旧）",))
    plan_from(content, city)
    plan = Plan.objects.get(slug="goals")
    result = import_progress(
        name="r3.xlsx",
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
    )
    assert "3枚のシートを1つの表として読みました：基本目標1、基本目標2、基本目標3。" in result.preview.notes
    grades = dict(
        YearlyEntry.objects.filter(program__plan=plan).values_list("program__number", "final_grade")
    )
    assert grades == {n: SEED_GRADES[n] for n in (1, 3, 7, 14, 22, 39)}


def test_a_header_differing_only_in_widths_and_line_breaks_is_the_same_header(city: Organization) -> None:
    retyped = [
        "事業番号",
        *(str(h).replace("３", "3") for h in HEADER[1:]),
    ]  # 「事業\n番号」, 「令和３年度目標」
    second = [[TITLE], retyped, EXPLANATION, *GOAL_2[3:]]
    result = plan_from(book([("基本目標1", GOAL_1), ("基本目標2", second)]), city, dry_run=True)
    assert result.preview.notes[-1] == "2枚のシートを1つの表として読みました：基本目標1、基本目標2。"
    assert result.summary["programs"] == 5


# ------------------------------------------------------------- formulas: only the sheets read are checked

TALLY_OF_FORMULAS = [
    ["重点項目", "事業数", "Ａ", "Ｂ"],
    [
        "１　就労・居住の確保等のための取組",
        "=COUNTA('基本目標1'!A:A)",
        "=COUNTIF('基本目標1'!G:G,\"A\")",
        "0",
    ],
]


def test_formulas_in_a_tally_sheet_not_read_do_not_refuse_the_workbook(city: Organization) -> None:
    sheets = [(title, TALLY_OF_FORMULAS if title == "集計" else rows) for title, rows in SHEETS]
    result = plan_from(book(sheets), city)
    assert result.summary["programs"] == 7
    assert result.preview is not None
    assert any("ほかのシート（読んでいません）" in note and "集計" in note for note in result.preview.notes)


def test_a_formula_in_a_sheet_read_still_refuses_the_workbook(city: Organization) -> None:
    goal_2 = [list(row) for row in GOAL_2]
    goal_2[-1][0] = "=21+1"
    sheets = [(title, goal_2 if title == "基本目標2" else rows) for title, rows in SHEETS]
    with pytest.raises(ImportRefused) as refused:
        plan_from(book(sheets), city)
    assert any("数式が入っています" in str(problem) for problem in refused.value.problems)
    assert any("基本目標2" in str(problem) for problem in refused.value.problems)
