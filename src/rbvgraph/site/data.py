"""Build steps: the graph as RDF files and every named query's answer as CSV."""

from __future__ import annotations

from ..graph.export import serialise
from ..graph.jsonld import context_bytes
from ..sparql.named import catalogue, run_named
from ..sparql.results import render
from .context import BuildContext


def write_graph(ctx: BuildContext) -> None:
    """build/rbv.ttl: the asserted graph; build/rbv.trig: every named graph (inferred too, when reasoning);
    build/context.jsonld: the JSON-LD context of 'export -f jsonld' (what https://w3id.org/rbvgraph/context.jsonld
    serves)."""
    ctx.write("rbv.ttl", serialise(ctx.graph.store, "turtle", "asserted"))
    ctx.write("rbv.trig", serialise(ctx.graph.store, "trig", "all"))
    ctx.write("context.jsonld", context_bytes(ctx.graph.store))


def write_queries(ctx: BuildContext) -> None:
    """build/queries/NAME.csv for every named query, with its default parameters, on the graph its header asks
    for (``# inference: …``; the asserted graph when it says nothing)."""
    for query in catalogue(ctx.graph.project).values():
        graph = ctx.graph_for(query.inference)
        result = run_named(graph, query, {}, where=f"query {query.name} ({query.path.name})")
        ctx.write(f"queries/{query.name}.csv", render(result, "csv", graph.store), bom=True)
