"""Japanese numbers as the seed writes them."""

from decimal import Decimal

import pytest

from shinchoku.domain.errors import NumberFormatError
from shinchoku.domain.numbers import (
    Bound,
    Quantity,
    format_quantity,
    means_no_value,
    parse_decimal,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("５,６２１戸", Quantity(Decimal("5621"), "戸")),
        ("６４．３％", Quantity(Decimal("64.3"), "%")),
        ("64.3%", Quantity(Decimal("64.3"), "%")),
        ("延べ10,091名", Quantity(Decimal("10091"), "名", cumulative=True)),
        ("延63件", Quantity(Decimal("63"), "件", cumulative=True)),
        ("7,936人", Quantity(Decimal("7936"), "人")),
        ("89校", Quantity(Decimal("89"), "校")),
        ("7団体", Quantity(Decimal("7"), "団体")),
        ("4回", Quantity(Decimal("4"), "回")),
        ("90%以上", Quantity(Decimal("90"), "%", bound=Bound.AT_LEAST)),
        ("354人以下", Quantity(Decimal("354"), "人", bound=Bound.AT_MOST)),
        ("－５", Quantity(Decimal("-5"))),
        ("▲12", Quantity(Decimal("-12"))),
        ("＋3", Quantity(Decimal("3"))),
        ("1.2万人", Quantity(Decimal("12000.0"), "人")),
        ("4,360 件", Quantity(Decimal("4360"), "件")),
        (".5", Quantity(Decimal("0.5"))),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "約5千", "1,00", "12,3456", "5.6.7", "一二三", "90%未満", "abc"])
def test_unreadable_numbers_are_refused_in_japanese(text: str) -> None:
    with pytest.raises(NumberFormatError, match="「"):
        parse_quantity(text)


def test_parse_decimal_refuses_units() -> None:
    assert parse_decimal("１２,３４５") == Decimal(12345)
    with pytest.raises(NumberFormatError, match="数値だけ"):
        parse_decimal("12人")


@pytest.mark.parametrize(
    ("quantity", "text"),
    [
        (Quantity(Decimal("5621"), "戸"), "5,621戸"),
        (Quantity(Decimal("10091"), "名", cumulative=True), "延べ10,091名"),
        (Quantity(Decimal("64.3"), "%"), "64.3%"),
        (Quantity(Decimal("-1234.5")), "-1,234.5"),
    ],
)
def test_format_quantity(quantity: Quantity, text: str) -> None:
    assert format_quantity(quantity) == text


@pytest.mark.parametrize(
    ("text", "empty"), [("", True), ("―", True), ("－", True), (" ", True), ("0", False)]
)
def test_a_lone_dash_means_no_value(text: str, empty: bool) -> None:
    assert means_no_value(text) is empty
