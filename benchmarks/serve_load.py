"""`rbvgraph serve` under load and under hostile bodies, measured from outside (figures, not tests).

    python benchmarks/serve_load.py [--clients 30] [--requests 20] [--workers 2]

Starts `python -m rbvgraph serve` on a free port of 127.0.0.1 (the rbvgraph that `python` imports: set PYTHONPATH
to measure another checkout), then

1. load: CLIENTS threads each send REQUESTS mixed requests one after another (named queries, SELECT and CONSTRUCT
   over the protocol, the service description, the query page); prints p50/p99 latency and the statuses;
2. hostile bodies: one POST each of about 1 MB built to be expensive for a checker (escape chains, 10^5 braces,
   10^5 variables, a FILTER chain); prints the status, the wall time and the CPU time the server's own process
   (not its query workers) spent on it, read from /proc.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import quote

MIXED = [
    ("GET", "/queries/partners?format=csv", None),
    ("GET", "/queries/afkortingen", None),
    ("GET", "/sparql?query=" + quote("PREFIX rbv: <https://w3id.org/rbvgraph/def#> SELECT ?g WHERE "
                                     "{ ?g a rbv:Gemeente } ORDER BY ?g"), None),
    ("POST", "/sparql", "PREFIX rbv: <https://w3id.org/rbvgraph/def#> CONSTRUCT { ?x rbv:afkorting ?a } "
                        "WHERE { ?x rbv:afkorting ?a }"),
    ("GET", "/sparql", None),
    ("GET", "/", None),
]

HOSTILE = {
    "escape chain (\\u005C x 160,000)": "SELECT * { ?s ?p " + "\\u005C" * 160_000 + " }",
    "490,000 nested braces": "SELECT * " + "{" * 490_000 + "}" * 490_000,
    "100,000 variables": "SELECT " + " ".join(f"?v{i}" for i in range(100_000)) + " { ?s ?p ?o }",
    "FILTER && chain, 1 MB": "SELECT * { ?s ?p ?o FILTER(" + " && ".join(["?o"] * 165_000) + ") }",
    "escape chain, 300 KB": "SELECT * { ?s ?p " + "\\u005C" * 50_000 + " }",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, body: str | None, timeout: float = 120) -> tuple[int, float]:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Content-Type": "application/sparql-query"} if body is not None else {}
    try:
        conn.request(method, path, body.encode() if body is not None else None, headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except (OSError, http.client.HTTPException) as err:
        status = f"{type(err).__name__}"
    finally:
        conn.close()
    return status, time.monotonic() - started


def cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "rbvgraph", "serve", "--port", str(port), "--workers",
                               str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while request(port, "GET", "/sparql", None, 2)[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the server did not start")
            time.sleep(0.3)
        results: list[tuple[object, float]] = []

        def client(k: int) -> None:
            for i in range(args.requests):
                method, path, body = MIXED[(k + i) % len(MIXED)]
                results.append(request(port, method, path, body))

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        latencies = sorted(seconds for _, seconds in results)
        statuses: dict = {}
        for status, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
        print(f"load: {len(results)} requests from {args.clients} clients in {wall:.1f} s; "
              f"p50 {p(0.5) * 1000:.0f} ms, p99 {p(0.99) * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms; "
              f"statuses {dict(sorted(statuses.items(), key=str))}")
        for name, text in HOSTILE.items():
            before = cpu_seconds(server.pid)
            status, seconds = request(port, "POST", "/sparql", text)
            used = cpu_seconds(server.pid) - before
            print(f"hostile: {name} ({len(text.encode()) / 1e6:.2f} MB): {status} in {seconds * 1000:.0f} ms, "
                  f"server process CPU {used * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
