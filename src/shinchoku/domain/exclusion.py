"""評価対象外: programs left out of the count (枚方市), unlike －, which is counted (さいたま市).

A department may mark its entry of a year 評価対象外 with a reason (a program stopped by
COVID-19). The rule:

- a program is excluded in a year when every one of its entries that year is excluded: it leaves
  every count and percentage, and the reports print it as a note under the tallies;
- an excluded entry of a program whose other departments graded it is left out of the merge (the
  program is graded by the others, as if the excluded department had not reported).
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import TypedDict

from shinchoku.domain.evaluation import DepartmentGrade


class ExcludedProgram(TypedDict):
    """A program left out of the year's count, with its departments and the reason they gave."""

    program: int
    title: str
    departments: list[str]
    reason: str


def set_aside_excluded(
    departments: Mapping[int, Sequence[DepartmentGrade]], titles: Mapping[int, str]
) -> tuple[dict[int, list[DepartmentGrade]], list[ExcludedProgram]]:
    """Return each counted program's departments without the excluded ones, and the excluded programs.

    departments holds each program's entries by program number; a program whose entries are all
    excluded is not in the first result but in the second, in program order.
    """
    counted: dict[int, list[DepartmentGrade]] = {}
    excluded: list[ExcludedProgram] = []
    for number in sorted(departments):
        grades = list(departments[number])
        kept = [d for d in grades if not d.excluded]
        if kept or not grades:
            counted[number] = kept
            continue
        excluded.append(
            ExcludedProgram(
                program=number,
                title=titles.get(number, ""),
                departments=[d.department for d in grades],
                reason=_joined(d.excluded_reason for d in grades),
            )
        )
    return counted, excluded


def excluded_note(excluded: Sequence[ExcludedProgram]) -> str:
    """Return the note a report prints under its tallies: 「評価対象外：2事業（理由）」, or "" for none."""
    if not excluded:
        return ""
    reason = _joined(p["reason"] for p in excluded)
    return f"評価対象外：{len(excluded)}事業（{reason}）" if reason else f"評価対象外：{len(excluded)}事業"


def _joined(reasons: Iterable[str]) -> str:
    """Return the distinct non-empty reasons in first-seen order, joined by 「／」."""
    seen: dict[str, None] = {}
    for reason in reasons:
        if reason.strip():
            seen.setdefault(reason.strip(), None)
    return "／".join(seen)
