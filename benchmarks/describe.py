"""What the dataset description (build/void.ttl) and the ontology's pyLODE page (build/ontologie/) add to a cold
build of the real project (one report).

Each run is a fresh ``python -m rbvgraph build -o DIR --force`` with an empty closure cache (``RBVGRAPH_CACHE``
points at a new folder), once as it is and once with the two steps taken out of ``rbvgraph.site.build.STEPS``
(so pyLODE is not even imported), alternating. Beside them: the two steps alone in one process (after a first
run), and ``import pylode`` in a fresh process. Medians; prints a Markdown table and asserts nothing.

    python benchmarks/describe.py [--repeat 5] [--out benchmarks/RESULTS.md --label "what changed"]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WITHOUT = """
import sys
import rbvgraph.site.build as b
from rbvgraph.site.describe import write_description, write_ontology_docs
b.STEPS[:] = [s for s in b.STEPS if s not in (write_description, write_ontology_docs)]
from rbvgraph.cli import cli
sys.argv[0] = "rbvgraph"
cli()
"""

STEPS_ALONE = """
import time, statistics
from rbvgraph.project import project
from rbvgraph.graph import open_graph
from rbvgraph.graph.void import describe
from rbvgraph.graph.ontodoc import ontology_page
graph = open_graph(project(), "owlrl")
ontology_page(graph); describe(graph)
def best(f):
    times = []
    for _ in range({repeat}):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return statistics.median(times)
print(best(lambda: describe(graph)), best(lambda: ontology_page(graph)))
"""


def _run(args: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process; on a shared machine the CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median(pairs: list[tuple[float, float]], which: int) -> float:
    return statistics.median(p[which] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="append the table to this file")
    parser.add_argument("--label", default="dataset description and ontology page")
    options = parser.parse_args()
    with_steps, without_steps = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(options.repeat):
            for variant, times in (("with", with_steps), ("without", without_steps)):
                env = {**os.environ, "RBVGRAPH_CACHE": f"{tmp}/cache-{variant}-{run}"}
                out = f"{tmp}/build-{variant}-{run}"
                head = [sys.executable, "-m", "rbvgraph"] if variant == "with" else [sys.executable, "-c", WITHOUT]
                times.append(_run(head + ["build", "-o", out, "--force"], env))
        imports = [_run([sys.executable, "-c", "import pylode"], dict(os.environ)) for _ in range(options.repeat)]
        bare = [_run([sys.executable, "-c", "pass"], dict(os.environ)) for _ in range(options.repeat)]
        alone = subprocess.run([sys.executable, "-c", STEPS_ALONE.format(repeat=options.repeat)], check=True,
                               capture_output=True, text=True, env={**os.environ, "RBVGRAPH_CACHE": f"{tmp}/c"})
    describe_s, page_s = map(float, alone.stdout.split())
    full, base = _median(with_steps, 0), _median(without_steps, 0)
    full_cpu, base_cpu = _median(with_steps, 1), _median(without_steps, 1)
    load = os.getloadavg()[0]
    lines = [
        f"## {options.label} ({time.strftime('%Y-%m-%d')}, N=1, medians of {options.repeat})", "",
        f"`python benchmarks/describe.py --repeat {options.repeat}`; load average {load:.1f} on "
        f"{os.cpu_count()} CPUs. A cold build: a fresh process, an empty closure cache, `--force`.", "",
        "| figure | wall | CPU |", "|---|---:|---:|",
        f"| cold `rbvgraph build` with the description and the ontology page (target for the whole build ≤ 5 s) "
        f"| {full:.2f} s | {full_cpu:.2f} s |",
        f"| the same build without those two steps | {base:.2f} s | {base_cpu:.2f} s |",
        f"| what the two steps add | {full - base:.2f} s | {full_cpu - base_cpu:.2f} s |",
        f"| `import pylode` in a fresh process (interpreter start-up: {_median(bare, 0) * 1000:.0f} ms wall) "
        f"| {_median(imports, 0):.2f} s | {_median(imports, 1):.2f} s |",
        f"| the description alone (`graph.void.describe`, warm) | {describe_s * 1000:.0f} ms | |",
        f"| the pyLODE page alone (`graph.ontodoc.ontology_page`, warm) | {page_s * 1000:.0f} ms | |", ""]
    text = "\n".join(lines)
    print(text)
    if options.out:
        with options.out.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
