"""What the entity pages are made of, read once from the loaded graph: every named thing with its names and kind,
every fact the report states about it (with section and quote, as the named query ``waar-staat-dat`` gives them),
the other things it is linked to, its own values, and for indicators the figures of Bijlage 3."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox

from ..graph import Graph
from ..graph.labels import labels_for
from ..graph.search import SearchIndex, index_for
from ..vocab import INFERRED_GRAPH, INSTANCES, ONTOLOGY, PREFIXES, VOID

_RDF, _RDFS, _SKOS, _DCT = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["skos"], PREFIXES["dcterms"]
_PREFIXES = (f"PREFIX rbv: <{ONTOLOGY}> PREFIX rdf: <{_RDF}> PREFIX rdfs: <{_RDFS}> PREFIX dcterms: <{_DCT}> "
             f"PREFIX qb: <{PREFIXES['qb']}> PREFIX skos: <{_SKOS}>\n")
# The pattern of queries/waar-staat-dat.rq for every thing at once: one row per piece of evidence.
_EVIDENCE = _PREFIXES + """SELECT ?s ?p ?o ?relatie ?sec ?sectie ?titel ?volgorde ?citaat ?bron WHERE {
  ?e a rbv:Bewijs ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?p rdfs:label ?plabel FILTER(LANG(?plabel) = "nl") }
  BIND(COALESCE(?plabel, IF(?p = rdf:type, "is een", STR(?p))) AS ?relatie)
  OPTIONAL { ?e rbv:sectie ?sec }
  OPTIONAL { ?e rbv:sectie/rbv:sectienummer ?sectie }
  OPTIONAL { ?e rbv:sectie/dcterms:title ?titel }
  OPTIONAL { ?e rbv:sectie/rbv:volgorde ?volgorde }
  OPTIONAL { ?e rbv:citaat ?citaat }
  OPTIONAL { ?e rbv:bron/rdfs:label ?bron }
}"""
_PROPERTY_LABELS = _PREFIXES + 'SELECT ?p ?l WHERE { ?p rdfs:label ?l FILTER(LANG(?l) = "nl") }'
_DEFINITIONS = _PREFIXES + """SELECT ?x ?d WHERE { VALUES ?p { skos:definition rdfs:comment dcterms:description
  skos:scopeNote skos:note } ?x ?p ?d FILTER(isIRI(?x) && (LANG(?d) = "nl" || LANG(?d) = "")) } ORDER BY ?x ?d"""
_CATEGORIES = _PREFIXES + "SELECT ?ind ?cat WHERE { ?ind a rbv:Indicator ; rbv:categorie ?cat }"
_SECTIONS = _PREFIXES + "SELECT ?sec ?n WHERE { ?sec a rbv:Sectie ; rbv:sectienummer ?n }"
_FIGURES = _PREFIXES + """SELECT ?ind ?jaar ?waarde ?voorlopig WHERE {
  ?obs a qb:Observation ; rbv:indicator ?ind ; rbv:jaar ?jaar ; rbv:waarde ?waarde
  OPTIONAL { ?obs rbv:voorlopig ?voorlopig } } ORDER BY ?ind ?jaar"""
_TARGETS = _PREFIXES + """SELECT ?ind ?doel ?richting ?eenheid WHERE { ?ind a rbv:Indicator
  OPTIONAL { ?ind rbv:doel ?doel } OPTIONAL { ?ind rbv:doelrichting ?richting }
  OPTIONAL { ?ind rbv:eenheid/rdfs:label ?eenheid FILTER(LANG(?eenheid) = "nl") } }"""

# Shown apart (names, definitions) or saying nothing a reader needs (kinds, the evidence's own structure).
_NOT_LINKS = {_RDF + "type", _RDF + "subject", _RDF + "predicate", _RDF + "object", _RDFS + "label",
              _SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "hiddenLabel", _SKOS + "definition", _RDFS + "comment",
              _DCT + "description", _SKOS + "scopeNote", _SKOS + "note", _DCT + "title", ONTOLOGY + "afkorting",
              ONTOLOGY + "sectienummer", ONTOLOGY + "volgorde",
              ONTOLOGY + "indicator", PREFIXES["qb"] + "dataSet"}  # the figures are the indicator's chart
# Dutch words for the standard terms the ontology does not label.
_WORDS = {_DCT + "isPartOf": "is deel van", _DCT + "hasPart": "heeft als deel", _SKOS + "broader": "valt onder",
          _SKOS + "narrower": "omvat", _SKOS + "inScheme": "hoort bij", _SKOS + "topConceptOf": "is hoofdthema van",
          _SKOS + "hasTopConcept": "heeft als hoofdthema", _DCT + "source": "bron", _SKOS + "exactMatch": "is hetzelfde als",
          PREFIXES["owl"] + "sameAs": "is hetzelfde als", _DCT + "identifier": "kenmerk", _RDFS + "seeAlso": "zie ook"}


@dataclass(frozen=True)
class Fact:
    """One piece of evidence: a row of ``waar-staat-dat``."""

    subject: str
    relation: str  # the relation's Dutch label
    object: ox.NamedNode | ox.Literal
    section: str | None  # the section's IRI
    number: str  # its number ("2.1.4", "Bijlage 3", "Voorwoord"), empty for an outside source
    title: str
    order: int  # the section's place in the report; -1 for a fact from outside (first, as SPARQL sorts unbound)
    quote: str
    source: str  # the outside source's name, for a fact from outside the report


@dataclass(frozen=True)
class Link:
    """A triple between this thing and another that no quote backs (structure: part of, broader, mentioned in)."""

    relation: str
    other: str
    outgoing: bool


@dataclass
class Thing:
    iri: str
    name: str
    kind: str
    other_names: str = ""
    definitions: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    values: list[tuple[str, str]] = field(default_factory=list)  # (property label, value) of literal properties
    section_facts: list[Fact] = field(default_factory=list)  # for a section: the facts its evidence names
    number: str = ""  # for a section: its number


@dataclass
class Figures:
    """An indicator's row of Bijlage 3: year → value, the provisional years, its target and unit."""

    values: dict[int, Decimal] = field(default_factory=dict)
    provisional: set[int] = field(default_factory=set)
    target: Decimal | None = None
    direction: str = ""
    unit: str = ""


@dataclass
class Things:
    things: dict[str, Thing]
    figures: dict[str, Figures]
    labels: dict[str, str] = field(default_factory=dict)  # names of the other IRIs they are linked to

    def name(self, iri: str) -> str:
        thing = self.things.get(iri)
        return thing.name if thing else self.labels.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _rows(store: ox.Store, query: str):
    return store.query(query, use_default_graph_as_union=True)


def _fact(r) -> Fact:
    value = lambda key: r[key].value if r[key] is not None else ""  # noqa: E731
    return Fact(r["s"].value, r["relatie"].value, r["o"], value("sec") or None, value("sectie"), value("titel"),
                int(value("volgorde") or -1), value("citaat"), value("bron"))


def fact_order(fact: Fact) -> tuple:
    """The order of ``waar-staat-dat``: report order, then relation, subject, object and quote."""
    return fact.order, fact.relation, fact.subject, str(fact.object.value), fact.quote


def read_things(graph: Graph, index: SearchIndex | None = None) -> Things:
    """Every named thing of the graph under the instance base (the ontology's classes have their own pages); names
    and kinds from ``index``, the graph's search index (opened when not given)."""
    store = graph.store
    index = index or index_for(graph.project, store)
    things = {hit.iri: Thing(hit.iri, hit.name, hit.kind, other) for hit, other in index.every_thing()
              if hit.iri.startswith(INSTANCES)}
    for r in _rows(store, _DEFINITIONS):
        thing = things.get(r["x"].value)
        if thing is not None and r["d"].value not in thing.definitions:
            thing.definitions.append(r["d"].value)
    for r in _rows(store, _CATEGORIES):
        thing = things.get(r["ind"].value)
        if thing is not None:
            thing.name = indicator_name(thing.iri, thing.name, r["cat"].value)
    sections = {r["sec"].value: r["n"].value for r in _rows(store, _SECTIONS)}
    for iri, number in sections.items():
        if iri in things:
            things[iri].number = number
            if things[iri].name == f"{number} {number}":  # "Voorwoord Voorwoord": a section named by its title
                things[iri].name = number
    evidenced = set()
    for r in _rows(store, _EVIDENCE):
        fact = _fact(r)
        evidenced.add((r["s"].value, r["p"].value, r["o"].value))
        ends = {fact.subject} | ({fact.object.value} if isinstance(fact.object, ox.NamedNode) else set())
        for end in ends:
            if end in things:
                things[end].facts.append(fact)
        if fact.section in things:
            things[fact.section].section_facts.append(fact)
    for thing in things.values():
        thing.facts.sort(key=fact_order)
        thing.section_facts.sort(key=fact_order)
    others = _read_links(store, things, evidenced)
    return Things(things, _read_figures(store), labels_for(store, (ox.NamedNode(i) for i in others)))


def indicator_name(iri: str, label: str, category: str) -> str:
    """An indicator's name with its group of Bijlage 3 before it when its label alone does not say what it counts
    ("Aantal onderzoeken" under "Criminaliteit / Cybercrime" → "Cybercrime: Aantal onderzoeken"): the label
    leaves the group out while the IRI, made from the table, names it (``indicator/cybercrime-aantal-onderzoeken``)."""
    group = category.rsplit(" / ", 1)[-1]
    slug = "-".join(group.lower().split())
    if iri.rsplit("/", 1)[-1].startswith(slug + "-") and group.lower() not in label.lower():
        return f"{group}: {label}"
    return label


def _read_links(store: ox.Store, things: dict[str, Thing], evidenced: set) -> set[str]:
    """The asserted triples between a thing and another IRI that no evidence backs, and its literal values; returns
    the IRIs linked to that are not things themselves."""
    labels = {r["p"].value: r["l"].value for r in _rows(store, _PROPERTY_LABELS)} | _WORDS
    label = lambda p: labels.get(p) or p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]  # noqa: E731
    inferred = ox.NamedNode(INFERRED_GRAPH)
    seen = set()
    for quad in store:
        if quad.graph_name == inferred or not isinstance(quad.subject, ox.NamedNode):
            continue
        if quad.subject.value.startswith(VOID):  # the dataset's own description (examples, sources) is no link
            continue
        s, p, o = quad.subject.value, quad.predicate.value, quad.object
        if p in _NOT_LINKS or (s, p, o.value) in seen:
            continue
        seen.add((s, p, o.value))
        if (s, p, o.value) in evidenced:  # shown as a fact, with its quote or source
            continue
        if isinstance(o, ox.Literal):
            if s in things and o.language in ("", "nl", None):
                things[s].values.append((label(p), o.value))
            continue
        if not isinstance(o, ox.NamedNode) or s == o.value:
            continue
        if s in things:
            things[s].links.append(Link(label(p), o.value, True))
        if o.value in things:
            things[o.value].links.append(Link(label(p), s, False))
    for thing in things.values():
        thing.values.sort()
        thing.links.sort(key=lambda link: (not link.outgoing, link.relation, link.other))
    return {link.other for thing in things.values() for link in thing.links if link.other not in things}


def _read_figures(store: ox.Store) -> dict[str, Figures]:
    figures: dict[str, Figures] = defaultdict(Figures)
    for r in _rows(store, _FIGURES):
        row = figures[r["ind"].value]
        year = int(r["jaar"].value[:4])
        row.values[year] = Decimal(r["waarde"].value)
        if r["voorlopig"] is not None and r["voorlopig"].value == "true":
            row.provisional.add(year)
    for r in _rows(store, _TARGETS):
        row = figures[r["ind"].value]
        if r["doel"] is not None:
            row.target = Decimal(r["doel"].value)
        row.direction = r["richting"].value if r["richting"] is not None else ""
        row.unit = r["eenheid"].value if r["eenheid"] is not None else ""
    return dict(figures)
