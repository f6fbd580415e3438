"""Department forms (照会と回答): one workbook per department, filled in and returned.

The secretariat downloads a workbook per department (or a zip of all) with that
department's entries for the year: structure columns locked, input cells open, a
drop-down for grades, guidance at the top. A hidden sheet records the plan, year,
department and each entry's version, so a returned file is checked against what
it was made for, and an entry changed on screen since the download is not overwritten.
"""

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from shinchoku.accounts.models import Department
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.numbers import Trend
from shinchoku.imports.form_dimensions import FIRST_COLUMN, form_dimensions, validations
from shinchoku.imports.form_dimensions import values as dimension_values
from shinchoku.lib.cells import neutralise
from shinchoku.lib.problems import ImportRefused, Problem
from shinchoku.lib.reading import Sheet
from shinchoku.lib.validators import safe_file_name
from shinchoku.plans.models import EntryStatus, IndicatorValue, Plan, YearlyEntry

ENTRY_SHEET = "回答票"
INDICATOR_SHEET = "指標"
META_SHEET = "_shinchoku"
FORM_KIND = "shinchoku-department-form-v1"
ENTRY_COLUMNS = (
    "事業番号",
    "標題",
    "計画に掲載している事業内容",
    "取組内容",
    "目標",
    "実績・取組の成果",
    "達成度",
    "達成度の理由",
)
ENTRY_INPUT = {4, 5, 6, 7, 8}  # 1-based columns the department fills in
INDICATOR_COLUMNS = ("事業番号", "指標", "単位", "目標値", "実績値")
HEADER_ROW = 5
INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
# An entry the department can no longer change (submitted or confirmed): grey and locked, so it
# does not look like a cell to fill in (issue 18).
LOCKED_FILL = PatternFill("solid", fgColor="E5E7EB")
LOCKED_FONT = Font(color="52606D")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GUIDANCE = (
    "黄色のセルに入力してください（他のセルは変更できません）。達成度は一覧から選びます。"
    "「－」と、指標から見た目安と異なる達成度には理由が必要です。数値は全角でも構いません。"
    "このファイルは所管課と年度ごとに作られています。行や列を増やしたり消したりしないでください。"
    "灰色の行は提出済み・確定済みのため変更できません。"
)


def department_entries(plan: Plan, fiscal_year: int, department: Department) -> list[YearlyEntry]:
    """Return the department's entries for the year, in program order."""
    return list(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year, department=department)
        .select_related("program")
        .order_by("program__number")
    )


def build_form(plan: Plan, fiscal_year: int, department: Department) -> bytes:
    """Return the department's workbook for the year."""
    entries = department_entries(plan, fiscal_year, department)
    dimensions = form_dimensions(plan)
    columns = ENTRY_COLUMNS + tuple(d.name for d in dimensions)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ENTRY_SHEET
    sheet["A1"] = neutralise(f"{wareki_label(fiscal_year)} {plan.name} 進捗状況 回答票")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = neutralise(f"所管課: {department.name}")
    sheet["A2"].font = Font(bold=True)
    sheet["A3"] = GUIDANCE
    sheet["A3"].alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=len(columns))
    sheet.row_dimensions[3].height = 48
    _header(sheet, columns)
    dimension_lists = validations(sheet, dimensions)
    grades = DataValidation(type="list", formula1='"' + ",".join(plan.scale().labels) + '"', allow_blank=True)
    grades.error = "一覧にある達成度を選んでください。"
    grades.errorTitle = "達成度"
    sheet.add_data_validation(grades)
    for i, entry in enumerate(entries, start=HEADER_ROW + 1):
        values = (
            entry.program.number,
            entry.program.title,
            entry.program.content,
            entry.activities,
            entry.target_text,
            entry.result_text,
            entry.proposed_grade,
            entry.proposed_reason,
            *dimension_values(entry, dimensions),
        )
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=i, column=c, value=neutralise(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BORDER
            if not _open_for_department(entry):
                cell.fill, cell.font = LOCKED_FILL, LOCKED_FONT
            elif c in ENTRY_INPUT or c >= FIRST_COLUMN:
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
        if _open_for_department(entry):
            grades.add(sheet.cell(row=i, column=7))
            for k, validation in enumerate(dimension_lists):
                validation.add(sheet.cell(row=i, column=FIRST_COLUMN + k))
    for c, width in enumerate((8, 26, 36, 40, 30, 44, 8, 30), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatCells = False
    sheet.protection.formatRows = False
    _indicator_sheet(workbook, entries, fiscal_year)
    _meta_sheet(workbook, plan, fiscal_year, department, entries)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _open_for_department(entry: YearlyEntry) -> bool:
    """Return whether the department may still change the entry (下書き or 差戻し), as on screen."""
    return entry.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)


def _header(sheet: object, names: tuple[str, ...]) -> None:
    for c, name in enumerate(names, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=c, value=neutralise(name))  # type: ignore[attr-defined]
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6EE")
        cell.border = BORDER


def _indicator_sheet(workbook: Workbook, entries: list[YearlyEntry], fiscal_year: int) -> None:
    sheet = workbook.create_sheet(INDICATOR_SHEET)
    sheet["A1"] = "指標の実績値を入力してください（目標値・単位は変更できません）。"
    _header(sheet, INDICATOR_COLUMNS)
    row = HEADER_ROW + 1
    for entry in entries:
        values = IndicatorValue.objects.filter(
            indicator__program_id=entry.program_id, fiscal_year=fiscal_year
        ).filter(Q(indicator__department_id=entry.department_id) | Q(indicator__department__isnull=True))
        for value in values.select_related("indicator").order_by("indicator__position"):
            cells: tuple[object, ...] = (
                entry.program.number,
                value.indicator.name,
                value.indicator.unit,
                Trend(value.target_trend).mark if value.target_trend else value.target,
                value.actual,
            )
            for c, v in enumerate(cells, start=1):
                shown: object = neutralise(v)
                if isinstance(v, Decimal):
                    shown = float(v)
                cell = sheet.cell(row=row, column=c, value=shown)
                cell.border = BORDER
                if not _open_for_department(entry):
                    cell.fill, cell.font = LOCKED_FILL, LOCKED_FONT
                elif c == 5:
                    cell.protection = Protection(locked=False)
                    cell.fill = INPUT_FILL
            row += 1
    for c, width in enumerate((8, 50, 8, 12, 12), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.protection.sheet = True


def _meta_sheet(
    workbook: Workbook, plan: Plan, fiscal_year: int, department: Department, entries: list[YearlyEntry]
) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    for row in (
        ("kind", FORM_KIND),
        ("organization", plan.organization.jis_code),
        ("plan", plan.slug),
        ("fiscal_year", fiscal_year),
        ("department", department.pk),
        ("department_name", department.name),
    ):
        # Names written here come back when the form is returned: neutralised like every other cell.
        sheet.append([neutralise(value) for value in row])
    for entry in entries:
        sheet.append(["entry", entry.program.number, entry.pk, entry.version])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def build_all_forms(plan: Plan, fiscal_year: int) -> bytes:
    """Return a zip holding one workbook per department that has entries for the year."""
    buffer = io.BytesIO()
    department_ids = (
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
        .values_list("department_id", flat=True)
        .distinct()
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for department in Department.objects.filter(pk__in=department_ids).order_by("name"):
            archive.writestr(
                form_file_name(plan, fiscal_year, department), build_form(plan, fiscal_year, department)
            )
    return buffer.getvalue()


def form_file_name(plan: Plan, fiscal_year: int, department: Department) -> str:
    """Return the workbook's name: 令和4年度_回答票_労働政策課.xlsx."""
    return safe_file_name(f"{wareki_label(fiscal_year)}_回答票_{department.name}.xlsx")


@dataclass(frozen=True)
class FormMeta:
    organization: str
    plan: str
    fiscal_year: int
    department: int
    department_name: str
    versions: dict[int, tuple[int, int]]  # program number → (entry id, version at download)


def read_meta(sheets: list[Sheet]) -> FormMeta:
    """Return what the returned workbook was made for, or refuse a file that is no department form."""
    meta = next((s for s in sheets if s.name == META_SHEET), None)
    if meta is None or meta.cell(1, 2) != FORM_KIND:
        raise ImportRefused(
            [
                Problem(
                    "shinchoku で作った回答票ではありません。",
                    "「回答票」の画面からダウンロードしたファイルに記入して返してください。",
                )
            ]
        )
    values = {row[0]: row[1] for row in meta.rows if len(row) > 1 and row[0] != "entry"}
    versions = {
        int(row[1]): (int(row[2]), int(row[3]))
        for row in meta.rows
        if row and row[0] == "entry" and len(row) > 3
    }
    try:
        return FormMeta(
            organization=values["organization"],
            plan=values["plan"],
            fiscal_year=int(values["fiscal_year"]),
            department=int(values["department"]),
            department_name=values["department_name"],
            versions=versions,
        )
    except (KeyError, ValueError) as error:
        raise ImportRefused(
            [Problem("回答票の管理情報が壊れています。", "回答票をダウンロードし直してください。")]
        ) from error
