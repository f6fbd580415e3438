"""Whether a recorded figure fits its unit: a count (人, 件, 戸…) is never below zero, never a share.

An outcome indicator's or a context statistic's yearly figure is a level (刑法犯検挙者中の再犯者数
that year), not a change: 「▲5」 typed for 人 or 「98.4%」 typed for 人 is a slip (a rate typed into
the count's row, a decrease typed instead of the level) that would otherwise be judged against the
plan's line. So:

- a negative figure of a count unit is refused;
- a figure typed with another unit than its count unit (98.4% for 人) is refused;
- a fraction of a count unit (12.5人) is suspicious: the screens ask to confirm it (an average can be
  a fraction).

A plan's program indicators are different: there a figure may be a change (前年比▲5件), so a
negative figure is accepted and the grade is chosen by staff (ratios.NEGATIVE_ACTUAL).
"""

from decimal import Decimal

from shinchoku.domain.numbers import format_decimal
from shinchoku.domain.text import fold_width, squeeze_spaces

# Units that count people, cases, households, times or places: whole numbers, zero or more.
COUNT_UNITS = frozenset(
    {"人", "件", "戸", "名", "回", "か所", "箇所", "ヶ所", "カ所", "校", "団体", "世帯", "社"}
)
# 延べ人数 is written 延べ10,091名 (the unit is still 名); 「人数」 as a unit is 人.
_UNIT_ALIASES = {"人数": "人", "件数": "件", "回数": "回", "％": "%"}
# Units written differently for the same thing: 443名 is fine for a count in 人.
_SAME = {"名": "人", "箇所": "か所", "ヶ所": "か所", "カ所": "か所"}


def normal_unit(unit: str) -> str:
    """Return the unit as compared: 「 ％ 」 → 「%」, 「人数」 → 「人」."""
    folded = squeeze_spaces(fold_width(unit))
    return _UNIT_ALIASES.get(folded, folded)


def is_count(unit: str) -> bool:
    """Return whether the unit counts things (人, 件, 戸, 名, 回, か所…)."""
    return normal_unit(unit) in COUNT_UNITS


def refusal(value: Decimal, unit: str, typed_unit: str = "") -> str | None:
    """Return why the figure cannot be recorded in this unit (Japanese), None when it can.

    typed_unit is the unit written with the figure (「98.4%」 → 「%」), empty when none was.
    """
    if not is_count(unit):
        return None
    shown = normal_unit(unit)
    typed = normal_unit(typed_unit)
    if typed and _SAME.get(typed, typed) != _SAME.get(shown, shown):
        return (
            f"「{format_decimal(value)}{typed}」は単位が「{typed}」ですが、この項目の単位は「{shown}」です。"
            f"{shown}の数を入力してください（率などを記録するなら、単位が「{typed}」の項目を使ってください）。"
        )
    if value < 0:
        return (
            f"「{format_decimal(value)}{shown}」は負の数です。単位が「{shown}」の項目には0以上の数しか記録できません。"
            "その年の数そのもの（前年からの増減ではなく）を入力してください。"
        )
    return None


def warning(value: Decimal, unit: str) -> str | None:
    """Return why the figure looks wrong for the unit though it may be right (Japanese), None when it does not."""
    if is_count(unit) and value != value.to_integral_value():
        shown = normal_unit(unit)
        return f"「{format_decimal(value)}{shown}」は小数です。単位が「{shown}」の数はふつう整数です。"
    return None
