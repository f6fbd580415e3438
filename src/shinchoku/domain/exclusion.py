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
from shinchoku.domain.text import fold_width, squeeze_spaces

# What a grade cell says for an entry left out of the count (枚方市 writes 評価対象外).
EXCLUDED_WORDS = ("評価対象外", "対象外")


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


def means_excluded(text: str) -> bool:
    """Return whether a grade cell says 評価対象外 (「評価対象外」「対象外」, any width or spacing)."""
    return squeeze_spaces(fold_width(text)).replace(" ", "") in EXCLUDED_WORDS


def exclusion_refusal(*, excluded: bool, reason: str, graded: bool) -> str | None:
    """Return why an entry's exclusion cannot be kept as it is, or None when it can.

    An excluded entry needs its reason (the note the reports print), and carries no grade: a grade
    given with it is refused rather than silently dropped, so nobody loses a grade they meant.
    """
    if not excluded:
        return None
    if not reason.strip():
        return "評価対象外にする理由を入力してください（報告書の注記に載ります）。"
    if graded:
        return "評価対象外の取組には達成度を付けません。達成度を空にするか、評価対象外のチェックを外してください。"
    return None


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
