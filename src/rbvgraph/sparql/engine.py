"""Running SPARQL on the loaded graph with Oxigraph."""

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


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
