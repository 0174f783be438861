"""Oxigraph terms to rdflib terms and back, and copying Oxigraph quads into rdflib graphs (for owlrl and pySHACL),
converting each distinct term only once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
from rdflib.term import BNode, Literal, URIRef

from ..vocab import PREFIXES

_XSD_STRING = PREFIXES["xsd"] + "string"


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


def copy_into(quads: Iterable[ox.Quad], choose: Callable[[ox.Quad], object | None]) -> None:
    """Add each quad's triple to the rdflib graph ``choose(quad)`` returns (None: leave the quad out)."""
    terms: dict = {}

    def term(t):
        found = terms.get(t)
        if found is None:
            found = terms[t] = to_rdflib_term(t)
        return found

    for quad in quads:
        graph = choose(quad)
        if graph is not None:
            graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))

