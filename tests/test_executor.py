"""The batch runner on a Dask cluster: same progress, per-file failures and bytes as local workers."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.minimal import TARGET_2026, variant

pytestmark = pytest.mark.slow  # a local Dask cluster

distributed = pytest.importorskip("distributed", reason="reportgen[dask] is not installed")


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_dask_cluster_renders_the_same_bytes_and_failures(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.yaml").write_text(TARGET_2026, encoding="utf-8")
    (inputs / "b.yaml").write_text(variant("  name: 测试项目", "  name: 第二个项目"), encoding="utf-8")
    (inputs / "bad.yaml").write_text(variant("  annual_fiscal: 1000.50", "  annual_fiscal: 5"), encoding="utf-8")
    command = [sys.executable, "-m", "reportgen", "render", str(inputs), "-f", "pdf,docx,xlsx", "--date", "2026-11-24"]
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1", protocol="tcp",
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        on_dask = subprocess.run(command + ["-o", str(tmp_path / "dask"), "--executor", address],
                                 capture_output=True, text=True, cwd=ROOT, timeout=300)
    local = subprocess.run(command + ["-o", str(tmp_path / "local"), "-j", "2"], capture_output=True, text=True,
                           cwd=ROOT, timeout=300)
    assert on_dask.returncode == local.returncode == 1, on_dask.stderr
    assert "RG201" in on_dask.stderr and "2 份成功，1 份失败" in on_dask.stdout
    assert files(tmp_path / "dask") == files(tmp_path / "local") and len(files(tmp_path / "local")) == 6


def test_an_unreachable_cluster_is_a_usage_error(tmp_path):
    (tmp_path / "a.yaml").write_text(TARGET_2026, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "reportgen", "render", str(tmp_path / "a.yaml"), "-o",
                          str(tmp_path / "out"), "--executor", "dask://127.0.0.1:9"], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "Dask" in run.stderr
