"""A department form carries a column per further dimension (川崎市 妥当性…) and reads it back (issue 25)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from shinchoku.accounts.models import Department, User
from shinchoku.domain.dimensions import Dimension, dimensions_data
from shinchoku.domain.scale_presets import PRESETS
from shinchoku.imports.department_forms import ENTRY_SHEET, HEADER_ROW, build_form
from shinchoku.imports.services import import_department_form
from shinchoku.lib.problems import ImportRefused
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry

pytestmark = pytest.mark.django_db
VALIDITY = Dimension(key="validity", name="事業の妥当性", scale=PRESETS["five-to-one"])
EFFECTIVENESS = Dimension(key="effectiveness", name="有効性・効率性・経済性", scale=PRESETS["five-to-one"])


@pytest.fixture
def plan() -> Plan:
    plan = Plan.objects.get(slug="saitama-r3")
    plan.dimensions = dimensions_data([VALIDITY, EFFECTIVENESS])
    plan.save(update_fields=["dimensions"])
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    return plan


def filled(plan: Plan, validity: str, effectiveness: str) -> bytes:
    """Return 労働政策課's form with program 1 filled in, its dimension columns too."""
    workbook = load_workbook(io.BytesIO(build_form(plan, 2022, Department.objects.get(name="労働政策課"))))
    sheet = workbook[ENTRY_SHEET]
    assert [sheet.cell(HEADER_ROW, c).value for c in (7, 9, 10)] == [
        "達成度",
        "事業の妥当性",
        "有効性・効率性・経済性",
    ]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    assert sheet.cell(row, 9).protection.locked is False  # an input cell, like 達成度
    sheet.cell(row, 4).value = "ワンストップ就労支援を実施しました。"
    sheet.cell(row, 6).value = "就職者数 290人"
    sheet.cell(row, 7).value = "Ｂ"
    sheet.cell(row, 8).value = "就職者数は目標を上回ったが、定着は今後の課題"
    sheet.cell(row, 9).value = validity
    sheet.cell(row, 10).value = effectiveness
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_grades_make_the_round_trip_and_the_complete_entry_is_submitted(plan: Plan) -> None:
    content = filled(plan, "５", "4")
    result = import_department_form(
        name="r.xlsx", content=content, plan=plan, fiscal_year=2022, actor=User.objects.get(username="roudou")
    )
    assert result.summary["submitted"] == 1
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    assert entry.dimension_grades == {"validity": "5", "effectiveness": "4"}
    assert entry.status == "submitted"
    # The next form shows them back in their columns.
    sheet = load_workbook(io.BytesIO(build_form(plan, 2022, Department.objects.get(name="労働政策課"))))[
        ENTRY_SHEET
    ]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    assert (sheet.cell(row, 9).value, sheet.cell(row, 10).value) == ("5", "4")


def test_an_entry_without_every_dimension_is_kept_as_a_draft(plan: Plan) -> None:
    result = import_department_form(
        name="r.xlsx",
        content=filled(plan, "5", ""),
        plan=plan,
        fiscal_year=2022,
        actor=User.objects.get(username="roudou"),
    )
    assert result.summary["submitted"] == 0
    entry = YearlyEntry.objects.get(program__number=1, fiscal_year=2022)
    assert entry.status == "draft" and entry.dimension_grades == {"validity": "5"}


def test_a_grade_off_the_scale_refuses_the_form_naming_the_cell(plan: Plan) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_department_form(
            name="r.xlsx",
            content=filled(plan, "優る", "4"),
            plan=plan,
            fiscal_year=2022,
            actor=User.objects.get(username="roudou"),
        )
    problem = next(p for p in refused.value.problems if "優る" in p.why)
    assert problem.column == "I（事業の妥当性）"
    assert YearlyEntry.objects.get(program__number=1, fiscal_year=2022).dimension_grades == {}
