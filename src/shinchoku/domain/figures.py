"""The year's figures: counts and shares by grade, overall, by type, by area and level.

One computation feeds every output (JSON, report, spreadsheet), so the tables,
the charts and the consistency checks of a report cannot disagree. The shape of
what it returns is typed below (``Figures`` and the blocks inside it) and
documented key by key in docs/figures.md.

Grade labels are data (a plan's scale), so counts and shares are dicts keyed by
the scale's own labels in its order ("A", "B", "C", "－" in the seed); every other
key is fixed and typed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from shinchoku.domain.dimensions import DimensionFigures
from shinchoku.domain.evaluation import EvaluationType, ProgramGrade
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.measures import MeasureFigures
from shinchoku.domain.tallies import percentages, tally

if TYPE_CHECKING:  # they build on the blocks below
    from shinchoku.domain.exclusion import ExcludedProgram
    from shinchoku.domain.priority import PriorityFigures

GradeCounts = dict[str, int]
"""How many programs (or listings) have each grade, every label of the scale present: {"A": 12, …}."""

Shares = dict[str, int | float]
"""Each grade's share in percent, rounded half up to the plan's places: 36, or 35.7 with places=1."""


class Block(TypedDict):
    """Counts and shares of a group of listings: by listing (再掲含む) and by unique program."""

    total: int
    counts: GradeCounts
    percent: Shares
    unique_total: int
    unique_counts: GradeCounts
    unique_percent: Shares


class LevelFigures(Block):
    """A level under an area (施策: 1(1)①), with its block."""

    label: str
    title: str


class AreaFigures(Block):
    """An area (重点項目) with its block, its levels and the programs merged by the B and － rule."""

    number: str
    title: str
    by_level: list[LevelFigures]
    merge_rule_applied: list[int]


class ByType(TypedDict):
    """Counts by 評価区分: 定量的評価 and 定性的評価."""

    quantitative: GradeCounts
    qualitative: GradeCounts


class DepartmentFigures(TypedDict):
    """One department's own grades (所管課別), before programs merge them."""

    department: str
    total: int
    counts: GradeCounts
    percent: Shares


class Deviation(TypedDict):
    """An entry whose final grade differs from the grade its indicators suggest."""

    program: int
    title: str
    department: str
    suggested: str
    final: str
    reason: str


class MergedDepartment(TypedDict):
    department: str
    grade: str | None


class Merged(TypedDict):
    """A program with several departments: each one's grade and the merged grade."""

    program: int
    grade: str | None
    departments: list[MergedDepartment]
    not_evaluable_set_aside: bool


class Checks(TypedDict):
    """The consistency checks a report prints: every total equals the sum of its parts."""

    areas_sum_to_overall: bool
    types_sum_to_overall: bool
    levels_sum_to_areas: bool
    ungraded_programs: list[int]
    unconfirmed_entries: list[int]


class Figures(TypedDict):
    """The figures of one plan-year, as compute_figures returns them (docs/figures.md)."""

    scale: list[str]
    percent_places: int
    total: int
    programs: int
    overall: GradeCounts
    overall_percent: Shares
    overall_unique: GradeCounts
    by_type: ByType
    by_type_unique: ByType
    by_area: list[AreaFigures]
    by_department: list[DepartmentFigures]
    deviations: list[Deviation]
    merged: list[Merged]
    checks: Checks
    dimensions: list[DimensionFigures]  # further graded dimensions (川崎市 妥当性…), [] for none


class PublishedDifference(TypedDict):
    """How the tally the city published by hand differs from the computed one (the seed's 12/54/0/8)."""

    source: str
    overall: GradeCounts  # the published counts, spellings read as the scale's labels
    difference: GradeCounts  # computed minus published, per grade
    agrees: bool


class YearFigures(Figures):
    """A plan-year's figures as reports, exports and the API give them: which plan and year, then Figures.

    Built by shinchoku.reports.figures.build_figures; its keys come first in the JSON, then the
    keys of Figures, then published.
    """

    plan: str
    plan_slug: str
    organization: str
    fiscal_year: int
    label: str  # 令和3年度
    counting: str  # the plan's counting rule (listings or programs)
    confirmed_only: bool
    published: PublishedDifference | None
    measures: MeasureFigures | None  # measures (施策) graded from their programs; None: not graded
    priority: "PriorityFigures | None"  # 「うち重点」 (domain/priority.py); None unless the plan shows it
    excluded: "list[ExcludedProgram]"  # 評価対象外, left out of every count (domain/exclusion.py)


@dataclass(frozen=True)
class Level:
    """A node of the plan tree as the figures need it: 1(1)① 就職に向けた相談・支援等の充実."""

    path: str
    title: str


@dataclass(frozen=True)
class ListingRow:
    """One listing of a program: its area, the deepest level it sits in, re-listing or not."""

    area: Level
    level: Level
    program: int
    is_relisting: bool


def compute_figures(
    *,
    scale: GradeScale,
    listings: Sequence[ListingRow],
    programs: Sequence[ProgramGrade],
    places: int,
    dimensions: Sequence[DimensionFigures] = (),
) -> Figures:
    """Return the figures of one plan-year as plain data (the JSON contract of docs/figures.md)."""
    tallies = _Tallies(scale, programs, places)
    graded = [row for row in listings if _grade(tallies.by_number, row.program) is not None]
    graded_programs = [p for p in programs if p.grade is not None]
    by_area = [tallies.area(rows, graded_programs) for rows in _group(graded, _area_path).values()]
    overall = tallies.counts(graded)
    by_type = ByType(
        quantitative=tallies.counts(_of_type(graded, tallies.by_number, EvaluationType.QUANTITATIVE)),
        qualitative=tallies.counts(_of_type(graded, tallies.by_number, EvaluationType.QUALITATIVE)),
    )
    return Figures(
        scale=list(scale.labels),
        percent_places=places,
        total=len(graded),
        programs=len(graded_programs),
        overall=overall,
        overall_percent=_numbers(percentages(overall, places)),
        overall_unique=tallies.grades(graded_programs),
        by_type=by_type,
        by_type_unique=ByType(
            quantitative=tallies.grades(
                [p for p in graded_programs if p.evaluation_type is EvaluationType.QUANTITATIVE]
            ),
            qualitative=tallies.grades(
                [p for p in graded_programs if p.evaluation_type is EvaluationType.QUALITATIVE]
            ),
        ),
        by_area=by_area,
        by_department=_by_department(scale, programs, places),
        deviations=_deviations(scale, programs),
        merged=_merged(programs),
        checks=_checks(scale, listings, programs, overall, by_type, by_area),
        dimensions=list(dimensions),
    )


class _Tallies:
    """Counts and blocks of one year's graded programs on one scale."""

    def __init__(self, scale: GradeScale, programs: Sequence[ProgramGrade], places: int) -> None:
        self.labels = scale.labels
        self.places = places
        self.by_number = {p.number: p for p in programs}

    def grades(self, programs: Sequence[ProgramGrade]) -> GradeCounts:
        return tally((p.grade or "" for p in programs), self.labels)

    def counts(self, rows: Sequence[ListingRow]) -> GradeCounts:
        return tally((self.by_number[r.program].grade or "" for r in rows), self.labels)

    def block(self, rows: Sequence[ListingRow]) -> Block:
        counts = self.counts(rows)
        unique = sorted({r.program for r in rows})
        unique_counts = tally((self.by_number[n].grade or "" for n in unique), self.labels)
        return Block(
            total=len(rows),
            counts=counts,
            percent=_numbers(percentages(counts, self.places)),
            unique_total=len(unique),
            unique_counts=unique_counts,
            unique_percent=_numbers(percentages(unique_counts, self.places)),
        )

    def area(self, rows: Sequence[ListingRow], graded_programs: Sequence[ProgramGrade]) -> AreaFigures:
        area_programs = {r.program for r in rows}
        return AreaFigures(
            number=rows[0].area.path,
            title=rows[0].area.title,
            **self.block(rows),
            by_level=[
                LevelFigures(label=lv[0].level.path, title=lv[0].level.title, **self.block(lv))
                for lv in _group(rows, _level_path).values()
            ],
            merge_rule_applied=sorted(
                p.number for p in graded_programs if p.number in area_programs and p.not_evaluable_set_aside
            ),
        )


def _area_path(row: ListingRow) -> str:
    return row.area.path


def _level_path(row: ListingRow) -> str:
    return row.level.path


def _group(rows: Sequence[ListingRow], key: Callable[[ListingRow], str]) -> dict[str, list[ListingRow]]:
    """Return the rows grouped by key, groups in first-seen order (the plan's printed order)."""
    groups: dict[str, list[ListingRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _of_type(
    rows: Sequence[ListingRow], by_number: dict[int, ProgramGrade], kind: EvaluationType
) -> list[ListingRow]:
    return [r for r in rows if by_number[r.program].evaluation_type is kind]


def _grade(by_number: dict[int, ProgramGrade], number: int) -> str | None:
    program = by_number.get(number)
    return program.grade if program else None


def _by_department(
    scale: GradeScale, programs: Sequence[ProgramGrade], places: int
) -> list[DepartmentFigures]:
    """Return each department's own grades, before programs merge them (所管課別)."""
    grades: dict[str, list[str]] = {}
    for program in programs:
        for d in program.departments:
            grades.setdefault(d.department, [])
            if d.final:
                grades[d.department].append(scale.parse(d.final).label)
    rows = []
    for department in sorted(grades):
        counts = tally(grades[department], scale.labels)
        rows.append(
            DepartmentFigures(
                department=department,
                total=len(grades[department]),
                counts=counts,
                percent=_numbers(percentages(counts, places)),
            )
        )
    return rows


def _deviations(scale: GradeScale, programs: Sequence[ProgramGrade]) -> list[Deviation]:
    """Return every entry whose final grade differs from its indicators' suggestion."""
    rows = []
    for program in programs:
        for d in program.departments:
            if d.final and d.suggested and scale.parse(d.final) != scale.parse(d.suggested):
                rows.append(
                    Deviation(
                        program=program.number,
                        title=program.title,
                        department=d.department,
                        suggested=scale.parse(d.suggested).label,
                        final=scale.parse(d.final).label,
                        reason=d.reason,
                    )
                )
    return rows


def _merged(programs: Sequence[ProgramGrade]) -> list[Merged]:
    """Return the programs of several departments, each department's grade beside the merged one."""
    return [
        Merged(
            program=p.number,
            grade=p.grade,
            departments=[MergedDepartment(department=d.department, grade=d.final) for d in p.departments],
            not_evaluable_set_aside=p.not_evaluable_set_aside,
        )
        for p in programs
        if len(p.departments) > 1
    ]


def _checks(
    scale: GradeScale,
    listings: Sequence[ListingRow],
    programs: Sequence[ProgramGrade],
    overall: GradeCounts,
    by_type: ByType,
    by_area: list[AreaFigures],
) -> Checks:
    """Return the consistency checks a report prints: every total equals the sum of its parts."""
    labels = scale.labels
    areas_sum = {g: sum(a["counts"][g] for a in by_area) for g in labels}
    types_sum = {g: by_type["quantitative"][g] + by_type["qualitative"][g] for g in labels}
    levels_ok = all(
        {g: sum(lv["counts"][g] for lv in a["by_level"]) for g in labels} == a["counts"] for a in by_area
    )
    listed = {row.program for row in listings}
    by_number = {p.number: p for p in programs}
    return Checks(
        areas_sum_to_overall=areas_sum == overall,
        types_sum_to_overall=types_sum == overall,
        levels_sum_to_areas=levels_ok,
        ungraded_programs=sorted(n for n in listed if _grade(by_number, n) is None),
        unconfirmed_entries=sorted({p.number for p in programs for d in p.departments if not d.confirmed}),
    )


def _numbers(shares: dict[str, Decimal]) -> Shares:
    """Return shares as JSON numbers: whole percents as integers, others as decimals."""
    return {
        k: int(v) if v == v.to_integral_value() and v.as_tuple().exponent == 0 else float(v)
        for k, v in shares.items()
    }
