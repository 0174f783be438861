"""The measurements made inside one fresh process (run by benchmarks/run.py); each prints one JSON line.

    python benchmarks/tasks.py store   HOME --repeat 5 --inference owlrl   # load time, warm query latency
    python benchmarks/tasks.py closure HOME --budget 300                   # load_store(inference="owlrl")
    python benchmarks/tasks.py network HOME --repeat 5                     # write the network pages
    python benchmarks/tasks.py naive   HOME --repeat 5 --budget 300        # plain rdflib: parse, query, owlrl
    python benchmarks/tasks.py imports HOME                                # heavy modules `rbvgraph query` imports

Each step's figures are printed as a JSON line as soon as they are known (the runner merges them); times are
[wall, CPU] pairs in seconds, null where a step ran past its budget.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import timed

from rbvgraph.project import Project, project

HEAVY = ("rdflib", "owlrl", "networkx", "pyvis", "pyshacl")


def emit(part: dict) -> None:
    """One step's figures as a JSON line, at once: the runner keeps them even if it must kill this process later."""
    print(json.dumps(part), flush=True)


class Deadline:
    """What is left of a worker's time budget; every step gets at most that."""

    def __init__(self, seconds: float | None):
        self.end = time.perf_counter() + seconds if seconds else None

    def left(self) -> float | None:
        return None if self.end is None else max(self.end - time.perf_counter(), 0.001)


def repeated(fn: Callable[[], object], times: int, deadline: Deadline | None = None) -> list:
    """[wall, CPU] of up to ``times`` calls; stops at the first that runs past the deadline (recorded as null)."""
    out = []
    for _ in range(max(times, 1)):
        seconds, _ = timed(fn, deadline.left() if deadline else None)
        out.append(seconds)
        left = deadline.left() if deadline else None
        if seconds is None or (left is not None and left <= seconds[0]):
            break
    return out


def task_store(proj: Project, args) -> dict:
    """Load time (a plain load, repeated), then each named query's warm latency on one store (CLI's inference)."""
    from rbvgraph.graph import open_graph
    from rbvgraph.sparql.engine import run
    from rbvgraph.sparql.named import bind, catalogue

    for _ in range(args.repeat):
        emit({"load": [timed(lambda: open_graph(proj))[0]]})
    store = open_graph(proj, args.inference).store
    emit({"quads": len(store)})
    skip = set(filter(None, args.skip.split(",")))
    for query in catalogue(proj).values():
        if query.name in skip:
            continue
        emit({"started": query.name})
        bindings = bind(query, {}, store)
        emit({"rows": {query.name: len(run(store, query.text, bindings).rows)}})  # first run: not timed
        emit({"warm": {query.name: repeated(lambda: run(store, query.text, bindings), args.repeat, Deadline(args.budget))}})
    return {"finished": True}


def task_closure(proj: Project, args) -> dict:
    """The reasoning step alone (``add_inferred``: the closure computed, or read from the cache, and added to the
    store), timed on a store the files were loaded into first. It used to be a load with the closure minus a plain
    load, a difference of two noisy timings that came out negative (-19 ms) when the step was small."""
    from rbvgraph.graph import open_graph
    from rbvgraph.graph.reason import add_inferred

    plain, graph = timed(lambda: open_graph(proj))
    step, reasoning = timed(lambda: add_inferred(graph.store, proj, "owlrl"), args.budget)
    return {"step": step, "plain": plain, "inferred": None if reasoning is None else reasoning.triples}


def task_network(proj: Project, args) -> dict:
    from rbvgraph.graph import open_graph
    from rbvgraph.site.context import BuildContext
    from rbvgraph.site.networks import write_networks

    graph = open_graph(proj, args.inference)

    def write():
        with tempfile.TemporaryDirectory() as tmp:
            write_networks(BuildContext(graph, Path(tmp)))

    return {"network": repeated(write, args.repeat, Deadline(args.budget))}


def naive_bindings(query) -> dict:
    """A named query's default parameters as rdflib terms (what a plain-rdflib script would pass)."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from rbvgraph.vocab import PREFIXES

    def term(kind, value):
        if kind == "iri":
            prefix, _, local = value.partition(":")
            return URIRef(PREFIXES[prefix] + local if prefix in PREFIXES else value)
        datatype = XSD.integer if kind in ("integer", "year") else None
        return Literal(value, datatype=datatype)

    return {p.name: term(p.kind, p.default) for p in query.params if p.default is not None}


def task_naive(proj: Project, args) -> dict:
    """Plain rdflib: parse every file into one Graph, run each named query with rdflib's engine, then owlrl."""
    from rbvgraph.sparql.named import catalogue

    deadline = Deadline(args.budget)
    files, queries = proj.source_files(), catalogue(proj)
    imported, _ = timed(lambda: __import__("rdflib"))
    import rdflib
    from rdflib.util import guess_format

    def parse():
        graph = rdflib.Graph()
        for path in files:
            graph.parse(path, format=guess_format(str(path)))
        return graph

    emit({"import": imported})
    graph = None
    for _ in range(max(args.repeat, 1)):
        seconds, parsed = timed(parse, deadline.left())
        emit({"parse": [seconds]})
        if seconds is None:
            return {"finished": False}
        graph = parsed
        if deadline.left() <= 2 * seconds[0]:
            break
    emit({"triples": len(graph)})
    for query in queries.values():
        bindings = naive_bindings(query)
        run = lambda: list(graph.query(query.text, initBindings=bindings))
        try:
            first, rows = timed(run, min(args.step_budget, deadline.left()))
        except Exception as err:  # rdflib's own faults (see tests/test_engines.py): no figure for this query
            emit({"failed": {query.name: " ".join(str(err).split())[:120]}})
            continue
        emit({"first": {query.name: first}})
        if first is None:
            continue
        warm = repeated(run, args.repeat - 1, Deadline(min(args.step_budget, deadline.left())))
        emit({"rows": {query.name: len(rows)}, "warm": {query.name: [first] + warm}})
    emit({"serialise": timed(lambda: graph.serialize(format="turtle"), deadline.left())[0]})

    def closure():
        import owlrl

        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)

    return {"closure": timed(closure, deadline.left())[0]}


def task_imports(proj: Project, args) -> dict:
    """Run `rbvgraph query afkortingen -f csv` in this process; which heavy modules did it import?"""
    from rbvgraph.cli import cli

    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["--home", str(proj.root), "query", "afkortingen", "-f", "csv"], standalone_mode=False)
    return {"heavy": [m for m in HEAVY if m in sys.modules]}


TASKS = {"store": task_store, "closure": task_closure, "network": task_network, "naive": task_naive,
         "imports": task_imports}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("task", choices=sorted(TASKS))
    parser.add_argument("home", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--inference", default="none")
    parser.add_argument("--budget", type=float, default=None, help="seconds for the whole task")
    parser.add_argument("--step-budget", type=float, default=120.0, help="seconds for one naive query")
    parser.add_argument("--skip", default="", help="store: named queries to leave out (comma-separated)")
    args = parser.parse_args(argv)
    print(json.dumps(TASKS[args.task](project(args.home), args)))


if __name__ == "__main__":
    main()
