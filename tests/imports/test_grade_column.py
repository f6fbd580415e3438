"""A year's grades are never dropped unseen: every common grade heading is read, and a sheet whose grade
column is not recognised is named in the preview and refused by the progress import.

The sheets are the layout an independent tester found in cities' files (demo data, not from the seed):
a title row, one header row, a 施策 heading and two programs graded Ａ and Ｂ.
"""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db


def sheet(grade_heading: str, grades: tuple[str, str] = ("Ａ", "Ｂ")) -> bytes:
    """Return a demo 進捗管理表 whose grade column is headed grade_heading."""
    rows: list[Row] = [
        ["事業番号", "事業名", "所管課", "取組内容", "目標", "実績", grade_heading],
        ["１　就労"],
        *(
            [str(n), f"事業{n}", "福祉総務課", f"事業{n}の取組", "100件", "110件", grade]
            for n, grade in zip((1, 2), grades, strict=True)
        ),
    ]
    return xlsx(rows, title="令和３年度　再犯防止推進計画　進捗管理表")


@pytest.fixture
def plan() -> Plan:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999995")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    import_plan(
        name="plan.xlsx",
        content=sheet("達成度"),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    return Plan.objects.get(slug="demo")


def progress(plan: Plan, content: bytes, *, dry_run: bool = False) -> None:
    import_progress(
        name="progress.xlsx",
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
        dry_run=dry_run,
    )


def grades(plan: Plan) -> dict[int, str]:
    entries = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021)
    return dict(entries.values_list("program__number", "final_grade"))


@pytest.mark.parametrize(
    "heading", ["総合評価", "評価区分", "R3評価", "R３評価", "令和3年度評価", "2021年度評価"]
)
def test_a_grade_column_under_each_common_heading_brings_its_grades(plan: Plan, heading: str) -> None:
    progress(plan, sheet(heading))
    assert grades(plan) == {1: "A", 2: "B"}


def test_the_plan_preview_says_when_no_column_is_the_grade_column() -> None:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999995")
    result = import_plan(
        name="plan.xlsx",
        content=sheet("判定"),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=True,
    )
    assert (
        "達成度の列が見つかりません（見出し: 「事業番号」、「事業名」、「所管課」、「取組内容」、「目標」、"
        "「実績」、「判定」）。評価は取り込まれません。"
    ) in result.preview.notes


def test_a_progress_sheet_without_a_grade_column_is_refused_naming_its_headings(plan: Plan) -> None:
    with pytest.raises(ImportRefused) as refused:
        progress(plan, sheet("判定"), dry_run=True)
    messages = [str(problem) for problem in refused.value.problems]
    assert any("達成度の列が見つかりません（見出し: 「事業番号」" in m for m in messages), messages
    assert any("「判定」）。取り込めません。" in m for m in messages), messages
    assert not YearlyEntry.objects.filter(program__plan=plan).exists()


def test_a_blank_grade_column_plainly_records_a_year_not_yet_evaluated(plan: Plan) -> None:
    progress(plan, sheet("達成度", grades=("", "")))
    assert grades(plan) == {1: "", 2: ""}


def test_the_command_refuses_a_sheet_without_a_grade_column_in_japanese(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(sheet("判定"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="取り込めません"):
        call_command(
            "import_progress", str(path), "--plan=demo", "--year=令和3年度", stdout=io.StringIO(), stderr=err
        )
    assert "達成度の列が見つかりません（見出し: 「事業番号」" in err.getvalue()
