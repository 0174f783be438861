"""Conversion between Oxigraph terms and rdflib terms (both ways), for the parts that need rdflib."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, URIRef

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r}")


def to_ox_term(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def store_to_dataset(store: ox.Store, graphs: Iterable[str] | None = None) -> rdflib.Dataset:
    """Copy the store (or only the named graphs listed) into an rdflib Dataset."""
    dataset = rdflib.Dataset()
    wanted = None if graphs is None else set(graphs)
    for quad in store:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            name = None
        else:
            name = quad.graph_name.value
            if wanted is not None and name not in wanted:
                continue
        target = dataset.default_context if name is None else dataset.graph(URIRef(name))
        target.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
    return dataset


def union_graph(store: ox.Store, graphs: Iterable[str] | None = None) -> rdflib.Graph:
    """All (or the listed) graphs of the store merged into one rdflib Graph."""
    graph = rdflib.Graph()
    wanted = None if graphs is None else set(graphs)
    for quad in store:
        if wanted is not None and (isinstance(quad.graph_name, ox.DefaultGraph) or quad.graph_name.value not in wanted):
            continue
        graph.add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
    return graph


def triples_to_ox(triples: Iterable[tuple]) -> list[ox.Triple]:
    return [ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in triples]
