from decimal import Decimal

import pytest

from reportgen.money import (
    format_amount,
    format_points,
    format_rate,
    round2,
    round_to,
    to_decimal,
)


@pytest.mark.parametrize("value, expected", [
    ("2.675", "2.68"), ("0.005", "0.01"), ("-0.005", "-0.01"), ("9.994", "9.99"), ("9.995", "10.00"),
])
def test_round2_rounds_half_up(value, expected):
    assert round2(Decimal(value)) == Decimal(expected)


def test_to_decimal_reads_thousands_separators_and_refuses_floats():
    assert to_decimal("4,087,500.00") == Decimal("4087500.00")
    assert to_decimal(7295544) == Decimal(7295544)
    with pytest.raises(TypeError):
        to_decimal(1.5)
    with pytest.raises(ValueError, match="abc"):
        to_decimal("abc")


def test_amounts_rates_and_points_print_as_on_the_forms():
    assert format_amount(Decimal("771325800")) == "771,325,800.00"
    assert format_amount(None) == ""
    assert format_rate(Decimal(7295544) / Decimal(7300000)) == "99.94%"
    assert format_rate(Decimal(1)) == "100.00%"
    assert [format_points(Decimal(v)) for v in ("92", "95.99", "1.50", "0.00")] == ["92", "95.99", "1.5", "0"]


def test_round_to_a_texts_precision_is_half_up():
    assert [round_to(Decimal(v), 1) for v in ("99.95", "99.94", "0.25")] == [Decimal("100.0"), Decimal("99.9"),
                                                                           Decimal("0.3")]
    assert round_to(Decimal("729.5544"), 0) == Decimal(730)
