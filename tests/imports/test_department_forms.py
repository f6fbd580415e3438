"""Department forms: download, fill in, return; checked against what they were made for."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shinchoku.accounts.models import Department, User
from shinchoku.imports.department_forms import (
    ENTRY_SHEET,
    HEADER_ROW,
    INDICATOR_SHEET,
    build_all_forms,
    build_form,
)
from shinchoku.imports.services import import_department_form
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans import workflow
from shinchoku.plans.models import EntryEvent, IndicatorValue, Plan, YearlyEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    return plan


def roudou_form(plan: Plan, year: int = 2022) -> io.BytesIO:
    return io.BytesIO(build_form(plan, year, Department.objects.get(name="労働政策課")))


def filled(plan: Plan, grade: str = "Ａ", actual: str = "２９０人") -> bytes:
    """Return 労働政策課's form with program 1 filled in as a department would."""
    workbook = load_workbook(roudou_form(plan))
    sheet = workbook[ENTRY_SHEET]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    sheet.cell(row, 4).value = "ワンストップ就労支援を実施しました。"
    sheet.cell(row, 6).value = "就職者数 290人"
    sheet.cell(row, 7).value = grade
    indicators = workbook[INDICATOR_SHEET]
    for r in range(HEADER_ROW + 1, indicators.max_row + 1):
        if indicators.cell(r, 1).value == 1 and "就職者数" in indicators.cell(r, 2).value:
            indicators.cell(r, 5).value = actual
        elif indicators.cell(r, 1).value == 1:
            indicators.cell(r, 5).value = "8,100"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_form_holds_the_departments_entries_with_locked_structure(plan: Plan) -> None:
    workbook = load_workbook(roudou_form(plan))
    sheet = workbook[ENTRY_SHEET]
    assert sheet.protection.sheet
    numbers = [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert numbers == sorted(
        YearlyEntry.objects.filter(fiscal_year=2022, department__name="労働政策課").values_list(
            "program__number", flat=True
        )
    )
    first = HEADER_ROW + 1
    assert sheet.cell(first, 2).protection.locked and not sheet.cell(first, 4).protection.locked
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"A,B,C,－"'
    assert workbook["_shinchoku"].sheet_state == "veryHidden"


def test_a_returned_form_is_taken_and_submitted(plan: Plan) -> None:
    result = import_department_form(
        name="r.xlsx",
        content=filled(plan),
        plan=plan,
        fiscal_year=2022,
        actor=User.objects.get(username="jimukyoku"),
    )
    assert result.summary["submitted"] == 1
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    assert (entry.status, entry.proposed_grade, entry.suggested_grade) == ("submitted", "A", "A")
    actuals = sorted(
        v.actual for v in IndicatorValue.objects.filter(indicator__program__number=1, fiscal_year=2022)
    )
    assert actuals == [Decimal(290), Decimal(8100)]
    assert EntryEvent.objects.filter(entry=entry, action="submitted").exists()


def test_a_department_returns_its_own_form_only(plan: Plan) -> None:
    content = filled(plan)
    with pytest.raises(ImportRefused, match="この回答票は労働政策課のものです"):
        import_department_form(
            name="r.xlsx",
            content=content,
            plan=plan,
            fiscal_year=2022,
            actor=User.objects.get(username="jutaku"),
        )
    import_department_form(
        name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=User.objects.get(username="roudou")
    )


def test_a_form_for_another_year_is_refused_with_the_reason(plan: Plan) -> None:
    with pytest.raises(
        ImportRefused,
        match="この回答票は「saitama-r3・令和4年度・労働政策課」のものです（取り込み先: saitama-r3・令和3年度）",
    ):
        import_department_form(
            name="r.xlsx",
            content=filled(plan),
            plan=plan,
            fiscal_year=2021,
            actor=User.objects.get(username="jimukyoku"),
        )


def test_an_entry_changed_on_screen_since_the_download_is_not_overwritten(plan: Plan) -> None:
    content = filled(plan)
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    workflow.save_entry(
        entry=entry,
        actor=User.objects.get(username="roudou"),
        version=entry.version,
        data=workflow.EntryInput("画面で入力", "", "", "qualitative", "", ""),
    )
    with pytest.raises(ImportRefused, match="ダウンロード後に画面で変更されています"):
        import_department_form(
            name="r.xlsx",
            content=content,
            plan=plan,
            fiscal_year=2022,
            actor=User.objects.get(username="jimukyoku"),
        )
    entry.refresh_from_db()
    assert entry.activities == "画面で入力"


def test_problems_in_a_form_say_where_and_nothing_is_written(plan: Plan) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_department_form(
            name="r.xlsx",
            content=filled(plan, grade="Z", actual="約300"),
            plan=plan,
            fiscal_year=2022,
            actor=User.objects.get(username="jimukyoku"),
        )
    text = str(refused.value)
    assert "達成度「Z」はこの評価尺度にありません" in text and "「約300」は数値として読めません" in text
    assert YearlyEntry.objects.get(program__number=1, fiscal_year=2022).status == "draft"


def test_a_workbook_that_is_no_form_is_refused(plan: Plan) -> None:
    from workbooks import small_plan_rows, xlsx

    with pytest.raises(ImportRefused, match="shinchoku で作った回答票ではありません"):
        import_department_form(
            name="x.xlsx",
            content=xlsx(small_plan_rows()),
            plan=plan,
            fiscal_year=2022,
            actor=User.objects.get(username="jimukyoku"),
        )


def test_all_forms_in_one_zip(plan: Plan) -> None:
    with zipfile.ZipFile(io.BytesIO(build_all_forms(plan, 2022))) as archive:
        names = archive.namelist()
    assert "令和4年度_回答票_労働政策課.xlsx" in names and len(names) == 14
