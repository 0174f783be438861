"""Running SPARQL on the loaded graph: Oxigraph by default, rdflib's own engine on request (for comparison)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import InputError


@dataclass
class Result:
    """A query's answer: ``kind`` is 'select', 'ask' or 'graph'; terms are Oxigraph terms (None when unbound)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)


def run(store: ox.Store, text: str, bindings: dict | None = None, where: str = "query") -> Result:
    """Run SPARQL over the union of all graphs; a syntax error is one line naming ``where``.

    Parameters are bound by a VALUES clause put first in the query's WHERE group, each term in its N-Triples form
    (:func:`rbvgraph.sparql.text.bind_values`: a value can never change the query's structure). Oxigraph 0.5 applies
    a substitution only after evaluating the pattern, so ``?sub skos:broader* ?thema`` ran over every node of the
    graph; with VALUES it starts from the bound term (benchmarks/RESULTS.md).
    """
    text, subs = _bound(text, bindings or {})
    try:
        answer = store.query(text, use_default_graph_as_union=True, substitutions=subs)
    except SyntaxError as err:
        raise InputError(f"{where}: SPARQL syntax error: {_one_line(err)}") from None
    except (OSError, ValueError, RuntimeError) as err:
        raise InputError(f"{where}: {_one_line(err)}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        return Result("select", variables=names, rows=[[row[n] for n in names] for row in answer])
    return Result("graph", triples=list(answer))


def _bound(text: str, bindings: dict) -> tuple[str, dict]:
    """The query with its parameters in a VALUES clause; Oxigraph's substitution where that cannot be done."""
    if not bindings:
        return text, {}
    from .text import bind_values

    try:
        return bind_values(text, bindings), {}
    except InputError:  # not a query form VALUES fits, or text the tokenizer cannot follow: Oxigraph will say
        return text, {ox.Variable(k): v for k, v in bindings.items()}


def without_columns(result: Result, names) -> Result:
    """The result without the given columns (a named query's parameters, which every row repeats)."""
    keep = [i for i, n in enumerate(result.variables) if n not in set(names)]
    if result.kind != "select" or len(keep) == len(result.variables):
        return result
    return Result("select", [result.variables[i] for i in keep], [[row[i] for i in keep] for row in result.rows])


def run_rdflib(store: ox.Store, text: str, bindings: dict | None = None, where: str = "query", graph=None) -> Result:
    """The same query through rdflib's pure-Python engine (slow; used to check both engines agree).

    ``graph`` is ``util.terms.union_graph(store)`` when the caller has it already (converting costs more than most queries).
    """
    from rdflib.plugins.sparql import prepareQuery

    from ..util.terms import to_ox_term, to_rdflib_term, union_graph

    graph = union_graph(store) if graph is None else graph
    try:
        prepared = prepareQuery(text)
        _nested_loop_bgp_joins(prepared.algebra)
        answer = graph.query(prepared, initBindings={k: to_rdflib_term(v) for k, v in (bindings or {}).items()})
    except Exception as err:  # rdflib raises pyparsing and assorted errors for bad SPARQL
        raise InputError(f"{where}: SPARQL error: {_one_line(err)}") from None
    if answer.type == "ASK":
        return Result("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        names = [str(v) for v in answer.vars]
        return Result("select", variables=names,
                      rows=[[to_ox_term(row[n]) if row[n] is not None else None for n in names] for row in answer])
    return Result("graph", triples=[ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in answer.graph])


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


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
