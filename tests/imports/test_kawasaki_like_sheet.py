"""An independent checker's 川崎市-like 施策進行管理・評価表, imported as a new city on `one-to-five`.

Title rows; a two-row header (事業番号 / 事務事業名 / 事業の概要 / 所管課 / 重点 / 「令和７年度」 over
取組内容・目標・実績 / 「評価」 over 達成度・事業の妥当性・事業の有効性・効率性・経済性 / 備考);
施策課題 rows; full-width digits. 12 programs, 9 of them 重点, program ３ listed again under the second
施策課題: 13 listings, 10 of them 重点 — the checker's 「重点事業 9」 and 「うち重点 10事業」.
"""

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.templatetags.display import summary_label
from shinchoku.plans.models import Plan
from shinchoku.reports import council
from workbooks import xlsx

pytestmark = pytest.mark.django_db

TOP = [
    "事業番号",
    "事務事業名",
    "事業の概要",
    "所管課",
    "重点",
    "令和７年度",
    "令和７年度",
    "令和７年度",
    "評価",
    "評価",
    "評価",
    "備考",
]
BOTTOM = [
    None,
    None,
    None,
    None,
    None,
    "取組内容",
    "目標",
    "実績",
    "達成度",
    "事業の妥当性",
    "事業の有効性・効率性・経済性",
    None,
]
WIDE = "０１２３４５６７８９"


def wide(number: int) -> str:
    return "".join(WIDE[int(d)] for d in str(number))


def row(number: int, priority: bool, *, again: bool = False) -> list[object]:
    grade = wide(number % 5 + 1)
    label = f"{wide(number)}（再掲）" if again else wide(number)
    mark = "○" if priority else ""
    return [label, f"事業{number}", "概要", "地域福祉課", mark, "実施", "目標", "実績", grade, "５", "４", ""]


ROWS: list[list[object]] = [
    ["令和７年度　施策進行管理・評価表"],
    ["（デモ）再犯防止推進計画"],
    TOP,
    BOTTOM,
    ["施策課題１　就労・住居の確保"],
    *[row(n, n <= 9) for n in range(1, 7)],
    ["施策課題２　保健医療・福祉サービスの利用の促進"],
    *[row(n, n <= 9) for n in range(7, 13)],
    row(3, True, again=True),
]


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空・川崎市の様式）", jis_code="999995")
    User.objects.create(username="checker-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def imported(city: Organization) -> tuple[Plan, dict[str, object]]:
    result = import_plan(
        name="評価表.xlsx",
        content=xlsx(ROWS),
        organization=city,
        slug="kawasaki-checker",
        plan_name="デモ市再犯防止推進計画",
        first_year=2025,
        last_year=2029,
        actor=None,
        scale=PRESETS["one-to-five"],
        department="地域福祉課",
    )
    assert result.preview is not None, result
    return Plan.objects.get(slug="kawasaki-checker"), dict(result.summary)


def test_jimu_jigyo_mei_is_the_title_and_each_dimension_keeps_the_sheets_name(city: Organization) -> None:
    plan, _ = imported(city)

    assert plan.programs.get(number=1).title == "事業1"  # 「事務事業名」 read as the title
    assert [(d["key"], d["name"]) for d in plan.dimensions] == [
        ("validity", "事業の妥当性"),
        ("effectiveness", "事業の有効性・効率性・経済性"),
    ]
    assert [g["label"] for g in plan.dimensions[1]["scale"]["grades"]] == ["5", "4", "3", "2", "1"]


def test_the_preview_says_programs_and_listings_of_the_priority_ones(city: Organization) -> None:
    _, summary = imported(city)

    assert (summary["programs"], summary["listings"]) == (12, 13)
    assert (summary["priority"], summary["priority_listings"]) == (9, 10)
    assert summary_label("priority") == "うち重点の事業"
    assert summary_label("priority_listings") == "うち重点の掲載（再掲含む）"


def test_the_progress_preview_counts_grades_per_program_and_the_cover_states_both(city: Organization) -> None:
    plan, _ = imported(city)
    plan.show_priority = True
    plan.save(update_fields=["show_priority"])
    actor = User.objects.get(username="checker-jimukyoku")

    result = import_progress(name="評価表.xlsx", content=xlsx(ROWS), plan=plan, fiscal_year=2025, actor=actor)

    # 12 programs (the re-listed row of ３ not counted again): grades 2,3,4,5,1,2,3,4,5,1,2,3
    assert result.summary["grades"] == {"2": 3, "3": 3, "4": 2, "5": 2, "1": 2}
    # 12 entries: one program, one department each here (a program with two departments counts twice)
    assert summary_label("grades") == "達成度（所管課の取組ごと。再掲の行は数えない）"
    html = council.render_html(plan, 2025)
    assert "13事業（再掲含む。事業数 12）" in html
    assert "うち重点 10事業（再掲含む。事業数 9）" in html
