"""A yearly figure of a count (人, 件, 戸, 名, 回, か所…) is a level: never below zero, never a share.

The inputs are those an independent tester typed on the secretariat's screens: ▲5 and 98.4% for
刑法犯検挙者中の再犯者数 (人), ▲120 for 市内の刑法犯認知件数 (件).
"""

from decimal import Decimal

import pytest

from shinchoku.domain import unit_fit
from shinchoku.domain.numbers import parse_quantity


def problem(typed: str, unit: str) -> str | None:
    quantity = parse_quantity(typed)
    return unit_fit.refusal(quantity.value, unit, quantity.unit)


@pytest.mark.parametrize(("typed", "unit"), [("▲5", "人"), ("▲120", "件"), ("△3", "戸"), ("-1", "か所")])
def test_a_count_below_zero_is_refused(typed: str, unit: str) -> None:
    assert f"は負の数です。単位が「{unit}」の項目には0以上の数しか記録できません" in (
        problem(typed, unit) or ""
    )


@pytest.mark.parametrize("typed", ["98.4%", "98.4％", "５件"])
def test_a_figure_typed_with_another_unit_than_the_count_is_refused(typed: str) -> None:
    assert "この項目の単位は「人」です" in (problem(typed, "人") or "")


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("443", "人"),
        ("443人", "人"),
        ("0件", "件"),
        ("延べ10,091名", "名"),
        ("443名", "人"),
        ("3箇所", "か所"),
        ("48.6%", "％"),
        ("▲5", "%"),
        ("▲5", ""),
    ],
)
def test_a_count_at_or_above_zero_and_any_figure_of_another_unit_is_accepted(typed: str, unit: str) -> None:
    assert problem(typed, unit) is None


def test_a_fraction_of_a_count_is_asked_about_not_refused() -> None:
    assert problem("12.5", "人") is None
    assert (
        unit_fit.warning(Decimal("12.5"), "人") == "「12.5人」は小数です。単位が「人」の数はふつう整数です。"
    )
    assert unit_fit.warning(Decimal("443"), "人") is None
    assert unit_fit.warning(Decimal("48.6"), "％") is None
