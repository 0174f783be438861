"""Talking to a remote SPARQL endpoint or graph store over HTTP, with the standard library only.

Credentials: ``--user``/``--password`` are a :class:`Login`, given in the scheme the store asks for in its
``401`` challenge (HTTP Digest, as Virtuoso's ``/sparql-graph-crud-auth`` wants, or Basic, as Fuseki and GraphDB
want), else a token in ``RBVGRAPH_TOKEN`` is sent as ``Authorization: Bearer …``. Redirects are not followed (so
credentials never travel to another address); every failure becomes one :class:`EndpointError` line naming the URL.
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


class Auth:
    """How a request to a remote store says who sends it."""

    def authorization(self, method: str, url: str) -> str | None:
        """The ``Authorization`` header for a request, or None to send it without one."""
        raise NotImplementedError

    def answer(self, challenges: list[str], sent: str | None) -> bool:
        """Learn from a ``401`` (its ``WWW-Authenticate`` headers, after sending ``sent``): True when sending the
        request again may now succeed; an :class:`EndpointError` when the store asks for what this cannot give."""
        return False

    def refused(self) -> str:
        """Why the store answered 401 although this was sent, for the error line."""
        raise NotImplementedError


@dataclass(frozen=True)
class Token(Auth):
    """A bearer token, sent with every request."""

    token: str

    def authorization(self, method: str, url: str) -> str:
        return "Bearer " + self.token

    def refused(self) -> str:
        return f"the server did not accept the token in {TOKEN_ENV}"


class Login(Auth):
    """A user name and password, in the scheme the store's ``401`` challenge names: Digest when it offers Digest
    (the password itself never travels), else Basic.

    The first request to a store goes without them; once the store has named its scheme, later requests carry them
    at once (Digest with the store's nonce and a counted-up ``nc``; a ``stale`` nonce is answered once more), so
    a large upload is not sent twice and the password is never sent in the clear to a store that asks for Digest.
    The Digest response itself is computed by the standard library's :class:`urllib.request.HTTPDigestAuthHandler`.
    """

    def __init__(self, user: str, password: str):
        self.user = user
        self._password = password
        self._scheme: str | None = None  # "Basic" or "Digest", once the store has asked
        self._challenge: dict[str, str] = {}
        self._passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        self._digest = urllib.request.HTTPDigestAuthHandler(self._passwords)

    def authorization(self, method: str, url: str) -> str | None:
        if self._scheme == "Basic":
            pair = f"{self.user}:{self._password}".encode("utf-8")
            return "Basic " + base64.b64encode(pair).decode("ascii")
        if self._scheme == "Digest":
            self._passwords.add_password(None, url, self.user, self._password)
            try:
                answer = self._digest.get_authorization(urllib.request.Request(url, method=method), self._challenge)
            except (ValueError, urllib.error.URLError) as err:  # an algorithm or qop the standard library lacks
                raise EndpointError(f"{url}: cannot answer the server's Digest challenge: "
                                    f"{getattr(err, 'reason', err)}") from None
            if answer is None:
                raise EndpointError(f"{url}: the server's Digest challenge lacks a realm or nonce")
            return "Digest " + answer
        return None

    def answer(self, challenges: list[str], sent: str | None) -> bool:
        offered = {}
        for challenge in challenges:
            scheme, _, params = challenge.strip().partition(" ")
            offered.setdefault(scheme.lower(), params)
        if "digest" in offered:
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(offered["digest"]))
            stale = sent is not None and sent.startswith("Digest ") and fields.get("stale", "").lower() == "true"
            self._scheme, self._challenge = "Digest", fields
            return sent is None or stale
        if "basic" in offered:
            self._scheme = "Basic"
            return sent is None
        if offered:
            raise EndpointError(f"the server asks for {' or '.join(c.split()[0] for c in challenges)} "
                                "authentication; --user/--password give Basic or Digest, RBVGRAPH_TOKEN a Bearer token")
        return False

    def refused(self) -> str:
        return f"the server did not accept user '{self.user}' ({self._scheme or 'no scheme asked'}): " \
               "wrong user name or password, or no rights to do this"


def auth_from(user: str | None = None, password: str | None = None) -> Auth | None:
    """A :class:`Login` with ``user``/``password`` when given, else a :class:`Token` from $RBVGRAPH_TOKEN, else None."""
    if user is not None:
        if password is None:
            raise EndpointError("--user needs --password (or RBVGRAPH_PASSWORD in the environment)")
        return Login(user, password)
    token = os.environ.get(TOKEN_ENV, "").strip()
    return Token(token) if token else None


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
    """Send one request; (status, headers, body) of a 2xx answer, else :class:`EndpointError`.

    A ``401`` is answered (with ``auth``) in the scheme it asks for: the first try, the answer to the challenge,
    and one more for a stale Digest nonce at most."""
    check_url(url)
    for _ in range(3):
        sent = {"User-Agent": USER_AGENT, **(headers or {})}
        authorization = auth.authorization(method, url) if auth is not None else None
        if authorization:
            sent["Authorization"] = authorization
        req = urllib.request.Request(url, data=body, headers=sent, method=method)
        try:
            with _OPENER.open(req, timeout=timeout) as answer:
                return answer.status, dict(answer.headers.items()), answer.read()
        except urllib.error.HTTPError as err:
            detail = _snippet(err.read() or b"")
            if err.code == 401 and auth is not None and auth.answer(err.headers.get_all("WWW-Authenticate") or [],
                                                                   authorization):
                continue
            if err.code == 401:
                detail = auth.refused() if auth is not None else \
                    "the server wants a user name and password (--user, --password) or a token (RBVGRAPH_TOKEN)"
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
    raise EndpointError(f"{method} {url}: HTTP 401: {auth.refused()}")


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
