"""Provenance checks of the data beside rbvgraph validate's own: every evidence node supports an asserted relation,
and every outside fact names its source. (Whether every quote stands verbatim in its section is rbvgraph's own
check, rbvgraph.validation.sources, which test_data runs on the real data.)"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from rbvgraph.vocab import EXTERNAL, ONTOLOGY, PREFIXES


_P = f"PREFIX rbv: <{ONTOLOGY}> PREFIX rdf: <{PREFIXES['rdf']}> "


@dataclass(frozen=True)
class Problem:
    graph: str
    message: str

    def __str__(self) -> str:
        return f"{self.graph.rsplit('/graph/', 1)[-1]}: {self.message}"


def _graph(g) -> str:
    return g.value if isinstance(g, ox.NamedNode) else "(default graph)"


def evidence_without_relation(store: ox.Store) -> list[Problem]:
    """Evidence nodes whose triple is not asserted, or that lack a section+quote or a source."""
    query = _P + """
    SELECT ?g ?e ?s ?p ?o ?why WHERE {
      GRAPH ?g { ?e a rbv:Bewijs }
      OPTIONAL { ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
      BIND(IF(!BOUND(?s), "names no subject, predicate and object",
           IF(NOT EXISTS { ?s ?p ?o }, "supports a triple that is not asserted",
           IF(NOT EXISTS { ?e rbv:bron ?b } && NOT EXISTS { ?e rbv:sectie ?x ; rbv:citaat ?c }, "has neither section+quote nor source", ""))) AS ?why)
      FILTER(?why != "")
    }"""
    return [Problem(_graph(r["g"]), f"evidence for {r['s'].value if r['s'] else '?'} {r['p'].value if r['p'] else '?'} {r['o'].value if r['o'] else '?'} {r['why'].value}")
            for r in store.query(query, use_default_graph_as_union=True)]


def external_facts_without_source(store: ox.Store) -> list[Problem]:
    query = _P + f"""
    SELECT ?g ?s ?p ?o WHERE {{
      VALUES ?p {{ {" ".join(f"<{p}>" for p in EXTERNAL)} }}
      GRAPH ?g {{ ?s ?p ?o }}
      FILTER NOT EXISTS {{ ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rbv:bron ?b }}
    }}"""
    return [Problem(_graph(r["g"]), f"{r['s'].value} {r['p'].value} {r['o'].value} comes from outside the report but names no source")
            for r in store.query(query, use_default_graph_as_union=True)]
