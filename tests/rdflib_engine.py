"""rdflib's own SPARQL engine beside Oxigraph, to check that both give the same answers (tests only)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from rbvgraph.errors import InputError
from rbvgraph.sparql.engine import Result, _one_line
from rbvgraph.util.terms import copy_into, to_ox_term, to_rdflib_term


def union_graph(store: ox.Store) -> rdflib.Graph:
    """Every graph of the store merged into one rdflib Graph."""
    graph = rdflib.Graph()
    copy_into(store, lambda quad: graph)
    return graph


def run_rdflib(store: ox.Store, text: str, bindings: dict | None = None, where: str = "query", graph=None) -> Result:
    """The same query through rdflib's pure-Python engine (slow; used to check both engines agree).

    ``graph`` is ``union_graph(store)`` when the caller has it already (converting costs more than most queries).
    """
    from rdflib.plugins.sparql import prepareQuery

    graph = union_graph(store) if graph is None else graph
    try:
        prepared = prepareQuery(text)
        _nested_loop_bgp_joins(prepared.algebra)
        answer = graph.query(prepared, initBindings={k: to_rdflib_term(v) for k, v in (bindings or {}).items()})
        if answer.type == "ASK":
            return Result("ask", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            # read inside the try: rdflib evaluates lazily (under DISTINCT, an error comes while reading the rows)
            names = [str(v) for v in answer.vars]
            return Result("select", variables=names,
                          rows=[[to_ox_term(row[n]) if row[n] is not None else None for n in names] for row in answer])
        return Result("graph", triples=[ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o))
                                        for s, p, o in answer.graph])
    except Exception as err:  # rdflib raises pyparsing and assorted errors for bad SPARQL
        raise InputError(f"{where}: SPARQL error: {_one_line(err)}") from None


def _nested_loop_bgp_joins(node) -> None:
    """Let rdflib join ``X . { triple patterns }`` by evaluating the patterns once per row of X (its "lazy" join).

    rdflib does so only when X holds no join itself; otherwise it evaluates both sides on their own and matches them
    up, and a block of patterns that shares no variable with the rest of its group (``?p rdfs:label ?l . ?x
    rdfs:label ?n``) becomes a cross product: partners.rq and regelgeving.rq took over ten minutes. Evaluating a
    basic graph pattern under a row's bindings gives exactly the rows compatible with it, so the answer is the same.
    """
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "Join" and isinstance(node.get("p2"), CompValue) and node.p2.name == "BGP":
            node["lazy"] = True
        for child in node.values():
            _nested_loop_bgp_joins(child)
    elif isinstance(node, (list, tuple)):
        for child in node:
            _nested_loop_bgp_joins(child)
