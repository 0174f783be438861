"""``rbvgraph serve``: the graph over the SPARQL 1.1 Protocol, the named queries over HTTP, and a query page.

Built on the standard library's ``ThreadingHTTPServer``: one thread per connection reads the request and
hands the query to a worker process (:mod:`.workers`), which enforces the time, size and memory
limits. The server is read-only and makes no outgoing requests: updates, LOAD and SERVICE are refused
before anything is evaluated (:mod:`rbvgraph.sparql.text`).
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pyoxigraph as ox

from .. import __version__
from ..errors import RefusedQuery, ServerError
from ..graph import Graph
from . import editor
from .protocol import GRAPH_FORMATS, ProtocolError, choose_format, negotiate, parse_request, service_description
from .workers import Limits, NamedJob, Reply, SparqlJob, WorkerPool

MAX_BODY = 1_000_000  # bytes in a POST
DRAIN_MAX = 64_000_000  # a larger refused body is not read at all: the connection is closed
SOCKET_TIMEOUT = 30  # seconds a connection may stay silent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_HOST = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9.-]+))(?::(?P<port>\d{1,5}))?$")
SD_PREFIXES = {"sd": "http://www.w3.org/ns/sparql-service-description#", "formats": "http://www.w3.org/ns/formats/",
               "dcterms": "http://purl.org/dc/terms/"}
TEXT_TYPES = {".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain",
              ".json": "application/json", ".svg": "image/svg+xml", ".csv": "text/csv", ".ttl": "text/turtle",
              ".trig": "application/trig"}
NAMED_MEDIA = {"application/sparql-results+json": "json", "application/json": "json", "text/csv": "csv",
               "text/tab-separated-values": "tsv"}


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    limits: Limits = field(default_factory=Limits)
    max_body: int = MAX_BODY
    build_dir: Path | None = None
    cors: bool = False


class App:
    """Everything a request may need, prepared once at start-up; shared read-only by the handler threads."""

    def __init__(self, graph: Graph, settings: Settings, log=None):
        from ..graph.export import serialise
        from ..sparql.named import bind, catalogue
        from ..sparql.text import bind_values
        from ..vocab import INFERRED_GRAPH

        store = graph.store

        self.settings = settings
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))
        self.catalogue = catalogue(graph.project)
        self.graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
        self.turtle = serialise(store, "turtle", "asserted")
        self.trig = serialise(store, "trig", "all")
        self.nquads = serialise(store, "nquads", "all")
        tabs = []
        for query in self.catalogue.values():
            text = bind_values(query.text, bind(query, {}, store)) if query.params else query.text
            tabs.append(editor.Tab(query.name, query.title, text))
        triples = len({(q.subject, q.predicate, q.object) for q in store
                       if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INFERRED_GRAPH)})
        self.build_dir = settings.build_dir.resolve() if settings.build_dir else None
        self.page = editor.render(tabs, self.catalogue, editor.build_pages(self.build_dir), triples)
        self.static = {p.name: p for p in editor.static_dir().iterdir() if p.is_file()}
        self.query_list = json.dumps([{
            "name": q.name, "title": q.title, "description": q.description, "url": f"/queries/{q.name}",
            "parameters": [{"name": p.name, "kind": p.kind, "default": p.default, "description": p.description}
                           for p in q.params],
        } for q in self.catalogue.values()], ensure_ascii=False, indent=1).encode("utf-8")
        self.pool = WorkerPool(settings.workers, self.nquads, graph, self.catalogue, settings.limits, self.log)

    # ------------------------------------------------------------------ routes

    def route(self, method: str, target: str, headers, body: bytes) -> Reply:
        parts = urlsplit(target)
        path = parts.path
        if path == "/sparql":
            return self.sparql(method, parts.query, headers, body)
        if method not in ("GET", "HEAD"):
            known = path in ("/", "/queries", "/rbv.ttl", "/rbv.trig") or path.startswith(("/queries/", "/static/",
                                                                                           "/build/"))
            if known:
                return Reply.error(405, f"{method} is not allowed on {path}: use GET", Allow="GET, HEAD")
            return Reply.error(404, f"nothing at {path}")
        if path == "/":
            return Reply(200, "text/html; charset=utf-8", self.page, {
                "Content-Security-Policy": _csp(), "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})
        if path == "/queries":
            return Reply(200, "application/json; charset=utf-8", self.query_list)
        if path.startswith("/queries/"):
            return self.named(unquote(path[len("/queries/"):]), parts.query, headers)
        if path == "/rbv.ttl":
            return Reply(200, "text/turtle; charset=utf-8", self.turtle)
        if path == "/rbv.trig":
            return Reply(200, "application/trig; charset=utf-8", self.trig)
        if path.startswith("/static/"):
            return self.static_file(unquote(path[len("/static/"):]))
        if path.startswith("/build/") and self.build_dir is not None:
            return self.build_file(unquote(path[len("/build/"):]))
        return Reply.error(404, f"nothing at {path} (the SPARQL endpoint is /sparql, the query page /)")

    def sparql(self, method: str, query_string: str, headers, body: bytes) -> Reply:
        from ..sparql.text import check_read_only

        if method not in ("GET", "HEAD", "POST"):
            return Reply.error(405, f"{method} is not allowed on /sparql: use GET or POST", Allow="GET, HEAD, POST")
        try:
            request = parse_request(method, query_string, headers.get("Content-Type"), body)
            if request.query is None:
                if method == "POST":
                    raise ProtocolError(400, "no query given: send query=… or an application/sparql-query body")
                key = choose_format("DESCRIBE", headers.get("Accept"), request.format)
                media, fmt = GRAPH_FORMATS[key]
                triples = service_description(self.endpoint_url(headers), self.graphs, "rbvgraph")
                prefixes = SD_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
                return Reply(200, media, ox.serialize(triples, format=fmt, prefixes=prefixes))
            check_read_only(request.query)
        except ProtocolError as err:
            return Reply.error(err.status, str(err), **err.headers)
        except RefusedQuery as err:
            return Reply.error(403, str(err))
        return self.pool.submit(SparqlJob(request.query, headers.get("Accept"), request.format,
                                          tuple(request.default_graphs), tuple(request.named_graphs)))

    def named(self, name: str, query_string: str, headers) -> Reply:
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
        return self.pool.submit(NamedJob(name, tuple(sorted(given.items())), fmt, bom))

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
        target = (root / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(root) or not target.is_file():
            return Reply.error(404, f"no file build/{relative}")
        return Reply(200, _media_type(target.name), target.read_bytes(), {"Cache-Control": "no-cache"})

    # ------------------------------------------------------------------ helpers

    def endpoint_url(self, headers) -> str:
        """http://HOST/sparql as the client addressed this server (its Host header when well-formed)."""
        host = headers.get("Host", "")
        if not _HOST.match(host):
            bound = self.settings.host if ":" not in self.settings.host else f"[{self.settings.host}]"
            host = f"{bound}:{self.settings.port}"
        return f"http://{host}/sparql"

    def host_allowed(self, headers) -> bool:
        """On a loopback address only loopback names are accepted (a guard against DNS rebinding)."""
        if self.settings.host not in LOOPBACK and not self.settings.host.startswith("127."):
            return True
        m = _HOST.match(headers.get("Host", ""))
        if not m:
            return False
        name = (m.group("v6") or m.group("name")).lower()
        return name in LOOPBACK or name.startswith("127.") or name == self.settings.host.lower()


def _media_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_TYPES:
        return TEXT_TYPES[suffix] + "; charset=utf-8"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _csp() -> str:
    return editor.CONTENT_SECURITY_POLICY


class Handler(BaseHTTPRequestHandler):
    """Reads one request, checks its size, lets :class:`App` answer, writes the reply."""

    protocol_version = "HTTP/1.1"
    server_version = f"rbvgraph/{__version__}"
    sys_version = ""
    timeout = SOCKET_TIMEOUT
    app: App  # set on the subclass made by make_server

    def do_GET(self):
        self._handle("GET")

    def do_HEAD(self):
        self._handle("HEAD")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")

    def do_DELETE(self):
        self._handle("DELETE")

    def do_PATCH(self):
        self._handle("PATCH")

    def do_OPTIONS(self):
        self._handle("OPTIONS")

    def _handle(self, method: str) -> None:
        try:
            reply = self._answer(method)
        except Exception as err:  # the client gets one line; the log gets the kind of error, never a traceback
            self.app.log(f"rbvgraph serve: internal error on {method} {self.path[:200]}: {type(err).__name__}: {err}")
            reply = Reply.error(500, "internal server error")
            self.close_connection = True
        self._send(reply, head=method == "HEAD")

    def _answer(self, method: str) -> Reply:
        if not self.app.host_allowed(self.headers):
            self._discard_body()
            return Reply.error(403, "this server answers only requests addressed to localhost or 127.0.0.1")
        if method == "OPTIONS":
            self._discard_body()
            return Reply(204, "text/plain", b"", {"Allow": "GET, HEAD, POST, OPTIONS"})
        if method != "POST":
            self._discard_body()
            return self.app.route(method, self.path, self.headers, b"")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            return Reply.error(411, "send the request body with a Content-Length, not chunked")
        length = self.headers.get("Content-Length")
        if length is None or not length.strip().isdigit():
            self.close_connection = True
            return Reply.error(411, "a POST needs a Content-Length header")
        size = int(length)
        if size > self.app.settings.max_body:
            self._drain(size)
            self.close_connection = True
            return Reply.error(413, f"the request body has {size} bytes; the limit is {self.app.settings.max_body}")
        body = self.rfile.read(size)
        if len(body) < size:
            self.close_connection = True
            return Reply.error(400, "the request body ended before its Content-Length")
        return self.app.route(method, self.path, self.headers, body)

    def _discard_body(self) -> None:
        length = self.headers.get("Content-Length")
        if length and length.strip().isdigit() and int(length) > 0:
            self._drain(int(length))
            self.close_connection = True

    def _drain(self, size: int) -> None:
        """Read and drop a refused body, so the client sees the answer rather than a reset connection."""
        if size > DRAIN_MAX:
            return
        deadline = time.monotonic() + SOCKET_TIMEOUT
        left = size
        try:
            while left > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _send(self, reply: Reply, head: bool = False) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if self.app.settings.cors:
                self.send_header("Access-Control-Allow-Origin", "*")
                if self.command == "OPTIONS":
                    self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST")
                    self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if not head and reply.status not in (204, 304):
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True

    def send_error(self, code, message=None, explain=None):
        """Errors found by http.server itself (a bad request line, a URL over 64 KB) as one plain line."""
        self.close_connection = True
        text = message or self.responses.get(code, ("error",))[0]
        if code == 414:
            text = "the URL is too long: send a long query with POST"
        self._send(Reply.error(code, text), head=self.command == "HEAD")

    def log_message(self, format, *args):
        self.app.log(f"{self.address_string()} - {(format % args)[:300]}")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        err = sys.exc_info()[1]
        self.RequestHandlerClass.app.log(f"rbvgraph serve: connection from {client_address[0]} failed: "
                                         f"{type(err).__name__}: {err}")


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(app: App) -> ThreadingHTTPServer:
    """The HTTP server for ``app``, bound (not yet serving); :class:`ServerError` when it cannot bind."""
    handler = type("BoundHandler", (Handler,), {"app": app})
    server_class = _Server6 if ":" in app.settings.host else _Server
    try:
        return server_class((app.settings.host, app.settings.port), handler)
    except OSError as err:
        raise ServerError(f"cannot listen on {app.settings.host}:{app.settings.port}: {err.strerror or err}") from None


def serve(graph: Graph, settings: Settings, announce=None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); the workers are stopped on the way out."""
    announce = announce or (lambda message: print(message, file=sys.stderr, flush=True))
    app = App(graph, settings)
    server = make_server(app)
    settings.port = server.server_address[1]
    try:
        app.pool.start()
    except Exception as err:
        server.server_close()
        app.pool.close()
        raise ServerError(f"the query workers did not start: {err}") from None

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    host = settings.host if ":" not in settings.host else f"[{settings.host}]"
    if settings.host not in LOOPBACK and not settings.host.startswith("127."):
        announce(f"warning: listening on {settings.host}: anyone who can reach this machine can query the graph")
    announce(f"serving the graph at http://{host}:{settings.port}/sparql and the query page at "
             f"http://{host}:{settings.port}/ (pid {os.getpid()}; Ctrl-C stops)")
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.server_close()
        app.pool.close()
