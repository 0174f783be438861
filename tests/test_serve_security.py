"""``rbvgraph serve`` under attack: no outgoing request whatever the query says, only this server's own names,
HTTP framing parsed by uvicorn and h11, hostile bodies refused cheaply, the dataset a query names, fair turns."""

from __future__ import annotations

import json
import multiprocessing
import re
import socket
import threading
import time
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox
import pytest

from .servers import LOCALHOST, rbvgraph_server
from .sparql_attacks import attacks, benign
from .test_serve import call, get, one_line


class Listener:
    """A TCP listener on 127.0.0.1 that counts every connection made to it (and answers like a SPARQL endpoint)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind((LOCALHOST, 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            try:
                conn.settimeout(2)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            except OSError:
                pass
            conn.close()

    def close(self):
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    found = Listener()
    yield found
    found.close()


def _send(base: str, query: str, how: int):
    """GET, POST of a form, or POST of the query itself, in turn."""
    if how == 0:
        return get(base, query)
    if how == 1:
        return call(base, "POST", "/sparql", urlencode({"query": query}).encode(),
                    {"Content-Type": "application/x-www-form-urlencoded"})
    return call(base, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})


ATTACKS = attacks(0)


@pytest.mark.parametrize("index", range(len(ATTACKS)), ids=[label for label, _ in ATTACKS])
def test_no_spelling_of_service_or_load_makes_a_connection(served, listener, index):
    label, query = attacks(listener.port)[index]
    status, _, body = _send(served.base, query, index % 3)
    assert status in (400, 403), (label, status, body)
    assert listener.hits == 0, f"{label}: the server connected to the listener"


def test_the_corpus_is_large_and_reaches_the_listener_unchecked(listener):
    """The attacks are real: evaluated by Oxigraph without the check or the sandbox, most connect."""
    assert len(ATTACKS) >= 50
    listener.hits = 0
    store = ox.Store()
    for thing in ("http://c", "http://x/riec", "http://x/", "http://x/a", "http://x/a."):  # every left side matches
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.NamedNode(thing)))
    reached = 0
    for _, query in attacks(listener.port):
        before = listener.hits
        try:
            answer = store.query(query)
            if not isinstance(answer, ox.QueryBoolean):
                list(answer)
        except Exception:  # an update, or a text Oxigraph does not run: no connection either
            pass
        reached += listener.hits > before
    listener.hits = 0
    assert reached >= 30


@pytest.mark.parametrize("label, query", benign(0), ids=[label for label, _ in benign(0)])
def test_queries_that_only_look_like_service_run(served, label, query):
    status, _, body = get(served.base, query)
    assert status in (200, 422), (label, body)  # run (422: run, and its answer is past the size limit)


def _connect_from_an_isolated_process(port: int, queue) -> None:
    from rbvgraph.server.sandbox import isolate_network

    mode = isolate_network()
    store = ox.Store()
    try:
        list(store.query(f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"))
        outcome = "answered"
    except OSError as err:
        outcome = f"OSError {err.errno}"
    except Exception as err:
        outcome = f"{type(err).__name__}"
    queue.put((mode, outcome))


def test_a_worker_process_cannot_reach_the_network_even_when_oxigraph_runs_service(listener):
    """The second barrier on its own: after isolate_network, Oxigraph's own SERVICE call reaches nothing."""
    listener.hits = 0
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_connect_from_an_isolated_process, args=(listener.port, queue))
    process.start()
    mode, outcome = queue.get(timeout=60)
    process.join(10)
    assert mode in ("netns", "userns+netns", "seccomp")
    assert outcome != "answered"
    assert listener.hits == 0


def test_health_says_how_the_workers_are_kept_off_the_network(served):
    status, headers, body = call(served.base, "GET", "/health")
    state = json.loads(body)
    assert status == 200 and headers["content-type"] == "application/json"
    assert state["status"] == "ok" and state["workers"] == 2
    assert state["isolation"] in ("netns", "userns+netns", "seccomp")


# ------------------------------------------------------------------ whom the server answers

def _raw(base: str, request: bytes, wait: float = 10) -> bytes:
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=wait) as sock:
        sock.sendall(request)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except socket.timeout:
            pass
    return answer


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("[::1]:{port}", 200), ("127.0.0.1", 200),
    ("graaf.test:{port}", 200),
    ("127.0.0.1.nip.io:{port}", 403), ("127.evil.example", 403), ("attacker.example", 403),
    ("127.0.0.1:1", 403), ("10.0.0.1:{port}", 403), ("localhost.:{port}", 403), ("", 403),
])
def test_only_this_servers_own_names_are_answered(served, host, status):
    port = urlsplit(served.base).port
    answer = _raw(served.base, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host.format(port=port)}\r\n"
                               f"Connection: close\r\n\r\n".encode())
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]


def test_an_ipv6_zone_in_the_host_is_refused(served):
    answer = _raw(served.base, b"GET /sparql HTTP/1.1\r\nHost: [::1%lo]\r\nAccept: text/turtle\r\n"
                               b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403 ")


def test_two_host_headers_are_refused(served):
    answer = _raw(served.base, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                               b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ")


def test_a_full_url_as_target_is_refused(served):
    answer = _raw(served.base, b"GET http://evil.example/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"the request target must be a path" in answer


def test_the_service_description_names_the_host_it_was_asked_by(served):
    status, _, body = call(served.base, "GET", "/sparql", headers={"Accept": "application/n-triples"})
    assert status == 200
    port = urlsplit(served.base).port
    assert f"<http://127.0.0.1:{port}/sparql>".encode() in body


# ------------------------------------------------------------------ framing (uvicorn and h11)

@pytest.mark.parametrize("request_bytes, status", [
    (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 5\r\n"
     b"Content-Length: 40\r\n\r\nASK{}GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),
    ("POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: ²\r\n"
     "\r\nASK{}".encode(), 400),
    (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 5\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n", 400),
    (b"GET /sparql?query=ASK%7B%7D HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505),
    (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n", 400),
    (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad\x00: 1\r\n\r\n", 400),
], ids=["two content-lengths", "superscript length", "length and chunked", "HTTP/2.0 line", "no host",
        "NUL in a header"])
def test_malformed_framing_is_one_answer_with_a_status_line(served, request_bytes, status):
    answer = _raw(served.base, request_bytes)
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:200]
    assert len(re.findall(rb"(?:^|\r\n)HTTP/1\.1 \d{3} ", answer)) == 1, "no second, smuggled request answered"


@pytest.mark.slow
def test_a_body_shorter_than_its_length_times_out_with_408(served):
    started = time.monotonic()
    answer = _raw(served.base, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
                               b"\r\nContent-Length: 100\r\n\r\nASK{}", wait=15)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 2 s" in answer
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_an_idle_connection_is_closed(served):
    parts = urlsplit(served.base)
    with socket.create_connection((parts.hostname, parts.port), timeout=15) as sock:
        sock.sendall(b"GET /sparql?query=ASK")  # half a request line, then nothing
        assert sock.recv(1024) == b"", "the server closed the connection"


def test_a_body_the_server_does_not_read_closes_the_connection(served):
    """Else the connection stays mid-request, and each byte sent now and then keeps it open for ever."""
    parts = urlsplit(served.base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000000\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and answer.endswith(b"}"):
                break
        assert answer.startswith(b"HTTP/1.1 200 ") and b"connection: close" in answer.lower()
        try:
            sock.sendall(b"x")
            assert sock.recv(1024) == b"", "the server closed the connection"
        except (ConnectionResetError, BrokenPipeError):  # closed with the unread body pending: reset
            pass


@pytest.mark.slow
def test_a_client_that_stops_reading_is_dropped(busy_server):
    """An answer waits for a slow reader only so long (the request timeout, and a second per MB): the server
    does not hold answers in memory for clients that never take them."""
    parts = urlsplit(busy_server.base)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((parts.hostname, parts.port))
    query = quote("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    sock.sendall(f"GET /sparql?query={query} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Accept: application/sparql-results+xml\r\n\r\n".encode())
    time.sleep(16)  # 2 s to answer, 2 s of request timeout plus a second per MB of the answer, and then some
    sock.settimeout(10)
    received, reset = b"", False
    try:
        while chunk := sock.recv(1 << 20):
            received += chunk
    except ConnectionResetError:  # closed with data still unsent: dropped as well
        reset = True
    sock.close()
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head).group(1))
    assert head.startswith(b"HTTP/1.1 200 ") and length > 6_000_000
    assert reset or len(body) < length


# ------------------------------------------------------------------ hostile bodies

HOSTILE = {
    "escape chain": "SELECT * { ?s ?p " + "\\u005C" * 160_000 + " }",
    "100,000s of braces": "SELECT * " + "{" * 490_000 + "}" * 490_000,
    "100,000 variables": "SELECT " + " ".join(f"?v{i}" for i in range(100_000)) + " { ?s ?p ?o }",
    "deep parentheses": "SELECT * { FILTER(" + "(" * 490_000 + "1" + ")" * 490_000 + ") }",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_one_megabyte_body_is_refused_by_the_server_itself(served, name):
    body = HOSTILE[name].encode()
    assert 500_000 < len(body) <= 1_000_000
    status, _, answer = call(served.base, "POST", "/sparql", body, {"Content-Type": "application/sparql-query"})
    assert status == 400, answer
    assert one_line(answer).startswith(("the query is longer than", "the query nests brackets deeper than",
                                        "\\u and \\U escapes are not accepted"))


@pytest.mark.parametrize("query", [
    "SELECT * { ?s ?p (" + "?o " * 20_000 + ") }",
    "SELECT * { ?a ?b ?c" + ",?c" * 20_000 + " }",
    "SELECT * { " + "{} UNION " * 7_000 + "{} }",
    "PREFIX : <http://x/> SELECT * { ?s " + "/".join([":p"] * 15_000) + " ?o }",
    "SELECT * { FILTER(" + "||".join(["1"] * 15_000) + ") }",
], ids=["long list", "long object list", "7,000 UNIONs", "long path", "long || chain"])
def test_long_flat_chains_are_400_not_a_crashed_worker(served, query):
    status, _, body = call(served.base, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400
    assert one_line(body) == "the query has more than 4000 words and signs: split it up\n"


def test_nesting_past_the_limit_is_400_not_a_crashed_worker(served):
    status, _, body = get(served.base, "SELECT * " + "{" * 10_000 + "}" * 10_000)
    assert status == 400
    assert one_line(body) == "the query nests brackets deeper than 48 levels\n"
    state = json.loads(call(served.base, "GET", "/health")[2])
    assert state["busy"] == 0


# ------------------------------------------------------------------ the dataset (SPARQL 1.1 Protocol 2.1.4)

def _count(served, query: str, **params) -> int:
    status, _, body = call(served.base, "GET", "/sparql?" + urlencode({"query": query, **params}, doseq=True))
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_from_names_the_default_graph(served, store, proj):
    path = proj.triples_dir / "jaarverslag-2023" / "h2" / "2.1.4-samenwerking.ttl"
    graph = proj.graph_name(path)
    in_file = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    everything = _count(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert _count(served, f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}") == in_file < everything
    assert _count(served, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") \
        == in_file
    assert _count(served, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{graph}> WHERE {{ ?s ?p ?o }}") == 0


def test_request_graphs_win_over_the_query_and_named_graphs_alone_leave_the_default_empty(served, store, proj):
    files = [proj.triples_dir / "actoren.ttl", proj.triples_dir / "themas.ttl"]
    graphs = [proj.graph_name(p) for p in files]
    sizes = [sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in graphs]
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graphs[0]}> WHERE {{ ?s ?p ?o }}"
    assert _count(served, query, **{"default-graph-uri": graphs[1]}) == sizes[1]
    assert _count(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"named-graph-uri": graphs[0]}) == 0
    assert _count(served, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                  **{"named-graph-uri": graphs[0]}) == sizes[0]


# ------------------------------------------------------------------ an access token, and listening beyond loopback

@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    server = rbvgraph_server(tmp_path_factory.mktemp("guarded"), "--workers", "1", "--token", "geheim-123")
    yield server
    server.stop()


def test_a_token_is_needed_for_everything_but_health(guarded):
    import base64

    status, headers, body = call(guarded.base, "GET", "/sparql?query=ASK%7B%7D")
    assert status == 401 and headers["www-authenticate"].startswith("Basic realm=")
    assert call(guarded.base, "GET", "/sparql?query=ASK%7B%7D", headers={"Authorization": "Bearer fout"})[0] == 401
    assert call(guarded.base, "GET", "/sparql?query=ASK%7B%7D",
                headers={"Authorization": "Bearer geheim-123"})[0] == 200
    basic = base64.b64encode(b"wie-dan-ook:geheim-123").decode()
    assert call(guarded.base, "GET", "/", headers={"Authorization": f"Basic {basic}"})[0] == 200
    assert call(guarded.base, "GET", "/health")[0] == 200


def test_listening_beyond_loopback_needs_a_token_or_public(cli_run, monkeypatch):
    from .helpers import assert_one_line_error

    monkeypatch.delenv("RBVGRAPH_TOKEN", raising=False)
    assert_one_line_error(*cli_run("serve", "--host", "0.0.0.0", "--port", "0"),
                          "--host 0.0.0.0 lets other machines query the graph", "--public")


# ------------------------------------------------------------------ fair turns at the workers

@pytest.fixture(scope="module")
def busy_server(tmp_path_factory):
    server = rbvgraph_server(tmp_path_factory.mktemp("busy"), "--workers", "2", "--timeout", "2",
                             "--request-timeout", "2")
    yield server
    server.stop()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x:none>|^!<urn:x:none>)* ?o }"  # stopped at the time limit


def _from(address: str, base: str, query: str) -> tuple[int, float]:
    """A GET sent from another loopback address (another client, to the server)."""
    parts = urlsplit(base)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=30, source_address=(address, 0)) as sock:
        sock.sendall(f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                     .encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), time.monotonic() - started


@pytest.mark.slow
def test_two_clients_looping_slow_queries_do_not_shut_out_a_third(busy_server):
    stop = time.monotonic() + 12
    hogs = []

    def hog(address):
        while time.monotonic() < stop:
            hogs.append(_from(address, busy_server.base, SLOW)[0])

    threads = [threading.Thread(target=hog, args=(a,)) for a in ("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3")]
    for thread in threads:
        thread.start()
    time.sleep(1)
    answers = []
    while time.monotonic() < stop - 3:
        answers.append(_from("127.0.0.4", busy_server.base, "ASK { ?s ?p ?o }"))
    for thread in threads:
        thread.join()
    assert answers and all(status == 200 for status, _ in answers), answers
    assert set(hogs) <= {503, 429} and 503 in hogs, hogs  # the hogs' own queries run into the time limit
    latencies = sorted(seconds for _, seconds in answers)
    print(f"third client: {len(latencies)} answers, p50 {latencies[len(latencies) // 2]:.2f} s, "
          f"max {latencies[-1]:.2f} s")


def test_a_target_starting_with_two_slashes_is_refused(served):
    """'//evil.example/build/' names a host to anyone who reads it as a URL reference (a proxy's path rules)."""
    answer = _raw(served.base, b"GET //evil.example/id/organisatie/riec-noord-nederland HTTP/1.1\r\n"
                               b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ")


@pytest.mark.parametrize("path, allow", [("/sparql", b"GET, HEAD, POST, OPTIONS"), ("/void", b"GET, HEAD, OPTIONS"),
                                         ("/id/organisatie/riec-noord-nederland", b"GET, HEAD, OPTIONS")])
def test_options_allows_what_the_route_allows(served, path, allow):
    answer = _raw(served.base, f"OPTIONS {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .encode())
    assert answer.startswith(b"HTTP/1.1 204 ") and b"\r\nallow: " + allow + b"\r\n" in answer


def test_the_sparql_address_without_a_query_varies_by_accept(served):
    for accept in (b"text/html", b"text/turtle"):
        answer = _raw(served.base, b"GET /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAccept: " + accept
                      + b"\r\n\r\n")
        assert b"\r\nvary: Accept\r\n" in answer


def test_the_json_ld_context_is_open_to_every_origin(served):
    answer = _raw(served.base, b"GET /context.jsonld HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200 ") and b"\r\naccess-control-allow-origin: *\r\n" in answer


@pytest.mark.parametrize("name", ["a" * 300, "é" * 200], ids=["300-letters", "200-accented"])
def test_a_build_file_name_too_long_for_the_disk_is_404(served, name):
    answer = _raw(served.base, f"GET /build/{quote(name)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .encode())
    assert answer.startswith(b"HTTP/1.1 404 ")
