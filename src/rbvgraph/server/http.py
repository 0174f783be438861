"""The HTTP side of ``rbvgraph serve``: uvicorn (with h11, the strict HTTP/1.1 parser) and the checks every
request passes before :class:`.app.App` sees it.

uvicorn and h11 parse the framing: two different Content-Length headers, a malformed length, a bad chunk, two
Host headers or a missing one are refused there (400). On top of that, every request here must

- be HTTP/1.0 or 1.1 (h11 hands an ``HTTP/2.0`` request line on: 505) with a path as its target, not a full
  URL (``GET http://evil.example/sparql``: 400);
- be addressed to this server: ``localhost``, an IP address (a loopback one when the server listens on
  loopback), or a name given with ``--allow-host`` (a guard against DNS rebinding: 403);
- not carry both Content-Length and Transfer-Encoding (400), and send its body within the request timeout
  (408) and within the size limit (413);
- carry the access token when the server has one (``Authorization: Bearer …``, or HTTP Basic with the token as
  password, which a browser asks for by itself: 401), compared in constant time.

A request head must also arrive within the request timeout (uvicorn itself waits forever for an idle or
half-sent request): :class:`StrictH11Protocol`. Queries then take their turn at the workers through
:class:`.fairness.FairScheduler`.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import ipaddress
import json
import signal
import socket

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .. import __version__
from ..errors import ServerError
from ..graph import Graph
from .app import App, Job, Settings, is_loopback
from .fairness import Busy, FairScheduler, client_key
from .workers import Reply

KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open after a response
MAX_URL = 65_536  # bytes of request target; a longer query goes in a POST body
MAX_HEAD = 96 * 1024  # bytes of request head h11 collects (the URL and the headers)
DRAIN_MAX = 64_000_000  # a refused body up to this size is read and dropped, so the client sees the answer
MAX_CONNECTIONS = 512  # open connections and requests under way together (uvicorn answers 503 past it)
CHUNK = 64 * 1024  # an answer is sent in pieces, each of which the client must take within the request timeout


class StrictH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head, so that idle or dribbling connections cannot
    hold the server's sockets open (uvicorn's own keep-alive timer starts only after a first response)."""

    head_timeout = 10.0  # set from Settings.request_timeout when the server starts
    _head_timer = None

    def connection_made(self, transport):
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # an answer goes out as two writes (head, body): with Nagle's algorithm the body waits for the
            # client's delayed ACK of the head, 40 ms on every request of a kept-alive connection
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._arm()

    def _arm(self):
        self._disarm()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _disarm(self):
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def data_received(self, data):
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # a whole request head has arrived
            self._disarm()

    def on_response_complete(self):
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request head must arrive in time too

    def connection_lost(self, exc):
        self._disarm()
        super().connection_lost(exc)

    def _head_timed_out(self):
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


class Headers:
    """A request's headers, looked up without regard to case (the first of repeated ones)."""

    def __init__(self, raw: list[tuple[bytes, bytes]]):
        self.raw = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in raw]

    def get(self, name: str, default=None):
        name = name.lower()
        return next((v for k, v in self.raw if k == name), default)

    def all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.raw if k == name]


def host_allowed(value: str, settings: Settings) -> bool:
    """Whether a Host header names this server: localhost, an IP address (only a loopback one when the server
    listens on loopback), or a name given with --allow-host; a port, when given, must be the server's."""
    host, port = value.lower(), ""
    if "%" in host:  # an IPv6 zone (``[::1%lo]``) names an interface of the client's machine, not this server
        return False
    if host.startswith("["):
        host, _, rest = host[1:].partition("]")
        if rest:
            if not rest.startswith(":"):
                return False
            port = rest[1:]
    elif host.count(":") == 1:
        host, port = host.split(":")
    if port and port != str(settings.port):
        return False
    if host == "localhost" or host in (name.lower() for name in settings.allowed_hosts):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or not settings.loopback


def _token_given(headers: Headers, token: str) -> bool:
    kind, _, value = (headers.get("authorization") or "").partition(" ")
    if kind.lower() == "bearer":
        return hmac.compare_digest(value.strip().encode(), token.encode())
    if kind.lower() == "basic":
        try:
            _, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(password.encode(), token.encode())
    return False


class Server:
    """The ASGI application: checks a request, reads its body, lets the App answer, sends the reply."""

    def __init__(self, app: App, settings: Settings):
        self.app = app
        self.settings = settings
        # a query waits for its turn at most three query time limits (or half a minute): with turns taken in
        # rotation it gets one before that unless far more clients than workers are queued
        self.scheduler = FairScheduler(settings.workers, settings.per_client, settings.max_waiting,
                                       max(30.0, 3 * settings.limits.timeout))

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return
        method = scope["method"]
        headers = Headers(scope["headers"])
        read = {"body": False}
        try:
            reply = await self._answer(scope, receive, headers, read)
        except Busy as busy:
            reply = Reply.error(busy.status, str(busy), **({"Retry-After": str(busy.retry_after)}
                                                           if busy.retry_after else {}))
            if busy.status in (408, 413):
                reply.headers["Connection"] = "close"
        except Exception as err:  # one line in the log, one line to the client, never a traceback
            self.app.log(f"rbvgraph serve: internal error on {method} {scope.get('path', '')[:200]}: "
                         f"{type(err).__name__}: {err}")
            reply = Reply.error(500, "internal server error")
        if not read["body"] and (headers.get("transfer-encoding") or (headers.get("content-length") or "0") != "0"):
            _closing(reply)  # a body that was not read would keep the connection in mid-request: close it
        try:
            await self._send(send, reply, method, headers)
        except TimeoutError:  # the client stopped reading: returning unfinished makes uvicorn close the connection
            self.app.log(f"rbvgraph serve: a client did not take its answer within {self.settings.request_timeout:g} s")

    async def _answer(self, scope, receive, headers: Headers, read: dict) -> Reply:
        method, settings = scope["method"], self.settings
        if scope["http_version"] not in ("1.0", "1.1"):
            return _closing(Reply.error(505, "only HTTP/1.0 and HTTP/1.1 are served"))
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if not raw_path.startswith(b"/"):
            return _closing(Reply.error(400, "the request target must be a path, not a full URL"))
        hosts = headers.all("host")
        if len(hosts) != 1 or not host_allowed(hosts[0].strip(), settings):
            return _closing(Reply.error(403, "this server answers only requests addressed to it by localhost, "
                                             "its address, or a name given with --allow-host"))
        if headers.get("content-length") is not None and headers.get("transfer-encoding") is not None:
            return _closing(Reply.error(400, "a request may not carry both Content-Length and Transfer-Encoding"))
        if len(raw_path) + len(scope.get("query_string") or b"") > MAX_URL:
            return _closing(Reply.error(414, "the URL is too long: send a long query with POST"))
        path = scope["path"]
        if path == "/health":
            return self._health(method)
        if path.startswith("//"):  # '//host/…' is a network-path reference, not a path: proxies would read a host
            return _closing(Reply.error(400, "the request target must be a path starting with a single '/'"))
        allow = "GET, HEAD, POST, OPTIONS" if path == "/sparql" else "GET, HEAD, OPTIONS"
        if method == "OPTIONS" and settings.cors:  # a browser's preflight carries no credentials
            return Reply(204, "text/plain", b"", {"Allow": allow})
        if settings.token and not _token_given(headers, settings.token):
            return Reply.error(401, "this server needs its access token: send 'Authorization: Bearer TOKEN'",
                               **{"WWW-Authenticate": 'Basic realm="rbvgraph", charset="UTF-8"'})
        if method == "OPTIONS":
            return Reply(204, "text/plain", b"", {"Allow": allow})
        body = b""
        if method == "POST":
            body = await self._body(receive, headers)
            read["body"] = True
        target = raw_path.decode("latin-1") + (f"?{scope['query_string'].decode('latin-1')}"
                                              if scope.get("query_string") else "")
        answer = self.app.route(method, target, headers, body)
        if isinstance(answer, Reply):
            return answer
        return await self._run(scope, answer)

    async def _run(self, scope, job: Job) -> Reply:
        client = client_key(scope, self.settings.behind_proxy)
        return await self.scheduler.run(client, self.app.pool.submit, job)

    async def _body(self, receive, headers: Headers) -> bytes:
        limit = self.settings.max_body
        declared = headers.get("content-length")
        if declared is not None and int(declared) > limit:  # h11 has checked that it is a number
            if int(declared) <= DRAIN_MAX:
                await self._drain(receive)
            raise Busy(413, 0, f"the request body has {declared} bytes; the limit is {limit}")
        body = bytearray()
        try:
            async with asyncio.timeout(self.settings.request_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        break
                    body += message.get("body", b"")
                    if len(body) > limit:
                        raise Busy(413, 0, f"the request body is larger than the limit of {limit} bytes")
                    if not message.get("more_body"):
                        break
        except TimeoutError:
            raise Busy(408, 0, f"the request body did not arrive within {self.settings.request_timeout:g} s") from None
        return bytes(body)

    async def _drain(self, receive) -> None:
        """Read a refused body and drop it (within the request timeout), so the client is not cut off mid-send."""
        try:
            async with asyncio.timeout(self.settings.request_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect" or not message.get("more_body"):
                        return
        except TimeoutError:
            return

    def _health(self, method: str) -> Reply:
        if method not in ("GET", "HEAD"):
            return Reply.error(405, f"{method} is not allowed on /health: use GET", Allow="GET, HEAD")
        state = {"status": "ok", "workers": self.settings.workers, "busy": self.scheduler.busy,
                 "waiting": self.scheduler.n_waiting, "isolation": self.app.pool.isolation}
        return Reply(200, "application/json", json.dumps(state).encode("utf-8"), {"Cache-Control": "no-store"})

    async def _send(self, send, reply: Reply, method: str, headers: Headers) -> None:
        out = [(b"content-type", reply.content_type.encode("latin-1")),
               (b"content-length", str(len(reply.body)).encode())]
        if self.settings.cors and "Access-Control-Allow-Origin" not in reply.headers:
            out.append((b"access-control-allow-origin", b"*"))
            if method == "OPTIONS":
                out += [(b"access-control-allow-methods", b"GET, HEAD, POST"),
                        (b"access-control-allow-headers", b"Accept, Authorization, Content-Type")]
        out += [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in reply.headers.items()]
        await send({"type": "http.response.start", "status": reply.status, "headers": out})
        body = b"" if method == "HEAD" or reply.status in (204, 304) else reply.body
        # in pieces, so that uvicorn's flow control holds back what a slow reader has not taken, and a client that
        # stops reading is dropped after the request timeout instead of holding the answer in memory
        async with asyncio.timeout(self.settings.request_timeout + len(body) / 1_000_000):
            for start in range(0, max(len(body), 1), CHUNK):
                piece = body[start:start + CHUNK]
                await send({"type": "http.response.body", "body": piece, "more_body": start + CHUNK < len(body)})


def _closing(reply: Reply) -> Reply:
    reply.headers["Connection"] = "close"
    return reply


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ServerError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def serve(graph: Graph, settings: Settings, announce) -> None:
    """Serve the graph until Ctrl-C or SIGTERM; requests under way are answered first, then the workers stop."""
    import uvicorn

    app = App(graph, settings)
    sock = _bind(settings.host, settings.port)
    settings.port = sock.getsockname()[1]
    try:
        app.pool.start()
    except Exception as err:
        sock.close()
        app.pool.close()
        raise ServerError(f"the query workers did not start: {err}") from None
    protocol = type("Protocol", (StrictH11Protocol,), {"head_timeout": settings.request_timeout})
    config = uvicorn.Config(Server(app, settings), http=protocol, lifespan="off", log_level="warning",
                            access_log=False, server_header=False, date_header=True,
                            h11_max_incomplete_event_size=MAX_HEAD, limit_concurrency=MAX_CONNECTIONS,
                            timeout_keep_alive=KEEP_ALIVE, timeout_graceful_shutdown=int(settings.limits.timeout) + 2,
                            headers=[("server", f"rbvgraph/{__version__}")])
    server = uvicorn.Server(config)
    host = settings.host if ":" not in settings.host else f"[{settings.host}]"
    if app.pool.isolation.startswith("none"):
        announce(f"warning: the query workers can open network connections on this system ({app.pool.isolation}); "
                 "only the check of each query keeps SERVICE out")
    if not is_loopback(settings.host):
        who = "anyone with the access token" if settings.token else "anyone"
        announce(f"warning: listening on {settings.host}: {who} who can reach this machine can query the graph")
    announce(f"serving the graph at http://{host}:{settings.port}/sparql and the query page at "
             f"http://{host}:{settings.port}/ (query workers: {settings.workers}, network cut off by "
             f"{app.pool.isolation}; Ctrl-C stops)")
    # uvicorn stops gracefully on SIGINT and SIGTERM, then raises the signal again for the handler it found:
    # let that handler do nothing, so that the command ends normally (exit 0) rather than by the signal
    previous = {number: signal.signal(number, lambda *_: None) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(server.serve(sockets=[sock]))
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        sock.close()
        app.pool.close()
        announce("stopped")
