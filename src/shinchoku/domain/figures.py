"""The year's figures: counts and shares by grade, overall, by type, by area and level.

One computation feeds every output (JSON, report, spreadsheet), so the tables,
the charts and the consistency checks of a report cannot disagree.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from shinchoku.domain.evaluation import EvaluationType, ProgramGrade
from shinchoku.domain.grades import GradeScale
from shinchoku.domain.tallies import percentages, tally


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
    *, scale: GradeScale, listings: Sequence[ListingRow], programs: Sequence[ProgramGrade], places: int
) -> dict[str, Any]:
    """Return the figures of one plan-year as plain data (see DESIGN.md's JSON contract)."""
    labels = scale.labels
    by_number = {p.number: p for p in programs}
    graded = [row for row in listings if _grade(by_number, row.program) is not None]
    graded_programs = [p for p in programs if p.grade is not None]

    def counts(rows: Sequence[ListingRow]) -> dict[str, int]:
        return tally((by_number[r.program].grade or "" for r in rows), labels)

    def block(rows: Sequence[ListingRow]) -> dict[str, Any]:
        c = counts(rows)
        unique = sorted({r.program for r in rows})
        unique_counts = tally((by_number[n].grade or "" for n in unique), labels)
        return {
            "total": len(rows),
            "counts": c,
            "percent": _numbers(percentages(c, places)),
            "unique_total": len(unique),
            "unique_counts": unique_counts,
            "unique_percent": _numbers(percentages(unique_counts, places)),
        }

    areas: dict[str, list[ListingRow]] = {}
    for row in graded:
        areas.setdefault(row.area.path, []).append(row)
    by_area = []
    for rows in areas.values():
        levels: dict[str, list[ListingRow]] = {}
        for row in rows:
            levels.setdefault(row.level.path, []).append(row)
        area_programs = {r.program for r in rows}
        by_area.append(
            {
                "number": rows[0].area.path,
                "title": rows[0].area.title,
                **block(rows),
                "by_level": [
                    {"label": lv[0].level.path, "title": lv[0].level.title, **block(lv)}
                    for lv in levels.values()
                ],
                "merge_rule_applied": sorted(
                    p.number
                    for p in graded_programs
                    if p.number in area_programs and p.not_evaluable_set_aside
                ),
            }
        )

    overall = counts(graded)
    by_type = {
        kind.value: counts([r for r in graded if by_number[r.program].evaluation_type is kind])
        for kind in EvaluationType
    }
    overall_unique = tally((p.grade or "" for p in graded_programs), labels)
    return {
        "scale": list(labels),
        "percent_places": places,
        "total": len(graded),
        "programs": len(graded_programs),
        "overall": overall,
        "overall_percent": _numbers(percentages(overall, places)),
        "overall_unique": overall_unique,
        "by_type": by_type,
        "by_type_unique": {
            kind.value: tally((p.grade or "" for p in graded_programs if p.evaluation_type is kind), labels)
            for kind in EvaluationType
        },
        "by_area": by_area,
        "by_department": _by_department(scale, programs, places),
        "deviations": _deviations(scale, programs),
        "merged": [
            {
                "program": p.number,
                "grade": p.grade,
                "departments": [{"department": d.department, "grade": d.final} for d in p.departments],
                "not_evaluable_set_aside": p.not_evaluable_set_aside,
            }
            for p in programs
            if len(p.departments) > 1
        ],
        "checks": _checks(scale, listings, programs, overall, by_type, by_area),
    }


def _grade(by_number: dict[int, ProgramGrade], number: int) -> str | None:
    program = by_number.get(number)
    return program.grade if program else None


def _by_department(scale: GradeScale, programs: Sequence[ProgramGrade], places: int) -> list[dict[str, Any]]:
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
            {
                "department": department,
                "total": len(grades[department]),
                "counts": counts,
                "percent": _numbers(percentages(counts, places)),
            }
        )
    return rows


def _deviations(scale: GradeScale, programs: Sequence[ProgramGrade]) -> list[dict[str, Any]]:
    """Return every entry whose final grade differs from its indicators' suggestion."""
    rows = []
    for program in programs:
        for d in program.departments:
            if d.final and d.suggested and scale.parse(d.final) != scale.parse(d.suggested):
                rows.append(
                    {
                        "program": program.number,
                        "title": program.title,
                        "department": d.department,
                        "suggested": scale.parse(d.suggested).label,
                        "final": scale.parse(d.final).label,
                        "reason": d.reason,
                    }
                )
    return rows


def _checks(
    scale: GradeScale,
    listings: Sequence[ListingRow],
    programs: Sequence[ProgramGrade],
    overall: dict[str, int],
    by_type: dict[str, dict[str, int]],
    by_area: list[dict[str, Any]],
) -> dict[str, Any]:
    """Return the consistency checks a report prints: every total equals the sum of its parts."""
    labels = scale.labels
    areas_sum = {g: sum(a["counts"][g] for a in by_area) for g in labels}
    types_sum = {g: sum(t[g] for t in by_type.values()) for g in labels}
    levels_ok = all(
        {g: sum(lv["counts"][g] for lv in a["by_level"]) for g in labels} == a["counts"] for a in by_area
    )
    listed = {row.program for row in listings}
    by_number = {p.number: p for p in programs}
    return {
        "areas_sum_to_overall": areas_sum == overall,
        "types_sum_to_overall": types_sum == overall,
        "levels_sum_to_areas": levels_ok,
        "ungraded_programs": sorted(n for n in listed if _grade(by_number, n) is None),
        "unconfirmed_entries": sorted({p.number for p in programs for d in p.departments if not d.confirmed}),
    }


def _numbers(shares: dict[str, Decimal]) -> dict[str, int | float]:
    """Return shares as JSON numbers: whole percents as integers, others as decimals."""
    return {
        k: int(v) if v == v.to_integral_value() and v.as_tuple().exponent == 0 else float(v)
        for k, v in shares.items()
    }
