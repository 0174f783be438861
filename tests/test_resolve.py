"""Resolving IRIs without a server: what /id/, /doc/ and /graph/ answer for each Accept (rbvgraph.server.linked),
and the description a thing's IRI gives (rbvgraph.graph.description). The same against a real 'rbvgraph serve' and
real clients is in test_pages_browser.py."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rbvgraph.graph.description import describe
from rbvgraph.server.linked import Resolver
from rbvgraph.server.workers import DescribeJob, GraphJob
from rbvgraph.vocab import GRAPHS, INSTANCES, ONTOLOGY

RIEC = INSTANCES + "organisatie/riec-noord-nederland"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ACTOREN = GRAPHS + "data/triples/actoren"


@pytest.fixture
def resolver(tmp_path):
    page = tmp_path / "id" / "organisatie" / "riec-noord-nederland.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>RIEC Noord-Nederland</h1>", encoding="utf-8")
    things = frozenset({RIEC, INSTANCES + "organisatie/om"})
    return Resolver(things, [ACTOREN], tmp_path)


@pytest.mark.parametrize("accept, location", [
    (BROWSER, "/build/id/organisatie/riec-noord-nederland.html"),
    ("text/html", "/build/id/organisatie/riec-noord-nederland.html"),
    (None, "/doc/organisatie/riec-noord-nederland.ttl"),
    ("*/*", "/doc/organisatie/riec-noord-nederland.ttl"),
    ("text/turtle", "/doc/organisatie/riec-noord-nederland.ttl"),
    ("application/ld+json", "/doc/organisatie/riec-noord-nederland.jsonld"),
    ("application/rdf+xml", "/doc/organisatie/riec-noord-nederland.rdf"),
    ("application/n-triples", "/doc/organisatie/riec-noord-nederland.nt"),
    ("application/rdf+xml;q=0.5, text/turtle;q=0.9", "/doc/organisatie/riec-noord-nederland.ttl"),
])
def test_a_thing_is_sent_on_to_the_document_the_client_prefers(resolver, accept, location):
    reply = resolver.thing("organisatie/riec-noord-nederland", accept)
    assert (reply.status, reply.headers) == (303, {"Location": location, "Vary": "Accept"})


def test_without_a_page_a_browser_gets_the_data(resolver):
    reply = resolver.thing("organisatie/om", BROWSER)
    assert reply.status == 303 and reply.headers["Location"] == "/doc/organisatie/om.ttl"
    # a browser that names only text/html (an observation, a data set have no page): the Turtle all the same
    plain = resolver.thing("organisatie/om", "text/html")
    assert (plain.status, plain.headers) == (303, {"Location": "/doc/organisatie/om.ttl", "Vary": "Accept"})
    refused = resolver.thing("organisatie/om", "image/png")
    assert refused.status == 406 and refused.headers == {"Vary": "Accept"}
    assert b"is offered as text/turtle, application/n-triples, application/ld+json, application/rdf+xml" in refused.body


def test_plain_json_and_plain_text_name_json_ld_and_n_triples(resolver):
    assert resolver.thing("organisatie/om", "application/json").headers["Location"] == "/doc/organisatie/om.jsonld"
    assert resolver.thing("organisatie/om", "text/plain").headers["Location"] == "/doc/organisatie/om.nt"


def test_an_unacceptable_type_is_406_with_what_is_offered(resolver):
    reply = resolver.thing("organisatie/riec-noord-nederland", "image/png")
    assert reply.status == 406 and reply.headers["Vary"] == "Accept"
    assert reply.body.decode().endswith("is offered as text/html, text/turtle, application/n-triples, "
                                        "application/ld+json, application/rdf+xml\n")


def test_an_unknown_thing_is_404_a_page_for_a_browser(resolver):
    page = resolver.thing("organisatie/bestaat-niet", BROWSER)
    assert page.status == 404 and page.content_type.startswith("text/html")
    assert "<h1>Niet gevonden</h1>" in page.body.decode() and "organisatie/bestaat-niet" in page.body.decode()
    text = resolver.thing("organisatie/bestaat-niet", "text/turtle")
    assert text.status == 404 and text.content_type.startswith("text/plain")


def test_documents_and_graphs_become_jobs_for_the_workers(resolver):
    assert resolver.document("organisatie/riec-noord-nederland.jsonld", None) == DescribeJob(RIEC, "jsonld")
    assert resolver.document("organisatie/riec-noord-nederland.rdf", None) == DescribeJob(RIEC, "rdfxml")
    for missing in ("organisatie/riec-noord-nederland.html", "organisatie/riec-noord-nederland",
                    "organisatie/bestaat-niet.ttl"):
        assert resolver.document(missing, "text/plain").status == 404
    assert resolver.graph("data/triples/actoren", "application/n-triples") == GraphJob(ACTOREN, "nt")
    assert resolver.graph("data/triples/actoren", None) == GraphJob(ACTOREN, "turtle")
    assert resolver.graph("data/triples/actoren", "text/csv").status == 406
    assert resolver.graph("data/triples/niets", None).status == 404


def test_the_description_of_the_riec(store):
    triples = describe(store, RIEC)
    riec = ox.NamedNode(RIEC)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert ox.Triple(riec, label, ox.Literal("RIEC Noord-Nederland", language="nl")) in triples
    # every piece of evidence naming it, with its quote: the 27 facts of 'waar-staat-dat -p ding=RIEC'
    quotes = {t.subject for t in triples if t.predicate.value == ONTOLOGY + "citaat"}
    assert len(quotes) == 27
    # the names of its neighbours, so a client can show them
    bot = ox.NamedNode(INSTANCES + "organisatie/bot")
    assert ox.Triple(bot, label, ox.Literal("Bestuurlijk Ondersteuningsteam", language="nl")) in triples
    assert not any(t.subject == bot and t.predicate.value.endswith("vermeldIn") for t in triples)  # names only
    assert triples == sorted(triples, key=str) and len(set(triples)) == len(triples)
    assert describe(store, INSTANCES + "organisatie/bestaat-niet") == []
