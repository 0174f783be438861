"""``rbvgraph push`` and ``rbvgraph query --endpoint`` against a real Oxigraph server on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from click.testing import CliRunner

from rbvgraph.cli import cli
from rbvgraph.vocab import DEFAULT_INFERENCE
from rbvgraph.graph.export import triples
from .helpers import load_store
from rbvgraph.sparql.named import catalogue
from rbvgraph.project import project
from rbvgraph.vocab import DEFAULT_GRAPH

from .answers import rows_of
from .helpers import assert_one_line_error
from .servers import LOCALHOST, free_port, oxigraph_server

pytestmark = pytest.mark.slow

# a remote store that cannot be reached or refuses is exit code 3 (EndpointError)
assert_remote_error = partial(assert_one_line_error, exit_code=3)

NAMES = sorted(catalogue(project()))


def run_cli(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    server = oxigraph_server(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


def remote_select(base: str, query: str) -> list[dict]:
    request = Request(f"{base}/query?{urlencode({'query': query})}",
                      headers={"Accept": "application/sparql-results+json"})
    with urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())["results"]["bindings"]


def remote_count(base: str, graph: str = DEFAULT_GRAPH) -> int:
    (row,) = remote_select(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(row["n"]["value"])


def remote_graphs(base: str) -> set[str]:
    return {row["g"]["value"] for row in remote_select(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


@pytest.fixture(scope="module")
def local_triples():
    """How many distinct triples a push sends: the union of every graph, with the inference queries use."""
    return len(triples(load_store(project(), DEFAULT_INFERENCE), "all"))


@pytest.fixture(scope="module")
def pushed(oxigraph, local_triples):
    """The graph pushed once (with the inference the local queries use), swapped in with MOVE."""
    code, out, err = run_cli("push", "--endpoint", f"{oxigraph.base}/store", "--inference", DEFAULT_INFERENCE,
                             "--update-endpoint", f"{oxigraph.base}/update")
    assert code == 0, err
    assert out == (f"pushed {local_triples} triples into <{DEFAULT_GRAPH}> at {oxigraph.base}/store "
                   "(uploaded to a temporary graph, swapped in with MOVE)\n")
    return oxigraph.base


def test_push_puts_every_triple_into_one_named_graph(pushed, local_triples):
    assert remote_count(pushed) == local_triples
    assert remote_graphs(pushed) == {DEFAULT_GRAPH}, "no temporary graph is left behind"


def test_second_push_replaces_rather_than_adds(pushed, local_triples):
    code, out, err = run_cli("push", "--endpoint", f"{pushed}/store", "--inference", DEFAULT_INFERENCE)
    assert code == 0, err
    assert out.endswith("swapped in with PUT)\n")
    assert remote_count(pushed) == local_triples
    assert remote_graphs(pushed) == {DEFAULT_GRAPH}


def test_push_without_inference_sends_what_the_files_say(pushed, local_triples):
    asserted = len(triples(load_store(project(), "none"), "all"))
    assert asserted < local_triples
    code, out, err = run_cli("push", "--endpoint", f"{pushed}/store", "--update-endpoint", f"{pushed}/update")
    assert code == 0, err
    assert out.startswith(f"pushed {asserted} triples into")
    assert remote_count(pushed) == asserted
    code, out, err = run_cli("push", "--endpoint", f"{pushed}/store", "--update-endpoint", f"{pushed}/update",
                             "--inference", DEFAULT_INFERENCE)
    assert code == 0, err
    assert remote_count(pushed) == local_triples


@pytest.mark.parametrize("name", NAMES)
def test_named_query_remotely_gives_the_local_answer(pushed, name):
    # the remote graph was pushed with the closure, so the local answer is taken on the same graph
    code, local, err = run_cli("query", name, "-f", "json", "--inference", DEFAULT_INFERENCE)
    assert code == 0, err
    code, remote, err = run_cli("query", name, "-f", "json", "--endpoint", f"{pushed}/query")
    assert code == 0, err
    assert rows_of(json.loads(remote)) == rows_of(json.loads(local))


def test_parameter_is_bound_remotely(pushed):
    code, out, err = run_cli("query", "waar-staat-dat", "-p", "ding=BOT", "-f", "csv", "--endpoint", f"{pushed}/query")
    assert code == 0, err
    assert "Bestuurlijk Ondersteuningsteam (RIEC)" in out
    code, table, err = run_cli("query", "waar-staat-dat", "-p", "ding=BOT", "--endpoint", f"{pushed}/query")
    assert code == 0, err
    assert "Bestuurlijk Ondersteuningsteam  is onderdeel van  RIEC Noord-Nederland" in table


def test_failed_swap_leaves_the_remote_graph_as_it_was(pushed, local_triples):
    before = remote_count(pushed)
    code, out, err = run_cli("push", "--endpoint", f"{pushed}/store", "--update-endpoint", f"{pushed}/no-such-update",
                             "--graph", DEFAULT_GRAPH)
    assert_remote_error(code, out, err, f"POST {pushed}/no-such-update: HTTP 404")
    assert remote_count(pushed) == before == local_triples
    assert remote_graphs(pushed) == {DEFAULT_GRAPH}, "the temporary graph was removed"


def test_unreachable_endpoint(tmp_path):
    port = free_port()  # nothing listens there any more
    code, out, err = run_cli("push", "--endpoint", f"http://{LOCALHOST}:{port}/store")
    assert_remote_error(code, out, err, f"cannot reach http://{LOCALHOST}:{port}/store", "refused")
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"http://{LOCALHOST}:{port}/query")
    assert_remote_error(code, out, err, f"cannot reach http://{LOCALHOST}:{port}/query")


def test_http_error_is_one_line(oxigraph):
    code, out, err = run_cli("push", "--endpoint", f"{oxigraph.base}/no-such-store")
    assert_remote_error(code, out, err, f"PUT {oxigraph.base}/no-such-store?graph=", "HTTP 404")
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{oxigraph.base}/no-such-query")
    assert_remote_error(code, out, err, f"POST {oxigraph.base}/no-such-query: HTTP 404")


def test_not_an_http_url():
    code, out, err = run_cli("push", "--endpoint", "file:///etc/passwd")
    assert_remote_error(code, out, err, "'file:///etc/passwd' is not an http(s) URL")


class _Recorder(BaseHTTPRequestHandler):
    """Answers 401 (or a redirect, for /moved) and remembers each Authorization header; the challenge offers Basic,
    or Basic and Digest for a path under /both."""

    seen: list = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.seen.append((self.command, self.path, self.headers.get("Authorization")))
        if self.path.startswith("/moved"):
            self.send_response(302)
            self.send_header("Location", f"http://{LOCALHOST}:{self.server.server_port}/elsewhere")
        else:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            if self.path.startswith("/both"):
                self.send_header("WWW-Authenticate", 'Digest realm="store", nonce="abc123", qop="auth", algorithm=MD5')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = do_GET = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = ThreadingHTTPServer((LOCALHOST, 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCALHOST}:{server.server_port}", _Recorder.seen
    server.shutdown()
    server.server_close()


BASIC = "Basic " + base64.b64encode(b"anna:geheim").decode()


def test_login_answers_the_challenge_with_basic_and_bearer_token_goes_at_once(recorder):
    base, seen = recorder
    code, out, err = run_cli("push", "--endpoint", f"{base}/store", "--user", "anna", "--password", "geheim")
    assert_remote_error(code, out, err, "HTTP 401", "the server did not accept user 'anna' (Basic)")
    ((method, path, first), (_, again, second)) = seen
    assert method == "PUT"
    assert path == again and path.startswith("/store?" + urlencode({"graph": DEFAULT_GRAPH + "/upload-"}))
    assert (first, second) == (None, BASIC), "no password before the server has asked for one"
    seen.clear()
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{base}/query", env={"RBVGRAPH_TOKEN": "t0k3n"})
    assert_remote_error(code, out, err, f"POST {base}/query: HTTP 401", "did not accept the token in RBVGRAPH_TOKEN")
    assert seen == [("POST", "/query", "Bearer t0k3n")]
    seen.clear()
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{base}/query", "--user", "anna",
                             env={"RBVGRAPH_TOKEN": "t0k3n", "RBVGRAPH_PASSWORD": "geheim"})
    assert_remote_error(code, out, err, f"POST {base}/query: HTTP 401")
    assert seen == [("POST", "/query", None), ("POST", "/query", BASIC)], "--user wins"
    seen.clear()
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{base}/query")
    assert_remote_error(code, out, err, "the server wants a user name and password (--user, --password)")


def test_digest_is_chosen_when_offered(recorder):
    base, seen = recorder
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{base}/both/query", "--user", "anna",
                             "--password", "geheim", env={"RBVGRAPH_TOKEN": None})
    assert_remote_error(code, out, err, "the server did not accept user 'anna' (Digest)")
    ((_, _, first), (_, _, second)) = seen
    assert first is None
    assert second.startswith('Digest username="anna", realm="store", nonce="abc123", uri="/both/query", response="')
    assert "geheim" not in second and 'nc=00000001' in second, "the password itself never travels"


def test_redirects_are_not_followed(recorder):
    base, seen = recorder
    code, out, err = run_cli("query", "afkortingen", "--endpoint", f"{base}/moved", env={"RBVGRAPH_TOKEN": "t0k3n"})
    assert_remote_error(code, out, err, "HTTP 302", f"redirected to {base}/elsewhere: give that URL")
    assert [path for _, path, _ in seen] == ["/moved"], "the token never travels to the redirect's address"


def test_user_without_password():
    for command in (("push",), ("query", "afkortingen")):
        code, out, err = run_cli(*command, "--endpoint", f"http://{LOCALHOST}:1/store", "--user", "anna",
                                 env={"RBVGRAPH_PASSWORD": None})
        assert_remote_error(code, out, err, "--user needs --password")


def test_user_without_endpoint_is_one_line():
    code, out, err = run_cli("query", "afkortingen", "--user", "anna", "--password", "geheim")
    assert_one_line_error(code, out, err, "--user and --password go with --endpoint")


def test_cli_and_library_agree_on_the_default_graph():
    for command in ("push", "query"):
        option = next(p for p in cli.commands[command].params if p.name in ("graph", "remote_graph"))
        assert option.default == DEFAULT_GRAPH
