"""A plan-year's measures (施策) and their grades, read from the plan's tree, entries and hand grades.

The rule is the plan's (``Plan.measure_rule``, domain/measures.py); this module finds each measure
of the rule's level in the tree, its programs (listed at it or below, each once), their grades of
the year (merged from the departments' entries by the plan's policy) and the grade given by hand.
The year screen and the reports' figures read the same rows, so they cannot disagree.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from shinchoku.domain.evaluation import DepartmentGrade, EvaluationType, ProgramGrade, grade_program
from shinchoku.domain.grades import GradeScale, MergePolicy
from shinchoku.domain.measures import (
    HandGrade,
    MeasureResult,
    MeasureRule,
    MeasureRuleError,
    ProgramMark,
    grade_measure,
    parse_rule,
)
from shinchoku.plans.measure_models import MeasureGrade
from shinchoku.plans.models import Listing, Plan, PlanNode, YearlyEntry
from shinchoku.plans.queries import listings_of


def rule_of(plan: Plan) -> MeasureRule | None:
    """Return the plan's measure rule, None when measures are not graded or the rule no longer fits.

    The rule is checked when it is saved; a later change of the program scale could leave it
    naming a grade the scale lost: the measures are then not graded until the rule is saved again
    (the settings screen says why).
    """
    try:
        return parse_rule(plan.measure_rule or {}, plan.scale())
    except MeasureRuleError:
        return None


@dataclass(frozen=True)
class MeasureProgram:
    number: int
    title: str
    grade: str | None
    excluded: bool


@dataclass(frozen=True)
class MeasureRow:
    """One measure of the year: where it is in the tree, its programs and its grade."""

    node_id: int
    path: str
    title: str
    programs: tuple[MeasureProgram, ...]
    result: MeasureResult
    version: int  # of the grade given by hand, 0 when none was


def measure_node(node: PlanNode, depth: int) -> PlanNode | None:
    """Return the node of the measure level above (or at) node, None when node is shallower."""
    chain = node.ancestors()
    return chain[depth - 1] if len(chain) >= depth else None


def tree_depth(plan: Plan) -> int:
    """Return how many levels the plan's tree has (0 without a tree; one query)."""
    parents: dict[int, int | None] = dict(PlanNode.objects.filter(plan=plan).values_list("pk", "parent_id"))
    deepest = 0
    for pk in parents:
        depth: int = 0
        node: int | None = pk
        while node is not None:
            depth, node = depth + 1, parents.get(node)
        deepest = max(deepest, depth)
    return deepest


def hand_grades(plan: Plan, fiscal_year: int) -> dict[int, MeasureGrade]:
    """Return the year's grades given by hand, by measure node (one query)."""
    rows = MeasureGrade.objects.filter(node__plan=plan, fiscal_year=fiscal_year)
    return {row.node_id: row for row in rows}


def excluded_programs(entries: Sequence[YearlyEntry]) -> set[int]:
    """Return the numbers of programs whose every entry of the year is left out of the count (評価対象外)."""
    kept: dict[int, bool] = {}
    for entry in entries:
        number = entry.program.number
        kept[number] = kept.get(number, False) or not entry.excluded
    return {number for number, any_kept in kept.items() if not any_kept}


def measure_rows(
    *,
    rule: MeasureRule,
    scale: GradeScale,
    listings: Sequence[Listing],
    programs: Sequence[ProgramGrade],
    excluded: set[int],
    by_hand: dict[int, MeasureGrade],
) -> list[MeasureRow]:
    """Return the measures of the rule's level in printed order, each graded by the rule or by hand."""
    grades = {p.number: p.grade for p in programs}
    measures: dict[int, tuple[PlanNode, dict[int, MeasureProgram]]] = {}
    for listing in listings:
        node = measure_node(listing.node, rule.depth)
        if node is None:
            continue
        _, members = measures.setdefault(node.pk, (node, {}))
        number = listing.program.number
        members.setdefault(
            number, MeasureProgram(number, listing.program.title, grades.get(number), number in excluded)
        )
    rows = []
    for node_id, (node, members) in measures.items():
        hand = by_hand.get(node_id)
        marks = [ProgramMark(p.number, p.grade, p.excluded) for p in members.values()]
        result = grade_measure(rule, scale, marks, HandGrade(hand.grade, hand.reason) if hand else None)
        rows.append(
            MeasureRow(
                node_id=node_id,
                path=node.path_label(),
                title=node.title,
                programs=tuple(sorted(members.values(), key=lambda p: p.number)),
                result=result,
                version=hand.version if hand else 0,
            )
        )
    return rows


def year_measures(plan: Plan, rule: MeasureRule, fiscal_year: int) -> list[MeasureRow]:
    """Return the year's measures for the secretariat's screen (three queries, whatever the size)."""
    scale = plan.scale()
    entries = list(
        YearlyEntry.objects.filter(program__plan=plan, fiscal_year=fiscal_year)
        .select_related("program")
        .order_by("program__number", "pk")
    )
    return measure_rows(
        rule=rule,
        scale=scale,
        listings=list(listings_of(plan, fiscal_year)),
        programs=program_grades(plan, scale, [e for e in entries if not e.excluded]),
        excluded=excluded_programs(entries),
        by_hand=hand_grades(plan, fiscal_year),
    )


def program_grades(plan: Plan, scale: GradeScale, entries: Sequence[YearlyEntry]) -> list[ProgramGrade]:
    """Return each program's grade of the year, merged from its departments' final grades."""
    by_program: dict[int, list[DepartmentGrade]] = {}
    titles: dict[int, str] = {}
    for entry in entries:
        titles[entry.program.number] = entry.program.title
        by_program.setdefault(entry.program.number, []).append(
            DepartmentGrade(
                department=str(entry.department_id),
                evaluation_type=EvaluationType(entry.evaluation_type),
                suggested=entry.suggested_grade or None,
                final=entry.final_grade or None,
            )
        )
    policy = MergePolicy(plan.merge_policy)
    return [
        grade_program(scale=scale, number=n, title=titles[n], departments=d, policy=policy)
        for n, d in by_program.items()
    ]
