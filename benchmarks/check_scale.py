"""``check`` time per indicator row: forms of many indicators, or of many groups, must stay linear.

Each indicator is named in the annual goals too (``第N项企业服务数量达到N家``), so the reader's
rules compare every row's figure with the text (RG411), the work that was quadratic.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from .booklet_scale import CLI, _timed
from .inputs import SAMPLES

SIZES = (250, 500, 1000, 2000)


def scaled_form(count: int, groups: bool) -> dict:
    """Return the 2026 sample with ``count`` indicators: in one group, or each in a group of its own."""
    form = yaml.safe_load((SAMPLES / "target-2026" / "01-incubation-base-operation.yaml").read_text(encoding="utf-8"))
    items = [{"name": f"第{n}项企业服务数量", "target": f"≥{n}(家)"} for n in range(count)]
    output = next(level for level in form["indicators"] if level["level1"] == "产出指标")
    if groups:
        output["groups"] = [{"level2": "数量指标", "items": [item]} for item in items]
    else:
        output["groups"] = [{"level2": "数量指标", "items": items}]
    form["goals"]["annual"] = [f"第{n}项企业服务数量达到{n}家，" for n in range(count)]
    return form


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for groups in (False, True):
            for count in SIZES:
                path = Path(tmp) / f"scale-{count}-{groups}.yaml"
                path.write_text(yaml.safe_dump(scaled_form(count, groups), allow_unicode=True, sort_keys=False),
                                encoding="utf-8")
                seconds = _timed(CLI + ["check", str(path)], ok_codes=(0, 1, 3))
                shape = "groups of one indicator" if groups else "indicators in one group"
                print(f"check: {count:,} {shape} | {seconds:.2f} s, {seconds / count * 1000:.2f} ms a row "
                      "(process start included; target: linear, 2,000 indicators < 2 s)")
