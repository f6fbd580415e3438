"""Indicators proposed from the free text of 目標 and 実績・取組の成果.

Cities write figures into sentences: 「〇就職者数　120人」 in the target, 「・就職者数
306人」 in the results, or 「満足度 96%（目標：60%）」 in one line. This module reads
lines of the form "name, space, figure[, （目標：figure）]" and pairs targets with results
by name. Anything else (a figure inside a sentence, two results with the same name,
units that disagree) is left alone: a wrong proposal would be worse than none.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from shinchoku.domain.errors import NumberFormatError
from shinchoku.domain.numbers import Bound, Trend, format_decimal, means_no_value, parse_quantity, parse_trend
from shinchoku.domain.ratios import Direction
from shinchoku.domain.text import fold_ascii

UNITS = ("人", "件", "戸", "回", "校", "名", "団体", "%", "世帯", "か所", "箇所", "社", "施設", "日", "時間")
_BULLETS = "〇○●◯・･■□◆◇"
_FIGURE = r"延?べ?[0-9][0-9,]*(?:\.[0-9]+)?(?:" + "|".join(re.escape(u) for u in UNITS) + r")?(?:以上|以下)?"
_LINE = re.compile(
    r"^(?P<name>.*?[^\s0-9,])\s+(?P<figure>"
    + _FIGURE
    + r")\s*(?:\(\s*目標\s*[:：]\s*(?P<target>"
    + _FIGURE
    + r")\s*\))?$"
)
_SOURCE = re.compile(r"^\((?P<source>[^()]*(?:計画|事業)[^()]*)\)$")
_LEADING_NOTE = re.compile(r"^\([^()]*\)")


@dataclass(frozen=True)
class Proposal:
    """An indicator the text suggests, for the secretariat to accept or correct."""

    name: str
    unit: str
    target: Decimal | None
    actual: Decimal | None
    direction: Direction = Direction.HIGHER_IS_BETTER
    source: str = ""
    target_trend: Trend | None = None  # 「〇就職者数　↑」: a target without a number


@dataclass(frozen=True)
class _Line:
    name: str
    key: str  # the name without a leading note such as （…により）, for pairing
    value: Decimal
    unit: str
    bound: Bound | None
    target: Decimal | None = None
    target_unit: str = ""


def _lines(text: str) -> tuple[list[_Line], str]:
    """Return the figure lines of a text and the source reference it names, if any."""
    found, source = [], ""
    for raw in text.splitlines():
        # Each step below maps one character to one, so a match's span also locates the
        # name in the line as written (（在宅就労含む）, not (在宅就労含む)).
        folded = fold_ascii(raw).replace("％", "%").replace("，", ",").replace("．", ".")
        body = folded.strip()
        offset = folded.index(body) if body else 0
        trimmed = body.lstrip(_BULLETS + " ")
        offset += len(body) - len(trimmed)
        if match := _SOURCE.match(trimmed):
            source = raw[offset + match.start("source") : offset + match.end("source")].strip()
            continue
        match = _LINE.match(trimmed)
        if not match:
            continue
        try:
            figure = parse_quantity(match.group("figure"))
            target = parse_quantity(match.group("target")) if match.group("target") else None
        except NumberFormatError:
            continue
        name = raw[offset + match.start("name") : offset + match.end("name")].strip()
        found.append(
            _Line(
                name=name,
                key=_LEADING_NOTE.sub("", match.group("name")).strip(),
                value=figure.value,
                unit=figure.unit,
                bound=figure.bound,
                target=target.value if target else None,
                target_unit=target.unit if target else "",
            )
        )
    return found, source


_TREND_LINE = re.compile(r"^(?P<name>.*?[^\s0-9,])\s+(?P<trend>\S+)$")


def _trend_lines(text: str) -> list[tuple[str, str, Trend]]:
    """Return (name as written, key, trend) of the lines 「〇就職者数　↑」「・相談件数　継続実施」 of a target text."""
    found = []
    for raw in text.splitlines():
        folded = fold_ascii(raw)
        body = folded.strip().lstrip(_BULLETS + " ")
        match = _TREND_LINE.match(body)
        if match and (trend := parse_trend(match.group("trend"))) is not None:
            start = folded.index(body)
            name = raw[start : start + match.end("name")].strip()
            found.append((name, _LEADING_NOTE.sub("", match.group("name")).strip(), trend))
    return found


def _trend_proposals(target_text: str, results: list[_Line], paired: set[int]) -> list[Proposal]:
    """Return the proposals of targets without a number, each paired with its one result by name.

    A trend line without a result line of the same name proposes nothing: 「支援を　継続」 is a sentence.
    """
    proposals = []
    for name, key, trend in _trend_lines(target_text):
        candidates = [i for i, r in enumerate(results) if _same(r.key, key)]
        paired.update(candidates)
        if len(candidates) != 1 or results[candidates[0]].target is not None:
            continue
        r = results[candidates[0]]
        proposals.append(Proposal(name, r.unit, None, r.value, _direction(r.bound), "", trend))
    return proposals


def _direction(*bounds: Bound | None) -> Direction:
    return Direction.LOWER_IS_BETTER if Bound.AT_MOST in bounds else Direction.HIGHER_IS_BETTER


def _same(a: str, b: str) -> bool:
    return a == b or a.endswith(b) or b.endswith(a)


def propose(target_text: str, result_text: str) -> list[Proposal]:
    """Return the indicators the two texts state unambiguously, targets paired with results by name.

    Figures without any target anywhere (a qualitative entry's counts) propose nothing:
    there is nothing to measure them against.
    """
    targets, source = _lines(target_text)
    results, _ = _lines(result_text)
    paired: set[int] = set()
    proposals = _trend_proposals(target_text, results, paired)
    if not targets and not proposals and not any(r.target is not None for r in results):
        return []
    for t in targets:
        candidates = [i for i, r in enumerate(results) if _same(r.key, t.key)]
        if len(candidates) > 1:
            paired.update(candidates)  # several results could be this target's: propose none of them
            continue
        if not candidates:
            proposals.append(Proposal(t.name, t.unit, t.value, None, _direction(t.bound), source))
            continue
        r = results[candidates[0]]
        paired.add(candidates[0])
        if r.target is not None or (r.unit and t.unit and r.unit != t.unit):
            continue  # two targets for one measure, or 人 against %: not sure which is meant
        proposals.append(Proposal(t.name, t.unit or r.unit, t.value, r.value, _direction(t.bound), source))
    keys = [r.key for r in results]
    for i, r in enumerate(results):
        if i in paired or keys.count(r.key) > 1:
            continue
        if r.target is not None and r.target_unit and r.unit and r.target_unit != r.unit:
            continue
        proposals.append(Proposal(r.name, r.unit or r.target_unit, r.target, r.value, _direction(r.bound)))
    return proposals


def new_proposals(proposals: Iterable[Proposal], existing_names: Iterable[str]) -> list[Proposal]:
    """Return the proposals whose name is not already an indicator of the program."""
    existing = set(existing_names)
    return [p for p in proposals if p.name not in existing]


# The 実績 text and the indicators' figures (issue 18): a draft of the text from the figures, and
# the places where the text states another figure than the indicator holds.


@dataclass(frozen=True)
class Figure:
    """An indicator's name, unit and actual value for the year (None: not reported)."""

    name: str
    unit: str
    actual: Decimal | None


@dataclass(frozen=True)
class Mismatch:
    """An indicator whose actual value differs from the figure its line in the text states."""

    name: str
    unit: str
    recorded: Decimal
    written: Decimal


def _written(value: Decimal) -> str:
    return format_decimal(value.normalize())  # 64.30 → 64.3, 8.1E+3 → 8,100


def draft_result_lines(figures: Iterable[Figure], result_text: str = "") -> str:
    """Return 実績 lines 「・就職者数　290人」 for the reported figures the text does not state yet.

    The lines are written so that `mismatches` reads them back: name, space, figure and unit.
    """
    stated = [line.key for line in _lines(result_text)[0]]
    lines = []
    for figure in figures:
        if figure.actual is None or any(_same(key, figure.name) for key in stated):
            continue
        lines.append(f"・{figure.name}　{_written(figure.actual)}{figure.unit}")
    return "\n".join(lines)


def mismatches(result_text: str, figures: Iterable[Figure]) -> list[Mismatch]:
    """Return the indicators whose actual value differs from the figure the text states for them.

    Only a line that names exactly one indicator, and an indicator named by exactly one line,
    counts; a line in another unit (人 against %) is not compared. This points out, never refuses.
    """
    lines = _lines(result_text)[0]
    reported = [f for f in figures if f.actual is not None]
    found = []
    for figure in reported:
        candidates = [line for line in lines if _same(line.key, figure.name)]
        if len(candidates) != 1:
            continue
        line = candidates[0]
        if sum(1 for other in reported if _same(line.key, other.name)) != 1:
            continue
        if line.unit and figure.unit and line.unit != figure.unit:
            continue
        assert figure.actual is not None
        if line.value != figure.actual:
            found.append(Mismatch(figure.name, figure.unit, figure.actual, line.value))
    return found


def read_baselines(text: str, names: Sequence[str]) -> dict[str, Decimal]:
    """Return the baselines (基準値) a cell states, by indicator name: 「100人」 for a program's one indicator,
    or lines 「就職者数　100人」 paired by name as targets are. A line naming no indicator, or several, is left alone.
    """
    if means_no_value(text):
        return {}
    try:
        single = parse_quantity(text.strip()).value
    except NumberFormatError:
        single = None
    if single is not None:
        return {names[0]: single} if len(names) == 1 else {}
    lines = _lines(text)[0]
    found: dict[str, Decimal] = {}
    for name in names:
        candidates = [line for line in lines if _same(line.key, name)]
        if len(candidates) == 1 and sum(1 for other in names if _same(candidates[0].key, other)) == 1:
            found[name] = candidates[0].value
    return found


def printed_target(text: str, trends: Sequence[tuple[str, Trend]]) -> str:
    """Return the 目標 text with a line 「〇就職者数　↑」 for each target without a number it does not state.

    trends are the entry's indicators whose target is an arrow or 継続実施 (name, trend). A line of the
    text naming the indicator with the same trend, or a text that is only that trend (「継続実施」),
    already states it; every other one is added under the text, so an arrow typed only in the
    indicator's target cell is printed too. Without such indicators the text is returned as written.
    """
    stated = _trend_lines(text)
    whole = parse_trend(text.strip()) if text.strip() else None
    added = [
        f"〇{name}　{trend.mark}"
        for name, trend in trends
        if trend != whole and not any(t == trend and _same(key, _key(name)) for _, key, t in stated)
    ]
    return "\n".join([text, *added]) if text and added else "\n".join(added) or text


def _key(name: str) -> str:
    return _LEADING_NOTE.sub("", fold_ascii(name).strip().lstrip(_BULLETS + " ")).strip()
