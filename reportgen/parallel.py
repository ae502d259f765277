"""Work over many inputs: worker processes when asked, a progress line on a terminal.

Workers are forked processes recycled after a number of tasks, since WeasyPrint keeps memory
it does not give back. One failed task is reported by its caller; the others go on.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

TASKS_PER_WORKER = 100


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_jobs(function: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[R]:
    """Yield ``function(item)`` for each item, in order, using ``jobs`` processes (1: this one)."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        yield from map(function, items)
        return
    import multiprocessing

    # Forked workers start at once and warm up side by side. multiprocessing.Pool, not
    # ProcessPoolExecutor: the latter cannot recycle forked workers (and hangs on 3.11 trying).
    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(items))
    with context.Pool(workers, maxtasksperchild=TASKS_PER_WORKER) as pool:
        yield from pool.imap(function, items, chunksize=1)


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
