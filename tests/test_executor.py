"""The batch runner on a Dask cluster: same progress, per-file failures and bytes as local workers."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import warnings

import pytest

from reportgen.cli import main
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
                         cwd=ROOT, timeout=120, env={**os.environ, "REPORTGEN_DASK_TIMEOUT": "3"})  # Dask retries until then
    assert run.returncode == 2 and "Traceback" not in run.stderr and "Dask" in run.stderr


# -- addresses parsed strictly, every wait bounded, the cluster's errors named as such (issue 19) --

@pytest.mark.parametrize("address", ["dask://127.0.0.1", "dask://127.0.0.1:http", "dask://", "dask://inproc://x",
                                     "dask://127.0.0.1:0", "dask://127.0.0.1:70000", "tcp://127.0.0.1:8786"])
def test_an_address_not_of_the_form_dask_host_port_is_a_usage_error_naming_the_form(tmp_path, capsys, address):
    """Were exit 4."""
    (tmp_path / "a.yaml").write_text(TARGET_2026, encoding="utf-8")
    assert main(["render", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "out"), "-f", "html",
                 "--executor", address]) == 2
    err = capsys.readouterr().err
    assert "dask://HOST:PORT" in err and "Traceback" not in err and not (tmp_path / "out").exists()


@contextlib.contextmanager
def loopback_server(answer: bytes | None):
    """A TCP server on 127.0.0.1 that sends ``answer`` to each peer (None: nothing) and holds the line."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop, peers = threading.Event(), []

    def serve() -> None:
        while not stop.is_set():
            try:
                peer, _ = server.accept()
            except OSError:
                continue
            peers.append(peer)
            if answer:
                peer.sendall(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"dask://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        for peer in peers:
            peer.close()
        server.close()


def bounded_run(tmp_path, address: str) -> subprocess.CompletedProcess:
    (tmp_path / "a.yaml").write_text(TARGET_2026, encoding="utf-8")
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "reportgen", "render", str(tmp_path / "a.yaml"), "-o",
                          str(tmp_path / "out"), "-f", "html", "--executor", address], capture_output=True, text=True,
                         cwd=ROOT, timeout=90, env={**os.environ, "REPORTGEN_DASK_TIMEOUT": "2"})
    assert time.monotonic() - start < 60
    return run


@pytest.mark.slow
@pytest.mark.parametrize("answer", [None, b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                                    b"\xff" * 64], ids=["silent", "http", "garbage"])
def test_a_peer_that_is_no_dask_scheduler_is_a_cluster_error_within_seconds(tmp_path, answer):
    """A silent peer or an HTTP server hung for ever; garbage was reported as 内存不足 (out of memory)."""
    with loopback_server(answer) as address:
        run = bounded_run(tmp_path, address)
    assert run.returncode == 2, run.stderr
    assert "Dask 集群" in run.stderr and "内存不足" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_scheduler_without_a_worker_is_an_error_after_the_timeout(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # distributed's notes on ports and sockets, not ours
        with distributed.LocalCluster(n_workers=0, processes=False, host="127.0.0.1", protocol="tcp",
                                      dashboard_address=":0") as cluster:
            run = bounded_run(tmp_path, cluster.scheduler_address.replace("tcp://", "dask://"))
    assert run.returncode == 2 and "2 秒内没有 Dask 工作进程（worker）加入" in run.stderr, run.stderr
