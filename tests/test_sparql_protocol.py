"""The server's SPARQL handling without a server: what is refused, how parameters are bound, which format."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rbvgraph.errors import InputError, RefusedQuery
from rbvgraph.server.protocol import ProtocolError, choose_format, negotiate, parse_request
from rbvgraph.sparql.check import check_query
from rbvgraph.sparql.text import bind_values, query_form

ALLOWED = {
    "keyword in a string": 'SELECT * { ?s ?p "SERVICE <http://example.org/> LOAD" }',
    "keyword in a long string": "SELECT * { ?s ?p '''x\nINSERT DATA'''}",
    "keyword in a comment": "SELECT * { ?s ?p ?o } # SERVICE, LOAD and DROP are not run",
    "keyword in an IRI": "SELECT * { ?s <http://example.org/service#load> ?o }",
    "keyword as a local name": "PREFIX ex: <http://example.org/> SELECT * { ?s ex:service ex:insert }",
    "keyword as a variable": "SELECT ?service ?load { ?service ?load ?drop }",
    "accented character written as itself": 'SELECT * { ?s ?p "café SERVICE" }',
}
REFUSED = {
    "SERVICE": ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "service"),
    "lower-case service": ("select * { ?x ?y ?z . service silent <http://127.0.0.1:9/> { ?s ?p ?o } }", "service"),
    "SERVICE after a prologue": ("PREFIX x: <http://x/>\nASK { SERVICE <http://x/> {} }", "service"),
    "SERVICE written with a \\u escape": ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", "escape"),
    "INSERT written with a \\u escape": ("\\u0049NSERT DATA { <http://x/a> <http://x/b> 1 }", "escape"),
    "an escape in a string": ('SELECT * { ?s ?p "caf\\u00e9" }', "escape"),
    "INSERT DATA": ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "update"),
    "DELETE WHERE": ("PREFIX x: <http://x/> DELETE WHERE { ?s x:p ?o }", "update"),
    "LOAD": ("LOAD <http://example.org/data.ttl>", "update"),
    "LOAD after a query": ("SELECT * {} ; LOAD <http://example.org/data.ttl>", "syntax"),
    "DROP ALL": ("DROP ALL", "update"),
    "WITH … DELETE": ("WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update"),
}


@pytest.mark.parametrize("text", ALLOWED.values(), ids=ALLOWED.keys())
def test_words_inside_strings_iris_and_comments_are_not_keywords(text):
    assert check_query(text).form == "SELECT"


@pytest.mark.parametrize("text, reason", REFUSED.values(), ids=REFUSED.keys())
def test_updates_and_service_are_refused_before_evaluation(text, reason):
    with pytest.raises(RefusedQuery) as refused:
        check_query(text)
    assert refused.value.reason == reason
    assert refused.value.status == (403 if reason in ("update", "service") else 400)
    if reason in ("update", "service"):
        assert ("read-only" if reason == "update" else "no outgoing requests") in str(refused.value)


def test_query_form_skips_the_prologue():
    assert query_form("BASE <http://x/> PREFIX a: <http://a/>\n# c\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }") \
        == "CONSTRUCT"


ORG = ox.NamedNode("https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland")


def test_values_go_first_into_the_outer_where_group():
    text = "PREFIX rbv: <https://w3id.org/rbvgraph/def#>\nSELECT ?org ?x WHERE { # {\n ?org rbv:p ?x }"
    assert bind_values(text, {"org": ORG}) == (
        "PREFIX rbv: <https://w3id.org/rbvgraph/def#>\nSELECT ?org ?x WHERE {"
        " VALUES (?org) { (<https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland>) } # {\n ?org rbv:p ?x }")


def test_values_skip_the_construct_template_and_a_select_expression():
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert bind_values(construct, {"s": ORG}).endswith(f"WHERE {{ VALUES (?s) {{ ({ORG}) }} ?s ?p ?o }}")
    select = "SELECT (EXISTS { ?s ?p ?o } AS ?e) ?s { ?s ?p ?o }"
    assert bind_values(select, {"s": ORG}).endswith(f"?s {{ VALUES (?s) {{ ({ORG}) }} ?s ?p ?o }}")


def test_values_also_go_into_each_union_branch_whose_patterns_use_the_parameter():
    text = ("SELECT * WHERE { { ?org ?p ?x . ?x ?p ?y OPTIONAL { ?org ?q ?k } } UNION { ?y ?p ?z FILTER(?org = ?z) } "
            "UNION { BIND(1 AS ?org) } UNION { ?z ?p ?y FILTER EXISTS { ?org ?p ?z } } UNION { ?y ?p ?z OPTIONAL { ?org ?p ?y } } "
            "OPTIONAL { { ?org ?q ?w } UNION { ?w ?q ?org } } }")
    values = f"VALUES (?org) {{ ({ORG}) }}"
    nested = "SELECT * WHERE { { { ?org ?p ?x } UNION { ?x ?p ?org } ?x ?q ?y } UNION { { ?org ?p ?x } UNION { ?x ?p ?y } } }"
    # nested unions too, in a branch or a plain group: each branch whose own patterns bind the parameter
    assert bind_values(nested, {"org": ORG}) == (
        f"SELECT * WHERE {{ {values} {{ {values} {{ {values} ?org ?p ?x }} UNION {{ {values} ?x ?p ?org }} ?x ?q ?y }} "
        f"UNION {{ {{ {values} ?org ?p ?x }} UNION {{ ?x ?p ?y }} }} }}")
    assert bind_values(text, {"org": ORG}) == (
        f"SELECT * WHERE {{ {values} {{ {values} ?org ?p ?x . ?x ?p ?y OPTIONAL {{ ?org ?q ?k }} }} "
        "UNION { ?y ?p ?z FILTER(?org = ?z) } "
        "UNION { BIND(1 AS ?org) } UNION { ?z ?p ?y FILTER EXISTS { ?org ?p ?z } } UNION { ?y ?p ?z OPTIONAL { ?org ?p ?y } } "
        "OPTIONAL { { ?org ?q ?w } UNION { ?w ?q ?org } } }")


def test_values_in_union_branches_give_the_same_answer_as_values_at_the_top_only():
    """Only branches whose own patterns bind the parameter get it: a branch that only tests it in a FILTER (where it
    is unbound, so the FILTER fails), binds it with BIND, or has it only in an OPTIONAL part keeps its meaning."""
    x = "http://x/"
    store = ox.Store()
    for s, p, o in [("a", "p", "b"), ("b", "p", "c"), ("c", "p", "a"), ("a", "q", "c")]:
        store.add(ox.Quad(ox.NamedNode(x + s), ox.NamedNode(x + p), ox.NamedNode(x + o)))
    text = (f"SELECT ?k ?y ?z WHERE {{ {{ ?k <{x}p> ?y . ?y <{x}p> ?z }} UNION {{ ?y <{x}p> ?z FILTER(!BOUND(?k)) }} "
            f"UNION {{ ?y <{x}q> ?z BIND(<{x}a> AS ?k) }} UNION {{ ?y <{x}q> ?z OPTIONAL {{ ?k <{x}p> ?y }} }} }} "
            "ORDER BY ?k ?y ?z")
    for value in ("a", "b", "c"):
        k = ox.NamedNode(x + value)
        at_the_top = text.replace("WHERE {", f"WHERE {{ VALUES (?k) {{ ({k}) }}", 1)
        assert [tuple(r) for r in store.query(bind_values(text, {"k": k}))] == [tuple(r) for r in store.query(at_the_top)]
    rows = [tuple(t.value[len(x):] for t in r) for r in store.query(bind_values(text, {"k": ox.NamedNode(x + "c")}))]
    assert rows == [("c", "a", "b"), ("c", "a", "b"), ("c", "a", "c"), ("c", "b", "c"), ("c", "c", "a")]


def test_a_literal_cannot_break_out_of_the_values_clause():
    hostile = ox.Literal('x" } } ; DROP ALL ; SELECT * { "', language="nl")
    text = bind_values("SELECT ?naam WHERE { ?s ?p ?naam }", {"naam": hostile})
    store = ox.Store()
    store.add(ox.Quad(ORG, ox.NamedNode("http://x/p"), hostile))
    rows = list(store.query(text))
    assert [r["naam"] for r in rows] == [hostile]
    assert check_query(text).form == "SELECT"


def test_no_where_group_is_an_input_error():
    with pytest.raises(InputError, match="no WHERE group"):
        bind_values("DESCRIBE <http://x/a>", {"s": ORG})
    with pytest.raises(InputError, match="CONSTRUCT WHERE"):
        bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": ORG})


def test_get_and_both_kinds_of_post_carry_the_query():
    assert parse_request("GET", "query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx%2Fg", None, b"").default_graphs \
        == ["http://x/g"]
    form = parse_request("POST", "", "application/x-www-form-urlencoded", b"query=SELECT+*+%7B%7D")
    assert form.query == "SELECT * {}"
    direct = parse_request("POST", "named-graph-uri=http://x/n", "application/sparql-query; charset=UTF-8",
                           "SELECT ?é {}".encode())
    assert (direct.query, direct.named_graphs) == ("SELECT ?é {}", ["http://x/n"])


@pytest.mark.parametrize("method, query_string, content_type, body, status", [
    ("POST", "", "text/plain", b"SELECT * {}", 415),
    ("POST", "", None, b"query=ASK{}", 415),
    ("POST", "", "application/sparql-update", b"DROP ALL", 403),
    ("POST", "", "application/x-www-form-urlencoded", b"update=DROP+ALL", 403),
    ("GET", "update=DROP%20ALL", None, b"", 403),
    ("GET", "query=ASK{}&query=ASK{}", None, b"", 400),
    ("GET", "query=%20", None, b"", 400),
    ("GET", "query=ASK{}&default-graph-uri=not%20an%20iri", None, b"", 400),
    ("POST", "", "application/sparql-query", b"\xff\xfe", 400),
    ("POST", "", "application/sparql-query; charset=latin-1", b"ASK {}", 415),
], ids=["text/plain", "no content type", "sparql-update", "update field", "update in URL", "two queries",
        "blank query", "bad graph IRI", "not UTF-8", "latin-1"])
def test_requests_that_cannot_be_served(method, query_string, content_type, body, status):
    with pytest.raises(ProtocolError) as refused:
        parse_request(method, query_string, content_type, body)
    assert refused.value.status == status


@pytest.mark.parametrize("accept, form, key", [
    (None, "SELECT", "json"),
    ("*/*", "SELECT", "json"),
    ("text/csv", "SELECT", "csv"),
    ("text/tab-separated-values", "ASK", "tsv"),
    ("application/sparql-results+xml, application/sparql-results+json;q=0.5", "SELECT", "xml"),
    ("application/sparql-results+json;q=0.5, text/*;q=0.9", "SELECT", "csv"),
    ("text/*", "CONSTRUCT", "turtle"),
    ("application/n-triples", "DESCRIBE", "nt"),
    ("application/ld+json, text/turtle;q=0.1", "CONSTRUCT", "jsonld"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "CONSTRUCT", "turtle"),
])
def test_content_negotiation(accept, form, key):
    assert choose_format(form, accept) == key


def test_unacceptable_or_mismatched_formats_are_406():
    for form, accept, explicit in [("SELECT", "image/png", ()), ("SELECT", "text/turtle", ()),
                                   ("CONSTRUCT", "text/csv", ()), ("CONSTRUCT", "text/csv", ("csv",)),
                                   ("SELECT", "application/json;q=0", ())]:
        with pytest.raises(ProtocolError) as refused:
            choose_format(form, accept, explicit)
        assert refused.value.status == 406


# What SPARQLWrapper 2.0 sends for each return format it offers (format=, output= and results= carry the same
# values; empty values too), with the Accept header it sends, and the format the answer must come in.
SPARQLWRAPPER = [
    ("SELECT", "json", "application/sparql-results+json,application/json,text/javascript,application/javascript", "json"),
    ("SELECT", "xml", "application/sparql-results+xml", "xml"),
    ("SELECT", "csv", "text/csv", "csv"),
    ("SELECT", "tsv&format=text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ("SELECT", "n3", "*/*", "json"),
    ("SELECT", "rdf%2Bxml&format=", "*/*", "json"),
    ("SELECT", "json-ld&format=", "*/*", "json"),
    ("CONSTRUCT", "json", "*/*", "jsonld"),
    ("CONSTRUCT", "xml", "application/rdf+xml", "rdfxml"),
    ("CONSTRUCT", "csv", "*/*", "turtle"),
    ("CONSTRUCT", "n3", "application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3",
     "turtle"),
    ("CONSTRUCT", "turtle", "application/turtle,text/turtle", "turtle"),
    ("CONSTRUCT", "rdf", "*/*", "rdfxml"),
    ("CONSTRUCT", "rdf%2Bxml&format=application/rdf%2Bxml", "application/rdf+xml", "rdfxml"),
    ("CONSTRUCT", "json-ld&format=application/ld%2Bjson,application/x-json%2Bld",
     "application/ld+json,application/x-json+ld", "jsonld"),
]


@pytest.mark.parametrize("form, formats, accept, key", SPARQLWRAPPER,
                         ids=[f"{f}-{fmt.split('&')[0]}" for f, fmt, _, _ in SPARQLWRAPPER])
def test_every_format_sparqlwrapper_sends_gets_an_answer(form, formats, accept, key):
    fields = "&".join(f"{name}={formats.replace('format=', name + '=')}" for name in ("format", "output", "results"))
    request = parse_request("GET", f"query=ASK%7B%7D&{fields}", None, b"")
    assert choose_format(form, accept, request.formats) == key


def test_negotiate_prefers_the_more_specific_range():
    offers = {"text/csv": "csv", "application/json": "json"}
    assert negotiate("text/csv;q=0, text/*;q=1, */*;q=0.1", offers) == "json"
