"""A YAML folded block (``>-``) wraps a long Chinese paragraph over lines without adding spaces."""
from reportgen.source.parse import read_yaml


def test_wrapped_chinese_lines_fold_without_a_space_and_other_spaces_stay():
    data = read_yaml("a: >-\n  根据基地实际需求，有计划做好\n  孵化基地各项工作，\n  服务 APJIE members\n  and others\n"
                     "b: |-\n  第一段\n  第二段\nc: 中 文\n").data
    assert data["a"] == "根据基地实际需求，有计划做好孵化基地各项工作，服务 APJIE members and others"
    assert data["b"] == "第一段\n第二段" and data["c"] == "中 文"  # literal blocks and plain scalars as written
