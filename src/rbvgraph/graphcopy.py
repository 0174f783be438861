"""Copying Oxigraph quads into rdflib graphs for owlrl and pySHACL, converting each distinct term only once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from .convert import to_rdflib_term


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
