"""``check`` time per indicator row: forms of many indicators, or of many groups, must stay linear.

Both forms are the 2020 self-evaluation sample grown: ``count`` indicators of distinct names in
one group, or ``count`` groups each holding the same indicator (issue 19's probe: 500 such groups
took over a minute). Every indicator's reason names it with a count, so the reader's rules
compare each row's figures with every text naming it (RG411), the work that was quadratic.
"""
from __future__ import annotations

import copy
import resource
import tempfile
from pathlib import Path

import yaml

from .booklet_scale import CLI, _timed
from .inputs import SAMPLES

SIZES = (250, 500, 1000, 2000)


def scaled_form(count: int, groups: bool) -> dict:
    """Return the 2020 self-evaluation with ``count`` indicators: distinct in one group, or the same
    one in ``count`` groups."""
    form = yaml.safe_load((SAMPLES / "selfeval-2020" / "01-incubator-base-operations.yaml").read_text(encoding="utf-8"))
    output = next(level for level in form["indicators"] if level["level1"].startswith("产出"))
    if groups:
        item = _item("孵化企业服务数量", 10, 8)
        output["groups"] = [{"level2": "数量指标", "items": [copy.deepcopy(item)]} for _ in range(count)]
    else:
        output["groups"] = [{"level2": "数量指标", "items": [_item(f"第{n}项企业服务数量", n + 10, n + 8)
                                                          for n in range(count)]}]
    return form


def _item(name: str, target: int, actual: int) -> dict:
    return {"name": name, "target": f"≥{target}(家)", "actual": f"{actual}家", "weight": 1, "score": 1,
            "reason": f"{name}完成{actual}家，未达到{target}家；{name}明年增加。"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for groups in (False, True):
            for count in SIZES:
                path = Path(tmp) / f"scale-{count}-{groups}.yaml"
                path.write_text(yaml.safe_dump(scaled_form(count, groups), allow_unicode=True, sort_keys=False),
                                encoding="utf-8")
                before = _cpu()
                seconds = _timed(CLI + ["check", str(path)], ok_codes=(0, 1, 3))
                cpu = _cpu() - before
                shape = "groups of the same indicator" if groups else "indicators in one group"
                print(f"check: {count:,} {shape} | {seconds:.2f} s ({cpu:.2f} s of CPU), {cpu / count * 1000:.2f} ms "
                      "of CPU a row (process start included; target: linear, 2,000 indicators < 2 s)")


def _cpu() -> float:
    """Return the CPU seconds of this process's finished children (on a shared machine, the figure
    that load does not stretch)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
