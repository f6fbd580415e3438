"""The Excel export's sheet per further dimension (川崎市 事業の妥当性…): counts per area, like 達成度's table."""

from openpyxl import Workbook
from openpyxl.styles import Font

from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.cells import neutralise
from shinchoku.plans.models import Plan
from shinchoku.reports.dimension_slides import dimension_rows, dimension_term
from shinchoku.reports.figures import ReportInputError, build_figures


def add_dimension_sheets(workbook: Workbook, plan: Plan, fiscal_year: int, *, confirmed_only: bool) -> None:
    """Add one sheet per dimension of the plan (none for a plan without, so its file is as before)."""
    if not plan.dimensions:
        return
    try:
        figures = build_figures(plan, fiscal_year, confirmed_only=confirmed_only)
    except ReportInputError:
        return  # a year without entries: the table above says so already
    for dimension in figures["dimensions"]:
        # A sheet's name holds 31 characters and no 「/」「:」…: the dimension's name, shortened.
        sheet = workbook.create_sheet(_sheet_name(dimension["name"]))
        title = f"{wareki_label(fiscal_year)} {dimension['name']}（{dimension_term(dimension)}別、再掲含む、左ほど良い評価）"
        sheet.cell(row=1, column=1, value=neutralise(title)).font = Font(bold=True, size=14)
        for r, row in enumerate(dimension_rows(dimension), start=2):
            for c, text in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c, value=_value(text, numeric=c > 1 and r > 2))
                if isinstance(cell.value, float):
                    cell.number_format = "0.0%" if figures["percent_places"] else "0%"
                cell.font = Font(bold=r == 2 or row[0] == "計画全体")
        sheet.column_dimensions["A"].width = 40


def _value(text: str, *, numeric: bool) -> int | float | str:
    """Return a cell's value: counts as integers, shares (「20％」) as fractions shown as percents."""
    if numeric and text.isdigit():
        return int(text)
    if numeric and text.endswith("％"):
        return float(text[:-1]) / 100
    return str(neutralise(text))


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name)
    return cleaned[:31]
