"""The reader's rules (figures in text, copied passages, dates, debris): each finds its kind in a
sample changed the way real filings go wrong, and the samples themselves raise only the seeds'
own mistakes, each named in its sample's comment."""
import json
import re

import pytest

from reportgen.cli import main
from reportgen.options import RenderOptions
from reportgen.pipeline import examine
from tests.conftest import SAMPLES
from tests.minimal import variant

NEW_CODES = {"RG303", "RG304", "RG305", "RG409", "RG410", "RG411", "RG509",
             "RG804", "RG805", "RG806", "RG807", "RG808", "RG809", "RG412",
             "RG208", "RG209", "RG210", "RG251", "RG252", "RG253", "RG254", "RG255", "RG256", "RG257", "RG258"}


def sample(name: str) -> str:
    return (SAMPLES / f"{name}.yaml").read_text(encoding="utf-8")


def changed(name: str, *edits: tuple[str, str]) -> str:
    text = sample(name)
    for old, new in edits:
        text = variant(old, new, text)
    return text


def found(tmp_path, text: str) -> list[tuple[str, int, str]]:
    path = tmp_path / "form.yaml"
    path.write_text(text, encoding="utf-8")
    return [(p.code, p.line, p.message()) for p in examine(path, RenderOptions())[1]]


SE2019 = "selfeval-2019/03-sci-tech-finance"
SE2020 = "selfeval-2020/01-incubator-base-operations"
T2026 = "target-2026/01-incubation-base-operation"
T2026_08 = "target-2026/08-international-incubator"
LONG_NOTE = "三季度配电房变压器检修期间临时停电两次，已与供电公司签订保障协议并加装备用发电机组"
ACTUAL = "    - \"2020年，根据年初提出的项目计划目标和任务，"

READER_CASES = [
    # dates: a self-evaluation dated inside its year, or two years on; a plan outside the form year
    (SE2019, [("evaluation_date: 2020-04-16", "evaluation_date: 2019-06-30")], "RG303", 16),
    (SE2019, [("evaluation_date: 2020-04-16", "evaluation_date: 2022-04-16")], "RG304", 16),
    (T2026, [("nature: 其他一次性项目", "nature: 阶段性项目"), ("start_date: 2026-01-01", "start_date: 2023-01-01"),
             ("end_date: 2026-12-31", "end_date: 2024-12-31")], "RG305", 12),
    # figures in text: a rate, an amount in 万元, a count against its indicator
    (SE2020, [(ACTUAL, ACTUAL + "全年预算执行率为99.5%，")], "RG409", 22),
    (SE2020, [(ACTUAL, ACTUAL + "全年执行数730.55万元，")], "RG410", 22),
    (T2026, [("    - \"根据基地实际需求, ", "    - \"年度资金申请总额418.75万元, 根据基地实际需求, ")], "RG410", 24),
    (T2026_08, [("外事交流出访人均成本 (≤ 45000.00 元/人)", "外事交流出访人均成本 (≤ 40000.00 元/人)")], "RG411", 27),
    # a 2019 form that loses points and says nowhere why
    (SE2019, [(re.search(r"problems:\n(  - .*\n)+", sample(SE2019)).group(), "")], "RG509", 62),
    # debris: the seed's untranslated "and", a digit in 完成, a lost character, a half-width comma
    (T2026, [("科技企业和创业者", "科技企业 and 创业者")], "RG804", 24),
    (T2026, [("完成基地各类设施设备的维护", "完2成基地各类设施设备的维护")], "RG805", 24),
    (SE2020, [("营造良好的创新创业环境，为科技", "营造良好的创新创业环境？为科技")], "RG806", 19),
    (SE2020, [("加强电力维护，保障能源稳定。", "加强电力维护,保障能源稳定。")], "RG807", 75),
    # two rows with the same long, specific note
    (SE2020, [("加强电力维护，保障能源稳定。", LONG_NOTE), ("            reason: 无偏差\n      - level2: 时效指标",
                                                    f"            reason: {LONG_NOTE}\n      - level2: 时效指标")],
     "RG808", 81),
]
QUOTES_NARRATIVE = "做好孵化基地物业管理服务，为基地企业营造和谐安定的办公环境。2020年，基地内常态化疫情防控工作顺利有序进行"


@pytest.mark.parametrize("name, edits, code, line", READER_CASES,
                         ids=[f"{c[2]}-{c[0].split('/')[0]}" for c in READER_CASES])
def test_each_reader_rule_finds_its_kind_in_a_changed_sample(tmp_path, name, edits, code, line):
    before = {(c, n) for c, n, _ in found(tmp_path, sample(name))}
    after = found(tmp_path, changed(name, *edits))
    assert (code, line) in {(c, n) for c, n, _ in after} - before, after


def test_figures_agree_within_the_texts_precision(tmp_path):
    # 99.94% computed: 99.9% and 100% are the same figure written shorter, 99.5% is not
    for stated in ("99.9%", "99.94%", "100%", "约99.9%"):
        text = changed(SE2020, (ACTUAL, ACTUAL + f"全年预算执行率为{stated}，"))
        assert "RG409" not in {c for c, _, _ in found(tmp_path, text)}, stated
    # 7,295,544.00 元 executed: 729.55万元, 729.6万元, 730万元 and 0.07亿元 agree
    for stated in ("729.55万元", "729.6万元", "730万元", "0.07亿元", "7,295,544.00元"):
        text = changed(SE2020, (ACTUAL, ACTUAL + f"全年执行数{stated}，"))
        assert "RG410" not in {c for c, _, _ in found(tmp_path, text)}, stated
    # a bound is not the figure: 执行率超过99%, 700多万元
    text = changed(SE2020, (ACTUAL, ACTUAL + "全年执行数700多万元，执行率超过90%，"))
    assert not {"RG409", "RG410"} & {c for c, _, _ in found(tmp_path, text)}


def test_a_mismatch_quotes_both_figures(tmp_path):
    text = changed(SE2020, (ACTUAL, ACTUAL + "全年预算执行率为99.5%，"))
    message = next(m for c, _, m in found(tmp_path, text) if c == "RG409")
    assert "执行率为99.5%" in message and "99.94%" in message


def test_debris_points_at_the_character_and_quotes_it(tmp_path):
    text = changed(T2026, ("科技企业和创业者", "科技企业 and 创业者"))
    message = next(m for c, _, m in found(tmp_path, text) if c == "RG804")
    at = sample(T2026).split("\n")[23].index("科技企业和") - len('    - "') + len("科技企业 ") + 1
    assert f"第 {at} 字" in message and "科技企业 and 创业者" in message


def test_acronyms_counts_and_real_questions_are_not_debris(tmp_path):
    text = changed(T2026, ("年度引进 25 家以上", "年度引进 25 家以上 IBI 与 APJIE 的 WiFi 企业，开发app应用，第A类，是否达到要求？"))
    assert not {"RG804", "RG805", "RG806"} & {c for c, _, _ in found(tmp_path, text)}


def test_a_copy_between_projects_is_reported_once_with_both_places(tmp_path, capsys):
    first = sample(T2026)
    (tmp_path / "a.yaml").write_text(first, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(first.replace("  name: 创业孵化基地运行保障", "  name: 另一个项目", 1), encoding="utf-8")
    (tmp_path / "c.yaml").write_text(first, encoding="utf-8")  # the same project again: meant to repeat
    assert main(["check", str(tmp_path), "--format", "json"]) == 0
    copies = [p for p in json.loads(capsys.readouterr().out) if p["code"] == "RG809"]
    assert {(p["file"], p["line"], p["path"]) for p in copies} == {
        (str(tmp_path / "b.yaml"), 24, "goals.annual[0]"), (str(tmp_path / "b.yaml"), 25, "goals.annual[1]")}
    assert all(f"{tmp_path / 'a.yaml'}:{p['line']} {p['path']}" in p["message"] for p in copies)


# What the new rules find in the samples: each one a mistake of the seed, named in the sample's comment.
SEEDS_MISTAKES = {
    ("selfeval-2019/01", "RG303"), ("selfeval-2019/01", "RG806"), ("selfeval-2019/01", "RG807"),
    ("selfeval-2019/02", "RG303"), ("selfeval-2019/02", "RG807"),
    ("selfeval-2019/04", "RG806"),
    ("selfeval-2019/05", "RG807"), ("selfeval-2019/05", "RG809"), ("selfeval-2019/05", "RG412"),
    ("selfeval-2020/02", "RG807"),
    ("target-2020/03", "RG808"),
    ("monitor/01", "RG411"),
    ("target-2026/01", "RG411"), ("target-2026/01", "RG807"),
    ("target-2026/02", "RG411"), ("target-2026/02", "RG807"),
    ("target-2026/04", "RG807"), ("target-2026/08", "RG807"), ("target-2026/09", "RG807"),
    ("target-2026/11", "RG807"), ("target-2026/11", "RG808"),
    ("target-2026/13", "RG807"), ("target-2026/15", "RG807"),
}


def test_the_samples_raise_only_the_seeds_mistakes_each_named_in_its_comment(capsys):
    assert main(["check", str(SAMPLES), "--format", "json"]) == 0
    problems = [p for p in json.loads(capsys.readouterr().out) if p["code"] in NEW_CODES]
    seen = {(f"{parts[-2]}/{parts[-1][:2]}", p["code"]) for p in problems for parts in [p["file"].split("/")]}
    assert seen == SEEDS_MISTAKES
    for where, code in SEEDS_MISTAKES:
        path = next(SAMPLES.glob(f"{where}-*.yaml"))
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        assert any(code in line for line in comments), (path, code)
