"""Serialising the graph: the union as Turtle, N-Triples, JSON-LD or RDF/XML; the named graphs as TriG or N-Quads."""

from __future__ import annotations

import hashlib

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
    """The store's quads of the chosen part, blank nodes named by :func:`stable_blank_nodes`, in a stable order."""
    chosen = stable_blank_nodes([q for q in store if _keep(q.graph_name, part)])
    return sorted(chosen, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def triples(store: ox.Store, part: str = "all") -> list[ox.Triple]:
    """The union of the chosen graphs as distinct triples, blank nodes named as in :func:`quads`, in a stable
    order."""
    seen = {ox.Triple(q.subject, q.predicate, q.object) for q in quads(store, part)}
    return sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def stable_blank_nodes(chosen: list[ox.Quad]) -> list[ox.Quad]:
    """The quads with every blank node renamed after what is said about it, so that an export is the same bytes
    in every run (a parser names blank nodes at random) and a blank node keeps its name in the next version of
    the data as long as its own triples do not change (an integrator can diff two exports).

    A blank node's name is a hash of its triples, in and out, with their graph; a blank node at the other end
    counts by its own hash of the round before (a few rounds, until the hashes tell no more nodes apart). Nodes
    that even then cannot be told apart get a number after the hash, in the order they come: their triples are
    the same but for the names, so the output is the same whichever gets which number.
    """
    edges: dict[ox.BlankNode, list[tuple[str, str, str, object]]] = {}
    for q in chosen:
        graph = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if isinstance(q.subject, ox.BlankNode):
            edges.setdefault(q.subject, []).append(("out", graph, q.predicate.value, q.object))
        if isinstance(q.object, ox.BlankNode):
            edges.setdefault(q.object, []).append(("in", graph, q.predicate.value, q.subject))
    if not edges:
        return chosen
    names = {node: "" for node in edges}
    distinct = 0
    for _ in range(8):
        names = {node: _digest(names[node], sorted(
            f"{way} {graph} {predicate} {names[other] if isinstance(other, ox.BlankNode) else other}"
            for way, graph, predicate, other in around)) for node, around in edges.items()}
        if len(set(names.values())) == distinct:
            break
        distinct = len(set(names.values()))
    renamed: dict[ox.BlankNode, ox.BlankNode] = {}
    taken: dict[str, int] = {}
    for node in edges:
        short = "b" + names[node][:20]
        count = taken[short] = taken.get(short, 0) + 1
        renamed[node] = ox.BlankNode(short if count == 1 else f"{short}-{count}")
    return [ox.Quad(renamed.get(q.subject, q.subject), q.predicate, renamed.get(q.object, q.object), q.graph_name)
            for q in chosen]


def _digest(before: str, lines: list[str]) -> str:
    digest = hashlib.sha256(before.encode())
    for line in lines:
        digest.update(b"\n" + line.encode())
    return digest.hexdigest()


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
