"""Programs numbered ①②③ afresh under each 施策, and a 再掲 row written 「事業1（再掲）」 in the title with
no number: both are read (demo data in the layout an independent tester found, not from the seed).

①-numbered programs get the numbers 1, 2, 3… in sheet order, as branch numbers do, and each keeps the
sheet's own label (the headings above it and its ①: 「1①」) in its note, by which progress finds it.
"""

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

HEADER: Row = ["事業番号", "事業名", "所管課", "取組内容", "目標", "実績", "達成度"]


def program(number: str, title: str, grade: str) -> Row:
    return [number, title, "福祉総務課", f"{title}の取組", "100件", "110件", grade]


CIRCLED: list[Row] = [
    HEADER,
    ["１　就労"],
    program("①", "協力雇用主の開拓", "Ａ"),
    program("②", "職場体験の実施", "Ｂ"),
    ["２　福祉"],
    program("①", "福祉窓口への同行", "Ｂ"),
    program("②", "更生保護施設との連携", "Ｃ"),
]

TITLE_RELISTING: list[Row] = [
    HEADER,
    ["１　就労"],
    program("1", "事業1", "Ａ"),
    program("2", "事業2", "Ｂ"),
    ["２　福祉"],
    ["", "事業1（再掲）", "福祉総務課", "", "", "", ""],
    program("3", "事業3", "Ｂ"),
]


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999993")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def plan_from(rows: list[Row], city: Organization) -> ImportResult:
    return import_plan(
        name="plan.xlsx",
        content=xlsx(rows, title="令和３年度　再犯防止推進計画　進捗管理表"),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )


def grades_after_progress(rows: list[Row]) -> dict[int, str]:
    plan = Plan.objects.get(slug="demo")
    import_progress(
        name="progress.xlsx",
        content=xlsx(rows, title="令和３年度　再犯防止推進計画　進捗管理表"),
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
    )
    entries = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021)
    return dict(entries.values_list("program__number", "final_grade"))


def test_programs_numbered_from_one_under_each_measure_are_numbered_in_sheet_order(
    city: Organization,
) -> None:
    plan_from(CIRCLED, city)
    programs = Plan.objects.get(slug="demo").programs.order_by("number")
    assert [(p.number, p.title) for p in programs] == [
        (1, "協力雇用主の開拓"),
        (2, "職場体験の実施"),
        (3, "福祉窓口への同行"),
        (4, "更生保護施設との連携"),
    ]
    assert [p.note for p in programs] == [
        "表の事業番号: 1①",
        "表の事業番号: 1②",
        "表の事業番号: 2①",
        "表の事業番号: 2②",
    ]


def test_the_progress_of_circled_programs_finds_each_by_the_sheets_label(city: Organization) -> None:
    plan_from(CIRCLED, city)
    assert grades_after_progress(CIRCLED) == {1: "A", 2: "B", 3: "B", 4: "C"}


def test_a_title_jigyo_n_relisted_with_no_number_lists_program_n_again(city: Organization) -> None:
    result = plan_from(TITLE_RELISTING, city)
    assert result.summary["programs"] == 3 and result.summary["relistings"] == 1
    assert grades_after_progress(TITLE_RELISTING) == {1: "A", 2: "B", 3: "B"}
