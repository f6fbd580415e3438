"""The workbook's 「集計」 sheet, for a plan that shows 「うち重点」 or a year with 評価対象外 programs.

The 進捗管理表 lists entries; a city that prints 「うち重点」 beside its totals, or leaves programs out
of the count, needs those figures in the workbook too. A plan with neither gets no such sheet, so
its workbook is exactly as before.
"""

from typing import Any

from openpyxl.styles import Font

from shinchoku.domain.area_terms import area_term
from shinchoku.domain.figures import YearFigures
from shinchoku.lib.cells import neutralise
from shinchoku.reports.practices import (
    exclusion_note,
    overall_columns,
    overall_priority_table,
    priority_by_area,
)

EXCLUDED_MARK = "評価対象外"  # the grade column of an excluded entry (the progress import reads it back)


def add_summary_sheet(workbook: Any, figures: YearFigures) -> None:
    """Add 「集計」: ④ (with 「うち重点」 when shown), each area's counts, and the 評価対象外 note."""
    labels = figures["scale"]
    sheet = workbook.create_sheet("集計")
    sheet.append([neutralise(f"{figures['label']} {figures['plan']} 達成度の集計")])
    sheet["A1"].font = Font(bold=True, size=14)
    table = overall_priority_table(figures, labels)
    context = {"priority_table": table, "overall_table": _overall(figures, labels)}
    headings, rows = overall_columns(context)
    sheet.append(["達成度", *headings])
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    priority = priority_by_area(figures)
    sheet.append([area_term(a["number"] for a in figures["by_area"]), *labels, "計"])
    for area in figures["by_area"]:
        sheet.append(
            [neutralise(f"{area['number']} {area['title']}"), *area["counts"].values(), area["total"]]
        )
        part = priority.get(area["number"])
        if part:
            sheet.append(["うち重点", *part["counts"].values(), part["total"]])
    note = exclusion_note(figures)
    if note:
        sheet.append([])
        sheet.append([neutralise(f"※{note}。上の事業数には含めていません。")])
    sheet.column_dimensions["A"].width = 40


def _overall(figures: YearFigures, labels: list[str]) -> list[tuple[Any, ...]]:
    by_type = figures["by_type"]
    rows: list[tuple[Any, ...]] = [
        (f"達成度{g}", figures["overall"][g], by_type["quantitative"][g], by_type["qualitative"][g])
        for g in labels
    ]
    rows.append(
        (
            "合計",
            figures["total"],
            sum(by_type["quantitative"].values()),
            sum(by_type["qualitative"].values()),
        )
    )
    return rows
