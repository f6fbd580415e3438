"""Importing a plan's structure and a year's progress from sheets as cities keep them."""

import csv
import io

import pytest
from django.apps import apps

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Listing, Plan, Program, YearlyEntry
from shinchoku.reports.figures import build_figures
from shinchoku.reports.progress_table import to_csv, to_xlsx
from workbooks import HEADER, small_plan_rows, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999997")
    User.objects.create(username="demo-city-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def secretariat(plan: Plan) -> User:
    """Return the plan's secretariat member, who imports its progress (named in every event)."""
    return User.objects.filter(organization=plan.organization, role=Role.SECRETARIAT).order_by("pk")[0]


def db_state() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def plan_from(content: bytes, city: Organization, name: str = "plan.xlsx", slug: str = "demo-city") -> Plan:
    import_plan(
        name=name,
        content=content,
        organization=city,
        slug=slug,
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    return Plan.objects.get(slug=slug)


def test_the_structure_of_a_messy_sheet(city: Organization) -> None:
    plan = plan_from(xlsx(small_plan_rows()), city)
    tree = [(n.path_label(), n.title) for n in plan.nodes.order_by("position")]
    assert tree == [
        ("1", "就労・住居の確保等のための取組"),
        ("1(1)", "就労の確保等"),
        ("1(1)①", "就職に向けた相談・支援等の充実"),
        ("1(2)", "住居の確保等"),
        ("2", "保健医療・福祉サービスの利用の促進等のための取組"),
        ("2①", "保健医療・福祉サービスの提供"),
    ]
    listings = [
        (x.node.path_label(), x.program.number, x.is_relisting)
        for x in Listing.objects.filter(program__plan=plan)
        .select_related("node__parent__parent", "program")
        .order_by("node__position", "position")
    ]
    assert listings == [
        ("1(1)①", 1, False),
        ("1(1)①", 2, False),
        ("1(2)", 3, False),
        ("2①", 4, False),
        ("2①", 1, True),
    ]
    program_3 = Program.objects.get(plan=plan, number=3)
    assert sorted(program_3.departments.values_list("name", flat=True)) == ["住宅課", "福祉課"]


def test_the_progress_of_a_messy_sheet(city: Organization) -> None:
    content = xlsx(small_plan_rows())
    plan = plan_from(content, city)
    import_progress(name="p.xlsx", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan))
    entry_1 = YearlyEntry.objects.get(program__plan=plan, program__number=1)
    assert entry_1.activities == "相談を実施しました。\n講座も実施しました。"  # line breaks kept
    assert (entry_1.final_grade, entry_1.evaluation_type, entry_1.status) == (
        "A",
        "quantitative",
        "confirmed",
    )
    assert (
        YearlyEntry.objects.get(program__number=2, program__plan=plan).evaluation_type == "qualitative"
    )  # 目標「―」
    dash = YearlyEntry.objects.get(program__plan=plan, program__number=3, department__name="福祉課")
    assert (
        dash.final_grade == "－" and "新型コロナ" in dash.reason
    )  # ― read as －, its reason from the results
    figures = build_figures(plan, 2021)
    assert figures["overall"] == {
        "A": 3,
        "B": 2,
        "C": 0,
        "－": 0,
    }  # B and － merge into B; program 1 listed twice


def test_columns_in_another_order_with_extra_columns(city: Organization) -> None:
    order = [7, 0, 1, 6, 2, 3, 4, 5]
    rows = small_plan_rows()
    shuffled = []
    for row in rows:
        if len(row) == 8:
            shuffled.append([row[i] for i in order] + ["（備考）"])
        else:
            shuffled.append(row)
    shuffled[3] = [HEADER[i] for i in order] + ["備考"]
    plan = plan_from(xlsx(shuffled), city)
    import_progress(
        name="p.xlsx", content=xlsx(shuffled), plan=plan, fiscal_year=2021, actor=secretariat(plan)
    )
    assert YearlyEntry.objects.get(program__plan=plan, program__number=4).final_grade == "A"


def test_merged_cells_carry_their_value(city: Organization) -> None:
    rows = small_plan_rows()
    rows[10] = ["3", "住まいの相談", "相談を受けます。", "相談を受けました。", "―", "延べ40件", "B", "住宅課"]
    rows[11] = [
        None,
        None,
        None,
        "講演会は中止しました。",
        "―",
        "新型コロナウイルス感染症の影響により中止",
        "－",
        "福祉課",
    ]
    content = xlsx(rows, merges=["A11:A12", "B11:B12", "C11:C12", "A5:H5"])
    plan = plan_from(content, city)
    assert sorted(Program.objects.get(plan=plan, number=3).departments.values_list("name", flat=True)) == [
        "住宅課",
        "福祉課",
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_the_same_table_as_csv_in_each_encoding(city: Organization, encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([[("" if c is None else c) for c in row] for row in small_plan_rows()])
    content = buffer.getvalue().replace("\u2015", "―").encode(encoding)
    plan = plan_from(content, city, name="plan.csv")
    import_progress(name="p.csv", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan))
    assert YearlyEntry.objects.filter(program__plan=plan).count() == 5


def test_the_reports_export_comes_back_as_the_same_figures(city: Organization) -> None:
    demo = Plan.objects.get(slug="saitama-r3")
    for fmt, content in [("xlsx", to_xlsx(demo, 2021)), ("csv", to_csv(demo, 2021))]:
        plan = plan_from(content, demo.organization, name=f"export.{fmt}", slug=f"round-trip-{fmt}")
        import_progress(
            name=f"export.{fmt}", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan)
        )
        original, again = build_figures(demo, 2021), build_figures(plan, 2021)
        for key in ("total", "programs", "overall", "by_type"):
            assert again[key] == original[key], (fmt, key)
        assert [a["counts"] for a in again["by_area"]] == [a["counts"] for a in original["by_area"]]
        assert again["deviations"] == []  # the sheet has no indicators, so no suggestion to differ from


def test_a_dry_run_writes_nothing(city: Organization) -> None:
    before = db_state()
    result = import_plan(
        name="p.xlsx",
        content=xlsx(small_plan_rows()),
        organization=city,
        slug="dry",
        plan_name="x",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=True,
    )
    assert result.summary["programs"] == 4 and result.summary["relistings"] == 1
    assert db_state() == before


def test_the_same_file_twice_is_recognised(city: Organization) -> None:
    content = xlsx(small_plan_rows())
    plan = plan_from(content, city)
    import_progress(name="p.xlsx", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan))
    before = db_state()
    with pytest.raises(ImportRefused, match="取り込み済み"):
        import_progress(
            name="again.xlsx", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan)
        )
    assert db_state() == before


BAD_PROGRESS = [
    (7, 6, "D", "シート「進捗管理表」・8行目・「G（達成度）」列: 達成度「D」はこの評価尺度にありません。"),
    (7, 0, "99", "8行目・「A（事業番号）」列: 事業番号99は計画「デモ市再犯防止推進計画」にありません。"),
    (8, 7, "財政課", "9行目・「H（所管課）」列: 「財政課」は事業番号2の所管課ではありません"),
]


@pytest.mark.parametrize(("row", "column", "value", "message"), BAD_PROGRESS)
def test_each_problem_says_where_what_and_why_and_nothing_is_written(
    city: Organization, row: int, column: int, value: str, message: str
) -> None:
    plan = plan_from(xlsx(small_plan_rows()), city)
    rows = small_plan_rows()
    rows[row] = list(rows[row])
    rows[row][column] = value
    before = db_state()
    with pytest.raises(ImportRefused) as refused:
        import_progress(
            name="p.xlsx", content=xlsx(rows), plan=plan, fiscal_year=2021, actor=secretariat(plan)
        )
    assert any(message in str(p) for p in refused.value.problems), [str(p) for p in refused.value.problems]
    assert db_state() == before


def test_a_year_in_the_headings_must_be_the_year_imported(city: Organization) -> None:
    plan = plan_from(xlsx(small_plan_rows()), city)
    with pytest.raises(ImportRefused, match="見出しの年度（令和3年度）が取り込む年度（令和4年度）と違います"):
        import_progress(
            name="p.xlsx",
            content=xlsx(small_plan_rows()),
            plan=plan,
            fiscal_year=2022,
            actor=secretariat(plan),
        )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda rows: rows.__setitem__(3, ["番号だけ"]), "見出し行が見つかりません"),
        (
            lambda rows: rows.insert(8, ["1", "別の標題", "", "", "", "", "B", "住宅課"]),
            "標題が8行目と違います",
        ),
        (
            lambda rows: rows.insert(8, ["1", "就労支援の取組", "", "", "", "", "B", "労働課"]),
            "同じ所管課の行が8行目にもあります",
        ),
        (
            lambda rows: rows.insert(4, ["9", "見出しより前の事業", "", "", "", "", "B", "労働課"]),
            "どの重点項目・施策の見出しよりも前",
        ),
        (
            lambda rows: rows.__setitem__(7, ["1", "就労支援の取組", "", "", "", "", "A", ""]),
            "所管課が空です",
        ),
        (
            lambda rows: rows.extend(
                [["３　非行の防止"], ["4", "包括的な支援", "", "", "", "", "A", "福祉課"]]
            ),
            "「（再掲）」の印なしで2か所",
        ),
        (
            lambda rows: rows.insert(9, ["ここは何の行？", "", "", "", "", "", "", "メモ"]),
            "見出しとも読めない行",
        ),
    ],
)
def test_structure_problems_are_explained(city: Organization, edit: object, message: str) -> None:
    rows = small_plan_rows()
    edit(rows)  # type: ignore[operator]
    before = db_state()
    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name="p.xlsx",
            content=xlsx(rows),
            organization=city,
            slug="bad",
            plan_name="x",
            first_year=2021,
            last_year=2025,
            actor=None,
        )
    assert any(message in str(p) for p in refused.value.problems), [str(p) for p in refused.value.problems]
    assert db_state() == before


@pytest.mark.parametrize("name", ["進捗管理表_デモ市.xlsx", "進捗管理表_デモ市.csv"])
def test_the_documented_example_files_import(city: Organization, name: str) -> None:
    from pathlib import Path

    content = (Path(__file__).resolve().parents[2] / "docs" / "examples" / name).read_bytes()
    plan = plan_from(content, city, name=name)
    import_progress(name=name, content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan))
    assert build_figures(plan, 2021)["total"] == 5


def test_issue_20_a_secretariat_cannot_import_a_plan_for_another_organization(city: Organization) -> None:
    saitama = User.objects.get(username="jimukyoku")
    before = db_state()

    with pytest.raises(ImportRefused) as refused:
        import_plan(
            name="p.xlsx",
            content=xlsx(small_plan_rows()),
            organization=city,
            slug="other-city",
            plan_name="デモ市再犯防止推進計画",
            first_year=2021,
            last_year=2025,
            actor=saitama,
        )

    assert "「デモ市（架空）」の計画は取り込めません。" in str(refused.value.problems[0].why)
    assert db_state() == before


def test_issue_20_a_plan_imported_by_a_secretariat_belongs_to_its_own_organization(
    city: Organization,
) -> None:
    own = User.objects.get(username="demo-city-jimukyoku")

    import_plan(
        name="p.xlsx",
        content=xlsx(small_plan_rows()),
        organization=city,
        slug="own-city",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=own,
    )

    assert Plan.objects.get(slug="own-city").organization == city
