"""``rbvgraph serve`` over raw HTTP: the SPARQL 1.1 Protocol, content negotiation, status codes and limits.

The server is a real process on 127.0.0.1 (the ``served`` fixture: 15 s per query, 1 MB per answer).
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import socket
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox
import pytest

RBV = "PREFIX rbv: <https://w3id.org/rbvgraph/def#>\n"
COUNT_GEMEENTEN = RBV + "SELECT (COUNT(?g) AS ?n) WHERE { ?g a rbv:Gemeente }"
CONSTRUCT_BOT = ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <https://w3id.org/rbvgraph/id/organisatie/bot> } "
                 "?s ?p ?o }")
SD = "http://www.w3.org/ns/sparql-service-description#"


def call(base: str, method: str, target: str, body: bytes | None = None, headers: dict | None = None,
         host: str | None = None, timeout: float = 30):
    """(status, headers, body) of one request on a fresh connection."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_host=host is not None, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        for key, value in (headers or {}).items():
            conn.putheader(key, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        answer = conn.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def n(store):
    """The number of gemeenten in the graph, as the server should count them."""
    return next(iter(store.query(COUNT_GEMEENTEN, use_default_graph_as_union=True)))["n"].value


def get(base, query: str, accept: str | None = None, **params):
    target = "/sparql?" + urlencode({"query": query, **params})
    return call(base, "GET", target, headers={"Accept": accept} if accept else {})


def assert_still_serving(base):
    status, _, body = get(base, COUNT_GEMEENTEN, "application/sparql-results+json")
    assert status == 200
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) >= 40


def same_graph(turtle: bytes, other: bytes) -> bool:
    """Whether two Turtle documents hold the same graph (blank node labels aside)."""
    graphs = []
    for data in (turtle, other):
        dataset = ox.Dataset(ox.parse(data, format=ox.RdfFormat.TURTLE))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        graphs.append(dataset)
    return len(graphs[0]) > 0 and graphs[0] == graphs[1]


def one_line(body: bytes) -> str:
    text = body.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1, text
    assert "Traceback" not in text
    return text


# ------------------------------------------------------------------ the protocol

def test_select_as_sparql_json_xml_csv_and_tsv(served, n):
    status, headers, body = get(served.base, COUNT_GEMEENTEN, "application/sparql-results+json")
    assert (status, headers["content-type"]) == (200, "application/sparql-results+json")
    assert json.loads(body) == {"head": {"vars": ["n"]}, "results": {"bindings": [
        {"n": {"type": "literal", "value": n, "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}}

    status, headers, body = get(served.base, COUNT_GEMEENTEN, "application/sparql-results+xml")
    assert (status, headers["content-type"]) == (200, "application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert ET.fromstring(body).find("r:results/r:result/r:binding[@name='n']/r:literal", ns).text == n

    status, headers, body = get(served.base, COUNT_GEMEENTEN, "text/csv")
    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["n"], [n]]

    status, headers, body = get(served.base, COUNT_GEMEENTEN, "text/tab-separated-values")
    assert (status, headers["content-type"]) == (200, "text/tab-separated-values; charset=utf-8")
    assert body.decode().splitlines() == ["?n", n]


def test_format_parameter_wins_over_accept(served, n):
    status, headers, body = get(served.base, COUNT_GEMEENTEN, "application/sparql-results+json", format="csv")
    assert (status, headers["content-type"], body) == (200, "text/csv; charset=utf-8", f"n\r\n{n}\r\n".encode())


def test_ask(served):
    status, _, body = get(served.base, RBV + "ASK { ?g a rbv:Gemeente }")
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})


def test_construct_as_turtle_ntriples_and_jsonld(served):
    expected = None
    for accept, media, fmt in [("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
                               ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
                               ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD)]:
        status, headers, body = get(served.base, CONSTRUCT_BOT, accept)
        assert (status, headers["content-type"]) == (200, media)
        triples = {(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)}
        assert (ox.NamedNode("https://w3id.org/rbvgraph/id/organisatie/bot"),
                ox.NamedNode("http://www.w3.org/ns/org#subOrganizationOf"),
                ox.NamedNode("https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland")) in triples
        assert expected is None or triples == expected
        expected = triples


def test_post_form_and_post_direct(served, n):
    status, _, body = call(served.base, "POST", "/sparql", urlencode({"query": COUNT_GEMEENTEN}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert (status, body) == (200, f"n\r\n{n}\r\n".encode())
    status, _, body = call(served.base, "POST", "/sparql", COUNT_GEMEENTEN.encode(),
                           {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert (status, body) == (200, f"n\r\n{n}\r\n".encode())


def test_default_graph_uri_narrows_the_dataset(served):
    graph = "https://w3id.org/rbvgraph/graph/data/triples/actoren"
    status, _, body = get(served.base, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "text/csv",
                          **{"default-graph-uri": graph})
    in_graph = int(body.decode().split()[1])
    status_all, _, body_all = get(served.base, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "text/csv")
    assert status == status_all == 200
    assert 0 < in_graph < int(body_all.decode().split()[1])


def test_service_description(served):
    status, headers, body = call(served.base, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8")
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.TURTLE)
    rows = list(store.query(f"PREFIX sd: <{SD}> SELECT ?endpoint WHERE {{ ?s a sd:Service ; sd:endpoint ?endpoint ;"
                            " sd:supportedLanguage sd:SPARQL11Query ; sd:feature sd:UnionDefaultGraph }"))
    assert [r["endpoint"].value for r in rows] == [served.base + "/sparql"]
    names = {r["g"].value for r in store.query(f"PREFIX sd: <{SD}> SELECT ?g {{ ?d sd:namedGraph/sd:name ?g }}")}
    assert "https://w3id.org/rbvgraph/graph/data/triples/actoren" in names
    status, headers, body = call(served.base, "GET", "/sparql", headers={"Accept": "application/ld+json"})
    assert (status, headers["content-type"]) == (200, "application/ld+json")
    assert json.loads(body)


# ------------------------------------------------------------------ status codes

def test_malformed_query_is_400_with_the_parser_message(served):
    status, headers, body = get(served.base, "SELECT ?x WHERE { ?x ?p }")
    assert (status, headers["content-type"]) == (400, "text/plain; charset=utf-8")
    assert one_line(body).startswith("SPARQL syntax error: Expected SelectQuery, found '?'")
    assert "(line:1, col:19)" in one_line(body)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(served, method):
    status, headers, body = call(served.base, method, "/sparql", b"", {"Content-Type": "text/turtle"})
    assert (status, headers["allow"]) == (405, "GET, HEAD, POST")
    assert method in one_line(body)


def test_post_to_a_page_is_405(served):
    status, headers, _ = call(served.base, "POST", "/queries/afkortingen", b"x=1",
                              {"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, headers["allow"]) == (405, "GET, HEAD")


def test_unknown_path_is_404(served):
    status, _, body = call(served.base, "GET", "/sparql/../../etc/passwd")
    assert status == 404
    status, _, body = call(served.base, "GET", "/build/../../../etc/passwd")
    assert status == 404
    status, _, _ = call(served.base, "GET", "/static/..%2Fserve.py")
    assert status == 404


def test_unacceptable_accept_is_406(served):
    status, _, body = get(served.base, COUNT_GEMEENTEN, "image/png")
    assert status == 406
    assert "accept one of application/sparql-results+json" in one_line(body)


def test_wrong_content_type_is_415(served):
    status, _, body = call(served.base, "POST", "/sparql", COUNT_GEMEENTEN.encode(), {"Content-Type": "text/plain"})
    assert status == 415
    assert "application/sparql-query" in one_line(body)


def test_a_chunked_post_is_read_as_its_chunks_say(served):
    parts = urlsplit(served.base)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert answer.endswith(b'{"head":{},"boolean":true}')


def test_foreign_host_header_is_refused(served):
    status, _, body = call(served.base, "GET", "/sparql?" + urlencode({"query": COUNT_GEMEENTEN}),
                           host="attacker.example")
    assert status == 403
    assert "addressed to it by localhost, its address, or a name given with --allow-host" in one_line(body)


# ------------------------------------------------------------------ hostile input

def test_service_is_refused_and_nothing_is_fetched(served):
    status, _, body = get(served.base, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403
    assert one_line(body) == "SERVICE (federated query) is not allowed: this endpoint makes no outgoing requests\n"
    assert_still_serving(served.base)


@pytest.mark.parametrize("query", [
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
    "PREFIX rbv: <https://w3id.org/rbvgraph/def#> DELETE WHERE { ?s a rbv:Gemeente }",
    "DROP ALL",
])
def test_updates_are_refused_and_the_graph_is_unchanged(served, query):
    status, _, body = call(served.base, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 403
    assert one_line(body).endswith("is not allowed: this endpoint is read-only\n")
    status, _, body = call(served.base, "POST", "/sparql", urlencode({"update": query}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    assert_still_serving(served.base)


@pytest.mark.slow
def test_pathological_property_path_hits_the_time_limit(served):
    start = time.monotonic()
    status, headers, body = get(served.base, "SELECT (COUNT(*) AS ?n) WHERE { ?s (!<urn:x:none>|^!<urn:x:none>)* ?o }")
    elapsed = time.monotonic() - start
    assert status == 503
    assert headers["retry-after"] == "1"
    assert one_line(body).startswith("the query took longer than the time limit of 15 s and was stopped")
    assert elapsed < 20
    assert_still_serving(served.base)
    assert_still_serving(served.base)  # both workers, the replaced one included


def test_a_result_past_the_size_limit_is_422(served):
    status, _, body = get(served.base, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422
    assert one_line(body) == ("the result is larger than the limit of 1000000 bytes; "
                              "add a LIMIT or ask for fewer columns\n")
    assert_still_serving(served.base)


def test_a_10_mb_query_is_413(served):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 10_000_000
    status, headers, body = call(served.base, "POST", "/sparql", query.encode(),
                                 {"Content-Type": "application/sparql-query"})
    assert status == 413
    assert headers["connection"] == "close"
    assert one_line(body) == "the request body has 10000029 bytes; the limit is 1000000\n"
    assert_still_serving(served.base)


def test_a_long_get_url_is_414(served):
    status, _, body = call(served.base, "GET", "/sparql?query=" + quote("ASK {} #" + "x" * 70_000))
    assert status == 414
    assert one_line(body) == "the URL is too long: send a long query with POST\n"
    assert_still_serving(served.base)


def test_the_log_has_no_traceback(served):
    assert "Traceback" not in served.log.read_text()
    assert served.alive()


# ------------------------------------------------------------------ pages and named queries

def test_named_queries_list(served, proj):
    status, headers, body = call(served.base, "GET", "/queries")
    assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")
    listed = json.loads(body)
    assert [q["name"] for q in listed] == sorted(p.stem for p in proj.queries_dir.glob("*.rq"))
    partners = next(q for q in listed if q["name"] == "partners")
    assert partners["title"] == "Partners van een organisatie"
    assert partners["url"] == "/queries/partners"
    assert partners["parameters"] == [{"name": "org", "kind": "iri", "default": "rbvo:riec-noord-nederland",
                                       "description": "de organisatie: naam, afkorting of IRI"},
                                      {"name": "rapport", "kind": "iri", "default": "*",
                                       "description": "het verslag: naam, id (jaarverslag-2023) of IRI; zonder: elk verslag, in de kolom "
                                                      "'rapport'"}]


def test_named_query_by_accept_and_format(served):
    status, headers, body = call(served.base, "GET", "/queries/waar-staat-dat?ding=BOT")
    assert (status, headers["content-type"]) == (200, "application/sparql-results+json")
    assert {"type": "literal", "value": "Bestuurlijk Ondersteuningsteam (RIEC)", "xml:lang": "nl"} in [
        row.get("citaat") for row in json.loads(body)["results"]["bindings"]]

    status, headers, body = call(served.base, "GET", "/queries/afkortingen", headers={"Accept": "text/csv"})
    assert (status, headers["content-type"]) == (200, "text/csv; charset=utf-8")
    assert body.startswith(b"afkorting,betekenis,soort,ding\r\n")

    status, headers, body = call(served.base, "GET", "/queries/afkortingen?format=csv")
    assert headers["content-disposition"] == 'attachment; filename="afkortingen.csv"'
    assert body.startswith("\ufeffafkorting,".encode()), "a downloaded CSV carries a BOM for Excel"

    status, headers, body = call(served.base, "GET", "/queries/afkortingen?format=tsv")
    assert body.decode("utf-8-sig").splitlines()[0] == "afkorting\tbetekenis\tsoort\tding"


def _rows(sparql_json: bytes | str) -> tuple[list, list]:
    """Variables and rows of a SPARQL JSON answer, the rows sorted (the order of equal-ranked rows is open) and the
    parts of a GROUP_CONCAT too (SPARQL leaves their order open, and two stores need not agree)."""
    data = json.loads(sparql_json)
    rows = []
    for row in data["results"]["bindings"]:
        for cell in row.values():
            for separator in (", ", " & ", "; "):
                if cell["type"] == "literal" and separator in cell["value"]:
                    cell["value"] = separator.join(sorted(cell["value"].split(separator)))
        rows.append(json.dumps(row, sort_keys=True))
    return data["head"]["vars"], sorted(rows)


@pytest.mark.slow
@pytest.mark.parametrize("level", ["owlrl", "none"])
def test_every_named_query_answers_as_the_command_line_does(served, cli_run, proj, tmp_path, level):
    """Whatever --inference the server has, a named query runs on the level its header asks for, like 'rbvgraph
    query NAME -f json': the same rows (a server with --inference none used to run onderdelen, samenwerking and
    organisaties-onder-thema without the closure, and lose rows)."""
    from .servers import rbvgraph_server

    server = served if level == "owlrl" else rbvgraph_server(tmp_path, "--inference", "none", "--workers", "1")
    try:
        for name in sorted(p.stem for p in proj.queries_dir.glob("*.rq")):
            status, _, body = call(server.base, "GET", f"/queries/{name}")
            code, out, err = cli_run("query", name, "-f", "json")
            assert (status, code) == (200, 0), (name, body[:300], err)
            assert _rows(body) == _rows(out), name
        for target, rows in (("onderdelen?org=politie", 18), ("organisaties-onder-thema?thema=thema:ontwikkeling-opsporing", 5),
                             ("samenwerking?org=rbvo:winkeliers", 2)):
            status, _, body = call(server.base, "GET", f"/queries/{target}")
            name, param = target.split("?")
            code, out, _ = cli_run("query", name, "-p", param, "-f", "json")
            assert len(_rows(body)[1]) == len(_rows(out)[1]) == rows, target  # the owlrl closure's rows
        status, _, body = get(server.base, RBV + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/rbvgraph/graph/"
                              "inferred> { ?s ?p ?o } }", "application/sparql-results+json")
        inferred = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
        assert (inferred > 0) == (level == "owlrl"), "SPARQL requests still see the server's own level"
    finally:
        if server is not served:
            server.stop()


@pytest.mark.parametrize("target, status, fragment", [
    ("/queries/partner", 404, "unknown query 'partner'"),
    ("/queries/partners?org=Nergensland", 400, "nothing is named 'Nergensland'"),
    ("/queries/partners?land=NL", 400, "unknown parameter 'land'"),
    ("/queries/partners?org=RIEC&org=OM", 400, "given more than once"),
    ("/queries/afkortingen?format=xlsx", 400, "unknown format 'xlsx'"),
])
def test_named_query_errors(served, target, status, fragment):
    got, _, body = call(served.base, "GET", target)
    assert got == status
    assert fragment in one_line(body)


def test_named_query_with_unacceptable_accept_is_406(served):
    status, _, _ = call(served.base, "GET", "/queries/afkortingen", headers={"Accept": "text/turtle"})
    assert status == 406


def test_graph_downloads(served, store):
    from rbvgraph.graph.export import serialise

    status, headers, body = call(served.base, "GET", "/rbv.ttl")
    assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8")
    assert same_graph(body, serialise(store, "turtle", "asserted"))
    status, headers, _ = call(served.base, "HEAD", "/rbv.trig")
    assert (status, headers["content-type"]) == (200, "application/trig; charset=utf-8")
    assert int(headers["content-length"]) > 0


def test_the_jsonld_context_is_served_at_its_stable_path(served, store):
    from rbvgraph.graph.jsonld import context_bytes

    status, headers, body = call(served.base, "GET", "/context.jsonld")
    assert (status, headers["content-type"]) == (200, "application/ld+json")
    assert body == context_bytes(store), "the context of the exports, whatever --inference the server has"
    assert json.loads(body)["@context"]["werktSamenMet"] == {"@id": "rbv:werktSamenMet", "@type": "@id"}
    assert call(served.base, "POST", "/context.jsonld", body=b"x")[0] == 405


def test_front_page_is_offline_and_escaped(served):
    status, headers, body = call(served.base, "GET", "/")
    page = body.decode()
    assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert '<script src="/static/yasgui-4.6.2.min.js"></script>' in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "every asset comes from this server"
    assert '<a href="/build/index.html">Overzicht &amp; netwerken</a>' in page
    assert '<a href="/build/netwerken/riec.html">Netwerk &lt;RIEC&gt;</a>' in page
    assert '<a href="/rbv.ttl">' in page
    status, _, body = call(served.base, "GET", "/build/netwerken/riec.html")
    assert (status, body) == (200, "<title>Netwerk <RIEC></title><p>netwerk</p>".encode())


def test_static_files_are_served_with_their_licence(served):
    for name, media in [("yasgui-4.6.2.min.js", "text/javascript; charset=utf-8"),
                        ("yasgui-4.6.2.min.css", "text/css; charset=utf-8"),
                        ("yasgui-4.6.2.LICENSE.txt", "text/plain; charset=utf-8")]:
        status, headers, body = call(served.base, "GET", f"/static/{name}")
        assert (status, headers["content-type"]) == (200, media)
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert b"MIT License" in body


# ------------------------------------------------------------------ the shipped editor (no server needed)

YASGUI_SHA256 = {  # build/yasgui.min.js and build/yasgui.min.css of the npm package @zazuko/yasgui 4.6.2
    "yasgui-4.6.2.min.js": "55034eaac74c55f55fbd1eeed008ae38a79053651cbed2b453f1fcfd895a4b75",
    "yasgui-4.6.2.min.css": "085b94556b97f9928981bdedb6848fd11ad4d8d950e821f0d698c58ca538fc55",
}


def test_yasgui_is_vendored_unchanged_with_its_licence():
    import hashlib

    from rbvgraph.server.editor import static_dir

    for name, digest in YASGUI_SHA256.items():
        assert hashlib.sha256((static_dir() / name).read_bytes()).hexdigest() == digest, name
    licence = (static_dir() / "yasgui-4.6.2.LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "@zazuko/yasgui" in licence


def test_the_wheel_carries_the_editor(tmp_path):
    import zipfile
    from pathlib import Path

    from hatchling.builders.wheel import WheelBuilder

    import rbvgraph

    root = Path(rbvgraph.__file__).resolve().parents[2]
    wheel = next(iter(WheelBuilder(str(root)).build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ("templates/sparql-editor.html", "static/sparql-editor.js", "static/sparql-editor.css",
                  *(f"static/{name}" for name in YASGUI_SHA256), "static/yasgui-4.6.2.LICENSE.txt"):
        assert f"rbvgraph/{asset}" in names, asset


def test_search_over_http_finds_what_the_cli_finds(served, cli_run):
    status, headers, body = call(served.base, "GET", "/search?q=riec%20noord%20nederland&limit=3")
    found = json.loads(body)
    assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")
    assert found["hits"][0]["iri"] == "https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland"
    assert len(found["hits"]) <= 3 and found["total"] >= len(found["hits"])
    code, out, _ = cli_run("search", "riec", "noord", "nederland", "-f", "csv", "-n", "3")
    assert code == 0 and found["hits"][0]["iri"] in out.splitlines()[1]
    fryslan = json.loads(call(served.base, "GET", "/search?q=fryslan&kind=provincies")[2])
    assert fryslan["hits"][0]["iri"] == "https://w3id.org/rbvgraph/id/organisatie/provincie-fryslan"


@pytest.mark.parametrize("target", ["/search", "/search?q=", "/search?q=x&limit=0", "/search?q=x&kind=boten",
                                    "/search?q=" + "x" * 201])
def test_search_over_http_refuses_what_it_cannot_answer(served, target):
    status, _, body = call(served.base, "GET", target)
    assert status == 400 and one_line(body).count("\n") == 1
