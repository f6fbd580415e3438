"""再掲 rows whose own grade differs from their program's first listing: never ignored without a word.

The documented rule stands (a re-listing repeats the first listing's entry, and the first listing's
grade counts); the preview and the commands name each such row, both rows and both grades. A 再掲 row
whose title is not its program's (a mistyped number that another program has) is named too.
"""

from collections.abc import Mapping

from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.text import fold_width, squeeze_spaces
from shinchoku.imports.grades import read_grade
from shinchoku.imports.rows import EntryRow, ParsedSheet
from shinchoku.imports.table import Column


def _grade_key(scale: GradeScale, text: str) -> str:
    """Return the grade a cell names (its label), or the cell folded when it names none."""
    try:
        return read_grade(scale, text).label
    except GradeError:
        return squeeze_spaces(fold_width(text))


def _where(row: EntryRow, several_sheets: bool) -> str:
    return f"{row.sheet}の{row.row}行目" if several_sheets and row.sheet else f"{row.row}行目"


def relisting_grade_warnings(parsed: ParsedSheet, scale: GradeScale) -> list[str]:
    """Return a warning for each 再掲 row whose grade differs from its program's first listing's grade."""
    if Column.GRADE not in parsed.header.columns:
        return []
    entries = [row for row in parsed.rows if isinstance(row, EntryRow)]
    first: dict[str, list[EntryRow]] = {}
    for row in entries:
        if not row.relisting:
            first.setdefault(row.label, []).append(row)
    several = len(parsed.sheets) > 1
    warnings = []
    for row in entries:
        own = row.get(Column.GRADE).strip()
        listings = first.get(row.label, [])
        if not row.relisting or not own or not listings:
            continue
        department = row.get(Column.DEPARTMENT).strip()
        same = [r for r in listings if department and r.get(Column.DEPARTMENT).strip() == department]
        original = (same or listings)[0]
        counted = original.get(Column.GRADE).strip()
        if _grade_key(scale, own) == _grade_key(scale, counted):
            continue
        warnings.append(
            f"{_where(row, several)}の再掲（事業番号{row.label}）の達成度「{own}」が、最初の掲載"
            f"（{_where(original, several)}）の達成度「{counted or '空欄'}」と違います。"
            "最初の掲載の達成度を取り込みます。"
        )
    return warnings


def relisting_title_warnings(parsed: ParsedSheet, titles: Mapping[str, str]) -> list[str]:
    """Return a warning for each 再掲 row whose title is not the title of the program its number names.

    titles: each program's title by its number as a sheet writes it (12, or 1-2-3). Width and spaces
    do not count; a 再掲 row without a title of its own is the usual way of writing one (no warning).
    """
    several = len(parsed.sheets) > 1
    warnings = []
    for row in parsed.rows:
        if not isinstance(row, EntryRow) or not row.relisting or not row.title:
            continue
        title = titles.get(row.label)
        if title is None or _folded(row.title) == _folded(title):
            continue
        warnings.append(
            f"{_where(row, several)}の再掲（事業番号{row.label}）の標題「{row.title}」が、"
            f"事業番号{row.label}の標題「{title}」と違います。番号を確かめてください。"
        )
    return warnings


def _folded(text: str) -> str:
    return "".join(fold_width(text).split())
