"""How a 達成度 cell of an imported sheet names a grade of the plan's scale.

Besides the scale's own spellings (scale.parse), a sheet may write the not-evaluable grade by its
meaning (「評価不能」 for the seed's －), add a note in brackets after a grade (「Ａ（上回った）」) and
put a footnote's mark beside it (「Ｂ ※」「A※1」「Ｂ（※1）」, domain/cell_marks.split_note_mark). Neither
the note nor the mark is kept: an entry has no place for them, and the footnote itself is listed
among the rows not imported. A cell that is only a mark (「※」, 「※1」) names no grade: the plan
import refuses it by row as the progress import does, and never offers it as a grade of a scale.
"""

import re

from shinchoku.domain.cell_marks import only_a_mark, split_note_mark
from shinchoku.domain.errors import GradeError
from shinchoku.domain.grades import Grade, GradeScale
from shinchoku.domain.text import fold_width, squeeze_spaces
from shinchoku.imports.rows import EntryRow, ParsedSheet, SectionRow, cell_name
from shinchoku.imports.table import Column
from shinchoku.lib.problems import Problem

# 「Ａ（上回った）」「B (概ね目標どおり)」: a grade, then one note in brackets
_NOTE = re.compile(r"^(?P<grade>.+?)\s*[（(][^（）()]*[）)]$")


def read_grade(scale: GradeScale, text: str) -> Grade:
    """Return the grade a cell names; GradeError (the scale's own message) when it names none."""
    try:
        return scale.parse(text)
    except GradeError as error:
        refused = error
    candidates = list(dict.fromkeys([text.strip(), split_note_mark(text)[0]]))
    candidates += [match.group("grade") for candidate in candidates if (match := _NOTE.match(candidate))]
    not_evaluable = scale.not_evaluable
    for candidate in candidates:
        if (
            not_evaluable is not None
            and not_evaluable.meaning
            and _key(candidate) == _key(not_evaluable.meaning)
        ):
            return not_evaluable
        if candidate != candidates[0]:
            try:
                return scale.parse(candidate)
            except GradeError:
                continue
    raise refused


def _key(text: str) -> str:
    return squeeze_spaces(fold_width(text))


def grades_in_sheet(parsed: ParsedSheet) -> list[str]:
    """Return the grades the 達成度 column names, each once, read as read_grade reads a cell.

    A note mark is not part of the grade (「A※」 is A, 「Ｂ（※1）」 is Ｂ); the same grade in two widths
    is one (as first written); a cell that is only a mark (「※」) names none and is left out.
    """
    found: dict[str, str] = {}
    for row in parsed.rows:
        text = row.get(Column.GRADE).strip() if isinstance(row, EntryRow) else ""
        if text and not only_a_mark(text):
            value = split_note_mark(text)[0]
            found.setdefault(_key(value), value)
    return list(found.values())


def mark_only_grade_problems(parsed: ParsedSheet, scale: GradeScale) -> list[Problem]:
    """Return a problem for each 達成度 cell that is only a note mark (「※」), named by row, as the progress import."""
    problems = []
    for row in parsed.rows:
        # a 再掲 row's grade is not read (the first listing's counts), as in the progress import
        text = row.get(Column.GRADE).strip() if isinstance(row, EntryRow) and not row.relisting else ""
        if not only_a_mark(text):
            continue
        try:
            read_grade(scale, text)
        except GradeError as error:
            problems.append(grade_problem(parsed, row, text, error))
    return problems


def grade_problem(parsed: ParsedSheet, row: EntryRow | SectionRow, text: str, error: GradeError) -> Problem:
    """Return the problem of a 達成度 cell the scale cannot read, named by sheet, row and column."""
    return Problem(
        str(error), sheet=row.sheet, row=row.row, column=cell_name(parsed, Column.GRADE), value=text
    )
