"""Grade scales (達成度) and the rules that use them.

A scale is data: its labels from best to worst, their spellings, the ratio
thresholds of the ratio-graded labels, and at most one "not evaluable" label
(the seed's －) that always needs a reason. Saitama's scale is SEED_SCALE; other
cities' scales (達成 / 一定の成果あり / 未達成, S/A/B/C…) are built from a dict.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from shinchoku.domain.baseline import NO_RULE, BaselineRule, combine
from shinchoku.domain.errors import GradeError
from shinchoku.domain.ratios import UNBOUNDED, Measurement, Ratio, Unbounded
from shinchoku.domain.text import DASHES, fold_width, squeeze_spaces


@dataclass(frozen=True)
class Grade:
    """One label of a scale, e.g. A 目標を上回った."""

    label: str
    meaning: str = ""
    criteria: str = ""
    aliases: tuple[str, ...] = ()
    not_evaluable: bool = False  # － : not achievable for a stated external cause
    min_ratio: Decimal | None = None  # lowest achievement ratio that earns this grade


class CombinePolicy(StrEnum):
    """How one entry's several indicators give one suggested grade."""

    MEAN = "mean"  # the mean of the achievement ratios (default)
    WORST = "worst"  # the lowest ratio decides
    BEST = "best"  # the highest ratio decides
    BASELINE = "baseline"  # where each value stands on its baseline-to-target path (長与町, ±10%)


class MergePolicy(StrEnum):
    """How several departments' grades for one program give the program's grade."""

    LOWER = "lower"  # the lower grade (default)
    HIGHER = "higher"  # the higher grade


@dataclass(frozen=True)
class GradeScale:
    """An ordered set of grades, best first, with the not-evaluable grade (if any) last."""

    name: str
    grades: tuple[Grade, ...]
    _lookup: Mapping[str, Grade] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _validate(self.grades)
        lookup: dict[str, Grade] = {}
        for grade in self.grades:
            for spelling in (grade.label, *grade.aliases):
                lookup[_spelling_key(spelling)] = grade
        object.__setattr__(self, "_lookup", lookup)

    @property
    def labels(self) -> tuple[str, ...]:
        """Return every label in the scale's order, the order tallies are shown in."""
        return tuple(grade.label for grade in self.grades)

    @property
    def not_evaluable(self) -> Grade | None:
        """Return the scale's not-evaluable grade (the seed's －), if it has one."""
        return next((g for g in self.grades if g.not_evaluable), None)

    def with_not_evaluable_criteria(self, criteria: str) -> "GradeScale":
        """Return the scale with the not-evaluable grade's criteria replaced, for one year's reports.

        The cause that made work impossible is the year's (FY2021: 新型コロナウイルス感染症), not
        the scale's: an empty text, or a scale without a not-evaluable grade, leaves the scale as it is.
        """
        criteria = criteria.strip()
        if not criteria or self.not_evaluable is None:
            return self
        grades = tuple(replace(g, criteria=criteria) if g.not_evaluable else g for g in self.grades)
        return GradeScale(name=self.name, grades=grades)

    def parse(self, text: str) -> Grade:
        """Return the grade written in text in any of its spellings (Ａ, A, －, ―, ー, -…)."""
        grade = self._lookup.get(_spelling_key(text))
        if grade is None:
            allowed = "、".join(self.labels)
            raise GradeError(
                f"達成度「{text}」はこの評価尺度にありません。{allowed} のいずれかを入力してください。"
            )
        return grade

    def rank(self, grade: Grade) -> int:
        """Return the grade's position, 0 for the best."""
        return self.grades.index(grade)

    def grade_for_ratio(self, ratio: Ratio) -> Grade:
        """Return the grade an achievement ratio earns (110% → A, 106% → B in the seed)."""
        for grade in self.grades:
            if grade.min_ratio is None or grade.not_evaluable:
                continue
            if isinstance(ratio, Unbounded) or ratio >= Fraction(grade.min_ratio):
                return grade
        return self._ratio_graded()[-1]

    def suggest(self, ratios: Sequence[Ratio], policy: CombinePolicy = CombinePolicy.MEAN) -> Grade | None:
        """Return the grade an entry's indicator ratios suggest, None when there are none.

        A scale without ratio thresholds (川崎市's 1–5, 長与町's S–C as presets give them) suggests
        nothing: its grades are given by hand.
        """
        if not ratios or not self._ratio_graded():
            return None
        return self.grade_for_ratio(combine_ratios(ratios, policy))

    def suggest_for(
        self,
        measurements: Iterable[Measurement],
        policy: CombinePolicy = CombinePolicy.MEAN,
        baseline_rule: BaselineRule | None = None,
    ) -> "Suggestion":
        """Return the grade an entry's indicator figures suggest, with why some of them gave no ratio.

        Under the baseline policy the lowest standing of the indicators gives the grade (domain/baseline.py).
        """
        if policy is CombinePolicy.BASELINE:
            if baseline_rule is None:
                return Suggestion(None, (NO_RULE,))
            standing, reasons = combine(measurements, baseline_rule)
            grade = None if standing is None else self.parse(baseline_rule.label(standing))
            return Suggestion(grade, reasons)
        ratios: list[Ratio] = []
        problems: list[str] = []
        for measurement in measurements:
            if problem := measurement.problem():
                problems.append(problem)
            elif (ratio := measurement.ratio()) is not None:
                ratios.append(ratio)
        return Suggestion(self.suggest(ratios, policy), tuple(dict.fromkeys(problems)))

    def baseline_rule(self, data: Mapping[str, Any]) -> BaselineRule | None:
        """Return the plan's stored baseline rule checked against this scale, None when none is stored."""
        if not data:
            return None
        labels = [g.label for g in self.grades if not g.not_evaluable]
        given = data.get("grades")
        if isinstance(given, Mapping):  # Ｓ or s typed for S: the scale's own label is stored
            spelled = {k: self._lookup.get(_spelling_key(str(v))) for k, v in given.items()}
            data = {**data, "grades": {k: g.label if g else given[k] for k, g in spelled.items()}}
        return BaselineRule.from_dict(data, labels)

    def merge(self, grades: Iterable[Grade], policy: MergePolicy = MergePolicy.LOWER) -> Grade | None:
        """Return one program's grade from its departments' grades.

        The not-evaluable grade is ignored when any department has another grade
        (the seed: B and － give B); otherwise the policy picks the lower or higher.
        """
        given = list(grades)
        for grade in given:
            if grade not in self.grades:
                raise GradeError(f"達成度「{grade.label}」はこの評価尺度にありません。")
        evaluable = [g for g in given if not g.not_evaluable]
        if not evaluable:
            return given[0] if given else None
        ranks = [self.rank(g) for g in evaluable]
        pick = max(ranks) if policy is MergePolicy.LOWER else min(ranks)
        return self.grades[pick]

    def _ratio_graded(self) -> list[Grade]:
        return [g for g in self.grades if g.min_ratio is not None and not g.not_evaluable]

    def to_dict(self) -> dict[str, Any]:
        """Return the scale as plain data, the form a plan stores it in."""
        return {
            "name": self.name,
            "grades": [
                {
                    "label": g.label,
                    "meaning": g.meaning,
                    "criteria": g.criteria,
                    "aliases": list(g.aliases),
                    "not_evaluable": g.not_evaluable,
                    "min_ratio": None if g.min_ratio is None else str(g.min_ratio),
                }
                for g in self.grades
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "GradeScale":
        """Return the scale stored as plain data by to_dict (or written by hand)."""
        try:
            grades = tuple(
                Grade(
                    label=str(g["label"]),
                    meaning=str(g.get("meaning", "")),
                    criteria=str(g.get("criteria", "")),
                    aliases=tuple(str(a) for a in g.get("aliases", ())),
                    not_evaluable=bool(g.get("not_evaluable", False)),
                    min_ratio=None if g.get("min_ratio") is None else Decimal(str(g["min_ratio"])),
                )
                for g in data["grades"]
            )
            return cls(name=str(data.get("name", "")), grades=grades)
        except (KeyError, TypeError, ArithmeticError) as error:
            raise GradeError(f"評価尺度の定義が読めません: {error}") from error


@dataclass(frozen=True)
class Suggestion:
    """The grade indicator figures suggest (None when none gives a ratio), and why some gave none."""

    grade: Grade | None
    problems: tuple[str, ...] = ()


def combine_ratios(ratios: Sequence[Ratio], policy: CombinePolicy) -> Ratio:
    """Return one ratio for several indicators by the named policy."""
    if not ratios:
        raise GradeError("指標の達成率がありません。")
    if policy is CombinePolicy.WORST:
        return min(ratios)
    if policy is CombinePolicy.BEST:
        return max(ratios)
    if any(isinstance(r, Unbounded) for r in ratios):
        return UNBOUNDED
    finite = [r for r in ratios if isinstance(r, Fraction)]
    return sum(finite, Fraction(0)) / len(finite)


def _spelling_key(text: str) -> str:
    folded = squeeze_spaces(fold_width(text))
    # Every dash the city types is one spelling of the same mark (－―ー-ｰ‐—).
    return "－" if len(folded) == 1 and folded in DASHES else folded


def _validate(grades: Sequence[Grade]) -> None:
    if not grades:
        raise GradeError("評価尺度には少なくとも1つの達成度が必要です。")
    labels = [g.label for g in grades]
    if len(set(labels)) != len(labels):
        raise GradeError(f"評価尺度の達成度が重複しています: {'、'.join(labels)}")
    not_evaluable = [g for g in grades if g.not_evaluable]
    if len(not_evaluable) > 1 or (not_evaluable and grades[-1] is not not_evaluable[0]):
        raise GradeError("「評価不能」の達成度は1つだけ、尺度の最後に置いてください。")
    thresholds = [g.min_ratio for g in grades if g.min_ratio is not None and not g.not_evaluable]
    if thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(thresholds):
        raise GradeError("達成率の基準値は、上位の達成度ほど大きくしてください。")


# The seed's － without its year's cause: what a year without its own wording prints.
NOT_EVALUABLE_CRITERIA = "やむを得ない事情により目標を達成不可／事業を実施不可"

SEED_SCALE = GradeScale(
    name="さいたま市 令和3年度 達成度",
    grades=(
        Grade(
            label="A",
            meaning="目標を上回った",
            criteria="目標に対し実績が概ね110％以上／事業予定を前倒しで実施できた／予定を超える成果があった",
            aliases=("Ａ", "a", "ａ"),
            min_ratio=Decimal("1.10"),
        ),
        Grade(
            label="B",
            meaning="目標を達成した",
            criteria="目標に対し実績が概ね90％以上110％未満／事業予定を概ね実施できた",
            aliases=("Ｂ", "b", "ｂ"),
            min_ratio=Decimal("0.90"),
        ),
        Grade(
            label="C",
            meaning="目標を下回った",
            criteria="目標に対し実績が概ね90％未満／事業予定の一部もしくは全部を実施できなかった",
            aliases=("Ｃ", "c", "ｃ"),
            min_ratio=Decimal("0"),
        ),
        Grade(
            label="－",
            meaning="評価不能",
            # The seed's 「新型コロナウイルス感染症の影響により…」 is FY2021's cause, set on that year
            # (PlanYear.not_evaluable_wording); the scale keeps the wording that holds every year.
            criteria=NOT_EVALUABLE_CRITERIA,
            aliases=tuple(sorted(DASHES)),
            not_evaluable=True,
        ),
    ),
)

THREE_LEVEL_SCALE = GradeScale(
    name="3段階（達成／一定の成果あり／未達成）",
    grades=(
        Grade(label="達成", min_ratio=Decimal("1.00")),
        Grade(label="一定の成果あり", min_ratio=Decimal("0.50")),
        Grade(label="未達成", min_ratio=Decimal("0")),
    ),
)


def needs_reason(final: Grade, suggested: Grade | None) -> bool:
    """Return whether a final grade must come with a written reason.

    The not-evaluable grade always needs one (what prevented the work), and so
    does a final grade that differs from the indicators' suggestion (seed: program
    12, 106% suggests B, graded A for results beyond the plan).
    """
    return final.not_evaluable or (suggested is not None and final != suggested)
