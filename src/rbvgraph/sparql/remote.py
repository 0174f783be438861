"""Talking to a remote SPARQL endpoint or graph store over HTTP, with the standard library only.

Credentials: ``--user``/``--password`` give HTTP Basic authentication, else a token in ``RBVGRAPH_TOKEN`` is
sent as ``Authorization: Bearer …``. Redirects are not followed (so credentials never travel to another
address); every failure becomes one :class:`EndpointError` line naming the URL.
"""

from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from ..errors import EndpointError, InputError
from .engine import Result

TOKEN_ENV = "RBVGRAPH_TOKEN"
TIMEOUT = 120  # seconds to wait for an answer
USER_AGENT = "rbvgraph"


@dataclass(frozen=True)
class Auth:
    header: str  # the value of the Authorization header

    @classmethod
    def basic(cls, user: str, password: str) -> "Auth":
        return cls("Basic " + base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii"))

    @classmethod
    def bearer(cls, token: str) -> "Auth":
        return cls("Bearer " + token.strip())


def auth_from(user: str | None = None, password: str | None = None) -> Auth | None:
    """Basic with ``user``/``password`` when given, else Bearer with $RBVGRAPH_TOKEN when set, else None."""
    if user is not None:
        if password is None:
            raise EndpointError("--user needs --password (or RBVGRAPH_PASSWORD in the environment)")
        return Auth.basic(user, password)
    token = os.environ.get(TOKEN_ENV, "").strip()
    return Auth.bearer(token) if token else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises the 3xx as an HTTPError


_OPENER = urllib.request.build_opener(_NoRedirect())


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"'{url}' is not an http(s) URL")
    return url


def with_params(url: str, **params: str) -> str:
    """``url`` with query parameters added (after any it already has)."""
    query = urlencode(params)
    return f"{url}{'&' if urlsplit(url).query else '?'}{query}" if query else url


def _snippet(data: bytes) -> str:
    text = " ".join(data.decode("utf-8", "replace").split())
    return text[:300] + ("…" if len(text) > 300 else "")


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            auth: Auth | None = None, timeout: float = TIMEOUT) -> tuple[int, dict[str, str], bytes]:
    """Send one request; (status, headers, body) of a 2xx answer, else :class:`EndpointError`."""
    check_url(url)
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    if auth is not None:
        sent["Authorization"] = auth.header
    req = urllib.request.Request(url, data=body, headers=sent, method=method)
    try:
        with _OPENER.open(req, timeout=timeout) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as err:
        detail = _snippet(err.read() or b"")
        where = f" (redirected to {err.headers.get('Location')}: give that URL)" if 300 <= err.code < 400 else ""
        raise EndpointError(f"{method} {url}: HTTP {err.code} {err.reason}{where}"
                            + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as err:
        reason = err.reason.strerror if isinstance(err.reason, OSError) and err.reason.strerror else err.reason
        raise EndpointError(f"cannot reach {url}: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise EndpointError(f"{url} did not answer within {timeout:g} s") from None
    except (OSError, ValueError) as err:
        raise EndpointError(f"{method} {url}: {err}") from None


def run_remote(endpoint: str, text: str, bindings: dict | None = None, graph: str | None = None,
               auth: Auth | None = None, where: str = "query") -> Result:
    """Run a query at a SPARQL endpoint; parameters are bound with a VALUES clause in the query's WHERE group.

    ``graph`` (when given) is sent as ``default-graph-uri``, so the query sees the graph that
    ``rbvgraph push`` wrote, whatever the store's own default graph holds.
    """
    from .text import bind_values, query_form

    try:
        query = bind_values(text, bindings or {})
    except InputError as err:
        raise InputError(f"{where}: {err}") from None
    form = query_form(query)
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    fields = [("query", query)] + ([("default-graph-uri", graph)] if graph else [])
    accept = "application/n-triples" if graph_form else "application/sparql-results+json"
    _, headers, data = request("POST", check_url(endpoint), urlencode(fields).encode("utf-8"),
                               {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, auth)
    media = headers.get("Content-Type", "").split(";")[0].strip().lower()
    try:
        if graph_form:
            return Result("graph", triples=[ox.Triple(q.subject, q.predicate, q.object)
                                            for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])
        fmt = ox.QueryResultsFormat.XML if media.endswith("xml") else ox.QueryResultsFormat.JSON
        answer = ox.parse_query_results(data, format=fmt)
    except (SyntaxError, ValueError) as err:
        raise EndpointError(f"{endpoint} sent an answer that is not {accept} ({media or 'no type'}): {err}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    names = [v.value for v in answer.variables]
    return Result("select", variables=names, rows=[[row[n] for n in names] for row in answer])


@dataclass(frozen=True)
class Remote:
    """A SPARQL endpoint to run named queries at, the graph to ask (None: its own default graph), credentials."""

    endpoint: str
    graph: str | None = None
    auth: Auth | None = None

    def run(self, text: str, bindings: dict, where: str = "query") -> Result:
        return run_remote(self.endpoint, text, bindings, self.graph, self.auth, where)
