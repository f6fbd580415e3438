"""A sheet laid out like 川崎市's 施策進行管理・評価表: 達成度 / 妥当性 / 有効性 after the texts (issue 25).

達成度 runs 1 (目標を大きく上回って達成) … 5 (目標を大きく下回った), 1 best; 事業の妥当性 and 有効性・効率性・経済性
run 5 (優る) … 1 (劣る), 5 best. The programs and their grades are ours, shaped like a 施策課題 of 川崎市's
table: every grade of each scale appears once in the first area.
"""

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.figures import build_figures
from workbooks import xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "事業番号",
    "事業名",
    "事業内容",
    "取組内容",
    "目標",
    "実績",
    "達成度",
    "妥当性",
    "有効性",
    "所管課",
]


def row(number: str, title: str, grade: str, validity: str, effectiveness: str) -> list[object]:
    return [
        number,
        title,
        "事業の内容",
        "取組を実施",
        "相談件数100件",
        "相談件数120件",
        grade,
        validity,
        effectiveness,
        "福祉課",
    ]


ROWS: list[list[object]] = [
    ["令和３年度　施策進行管理・評価表"],
    HEADER,
    ["１　就労・住居の確保"],
    row("1", "就労相談", "1", "5", "5"),
    row("2", "職場体験", "２", "４", "4"),
    row("3", "協力雇用主の開拓", "3", "3", "3"),
    row("4", "住居の相談", "4", "2", "3"),
    row("5", "居住支援", "5", "1", "2"),
    ["２　保健医療・福祉サービスの利用の促進"],
    row("6", "依存症の相談", "2", "5", "4"),
    row("3（再掲）", "協力雇用主の開拓", "3", "3", "3"),
]


@pytest.fixture
def kawasaki() -> Organization:
    city = Organization.objects.create(name="デモ市（架空・川崎市の様式）", jis_code="999996")
    User.objects.create(username="kawasaki-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def imported_plan(city: Organization, rows: list[list[object]] = ROWS) -> tuple[Plan, list[str]]:
    result = import_plan(
        name="評価表.xlsx",
        content=xlsx(rows),
        organization=city,
        slug="kawasaki-like",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        scale=PRESETS["one-to-five"],
        department="福祉課",
    )
    assert result.preview is not None
    return Plan.objects.get(slug="kawasaki-like"), list(result.preview.notes)


def test_the_plan_import_sets_up_the_dimensions_it_finds_and_says_so(kawasaki: Organization) -> None:
    plan, notes = imported_plan(kawasaki)
    # Each dimension is named as the sheet heads its column.
    assert [(d["key"], d["name"]) for d in plan.dimensions] == [
        ("validity", "妥当性"),
        ("effectiveness", "有効性"),
    ]
    assert [g["label"] for g in plan.dimensions[0]["scale"]["grades"]] == ["5", "4", "3", "2", "1"]
    assert "列「妥当性」を評価の観点「妥当性」（5 優る … 1 劣る）として設定します。" in " ".join(notes)
    assert "列「有効性」を評価の観点「有効性」" in " ".join(notes)


def test_a_kawasaki_shaped_sheet_imports_with_every_grade_counted_per_area(kawasaki: Organization) -> None:
    plan, _ = imported_plan(kawasaki)
    actor = User.objects.get(username="kawasaki-jimukyoku")
    import_progress(name="評価表.xlsx", content=xlsx(ROWS), plan=plan, fiscal_year=2021, actor=actor)

    entry = YearlyEntry.objects.get(program__plan=plan, program__number=2, fiscal_year=2021)
    assert (entry.final_grade, entry.dimension_grades) == ("2", {"validity": "4", "effectiveness": "4"})

    figures = build_figures(plan, 2021)
    assert figures["scale"] == ["1", "2", "3", "4", "5"]  # 達成度: 1 best
    assert figures["overall"] == {"1": 1, "2": 2, "3": 2, "4": 1, "5": 1}
    validity, effectiveness = figures["dimensions"]
    assert validity["scale"] == ["5", "4", "3", "2", "1"]  # 妥当性: 5 best
    assert validity["counts"] == {"5": 2, "4": 1, "3": 2, "2": 1, "1": 1}
    area_1, area_2 = validity["by_area"]
    assert area_1["title"] == "就労・住居の確保"
    assert area_1["counts"] == {"5": 1, "4": 1, "3": 1, "2": 1, "1": 1}
    assert area_2["counts"] == {"5": 1, "4": 0, "3": 1, "2": 0, "1": 0}  # 6 and 3 listed again
    assert area_2["unique_total"] == 2
    assert effectiveness["counts"] == {"5": 1, "4": 2, "3": 3, "2": 1, "1": 0}
    assert validity["ungraded_programs"] == []


def test_a_grade_the_dimensions_scale_does_not_know_refuses_the_file_naming_the_cell(
    kawasaki: Organization,
) -> None:
    plan, _ = imported_plan(kawasaki)
    actor = User.objects.get(username="kawasaki-jimukyoku")
    rows = [*ROWS[:3], row("1", "就労相談", "1", "優", "5"), *ROWS[4:]]
    with pytest.raises(ImportRefused) as refused:
        import_progress(name="評価表2.xlsx", content=xlsx(rows), plan=plan, fiscal_year=2021, actor=actor)
    problem = next(p for p in refused.value.problems if "優" in p.why)
    assert "妥当性「優」はこの観点の評価尺度にありません" in problem.why
    assert problem.column == "H（妥当性）" and problem.row == 4
    assert not YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).exists()


def test_values_that_do_not_fit_kawasakis_scale_become_a_scale_of_their_own_to_check(
    kawasaki: Organization,
) -> None:
    rows = [
        r if len(r) < 8 or r == HEADER else [*r[:7], "A" if r[7] in ("5", "４") else "B", *r[8:]]
        for r in ROWS
    ]
    plan, notes = imported_plan(kawasaki, rows)
    assert [g["label"] for g in plan.dimensions[0]["scale"]["grades"]] == ["A", "B"]
    assert "良い順と推定して並べました" in " ".join(notes)


def test_a_sheet_without_such_columns_gives_a_plan_without_dimensions(kawasaki: Organization) -> None:
    rows = [[c for i, c in enumerate(r) if i not in (7, 8)] if len(r) > 8 else r for r in ROWS]
    plan, notes = imported_plan(kawasaki, rows)
    assert plan.dimensions == []
    assert not any("評価の観点" in n for n in notes)
