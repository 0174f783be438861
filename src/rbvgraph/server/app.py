"""``rbvgraph serve``: the graph over the SPARQL 1.1 Protocol, the named queries over HTTP, and a query page.

:class:`App` answers a request from its parts (method, target, headers, body) with a :class:`.workers.Reply`,
or with a job for the query workers (:mod:`.workers`: time, size and memory limits, no network). The HTTP
side — uvicorn, the checks every request passes, fair turns at the workers — is :mod:`.http`.
"""

from __future__ import annotations

import json
import mimetypes
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox

from ..errors import RefusedQuery
from ..graph import Graph
from ..sparql.check import MAX_QUERY_BYTES, prescan
from . import editor
from .protocol import (GRAPH_FORMATS, ProtocolError, choose_format, negotiate, parse_request,
                       service_description)
from .linked import HTML_OFFERS, RDF_OFFERS, Resolver
from .workers import DescribeJob, GraphJob, Limits, NamedJob, Reply, SparqlJob, WorkerPool

MAX_BODY = 1_000_000  # bytes in a POST
SD_PREFIXES = {"sd": "http://www.w3.org/ns/sparql-service-description#", "formats": "http://www.w3.org/ns/formats/",
               "dcterms": "http://purl.org/dc/terms/"}
TEXT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain",
              ".json": "application/json", ".svg": "image/svg+xml", ".csv": "text/csv", ".ttl": "text/turtle",
              ".trig": "application/trig"}
# The /void and /def pages: inline styles and data: images only, nothing from any server.
PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
NAMED_MEDIA = {"application/sparql-results+json": "json", "application/json": "json", "text/csv": "csv",
               "text/tab-separated-values": "tsv"}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    limits: Limits = field(default_factory=Limits)
    max_body: int = MAX_BODY
    max_query_bytes: int = MAX_QUERY_BYTES
    build_dir: Path | None = None
    cors: bool = False
    allowed_hosts: tuple[str, ...] = ()  # host names accepted besides localhost and IP addresses (--allow-host)
    token: str | None = None  # with a token, every request but /health must carry it
    per_client: int = 32  # queries one client address may have running or waiting
    max_waiting: int = 64  # queries waiting for a worker, from all clients together
    behind_proxy: bool = False  # count clients by the last X-Forwarded-For hop
    request_timeout: float = 10.0  # seconds for a request's head, and then its body, to arrive

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


Job = SparqlJob | NamedJob | DescribeJob | GraphJob


class App:
    """Everything a request may need, prepared once at start-up; read-only while the server runs."""

    def __init__(self, graph: Graph, settings: Settings, log=None):
        from ..graph.export import serialise
        from ..graph.jsonld import context_bytes
        from ..sparql.named import bind, catalogue
        from ..sparql.text import bind_values
        from ..vocab import INFERRED_GRAPH, INSTANCES

        store = graph.store

        self.settings = settings
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.catalogue = catalogue(graph.project)
        self.graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
        self.turtle = serialise(store, "turtle", "asserted")
        self.trig = serialise(store, "trig", "all")
        self.nquads = serialise(store, "nquads", "all")
        self.context = context_bytes(store)  # the JSON-LD context of the exports, at a stable URL
        tabs = []
        for query in self.catalogue.values():
            text = bind_values(query.text, bind(query, {}, store)) if query.params else query.text
            tabs.append(editor.Tab(query.name, query.title, text))
        triples = len({(q.subject, q.predicate, q.object) for q in store
                       if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INFERRED_GRAPH)})
        self.build_dir = settings.build_dir.resolve() if settings.build_dir else None
        things = frozenset(t.value for q in store for t in (q.subject, q.object)
                           if isinstance(t, ox.NamedNode) and t.value.startswith(INSTANCES))
        self.resolver = Resolver(things, self.graphs, self.build_dir)  # /id/, /doc/ and /graph/
        self.page = editor.render(tabs, self.catalogue, editor.build_pages(self.build_dir), triples)
        self.static = {p.name: p for p in editor.static_dir().iterdir() if p.is_file()}
        self.query_list = json.dumps([{
            "name": q.name, "title": q.title, "description": q.description, "url": f"/queries/{q.name}",
            "parameters": [{"name": p.name, "kind": p.kind, "default": p.default, "description": p.description}
                           for p in q.params],
        } for q in self.catalogue.values()], ensure_ascii=False, indent=1).encode("utf-8")
        from ..graph.search import index_for

        self.search_index = index_for(graph.project, graph.store)  # built once, or read from the user cache
        from ..graph.ontodoc import ontology_page, ontology_triples
        from ..graph.void import describe, page

        self.void = describe(graph)
        self.void_page = page(self.void).encode("utf-8")
        self.ontology = ontology_triples(graph)
        self.ontology_page = ontology_page(graph).encode("utf-8")
        self.pool = WorkerPool(settings.workers, self.nquads, graph, self.catalogue, settings.limits, self.log)

    # ------------------------------------------------------------------ routes

    def route(self, method: str, target: str, headers, body: bytes) -> Reply | Job:
        """The answer to one request, or the job whose answer it is (``headers``: a case-insensitive mapping)."""
        parts = urlsplit(target)
        path = parts.path
        if path == "/sparql":
            return self.sparql(method, parts.query, headers, body)
        if method not in ("GET", "HEAD"):
            known = path in ("/", "/health", "/search", "/queries", "/rbv.ttl", "/rbv.trig", "/void", "/def",
                             "/context.jsonld") or path.startswith(("/queries/", "/static/", "/build/", "/id/", "/doc/",
                                                                     "/graph/"))
            if known:
                return Reply.error(405, f"{method} is not allowed on {path}: use GET", Allow="GET, HEAD")
            return Reply.error(404, f"nothing at {path}")
        if path == "/":
            return Reply(200, "text/html; charset=utf-8", self.page, {
                "Content-Security-Policy": _csp(), "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})
        if path == "/search":
            return self.search(parts.query)
        if path == "/queries":
            return Reply(200, "application/json; charset=utf-8", self.query_list)
        if path.startswith("/queries/"):
            return self.named(unquote(path[len("/queries/"):]), parts.query, headers)
        if path in ("/void", "/def"):
            return self.described(path, headers)
        if path == "/rbv.ttl":
            return Reply(200, "text/turtle; charset=utf-8", self.turtle)
        if path == "/rbv.trig":
            return Reply(200, "application/trig; charset=utf-8", self.trig)
        if path == "/context.jsonld":
            # a JSON-LD context is fetched by processors on any origin (jsonld.js in a browser): public, read-only
            return Reply(200, "application/ld+json", self.context, {"Access-Control-Allow-Origin": "*"})
        for prefix, answer in (("/id/", self.resolver.thing), ("/doc/", self.resolver.document),
                               ("/graph/", self.resolver.graph)):
            if path.startswith(prefix):
                return answer(unquote(path[len(prefix):]), headers.get("Accept"))
        if path.startswith("/static/"):
            return self.static_file(unquote(path[len("/static/"):]))
        if path.startswith("/build/") and self.build_dir is not None:
            return self.build_file(unquote(path[len("/build/"):]))
        return Reply.error(404, f"nothing at {path} (the SPARQL endpoint is /sparql, the query page /)")

    def sparql(self, method: str, query_string: str, headers, body: bytes) -> Reply | SparqlJob:
        if method not in ("GET", "HEAD", "POST"):
            return Reply.error(405, f"{method} is not allowed on /sparql: use GET or POST", Allow="GET, HEAD, POST")
        try:
            request = parse_request(method, query_string, headers.get("Content-Type"), body)
            if request.query is None:
                if method == "POST":
                    raise ProtocolError(400, "no query given: send query=… or an application/sparql-query body")
                if negotiate(headers.get("Accept"), {"text/turtle": "sd", "text/html": "page"}) == "page":
                    return Reply(303, "text/plain; charset=utf-8", b"the query page is at /\n",
                                 {"Location": "/", "Vary": "Accept"})
                key = choose_format("DESCRIBE", headers.get("Accept"), request.formats)
                media, fmt = GRAPH_FORMATS[key]
                triples = service_description(self.endpoint_url(headers), self.graphs, "rbvgraph")
                prefixes = SD_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
                return Reply(200, media, ox.serialize(triples, format=fmt, prefixes=prefixes), {"Vary": "Accept"})
            prescan(request.query, self.settings.max_query_bytes)  # linear; the grammar check runs in the worker
        except ProtocolError as err:
            return Reply.error(err.status, str(err), **err.headers)
        except RefusedQuery as err:
            return Reply.error(err.status, str(err))
        return SparqlJob(request.query, headers.get("Accept"), request.formats, tuple(request.default_graphs),
                         tuple(request.named_graphs), self.settings.max_query_bytes)

    def named(self, name: str, query_string: str, headers) -> Reply | NamedJob:
        if name not in self.catalogue:
            return Reply.error(404, f"unknown query '{name}' (the list is at /queries)")
        try:
            params = parse_qs(query_string, keep_blank_values=True, errors="strict", max_num_fields=100)
        except (UnicodeDecodeError, ValueError):
            return Reply.error(400, "the parameters are not valid UTF-8 or are too many")
        repeated = [k for k, v in params.items() if len(v) > 1]
        if repeated:
            return Reply.error(400, f"parameter '{repeated[0]}' is given more than once")
        given = {k: v[0] for k, v in params.items()}
        explicit = given.pop("format", None)
        if explicit is not None:
            fmt = explicit.lower()
            if fmt not in ("json", "csv", "tsv"):
                return Reply.error(400, f"unknown format '{explicit}': choose json, csv or tsv")
        else:
            fmt = negotiate(headers.get("Accept"), NAMED_MEDIA)
            if fmt is None:
                return Reply.error(406, f"cannot answer as '{headers.get('Accept')}': accept "
                                        "application/sparql-results+json, text/csv or text/tab-separated-values")
        bom = explicit is not None and fmt in ("csv", "tsv")
        return NamedJob(name, tuple(sorted(given.items())), fmt, bom)

    def search(self, query_string: str) -> Reply:
        """``/search?q=TEXT[&kind=KIND][&limit=N]``: what ``rbvgraph search`` finds, as JSON."""
        from ..errors import InputError
        from ..graph.search import kind_called

        try:
            params = parse_qs(query_string, errors="strict", max_num_fields=10)
        except (UnicodeDecodeError, ValueError):
            return Reply.error(400, "the parameters are not valid UTF-8 or are too many")
        text = " ".join(params.get("q", [""])[0].split())
        if not text or len(text) > 200:
            return Reply.error(400, "give the words to look for as q=… (at most 200 characters)")
        limit = params.get("limit", ["20"])[0]
        if not limit.isdigit() or not 1 <= int(limit) <= 200:
            return Reply.error(400, "limit must be a whole number from 1 to 200")
        try:
            kind = kind_called(params["kind"][0]) if params.get("kind") else None
        except InputError as err:
            return Reply.error(400, str(err))
        found = self.search_index.search(text, kind, int(limit))

        def hit(h):
            return {"name": h.name, "kind": h.kind, "iri": h.iri, "sections": h.sections, "matched": h.snippet}

        answer = {"q": text, "total": found.total, "corrected": found.corrected,
                  "hits": [hit(h) for h in found.hits], "suggestions": [hit(h) for h in found.suggestions]}
        return Reply(200, "application/json; charset=utf-8", json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def described(self, path: str, headers) -> Reply:
        """/void (the dataset description) and /def (the ontology): RDF by Accept, Turtle when anything goes, the
        page to a browser (it loads nothing from elsewhere; the policy makes sure)."""
        triples, page = (self.void, self.void_page) if path == "/void" else (self.ontology, self.ontology_page)
        key = negotiate(headers.get("Accept"), RDF_OFFERS | HTML_OFFERS)
        if key is None:
            return Reply.error(406, f"cannot answer {path} as '{headers.get('Accept')}': accept text/html, "
                                    "text/turtle, application/ld+json, application/rdf+xml or application/n-triples",
                               Vary="Accept")
        if key == "html":
            return Reply(200, "text/html; charset=utf-8", page, {
                "Vary": "Accept", "Content-Security-Policy": PAGE_POLICY, "Referrer-Policy": "no-referrer"})
        from ..graph.void import serialise

        media, fmt = GRAPH_FORMATS[key]
        return Reply(200, media, serialise(triples, fmt), {"Vary": "Accept"})

    def static_file(self, name: str) -> Reply:
        path = self.static.get(name)
        if path is None:
            return Reply.error(404, f"no static file '{name}'")
        media = _media_type(name)
        versioned = re.search(r"-\d+\.\d+\.\d+\.", name) is not None
        cache = "public, max-age=31536000, immutable" if versioned else "no-cache"
        return Reply(200, media, path.read_bytes(), {"Cache-Control": cache})

    def build_file(self, relative: str) -> Reply:
        root = self.build_dir
        if "\x00" in relative:
            return Reply.error(400, "bad path")
        try:
            target = (root / relative).resolve()
            if target.is_dir():
                target = target / "index.html"
            # the build's own bookkeeping (.rbvgraph-build.json) is not a page
            hidden = any(part.startswith(".") for part in target.relative_to(root).parts) \
                if target.is_relative_to(root) else True
            if hidden or not target.is_file():
                return Reply.error(404, f"no file build/{relative}")
            return Reply(200, _media_type(target.name), target.read_bytes(), {"Cache-Control": "no-cache"})
        except OSError:  # a name too long for the file system, and the like: there is no such file
            return Reply.error(404, "no such file in build/")

    # ------------------------------------------------------------------ helpers

    def endpoint_url(self, headers) -> str:
        """http://HOST/sparql as the client addressed this server (its Host header has passed the host check)."""
        return f"http://{headers.get('host', '')}/sparql"


def _media_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_TYPES:
        return TEXT_TYPES[suffix] + "; charset=utf-8"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _csp() -> str:
    return editor.CONTENT_SECURITY_POLICY
