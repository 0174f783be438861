"""Figures about the graph itself: triples, entities per class, facts per chapter; the same figures the dataset
description (:mod:`.void`) states in VoID terms."""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import INFERRED_GRAPH, INSTANCES, ONTOLOGY, PREFIXES
from .export import graph_kind
from .reports import reports_in, section_reports

_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")

_CHAPTERS = f"""
PREFIX rbv: <{ONTOLOGY}>
SELECT ?sec ?chapter (COUNT(DISTINCT ?e) AS ?facts) (COUNT(DISTINCT ?q) AS ?quotes) WHERE {{
  ?e a rbv:Bewijs ; rbv:sectie ?sec . OPTIONAL {{ ?e rbv:citaat ?q }}
  ?sec rbv:sectienummer ?num .
  BIND(IF(CONTAINS(?num, "Bijlage") || ?num = "Voorwoord", ?num, STRBEFORE(CONCAT(?num, "."), ".")) AS ?chapter)
}} GROUP BY ?sec ?chapter"""

_EXTERNAL = f"""PREFIX rbv: <{ONTOLOGY}> SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a rbv:Bewijs ; rbv:bron ?b }}"""


def stats(store: ox.Store, asserted: bool = False) -> dict:
    """The figures of the whole store, or with ``asserted`` of every graph but the inferred one.

    ``triples`` counts distinct triples over the named graphs; ``entities`` the distinct project IRIs with a
    class, ``classes`` how many of them each class has (most first); ``per_graph`` the triples of each graph.
    """
    inferred = ox.NamedNode(INFERRED_GRAPH)
    per_graph: dict[str, int] = {}
    distinct = set()
    parts: dict[str, set] = {part: set() for part in ("ontology", "data", "inferred")}
    for q in store:
        parts[graph_kind(q.graph_name)].add((q.subject, q.predicate, q.object))
        if asserted and q.graph_name == inferred:
            continue
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        per_graph[name] = per_graph.get(name, 0) + 1
        distinct.add((q.subject, q.predicate, q.object))
    members: dict[str, set] = {}
    for s, p, o in distinct:
        if p == _TYPE and isinstance(s, ox.NamedNode) and s.value.startswith(INSTANCES):
            members.setdefault(o.value, set()).add(s)

    def rows(query: str) -> list:
        return list(store.query(query, use_default_graph_as_union=True))

    return {
        "triples": len(distinct),
        # distinct triples per part of 'export --part' (a triple in two parts counts in both)
        "parts": {part: len(found) for part, found in parts.items()} | {"asserted": len(parts["ontology"] | parts["data"])},
        "graphs": len(per_graph),
        "per_graph": dict(sorted(per_graph.items())),
        "subjects": len({s for s, _, _ in distinct}),
        "objects": len({o for _, _, o in distinct}),
        "properties": len({p for _, p, _ in distinct}),
        "all_classes": len({o for _, p, o in distinct if p == _TYPE}),
        "entities": len(set().union(*members.values())) if members else 0,
        "classes": sorted(((c, len(xs)) for c, xs in members.items()), key=lambda r: (-r[1], r[0])),
        "chapters": _chapters(store, rows(_CHAPTERS)),
        "outside_facts": int(rows(_EXTERNAL)[0][0].value),
    }


def _chapters(store: ox.Store, rows) -> list[tuple[str, int, int]]:
    """Facts and quotes per chapter, in order; with more than one report each chapter after its report's slug
    (``jaarverslag-2023 2``). A quote that stands in two sections of a chapter counts once per section."""
    report_of = section_reports(store)
    slugs = {r.iri: r.slug for r in reports_in(store, report_of)}
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
