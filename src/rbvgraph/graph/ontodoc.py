"""The ontology as a document: its own triples (for ``/def`` as RDF) and a pyLODE page (``build/ontologie/``).

pyLODE (the field's documentation generator) writes one HTML page with its stylesheet inline and no script or
font from elsewhere, so the page works offline as it comes. rbvgraph hands it the Dutch labels, definitions and
titles only (the page is Dutch; the English ones stay in the RDF) and fixes each term's anchor to the term's own
name, so ``…/def#Bewijs`` lands on rbv:Bewijs (pyLODE would otherwise anchor on the label, ``#bewijs``).
"""

from __future__ import annotations

import logging

import pyoxigraph as ox

from ..vocab import ONTOLOGY, ONTOLOGY_IRI, PREFIXES
from .open import Graph

_ONTOLOGY_FILE = "rbv.ttl"


def ontology_triples(graph: Graph) -> list[ox.Triple]:
    """The triples of the ontology document (``ontology/rbv.ttl``), sorted."""
    name = ox.NamedNode(graph.project.graph_name(graph.project.ontology_dir / _ONTOLOGY_FILE))
    found = {ox.Triple(q.subject, q.predicate, q.object) for q in graph.store.quads_for_pattern(None, None, None, name)}
    return sorted(found, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _dutch(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples with only the Dutch text where a Dutch text of the same statement exists, and without the
    ontology's own rdfs:label (pyLODE would print it after the title, in the same heading)."""
    has_dutch = {(t.subject, t.predicate) for t in triples
                 if isinstance(t.object, ox.Literal) and t.object.language == "nl"}
    label = (ox.NamedNode(ONTOLOGY_IRI), ox.NamedNode(PREFIXES["rdfs"] + "label"))
    return [t for t in triples if (t.subject, t.predicate) != label
            and not (isinstance(t.object, ox.Literal) and t.object.language not in (None, "nl")
                     and (t.subject, t.predicate) in has_dutch)]


def ontology_page(graph: Graph) -> str:
    """The pyLODE page (OntPub profile) of the ontology, in Dutch, everything inline."""
    import rdflib

    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    from pylode import OntPub  # noqa: PLC0415 — pyLODE's import calls logging.basicConfig(DEBUG): undone below

    root.handlers[:] = handlers
    root.setLevel(level)
    triples = _dutch(ontology_triples(graph))
    data = rdflib.Graph(bind_namespaces="core")  # rdflib's default binds ~30 more: pyLODE loops over them all
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    for prefix, base in PREFIXES.items():
        data.bind(prefix, base, replace=True)
    doc = OntPub(data)
    # pyLODE keeps an anchor it already has for an IRI: give every rbv: term its own name as anchor
    doc.fids.update({str(s): str(s)[len(ONTOLOGY):] for s in set(data.subjects())
                     if str(s).startswith(ONTOLOGY) and len(str(s)) > len(ONTOLOGY)})
    doc.fids.setdefault(ONTOLOGY_IRI, "ontologie")
    return doc.make_html(include_css=True)
