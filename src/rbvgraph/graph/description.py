"""What the graph says about one thing, as an integrator fetching its IRI wants it: a bounded description.

The description of ``<x>`` is its own triples (with the blank nodes they lead to, followed to their end), the
triples that point at it from other IRIs, every piece of evidence (``rbv:Bewijs``) naming it as subject or object
with all of that evidence's triples, and the names (``rdfs:label``, ``skos:prefLabel``) of every other IRI these
mention, so that a client can show the neighbours without fetching each. Triples from every graph of the store
count once; the result is sorted, so the same graph gives the same description.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import ONTOLOGY, PREFIXES

_RDF_SUBJECT = ox.NamedNode(PREFIXES["rdf"] + "subject")
_RDF_OBJECT = ox.NamedNode(PREFIXES["rdf"] + "object")
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_EVIDENCE = ox.NamedNode(ONTOLOGY + "Bewijs")
_NAMES = (ox.NamedNode(PREFIXES["rdfs"] + "label"), ox.NamedNode(PREFIXES["skos"] + "prefLabel"))
MAX_BLANK_DEPTH = 8  # blank nodes nested deeper than this are not followed (the data has one level)


def _out(store: ox.Store, subject, found: set, depth: int = 0) -> None:
    """The triples of ``subject``, following blank nodes."""
    for quad in store.quads_for_pattern(subject, None, None, None):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        if triple in found:
            continue
        found.add(triple)
        if isinstance(quad.object, ox.BlankNode) and depth < MAX_BLANK_DEPTH:
            _out(store, quad.object, found, depth + 1)


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The bounded description of ``iri`` (see the module); empty when the graph says nothing about it."""
    node = ox.NamedNode(iri)
    found: set[ox.Triple] = set()
    _out(store, node, found)
    for quad in store.quads_for_pattern(None, None, node, None):
        if isinstance(quad.subject, ox.NamedNode):
            found.add(ox.Triple(quad.subject, quad.predicate, quad.object))
        elif (quad.predicate in (_RDF_SUBJECT, _RDF_OBJECT)
              and any(True for _ in store.quads_for_pattern(quad.subject, _TYPE, _EVIDENCE, None))):
            _out(store, quad.subject, found)
    neighbours = {t for triple in found for t in (triple.subject, triple.object)
                  if isinstance(t, ox.NamedNode) and t != node}
    for other in neighbours:
        for name in _NAMES:
            for quad in store.quads_for_pattern(other, name, None, None):
                found.add(ox.Triple(quad.subject, quad.predicate, quad.object))
    return sorted(found, key=str)
