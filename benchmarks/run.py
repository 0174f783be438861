"""Benchmarks of rbvgraph at 1, 10 and 100 reports, each figure beside the naive plain-rdflib baseline.

    python benchmarks/run.py [--sizes 1,10,100] [--repeat 5] [--out benchmarks/RESULTS.md]

For each N it makes (once, in a cache folder outside the repository) a project of N reports, then measures medians
of repeated runs: cold `rbvgraph query` for every named query (a fresh process each), warm query latency on a loaded
store, load time, the OWL 2 RL closure (cold and cached), build (cold and nothing changed), the network pages, and
peak memory; and, in the same run, plain rdflib (parse every file, same SPARQL on rdflib's engine, owlrl's closure).
Wall time and CPU time are both given: on a shared machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generate import default_cache, generate
from measure import Figure, Sample, merge, python, repeat, run_process, worker
from report import QueryRow, Results, Row, commit, section

from rbvgraph.project import project
from rbvgraph.sparql.named import catalogue

TARGETS = {  # seconds (MB for memory) at N = 1, 10, 100: the targets
    "query cold, slowest": {1: 0.5, 10: 1.5, 100: 5},
    "query warm, slowest": {1: 0.02, 10: 0.1, 100: 1},
    "closure cold (OWL 2 RL)": {1: 3, 10: 15, 100: 120},
    "build, nothing changed": {1: 1, 10: 2, 100: 10},
    "peak memory": {100: 4096},
}


@dataclass
class Size:
    """Everything measured at one N, before it becomes table rows."""

    n: int
    home: Path
    env: dict
    inference: str = "owlrl"
    peaks: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def pairs_figure(pairs: list | None) -> Figure:
    """A Figure from [wall, CPU] pairs (null = ran past the budget)."""
    figure = Figure()
    for pair in pairs or []:
        if pair is None:
            figure.over = True
            continue
        figure.samples.append(pair[0])
        figure.cpu.append(pair[1])
    return figure


def cli(size: Size, *args: str) -> list[str]:
    return python("-m", "rbvgraph", "--home", str(size.home), *args)


def processes(size: Size, cmd: list[str], args, before=None, budget: float | None = None) -> Figure:
    """Repeated fresh processes of ``cmd`` (``before()`` ahead of each); their peak memory is kept."""

    def once(remaining: float) -> Sample:
        if before:
            before()
        return run_process(cmd, remaining, size.env)

    figure, samples = repeat(once, args.repeat, budget or args.budget)
    size.peaks += [s.peak_mb for s in samples]
    return figure


def closure(size: Size, args, results: Results) -> None:
    """Cold (empty closure cache, fresh process) and cached, the reasoning step of a load timed alone; cold again
    with reasonable as the reasoner when it is installed (RBVGRAPH_REASONER=reasonable)."""
    cache = Path(size.env["RBVGRAPH_CACHE"])
    empty = lambda: shutil.rmtree(cache, ignore_errors=True)
    figures = {}
    for kind, before in (("cold", empty), ("cached", None)):
        figure, skip = _closure_figure(size, args, size.env, before)
        if skip:
            results.notes.append(f"closure not measured: {skip}")
            size.inference = "none"
            return
        figures[kind] = figure
        if figure.over:
            break
    if figures["cold"].over:
        size.inference = "none"
        size.notes.append(f"N={size.n}: the closure took over {args.closure_budget:.0f} s, so the other figures are "
                          "without inference (--inference none)")
    results.rows.append(Row("closure cold (OWL 2 RL)", size.n, figures["cold"], target=_target("closure cold (OWL 2 RL)", size.n)))
    if "cached" in figures:
        results.rows.append(Row("closure cached", size.n, figures["cached"]))
    if importlib.util.find_spec("reasonable") is not None:
        fast, _ = _closure_figure(size, args, {**size.env, "RBVGRAPH_REASONER": "reasonable"}, empty)
        results.rows.append(Row("closure cold, reasonable", size.n, fast, target=_target("closure cold (OWL 2 RL)", size.n),
                                note="RBVGRAPH_REASONER=reasonable"))
        empty()  # the figures after this one read owlrl's closure, made again by the first of them


def _closure_figure(size: Size, args, env: dict, before) -> tuple[Figure, str | None]:
    figure = Figure()
    for _ in range(args.repeat):
        if before:
            before()
        data, sample = worker("closure", str(size.home), "--budget", str(args.closure_budget),
                              timeout=args.closure_budget + 120, env=env)
        size.peaks.append(sample.peak_mb)
        if data and data.get("skip"):
            return figure, data["skip"]
        if data.get("step") is None:
            figure.over = True
            break
        figure.samples.append(data["step"][0])
        figure.cpu.append(data["step"][1])
        if sum(figure.samples) > args.budget:
            break
    return figure, None


def _target(measure: str, n: int) -> float | None:
    return TARGETS.get(measure, {}).get(n)


def cold_queries(size: Size, args, results: Results) -> dict[str, Figure]:
    """Each named query in a fresh process. The first query after a change (the cache is empty after the closure
    figures) computes the closure and makes the on-disk copy of the graph (big projects, see rbvgraph.graph.storecache):
    that one run is its own row, the repeats after it are the figure."""
    first = run_process(cli(size, "query", "afkortingen", "-f", "csv", "--inference", size.inference),
                        args.build_budget, size.env)
    size.peaks.append(first.peak_mb)
    results.rows.append(Row("first query after a change", size.n,
                            Figure([] if first.over else [first.seconds], [] if first.over else [first.cpu], first.over),
                            note="empty cache: computes the closure, and from 4 MB of input makes the on-disk copy; one run"))
    names = catalogue(project(size.home))
    return {name: processes(size, cli(size, "query", name, "-f", "csv", "--inference", size.inference), args)
            for name in names}


def build(size: Size, args, results: Results) -> Figure:
    """Cold (no build/ yet) and nothing changed. From N=2 on with --no-validate: the copies' IRIs carry a copy id
    (``id/r02-2020/organisatie/…``), which the IRI-scheme shape forbids (7,776 violations at N=10), so a build
    that validates stops there."""
    out = args.cache / "build" / f"n{size.n}"
    options = ["--inference", size.inference] + (["--no-validate"] if size.n > 1 else [])
    if size.n > 1:
        size.notes.append(f"N={size.n}: build with --no-validate (the copies break the IRI-scheme shape)")
    fresh = lambda: shutil.rmtree(out, ignore_errors=True)
    cold = processes(size, cli(size, "build", "-o", str(out), *options), args, fresh, args.build_budget)
    if cold.median is None and not cold.over and "--no-validate" not in options:
        options.append("--no-validate")
        size.notes.append(f"N={size.n}: build with --no-validate ({cold.note})")
        cold = processes(size, cli(size, "build", "-o", str(out), *options), args, fresh, args.build_budget)
    warm = processes(size, cli(size, "build", "-o", str(out), *options), args)  # needs the cold build's stamp
    results.rows.append(Row("build, nothing changed", size.n, warm, target=_target("build, nothing changed", size.n)))
    return cold


def store_figures(size: Size, args) -> dict:
    """Load and warm-query figures from one worker; a query that outlasts the budget is killed, marked and skipped."""
    data: dict = {}
    while True:
        done = set(data.get("warm", {}))
        part, sample = worker("store", str(size.home), "--repeat", str(args.repeat), "--inference", size.inference,
                              "--budget", str(args.budget), "--skip", ",".join(sorted(done)), idle=args.budget, env=size.env)
        size.peaks.append(sample.peak_mb)
        for key in ("load", "quads"):  # measured again by each restart: keep the first
            if key in data:
                part.pop(key, None)
        merge(data, part)
        stuck = part.get("started")
        if not sample.over or not stuck or stuck in done or stuck in data.get("warm", {}):
            return data
        data.setdefault("warm", {})[stuck] = [None]


def slowest(figures: dict[str, Figure]) -> tuple[str, Figure]:
    return max(figures.items(), key=lambda item: (item[1].median is None, item[1].median or 0))


def naive(size: Size, args) -> tuple[dict, float]:
    data, sample = worker("naive", str(size.home), "--repeat", str(args.repeat), "--budget", str(args.naive_budget),
                          "--step-budget", str(args.naive_step), timeout=args.naive_budget + 120, env=size.env)
    return data, sample.peak_mb


def median_wall(pairs) -> float | None:
    done = [p[0] for p in pairs or [] if p is not None]
    return statistics.median(done) if done else None


@dataclass
class Measured:
    """The raw figures of one N: ours per named query, the workers' data, the rdflib baseline's."""

    cold: dict[str, Figure]
    store: dict
    build_cold: Figure
    network: Figure | None
    help: Figure
    base: dict
    naive_peak: float


def measure_size(n: int, args, results: Results, first_size: bool = False) -> None:
    started = time.perf_counter()
    home = generate(n, cache=args.cache)
    cache = args.cache / "closure" / f"n{n}"
    size = Size(n, home, {**os.environ, "RBVGRAPH_CACHE": str(cache), "PYTHONUNBUFFERED": "1"})
    print(f"N={n}: {home}", file=sys.stderr)

    closure(size, args, results)
    cold = cold_queries(size, args, results)
    store = store_figures(size, args)
    build_cold = build(size, args, results)
    network = network_pages(size, args, results)
    help_figure = processes(size, python("-m", "rbvgraph", "--help"), args)
    if first_size:
        import_check(size, results)
    base, naive_peak = naive(size, args)
    measured = Measured(cold, store, build_cold, network, help_figure, base, naive_peak)
    summarise(size, args, results, measured)
    results.notes.append(f"N={n}: {store.get('quads', '?')} quads loaded (with inference: {size.inference}), plain "
                         f"rdflib parsed {base.get('triples', '?')} triples; measured in {time.perf_counter() - started:.0f} s")
    failed = base.get("failed", {})
    if failed:
        results.notes.append(f"N={n}: rdflib's engine fails on {', '.join(sorted(failed))} (its faults: see tests/test_engines.py)")
    results.notes.extend(size.notes)


def network_pages(size: Size, args, results: Results) -> Figure | None:
    data, sample = worker("network", str(size.home), "--repeat", str(args.repeat), "--inference", size.inference,
                          "--budget", str(args.budget), timeout=3 * args.budget, env=size.env)
    size.peaks.append(sample.peak_mb)
    if data.get("skip"):
        results.notes.append(f"network pages not measured: {data['skip']}")
        return None
    figure = pairs_figure(data.get("network"))
    figure.over = sample.over
    if sample.returncode != 0 and not sample.over:
        figure.note = (sample.error.strip().splitlines() or [f"exit {sample.returncode}"])[-1][:120]
    return figure


def summarise(size: Size, args, results: Results, m: Measured) -> None:
    """The per-query rows and the summary rows of one N, each with the baseline beside it."""
    n, base = size.n, m.base
    parse = median_wall(base.get("parse"))
    fixed = (base.get("import") or [0])[0] + (parse or 0)
    first, failed = base.get("first", {}), base.get("failed", {})
    naive_cold = {q: fixed + first[q][0] if first.get(q) else None for q in m.cold}
    naive_warm = {q: median_wall(base.get("warm", {}).get(q)) for q in m.cold}
    floor = fixed + args.naive_step if parse is not None else args.naive_budget
    warm = {name: pairs_figure(pairs) for name, pairs in m.store.get("warm", {}).items()}
    for name in m.cold:
        results.queries.append(QueryRow(name, n, m.cold[name], warm.get(name, Figure()), naive_cold[name],
                                        naive_warm[name], floor, args.naive_step, m.store.get("rows", {}).get(name),
                                        base.get("rows", {}).get(name), failed.get(name)))

    def add(measure, figure, naive_value=None, unit="s", note="", floor_value=None):
        results.rows.append(Row(measure, n, figure, naive_value, floor_value, _target(measure, n), unit, note))

    ran = [q for q in m.cold if q not in failed]  # the queries rdflib can answer at all
    slow_name, slow = slowest(m.cold)
    ratios = {q: naive_cold[q] / m.cold[q].median for q in ran if naive_cold[q] and m.cold[q].median}
    worst = min(ratios.items(), key=lambda item: item[1]) if ratios else None
    cut = any(naive_cold[q] is None for q in ran)
    add("query cold, slowest", slow, None if cut else max((naive_cold[q] for q in ran), default=None),
        floor_value=floor if cut else None,
        note=slow_name + (f"; smallest naive ÷ ours: {worst[1]:.1f}× ({worst[0]})" if worst else ""))
    warm_name, warm_slow = slowest(warm) if warm else ("", Figure())
    warm_cut = any(naive_warm[q] is None for q in ran)
    add("query warm, slowest", warm_slow, None if warm_cut else max((naive_warm[q] for q in ran), default=None),
        note=warm_name, floor_value=args.naive_step if warm_cut else None)
    add("load (parse into the store)", pairs_figure(m.store.get("load")), parse,
        floor_value=None if parse else args.naive_budget)
    closure_naive = (base.get("closure") or [None])[0]
    for row in results.rows:
        if row.n == n and row.measure == "closure cold (OWL 2 RL)":
            row.naive, row.naive_floor = closure_naive, None if closure_naive else args.naive_budget
    serialise = base.get("serialise")
    naive_build = fixed + sum(first[q][0] for q in ran) + serialise[0] \
        if not cut and serialise and parse else None
    add("build cold", m.build_cold, naive_build, note="naive: parse + every query + Turtle",
        floor_value=None if naive_build else args.naive_budget)
    if m.network is not None:
        add("network pages", m.network)
    add("`rbvgraph --help`", m.help)
    add("peak memory", Figure(samples=[max(size.peaks)] if size.peaks else []), m.naive_peak or None, unit="MB",
        note="largest of all rbvgraph processes")


def import_check(size: Size, results: Results) -> None:
    """Which heavy modules `rbvgraph query` imports (rdflib, owlrl, networkx, pyvis, pyshacl should stay out)."""
    data, sample = worker("imports", str(size.home), env=size.env)
    if "heavy" not in data:
        results.notes.append(f"import check failed: {sample.error.strip()[-200:]}")
        return
    heavy = ", ".join(data["heavy"]) or "none of rdflib, owlrl, networkx, pyvis, pyshacl"
    results.notes.append(f"`rbvgraph query afkortingen` (N={size.n}, inference {size.inference}) imports {heavy}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="numbers of reports (default 1,10,100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--budget", type=float, default=60, help="seconds for one figure's repeats (default 60)")
    parser.add_argument("--closure-budget", type=float, default=300, help="seconds for one cold closure (default 300)")
    parser.add_argument("--build-budget", type=float, default=600, help="seconds for the cold builds (default 600)")
    parser.add_argument("--naive-budget", type=float, default=240, help="seconds for the rdflib baseline per N (default 240)")
    parser.add_argument("--naive-step", type=float, default=60, help="seconds for one rdflib query (default 60)")
    parser.add_argument("--cache", type=Path, default=default_cache(), help="where generated projects go")
    parser.add_argument("--out", type=Path, help="append a dated section to this Markdown file")
    parser.add_argument("--label", default="", help="a few words for the section's title (e.g. 'before the load change')")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = Results()
    started, head = time.perf_counter(), commit()
    for n in sizes:
        measure_size(n, args, results, first_size=n == sizes[0])
    results.notes.append(f"whole run: {time.perf_counter() - started:.0f} s")
    text = section(results, "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:]), args.label, head)
    print(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
