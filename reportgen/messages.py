"""The message catalogue: each problem code with its Chinese and English text.

Chinese comes first everywhere; a test asserts both languages cover the same codes.
"""
from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # -- input: reading and schema --
    "RG100": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "RG101": ("文件不是 UTF-8 编码", "the file is not UTF-8 encoded"),
    "RG102": ("文件顶层应为“键: 值”映射", "the top level must be a mapping of keys to values"),
    "RG103": ("未知的表单类型 {form!r}，可用：{known}", "unknown form type {form!r}; known: {known}"),
    "RG104": ("重复的键 {key!r}（第 {first} 行已出现）", "duplicate key {key!r} (first at line {first})"),
    "RG105": ("JSON 语法错误：{detail}", "JSON syntax error: {detail}"),
    "RG106": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "RG110": ("缺少必填字段 {field}", "missing required field {field}"),
    "RG111": ("未知字段 {field}（是否拼写错误？可用字段：{known}）", "unknown field {field} (a typo? known fields: {known})"),
    "RG112": ("类型错误：应为{expected_zh}", "wrong type: expected {expected_en}"),
    "RG113": ("取值无效：{detail_zh}", "invalid value: {detail_en}"),
    "RG114": ("至少需要 {min} 项", "needs at least {min} item(s)"),
    "RG115": ("缺少 form 字段（表单类型），可用：{known}", "missing the form key (form type); known: {known}"),
    # -- fonts --
    "RG801": ("字符 “{char}”（U+{code:04X}）在所配置的字体（{fonts}）中都没有字形，打印会显示为方框",
              "character “{char}” (U+{code:04X}) has no glyph in any configured font ({fonts}); it would print as a box"),
}

_WRONG_TYPE = {
    "text": ("文本", "text"),
    "number": ("数字", "a number"),
    "money": ("金额数字，如 4087500.00", "an amount like 4087500.00"),
    "date": ("日期，如 2026-01-01", "a date like 2026-01-01"),
    "integer": ("整数", "a whole number"),
    "list": ("列表", "a list"),
    "mapping": ("“键: 值”映射", "a mapping of keys to values"),
    "value": ("指标值，如 ≥500(件)、=100%，或文字", "an indicator value like ≥500(件), =100%, or text"),
    "bool": ("是 / 否", "yes / no"),
}


def wrong_type(kind: str) -> dict:
    """Return the message parameters of RG112 for a value that should be of ``kind``."""
    zh, en = _WRONG_TYPE[kind]
    return {"expected_zh": zh, "expected_en": en}


def message(code: str, lang: str, params: dict) -> str:
    """Return the text of ``code`` in ``lang`` (``zh`` or ``en``) with ``params`` filled in."""
    zh, en = CATALOGUE[code]
    return (en if lang == "en" else zh).format(**params)
