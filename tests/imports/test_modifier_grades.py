"""A sheet graded with modifiers (A′, B+) imports on the a-prime scale, in every spelling staff type.

The national evaluation of 133 measures printed A / A′ / B+ / B / C / −; a sheet in that style writes
Ａ′ or A' and B＋ as the keyboard gives them. `import_plan --scale a-prime` accepts it, and the
year's progress keeps each grade in the scale's own spelling. The sheet is demo data (an invented
city), not any real city's.
"""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from shinchoku.accounts.models import Organization, Role, User
from shinchoku.imports.services import import_progress
from shinchoku.plans.models import Plan, YearlyEntry
from shinchoku.reports.figures import build_figures
from workbooks import Row, xlsx

pytestmark = pytest.mark.django_db

GRADED = [(1, "Ａ′", "A′"), (2, "A'", "A′"), (3, "B＋", "B+"), (4, "Ｂ", "B"), (5, "A", "A")]


def sheet() -> bytes:
    rows: list[Row] = [
        ["事業番号", "事業名", "所管課", "取組内容", "目標", "実績", "評価"],
        ["１　就労の確保等（デモ）"],
        *(
            [str(n), f"デモ事業{n}", "福祉総務課（デモ）", "取組（デモ）", "100件", "110件", written]
            for n, written, _ in GRADED
        ),
    ]
    return xlsx(rows, title="令和３年度　デモ市（架空）　進捗管理表")


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    city = Organization.objects.create(name="デモ市（架空）", jis_code="999989")
    User.objects.create(username="modifier-jimukyoku", organization=city, role=Role.SECRETARIAT)
    path = tmp_path / "計画.xlsx"
    path.write_bytes(sheet())
    out = io.StringIO()
    call_command(
        "import_plan",
        str(path),
        "--slug=modifier-demo",
        "--name=デモ市再犯防止推進計画（デモ）",
        "--org=999989",
        "--first-year=令和3年度",
        "--last-year=令和7年度",
        "--scale=a-prime",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "評価尺度: A／A′／B+／B／C／－" in out.getvalue()
    return Plan.objects.get(slug="modifier-demo")


def test_the_plan_takes_the_a_prime_scale(plan: Plan) -> None:
    assert plan.scale().labels == ("A", "A′", "B+", "B", "C", "－")
    assert plan.programs.count() == len(GRADED)


def test_the_progress_keeps_a_prime_and_b_plus_in_the_scales_spelling(plan: Plan) -> None:
    import_progress(
        name="progress.xlsx",
        content=sheet(),
        plan=plan,
        fiscal_year=2021,
        actor=User.objects.get(username="modifier-jimukyoku"),
    )
    entries = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=2021)
    assert dict(entries.values_list("program__number", "final_grade")) == {n: label for n, _, label in GRADED}
    figures = build_figures(plan, 2021)
    assert figures["overall"] == {"A": 1, "A′": 2, "B+": 1, "B": 1, "C": 0, "－": 0}
    assert figures["overall_percent"] == {"A": 20, "A′": 40, "B+": 20, "B": 20, "C": 0, "－": 0}
