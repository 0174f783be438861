"""Warm latency of every named query, as it is now beside as it was at an earlier commit, on the same store.

    python benchmarks/queries.py --before fa07a7d                       # N = 1 and 10 reports, 7 runs each
    python benchmarks/queries.py --before fa07a7d --sizes 1 --repeat 5 --out benchmarks/RESULTS.md --label "…"

For each size the project (the real one at N=1, a generated one from ``generate.py`` beyond) is loaded once with
the OWL 2 RL closure, as ``rbvgraph query`` answers; each query runs with its default parameters, the two texts
taking turns (so a busy moment of the machine falls on both), after one untimed run of each. Medians of the wall
time in milliseconds, and the ratio now / before. A query the earlier commit did not have is left out.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from rbvgraph.graph import open_graph  # noqa: E402
from rbvgraph.project import project  # noqa: E402
from rbvgraph.sparql.engine import run  # noqa: E402
from rbvgraph.sparql.named import bind, catalogue, read_query  # noqa: E402


def earlier_queries(rev: str, folder: Path) -> dict:
    """The named queries as they were at commit ``rev``, read from files written into ``folder``."""
    root = project().root
    names = subprocess.run(["git", "-C", str(root), "ls-tree", "--name-only", rev, "queries/"], check=True,
                           capture_output=True, text=True).stdout.split()
    out = {}
    for name in names:
        if name.endswith(".rq"):
            text = subprocess.run(["git", "-C", str(root), "show", f"{rev}:{name}"], check=True,
                                  capture_output=True, text=True).stdout
            path = folder / Path(name).name
            path.write_text(text, encoding="utf-8")
            out[path.stem] = read_query(path)
    return out


def timed(store, query, bindings) -> float:
    start = time.perf_counter()
    run(store, query.text, bindings)
    return (time.perf_counter() - start) * 1000


def measure(n: int, before: dict, repeat: int, only: set[str]) -> list[tuple]:
    proj = project() if n == 1 else project(generate(n))
    store = open_graph(proj, "owlrl").store
    rows = []
    for name, now in catalogue(project()).items():
        if name not in before or (only and name not in only):
            continue
        then = before[name]
        pair = [(then, bind(then, {}, store)), (now, bind(now, {}, store))]
        for query, bindings in pair:
            timed(store, query, bindings)
        samples: list[list[float]] = [[], []]
        for _ in range(repeat):
            for i, (query, bindings) in enumerate(pair):
                samples[i].append(timed(store, query, bindings))
        old, new = (statistics.median(s) for s in samples)
        rows.append((name, n, old, new, new / old if old else float("nan")))
        print(f"{name:34} N={n:<3} before {old:9.1f} ms  now {new:9.1f} ms  ×{new / old:5.2f}", file=sys.stderr)
    return rows


def table(rows: list[tuple], rev: str) -> str:
    lines = [f"| query | N | before ({rev}) ms | now ms | now / before |", "|---|---|---|---|---|"]
    lines += [f"| {name} | {n} | {old:.1f} | {new:.1f} | {ratio:.2f} |" for name, n, old, new, ratio in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", required=True, help="the commit whose queries/ to compare with")
    parser.add_argument("--sizes", default="1,10", help="numbers of reports (default 1,10)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each text (default 7)")
    parser.add_argument("--out", type=Path, help="append a dated section to this Markdown file")
    parser.add_argument("--label", default="", help="a few words for the section's title")
    parser.add_argument("--only", default="", help="only these queries (names, comma-separated)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        before = earlier_queries(args.before, Path(folder))
        only = set(filter(None, args.only.split(",")))
        rows = [row for n in map(int, args.sizes.split(",")) for row in measure(n, before, args.repeat, only)]
    text = table(rows, args.before)
    print(text)
    if args.out:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        with args.out.open("a", encoding="utf-8") as out:
            out.write(f"\n## {stamp}: named queries, warm, before and now{': ' + args.label if args.label else ''}\n\n"
                      f"`python benchmarks/queries.py --before {args.before} --sizes {args.sizes} --repeat "
                      f"{args.repeat}{' --only ' + args.only if args.only else ''}`; medians of {args.repeat} runs "
                      "each, the two texts taking turns on one store "
                      f"with the OWL 2 RL closure; load average {load}.\n\n{text}\n")


if __name__ == "__main__":
    main()
