"""An empty 進捗管理表 in the seed's layout, for a city that starts a sheet to import.

The layout is the seed's own (資料６): a title, the header with 「事業\\n番号」, the explanation
row under it, then section rows and one row per program and department. A 所管課 column is
added at the end, since the seed's printed table has none and a plan needs one.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.grades import GradeScale

HEADINGS = (
    "事業\n番号",
    "計画に掲載している標題",
    "計画に掲載している事業内容",
    "{year}の取組内容",
    "{year}目標",
    "{year}実績・取組の成果",
    "達成度",
    "所管課",
)
EXPLANATION = (
    "",
    "計画に記載されている内容を転記しています。",
    "",
    "計画に掲載されている事業について、{year}に行った取組内容について記載しています。",
    "各事業計画において目標等を設定している場合は、{year}の目標とその計画名を記載しています。"
    "計画により目標を設定していない事業や設定が困難な事業については「―」を記載しています。",
    "{year}の目標または{year}の取組内容に対する成果等を記載しています。",
    "",
    "",
)
WIDTHS = (7, 24, 36, 40, 30, 40, 8, 16)
EXAMPLES = (
    ("１　（重点項目の名前）",),
    ("（１）（施策の名前）",),
    ("①（細目の名前）",),
)


def template_workbook(fiscal_year: int, scale: GradeScale) -> bytes:
    """Return the empty table for a fiscal year, with the grade column limited to the scale's labels."""
    year = wareki_label(fiscal_year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "進捗管理表"
    sheet.append([f"{year}　再犯防止推進計画　進捗管理表"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append([h.format(year=year) for h in HEADINGS])
    sheet.append([e.format(year=year) for e in EXPLANATION])
    sheet.merge_cells("B4:C4")
    thin = Side(style="thin")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
        for row in (3, 4):
            cell = sheet.cell(row, column)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        sheet.cell(3, column).font = Font(bold=True)
        sheet.cell(3, column).fill = PatternFill("solid", fgColor="D9E1F2")
        sheet.cell(4, column).font = Font(size=9)
    for example in EXAMPLES:
        sheet.append(list(example))
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=len(WIDTHS)
        )
    grades = DataValidation(type="list", formula1='"' + ",".join(scale.labels) + '"', allow_blank=True)
    grades.error = f"達成度は {'、'.join(scale.labels)} のいずれかです。"
    sheet.add_data_validation(grades)
    grades.add(f"G{sheet.max_row + 1}:G2000")
    sheet.print_title_rows = "3:4"  # the header repeats on every printed page
    sheet.freeze_panes = "B5"
    sheet.append([])
    sheet.append(
        [f"※達成度　{'　'.join(f'{g.label}：{g.meaning}' if g.meaning else g.label for g in scale.grades)}"]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
