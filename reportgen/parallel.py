"""Work over many inputs: worker processes or any ``concurrent.futures.Executor``, and progress.

Workers are forked processes recycled after a number of tasks, since WeasyPrint keeps memory
it does not give back. They ignore Ctrl-C (the parent stops them, quietly) and die with their
parent. One failed task is reported by its caller; the others go on. An executor given instead
(a Dask cluster's, ``--executor dask://HOST:PORT``) runs the same functions on the same tasks.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from .errors import ClusterError, UsageError
from .messages import Text, msg
from .terminal import visible

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 100
# Seconds: reaching a scheduler and its handshake, and a first worker joining (REPORTGEN_DASK_TIMEOUT).
DASK_TIMEOUT = float(os.environ.get("REPORTGEN_DASK_TIMEOUT", "20"))
FIRST_RESULT = max(DASK_TIMEOUT, 120.0)  # a fresh worker imports WeasyPrint first
EACH_RESULT = 600.0                      # one booklet chunk of 40 forms takes about 20 s
_DASK_ADDRESS = re.compile(r"dask://(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]+\]):(?P<port>\d{1,5})")

PARENT_POLL = 0.5  # seconds between a worker's looks at its parent


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_jobs(function: Callable[[T], R], items: Iterable[T], jobs: int,
             executor: Executor | None = None) -> Iterator[R]:
    """Yield ``function(item)`` for each item, in order: on ``executor`` if given, else in ``jobs``
    processes (1: this one)."""
    items = list(items)
    if executor is not None:
        yield from _results(executor, function, items)
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
    """In a worker: leave Ctrl-C to the parent, and end when the parent does.

    Not ``prctl(PR_SET_PDEATHSIG)``: its signal comes when the *thread* that forked the worker
    ends, and the pool forks the workers that replace recycled ones from a thread it ends at
    shutdown. Killed there, an idle worker still holds the task queue's lock, and the pool's
    shutdown waits for that lock for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(os.getppid(),), name="parent-watch", daemon=True).start()


def _end_with(parent: int) -> None:
    """End this process once ``parent`` has (the worker is then an orphan: its parent id changes)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


@contextmanager
def executor_from(address: str | None):
    """Yield the executor ``address`` names (``dask://HOST:PORT``), or None for local workers.

    Every wait is bounded: reaching the scheduler and its handshake (``DASK_TIMEOUT`` seconds, also
    when the peer accepts and says nothing, or is no Dask scheduler at all), a first worker (as
    long), and each result (``map_jobs``). What goes wrong there is a ``ClusterError``.
    """
    if not address:
        yield None
        return
    host, port = dask_address(address)
    try:
        from distributed import Client  # Dask: the optional extra reportgen[dask]
    except ImportError:
        raise UsageError(msg("parallel.missing")) from None
    client = _bounded(lambda: Client(f"tcp://{host}:{port}", timeout=f"{DASK_TIMEOUT}s"), address,
                      msg("parallel.unreachable"))
    try:
        _bounded(lambda: client.wait_for_workers(1, timeout=DASK_TIMEOUT), address,
                 msg("parallel.no-worker", dask_timeout=DASK_TIMEOUT))
        yield client.get_executor()
    finally:
        _bounded(lambda: client.close(timeout=DASK_TIMEOUT), address, msg("parallel.close-failed"),
                 quiet=True)


def dask_address(address: str) -> tuple[str, int]:
    """Return (host, port) of ``dask://HOST:PORT``; anything else is a usage error naming that form."""
    match = _DASK_ADDRESS.fullmatch(address)
    port = int(match.group("port")) if match else 0
    if not match or not 1 <= port <= 65535:
        raise UsageError(msg("parallel.bad-address", address=visible(address)))
    return match.group("host"), port


def _bounded(call: Callable[[], R], address: str, failure: Text, quiet: bool = False) -> R | None:
    """Return ``call()`` run in a daemon thread, or raise ClusterError when it fails or outlasts the
    timeout (distributed's own timeouts do not cover a peer that accepts and never answers)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 (handed to the caller's thread below)
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DASK_TIMEOUT + 2)
    if "value" in outcome or quiet:
        return outcome.get("value")  # type: ignore[return-value]
    error = outcome.get("error")
    detail = visible(f"{type(error).__name__}: {error}")[:300] if error is not None else ""
    raise ClusterError(msg("parallel.cluster", address=visible(address), failure=failure,
                           detail=detail or msg("parallel.no-answer")))


def _results(executor: Executor, function: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """Yield each result in order, the first within FIRST_RESULT seconds, each next within EACH_RESULT."""
    futures = [executor.submit(function, item) for item in items]
    try:
        for n, future in enumerate(futures):
            try:
                yield future.result(timeout=FIRST_RESULT if n == 0 else EACH_RESULT)
            except Exception as exc:  # noqa: BLE001 (our tasks catch their own errors: this one is the cluster's)
                detail = f"{type(exc).__name__}: {visible(exc)[:300]}"
                raise ClusterError(msg("parallel.task-failed", n=n + 1, count=len(futures), detail=detail)) from None
    finally:
        for future in futures:
            future.cancel()


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
