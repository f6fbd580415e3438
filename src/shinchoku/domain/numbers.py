"""Numbers as the city writes them: ５,６２１戸, 64.3％, 延べ10,091名, 90%以上.

Forms and importers both call parse_quantity, so a figure typed in the browser
and one read from Excel are understood the same way.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from shinchoku.domain.errors import NumberFormatError
from shinchoku.domain.text import DASHES, fold_width, squeeze_spaces

# Units the seed's indicators use; any other short unit is kept as written.
KNOWN_UNITS = ("人", "件", "戸", "回", "校", "名", "団体", "%", "世帯", "か所", "箇所", "社")
MAX_UNIT_LENGTH = 6


class Bound(StrEnum):
    """How a target is meant: 以上 (at least: higher is better) or 以下 (at most)."""

    AT_LEAST = "以上"
    AT_MOST = "以下"


@dataclass(frozen=True)
class Quantity:
    """A number with the unit and qualifiers it was written with."""

    value: Decimal
    unit: str = ""
    cumulative: bool = False  # 延べ: counts the same person or visit more than once
    bound: Bound | None = None


_MULTIPLIERS = {"万": Decimal(10_000), "億": Decimal(100_000_000)}
_NEGATIVE_MARKS = ("△", "▲")
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?"
    r"(?:\.(?P<frac>\d+))?"
    r"(?P<mult>[万億]?)"
    r"(?P<unit>[^\d.,+\-]*?)"
    r"(?P<bound>以上|以下|未満|超)?$"
)


def parse_decimal(text: str) -> Decimal:
    """Return the plain number in text (units and 延べ refused): 「１２,３４５」 → 12345."""
    quantity = parse_quantity(text)
    if quantity.unit or quantity.cumulative or quantity.bound:
        raise NumberFormatError(f"「{text}」は数値だけを入力してください（単位や「以上」は不要です）。")
    return quantity.value


def parse_quantity(text: str) -> Quantity:
    """Return the quantity written in text, or raise NumberFormatError saying why not."""
    folded = squeeze_spaces(fold_width(text))
    cumulative = folded.startswith("延")
    if cumulative:
        folded = folded.removeprefix("延べ").removeprefix("延")
    folded = _normalise_signs(folded)
    match = _NUMBER.match(folded)
    if not match or (match.group("int") is None and match.group("frac") is None):
        raise NumberFormatError(
            f"「{text}」は数値として読めません。「5,621戸」「64.3%」のように数字で入力してください。"
        )
    unit = match.group("unit")
    if len(unit) > MAX_UNIT_LENGTH:
        raise NumberFormatError(f"「{text}」の単位「{unit}」が長すぎます。数値と単位だけを入力してください。")
    bound = match.group("bound")
    if bound in ("未満", "超"):
        raise NumberFormatError(
            f"「{text}」の「{bound}」は目標の向きとして扱えません。「以上」か「以下」で書いてください。"
        )
    digits = (match.group("int") or "0").replace(",", "")
    value = Decimal(digits + ("." + match.group("frac") if match.group("frac") else ""))
    if match.group("mult"):
        value *= _MULTIPLIERS[match.group("mult")]
    if match.group("sign") == "-":
        value = -value
    return Quantity(value=value, unit=unit, cumulative=cumulative, bound=Bound(bound) if bound else None)


def _normalise_signs(text: str) -> str:
    for mark in _NEGATIVE_MARKS:
        if text.startswith(mark):
            return "-" + text[len(mark) :]
    if text and text[0] in DASHES:
        return "-" + text[1:]
    return text


def format_decimal(value: Decimal) -> str:
    """Return a number with thousands separators and no exponent: 5621 → 5,621; 64.30 → 64.30."""
    sign = "-" if value < 0 else ""
    text = format(abs(value), "f")
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}"
    return sign + grouped + ("." + frac if frac else "")


def format_quantity(quantity: Quantity) -> str:
    """Return the quantity written as the city writes it: 延べ10,091名, 90%以上."""
    prefix = "延べ" if quantity.cumulative else ""
    bound = quantity.bound.value if quantity.bound else ""
    return f"{prefix}{format_decimal(quantity.value)}{quantity.unit}{bound}"


def means_no_value(text: str) -> bool:
    """Return whether text stands for "no figure": empty, or a lone dash as in 目標「―」."""
    folded = squeeze_spaces(fold_width(text))
    return folded == "" or (len(folded) == 1 and folded in DASHES)
