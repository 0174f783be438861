"""``rbvgraph serve`` with real clients: SPARQLWrapper, a headless Chromium, twenty concurrent clients.

Every request goes to 127.0.0.1; the browser's other requests are blocked and recorded.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

from rbvgraph.sparql.named import catalogue
from rbvgraph.sparql.named import bind
from rbvgraph.project import project
from rbvgraph.sparql.text import bind_values

from .answers import rows_of
from .servers import LOCALHOST, rbvgraph_server

pytestmark = pytest.mark.slow

NAMES = sorted(catalogue(project()))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="module")
def cli_json():
    """The CLI's answer (``rbvgraph query NAME -f json``), run in-process with CliRunner, per query name."""
    from click.testing import CliRunner

    from rbvgraph.cli import cli

    answers = {}

    def answer(name):
        if name not in answers:
            result = CliRunner().invoke(cli, ["query", name, "-f", "json"], catch_exceptions=False)
            assert result.exit_code == 0, result.stderr
            answers[name] = json.loads(result.stdout)
        return answers[name]

    return answer


@pytest.mark.parametrize("name", NAMES)
def test_sparqlwrapper_gets_the_cli_answer(served, store, cli_json, name):
    named = catalogue(project())[name]
    bindings = bind(named, {}, store)
    client = SPARQLWrapper(served.base + "/sparql")
    client.setQuery(bind_values(named.text, bindings))
    client.setReturnFormat(JSON)
    assert rows_of(client.query().convert(), drop=bindings) == rows_of(cli_json(name))


@pytest.mark.parametrize("method, request_method", [(POST, URLENCODED), (POST, POSTDIRECTLY)],
                         ids=["post-form", "post-direct"])
def test_sparqlwrapper_posts(served, cli_json, method, request_method):
    client = SPARQLWrapper(served.base + "/sparql")
    client.setMethod(method)
    client.setRequestMethod(request_method)
    client.setQuery(catalogue(project())["afkortingen"].text)
    client.setReturnFormat(JSON)
    assert rows_of(client.query().convert()) == rows_of(cli_json("afkortingen"))


ABBREVIATION = ("PREFIX rbv: <https://w3id.org/rbvgraph/def#> SELECT ?x ?a WHERE { ?x rbv:afkorting ?a } "
                "ORDER BY ?a LIMIT 5")
CONSTRUCTED = ("PREFIX rbv: <https://w3id.org/rbvgraph/def#> CONSTRUCT { ?x rbv:afkorting ?a } "
               "WHERE { ?x rbv:afkorting ?a } ORDER BY ?a LIMIT 5")
RETURN_FORMATS = ["JSON", "XML", "CSV", "TSV", "N3", "TURTLE", "RDF", "RDFXML", "JSONLD"]


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", RETURN_FORMATS)
def test_sparqlwrapper_gets_every_return_format_it_offers(served, store, fmt, method):
    """SPARQLWrapper sends its own format names (rdf+xml, n3, json-ld…), empty ones too: every one is answered."""
    import rdflib
    import SPARQLWrapper as sw

    expected = {(r["x"].value, r["a"].value) for r in store.query(ABBREVIATION, use_default_graph_as_union=True)}
    for text, graph in ((ABBREVIATION, False), (CONSTRUCTED, True)):
        client = SPARQLWrapper(served.base + "/sparql")
        client.setMethod(getattr(sw, method))
        client.setQuery(text)
        client.setReturnFormat(getattr(sw, fmt))
        answer = client.query()
        assert answer.response.status == 200
        found = answer.convert()
        if graph:
            if isinstance(found, bytes):  # Turtle, N-Triples or JSON-LD as bytes for the formats rdflib cannot tell
                found = rdflib.Graph().parse(data=found, format=_rdflib_format(answer))
            pairs = {(str(s), str(o)) for s, _, o in found}
        else:
            pairs = _solution_pairs(found, answer)
        assert pairs == expected, (fmt, method, graph)


def _rdflib_format(answer) -> str:
    media = answer.response.headers.get("Content-Type", "").split(";")[0]
    return {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld",
            "application/rdf+xml": "xml"}[media]


def _solution_pairs(found, answer) -> set:
    """(x, a) pairs from whatever SPARQLWrapper made of a SELECT answer: JSON dict, XML document, or CSV/TSV text."""
    media = answer.response.headers.get("Content-Type", "").split(";")[0]
    if media == "application/sparql-results+json":
        return {(b["x"]["value"], b["a"]["value"]) for b in found["results"]["bindings"]}
    if media == "application/sparql-results+xml":
        pairs = []
        for result in found.getElementsByTagName("result"):
            values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in result.getElementsByTagName("binding")}
            pairs.append((values["x"], values["a"]))
        return set(pairs)
    text = found.decode("utf-8") if isinstance(found, bytes) else found
    delimiter = "\t" if media == "text/tab-separated-values" else ","
    rows = [line.split(delimiter) for line in text.strip().splitlines()[1:]]
    if delimiter == "\t":  # TSV writes terms in their N-Triples form
        return {(x.strip("<>"), a.split('"')[1]) for x, a in rows}
    return {(x, a) for x, a in rows}


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_reads_the_endpoint(served, store, fmt):
    """rdflib's SPARQLStore in every result format it offers; a CONSTRUCT it can only read as RDF/XML, which it
    asks for with 'xml' (with the other formats it accepts only SPARQL results for a graph: HTTP 406)."""
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    remote = rdflib.Graph(store=SPARQLStore(served.base + "/sparql", returnFormat=fmt))
    expected = {(r["x"].value, r["a"].value) for r in store.query(ABBREVIATION, use_default_graph_as_union=True)}
    assert {(str(x), str(a)) for x, a in remote.query(ABBREVIATION)} == expected
    if fmt == "xml":
        assert {(str(x), str(a)) for x, _, a in remote.query(CONSTRUCTED).graph} == expected


@pytest.mark.parametrize("name", NAMES)
def test_named_query_over_http_is_the_cli_answer(served, cli_json, name):
    parts = urlsplit(served.base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.request("GET", f"/queries/{name}")
    answer = conn.getresponse()
    body = answer.read()
    conn.close()
    assert answer.status == 200
    assert rows_of(json.loads(body)) == rows_of(cli_json(name))


def _browse_query_page(base: str, outside: list, problems: list, seen: dict) -> None:
    """Open the query page in headless Chromium, run the first tab, and type where YASGUI would fetch."""
    from playwright.sync_api import sync_playwright

    def only_loopback(route):
        if urlsplit(route.request.url).hostname == LOCALHOST:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", only_loopback)
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(base + "/")
            page.wait_for_selector(".yasqe_queryButton", timeout=20_000)
            seen["tabs"] = page.locator(".tabsList .tab a span").all_inner_texts()
            page.locator(".tabPanel.active .yasqe_queryButton").click()
            cell = page.locator(".tabPanel.active .yasr table td", has_text="Regionaal Bestuurlijk Politieoverleg")
            cell.first.wait_for(timeout=20_000)
            seen["cell"] = cell.first.inner_text()
            # type where YASGUI would suggest classes (Linked Open Vocabularies) and prefixes (prefix.cc)
            page.evaluate("rbvYasgui.getTab().getYasqe().setValue('SELECT * WHERE { ?x a foaf:Pers')")
            page.evaluate("(() => { const y = rbvYasgui.getTab().getYasqe(); y.focus();"
                          " y.getDoc().setCursor({line: 0, ch: 31}); })()")
            page.keyboard.type("o")
            page.keyboard.press("Control+Space")
            page.keyboard.type("\nPREFIX fo")
            page.keyboard.press("Control+Space")
            page.wait_for_timeout(1500)
            seen["build links"] = page.locator('a[href="/build/index.html"]').count()
        finally:
            browser.close()


def test_query_page_runs_a_query_offline(served):
    outside, problems, seen = [], [], {}
    failure = []

    def browse():
        try:
            _browse_query_page(served.base, outside, problems, seen)
        except Exception as err:  # handed to the test thread below
            failure.append(err)

    # A thread of its own: Playwright's sync API refuses to start where another test's browser is running.
    thread = threading.Thread(target=browse, daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the browser did not finish within 120 s"
    if failure:
        raise failure[0]
    assert seen["tabs"] == NAMES
    assert seen["cell"].startswith('"Regionaal Bestuurlijk Politieoverleg')
    assert seen["build links"] == 1
    assert outside == [], "no request leaves 127.0.0.1"
    assert problems == [], "no console errors (a blocked fetch would show here)"


def test_twenty_concurrent_clients(served, request):
    """300 queries from 20 clients on keep-alive connections, bounded in time; no errors allowed."""
    parts = urlsplit(served.base)
    targets = [
        ("POST", "/sparql", urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?c }"}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}),
        ("GET", "/queries/afkortingen", None, {"Accept": "text/csv"}),
        ("GET", "/queries/regelgeving", None, {}),
        ("GET", "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}), None, {}),
        ("GET", "/queries/waar-staat-dat?ding=BOT", None, {}),
    ]
    clients, per_client, budget = 20, 15, 120.0
    latencies, errors = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + budget

    def client(number):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            for i in range(per_client):
                if time.monotonic() > deadline:
                    with lock:
                        errors.append(f"client {number}: out of time")
                    return
                method, target, body, headers = targets[(number + i) % len(targets)]
                start = time.perf_counter()
                conn.request(method, target, body=body, headers=headers)
                answer = conn.getresponse()
                answer.read()
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if answer.status != 200:
                        errors.append(f"{method} {target}: {answer.status}")
        except OSError as err:
            with lock:
                errors.append(f"client {number}: {err}")
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()) + 5)
    wall = time.perf_counter() - started
    assert errors == []
    assert len(latencies) == clients * per_client
    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    request.node.user_properties += [("p50_ms", round(p50 * 1000, 1)), ("p99_ms", round(p99 * 1000, 1)),
                                     ("wall_s", round(wall, 2))]
    print(f"\nload: {len(latencies)} requests from {clients} clients in {wall:.2f} s; "
          f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    assert p99 < 10


def test_memory_limit_stops_a_query_and_the_server_goes_on(tmp_path):
    server = rbvgraph_server(tmp_path, "--max-memory-mb", "256", "--timeout", "60", "--workers", "1")
    try:
        parts = urlsplit(server.base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=90)
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x:none>|^!<urn:x:none>)* ?o }"
        conn.request("GET", "/sparql?" + urlencode({"query": query}))
        answer = conn.getresponse()
        body = answer.read().decode()
        assert answer.status == 503
        assert body == ("the query worker stopped while running this query, most likely because it needed more "
                        "than the memory limit of 256 MB\n")
        conn.request("GET", "/sparql?" + urlencode({"query": "ASK { ?s ?p ?o }"}))
        answer = conn.getresponse()
        assert (answer.status, json.loads(answer.read())) == (200, {"head": {}, "boolean": True})
        conn.close()
    finally:
        server.stop()
    assert server.process.returncode == 0
    log = server.log.read_text()
    assert log.rstrip().endswith("stopped")
    assert "Traceback" not in log
