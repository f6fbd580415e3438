"""The plan import reads a 重点 column (川崎市's 「うち重点」); the progress import reads 評価対象外 (枚方市).

Demo sheets in the layout of tests/imports/test_grade_column.py: a title row, one header row, a
heading and four programs.
"""

import pytest

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.priority_marks import priority_mark
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.figures import build_figures
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db
COVID = "新型コロナウイルス感染症の影響により中止"


def plan_sheet(marks: tuple[str, ...]) -> bytes:
    rows: list[Row] = [
        ["事業番号", "事業名", "所管課", "重点"],
        ["１　就労"],
        *([str(n), f"事業{n}", "福祉総務課", mark] for n, mark in enumerate(marks, start=1)),
    ]
    return xlsx(rows, title="再犯防止推進計画　事業一覧")


def progress_sheet(grades: tuple[str, ...], remarks: tuple[str, ...] | None = None) -> bytes:
    heading = ["事業番号", "事業名", "所管課", "取組内容", "実績", "達成度"] + (["備考"] if remarks else [])
    rows: list[Row] = [
        heading,
        ["１　就労"],
        *(
            [str(n), f"事業{n}", "福祉総務課", "取組", "実績", grade] + ([remarks[n - 1]] if remarks else [])
            for n, grade in enumerate(grades, start=1)
        ),
    ]
    return xlsx(rows, title="令和３年度　進捗管理表")


@pytest.fixture
def city() -> Organization:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999995")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    return city


def imported(city: Organization, marks: tuple[str, ...]) -> Plan:
    import_plan(
        name="plan.xlsx",
        content=plan_sheet(marks),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        scale=PRESETS["saitama"],
    )
    return Plan.objects.get(slug="demo")


@pytest.mark.parametrize(
    ("cell", "priority"),
    [
        ("○", True),
        ("〇", True),
        ("◎", True),
        ("●", True),
        ("重点", True),
        ("", False),
        ("－", False),
        ("×", False),
    ],
)
def test_what_a_priority_cell_says(cell: str, priority: bool) -> None:
    assert priority_mark(cell) is priority


def test_the_plan_import_marks_the_priority_programs(city: Organization) -> None:
    plan = imported(city, ("○", "", "◎", "重点"))
    assert list(plan.programs.filter(is_priority=True).values_list("number", flat=True)) == [1, 3, 4]
    assert not plan.show_priority  # shown once the secretariat turns it on in the plan's settings


def test_the_progress_import_reads_excluded_with_its_reason(city: Organization) -> None:
    plan = imported(city, ("", "", "", ""))
    import_progress(
        name="progress.xlsx",
        content=progress_sheet(("Ａ", "評価対象外", "対象外", "Ｂ"), ("", COVID, COVID, "")),
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
    )
    entries = {
        e.program.number: e for e in YearlyEntry.objects.filter(program__plan=plan).select_related("program")
    }
    assert [(n, e.excluded, e.final_grade) for n, e in sorted(entries.items())] == [
        (1, False, "A"),
        (2, True, ""),
        (3, True, ""),
        (4, False, "B"),
    ]
    assert entries[2].excluded_reason == COVID
    figures = build_figures(plan, 2021)
    assert (figures["total"], figures["overall"]["A"], figures["overall"]["B"]) == (2, 1, 1)
    assert [p["program"] for p in figures["excluded"]] == [2, 3]


def test_an_excluded_row_without_a_reason_is_refused(city: Organization) -> None:
    plan = imported(city, ("", "", "", ""))
    with pytest.raises(ImportRefused) as refused:
        import_progress(
            name="progress.xlsx",
            content=progress_sheet(("Ａ", "評価対象外", "Ｂ", "Ｂ")),
            plan=plan,
            fiscal_year=2021,
            actor=User.objects.get(username="demo-jimukyoku"),
        )
    assert any("理由がありません" in p.why for p in refused.value.problems)
    assert (
        not YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021).exclude(final_grade="").exists()
    )
