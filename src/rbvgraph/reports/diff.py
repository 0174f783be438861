"""What changed between two reports: the organisations, programmes and activities, themes and relations that
appear, disappear or continue, and the figures of their Bijlage 3 side by side.

A thing is in a report when the report names it (``rbv:vermeldIn`` one of its sections) or a piece of evidence from
one of its sections is about it. A relation is in a report when it has evidence there; it is compared in one
direction (``uitgevoerdDoor`` as ``voertUit``, a symmetric relation with its ends in IRI order), so the same
relation stated the other way round in the next report continues. Relations of a section itself (a section citing
a document) belong to one report by their nature and are left out. A figure is in a report when its data set is
named in one of the report's sections; an indicator's target (``rbv:doel``) is shown for each report whose data
set has the indicator.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ..graph.labels import labels_for
from ..graph.reports import Report, report_called, reports_in, section_reports
from ..sparql.engine import Result
from ..vocab import INFERRED_GRAPH, ONTOLOGY, PREFIXES

RBV = ONTOLOGY
_PREFIXES = "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in ("rbv", "rdf", "rdfs", "owl", "qb"))

# (kind as shown, the class its things belong to)
KINDS = (("organisatie", RBV + "Organisatie"), ("programma of activiteit", RBV + "Activiteit"),
         ("thema", RBV + "Thema"))
CHANGES = ("nieuw", "verdwenen", "veranderd", "blijft")

_MENTIONS = _PREFIXES + """SELECT DISTINCT ?x ?sec WHERE {
  { ?x rbv:vermeldIn ?sec } UNION { ?e rbv:sectie ?sec ; rdf:subject ?x } UNION { ?e rbv:sectie ?sec ; rdf:object ?x }
  FILTER(isIRI(?x)) }"""
_SUBCLASSES = _PREFIXES + "SELECT DISTINCT ?c WHERE { ?c rdfs:subClassOf* <%s> }"
_TYPES = _PREFIXES + "SELECT DISTINCT ?x ?c WHERE { ?x a ?c }"
_RELATIONS = _PREFIXES + """SELECT DISTINCT ?s ?p ?o ?sec WHERE {
  { ?e a rbv:Bewijs } UNION { ?e a rbv:Kandidaat }  # a candidate's evidence, where the concepts are read too
  ?e rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rbv:sectie ?sec .
  FILTER(isIRI(?s) && isIRI(?o) && ?p != rdf:type)  # an accepted new thing's class is no relation
  FILTER NOT EXISTS { ?s a rbv:Sectie } FILTER NOT EXISTS { ?o a rbv:Sectie }
}"""
_INVERSES = _PREFIXES + f"""SELECT DISTINCT ?p ?q WHERE {{ GRAPH ?g {{ ?p owl:inverseOf ?q }} FILTER(?g != <{INFERRED_GRAPH}>) }}"""
_SYMMETRIC = _PREFIXES + "SELECT DISTINCT ?p WHERE { ?p a owl:SymmetricProperty }"
_FIGURES = _PREFIXES + """SELECT DISTINCT ?ind ?year ?value ?sec WHERE {
  ?obs a qb:Observation ; qb:dataSet ?ds ; rbv:indicator ?ind ; rbv:jaar ?year ; rbv:waarde ?value .
  ?ds rbv:vermeldIn ?sec }"""
_INDICATORS = _PREFIXES + """SELECT ?ind ?order ?target WHERE { ?ind a rbv:Indicator .
  OPTIONAL { ?ind rbv:volgorde ?order } OPTIONAL { ?ind rbv:doel ?target } }"""


@dataclass(frozen=True)
class Row:
    """One line of the comparison: what it is, its name, how it changed, its value in each report (for a thing or
    a relation "ja" where the report has it), and the IRI of the thing or indicator."""

    kind: str
    name: str
    change: str
    first: str
    second: str
    iri: str = ""


@dataclass
class Comparison:
    first: Report
    second: Report
    rows: list[Row]

    def count(self, kind: str, change: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind and r.change == change)

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(r.kind for r in self.rows))


def _change(a: str, b: str) -> str:
    if a and not b:
        return "verdwenen"
    if b and not a:
        return "nieuw"
    return "blijft" if a == b or _number(a) == _number(b) is not None else "veranderd"


def _number(text: str) -> Decimal | None:
    """A figure as a number, so that "30" and "30.0" are the same figure."""
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _rows(store: ox.Store, query: str):
    return store.query(query, use_default_graph_as_union=True)


def _by_report(pairs, report_of: dict[str, str]) -> dict[str, set]:
    """(item, section) pairs → report IRI → the items named in its sections."""
    found: dict[str, set] = defaultdict(set)
    for item, section in pairs:
        if section in report_of:
            found[report_of[section]].add(item)
    return found


def _things(store, report_of, a: Report, b: Report) -> list[Row]:
    mentions = [(r["x"].value, r["sec"].value) for r in _rows(store, _MENTIONS)]
    types: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, _TYPES):
        types[r["x"].value].add(r["c"].value)
    rows = []
    for kind, cls in KINDS:
        classes = {r["c"].value for r in _rows(store, _SUBCLASSES % cls)}
        held = _by_report(((x, sec) for x, sec in mentions if types[x] & classes), report_of)
        iris = held[a.iri] | held[b.iri]
        labels = labels_for(store, (ox.NamedNode(i) for i in iris))
        for iri in iris:
            first, second = ("ja" if iri in held[r.iri] else "" for r in (a, b))
            rows.append(Row(kind, labels.get(iri, iri), _change(first, second), first, second, iri))
    return rows


def _relations(store, report_of, a: Report, b: Report) -> list[Row]:
    pairs = [(r["p"].value, r["q"].value) for r in _rows(store, _INVERSES)]
    forward = {p for p, _ in pairs}  # the direction the ontology declares owl:inverseOf on
    inverse = {q: p for p, q in sorted(pairs, reverse=True) if q not in forward}
    symmetric = {r["p"].value for r in _rows(store, _SYMMETRIC)}

    def canonical(s, p, o):
        if p in inverse:
            s, p, o = o, inverse[p], s
        return (o, p, s) if p in symmetric and o < s else (s, p, o)

    pairs = ((canonical(r["s"].value, r["p"].value, r["o"].value), r["sec"].value) for r in _rows(store, _RELATIONS))
    held = _by_report(pairs, report_of)
    keys = held[a.iri] | held[b.iri]
    labels = labels_for(store, (ox.NamedNode(i) for key in keys for i in key))
    rows = []
    for key in keys:
        name = " — ".join(labels.get(i, i) for i in key)
        first, second = ("ja" if key in held[r.iri] else "" for r in (a, b))
        rows.append(Row("relatie", name, _change(first, second), first, second))
    return rows


def _figures(store, report_of, a: Report, b: Report) -> list[Row]:
    values: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)  # report → (indicator, year) → value
    for r in _rows(store, _FIGURES):
        report = report_of.get(r["sec"].value)
        if report in (a.iri, b.iri):
            values[report][(r["ind"].value, r["year"].value)] = r["value"].value
    order, targets = {}, {}
    for r in _rows(store, _INDICATORS):
        order[r["ind"].value] = int(r["order"].value) if r["order"] else 10_000
        if r["target"]:
            targets[r["ind"].value] = r["target"].value
    indicators = sorted({ind for r in (a, b) for ind, _ in values[r.iri]}, key=lambda i: (order.get(i, 10_000), i))
    labels = labels_for(store, (ox.NamedNode(i) for i in indicators))
    rows = []
    for ind in indicators:
        name = labels.get(ind, ind)
        years = sorted({y for r in (a, b) for i, y in values[r.iri] if i == ind})
        for year in years:
            first, second = values[a.iri].get((ind, year), ""), values[b.iri].get((ind, year), "")
            rows.append(Row("cijfer", f"{name}, {year}", _change(first, second), first, second, ind))
        if ind in targets:
            first, second = (targets[ind] if any(i == ind for i, _ in values[r.iri]) else "" for r in (a, b))
            rows.append(Row("doel", f"{name}, doel", _change(first, second), first, second, ind))
    return rows


def compare(store: ox.Store, first: str, second: str) -> Comparison:
    """The comparison of the reports with slugs ``first`` and ``second`` (an unknown slug is an InputError)."""
    report_of = section_reports(store)
    known = reports_in(store, report_of)
    a, b = report_called(store, first, "diff", known), report_called(store, second, "diff", known)
    kind_rank = {kind: i for i, kind in enumerate([k for k, _ in KINDS] + ["relatie"])}
    change_rank = {c: i for i, c in enumerate(CHANGES)}
    things = sorted(_things(store, report_of, a, b) + _relations(store, report_of, a, b),
                    key=lambda r: (kind_rank[r.kind], change_rank[r.change], r.name.lower(), r.iri))
    return Comparison(a, b, things + _figures(store, report_of, a, b))


def comparison_result(comparison: Comparison) -> Result:
    """The comparison as a query answer (so it is written as a table or CSV like one): kind, name, change, the
    value in each report (column named after the report), and the IRI of the thing or indicator."""
    rows = [[ox.Literal(r.kind), ox.Literal(r.name), ox.Literal(r.change), ox.Literal(r.first), ox.Literal(r.second),
             ox.NamedNode(r.iri) if r.iri else None] for r in comparison.rows]
    first, second = comparison.first.slug, comparison.second.slug
    return Result("select", ["soort", "naam", "verandering", first, second if second != first else f"{second} (2)",
                             "ding"], rows)
