"""Columns of a plan's further dimensions in an imported sheet, found by the dimension's name.

川崎市's 評価表 puts 「達成度」「妥当性」「有効性」 side by side after the texts: 達成度 is the grade
column every importer reads; the others are matched to the plan's dimensions by their headings
(domain/dimensions.dimension_for_heading: 「妥当性」 names 「事業の妥当性」, 「有効性」 names
「有効性・効率性・経済性」). A cell is read on its dimension's scale; one it does not know is a problem
naming the cell, like a 達成度 the scale does not know.
"""

from collections.abc import Sequence

from django.utils.translation import gettext
from openpyxl.utils import get_column_letter

from shinchoku.domain.dimensions import Dimension, DimensionError, dimension_for_heading
from shinchoku.domain.scale_presets import PRESETS, scale_from_labels, suggested_order
from shinchoku.imports.rows import EntryRow, ParsedSheet
from shinchoku.imports.table import Header
from shinchoku.lib.problems import Problem


def dimension_columns(header: Header, dimensions: Sequence[Dimension]) -> dict[str, int]:
    """Return the sheet column of each dimension the header names (dimension key → column), left to right."""
    return {key: index for key, (index, _heading) in _named_columns(header, dimensions).items()}


def _named_columns(header: Header, dimensions: Sequence[Dimension]) -> dict[str, tuple[int, str]]:
    """Return each named dimension's column and the heading that names it (key → (column, heading))."""
    found: dict[str, tuple[int, str]] = {}
    for index in sorted(header.others):
        for heading in header.others[index]:
            dimension = dimension_for_heading(dimensions, heading)
            if dimension is not None:
                found.setdefault(dimension.key, (index, heading))
                break
    return found


def read_grades(
    row: EntryRow,
    columns: dict[str, int],
    dimensions: Sequence[Dimension],
    parsed: ParsedSheet,
    problems: list[Problem],
) -> dict[str, str] | None:
    """Return the row's grades on the dimensions the sheet has columns for, None with problems if unreadable."""
    by_key = {d.key: d for d in dimensions}
    grades: dict[str, str] = {}
    readable = True
    for key, index in columns.items():
        text = row.others.get(index, "")
        if not text:
            continue
        try:
            grades[key] = by_key[key].parse(text).label
        except DimensionError as error:
            readable = False
            heading = parsed.header.others[index][0]
            problems.append(
                Problem(
                    str(error),
                    sheet=row.sheet,
                    row=row.row,
                    column=f"{get_column_letter(index)}（{heading}）",
                    value=text,
                )
            )
    return grades if readable else None


# The further dimensions a new plan's sheet may carry (川崎市's 評価表), with the preset each starts from.
KNOWN_DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    ("validity", "事業の妥当性", "five-to-one"),
    ("effectiveness", "有効性・効率性・経済性", "five-to-one"),
    ("status", "3年間の状況", "status-i-iv"),
)


def dimensions_from_sheet(parsed: ParsedSheet) -> tuple[list[Dimension], list[str]]:
    """Return the further dimensions a new plan's sheet grades on, and a note per dimension for the preview.

    Only columns headed like 川崎市's (「妥当性」「事業の妥当性」「有効性」「有効性・効率性・経済性」
    「3年間の状況」) are taken, each named as the sheet heads it (spaces and line breaks folded) with the preset 川崎市 publishes (5 優る … 1 劣る; I … IV) when every
    value written fits it; otherwise with the values found, in a likely best-first order, and the note
    says the order is a guess to check. The secretariat corrects either on the dimensions screen.
    """
    known = [Dimension(key=key, name=name, scale=PRESETS[preset]) for key, name, preset in KNOWN_DIMENSIONS]
    dimensions, notes = [], []
    for key, (index, heading) in _named_columns(parsed.header, known).items():
        # Named as the sheet heads it (「事業の有効性・効率性・経済性」), on the preset's scale.
        heading = "".join(heading.split())
        dimension = next(d for d in known if d.key == key)
        dimension = Dimension(key=key, name=heading, scale=dimension.scale)
        values = [v for row in parsed.rows if isinstance(row, EntryRow) and (v := row.others.get(index, ""))]
        try:
            for value in values:
                dimension.parse(value)
        except DimensionError:
            labels = suggested_order(values)
            scale = scale_from_labels(labels, name=dimension.name)
            dimension = Dimension(key=key, name=dimension.name, scale=scale)
            notes.append(
                gettext(
                    "The column “%(heading)s” becomes the dimension “%(name)s”. Its grades are the values "
                    "in the table (%(labels)s), put in the order they are most likely best first: after "
                    "the import, check their order and meaning in “Settings of the plan”, “Further "
                    "evaluation dimensions”."
                )
                % {"heading": heading, "name": dimension.name, "labels": "／".join(scale.labels)}
            )
        else:
            notes.append(
                gettext(
                    "The column “%(heading)s” becomes the dimension “%(name)s” (%(legend)s). If the scale "
                    "differs, correct it after the import in “Settings of the plan”, “Further evaluation "
                    "dimensions”."
                )
                % {"heading": heading, "name": dimension.name, "legend": _legend(dimension)}
            )
        dimensions.append(dimension)
    return dimensions, notes


def _legend(dimension: Dimension) -> str:
    grades = dimension.scale.grades
    first, last = grades[0], grades[-1]
    return f"{first.label} {first.meaning} … {last.label} {last.meaning}".strip()
