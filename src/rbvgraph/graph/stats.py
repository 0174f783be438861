"""Figures about the graph itself: triples, entities per class, facts per chapter."""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import INSTANCES, ONTOLOGY
from .export import graph_kind

_CLASSES = f"""
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x a ?class . FILTER(STRSTARTS(STR(?x), "{INSTANCES}"))
}} GROUP BY ?class ORDER BY DESC(?n) ?class"""

_CHAPTERS = f"""
PREFIX rbv: <{ONTOLOGY}>
SELECT ?chapter (COUNT(DISTINCT ?e) AS ?facts) (COUNT(DISTINCT ?q) AS ?quotes) WHERE {{
  ?e a rbv:Bewijs ; rbv:sectie ?sec . OPTIONAL {{ ?e rbv:citaat ?q }}
  ?sec rbv:sectienummer ?num .
  BIND(IF(CONTAINS(?num, "Bijlage") || ?num = "Voorwoord", ?num, STRBEFORE(CONCAT(?num, "."), ".")) AS ?chapter)
}} GROUP BY ?chapter ORDER BY ?chapter"""

_EXTERNAL = f"""PREFIX rbv: <{ONTOLOGY}> SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a rbv:Bewijs ; rbv:bron ?b }}"""


def stats(store: ox.Store) -> dict:
    distinct = {(q.subject, q.predicate, q.object) for q in store}
    parts: dict[str, set] = {part: set() for part in ("ontology", "data", "inferred")}
    for q in store:
        parts[graph_kind(q.graph_name)].add((q.subject, q.predicate, q.object))

    def rows(query: str) -> list:
        return list(store.query(query, use_default_graph_as_union=True))

    return {
        "triples": len(distinct),
        # distinct triples per part of 'export --part' (a triple in two parts counts in both)
        "parts": {part: len(found) for part, found in parts.items()} | {"asserted": len(parts["ontology"] | parts["data"])},
        "graphs": sum(1 for _ in store.named_graphs()),
        "classes": [(r[0].value, int(r[1].value)) for r in rows(_CLASSES)],
        "chapters": [(r[0].value, int(r[1].value), int(r[2].value)) for r in rows(_CHAPTERS)],
        "outside_facts": int(rows(_EXTERNAL)[0][0].value),
    }
