"""Money units: amounts are 元 in the data; a form or a cell printing 万元 rounds half-up to the
fen of 万元 (money.py), and a figure read back in 万元 is converted exactly or refused."""
from decimal import Decimal

import pytest

from reportgen.money import Inexact, from_unit, in_unit


def test_an_amount_in_wan_yuan_is_rounded_half_up_to_two_decimals():
    assert in_unit(Decimal("5803450.00"), "万元") == Decimal("580.35")   # 580.345 up
    assert in_unit(Decimal("5803449.99"), "万元") == Decimal("580.34")
    assert in_unit(Decimal("4087500"), "元") == Decimal("4087500.00")


def test_a_figure_in_wan_yuan_comes_back_as_exact_yuan():
    assert from_unit(Decimal("600"), "万元") == Decimal("6000000.00")
    assert from_unit(Decimal("580.123456"), "万元") == Decimal("5801234.56")
    assert str(from_unit(Decimal("0.0001"), "万元")) == "1.00"


def test_a_figure_that_is_no_whole_fen_is_refused_not_rounded():
    with pytest.raises(Inexact):
        from_unit(Decimal("600.1234567"), "万元")
    with pytest.raises(Inexact):
        from_unit(Decimal("1.005"), "元")
