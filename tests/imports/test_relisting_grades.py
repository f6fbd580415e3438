"""A 再掲 row whose own grade differs from its program's first listing: the first listing's grade counts
(as documented), and the preview and the command name both rows and both grades.

Demo data (not from the seed): a title row, a header, program 1 graded Ａ under 「１　就労」 and listed again
under 「２　福祉」 as 「1（再掲）」 graded Ｃ（下回った）.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import Plan, YearlyEntry
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

HEADER: Row = ["事業番号", "事業名", "所管課", "取組内容", "目標", "実績", "達成度"]
WARNING = (
    "6行目の再掲（事業番号1）の達成度「Ｃ（下回った）」が、最初の掲載（3行目）の達成度「Ａ」と違います。"
    "最初の掲載の達成度を取り込みます。"
)


def sheet(relisted_grade: str) -> bytes:
    rows: list[Row] = [
        HEADER,
        ["１　就労"],
        ["1", "事業1", "福祉総務課", "事業1の取組", "100件", "110件", "Ａ"],
        ["2", "事業2", "福祉総務課", "事業2の取組", "100件", "100件", "Ｂ"],
        ["２　福祉"],
        ["1（再掲）", "事業1", "福祉総務課", "事業1の取組", "100件", "110件", relisted_grade],
    ]
    return xlsx(rows, title="令和３年度　再犯防止推進計画　進捗管理表")


@pytest.fixture
def plan() -> Plan:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999994")
    User.objects.create(username="demo-jimukyoku", organization=city, role=Role.SECRETARIAT)
    import_plan(
        name="plan.xlsx",
        content=sheet("Ａ"),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
    )
    return Plan.objects.get(slug="demo")


def progress_notes(plan: Plan, content: bytes) -> list[str]:
    result = import_progress(
        name="progress.xlsx",
        content=content,
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="demo-jimukyoku"),
    )
    assert result.preview is not None
    return list(result.preview.notes)


def test_the_first_listings_grade_counts_and_the_differing_relisting_is_named(plan: Plan) -> None:
    notes = progress_notes(plan, sheet("Ｃ（下回った）"))
    assert WARNING in notes
    entry = YearlyEntry.objects.get(program__plan=plan, program__number=1, fiscal_year=2021)
    assert entry.final_grade == "A"


def test_a_relisting_with_the_same_grade_in_another_spelling_is_not_named(plan: Plan) -> None:
    assert not [n for n in progress_notes(plan, sheet("A（上回った）")) if "再掲" in n]


def test_a_relisting_without_a_grade_of_its_own_is_not_named(plan: Plan) -> None:
    assert not [n for n in progress_notes(plan, sheet("")) if "再掲" in n]


def test_the_plan_preview_names_the_differing_relisting_too() -> None:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999994")
    result = import_plan(
        name="plan.xlsx",
        content=sheet("Ｃ（下回った）"),
        organization=city,
        slug="demo",
        plan_name="デモ市再犯防止推進計画",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=True,
    )
    assert result.preview is not None and WARNING in result.preview.notes


def test_the_command_prints_the_differing_relisting(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "進捗管理表.xlsx"
    path.write_bytes(sheet("Ｃ（下回った）"))
    err = io.StringIO()
    call_command(
        "import_progress", str(path), "--plan=demo", "--year=令和3年度", stdout=io.StringIO(), stderr=err
    )
    assert f"注意: {WARNING}" in err.getvalue()
