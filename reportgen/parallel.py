"""Work over many inputs: worker processes or any ``concurrent.futures.Executor``, and progress.

Workers are forked processes recycled after a number of tasks, since WeasyPrint keeps memory
it does not give back. They ignore Ctrl-C (the parent stops them, quietly) and die with their
parent. One failed task is reported by its caller; the others go on. An executor given instead
(a Dask cluster's, ``--executor dask://HOST:PORT``) runs the same functions on the same tasks.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from .errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 100
_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_jobs(function: Callable[[T], R], items: Iterable[T], jobs: int,
             executor: Executor | None = None) -> Iterator[R]:
    """Yield ``function(item)`` for each item, in order: on ``executor`` if given, else in ``jobs``
    processes (1: this one)."""
    items = list(items)
    if executor is not None:
        yield from executor.map(function, items)
        return
    if jobs <= 1 or len(items) <= 1:
        yield from map(function, items)
        return

    # Forked workers start at once and warm up side by side. multiprocessing.Pool, not
    # ProcessPoolExecutor: the latter cannot recycle forked workers (and hangs on 3.11 trying).
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(items))
    with context.Pool(workers, initializer=_worker_start, maxtasksperchild=TASKS_PER_WORKER) as pool:
        yield from pool.imap(function, items, chunksize=1)


def _worker_start() -> None:
    """In a worker: leave Ctrl-C to the parent, and end when the parent does (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):

        try:
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent died before the line above
            os._exit(1)


@contextmanager
def executor_from(address: str | None):
    """Yield the executor ``address`` names (``dask://HOST:PORT``), or None for local workers."""
    if not address:
        yield None
        return
    if not address.startswith("dask://"):
        raise UsageError(f"--executor 应为 dask://主机:端口：{address}", f"--executor should be dask://HOST:PORT: {address}")
    try:
        from distributed import Client  # Dask: the optional extra reportgen[dask]
    except ImportError:
        raise UsageError("--executor dask:// 需要安装 reportgen[dask]", "--executor dask:// needs pip install 'reportgen[dask]'") from None
    try:
        client = Client("tcp://" + address[len("dask://"):], timeout="5s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"无法连接 Dask 集群 {address}：{exc}", f"cannot reach the Dask cluster {address}: {exc}") from None
    try:
        yield client.get_executor()
    finally:
        client.close()


@dataclass(frozen=True)
class Workers:
    """Where a booklet's forms are laid out: ``jobs`` local processes or an ``executor`` (a Dask
    cluster), and the ``progress`` bar stepped for each form."""

    jobs: int = 1
    progress: Progress | None = None
    executor: Executor | None = None


class Progress:
    """A progress bar on a terminal; plain lines (every 10%) when the output is a file or a pipe."""

    def __init__(self, total: int, label: str, stream=None, quiet: bool = False):
        """``quiet``: no plain lines (the caller prints a line per item anyway)."""
        self.total, self.label, self.quiet = total, label, quiet
        self.stream = stream or sys.stderr
        self.done = 0
        self.tty = self.stream.isatty()
        self._last_tenth = -1

    def step(self, note: str = "") -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
                              f"{self.done}/{self.total} {note[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()
            return
        tenth = self.done * 10 // max(self.total, 1)
        if not self.quiet and tenth != self._last_tenth and self.total > 10:
            self._last_tenth = tenth
            print(f"{self.label} {self.done}/{self.total}", file=self.stream)
