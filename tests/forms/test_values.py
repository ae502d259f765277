from decimal import Decimal

import pytest

from reportgen.values import parse_value


@pytest.mark.parametrize("text, op, number, unit, canonical", [
    ("≤210.00(元/人)", "≤", "210.00", "元/人", "≤210.00(元/人)"),
    (">=90%", "≥", "90", "%", "≥90.00(%)"),
    ("≥90(%)", "≥", "90", "%", "≥90.00(%)"),
    ("90%", "=", "90", "%", "=90.00(%)"),
    ("=38966.00(平方米)", "=", "38966.00", "平方米", "=38966.00(平方米)"),
    ("40亿元", "=", "40", "亿元", "=40.00(亿元)"),
    ("=0", "=", "0", None, "=0.00"),
    ("＜＝5（天）", "≤", "5", "天", "≤5.00(天)"),
])
def test_quantitative_values_parse_and_print_canonically(text, op, number, unit, canonical):
    value = parse_value(text)
    assert (value.op, value.number, value.unit) == (op, Decimal(number), unit)
    assert value.canonical() == canonical


@pytest.mark.parametrize("text", ["有效实现", "在孵企业带动就业人数增长 5%以上", "新引进企业 25 家，完成孵化器腾笼换鸟"])
def test_sentences_stay_qualitative(text):
    value = parse_value(text)
    assert not value.quantitative
    assert value.canonical() == text


def test_a_bare_number_is_read_as_equal_and_marked():
    assert parse_value("90%").implicit_op
    assert not parse_value("=90%").implicit_op
    assert parse_value(">=90%").normalised() == "≥90%"
