"""Grading measures (施策) from their programs' grades: the plan's measure rule.

Many cities evaluate in two tiers: programs (事業) are graded, then each measure of the plan's
tree is graded from its programs (福岡市: indicators a/b/c, goals A–D from them; 川崎市 tallies per
施策課題). The rule is data the plan stores (``Plan.measure_rule``; ``{}``: measures not graded):

- ``depth``: which level of the tree is the measure level (1 = the areas 1, 2…; 2 = (1), (2)…).
  A measure's programs are the programs listed at it or anywhere below it, each counted once.
- ``scale``: the measures' own scale (e.g. A–D), in the form of ``GradeScale.to_dict``.
- ``kind``:
  - ``shares``: thresholds on the share of the measure's programs at or above a program grade,
    best measure grade first; the first threshold met gives the grade, the last evaluable grade
    of the measure scale is the fallback (e.g. A: 100% of programs at B or better; B: at least
    75% at B or better; C: at least 50%; otherwise D).
  - ``lowest``: the measure takes its lowest program grade, mapped to the measure scale by the
    rule's ``mapping`` (program label → measure label, never better for a worse program grade).
  - ``by_hand``: the secretariat gives every measure's grade with a reason.

Which programs count: a program excluded from the count (評価対象外) is left out; a program graded
not evaluable (－) is left out of the shares and of the lowest; a measure whose programs are all
left out takes the measure scale's not-evaluable grade (or none, to be given by hand, when the
measure scale has none). A program not yet graded leaves the measure not yet graded. A grade given
by hand (with its reason) always wins over the computed one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypedDict

from shinchoku.domain.errors import DomainError, GradeError
from shinchoku.domain.grades import Grade, GradeScale

MAX_DEPTH = 5
# The longest reason for a grade given by hand, as the review's reasons (a council report prints it).
REASON_MAX = 2000


class MeasureRuleError(DomainError):
    """A measure rule that cannot be used; the message is Japanese and says what to change."""


class MeasureKind(StrEnum):
    """How measures are graded from their programs."""

    SHARES = "shares"
    LOWEST = "lowest"
    BY_HAND = "by_hand"


class MeasureStatus(StrEnum):
    """Where a measure's grade stands for a year."""

    GRADED = "graded"  # a grade, computed or given by hand
    PENDING = "pending"  # a program is not yet graded
    TO_GIVE = "to_give"  # the rule leaves it to the secretariat (by_hand, or nothing to compute from)


@dataclass(frozen=True)
class ShareThreshold:
    """A measure grade earned when at least percent % of the programs are at_least or better."""

    grade: str
    at_least: str
    percent: Decimal


@dataclass(frozen=True)
class MeasureRule:
    """The plan's rule for grading measures, checked against the plan's program scale."""

    kind: MeasureKind
    depth: int
    scale: GradeScale
    thresholds: tuple[ShareThreshold, ...] = ()
    mapping: tuple[tuple[str, str], ...] = ()  # program label → measure label (kind lowest)

    def to_dict(self) -> dict[str, Any]:
        """Return the rule as the plain data ``Plan.measure_rule`` stores."""
        data: dict[str, Any] = {"kind": self.kind.value, "depth": self.depth, "scale": self.scale.to_dict()}
        if self.kind is MeasureKind.SHARES:
            data["thresholds"] = [
                {"grade": t.grade, "at_least": t.at_least, "percent": str(t.percent)} for t in self.thresholds
            ]
        if self.kind is MeasureKind.LOWEST:
            data["mapping"] = dict(self.mapping)
        return data


@dataclass(frozen=True)
class ProgramMark:
    """One program of a measure as the rule reads it: its grade (program scale) or none yet."""

    number: int
    grade: str | None
    excluded: bool = False


@dataclass(frozen=True)
class HandGrade:
    """A measure grade the secretariat gave by hand, with its reason."""

    grade: str
    reason: str


@dataclass(frozen=True)
class ProgramCounts:
    """How many of a measure's programs there are, and what they count as."""

    total: int
    counted: int  # graded, not － and not excluded: what the shares and the lowest read
    not_evaluable: int
    excluded: int
    ungraded: int
    by_grade: dict[str, int]  # counted and － programs by program label, every label present


@dataclass(frozen=True)
class MeasureResult:
    """A measure's grade for a year: the computed one, and the one that holds (hand wins)."""

    computed: str | None
    grade: str | None
    how: str | None  # "rule", "by_hand" or None while there is no grade
    reason: str
    status: MeasureStatus
    counts: ProgramCounts


def parse_rule(data: Mapping[str, Any], program_scale: GradeScale) -> MeasureRule | None:
    """Return the rule stored as plain data, None for ``{}`` (measures not graded)."""
    if not data:
        return None
    try:
        kind = MeasureKind(str(data.get("kind", "")))
    except ValueError as error:
        raise MeasureRuleError("施策の評価方法は shares、lowest、by_hand のいずれかです。") from error
    depth = data.get("depth")
    if not isinstance(depth, int) or isinstance(depth, bool) or not 1 <= depth <= MAX_DEPTH:
        raise MeasureRuleError(f"施策とする階層は1〜{MAX_DEPTH}で指定してください（1 = 重点項目）。")
    try:
        scale = GradeScale.from_dict(data.get("scale") or {})
    except GradeError as error:
        raise MeasureRuleError(f"施策の評価尺度が読めません: {error}") from error
    if len(_evaluable(scale)) < 1:
        raise MeasureRuleError("施策の評価尺度には評価不能以外の評価が1つ以上必要です。")
    thresholds = _thresholds(data.get("thresholds") or []) if kind is MeasureKind.SHARES else ()
    mapping = _mapping(data.get("mapping") or {}) if kind is MeasureKind.LOWEST else ()
    rule = MeasureRule(kind=kind, depth=depth, scale=scale, thresholds=thresholds, mapping=mapping)
    check_rule(rule, program_scale)
    return rule


def _thresholds(rows: Any) -> tuple[ShareThreshold, ...]:
    if not isinstance(rows, list):
        raise MeasureRuleError("施策の評価基準（割合）が読めません。")
    thresholds = []
    for row in rows:
        try:
            percent = Decimal(str(row["percent"]))
            thresholds.append(ShareThreshold(str(row["grade"]), str(row["at_least"]), percent))
        except (KeyError, TypeError, InvalidOperation) as error:
            raise MeasureRuleError(f"施策の評価基準（割合）が読めません: {row}") from error
    return tuple(thresholds)


def _mapping(rows: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(rows, dict):
        raise MeasureRuleError("事業の評価と施策の評価の対応が読めません。")
    return tuple((str(k), str(v)) for k, v in rows.items())


def check_rule(rule: MeasureRule, program_scale: GradeScale) -> None:
    """Raise MeasureRuleError unless the rule can grade every measure on these scales."""
    if rule.kind is MeasureKind.SHARES:
        _check_thresholds(rule, program_scale)
    elif rule.kind is MeasureKind.LOWEST:
        _check_mapping(rule, program_scale)


def _check_thresholds(rule: MeasureRule, program_scale: GradeScale) -> None:
    expected = [g.label for g in _evaluable(rule.scale)][:-1]
    given = [t.grade for t in rule.thresholds]
    if given != expected:
        names = "、".join(expected) or "（なし）"
        raise MeasureRuleError(
            f"割合の基準は、施策の評価 {names} の順に1つずつ指定してください（最後の評価は基準を満たさない場合）。"
        )
    program_labels = [g.label for g in _evaluable(program_scale)]
    for t in rule.thresholds:
        if t.at_least not in program_labels:
            raise MeasureRuleError(
                f"施策の評価「{t.grade}」の基準の事業評価「{t.at_least}」は事業の評価尺度にありません"
                f"（{'、'.join(program_labels)}）。"
            )
        if not Decimal(0) < t.percent <= Decimal(100):
            raise MeasureRuleError(f"施策の評価「{t.grade}」の割合は0より大きく100以下で指定してください。")
    _check_reachable(rule, program_scale)


def _check_reachable(rule: MeasureRule, program_scale: GradeScale) -> None:
    """Refuse a threshold that a better grade's threshold always meets first (its grade never given).

    A later threshold is met without an earlier one exactly when the earlier one asks for a better
    program grade or a larger share: e.g. A at 50% and B at 75% of programs at B or better leave B
    unreachable (every 75% is also 50%). A threshold at the worst program grade is always met.
    """
    thresholds = rule.thresholds
    ranks = [program_scale.rank(program_scale.parse(t.at_least)) for t in thresholds]
    worst = len(_evaluable(program_scale)) - 1
    for k, later in enumerate(thresholds):
        for j in range(k):
            earlier = thresholds[j]
            if ranks[j] >= ranks[k] and earlier.percent <= later.percent:
                raise MeasureRuleError(
                    f"施策の評価「{later.grade}」は付くことがありません。その基準（{later.at_least}以上が"
                    f"{later.percent}%以上）を満たすと、より良い「{earlier.grade}」の基準（{earlier.at_least}"
                    f"以上が{earlier.percent}%以上）も必ず満たすためです。良い評価ほど基準を厳しくしてください。"
                )
    always = next((t for t, r in zip(thresholds, ranks, strict=True) if r == worst), None)
    if always is not None:
        after = [g.label for g in _evaluable(rule.scale)]
        never = after[after.index(always.grade) + 1 :]
        raise MeasureRuleError(
            f"施策の評価「{'、'.join(never)}」は付くことがありません。「{always.grade}」の基準の"
            f"「{always.at_least}以上」は評価のあるすべての事業が満たすためです。より良い事業評価を選んでください。"
        )


def _check_mapping(rule: MeasureRule, program_scale: GradeScale) -> None:
    mapping = dict(rule.mapping)
    program_labels = [g.label for g in _evaluable(program_scale)]
    measure_labels = [g.label for g in _evaluable(rule.scale)]
    if sorted(mapping) != sorted(program_labels):
        raise MeasureRuleError(
            f"事業の評価 {'、'.join(program_labels)} のそれぞれに施策の評価を1つ対応させてください。"
        )
    ranks = []
    for label in program_labels:
        if mapping[label] not in measure_labels:
            raise MeasureRuleError(f"「{mapping[label]}」は施策の評価尺度にありません。")
        ranks.append(measure_labels.index(mapping[label]))
    if ranks != sorted(ranks):
        raise MeasureRuleError(
            "下位の事業評価に、上位の事業評価より良い施策の評価を対応させることはできません。"
        )


def _evaluable(scale: GradeScale) -> list[Grade]:
    return [g for g in scale.grades if not g.not_evaluable]


def count_programs(program_scale: GradeScale, programs: Sequence[ProgramMark]) -> ProgramCounts:
    """Return how many of a measure's programs count, are －, excluded or not yet graded."""
    by_grade = dict.fromkeys(program_scale.labels, 0)
    counted = not_evaluable = excluded = ungraded = 0
    for program in programs:
        if program.excluded:
            excluded += 1
        elif program.grade is None:
            ungraded += 1
        else:
            grade = program_scale.parse(program.grade)
            by_grade[grade.label] += 1
            if grade.not_evaluable:
                not_evaluable += 1
            else:
                counted += 1
    return ProgramCounts(len(programs), counted, not_evaluable, excluded, ungraded, by_grade)


def compute_grade(
    rule: MeasureRule, program_scale: GradeScale, programs: Sequence[ProgramMark]
) -> str | None:
    """Return the grade the rule computes for a measure, None when it computes none (yet)."""
    if rule.kind is MeasureKind.BY_HAND:
        return None
    if any(p.grade is None and not p.excluded for p in programs):
        return None
    ranks = [
        program_scale.rank(grade)
        for p in programs
        if not p.excluded
        and p.grade is not None
        and not (grade := program_scale.parse(p.grade)).not_evaluable
    ]
    if not ranks:
        fallback = rule.scale.not_evaluable
        return fallback.label if fallback else None
    if rule.kind is MeasureKind.LOWEST:
        return dict(rule.mapping)[program_scale.grades[max(ranks)].label]
    for threshold in rule.thresholds:
        bar = program_scale.rank(program_scale.parse(threshold.at_least))
        share = Fraction(sum(1 for r in ranks if r <= bar), len(ranks))
        if share * 100 >= Fraction(threshold.percent):
            return threshold.grade
    return _evaluable(rule.scale)[-1].label


def grade_measure(
    rule: MeasureRule,
    program_scale: GradeScale,
    programs: Sequence[ProgramMark],
    by_hand: HandGrade | None = None,
) -> MeasureResult:
    """Return a measure's grade for a year: given by hand when it was, else the rule's."""
    counts = count_programs(program_scale, programs)
    computed = compute_grade(rule, program_scale, programs)
    if by_hand is not None:
        label = rule.scale.parse(by_hand.grade).label
        return MeasureResult(computed, label, "by_hand", by_hand.reason, MeasureStatus.GRADED, counts)
    if computed is not None:
        return MeasureResult(computed, computed, "rule", "", MeasureStatus.GRADED, counts)
    pending = rule.kind is not MeasureKind.BY_HAND and counts.ungraded > 0
    status = MeasureStatus.PENDING if pending else MeasureStatus.TO_GIVE
    return MeasureResult(None, None, None, "", status, counts)


def check_hand_grade(rule: MeasureRule, grade: str, reason: str) -> str:
    """Return the measure scale's label for a grade given by hand; a reason is always required."""
    if not grade.strip():
        raise MeasureRuleError(f"施策の評価を {'、'.join(rule.scale.labels)} から選んでください。")
    try:
        label = rule.scale.parse(grade).label
    except GradeError as error:
        allowed = "、".join(rule.scale.labels)
        raise MeasureRuleError(f"施策の評価「{grade}」は施策の評価尺度にありません（{allowed}）。") from error
    if not reason.strip():
        raise MeasureRuleError("施策の評価を手で付けるときは、その理由を入力してください。")
    if len(reason.strip()) > REASON_MAX:
        raise MeasureRuleError(
            f"施策の評価の理由は{REASON_MAX:,}文字以内で入力してください（入力は{len(reason.strip()):,}文字）。"
        )
    return label


def tally_measures(rule: MeasureRule, grades: Sequence[str | None]) -> dict[str, int]:
    """Return how many measures have each grade of the measure scale (ungraded ones are not counted)."""
    counts = dict.fromkeys(rule.scale.labels, 0)
    for grade in grades:
        if grade is not None:
            counts[rule.scale.parse(grade).label] += 1
    return counts


class MeasureProgramCounts(TypedDict):
    """A measure's programs: how many, and what they count as (docs/figures.md, measures)."""

    total: int
    counted: int
    not_evaluable: int
    excluded: int
    ungraded: int
    by_grade: dict[str, int]


class MeasureItem(TypedDict):
    """One measure of the year in the figures: where it is, its grade and how it was given."""

    path: str
    title: str
    grade: str | None
    how: str | None  # "rule", "by_hand", or None while not graded
    reason: str
    computed: str | None
    status: str
    programs: list[int]
    program_counts: MeasureProgramCounts


class MeasureFigures(TypedDict):
    """The figures' ``measures`` key when the plan grades measures (null otherwise)."""

    rule: str
    level: int
    scale: list[str]
    items: list[MeasureItem]
    tally: dict[str, int]
    not_yet_graded: int


def measure_item(path: str, title: str, programs: Sequence[int], result: MeasureResult) -> MeasureItem:
    """Return one measure as the figures give it."""
    c = result.counts
    return MeasureItem(
        path=path,
        title=title,
        grade=result.grade,
        how=result.how,
        reason=result.reason,
        computed=result.computed,
        status=result.status.value,
        programs=list(programs),
        program_counts=MeasureProgramCounts(
            total=c.total,
            counted=c.counted,
            not_evaluable=c.not_evaluable,
            excluded=c.excluded,
            ungraded=c.ungraded,
            by_grade=dict(c.by_grade),
        ),
    )


def measure_figures(rule: MeasureRule, items: Sequence[MeasureItem]) -> MeasureFigures:
    """Return the ``measures`` block: the items, and the tally of their grades on the measure scale."""
    return MeasureFigures(
        rule=rule.kind.value,
        level=rule.depth,
        scale=list(rule.scale.labels),
        items=list(items),
        tally=tally_measures(rule, [i["grade"] for i in items]),
        not_yet_graded=sum(1 for i in items if i["grade"] is None),
    )
