"""A 所管課 cell naming several departments: 「生活福祉課、住宅課」 is two departments of one program.

The seed's program 22 (生活困窮者自立支援制度における取組) is run by two departments (「※1事業に２つの
所管課に関わり…」); a secretariat adopting the tool wrote them in one cell, 「生活福祉課、住宅課」.
The department names are demo data (the seed prints none).
"""

import pytest

from shinchoku.accounts.models import Department, Organization, Role, User
from shinchoku.imports.departments import read_departments
from shinchoku.imports.services import ImportResult, import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, Program, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["事業番号", "事業名", "令和３年度の取組内容", "令和３年度実績", "達成度", "所管課"]
TITLE_22 = "生活困窮者自立支援制度における取組"


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="川越市（デモ）", jis_code="112011")
    User.objects.create(username="kawagoe-jimukyoku", organization=city, role=Role.SECRETARIAT)
    Department.objects.create(organization=city, name="福祉総務課")
    return city


def sheet(cell: str, grade: str = "Ｂ") -> list[Row]:
    return [
        ["令和３年度　進捗管理表"],
        HEADER,
        ["２　保健医療・福祉サービスの利用の促進等のための取組"],
        ["22", TITLE_22, "相談を受け止めました。", "延べ10,091名", grade, cell],
    ]


def plan_from(
    rows: list[Row], city: Organization, slug: str = "kawagoe-r3", dry_run: bool = False
) -> ImportResult:
    return import_plan(
        name="plan.xlsx",
        content=xlsx(rows),
        organization=city,
        slug=slug,
        plan_name="川越市再犯防止推進計画（デモ）",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
    )


def departments_of_22() -> list[str]:
    return sorted(
        Program.objects.get(plan__slug="kawagoe-r3", number=22).departments.values_list("name", flat=True)
    )


@pytest.mark.parametrize(
    "cell",
    [
        "生活福祉課、住宅課",
        "生活福祉課・住宅課",
        "生活福祉課,住宅課",
        "生活福祉課，住宅課",
        "生活福祉課／住宅課",
        "生活福祉課\n住宅課",
        "生活福祉課、 住宅課",
    ],
)
def test_a_cell_naming_two_departments_gives_the_program_both(city: Organization, cell: str) -> None:
    preview = plan_from(sheet(cell), city, dry_run=True).summary
    assert preview["new_departments"] == ["住宅課", "生活福祉課"]
    assert preview["two_departments"] == ["事業番号22"]
    plan_from(sheet(cell), city)
    assert departments_of_22() == ["住宅課", "生活福祉課"]
    assert not Department.objects.filter(organization=city, name__contains="、").exists()


def test_a_bureau_before_a_known_department_is_still_read_in_a_list(city: Organization) -> None:
    plan_from(sheet("保健福祉局　福祉総務課、住宅課"), city)
    assert departments_of_22() == ["住宅課", "福祉総務課"]
    assert Department.objects.filter(organization=city, name="福祉総務課").count() == 1


def test_a_known_department_with_a_middle_dot_is_never_split(city: Organization) -> None:
    Department.objects.create(organization=city, name="生活福祉課・住宅課")
    plan_from(sheet("生活福祉課・住宅課"), city)
    assert departments_of_22() == ["生活福祉課・住宅課"]


def test_a_middle_dot_inside_one_new_name_is_not_a_separator(city: Organization) -> None:
    plan_from(sheet("子ども・若者支援課"), city)
    assert departments_of_22() == ["子ども・若者支援課"]


def test_the_same_department_twice_in_a_cell_is_one() -> None:
    assert read_departments("生活福祉課、生活福祉課", set()) == ["生活福祉課"]
    assert read_departments("保健福祉局　福祉総務課", {"福祉総務課"}) == ["福祉総務課"]
    assert read_departments("保健福祉局　福祉総務課", set()) == ["保健福祉局　福祉総務課"]


def test_a_cell_and_a_second_row_naming_the_same_department_is_refused(city: Organization) -> None:
    rows = [*sheet("生活福祉課、住宅課"), ["22", TITLE_22, "", "", "", "住宅課"]]
    with pytest.raises(ImportRefused, match="同じ所管課の行"):
        plan_from(rows, city)


def test_a_progress_row_naming_both_departments_is_the_entry_of_each(city: Organization) -> None:
    plan_from(sheet("生活福祉課、住宅課"), city)
    plan = Plan.objects.get(slug="kawagoe-r3")
    actor = User.objects.get(username="kawagoe-jimukyoku")
    import_progress(
        name="p.xlsx", content=xlsx(sheet("生活福祉課・住宅課")), plan=plan, fiscal_year=2021, actor=actor
    )
    entries = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).order_by("department__name")
    assert [(e.department.name, e.final_grade) for e in entries] == [("住宅課", "B"), ("生活福祉課", "B")]


def test_a_progress_cell_naming_a_department_the_program_has_not_is_refused(city: Organization) -> None:
    plan_from(sheet("生活福祉課、住宅課"), city)
    plan = Plan.objects.get(slug="kawagoe-r3")
    actor = User.objects.get(username="kawagoe-jimukyoku")
    with pytest.raises(ImportRefused, match="「生活福祉課、福祉総務課」は事業番号22の所管課ではありません"):
        import_progress(
            name="p.xlsx",
            content=xlsx(sheet("生活福祉課、福祉総務課")),
            plan=plan,
            fiscal_year=2021,
            actor=actor,
        )
    assert not YearlyEntry.objects.filter(program__plan=plan).exists()


def test_a_slug_another_city_holds_is_refused_without_naming_it(city: Organization) -> None:
    other = Organization.objects.create(name="デモ県（架空）", jis_code="999996")
    plan_from(sheet("生活福祉課"), other, slug="other-r3")
    with pytest.raises(ImportRefused) as refused:
        plan_from(sheet("生活福祉課"), city, slug="other-r3")
    text = str(refused.value.problems[0])
    assert "この略称は使えません。" in text and "別の略称にしてください。" in text
    assert "既にあります" not in text
