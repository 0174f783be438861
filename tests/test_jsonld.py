"""JSON-LD: the project's @context (a Dutch key for every property), compacted exports that lose no triple (read
back by rdflib and by pyld), one node object per thing in the union, named graphs on request, and the RIEC framed
by pyld with readable keys whose values the report states."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from pyld import jsonld as pyld

from rbvgraph.graph import open_graph
from rbvgraph.graph.export import serialise
from rbvgraph.graph.jsonld import CONTEXT_URL, context, context_bytes
from rbvgraph.util.terms import to_ox_term
from rbvgraph.vocab import INSTANCES, ONTOLOGY, ONTOLOGY_GRAPHS, PREFIXES, shorten

from .helpers import assert_one_line_error
from .test_export import canonical

BUILT_IN = (PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"])


@pytest.fixture(scope="module")
def inferred(proj):
    """The graph with the OWL 2 RL closure: every property the reasoner adds needs its key too."""
    return open_graph(proj, "owlrl").store


def _expand(iri: str, terms: dict) -> str:
    prefix, _, rest = iri.partition(":")
    return terms[prefix] + rest if rest and prefix in terms and isinstance(terms[prefix], str) else iri


def _keys(terms: dict) -> dict[str, str]:
    """The context's terms as key → full IRI."""
    return {key: _expand(value["@id"] if isinstance(value, dict) else value, terms) for key, value in terms.items()}


def test_every_property_has_a_dutch_key(inferred):
    """A property the ontology or the data gains gets its key without anyone writing it: the context is made from
    the ontology each time. RDF, RDFS and OWL's own terms keep their compact IRIs."""
    terms = context(inferred)["@context"]
    dutch = {iri for key, iri in _keys(terms).items() if ":" not in key}
    used = {q.predicate.value for q in inferred} - {PREFIXES["rdf"] + "type"}
    missing = sorted(p for p in used if not p.startswith(BUILT_IN) and p not in dutch)
    assert missing == []
    assert sorted(shorten(p) for p in used - dutch) == [
        "owl:inverseOf", "owl:members", "owl:versionIRI", "owl:versionInfo", "rdf:first", "rdf:object", "rdf:predicate", "rdf:rest",
        "rdf:subject", "rdfs:comment", "rdfs:domain", "rdfs:label", "rdfs:range", "rdfs:seeAlso", "rdfs:subClassOf",
        "rdfs:subPropertyOf"]
    classes = {q.subject.value for q in inferred if q.predicate.value == PREFIXES["rdf"] + "type"
               and q.object.value == PREFIXES["owl"] + "Class" and q.subject.value.startswith(ONTOLOGY)}
    assert len(classes) == 36 and classes <= dutch


def test_one_named_graph_keeps_the_shape_of_many(inferred):
    """pyld writes a lone named graph as the top object itself; the export keeps {@context, @graph: [graphs]}."""
    document = json.loads(serialise(inferred, "jsonld", "inferred", graphs=True))
    assert list(document) == ["@context", "@graph"]
    (graph,) = document["@graph"]
    subjects = {q.subject for q in inferred if q.graph_name == ox.NamedNode("https://w3id.org/rbvgraph/graph/inferred")}
    assert graph["@id"] == "https://w3id.org/rbvgraph/graph/inferred" and len(graph["@graph"]) == len(subjects) > 500
    expanded = json.loads(serialise(inferred, "jsonld", "ontology", "expanded"))
    werkt = next(node for node in expanded if node["@id"] == ONTOLOGY + "werktSamenMet")
    assert list(werkt)[:2] == ["@id", "@type"] and PREFIXES["rdf"] + "type" not in werkt


def test_a_new_property_gets_its_key_at_once(store):
    changed = ox.Store()
    changed.extend(store)
    graph = ox.NamedNode(ONTOLOGY_GRAPHS + "rbv")
    prop = ox.NamedNode(ONTOLOGY + "adviseert")
    changed.add(ox.Quad(prop, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(PREFIXES["owl"] + "ObjectProperty"), graph))
    changed.add(ox.Quad(prop, ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.Literal("adviseert", language="nl"), graph))
    assert "adviseert" not in context(store)["@context"]
    assert context(changed)["@context"]["adviseert"] == {"@id": "rbv:adviseert", "@type": "@id"}


def test_context_keys_types_and_prefixes(store):
    terms = context(store)["@context"]
    assert terms["naam"] == {"@id": "skos:prefLabel", "@container": "@language"}
    assert terms["werktSamenMet"] == {"@id": "rbv:werktSamenMet", "@type": "@id"}
    assert terms["isLidVan"] == {"@id": "org:memberOf", "@type": "@id"}
    assert terms["jaar"] == {"@id": "rbv:jaar", "@type": "xsd:integer"}
    assert terms["waarde"] == {"@id": "rbv:waarde", "@type": "xsd:decimal"}
    assert terms["citaat"] == {"@id": "rbv:citaat", "@container": "@language"}
    assert terms["rdfs:label"] == {"@id": "rdfs:label", "@container": "@language"}
    assert terms["Gemeente"] == "rbv:Gemeente"
    assert terms["rbvo"] == INSTANCES + "organisatie/" and terms["thema"] == INSTANCES + "thema/"
    # a label a term of the ontology already has: the standard term's prefix follows
    assert terms["heeftOnderdeel"]["@id"] == "rbv:heeftOnderdeel"
    assert terms["heeftOnderdeelOrg"]["@id"] == "org:hasSubOrganization"
    # the ontology's rbv:bron keeps its name; the instance prefix bron: gives way (its 4 IRIs are written in full)
    assert terms["bron"] == {"@id": "rbv:bron", "@type": "@id"}
    assert context_bytes(store) == context_bytes(store)
    assert json.loads(context_bytes(store)) == {"@context": terms}


@pytest.fixture(scope="module")
def compacted(store) -> bytes:
    return serialise(store, "jsonld", "all")


def _triples_by_rdflib(data: bytes) -> set:
    graph = rdflib.Graph()
    graph.parse(data=data, format="json-ld")
    return canonical([ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), ox.DefaultGraph()) for s, p, o in graph])


def _quads_by_pyld(document: dict, loader=None) -> list:
    options = {"format": "application/n-quads"} | ({"documentLoader": loader} if loader else {})
    parsed = ox.Store()
    parsed.load(pyld.to_rdf(document, options).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return list(parsed)


def _union(store) -> set:
    return canonical([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in store])


@pytest.mark.slow
def test_compacted_union_reads_back_as_exactly_the_triples(store, compacted):
    """rdflib, a JSON-LD reader other than the one that compacted it, gets every triple back, no more."""
    assert _triples_by_rdflib(compacted) == _union(store)


@pytest.mark.slow
def test_union_has_one_node_object_per_thing_with_dutch_keys(store, compacted):
    document = json.loads(compacted)
    assert document["@context"]["naam"] == {"@id": "skos:prefLabel", "@container": "@language"}, "embedded"
    ids = [node["@id"] for node in document["@graph"]]
    # one node object for each thing that is the subject of a triple, in whichever files its triples stand
    assert len(ids) == len(set(ids)) == len({q.subject for q in store})
    riec = next(node for node in document["@graph"] if node["@id"] == "rbvo:riec-noord-nederland")
    # from three files: actoren.ttl (names), h2/2.2.1 (havenscans), h4/4.1.2 (cyber): one object
    assert riec["naam"] == {"nl": "RIEC Noord-Nederland"}
    assert "act:havenscans" in riec["voertUit"]
    assert "act:citydeal-lokale-cyberweerbaarheid-mkb" in riec["neemtDeelAan"]
    assert riec["@type"] == "Samenwerkingsverband"
    assert not any(key.startswith(("http:", "https:")) for node in document["@graph"] for key in node)


@pytest.mark.slow
@pytest.mark.parametrize("form", ["compacted", "linked", "expanded"])
def test_inferred_union_reads_back_in_pyld_and_rdflib(inferred, form):
    data = serialise(inferred, "jsonld", "all", form)
    document = json.loads(data)
    expected = _union(inferred)
    if form == "linked":
        assert document["@context"] == CONTEXT_URL
        served = context(inferred)

        def loader(url, options=None):
            assert url == CONTEXT_URL
            return {"contextUrl": None, "documentUrl": url, "document": served}

        assert canonical([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                          for q in _quads_by_pyld(document, loader)]) == expected
        return
    assert canonical([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in _quads_by_pyld(document)]) == expected
    assert _triples_by_rdflib(data) == expected
    if form == "expanded":
        assert all(":" in key and not key.startswith(tuple(f"{p}:" for p in PREFIXES)) or key.startswith("@")
                   for node in document for key in node)


@pytest.mark.slow
def test_named_graphs_on_request_read_back_quad_for_quad(inferred):
    data = serialise(inferred, "jsonld", "all", "compacted", graphs=True)
    document = json.loads(data)
    graphs = document["@graph"]
    assert len(graphs) == len(list(inferred.named_graphs())) and all(set(g) == {"@id", "@graph"} for g in graphs)
    expected = canonical(list(inferred))
    assert canonical(_quads_by_pyld(document)) == expected
    parsed = rdflib.Dataset()
    parsed.parse(data=data, format="json-ld")
    assert canonical([ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), ox.NamedNode(str(g)))
                      for s, p, o, g in parsed.quads((None, None, None, None))]) == expected
    # in the named-graph form a thing is split over the files that speak of it
    riec = [node for g in graphs for node in g["@graph"] if node["@id"] == "rbvo:riec-noord-nederland"]
    assert len(riec) > 5


@pytest.mark.slow
def test_pyld_frames_the_riec_with_readable_keys(compacted):
    """What an integrator does: frame the RIEC and what it carries out. Every value asserted here the report
    states: 2.2.1 'In 2023 heeft het RIEC Noord-Nederland met de gemeenten havenscans uitgevoerd onder de zee- en
    jachthavens in Noord-Nederland', 'Wadden en havens is één van de focusthema's van het RIEC Noord-Nederland';
    Bijlage 2 'RIEC Regionaal Informatie- en Expertisecentrum'."""
    document = json.loads(compacted)
    # the RIEC with references, what it carries out embedded (with @always pyld embeds without end)
    frame = {"@context": document["@context"], "@id": "rbvo:riec-noord-nederland", "@embed": "@never",
             "voertUit": {"@embed": "@once", "vermeldIn": {"@embed": "@never"}}}
    riec = pyld.frame(document, frame)
    assert riec["@context"] == document["@context"] and riec["@type"] == "Samenwerkingsverband"
    assert riec["naam"] == {"nl": "RIEC Noord-Nederland"}
    assert riec["afkorting"] == {"nl": "RIEC"}
    assert "Regionaal Informatie- en Expertisecentrum" in riec["andereNaam"]["nl"]
    assert "thema:wadden-en-havens" in riec["heeftThema"]
    assert riec["werktSamenMet"] == "rbvo:gemeenten-noord-nederland"
    havenscans = next(a for a in riec["voertUit"] if a["@id"] == "act:havenscans")
    assert havenscans["@type"] == "Werkwijze"
    assert havenscans["rdfs:label"]["nl"] == "havenscans"
    assert havenscans["datum"] == {"@type": "xsd:gYear", "@value": "2023"}
    assert havenscans["vermeldIn"] == "sec:2.2.1"
    assert _ids(havenscans["vindtPlaatsIn"]) == {"plaats:noord-nederland"}
    assert _ids(havenscans["heeftThema"]) == {"thema:wadden-en-havens"}
    assert havenscans["heeftThema"]["naam"] == {"nl": "Wadden en havens"}


def _ids(value) -> set[str]:
    """The IRIs of a framed value: a reference, an embedded node, or a list of them."""
    values = value if isinstance(value, list) else [value]
    return {v if isinstance(v, str) else v["@id"] for v in values}


def test_export_cli_forms_and_wrong_combinations(cli_run, tmp_path):
    target = tmp_path / "rbv.jsonld"
    code, _, err = cli_run("export", "-f", "jsonld", "--part", "ontology", "--jsonld", "linked", "-o", target)
    assert code == 0, err
    document = json.loads(target.read_bytes())
    assert document["@context"] == CONTEXT_URL
    werkt = next(n for n in document["@graph"] if n["@id"] == "rbv:werktSamenMet")
    assert set(werkt["@type"]) == {"owl:ObjectProperty", "owl:SymmetricProperty"}
    assert werkt["rdfs:label"] == {"nl": "werkt samen met", "en": "works with"}
    assert not [n["@id"] for n in document["@graph"] if n["@id"].startswith(("rbvo:", "act:", "thema:", "sec:"))], "no data"
    assert_one_line_error(*cli_run("export", "-f", "nt", "--jsonld", "expanded"), "--jsonld is for -f jsonld")
    assert_one_line_error(*cli_run("export", "-f", "turtle", "--graphs"), "-f turtle holds one graph")


@pytest.mark.slow
def test_build_writes_the_context(cli_run, project_copy, tmp_path, store):
    out = tmp_path / "build"
    code, _, err = cli_run("build", "-o", out, "--inference", "none", "--no-validate", home=project_copy)
    assert code == 0, err
    assert (out / "context.jsonld").read_bytes() == context_bytes(store)
    assert 'href="context.jsonld"' in (out / "index.html").read_text(encoding="utf-8")
