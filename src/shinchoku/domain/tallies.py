"""Counts per grade and their percentages, rounded half up (四捨五入).

Every figure of every output is computed here, once, so that a report's tables,
charts and checks cannot disagree. Python's round() rounds half to even
(round(0.5) == 0), which a city would call wrong; round_half_up does not.
"""

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from shinchoku.domain.errors import DomainError

Key = TypeVar("Key", bound=Hashable)


def tally(labels: Iterable[str], categories: Sequence[str]) -> dict[str, int]:
    """Return how many labels fall in each category, every category present, in order."""
    counts = dict.fromkeys(categories, 0)
    for label in labels:
        if label not in counts:
            raise DomainError(f"集計できない区分「{label}」があります（{'、'.join(categories)} のみ）。")
        counts[label] += 1
    return counts


def tally_by(rows: Iterable[tuple[Key, str]], categories: Sequence[str]) -> dict[Key, dict[str, int]]:
    """Return a tally per group from (group, label) pairs, groups in first-seen order."""
    grouped: dict[Key, list[str]] = {}
    for key, label in rows:
        grouped.setdefault(key, []).append(label)
    return {key: tally(labels, categories) for key, labels in grouped.items()}


def round_half_up(value: Fraction, places: int = 0) -> Decimal:
    """Return value rounded half up, away from zero, to the given places (2.5 → 3, -2.5 → -3)."""
    if places < 0:
        raise DomainError("小数点以下の桁数は0以上で指定してください。")
    scaled = abs(value) * 10**places
    whole = math.floor(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    signed = -whole if value < 0 else whole
    # Built from its digits, not through scaleb/quantize: those round to the context's 28 digits and
    # raise on a larger figure (an achievement of 10^27 %, from a target near zero).
    digits = Decimal(signed).as_tuple()
    return Decimal((digits.sign, digits.digits, -places))


def percentages(counts: Mapping[str, int], places: int = 0) -> dict[str, Decimal]:
    """Return each count's share of the total in percent, rounded half up.

    Rounded shares need not add up to 100 (the seed's 36% + 64% does; three
    thirds give 33 + 33 + 33); each share is within half a unit of the exact one.
    An empty tally has 0% everywhere.
    """
    total = sum(counts.values())
    if total == 0:
        return {label: round_half_up(Fraction(0), places) for label in counts}
    return {label: round_half_up(Fraction(100 * n, total), places) for label, n in counts.items()}
