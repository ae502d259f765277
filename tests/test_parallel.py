"""Local worker processes: recycled workers do not hang the pool, and workers end with their parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

# A pool whose workers are recycled after 3 tasks: 20 items need replacements, forked by the
# pool's own thread. The results are read the way ``booklet.plan`` reads them (zip, stopping
# before the generator's end), so the pool is shut down with its replacement workers idle.
RECYCLED = """
import reportgen.parallel as parallel
parallel.TASKS_PER_WORKER = 3
got = [r for _, r in zip(range(20), parallel.map_jobs(abs, range(-20, 0), 2))]
print(sum(got))
"""

# The parent forks two workers that sleep, prints their ids, and is killed; they must end too.
ORPHANS = """
import os, time
import reportgen.parallel as parallel
def nap(_):
    print(os.getpid(), flush=True)
    time.sleep(60)
for _ in parallel.map_jobs(nap, range(2), 2):
    pass
"""


def _python(code: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, **options)


@pytest.mark.slow
def test_a_pool_with_recycled_workers_shuts_down():
    run = _python(RECYCLED)
    try:
        out, _ = run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        run.kill()
        pytest.fail("the pool hung at shutdown")
    assert run.returncode == 0
    assert out.strip() == str(sum(range(1, 21)))


@pytest.mark.slow
def test_workers_end_when_their_parent_is_killed():
    parent = _python(ORPHANS)
    workers = [int(parent.stdout.readline()) for _ in range(2)]
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "workers outlived their parent"


def _alive(pid: int) -> bool:
    try:  # an orphan not yet reaped is a zombie: ended all the same
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
