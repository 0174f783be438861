"""Serialising the graph: the union as Turtle, N-Triples, JSON-LD or RDF/XML; the named graphs as TriG, N-Quads or
JSON-LD with ``graphs``.

A part is a set of named graphs: ``ontology`` the ontology's files, ``data`` the data files, ``asserted`` both,
``inferred`` what the reasoner added, ``all`` everything loaded. Several parts give their union.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from ..errors import InputError
from ..vocab import INFERRED_GRAPH, ONTOLOGY_GRAPHS, PREFIXES
from . import jsonld

FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, "jsonld"),
    "xml": (ox.RdfFormat.RDF_XML, "rdf"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "nquads": (ox.RdfFormat.N_QUADS, "nq"),
}
PARTS = ("all", "asserted", "data", "ontology", "inferred")
_MEMBERS = {"all": {"data", "ontology", "inferred"}, "asserted": {"data", "ontology"}}


def graph_kind(graph_name) -> str:
    """Which part a named graph belongs to: ``ontology``, ``inferred`` or ``data`` (every other graph)."""
    name = graph_name.value if isinstance(graph_name, ox.NamedNode) else ""
    return "inferred" if name == INFERRED_GRAPH else "ontology" if name.startswith(ONTOLOGY_GRAPHS) else "data"


def _kinds(part: str | tuple[str, ...]) -> set[str]:
    chosen = (part,) if isinstance(part, str) else tuple(part)
    for one in chosen:
        if one not in PARTS:
            raise InputError(f"unknown part '{one}': choose one of {', '.join(PARTS)}")
    return set().union(*(_MEMBERS.get(one, {one}) for one in chosen))


def quads(store: ox.Store, part: str | tuple[str, ...] = "all") -> list[ox.Quad]:
    """The store's quads of the chosen part(s), blank nodes named by :func:`stable_blank_nodes`, in a stable order."""
    kinds = _kinds(part)
    chosen = stable_blank_nodes([q for q in store if graph_kind(q.graph_name) in kinds])
    return sorted(chosen, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def triples(store: ox.Store, part: str | tuple[str, ...] = "all") -> list[ox.Triple]:
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


def serialise(store: ox.Store, fmt: str = "turtle", part: str | tuple[str, ...] = "all", form: str = "compacted",
               graphs: bool = False) -> bytes:
    """The graph in ``fmt``: TriG and N-Quads keep the named graphs, JSON-LD too when ``graphs``, the others give
    the union (in JSON-LD one node object per subject). JSON-LD comes in ``form``: compacted with the project's
    context (:mod:`.jsonld`), linked to it, or expanded."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}': choose one of {', '.join(FORMATS)}")
    rdf_format, _ = FORMATS[fmt]
    if fmt == "jsonld":
        data = quads(store, part) if graphs else triples(store, part)
        return jsonld.document(ox.serialize(data, format=rdf_format), form, store)
    data = quads(store, part) if rdf_format.supports_datasets else triples(store, part)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(data, format=rdf_format, prefixes=prefixes)
