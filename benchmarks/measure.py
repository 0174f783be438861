"""Timing primitives: a child process with its wall time and peak memory, repeats within a time budget, medians."""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Sample:
    """One run: wall seconds and peak resident memory (MB) of a child process; ``over`` when the budget ran out."""

    seconds: float
    cpu: float = 0.0
    peak_mb: float = 0.0
    over: bool = False
    output: str = ""
    error: str = ""
    returncode: int = 0


@dataclass
class Figure:
    """The median of repeated runs (None when not even one finished within the budget)."""

    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    over: bool = False
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None


def run_process(cmd: list[str], timeout: float | None = None, env: dict | None = None,
                idle: float | None = None) -> Sample:
    """Run ``cmd``; its own CPU time and peak RSS come from wait4 (Linux reports KB).

    It is killed (``over``) after ``timeout`` seconds, or when it has printed no line for ``idle`` seconds: a
    worker prints a line per step, and a Rust call (Oxigraph) cannot be interrupted from inside.
    """
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        lines: list[str] = []
        last = [started]
        done: dict = {}

        def read():
            for line in proc.stdout:
                lines.append(line.decode("utf-8", "replace"))
                last[0] = time.perf_counter()

        def wait():
            _, status, usage = os.wait4(proc.pid, 0)
            done.update(end=time.perf_counter(), status=status, usage=usage)

        reader, waiter = threading.Thread(target=read, daemon=True), threading.Thread(target=wait)
        reader.start()
        waiter.start()
        killed = False
        while waiter.is_alive():
            waiter.join(0.05)
            now = time.perf_counter()
            if waiter.is_alive() and ((timeout and now - started > timeout) or (idle and now - last[0] > idle)):
                killed = True
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                waiter.join()
        reader.join(5)
        proc.returncode = os.waitstatus_to_exitcode(done["status"])
        usage = done["usage"]
        err.seek(0)
        return Sample(done["end"] - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, killed,
                      "".join(lines), err.read().decode("utf-8", "replace"), proc.returncode)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def merge(into: dict, part: dict) -> dict:
    """Fold one JSON line of a worker into what it said before: dicts merge, lists extend, the rest replaces."""
    for key, value in part.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key].extend(value)
        else:
            into[key] = value
    return into


def worker(task: str, *args: str, timeout: float | None = None, idle: float | None = None,
           env: dict | None = None) -> tuple[dict, Sample]:
    """Run ``benchmarks/tasks.py TASK ARGS`` in a fresh process; what it printed (JSON lines), merged."""
    sample = run_process(python(str(HERE / "tasks.py"), task, *args), timeout, env, idle)
    data: dict = {}
    for line in sample.output.splitlines():
        if line.startswith("{"):
            merge(data, json.loads(line))
    return data, sample


def repeat(run: Callable[[float], Sample], times: int, budget: float) -> tuple[Figure, list[Sample]]:
    """Call ``run(remaining seconds)`` up to ``times`` times while the budget lasts; at least once."""
    figure, samples, spent = Figure(), [], 0.0
    for _ in range(max(times, 1)):
        remaining = budget - spent
        if samples and remaining <= samples[-1].seconds:
            break
        sample = run(max(remaining, 1.0))
        samples.append(sample)
        spent += sample.seconds
        if sample.over:
            figure.over = True
            break
        if sample.returncode != 0:
            figure.note = (sample.error.strip().splitlines() or ["failed"])[-1][:200]
            break
        figure.samples.append(sample.seconds)
        figure.cpu.append(sample.cpu)
    return figure, samples


class OverBudget(BaseException):
    """One measured step ran past its time budget (a BaseException, so rdflib's ``except Exception`` lets it pass)."""


@contextmanager
def time_limit(seconds: float | None):
    """Interrupt pure-Python work (rdflib, owlrl) after ``seconds`` with :class:`OverBudget`."""
    if not seconds:
        yield
        return

    def expire(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(fn: Callable[[], object], budget: float | None = None) -> tuple[tuple[float, float] | None, object]:
    """(wall, CPU) seconds ``fn`` took and what it returned; (None, None) when it ran past ``budget``."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with time_limit(budget):
            value = fn()
    except OverBudget:
        return None, None
    return (time.perf_counter() - started, time.process_time() - cpu), value
