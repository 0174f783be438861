"""Running the server's queries in worker processes, each with a time, size and memory limit and no network.

Oxigraph cannot stop a query once it runs (a property path over everything can take minutes inside one call),
and a Python thread cannot be stopped at all. So every query runs in a worker process that holds its own
copy of the graph; a worker that passes its deadline is killed and replaced, and the client gets a 503.
Inside the worker a second, softer check stops a result that is still being written when the time or the
size limit is reached. The graph is handed to the workers as N-Quads made from the server's one loaded store
(see :mod:`rbvgraph.graph`), so every worker answers from the same snapshot.

A worker first cuts itself off from every network (:mod:`.sandbox`), then checks each query with the SPARQL
grammar (:mod:`rbvgraph.sparql.check`) under the query's own deadline before Oxigraph evaluates it: the check
refuses SERVICE and updates, and were it ever fooled, the query still could not reach anything.

SPARQL requests run on the server's graph (``--inference``). A named query runs on the graph its header asks for
(``# inference: …``, else none), as ``rbvgraph query NAME`` does: each worker holds one store per level the
catalogue needs, the asserted quads with that level's inferred triples, which the server works out once at start
(:func:`level_payload`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import PoolError, RbvError
from ..util.atomic import utf8
from .sandbox import isolate_network

if TYPE_CHECKING:
    from ..graph import Graph

GRACE = 1.0  # seconds the parent waits past the time limit before it kills a worker
START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds per query
    max_result_bytes: int = 16_000_000
    max_memory_mb: int = 2048  # address space per worker


@dataclass(frozen=True)
class SparqlJob:
    query: str
    accept: str | None = None  # the client's Accept header
    formats: tuple[str, ...] = ()  # or the formats it named (?format=…), which win where they fit
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri and named-graph-uri
    named_graphs: tuple[str, ...] = ()
    max_query_bytes: int = 64_000


@dataclass(frozen=True)
class NamedJob:
    name: str
    params: tuple[tuple[str, str], ...]
    format: str  # json, csv or tsv (as rbvgraph query -f)
    bom: bool = False


@dataclass(frozen=True)
class DescribeJob:
    """The description of one thing (``rbvgraph.graph.description``) in one format (a key of GRAPH_FORMATS)."""

    iri: str
    format: str


@dataclass(frozen=True)
class GraphJob:
    """One named graph, whole, in one format (a key of GRAPH_FORMATS)."""

    graph: str
    format: str


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def error(cls, status: int, message: str, **headers: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode("utf-8"), headers)


# ---------------------------------------------------------------- inside a worker process

class _Stop(Exception):
    pass


class _LimitedOutput:
    """A binary sink for pyoxigraph's serializers that stops at a size or time limit."""

    def __init__(self, max_bytes: int, deadline: float):
        self.parts: list[bytes] = []
        self.size = 0
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.stopped: str | None = None

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.max_bytes:
            self.stopped = "size"
            raise _Stop()
        if time.monotonic() > self.deadline:
            self.stopped = "time"
            raise _Stop()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def timeout_reply(limits: Limits) -> Reply:
    return Reply.error(503, f"the query took longer than the time limit of {limits.timeout:g} s and was stopped; "
                            "narrow it down (a LIMIT, fewer property paths) and try again", **{"Retry-After": "1"})


def too_large_reply(limits: Limits) -> Reply:
    return Reply.error(422, f"the result is larger than the limit of {limits.max_result_bytes} bytes; "
                            "add a LIMIT or ask for fewer columns")


def evaluate(store, job: SparqlJob, limits: Limits, deadline: float) -> Reply:
    """Run one SPARQL query on ``store`` and serialise its answer within the limits."""
    import pyoxigraph as ox

    from ..errors import RefusedQuery
    from ..sparql.check import check_query
    from .protocol import GRAPH_FORMATS, SOLUTION_FORMATS, ProtocolError, choose_format

    try:
        checked = check_query(job.query, job.max_query_bytes)
    except RefusedQuery as err:
        return Reply.error(err.status, str(err))
    options = dataset_options(job, checked.has_dataset)
    try:
        answer = store.query(job.query, **options)
    except SyntaxError as err:
        return Reply.error(400, f"SPARQL syntax error: {err}")
    except (ValueError, OSError, RuntimeError) as err:
        return Reply.error(400, f"the query cannot be evaluated: {err}")
    graph = isinstance(answer, ox.QueryTriples)
    try:  # negotiated here, where the parser has told what kind of answer this is
        key = choose_format("CONSTRUCT" if graph else "SELECT", job.accept, job.formats)
    except ProtocolError as err:
        return Reply.error(err.status, str(err))
    media, fmt = (GRAPH_FORMATS if graph else SOLUTION_FORMATS)[key]
    out = _LimitedOutput(limits.max_result_bytes, deadline)
    try:
        answer.serialize(out, format=fmt)
    except Exception as err:  # our own _Stop, or an evaluation error raised while the results stream
        if out.stopped == "size":
            return too_large_reply(limits)
        if out.stopped == "time":
            return timeout_reply(limits)
        return Reply.error(400, f"the query failed while its results were written: {err}")
    return Reply(200, media, b"".join(out.parts))


def dataset_options(job: SparqlJob, query_has_dataset: bool) -> dict:
    """The dataset a query runs on, as SPARQL 1.1 Protocol section 2.1.4 has it: the request's default-graph-uri
    and named-graph-uri when it gives either (a default graph of none when it names only named graphs), else the
    query's own FROM and FROM NAMED, else the service's dataset: the union of all graphs as default graph, and
    every graph by name."""
    import pyoxigraph as ox

    if job.default_graphs or job.named_graphs:
        return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs],
                "named_graphs": [ox.NamedNode(g) for g in job.named_graphs]}
    return {} if query_has_dataset else {"use_default_graph_as_union": True}


def answer_named(graphs: dict, catalogue: dict, job: NamedJob, limits: Limits) -> Reply:
    """A named query with its parameters bound, answered exactly as ``rbvgraph query NAME -f FORMAT``: on the graph
    of the inference level its header asks for (``graphs``: level → Graph)."""
    from ..errors import ParameterError
    from ..sparql.named import run_named
    from ..sparql.results import render

    named = catalogue.get(job.name)
    if named is None:
        return Reply.error(404, f"unknown query '{job.name}' (the list is at /queries)")
    graph = graphs[named.inference]
    try:
        result = run_named(graph, named, dict(job.params))
    except ParameterError as err:
        return Reply.error(400, str(err))
    except RbvError as err:
        return Reply.error(500, str(err))
    text = render(result, job.format, graph.store)
    body = utf8(text, job.bom)
    if len(body) > limits.max_result_bytes:
        return too_large_reply(limits)
    media = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8",
             "tsv": "text/tab-separated-values; charset=utf-8"}[job.format]
    headers = {}
    if job.bom:
        headers["Content-Disposition"] = f'attachment; filename="{job.name}.{job.format}"'
    return Reply(200, media, body, headers)


def answer_rdf(store, job: DescribeJob | GraphJob, limits: Limits, deadline: float) -> Reply:
    """A thing's description or a named graph, serialised within the size and time limits; 404 when empty."""
    import pyoxigraph as ox

    from ..graph.description import describe
    from ..vocab import PREFIXES
    from .protocol import GRAPH_FORMATS

    if isinstance(job, DescribeJob):
        triples, what = describe(store, job.iri), job.iri
    else:
        triples, what = [ox.Triple(q.subject, q.predicate, q.object)
                         for q in store.quads_for_pattern(None, None, None, ox.NamedNode(job.graph))], job.graph
    if not triples:
        return Reply.error(404, f"the graph says nothing about <{what}>")
    media, fmt = GRAPH_FORMATS[job.format]
    out = _LimitedOutput(limits.max_result_bytes, deadline)
    try:
        ox.serialize(sorted(triples, key=str), out, format=fmt,
                     prefixes=PREFIXES if fmt == ox.RdfFormat.TURTLE else None)
    except Exception:  # our own _Stop, passed through the serializer
        if out.stopped is None:
            raise
        return too_large_reply(limits) if out.stopped == "size" else timeout_reply(limits)
    return Reply(200, media, b"".join(out.parts), {"Vary": "Accept"} if isinstance(job, GraphJob) else {})


def _limit_memory(megabytes: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the time limit still holds
        return
    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def level_payload(graph: "Graph", catalogue: dict) -> dict[str, tuple[bytes, tuple]]:
    """For every inference level the named queries need besides the server's own: its inferred triples as N-Triples
    and what the reasoner said (triples, complaints), computed once in the server (or read from the closure cache)
    and handed to each worker. ``none`` needs nothing: the asserted quads are in the server's graph."""
    import pyoxigraph as ox

    from ..graph.reason import add_inferred
    from ..vocab import INFERRED_GRAPH

    inferred = ox.NamedNode(INFERRED_GRAPH)
    payload = {}
    for level in sorted({q.inference for q in catalogue.values()} - {graph.inference, "none"}):
        store = ox.Store()
        store.extend(q for q in graph.store if q.graph_name != inferred)
        done = add_inferred(store, graph.project, level)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, inferred)]
        payload[level] = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), (done.triples, done.complaints))
    return payload


def _graphs(store, like: "Graph", levels: dict, catalogue: dict) -> dict:
    """One Graph per level the catalogue needs: the server's own store, and for each other level a store of the
    asserted quads with that level's inferred triples (none: without any)."""
    import pyoxigraph as ox

    from ..graph.reason import Reasoning
    from ..vocab import INFERRED_GRAPH

    inferred = ox.NamedNode(INFERRED_GRAPH)
    graphs = {like.inference: replace(like, store=store)}
    for level in {q.inference for q in catalogue.values()} - {like.inference}:
        own = ox.Store()
        own.extend(q for q in store if q.graph_name != inferred)
        reasoning = None
        if level != "none":
            data, (count, complaints) = levels[level]
            own.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=inferred)
            reasoning = Reasoning(level, count, tuple(complaints), True)
        graphs[level] = replace(like, store=own, inference=level, reasoning=reasoning)
    return graphs


def worker_main(conn, nquads: bytes, levels: dict, like: "Graph", catalogue: dict, limits: Limits) -> None:
    """The loop of one worker process: build the stores, say ready, answer jobs until the pipe closes. ``like`` is
    the server's graph without its store (project, inference level, reasoning), which this copy shares; ``levels``
    is :func:`level_payload`."""
    isolation = isolate_network()  # first, while this process has one thread
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ["RUST_BACKTRACE"] = "0"
    import pyoxigraph as ox

    from ..sparql.check import check_query

    check_query("ASK {}")  # imports the SPARQL parser now, not on the first client's query
    store = ox.Store()
    store.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    del nquads
    graphs = _graphs(store, like, levels, catalogue)
    del levels
    _limit_memory(limits.max_memory_mb)
    conn.send(("ready", isolation))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        deadline = time.monotonic() + limits.timeout
        try:
            if isinstance(job, SparqlJob):
                reply = evaluate(store, job, limits, deadline)
            elif isinstance(job, (DescribeJob, GraphJob)):
                reply = answer_rdf(store, job, limits, deadline)
            else:
                reply = answer_named(graphs, catalogue, job, limits)
        except MemoryError:
            reply = Reply.error(503, "the query needed more memory than a worker may use")
        except Exception as err:  # never leave the parent waiting: every job gets an answer
            reply = Reply.error(500, f"internal error: {type(err).__name__}: {err}")
        try:
            conn.send(reply)
        except (BrokenPipeError, OSError):
            return


# ---------------------------------------------------------------- in the server process

class _Worker:
    def __init__(self, process, conn):
        self.process = process
        self.conn = conn

    def stop(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)


class WorkerPool:
    """A fixed number of query workers; :meth:`submit` hands a job to a free one and waits within the limit."""

    def __init__(self, size: int, nquads: bytes, graph: "Graph", catalogue: dict, limits: Limits, log=None):
        self.size = size
        self.limits = limits
        self._payload = (nquads, level_payload(graph, catalogue), replace(graph, store=None), catalogue, limits)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._context = multiprocessing.get_context("spawn")
        self._closed = False
        self._log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self._lock = threading.Lock()
        self._all: set[_Worker] = set()
        self.isolation = ""  # how the workers are kept off the network (see sandbox.isolate_network)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(child, *self._payload), daemon=True,
                                        name="rbvgraph-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        said = parent.recv() if parent.poll(START_TIMEOUT) else None
        if not (isinstance(said, tuple) and said[0] == "ready"):
            worker.stop()
            raise PoolError("a query worker did not start")
        self.isolation = said[1]
        with self._lock:
            self._all.add(worker)
        return worker

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

        def respawn():
            if self._closed:
                return
            try:
                self._idle.put(self._spawn())
            except (PoolError, EOFError, OSError) as err:
                self._log(f"rbvgraph serve: could not replace a query worker: {err}")

        threading.Thread(target=respawn, daemon=True).start()

    def submit(self, job) -> Reply:
        """The job's reply; a 503 when no worker comes free or the job overruns the time limit."""
        try:  # the scheduler hands out no more jobs than workers: a wait here is for a worker being replaced
            worker = self._idle.get(timeout=START_TIMEOUT)
        except queue.Empty:
            return Reply.error(503, "the server is busy: every query worker is in use; try again shortly",
                               **{"Retry-After": "2"})
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.limits.timeout + GRACE):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            worker.process.join(5)
            crashed = worker.process.exitcode == -signal.SIGSEGV
            self._replace(worker)
            if crashed:  # Oxigraph ran out of stack: a query too long or too deeply built for it
                return Reply.error(400, "the query is built too deeply for the query engine (it stopped on it): "
                                        "split long chains of UNION, paths, lists or operators")
            return Reply.error(503, "the query worker stopped while running this query, most likely because it "
                                    f"needed more than the memory limit of {self.limits.max_memory_mb} MB")
        self._replace(worker)
        return timeout_reply(self.limits)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
