"""The 進捗管理表 workbook's sheet of measures (施策) and their grades, when the plan grades them.

A plan without a measure rule gets no sheet and no query: its workbook is what it was.
"""

from openpyxl import Workbook
from openpyxl.styles import Font

from shinchoku.domain.fiscal import wareki_label
from shinchoku.lib.cells import neutralise
from shinchoku.plans.measures import rule_of
from shinchoku.plans.models import Plan
from shinchoku.reports.figures import ReportInputError, build_figures

HEADING = ("施策", "標題", "事業数", "算入", "評価不能", "評価対象外", "未評価", "評価", "評価の方法", "理由")
WIDTHS = (10, 40, 8, 8, 8, 10, 8, 8, 12, 50)


def add_measure_sheet(workbook: Workbook, plan: Plan, fiscal_year: int, *, confirmed_only: bool) -> None:
    """Add the sheet 施策の評価 (the tally, then one row per measure); nothing without a rule."""
    if rule_of(plan) is None:
        return
    try:
        measures = build_figures(plan, fiscal_year, confirmed_only=confirmed_only)["measures"]
    except ReportInputError:
        return
    if measures is None:
        return
    sheet = workbook.create_sheet(f"{wareki_label(fiscal_year)}施策の評価")
    sheet.append([neutralise(f"{wareki_label(fiscal_year)}{plan.name} 施策の評価")])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.append([neutralise(label) for label in measures["scale"]] + ["計"])
    sheet.append([measures["tally"][label] for label in measures["scale"]] + [len(measures["items"])])
    sheet.append([])
    sheet.append(list(HEADING))
    for col in range(1, len(HEADING) + 1):
        sheet.cell(row=sheet.max_row, column=col).font = Font(bold=True)
    for item in measures["items"]:
        c = item["program_counts"]
        how = {"rule": "基準による", "by_hand": "手入力"}.get(item["how"] or "", "未評価")
        sheet.append(
            [
                neutralise(item["path"]),
                neutralise(item["title"]),
                c["total"],
                c["counted"],
                c["not_evaluable"],
                c["excluded"],
                c["ungraded"],
                neutralise(item["grade"] or "―"),
                how,
                neutralise(item["reason"]),
            ]
        )
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + col)].width = width
