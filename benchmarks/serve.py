"""The workbench's answers: findings after an edit of a 100-indicator form, and the preview.

Both go through the whole HTTP stack in-process (Starlette's TestClient: guard, JSON, the editor's
values turned into YAML, ``reportgen check``'s rules, the HTML writer), as the browser's debounced
requests do. Targets (issue 21): findings within 200 ms, the preview of a typical form within 1 s.
"""
from __future__ import annotations

import copy
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from reportgen.forms import FORMS
from reportgen.load import read_source
from reportgen.serve.data import english

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench"


def _editor_values(value):
    """File data as the editor's inputs send it: strings, paragraphs one per line."""
    if isinstance(value, dict):
        return {k: _editor_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return "\n".join(value) if all(isinstance(v, str) for v in value) else [_editor_values(v) for v in value]
    return value if isinstance(value, bool) else str(value)


def _hundred_indicators() -> dict:
    """The 2020 self-evaluation sample with its indicator rows repeated to 100."""
    data = read_source(ROOT / "samples/selfeval-2020/01-incubator-base-operations.yaml").data
    data = english(data, FORMS["selfeval-2020"].definition.schema["fields"])
    groups = [group for node in data["indicators"] for group in node["groups"]]
    items = [item for group in groups for item in group["items"]]
    first = data["indicators"][0]["groups"][0]
    first["items"] = [dict(copy.deepcopy(items[n % len(items)]), name=f"指标{n:03d}")
                      for n in range(100 - len(items) + len(first["items"]))]
    total = sum(len(g["items"]) for node in data["indicators"] for g in node["groups"])
    assert total == 100, total
    return _editor_values(data)


def _timed(client, url: str, body: dict, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.post(url, json=body, headers={"X-CSRF-Token": client.csrf})
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.text[:300]
    return times


def main() -> None:
    from starlette.testclient import TestClient

    from reportgen.serve.app import Settings, create_app

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(ROOT / "samples/target-2026/01-incubation-base-operation.yaml", folder)
        client = TestClient(create_app(Settings(folder=Path(folder), port=8700, token=TOKEN)),
                            base_url="http://127.0.0.1:8700")
        page = client.get(f"/?token={TOKEN}").text
        client.csrf = re.search(r'name="csrf" content="([^"]+)"', page).group(1)
        big = {"file": "big.yaml", "form": "selfeval-2020", "data": _hundred_indicators()}
        _timed(client, "/api/check", big, 2)  # the first form of a type builds its model and rules
        checks = _timed(client, "/api/check", big, 20)
        typical = read_source(Path(folder) / "01-incubation-base-operation.yaml").data
        small = {"file": "01-incubation-base-operation.yaml", "form": "target-2026",
                 "data": _editor_values(english(typical, FORMS["target-2026"].definition.schema["fields"]))}
        _timed(client, "/api/preview", small, 1)
        previews = _timed(client, "/api/preview", small, 10)
    print(f"serve: findings, 100 indicators: median {statistics.median(checks) * 1000:.0f} ms, "
          f"worst {max(checks) * 1000:.0f} ms of 20 (target < 200 ms)")
    print(f"serve: preview, a typical 2026 form: median {statistics.median(previews) * 1000:.0f} ms, "
          f"worst {max(previews) * 1000:.0f} ms of 10 (target < 1 s)")
