"""The benchmark's figures as Markdown: the machine, the summary per N with ratios and targets, the per-query detail."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from measure import Figure

PACKAGES = ("rbvgraph", "pyoxigraph", "rdflib", "owlrl", "pyshacl", "networkx", "pyvis", "click")
REPO = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One measure at one N: ours (a Figure), the naive baseline's seconds, a target, a unit."""

    measure: str
    n: int
    ours: Figure
    naive: float | None = None
    naive_floor: float | None = None  # the naive run did not finish within this many seconds
    target: float | None = None
    unit: str = "s"
    note: str = ""


@dataclass
class QueryRow:
    name: str
    n: int
    cold: Figure
    warm: Figure
    naive_cold: float | None
    naive_warm: float | None
    naive_floor: float | None  # cold: import + parse + the per-query budget
    naive_step: float | None  # warm: the per-query budget
    rows: int | None
    naive_rows: int | None
    naive_error: str | None = None  # rdflib could not run it


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    queries: list[QueryRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if value < 1:
        return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def ratio(naive: float | None, ours: float | None, floor: float | None = None) -> str:
    """naive ÷ ours; '> x×' when the naive run was cut off after ``floor`` seconds."""
    if ours is None or ours <= 0:
        return "—"
    if naive is None:
        return f"> {floor / ours:,.0f}×" if floor else "—"
    return f"{naive / ours:,.1f}×"


def naive_cell(naive: float | None, floor: float | None, unit: str = "s") -> str:
    if naive is None:
        return f"> {fmt(floor)}" if floor else "—"
    return fmt(naive, unit)


def verdict(value: float | None, target: float | None) -> str:
    if target is None:
        return ""
    if value is None:
        return "no"
    return "yes" if value <= target else "**no**"


def ours_cell(fig: Figure, unit: str) -> str:
    if fig.median is None:
        return "> budget" if fig.over else (f"failed: {fig.note}" if fig.note else "—")
    return fmt(fig.median, unit)


ORDER = ("query cold, slowest", "query warm, slowest", "load (parse into the store)", "closure cold (OWL 2 RL)",
         "closure cached", "build cold", "build, nothing changed", "network pages", "`rbvgraph --help`", "peak memory")


def _order(row: Row) -> tuple:
    return (ORDER.index(row.measure) if row.measure in ORDER else len(ORDER), row.measure, row.n)


def summary_table(results: Results) -> str:
    lines = ["| measure | N | median (wall) | median (CPU) | naive rdflib | naive ÷ ours | target | met (wall / CPU) |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in sorted(results.rows, key=_order):
        cpu = fmt(r.ours.cpu_median, r.unit) if r.unit != "MB" else ""
        met = f"{verdict(r.ours.median, r.target)} / {verdict(r.ours.cpu_median, r.target)}" if r.target and r.unit != "MB" \
            else verdict(r.ours.median, r.target)
        measure = r.measure + (f" ({r.note})" if r.note else "")
        lines.append(f"| {measure} | {r.n} | {ours_cell(r.ours, r.unit)} | {cpu} | {naive_cell(r.naive, r.naive_floor, r.unit)} | "
                     f"{ratio(r.naive, r.ours.median, r.naive_floor)} | {fmt(r.target, r.unit) if r.target else ''} | {met} |")
    return "\n".join(lines)


def query_table(results: Results) -> str:
    lines = ["| query | N | cold (wall) | cold (CPU) | warm | naive cold | naive warm | naive ÷ ours, cold | rows (ours / naive) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for q in results.queries:
        naive_cold = "rdflib error" if q.naive_error else naive_cell(q.naive_cold, q.naive_floor)
        naive_warm = "rdflib error" if q.naive_error else naive_cell(q.naive_warm, q.naive_step)
        speedup = "—" if q.naive_error else ratio(q.naive_cold, q.cold.median, q.naive_floor)
        lines.append(f"| {q.name} | {q.n} | {ours_cell(q.cold, 's')} | {fmt(q.cold.cpu_median)} | {ours_cell(q.warm, 's')} | "
                     f"{naive_cold} | {naive_warm} | {speedup} | "
                     f"{q.rows if q.rows is not None else '—'} / {q.naive_rows if q.naive_rows is not None else '—'} |")
    return "\n".join(lines)


def _git(*args: str) -> str:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}  # read only: never refresh the index
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, env=env, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def commit() -> str:
    sha = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    return f"{sha}{' + uncommitted changes' if dirty else ''}"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _memory() -> str:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        return f"{pages * size / 2**30:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        return "?"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- platform: {platform.platform()}; CPU: {_cpu_model()}, {os.cpu_count()} logical CPUs; memory {_memory()}",
        f"- Python {platform.python_version()} ({sys.implementation.name}); "
        + ", ".join(f"{p} {_version(p)}" for p in PACKAGES),
        f"- load average when the table was written (1/5/15 min): {load}",
    ]


def section(results: Results, command: str, label: str = "", head: str | None = None) -> str:
    """``head``: the commit when the run started (the tree may move on while it runs)."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    title = f"## {now} — commit {head or commit()}" + (f" — {label}" if label else "")
    parts = [title, "", f"`{command}`", "", *machine(), ""]
    parts += [f"- {note}" for note in results.notes]
    parts += ["", "### Summary (medians)", "", summary_table(results), "", "### Named queries", "", query_table(results), ""]
    return "\n".join(parts) + "\n"
