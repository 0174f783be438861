"""Speed of search at N reports: building the index, a search in a fresh process, a search in a running one.

    python benchmarks/search.py [--sizes 1,10] [--repeat 5] [--out benchmarks/RESULTS.md --label "…"]

For each N (projects made by generate.py, as for run.py) it measures, as medians:

- index build: ``graph.search.build_index`` on the graph loaded in memory (in a child process);
- first search: ``rbvgraph search riec`` in a fresh process with no index in the cache (it opens the graph, builds
  the index and keeps it);
- cold search: the same with the index in the cache (what every later search costs until an input file changes);
- cold query with a name: ``rbvgraph query organisaties-per-thema -p thema=Zorg`` (the forgiving look-up reads the
  same cached index);
- warm search: ``SearchIndex.search`` in a running process over the 62 searches of tests/test_search_quality.py
  (median and slowest), what a server answering ``/search?q=`` pays.

Each fresh process has its own cache folder ($RBVGRAPH_CACHE) for the run; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import generate
from measure import Figure, python, repeat, run_process
from report import commit, fmt, machine

HERE = Path(__file__).resolve().parent
TARGETS = {"cold search": {1: 0.3, 100: 1.0}, "warm search, slowest": {1: 0.05, 10: 0.05, 100: 0.05},
           "index build": {1: 1.0}}


def inner(task: str, home: str, repeats: int) -> None:
    """In a child process: the index build or the warm searches, as one JSON line."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from rbvgraph.graph import open_graph
    from rbvgraph.graph.search import build_index
    from rbvgraph.project import project

    store = open_graph(project(home), "none").store
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        index = build_index(store)
        times.append(time.perf_counter() - started)
    if task == "build":
        print(json.dumps({"build": times}))
        return
    from test_search_quality import CASES

    searches = []
    for text, *_ in CASES:
        started = time.perf_counter()
        index.search(text)
        searches.append(time.perf_counter() - started)
    print(json.dumps({"warm": searches}))


def child(task: str, home: Path, repeats: int) -> dict:
    sample = run_process(python(__file__, "--inner", task, str(home), "--repeat", str(repeats)), 600)
    if sample.returncode:
        raise SystemExit(sample.error)
    return json.loads(sample.output.strip().splitlines()[-1])


def measure(n: int, repeats: int) -> dict[str, Figure]:
    home = generate(n)
    cache = Path(tempfile.mkdtemp(prefix="rbvgraph-search-bench-"))
    env = {**os.environ, "RBVGRAPH_CACHE": str(cache)}
    search = python("-m", "rbvgraph", "--home", str(home), "search", "riec", "-f", "csv")
    query = python("-m", "rbvgraph", "--home", str(home), "query", "organisaties-per-thema", "-p", "thema=Zorg", "-f", "csv")
    figures: dict[str, Figure] = {}
    try:
        run_process(search, 600, env)  # the on-disk copy of a big project, made once, is not what is measured

        def first(remaining):
            shutil.rmtree(cache / "search", ignore_errors=True)
            return run_process(search, remaining, env)

        figures["first search (builds the index)"], _ = repeat(first, repeats, 600)
        figures["cold search"], _ = repeat(lambda remaining: run_process(search, remaining, env), repeats, 600)
        figures["cold query with a name"], _ = repeat(lambda remaining: run_process(query, remaining, env), repeats, 600)
        built = Figure(samples=child("build", home, repeats)["build"])
        figures["index build"] = built
        warm = child("warm", home, 1)["warm"]
        figures["warm search, median"] = Figure(samples=[statistics.median(warm)])
        figures["warm search, slowest"] = Figure(samples=[max(warm)])
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return figures


def table(results: dict[int, dict[str, Figure]]) -> str:
    sizes = sorted(results)
    names = list(next(iter(results.values())))
    lines = ["| measure | " + " | ".join(f"N={n}" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for name in names:
        cells = []
        for n in sizes:
            figure = results[n][name]
            target = TARGETS.get(name, {}).get(n)
            mark = "" if target is None or figure.median is None else (" ✓" if figure.median <= target else " ✗")
            cells.append(fmt(figure.median) + (f" (target ≤ {fmt(target)}{mark})" if target else ""))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--label", default="search")
    parser.add_argument("--inner", nargs=2, metavar=("TASK", "HOME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        inner(args.inner[0], args.inner[1], args.repeat)
        return
    results = {n: measure(n, args.repeat) for n in (int(s) for s in args.sizes.split(","))}
    text = table(results)
    print(text)
    if args.out:
        load = os.getloadavg()[0]
        head = [f"## {time.strftime('%Y-%m-%d %H:%M')}: {args.label}", "", *machine(),
                f"- commit: {commit()}; load average {load:.1f}; medians of {args.repeat} runs", "",
                f"`python benchmarks/search.py --sizes {args.sizes} --repeat {args.repeat}`", ""]
        with args.out.open("a", encoding="utf-8") as out:
            out.write("\n" + "\n".join(head) + "\n" + text + "\n")


if __name__ == "__main__":
    main()
