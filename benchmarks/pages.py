"""The entity pages and resolving IRIs, measured (figures, not tests).

    python benchmarks/pages.py [--sizes 1,10,100] [--repeat 3] [--requests 200]

For each N (a project of N reports, made by generate.py): a cold ``rbvgraph build`` (a new output folder, the
closure cached as after any earlier command) with the entity pages, median of --repeat runs, once with an empty
chart cache and once with the charts cached (at N=100 only once, charts drawn); and, in one process on a graph loaded once, the time of each build
step, so that the pages' own share shows. Then, at N=1, ``rbvgraph serve`` on 127.0.0.1 with that build: the
latency of ``GET /id/…`` (the 303) and of ``GET /doc/….ttl`` (a description made by a query worker), warm (after
one request each), over --requests requests to things of every kind.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from generate import generate
from measure import python



def cold_build(home: Path, out: Path, env: dict, no_validate: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``rbvgraph build`` into a folder that does not exist yet."""
    shutil.rmtree(out, ignore_errors=True)
    before = os.times()
    started = time.monotonic()
    subprocess.run(python("-m", "rbvgraph", "--home", str(home), "build", "-o", str(out),
                          *(["--no-validate"] if no_validate else [])), env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    return time.monotonic() - started, (after.children_user - before.children_user
                                        + after.children_system - before.children_system)


def steps(home: Path, env: dict) -> dict[str, float]:
    """Seconds of each build step on a graph loaded once (a fresh process; charts as the cache has them)."""
    code = f"""
import sys, time, tempfile
from pathlib import Path
from rbvgraph.project import project
from rbvgraph.graph import open_graph
from rbvgraph.site.build import STEPS
from rbvgraph.site.context import BuildContext
graph = open_graph(project({str(home)!r}), "owlrl")
ctx = BuildContext(graph, Path(tempfile.mkdtemp()))
for step in STEPS:
    started = time.monotonic(); step(ctx); print(step.__name__, time.monotonic() - started)
print("pages", sum(1 for w in ctx.written if w.startswith("id/")))
"""
    out = subprocess.run(python("-c", code), env=env, check=True, capture_output=True, text=True).stdout
    return {name: float(value) for name, value in (line.split() for line in out.splitlines())}


def latency(port: int, paths: list[str], accept: str) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = []
    for path in paths:
        started = time.monotonic()
        conn.request("GET", path, headers={"Accept": accept})
        response = conn.getresponse()
        response.read()
        times.append(time.monotonic() - started)
        assert response.status in (200, 303), (path, response.status)
    conn.close()
    return times


def serve_figures(home: Path, build: Path, env: dict, requests: int) -> dict[str, list[float]]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(python("-m", "rbvgraph", "--home", str(home), "serve", "--port", str(port),
                                     "--build", str(build), "--workers", "1"), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/health")
                break
            except OSError:
                time.sleep(0.2)
        things = sorted(p.relative_to(build / "id").with_suffix("").as_posix() for p in (build / "id").rglob("*.html"))
        chosen = [things[(i * 97) % len(things)] for i in range(requests)]
        ids = [f"/id/{t}" for t in chosen]
        docs = [f"/doc/{t}.ttl" for t in chosen]
        latency(port, ids[:1] + docs[:1], "text/turtle")  # warm
        return {"GET /id/… (303), Accept text/html": latency(port, ids, "text/html"),
                "GET /id/… (303), Accept text/turtle": latency(port, ids, "text/turtle"),
                "GET /doc/….ttl (description)": latency(port, docs, "text/turtle")}
    finally:
        server.terminate()
        server.wait(30)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="rbvgraph-pages-bench-"))
    env = {**os.environ, "RBVGRAPH_CACHE": str(work / "cache")}
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for n in (int(s) for s in args.sizes.split(",")):
        home = generate(n)
        out = work / f"build-n{n}"
        subprocess.run(python("-m", "rbvgraph", "--home", str(home), "reason"), env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # the closure cached, as usual
        repeat = args.repeat if n < 100 else 1
        fresh = []
        for _ in range(repeat):
            shutil.rmtree(work / "cache" / "charts", ignore_errors=True)
            fresh.append(cold_build(home, out, env, n > 1))
        # at N=100 a build takes minutes: the steps below show what cached charts save
        cached = [cold_build(home, out, env, n > 1) for _ in range(repeat)] if n < 100 else []
        for label, runs in (("charts drawn", fresh), ("charts cached", cached)):
            if not runs:
                continue
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"N={n}: cold build ({label}): {wall:.2f} s wall, {cpu:.2f} s CPU (median of {len(runs)})")
        for name, seconds in steps(home, env).items():
            print(f"N={n}:   {name}: {seconds:.2f}" + ("" if name == "pages" else " s"))
        if n == 1:
            for label, times in serve_figures(home, out, env, args.requests).items():
                times.sort()
                print(f"N=1: {label}: median {statistics.median(times) * 1000:.1f} ms, "
                      f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms "
                      f"({len(times)} requests)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
