"""Layouts of 進捗管理表 written by other hands (see /work/shared/REAL_WORLD.md), imported as plan and progress."""

from collections.abc import Sequence

import pytest

from layout_sheets import THREE_ROW_HEADER, THREE_ROW_MERGES, TWO_ROW_HEADER, TWO_ROW_MERGES
from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Listing, Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


def secretariat(plan: Plan) -> User:
    """Return a secretariat member of the plan's city, who imports its progress (named in every event)."""
    user = User.objects.filter(organization=plan.organization, role=Role.SECRETARIAT).order_by("pk").first()
    return user or User.objects.create(
        username=f"{plan.organization.jis_code}-jimukyoku",
        organization=plan.organization,
        role=Role.SECRETARIAT,
    )


@pytest.fixture
def city() -> Organization:
    return Organization.objects.create(name="デモ市（架空）", jis_code="999997")


def plan_of(
    rows: Sequence[Row], city: Organization, *, merges: Sequence[str] = (), dry_run: bool = False
) -> ImportResult:
    return import_plan(
        name="plan.xlsx",
        content=xlsx(rows, merges=merges),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
    )


def tree(slug: str = "demo") -> list[tuple[str, str]]:
    return [(n.path_label(), n.title) for n in Plan.objects.get(slug=slug).nodes.order_by("position")]


def grades(plan: Plan) -> dict[int, str]:
    return dict(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).values_list(
            "program__number", "final_grade"
        )
    )


# ------------------------------------------------------------------ headers of two and three rows


def test_a_two_row_header_with_a_group_heading_is_not_read_as_data(city: Organization) -> None:
    plan_of(TWO_ROW_HEADER, city, merges=TWO_ROW_MERGES)
    plan = Plan.objects.get(slug="demo")
    assert sorted(plan.programs.values_list("number", "title")) == [
        (1, "就労支援の取組"),
        (2, "協力雇用主の開拓"),
    ]
    import_progress(
        name="p.xlsx",
        content=xlsx(TWO_ROW_HEADER, merges=TWO_ROW_MERGES),
        plan=plan,
        fiscal_year=2021,
        actor=secretariat(plan),
    )
    assert grades(plan) == {1: "A", 2: "B"}


def test_a_two_row_headers_group_year_is_checked_against_the_year_imported(city: Organization) -> None:
    plan_of(TWO_ROW_HEADER, city, merges=TWO_ROW_MERGES)
    plan = Plan.objects.get(slug="demo")
    with pytest.raises(ImportRefused) as refused:
        import_progress(
            name="p.xlsx",
            content=xlsx(TWO_ROW_HEADER, merges=TWO_ROW_MERGES),
            plan=plan,
            fiscal_year=2022,
            actor=secretariat(plan),
        )
    assert "見出しの年度（令和3年度）" in str(refused.value)
    assert "--year" not in str(refused.value)


def test_a_three_row_header_merged_with_group_headings(city: Organization) -> None:
    plan_of(THREE_ROW_HEADER, city, merges=THREE_ROW_MERGES)
    plan = Plan.objects.get(slug="demo")
    assert tree() == [("第1章", "環境・アメニティ")]
    import_progress(
        name="p.xlsx",
        content=xlsx(THREE_ROW_HEADER, merges=THREE_ROW_MERGES),
        plan=plan,
        fiscal_year=2021,
        actor=secretariat(plan),
    )
    assert grades(plan) == {1: "B", 2: "－"}
    assert YearlyEntry.objects.get(program__plan=plan, program__number=2).reason.startswith("新型コロナ")


def test_the_header_repeated_on_every_printed_page_is_skipped_and_listed(city: Organization) -> None:
    rows = [*TWO_ROW_HEADER, ["- 1 -"], *TWO_ROW_HEADER[2:4]]
    rows += [["3", "住まいの相談", "住宅政策課", "相談を受けました。", "―", "延べ40件", "Ｂ"]]
    merges = [*TWO_ROW_MERGES, "B9:B10", "C9:C10", "D9:G9"]
    result = plan_of(rows, city, merges=merges, dry_run=True)
    assert [(s.row, s.why) for s in result.preview.skipped] == [
        (8, "ページ番号の行"),
        (9, "ページごとに繰り返された見出し・表題の行"),
        (10, "ページごとに繰り返された見出し・表題の行"),
    ]
    assert result.summary["programs"] == 3


# ------------------------------------------------------------------ section headings in every style


def entry(number: int, title: str = "") -> Row:
    return [str(number), title or f"事業{number}", "福祉総務課"]


HEADER = ["事業番号", "事業名", "担当課"]


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        (
            ["第1章 環境・アメニティ", "第１節　住まい", "第2章 福祉"],
            [("第1章", "環境・アメニティ"), ("第1章第1節", "住まい"), ("第2章", "福祉")],
        ),
        (
            ["基本目標１　安心して暮らせるまち", "重点課題２", "基本目標２"],
            [("基本目標1", "安心して暮らせるまち"), ("基本目標1重点課題2", ""), ("基本目標2", "")],
        ),
        (["Ⅰ", "ア", "（ア）", "イ", "Ⅱ"], [("Ⅰ", ""), ("Ⅰア", ""), ("Ⅰア(ア)", ""), ("Ⅰイ", ""), ("Ⅱ", "")]),
        (
            ["1 就労", "1-(1)", "1-(1)-①", "2 福祉"],
            [("1", "就労"), ("1-(1)", ""), ("1-(1)-①", ""), ("2", "福祉")],
        ),
        (["1 就労", "1-1", "1-2 住居"], [("1", "就労"), ("1-1", ""), ("1-2", "住居")]),
        (["【1】", "【２】　住居"], [("【1】", ""), ("【2】", "住居")]),
        (["施策の方向３", "（１）就労"], [("施策の方向3", ""), ("施策の方向3(1)", "就労")]),
    ],
)
def test_section_headings_in_every_numbering_style(
    city: Organization, headings: list[str], expected: list[tuple[str, str]]
) -> None:
    rows: list[Row] = [HEADER]
    for number, heading in enumerate(headings, start=1):
        rows += [[heading], entry(number)]
    plan_of(rows, city)
    assert tree() == expected


def test_a_255_program_sheet_with_chapter_headings(city: Organization) -> None:
    rows: list[Row] = [["第1章から第5章までの事業一覧"], HEADER]
    for chapter in range(1, 6):
        rows.append([f"第{chapter}章 環境・アメニティ{chapter}"])
        rows += [entry(n) for n in range(51 * (chapter - 1) + 1, 51 * chapter + 1)]
    result = plan_of(rows, city)
    assert (result.summary["areas"], result.summary["programs"]) == (5, 255)


# ------------------------------------------------------------------ 再掲 written four ways


@pytest.mark.parametrize(
    "relisting",
    [
        ["１（再掲）", "就労支援の取組", "労働政策課"],
        ["再掲１", "就労支援の取組", "労働政策課"],
        ["1", "就労支援の取組", "労働政策課", "○"],
        ["1", "就労支援の取組", "労働政策課", "再掲"],
        [None, "再掲：事業番号1", None],
        ["再掲：事業番号1", None, None],
        ["1", "就労支援の取組（再掲）", ""],
    ],
)
def test_relisting_in_the_title_the_number_a_column_or_as_a_reference(
    city: Organization, relisting: Row
) -> None:
    rows: list[Row] = [
        ["事業番号", "計画に掲載している標題", "所管課", "再掲"],
        ["１　就労"],
        ["1", "就労支援の取組", "労働政策課", None],
        ["２　福祉"],
        relisting,
    ]
    plan_of(rows, city)
    listings = [
        (x.node.path_label(), x.program.number, x.is_relisting)
        for x in Listing.objects.filter(program__plan__slug="demo").select_related("node", "program")
    ]
    assert sorted(listings) == [("1", 1, False), ("2", 1, True)]


# ------------------------------------------------------------------ the grade column as cities head it


@pytest.mark.parametrize("heading", ["達成度", "評価", "自己評価", "達成状況", "進捗評価"])
def test_the_grade_column_as_cities_head_it(city: Organization, heading: str) -> None:
    rows: list[Row] = [
        ["事業番号", "事業名", "担当部署", "実績", heading],
        ["１　就労"],
        ["1", "就労支援の取組", "労働政策課", "延べ40件", "Ａ"],
    ]
    plan_of(rows, city)
    plan = Plan.objects.get(slug="demo")
    import_progress(name="p.xlsx", content=xlsx(rows), plan=plan, fiscal_year=2021, actor=secretariat(plan))
    assert grades(plan) == {1: "A"}


def test_an_explanation_row_below_the_data_is_still_a_problem(city: Organization) -> None:
    rows: list[Row] = [
        HEADER,
        ["１　就労"],
        entry(1),
        [
            None,
            "計画に記載されている内容を転記しています。",
            "令和３年度に行った取組内容について記載しています。",
        ],
    ]
    with pytest.raises(ImportRefused) as refused:
        plan_of(rows, city)
    assert "4行目" in str(refused.value) and "見出しの説明の行は見出しのすぐ下" in str(refused.value)


def test_a_heading_label_and_its_title_in_two_cells(city: Organization) -> None:
    rows: list[Row] = [
        HEADER,
        ["第1章", "就労・住居の確保"],
        ["（１）", "就労の確保等"],
        entry(1),
        ["①", "就職に向けた相談・支援等の充実"],
        entry(2),
    ]
    plan_of(rows, city)
    assert tree() == [
        ("第1章", "就労・住居の確保"),
        ("第1章(1)", "就労の確保等"),
        ("第1章(1)①", "就職に向けた相談・支援等の充実"),
    ]


@pytest.mark.parametrize(
    "heading", ["達成度（Ａ～Ｃ、－）", "達成度※", "R3年度達成度", "2021年度 自己評価", "所管課【担当】"]
)
def test_headings_with_a_note_or_a_short_year(city: Organization, heading: str) -> None:
    from shinchoku.imports.table import Column, Header, find_header
    from shinchoku.lib.reading import Sheet

    header = find_header(Sheet("s", [["事業番号", "事業名", heading]]), (Column.NUMBER,))
    assert isinstance(header, Header) and len(header.columns) == 3


@pytest.mark.parametrize("number", ["12", "１２", "12.", "No.12", "№12"])
def test_a_program_number_as_staff_type_it(number: str) -> None:
    from shinchoku.imports.table import Column, Header, entry_number

    header = Header(1, {Column.NUMBER: 1, Column.TITLE: 2})
    assert entry_number([number, "就労支援"], header) == (12, False)


def test_a_legend_under_the_table_is_a_note_with_or_without_its_mark(city: Organization) -> None:
    rows: list[Row] = [
        HEADER,
        ["１　就労"],
        entry(1),
        ["達成度　Ａ：目標を上回った　Ｂ：目標を達成した　Ｃ：目標を下回った　－：評価不能"],
        ["※達成度　Ａ：目標を上回った　Ｂ：…　－：評価不能"],
    ]
    result = plan_of(rows, city, dry_run=True)
    assert [(s.row, s.why) for s in result.preview.skipped] == [(4, "注記・凡例の行"), (5, "注記・凡例の行")]


MULTI_YEAR = [
    ["事業番号", "事業名", "所管課", "令和３年度", None, "令和４年度", None],
    [None, None, None, "実績", "達成度", "実績", "達成度"],
    ["１　就労"],
    ["1", "就労支援の取組", "労働政策課", "延べ40件", "Ｂ", "延べ60件", "Ａ"],
]
MULTI_YEAR_MERGES = ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"]


@pytest.mark.parametrize(
    ("year", "result", "grade"),
    [(None, "延べ40件", "Ｂ"), (2021, "延べ40件", "Ｂ"), (2022, "延べ60件", "Ａ")],
)
def test_a_sheet_kept_over_several_years_gives_the_columns_of_the_year_asked(
    year: int | None, result: str, grade: str
) -> None:
    from shinchoku.imports.rows import EntryRow, parse_sheet
    from shinchoku.imports.table import Column
    from shinchoku.lib.reading import read_file

    (sheet,) = read_file("m.xlsx", xlsx(MULTI_YEAR, merges=MULTI_YEAR_MERGES))
    parsed = parse_sheet(sheet, (Column.NUMBER,), [], year)
    assert parsed is not None
    (row,) = [r for r in parsed.rows if isinstance(r, EntryRow)]
    assert (row.get(Column.RESULT), row.get(Column.GRADE), parsed.header.year) == (
        result,
        grade,
        year or 2021,
    )


def test_progress_of_each_year_of_a_multi_year_sheet_is_read_from_its_own_columns(city: Organization) -> None:
    plan_of(MULTI_YEAR, city, merges=MULTI_YEAR_MERGES)
    plan = Plan.objects.get(slug="demo")
    for year in (2021, 2022):
        content = xlsx(MULTI_YEAR, merges=MULTI_YEAR_MERGES)
        import_progress(
            name=f"p{year}.xlsx", content=content, plan=plan, fiscal_year=year, actor=secretariat(plan)
        )
    entries = YearlyEntry.objects.filter(program__plan=plan).order_by("fiscal_year")
    assert [(e.fiscal_year, e.result_text, e.final_grade) for e in entries] == [
        (2021, "延べ40件", "B"),
        (2022, "延べ60件", "A"),
    ]


def test_progress_for_a_year_the_sheet_lacks_is_refused(city: Organization) -> None:
    plan_of(MULTI_YEAR, city, merges=MULTI_YEAR_MERGES)
    plan = Plan.objects.get(slug="demo")
    with pytest.raises(ImportRefused, match="見出しの年度（令和3年度）"):
        import_progress(
            name="p.xlsx",
            content=xlsx(MULTI_YEAR, merges=MULTI_YEAR_MERGES),
            plan=plan,
            fiscal_year=2023,
            actor=secretariat(plan),
        )


def test_a_bureau_before_the_department_in_one_cell_names_the_citys_department(city: Organization) -> None:
    from shinchoku.accounts.models import Department

    Department.objects.create(organization=city, name="福祉総務課")
    rows: list[Row] = [
        ["事業番号", "事業名", "所管課"],
        ["１　就労"],
        ["1", "就労支援の取組", "保健福祉局　福祉総務課"],
        ["2", "住まいの相談", "建設局　住宅政策課"],  # not known: created as written
    ]
    result = plan_of(rows, city)
    assert result.summary["new_departments"] == ["建設局　住宅政策課"]
    plan = Plan.objects.get(slug="demo")
    assert list(plan.programs.get(number=1).departments.values_list("name", flat=True)) == ["福祉総務課"]
    assert Department.objects.filter(organization=city, name__contains="福祉総務課").count() == 1


@pytest.mark.parametrize("footer", [["- 3 -"], [None, None, "3"], ["３／１０"], ["P.3"]])
def test_a_page_number_inside_the_sheet_is_skipped(city: Organization, footer: Row) -> None:
    rows: list[Row] = [HEADER, ["１　就労"], entry(1), footer, entry(2)]
    result = plan_of(rows, city, dry_run=True)
    assert [(s.row, s.why) for s in result.preview.skipped] == [(4, "ページ番号の行")]
    assert result.summary["programs"] == 2
