"""The 進捗管理表 export comes back through the imports with its 重点 marks and its 評価対象外 reasons.

On the seed's 令和3年度 (74 listings, 60 programs): programs 1, 3, 12 and 16 marked 重点 (a 川崎市-like
marking), or its eight － entries 評価対象外 instead (枚方市's way), as tests/reports/test_priority_and_exclusion.py.
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from shinchoku.accounts.models import Role, User
from shinchoku.imports.services import import_plan, import_progress
from shinchoku.plans.models import Indicator, IndicatorValue, Plan, PlanYear, Program, YearlyEntry
from shinchoku.reports.figures import build_figures
from shinchoku.reports.progress_table import to_csv, to_xlsx

pytestmark = pytest.mark.django_db
COVID = "新型コロナウイルス感染症の影響により事業を中止したため"


@pytest.fixture
def seed() -> Plan:
    return Plan.objects.get(slug="saitama-r3")


def secretariat(plan: Plan) -> User:
    return User.objects.filter(organization=plan.organization, role=Role.SECRETARIAT).order_by("pk")[0]


def plan_import(seed: Plan, content: bytes, fmt: str, *, dry_run: bool = False) -> object:
    return import_plan(
        name=f"export.{fmt}",
        content=content,
        organization=seed.organization,
        slug=f"round-trip-{fmt}",
        plan_name="さいたま市再犯防止推進計画（取込み）",
        first_year=2021,
        last_year=2025,
        actor=None,
        dry_run=dry_run,
    )


def exports(plan: Plan) -> list[tuple[str, bytes]]:
    return [("xlsx", to_xlsx(plan, 2021)), ("csv", to_csv(plan, 2021))]


def sheet_rows(content: bytes) -> list[list[object]]:
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows()]


def test_the_priority_programs_come_back_from_the_export(seed: Plan) -> None:
    Program.objects.filter(plan=seed, number__in=[1, 3, 12, 16]).update(is_priority=True)
    rows = sheet_rows(to_xlsx(seed, 2021))
    assert rows[1][-1] == "重点"
    assert sorted({r[0] for r in rows[2:] if r[-1] == "○"}) == [1, 3, 12, 16]  # type: ignore[type-var]
    for fmt, content in exports(seed):
        preview = plan_import(seed, content, fmt, dry_run=True)
        assert preview.summary["priority"] == 4, fmt  # type: ignore[attr-defined]  # 「重点事業 4」
        plan_import(seed, content, fmt)
        again = Plan.objects.get(slug=f"round-trip-{fmt}")
        assert sorted(again.programs.filter(is_priority=True).values_list("number", flat=True)) == [
            1,
            3,
            12,
            16,
        ]


def test_a_years_own_list_is_what_its_table_marks(seed: Plan) -> None:
    Program.objects.filter(plan=seed, number__in=[1, 3]).update(is_priority=True)
    PlanYear.objects.filter(plan=seed, fiscal_year=2021).update(priority_numbers=[2, 5])
    rows = sheet_rows(to_xlsx(seed, 2021))
    assert sorted({r[0] for r in rows[2:] if r[-1] == "○"}) == [2, 5]  # type: ignore[type-var]


def test_a_plan_without_marks_or_exclusions_has_neither_column(seed: Plan) -> None:
    heading = sheet_rows(to_xlsx(seed, 2021))[1]
    assert heading[-1] == "所管課" and "重点" not in heading and "備考" not in heading
    assert next(csv.reader(io.StringIO(to_csv(seed, 2021).decode("utf-8-sig"))))[-1] == "所管課"


def test_excluded_entries_come_back_with_their_reason(seed: Plan) -> None:
    YearlyEntry.objects.filter(program__plan=seed, fiscal_year=2021, final_grade="－").update(
        excluded=True, excluded_reason=COVID, final_grade="", proposed_grade="", reason="", proposed_reason=""
    )
    rows = sheet_rows(to_xlsx(seed, 2021))
    assert rows[1][-1] == "備考"
    assert [r[-1] for r in rows[2:] if r[6] == "評価対象外"] == [COVID] * 8
    original = build_figures(seed, 2021)
    assert (original["total"], len(original["excluded"])) == (68, 6)
    for fmt, content in exports(seed):
        plan_import(seed, content, fmt)
        plan = Plan.objects.get(slug=f"round-trip-{fmt}")
        import_progress(
            name=f"export.{fmt}", content=content, plan=plan, fiscal_year=2021, actor=secretariat(plan)
        )
        again = build_figures(plan, 2021)
        for key in ("total", "programs", "overall", "excluded"):
            assert again[key] == original[key], (fmt, key)
        excluded = YearlyEntry.objects.filter(program__plan=plan, excluded=True)
        assert excluded.count() == 8
        assert set(excluded.values_list("excluded_reason", flat=True)) == {COVID}


def test_an_arrow_typed_only_in_the_indicators_target_cell_is_printed(seed: Plan) -> None:
    indicator = Indicator.objects.get(program__plan=seed, program__number=1, position=0)
    IndicatorValue.objects.filter(indicator=indicator, fiscal_year=2021).update(
        target=None, target_trend="up"
    )
    entry = YearlyEntry.objects.get(program__plan=seed, program__number=1, fiscal_year=2021)
    targets = [row[4] for row in sheet_rows(to_xlsx(seed, 2021))[2:] if row[0] == 1]
    assert targets == [f"{entry.target_text}\n〇{indicator.name}　↑"]
    text = to_csv(seed, 2021).decode("utf-8-sig")
    assert f"〇{indicator.name}　↑" in text
