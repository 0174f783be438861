"""Running SPARQL on the loaded graph: Oxigraph by default, rdflib's own engine on request (for comparison)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import InputError

ENGINES = ("oxigraph", "rdflib")


@dataclass
class Result:
    """A query's answer: ``kind`` is 'select', 'ask' or 'graph'; terms are Oxigraph terms (None when unbound)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)


def run(store: ox.Store, text: str, bindings: dict | None = None, where: str = "query") -> Result:
    """Run SPARQL over the union of all graphs; a syntax error is one line naming ``where``."""
    subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
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


def without_columns(result: Result, names) -> Result:
    """The result without the given columns (a named query's parameters, which every row repeats)."""
    keep = [i for i, n in enumerate(result.variables) if n not in set(names)]
    if result.kind != "select" or len(keep) == len(result.variables):
        return result
    return Result("select", [result.variables[i] for i in keep], [[row[i] for i in keep] for row in result.rows])


def run_rdflib(store: ox.Store, text: str, bindings: dict | None = None, where: str = "query") -> Result:
    """The same query through rdflib's pure-Python engine (slow; used to check both engines agree)."""
    from .convert import to_ox_term, to_rdflib_term, union_graph

    graph = union_graph(store)
    try:
        answer = graph.query(text, initBindings={k: to_rdflib_term(v) for k, v in (bindings or {}).items()})
    except Exception as err:  # rdflib raises pyparsing and assorted errors for bad SPARQL
        raise InputError(f"{where}: SPARQL error: {_one_line(err)}") from None
    if answer.type == "ASK":
        return Result("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        names = [str(v) for v in answer.vars]
        return Result("select", variables=names,
                      rows=[[to_ox_term(row[n]) if row[n] is not None else None for n in names] for row in answer])
    return Result("graph", triples=[ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o)) for s, p, o in answer.graph])


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
