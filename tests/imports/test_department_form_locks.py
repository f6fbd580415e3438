"""A department form shows an entry the department can no longer change as grey and locked (issue 18)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from shinchoku.accounts.models import Department, User
from shinchoku.imports.department_forms import (
    ENTRY_SHEET,
    HEADER_ROW,
    INDICATOR_SHEET,
    INPUT_FILL,
    build_form,
)
from shinchoku.plans import workflow
from shinchoku.plans.models import Plan, YearlyEntry

pytestmark = pytest.mark.django_db


def test_confirmed_entries_in_a_department_form_are_grey_and_locked_not_yellow() -> None:
    plan = Plan.objects.get(slug="saitama-r3")
    workflow.open_year(
        plan=plan,
        fiscal_year=2022,
        deadline=datetime.date(2023, 4, 28),
        actor=User.objects.get(username="jimukyoku"),
    )
    roudou = Department.objects.get(name="労働政策課")
    confirmed = (
        YearlyEntry.objects.filter(fiscal_year=2022, department=roudou).order_by("program__number").first()
    )
    assert confirmed is not None
    YearlyEntry.objects.filter(pk=confirmed.pk).update(status="confirmed")
    workbook = load_workbook(io.BytesIO(build_form(plan, 2022, roudou)))
    sheet = workbook[ENTRY_SHEET]
    rows = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    locked_row = rows.pop(confirmed.program.number)
    for column in (4, 6, 7):
        cell = sheet.cell(locked_row, column)
        assert cell.protection.locked and cell.fill.fgColor.rgb != INPUT_FILL.fgColor.rgb
    open_row = next(iter(rows.values()))
    assert not sheet.cell(open_row, 4).protection.locked
    assert sheet.cell(open_row, 4).fill.fgColor.rgb == INPUT_FILL.fgColor.rgb
    indicators = workbook[INDICATOR_SHEET]
    for r in range(HEADER_ROW + 1, indicators.max_row + 1):
        if indicators.cell(r, 1).value == confirmed.program.number:
            assert indicators.cell(r, 5).protection.locked
