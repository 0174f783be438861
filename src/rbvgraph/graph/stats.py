"""Figures about the graph itself: triples, entities per class, facts per chapter."""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import INSTANCES, ONTOLOGY
from .reports import reports_in, section_reports

_CLASSES = f"""
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  ?x a ?class . FILTER(STRSTARTS(STR(?x), "{INSTANCES}"))
}} GROUP BY ?class ORDER BY DESC(?n) ?class"""

_CHAPTERS = f"""
PREFIX rbv: <{ONTOLOGY}>
SELECT ?sec ?chapter (COUNT(DISTINCT ?e) AS ?facts) (COUNT(DISTINCT ?q) AS ?quotes) WHERE {{
  ?e a rbv:Bewijs ; rbv:sectie ?sec . OPTIONAL {{ ?e rbv:citaat ?q }}
  ?sec rbv:sectienummer ?num .
  BIND(IF(CONTAINS(?num, "Bijlage") || ?num = "Voorwoord", ?num, STRBEFORE(CONCAT(?num, "."), ".")) AS ?chapter)
}} GROUP BY ?sec ?chapter"""

_EXTERNAL = f"""PREFIX rbv: <{ONTOLOGY}> SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a rbv:Bewijs ; rbv:bron ?b }}"""


def stats(store: ox.Store) -> dict:
    distinct = {(q.subject, q.predicate, q.object) for q in store}

    def rows(query: str) -> list:
        return list(store.query(query, use_default_graph_as_union=True))

    return {
        "triples": len(distinct),
        "graphs": sum(1 for _ in store.named_graphs()),
        "classes": [(r[0].value, int(r[1].value)) for r in rows(_CLASSES)],
        "chapters": _chapters(store, rows(_CHAPTERS)),
        "outside_facts": int(rows(_EXTERNAL)[0][0].value),
    }


def _chapters(store: ox.Store, rows) -> list[tuple[str, int, int]]:
    """Facts and quotes per chapter, in order; with more than one report each chapter after its report's slug
    (``jaarverslag-2023 2``). A quote that stands in two sections of a chapter counts once per section."""
    report_of = section_reports(store)
    slugs = {r.iri: r.slug for r in reports_in(store)}
    several = len(slugs) > 1
    totals: dict[str, list[int]] = {}
    for r in rows:
        name = r["chapter"].value
        if several:
            name = f"{slugs.get(report_of.get(r['sec'].value), '?')} {name}"
        total = totals.setdefault(name, [0, 0])
        total[0] += int(r["facts"].value)
        total[1] += int(r["quotes"].value)
    return [(name, facts, quotes) for name, (facts, quotes) in sorted(totals.items())]
