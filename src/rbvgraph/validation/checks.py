"""The checks of ontology/shapes.ttl that run on Oxigraph instead of pySHACL (their shapes are sh:deactivated
there and carry the message): relations without evidence, evidence without its relation, and rbv: terms that
the ontology does not define."""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import EXTERNAL, INFERRED_GRAPH, INSTANCES, ONTOLOGY, PREFIXES, STRUCTURAL
from .describe import Describer
from .violation import Violation

SHAPES = "https://w3id.org/rbvgraph/shapes#"
_EXEMPT = {ox.NamedNode(p) for p in STRUCTURAL + EXTERNAL}
_INFERRED = ox.NamedNode(INFERRED_GRAPH)
_P = f"PREFIX rbv: <{ONTOLOGY}> PREFIX rdf: <{PREFIXES['rdf']}> "

_UNSUPPORTED = _P + f"""
SELECT ?g ?e ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?e a rbv:Bewijs ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{INFERRED_GRAPH}>) }}
}} ORDER BY ?g ?s ?p ?o"""

_TERMS = _P + f"""
SELECT DISTINCT ?g ?s ?term ?p WHERE {{
  GRAPH ?g {{ {{ ?s ?term ?o BIND(rdf:predicate AS ?p) }} UNION {{ ?s a ?term BIND(rdf:type AS ?p) }} }}
  FILTER(?g != <{INFERRED_GRAPH}> && STRSTARTS(STR(?term), "{ONTOLOGY}"))
  FILTER NOT EXISTS {{ GRAPH ?d {{ ?term a ?kind }} FILTER(?d != <{INFERRED_GRAPH}>) }}
}} ORDER BY ?g ?term ?s"""


def oxigraph_checks(store: ox.Store, describe: Describer, messages: dict[str, str]) -> list[Violation]:
    """Violations of rbv-shapes:RelatieShape, BewijsRelatieShape and TermShape."""
    found = []
    for graph, s, p, o in relations_without_evidence(store):
        found.append(_violation("RelatieShape", messages, describe.files.get(getattr(graph, "value", ""), ""), describe.label(s),
                                describe.prop(p.value), value=describe.label(o)))
    for row in store.query(_UNSUPPORTED, use_default_graph_as_union=True):
        found.append(_violation("BewijsRelatieShape", messages, describe.files.get(row["g"].value, ""),
                                describe.label(row["e"]), ""))
    for row in store.query(_TERMS, use_default_graph_as_union=True):
        term = row["term"].value
        used = "als soort" if row["p"].value.endswith("#type") else "als relatie"
        found.append(_violation("TermShape", messages, describe.files.get(row["g"].value, ""), describe.label(row["s"]),
                                "soort (rdf:type)" if used == "als soort" else "relatie",
                                value=f"rbv:{term[len(ONTOLOGY):]} ({used})"))
    return found


def relations_without_evidence(store: ox.Store) -> list[tuple]:
    """(graph, s, p, o) of every asserted triple between two project IRIs that no evidence node names.

    Only the asserted graphs count (an inferred relation such as the other direction of 'werkt samen met' has its
    evidence on the stated one); one pass over the store.
    """
    parts: dict = {}
    for key in ("subject", "predicate", "object"):
        for q in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdf"] + key), None):
            parts.setdefault(q.subject, {})[key] = q.object
    stated = {(v.get("subject"), v.get("predicate"), v.get("object")) for v in parts.values()}
    found = []
    for q in store:
        s, p, o = q.subject, q.predicate, q.object
        if (q.graph_name == _INFERRED or not isinstance(o, ox.NamedNode) or not isinstance(s, ox.NamedNode)
                or p in _EXEMPT or not s.value.startswith(INSTANCES) or not o.value.startswith(INSTANCES)):
            continue
        if (s, p, o) not in stated:
            found.append((q.graph_name, s, p, o))
    return sorted(found, key=lambda r: tuple(str(t) for t in r))


def _violation(name: str, messages: dict[str, str], file: str, node: str, prop: str, value: str = "") -> Violation:
    return Violation(f"rbv-shapes:{name}", file, node, prop, messages.get(SHAPES + name, name), value=value,
                     shape=f"rbv-shapes:{name}")
