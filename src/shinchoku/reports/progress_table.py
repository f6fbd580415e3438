"""資料6 進捗管理表: the seed's columns, one row per listing and department, section rows between.

Excel and CSV are written from the same rows; every text cell goes through
neutralise() so that no exported cell can start a formula.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from shinchoku.domain.dimensions import Dimension, parse_dimensions
from shinchoku.domain.fiscal import wareki_label
from shinchoku.domain.indicator_text import printed_target
from shinchoku.domain.numbers import Trend
from shinchoku.domain.priority import priority_numbers
from shinchoku.lib.cells import neutralise
from shinchoku.plans.models import EntryStatus, IndicatorValue, Plan, PlanYear, Program, YearlyEntry
from shinchoku.plans.queries import listings_of
from shinchoku.plans.year_names import PRINTED_NAME, printed_department, with_names_of_their_year
from shinchoku.reports.dimension_sheets import add_dimension_sheets
from shinchoku.reports.figures import ReportInputError, build_figures, provisional_label
from shinchoku.reports.measure_sheet import add_measure_sheet
from shinchoku.reports.summary_sheet import EXCLUDED_MARK, add_summary_sheet

RELISTING_MARK = "（再掲）"
# The CSV has one line per entry, so its place in the tree is written in these columns.
SECTION_COLUMNS = ("重点項目", "施策", "細目")


PRIORITY_COLUMN = "重点"  # the plan import reads it back (imports/priority_marks.py)
PRIORITY_MARK = "○"
REMARKS_COLUMN = "備考"  # the progress import reads an excluded entry's reason from it


@dataclass(frozen=True)
class Extras:
    """What a plan's table adds to the seed's columns; nothing for a plan using none of the practices."""

    dimensions: tuple[Dimension, ...] = ()
    priority: frozenset[int] = frozenset()  # the year's 重点 programs: a 重点 column when any
    remarks: bool = False  # a 備考 column with the reasons of entries excluded from the count
    # Indicators with a target without a number, by program: (department id or None, name, trend).
    trends: dict[int, list[tuple[int | None, str, Trend]]] = field(default_factory=dict)


def columns(
    fiscal_year: int, dimensions: Sequence[Dimension] = (), extras: Extras | None = None
) -> list[str]:
    """Return the 進捗管理表's column headings for a year, as the seed writes them.

    A plan's further dimensions (川崎市 妥当性…) follow 所管課, headed by their names, which the
    progress import reads back; then 重点 (○ for the year's priority programs, read back by the plan
    import) and 備考 (an excluded entry's reason, read back by the progress import) when there are any.
    """
    year = wareki_label(fiscal_year)
    return [
        "事業番号",
        "計画に掲載している標題",
        "計画に掲載している事業内容",
        f"{year}の取組内容",
        f"{year}目標",
        f"{year}実績・取組の成果",
        "達成度",
        "所管課",
        *(d.name for d in dimensions),
        *([PRIORITY_COLUMN] if extras and extras.priority else []),
        *([REMARKS_COLUMN] if extras and extras.remarks else []),
    ]


@dataclass(frozen=True)
class Row:
    """A section row (重点項目・施策) or an entry row of the table."""

    section: str  # the node's printed label and title, e.g. 「1(1)① 就職に向けた…」
    depth: int  # 1 for an area, 2.. for the levels below it; 0 for an entry row
    cells: tuple[str | int, ...] = ()


def progress_rows(plan: Plan, fiscal_year: int, *, confirmed_only: bool = False) -> list[Row]:
    """Return the table's rows in the plan's order: each node's heading, then its listings."""
    return table_of(plan, fiscal_year, confirmed_only=confirmed_only)[1]


def table_of(plan: Plan, fiscal_year: int, *, confirmed_only: bool = False) -> tuple[Extras, list[Row]]:
    """Return the table's extra columns and its rows in the plan's order."""
    entries: dict[int, list[YearlyEntry]] = {}
    query = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
    if confirmed_only:
        query = query.filter(status=EntryStatus.CONFIRMED)
    # Departments by their names at the end of the year (a renamed or merged one by its old name).
    query = with_names_of_their_year(query, [fiscal_year])
    for entry in query.select_related("department").order_by(PRINTED_NAME):
        entries.setdefault(entry.program_id, []).append(entry)
    extras = _extras(plan, fiscal_year, any(e.excluded for es in entries.values() for e in es))
    rows: list[Row] = []
    seen_nodes: set[int] = set()
    for listing in listings_of(plan, fiscal_year):
        for depth, node in enumerate(listing.node.ancestors(), start=1):
            if node.pk not in seen_nodes:
                seen_nodes.add(node.pk)
                label = node.label if depth == 1 else node.path_label()
                rows.append(Row(section=f"{label} {node.title}", depth=depth))
        title = listing.program.title + (RELISTING_MARK if listing.is_relisting else "")
        rows.extend(
            Row(section="", depth=0, cells=_cells(entry, listing.program, title, extras))
            for entry in entries.get(listing.program.pk, [])
        )
    return extras, rows


def _cells(entry: YearlyEntry, program: Program, title: str, extras: Extras) -> tuple[str | int, ...]:
    """Return an entry row's cells: the seed's, then the plan's dimensions, 重点 and 備考 if it has them."""
    trends = [
        (name, t) for d, name, t in extras.trends.get(program.pk, []) if d in (None, entry.department_id)
    ]
    return (
        program.number,
        title,
        program.content,
        entry.activities,
        printed_target(entry.target_text, trends),
        entry.result_text,
        entry.final_grade or (EXCLUDED_MARK if entry.excluded else ""),
        printed_department(entry),
        *(str((entry.dimension_grades or {}).get(d.key, "")) for d in extras.dimensions),
        *([PRIORITY_MARK if program.number in extras.priority else ""] if extras.priority else []),
        *([entry.excluded_reason if entry.excluded else ""] if extras.remarks else []),
    )


def _extras(plan: Plan, fiscal_year: int, any_excluded: bool) -> Extras:
    """Return the plan's extra columns for the year, and its indicators' targets without a number."""
    year_numbers = (
        PlanYear.objects.filter(plan=plan, fiscal_year=fiscal_year)
        .values_list("priority_numbers", flat=True)
        .first()
    )
    marked = plan.programs.filter(is_priority=True).values_list("number", flat=True)
    trends: dict[int, list[tuple[int | None, str, Trend]]] = {}
    values = (
        IndicatorValue.objects.filter(indicator__program__plan=plan, fiscal_year=fiscal_year)
        .exclude(target_trend="")
        .select_related("indicator")
        .order_by("indicator__program_id", "indicator__position", "indicator_id")
    )
    for value in values:
        indicator = value.indicator
        trends.setdefault(indicator.program_id, []).append(
            (indicator.department_id, indicator.name, Trend(value.target_trend))
        )
    return Extras(
        dimensions=tuple(parse_dimensions(plan.dimensions)),
        priority=priority_numbers(year_numbers, marked),
        remarks=any_excluded,
        trends=trends,
    )


WIDTHS = (8, 28, 40, 40, 32, 44, 8, 16)
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDE6EE")
SECTION_FILL = PatternFill("solid", fgColor="F1F4F7")


def to_xlsx(plan: Plan, fiscal_year: int, *, confirmed_only: bool = False) -> bytes:
    """Return the 進捗管理表 as an .xlsx: wrapped text, frozen header, A4 landscape, header on every page."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{wareki_label(fiscal_year)}進捗管理表"
    extras, rows = table_of(plan, fiscal_year, confirmed_only=confirmed_only)
    heading = columns(fiscal_year, extras.dimensions, extras)
    provisional = provisional_label(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year).only("status"),
        confirmed_only=confirmed_only,
    )
    title = f"{wareki_label(fiscal_year)}{plan.name}進捗管理表"
    sheet.cell(
        row=1, column=1, value=neutralise(f"{title}　{provisional}" if provisional else title)
    ).font = Font(bold=True, size=14, color="B3261E" if provisional else None)
    for col, name in enumerate(heading, start=1):
        cell = sheet.cell(row=2, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    row_number = 3
    centred = {1, 7} | ({heading.index(PRIORITY_COLUMN) + 1} if extras.priority else set())
    for row in rows:
        if row.depth:
            cell = sheet.cell(row=row_number, column=1, value=neutralise(row.section))
            cell.font = Font(bold=True, size=12 if row.depth == 1 else 11)
            sheet.merge_cells(
                start_row=row_number, start_column=1, end_row=row_number, end_column=len(heading)
            )
            for col in range(1, len(heading) + 1):
                sheet.cell(row=row_number, column=col).fill = SECTION_FILL
                sheet.cell(row=row_number, column=col).border = BORDER
        else:
            for col, value in enumerate(row.cells, start=1):
                cell = sheet.cell(row=row_number, column=col, value=neutralise(value))
                cell.border = BORDER
                cell.alignment = Alignment(
                    wrap_text=True, vertical="top", horizontal="center" if col in centred else "left"
                )
        row_number += 1
    for col, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for name, width in ((PRIORITY_COLUMN, 6), (REMARKS_COLUMN, 32)):
        if name in heading[len(WIDTHS) :]:
            sheet.column_dimensions[get_column_letter(heading.index(name) + 1)].width = width
    _set_up_pages(sheet, provisional)
    _add_summary(workbook, plan, fiscal_year, confirmed_only)
    add_measure_sheet(workbook, plan, fiscal_year, confirmed_only=confirmed_only)
    add_dimension_sheets(workbook, plan, fiscal_year, confirmed_only=confirmed_only)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set_up_pages(sheet: Worksheet, provisional: str) -> None:
    """Freeze the header and print it on every page, A4 landscape, one page wide, numbered."""
    sheet.freeze_panes = "B3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "&P / &N"
    if provisional:
        # Printed on every page: a page of an unfinished year must not pass for the final table.
        sheet.oddHeader.right.text = provisional
        sheet.oddHeader.right.color = "B3261E"


def _add_summary(workbook: Workbook, plan: Plan, fiscal_year: int, confirmed_only: bool) -> None:
    """Add the 「集計」 sheet when the plan shows 「うち重点」 or the year has 評価対象外 entries."""
    entries = YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year, excluded=True)
    if plan.show_priority or entries.exists():
        try:
            figures = build_figures(plan, fiscal_year, confirmed_only=confirmed_only)
        except ReportInputError:
            return  # no entries yet: nothing to count
        add_summary_sheet(workbook, figures)


def to_csv(plan: Plan, fiscal_year: int, *, encoding: str = "utf-8", confirmed_only: bool = False) -> bytes:
    """Return the table as CSV: one line per entry with its area and levels; UTF-8 with BOM by default.

    cp932 (Shift_JIS as Windows writes it) is available for older tools; a
    character it cannot hold is written as 〓 (the geta mark) rather than lost silently.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    extras, rows = table_of(plan, fiscal_year, confirmed_only=confirmed_only)
    writer.writerow([*SECTION_COLUMNS, *columns(fiscal_year, extras.dimensions, extras)])
    sections = ["", "", ""]
    for row in rows:
        if row.depth:
            sections[row.depth - 1 :] = [row.section] + [""] * (len(SECTION_COLUMNS) - row.depth)
        else:
            writer.writerow([*(neutralise(s) for s in sections), *(neutralise(v) for v in row.cells)])
    text = buffer.getvalue()
    if encoding == "cp932":
        return _cp932(text)
    return text.encode("utf-8-sig")


def _cp932(text: str) -> bytes:
    return "".join(ch if _fits_cp932(ch) else "〓" for ch in text).encode("cp932")


def _fits_cp932(ch: str) -> bool:
    try:
        ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True
