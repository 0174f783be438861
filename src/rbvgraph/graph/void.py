"""The dataset description: VoID and DCAT, following DCAT-AP-DONL 2.0 (the profile data.overheid.nl uses).

The part written by hand is data in ``data/triples/dataset.ttl`` (title, description, publisher, licence, dates,
distributions, example resources, vocabularies). :func:`describe` adds what the graph and the package know: the
version, the ontology's ``owl:versionIRI``, and the statistics of the asserted graph — the same figures as
``rbvgraph stats --inference none`` — with one ``void:subset`` per named graph.
"""

from __future__ import annotations

import html

import pyoxigraph as ox

from .. import __version__
from ..vocab import DATASET, ONTOLOGY_IRI, PREFIXES, VOID
from .open import Graph
from .stats import stats

V = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = PREFIXES["dcterms"]
OWL = PREFIXES["owl"]
XSD = PREFIXES["xsd"]
# Prefixes for the Turtle forms of the description and of the ontology.
TURTLE_PREFIXES = {**PREFIXES, "void": V, "dcat": DCAT, "adms": "http://www.w3.org/ns/adms#",
                   "vcard": "http://www.w3.org/2006/vcard/ns#", "rbvd": VOID + "#"}

_A = ox.NamedNode(PREFIXES["rdf"] + "type")


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + "integer"))


def describe(graph: Graph) -> list[ox.Triple]:
    """The description of ``graph``'s data set, as sorted triples: the same graph gives the same triples (no
    clock: two builds of the same input write the same bytes). The static part is every graph that says
    ``<…/void#dataset> a void:Dataset``; without one the description has only what is computed."""
    store = graph.store
    dataset = _n(DATASET)
    static_graphs = {q.graph_name for q in store.quads_for_pattern(dataset, _A, _n(V + "Dataset"))}
    found = {ox.Triple(q.subject, q.predicate, q.object) for g in static_graphs
             for q in store.quads_for_pattern(None, None, None, g)}
    found.add(ox.Triple(dataset, _A, _n(V + "Dataset")))

    def add(s, p: ox.NamedNode | str, o) -> None:
        found.add(ox.Triple(s, _n(p) if isinstance(p, str) else p, o))

    add(dataset, OWL + "versionInfo", ox.Literal(__version__))
    add(dataset, DCAT + "version", ox.Literal(__version__))
    versions = [q.object for q in store.quads_for_pattern(_n(ONTOLOGY_IRI), _n(OWL + "versionIRI"), None)]
    # DCAT-AP: the model the data conforms to; the ontology's version IRI when it has one, else the ontology
    add(dataset, DCT + "conformsTo", versions[0] if versions else _n(ONTOLOGY_IRI))
    figures = stats(store, asserted=True)
    for term, key in (("triples", "triples"), ("entities", "entities"), ("classes", "all_classes"),
                      ("properties", "properties"), ("distinctSubjects", "subjects"), ("distinctObjects", "objects")):
        add(dataset, V + term, _int(figures[key]))
    for number, (cls, count) in enumerate(figures["classes"], 1):
        part = ox.BlankNode(f"soort{number}")
        add(dataset, V + "classPartition", part)
        add(part, V + "class", _n(cls))
        add(part, V + "entities", _int(count))
    for name, count in figures["per_graph"].items():
        if name:
            add(dataset, V + "subset", _n(name))
            add(_n(name), _A, _n(V + "Dataset"))
            add(_n(name), V + "triples", _int(count))
    return sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialise(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """The description (or any triples) in an RDF format, Turtle with the usual prefixes."""
    prefixes = TURTLE_PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def page(triples: list[ox.Triple]) -> str:
    """A small Dutch page of the description for a browser: what it is, its licence, its version, the figures and
    where to get the data; the RDF forms are a click (or an Accept header) away."""
    about: dict[tuple[str, str], list] = {}
    for t in triples:
        about.setdefault((t.subject.value, t.predicate.value), []).append(t.object)

    def text(subject: str, prop: str) -> str:
        """The Dutch value (else any), unescaped."""
        values = about.get((subject, prop), [])
        dutch = [v for v in values if isinstance(v, ox.Literal) and v.language == "nl"]
        return (dutch or values or [ox.Literal("")])[0].value

    def show(subject: str, prop: str) -> str:
        return html.escape(text(subject, prop))

    def link(iri: str) -> str:
        return f'<a href="{html.escape(iri, quote=True)}">{html.escape(iri)}</a>'

    def listed(prop: str) -> str:
        return "".join(f"<li>{link(v.value)}</li>" for v in sorted(about.get((DATASET, prop), []), key=str))

    classes = sorted(((int(text(p.value, V + "entities")), text(p.value, V + "class"))
                      for p in about.get((DATASET, V + "classPartition"), [])), key=lambda r: (-r[0], r[1]))
    rows = "".join(f"<tr><td>{n}</td><td>{link(c)}</td></tr>" for n, c in classes)
    title = show(DATASET, DCT + "title")
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
            "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;"
            "color:#222}td{padding:1px 8px}.note{color:#555}</style></head><body>"
            f"<h1>{title}</h1><p>{show(DATASET, DCT + 'description')}</p>"
            f"<p><b>Licentie van de gegevens:</b> {link(text(DATASET, DCT + 'license'))}. "
            f"{show(DATASET, DCT + 'rights')}</p>"
            f"<p><b>Versie:</b> {show(DATASET, OWL + 'versionInfo')}, bijgewerkt {show(DATASET, DCT + 'modified')}; "
            f"ontologie {link(text(DATASET, DCT + 'conformsTo'))}.</p>"
            f"<p><b>Omvang:</b> {show(DATASET, V + 'triples')} triples, {show(DATASET, V + 'entities')} dingen, "
            f"{len(classes)} soorten dingen (met de soorten van de ontologie zelf {show(DATASET, V + 'classes')}), "
            f"{show(DATASET, V + 'properties')} relaties.</p>"
            f"<h2>Downloaden</h2><ul>{listed(V + 'dataDump')}</ul>"
            f"<p>SPARQL: {link(text(DATASET, V + 'sparqlEndpoint'))}</p>"
            f"<h2>Voorbeelden</h2><ul>{listed(V + 'exampleResource')}</ul>"
            f"<h2>Dingen per soort</h2><table>{rows}</table>"
            '<p class="note">Deze beschrijving is ook RDF: vraag Turtle, JSON-LD, RDF/XML of N-Triples met de '
            "Accept-header.</p></body></html>\n")
