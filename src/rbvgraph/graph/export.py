"""Serialising the graph: the union as Turtle, N-Triples, JSON-LD or RDF/XML; the named graphs as TriG or N-Quads."""

from __future__ import annotations

import pyoxigraph as ox

from ..errors import InputError
from ..vocab import INFERRED_GRAPH, PREFIXES

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, "jsonld"),
    "xml": (ox.RdfFormat.RDF_XML, "rdf"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "nquads": (ox.RdfFormat.N_QUADS, "nq"),
}
PARTS = ("all", "asserted", "inferred")


def _keep(graph_name, part: str) -> bool:
    inferred = isinstance(graph_name, ox.NamedNode) and graph_name.value == INFERRED_GRAPH
    return part == "all" or (part == "inferred") == inferred


def quads(store: ox.Store, part: str = "all") -> list[ox.Quad]:
    """The store's quads of the chosen part, in a stable order."""
    chosen = [q for q in store if _keep(q.graph_name, part)]
    return sorted(chosen, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def triples(store: ox.Store, part: str = "all") -> list[ox.Triple]:
    """The union of the chosen graphs as distinct triples, in a stable order."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in store if _keep(q.graph_name, part)}
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialise(store: ox.Store, fmt: str = "turtle", part: str = "all") -> bytes:
    """The graph in ``fmt``; graph formats get the union, dataset formats keep the named graphs."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}': choose one of {', '.join(FORMATS)}")
    if part not in PARTS:
        raise InputError(f"unknown part '{part}': choose one of {', '.join(PARTS)}")
    rdf_format, _ = FORMATS[fmt]
    data = quads(store, part) if rdf_format.supports_datasets else triples(store, part)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML, ox.RdfFormat.JSON_LD) else None
    return ox.serialize(data, format=rdf_format, prefixes=prefixes)
