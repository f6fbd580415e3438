"""A department form's columns for the plan's further dimensions (川崎市 妥当性…): written, then read back.

The columns follow 「達成度の理由」, one per dimension, headed by its name, with a drop-down of its
grades (best first). A returned form is read by its headings, not by position, so a form made
before the secretariat reordered the dimensions is still read right.
"""

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from shinchoku.domain.dimensions import Dimension, DimensionError, dimension_for_heading, parse_dimensions
from shinchoku.lib.cells import neutralise
from shinchoku.lib.problems import Problem
from shinchoku.lib.reading import Sheet
from shinchoku.plans.models import Plan, YearlyEntry

FIRST_COLUMN = 9  # after 事業番号 … 達成度の理由
WIDTH = 12


def form_dimensions(plan: Plan) -> tuple[Dimension, ...]:
    """Return the plan's further dimensions, in the order the form's columns follow."""
    return parse_dimensions(plan.dimensions)


def validations(sheet: Worksheet, dimensions: tuple[Dimension, ...]) -> list[DataValidation]:
    """Add a drop-down of each dimension's grades to the sheet; return them, one per dimension."""
    lists = []
    for dimension in dimensions:
        labels = ",".join(dimension.scale.labels)
        validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
        validation.error = f"一覧にある{dimension.name}の評価を選んでください。"
        validation.errorTitle = dimension.name
        sheet.add_data_validation(validation)
        lists.append(validation)
    for i in range(len(dimensions)):
        sheet.column_dimensions[get_column_letter(FIRST_COLUMN + i)].width = WIDTH
    return lists


def values(entry: YearlyEntry, dimensions: tuple[Dimension, ...]) -> tuple[str, ...]:
    """Return the entry's grades in the form's dimension columns."""
    grades = entry.dimension_grades or {}
    return tuple(neutralise(str(grades.get(d.key, ""))) for d in dimensions)


def read_row(
    sheet: Sheet,
    at: tuple[int, int],
    entry: YearlyEntry,
    dimensions: tuple[Dimension, ...],
    sheet_name: str,
    problems: list[Problem],
) -> dict[str, Any]:
    """Return {"dimension_grades": …} when the row changes the entry's grades, else {} (problems appended).

    at is (the header's row, the entry's row).
    """
    header_row, row = at
    if not dimensions:
        return {}
    grades = dict(entry.dimension_grades or {})
    width = len(sheet.rows[header_row - 1]) if len(sheet.rows) >= header_row else 0
    for column in range(FIRST_COLUMN, width + 1):
        heading = sheet.cell(header_row, column)
        dimension = dimension_for_heading(dimensions, heading) if heading else None
        if dimension is None:
            continue
        text = sheet.cell(row, column).strip()
        if not text:
            grades.pop(dimension.key, None)
            continue
        try:
            grades[dimension.key] = dimension.parse(text).label
        except DimensionError as error:
            where = f"{get_column_letter(column)}（{heading}）"
            problems.append(Problem(str(error), sheet=sheet_name, row=row, column=where, value=text))
    return {"dimension_grades": grades} if grades != (entry.dimension_grades or {}) else {}
