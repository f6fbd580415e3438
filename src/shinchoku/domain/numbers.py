"""Numbers as the city writes them: ５,６２１戸, 64.3％, 延べ10,091名, 90%以上, ▲5, 3万人.

Forms and importers both call parse_quantity (parse_figure for a stored figure), so a
figure typed in the browser and one read from Excel are understood the same way, and
both are held to the digits of the column they are stored in.
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


@dataclass(frozen=True)
class Digits:
    """The most digits a stored figure may have: a DecimalField's max_digits and decimal_places."""

    max_digits: int
    decimal_places: int

    @property
    def whole(self) -> int:
        """Return how many digits may stand before the decimal point."""
        return self.max_digits - self.decimal_places

    def check(self, value: Decimal, text: str) -> Decimal:
        """Return value as it will be stored, or raise NumberFormatError naming the limit it breaks."""
        whole = max(value.adjusted() + 1, 0) if value else 0
        if whole > self.whole:
            raise NumberFormatError(
                f"「{text}」は大きすぎます。整数部分は{self.whole}桁までです（{whole}桁あります）。"
            )
        exponent = value.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places > self.decimal_places:
            if self.decimal_places == 0:
                raise NumberFormatError(f"「{text}」は整数で入力してください（小数は使えません）。")
            raise NumberFormatError(
                f"「{text}」の小数部分は{self.decimal_places}桁までです（{places}桁あります）。"
            )
        # No exponent (1.2E+4 → 12000) and no minus zero, as the figure is shown again.
        return Decimal(0) if value == 0 else value.quantize(Decimal(1).scaleb(-places))


# More digits than any city figure has; it also keeps the arithmetic below exact (the
# decimal module's default precision is 28 digits).
MAX_DIGITS = 20
MAX_TEXT_LENGTH = 60

_MULTIPLIERS = {"万": 4, "億": 8}
_NEGATIVE_MARKS = ("△", "▲", "マイナス", "ﾏｲﾅｽ")
_NUMBER = re.compile(
    r"^(?P<sign>[+-]?)"
    r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?"
    r"(?:\.(?P<frac>[0-9]+))?"
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


def parse_figure(text: str, digits: Digits) -> Decimal | None:
    """Return the figure written in text as its column stores it, None for 「―」 or nothing.

    Units, 延べ and 以上/以下 are read and dropped (they belong to the indicator, not to the
    figure); a figure beyond the column's digits is refused with the limit named.
    """
    if means_no_value(text):
        return None
    return parse_quantity(text, digits).value


def parse_quantity(text: str, digits: Digits | None = None) -> Quantity:
    """Return the quantity written in text, or raise NumberFormatError saying why not.

    With digits, the value must fit them (a DecimalField's max_digits and decimal_places).
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise NumberFormatError(
            f"「{text[:20]}…」は長すぎて数値として読めません。「5,621戸」「64.3%」のように数字で入力してください。"
        )
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
    whole = (match.group("int") or "0").replace(",", "")
    frac = match.group("frac") or ""
    if len(whole.lstrip("0")) + len(frac) > MAX_DIGITS:
        limit = (
            f"整数部分は{digits.whole}桁、小数部分は{digits.decimal_places}桁までです"
            if digits is not None
            else f"数字は{MAX_DIGITS}桁までです"
        )
        raise NumberFormatError(f"「{text}」は桁数が多すぎます。{limit}。")
    value = Decimal(whole + ("." + frac if frac else ""))
    if match.group("mult"):
        value = value.scaleb(_MULTIPLIERS[match.group("mult")])
    if match.group("sign") == "-":
        value = -value
    if digits is not None:
        value = digits.check(value, text)
    return Quantity(value=value, unit=unit, cumulative=cumulative, bound=Bound(bound) if bound else None)


def _normalise_signs(text: str) -> str:
    """Return text with its minus written as "-": ▲5 and △5 (as accounts write it), マイナス5, −5."""
    for mark in _NEGATIVE_MARKS:
        if text.startswith(mark):
            return "-" + text[len(mark) :]
    if text and text[0] in DASHES:
        return "-" + text[1:]
    return text


def format_decimal(value: Decimal) -> str:
    """Return a number with thousands separators and no exponent: 5621 → 5,621; 64.30 → 64.30."""
    return format(abs(value) if value == 0 else value, ",f")  # no "-0"


def format_quantity(quantity: Quantity) -> str:
    """Return the quantity written as the city writes it: 延べ10,091名, 90%以上."""
    prefix = "延べ" if quantity.cumulative else ""
    bound = quantity.bound.value if quantity.bound else ""
    return f"{prefix}{format_decimal(quantity.value)}{quantity.unit}{bound}"


def means_no_value(text: str) -> bool:
    """Return whether text stands for "no figure": empty, or a lone dash as in 目標「―」."""
    folded = squeeze_spaces(fold_width(text))
    return folded == "" or (len(folded) == 1 and folded in DASHES)


class Trend(StrEnum):
    """A target written without a number: an arrow (↑ → ↓) or 継続実施."""

    UP = "up"
    LEVEL = "level"
    DOWN = "down"
    CONTINUE = "continue"

    @property
    def mark(self) -> str:
        """Return how the target is printed: ↑, →, ↓ or 継続実施."""
        return _TREND_MARKS[self]


_TREND_MARKS = {Trend.UP: "↑", Trend.LEVEL: "→", Trend.DOWN: "↓", Trend.CONTINUE: "継続実施"}
_TREND_SPELLINGS = {
    **dict.fromkeys(("↑", "⇧", "⇑", "↗", "上昇", "増加", "向上", "拡大", "増"), Trend.UP),
    **dict.fromkeys(("→", "⇒", "⇨", "維持", "横ばい", "横這い", "現状維持"), Trend.LEVEL),
    **dict.fromkeys(("↓", "⇩", "⇓", "↘", "減少", "低下", "削減", "減"), Trend.DOWN),
    **dict.fromkeys(("継続実施", "継続", "継続して実施", "実施継続"), Trend.CONTINUE),
}
_TREND_DECORATION = "()（）「」『』【】[]・。、.,"


def parse_trend(text: str) -> Trend | None:
    """Return the target without a number that text writes (↑, 上昇, 維持, 継続実施…), None otherwise.

    Only the whole cell counts: 「↑」「上昇」「（維持）」「継続実施」, not a figure such as
    「120人」 nor a sentence that merely contains 増加. 「―」「－」 stay "no target" (means_no_value).
    """
    folded = squeeze_spaces(fold_width(text)).strip(_TREND_DECORATION)
    return _TREND_SPELLINGS.get(folded)
