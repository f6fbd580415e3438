"""One program's grade for a year from its departments' entries."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from shinchoku.domain.grades import GradeScale, MergePolicy


class EvaluationType(StrEnum):
    """定量的評価 (against numeric targets) or 定性的評価 (by implementation)."""

    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"


@dataclass(frozen=True)
class DepartmentGrade:
    """What one department reported for a program in a year."""

    department: str
    evaluation_type: EvaluationType
    suggested: str | None
    final: str | None
    reason: str = ""
    confirmed: bool = True
    excluded: bool = False  # 評価対象外: left out of the merge and of every count (unlike －)
    excluded_reason: str = ""


@dataclass(frozen=True)
class ProgramGrade:
    """A program's merged grade for a year, with the departments' grades behind it."""

    number: int
    title: str
    grade: str | None
    evaluation_type: EvaluationType
    departments: tuple[DepartmentGrade, ...]

    not_evaluable_set_aside: bool = False  # a department's － gave way to another's grade (B and － → B)


def grade_program(
    *,
    scale: GradeScale,
    number: int,
    title: str,
    departments: Sequence[DepartmentGrade],
    policy: MergePolicy = MergePolicy.LOWER,
) -> ProgramGrade:
    """Return the program's grade: the departments' final grades merged by the plan's rule.

    A program is counted as quantitative when any department evaluated it
    against numeric targets. Departments without a final grade are left out
    of the merge; with none graded the program has no grade yet.
    """
    graded = [scale.parse(d.final) for d in departments if d.final]
    merged = scale.merge(graded, policy)
    quantitative = any(d.evaluation_type is EvaluationType.QUANTITATIVE for d in departments)
    return ProgramGrade(
        number=number,
        title=title,
        grade=merged.label if merged else None,
        evaluation_type=EvaluationType.QUANTITATIVE if quantitative else EvaluationType.QUALITATIVE,
        departments=tuple(departments),
        not_evaluable_set_aside=merged is not None
        and not merged.not_evaluable
        and any(g.not_evaluable for g in graded),
    )
