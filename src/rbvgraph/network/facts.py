"""What the collaboration network is made of, read once from the loaded graph: organisations and their kinds,
every relation the report states between two named things (with its sections and quotes) or that inference
added, each in one canonical direction, themes with their broader themes, and labels.

A statement's themes are the theme of its chapter (the top concept with the chapter's title) and, for taking
part in something, the themes of that thing and of what it is part of; themes include their broader ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from ..graph.labels import labels_for
from ..graph.reports import reports_in, section_reports
from ..util.walk import reachable
from ..vocab import EXTERNAL, INFERRED_GRAPH, ONTOLOGY, PREFIXES, STRUCTURAL

RBV, ORG, SKOS, OWL = ONTOLOGY, PREFIXES["org"], PREFIXES["skos"], PREFIXES["owl"]

# Taking part in a programme, body or activity: the forward direction of each property.
PARTICIPATION = (RBV + "voertUit", RBV + "neemtDeelAan", RBV + "financiert", RBV + "ondersteunt", ORG + "memberOf")
# Relations between organisations that say nothing about working together.
NOT_COLLABORATION = frozenset(STRUCTURAL + EXTERNAL + (RBV + "ligtIn", OWL + "sameAs", OWL + "differentFrom"))
GROUP = RBV + "Groep"
HAS_THEME, PART_OF, HAS_PART = RBV + "heeftThema", RBV + "onderdeelVan", RBV + "heeftOnderdeel"

_PREFIXES = f"""PREFIX rbv: <{RBV}> PREFIX org: <{ORG}> PREFIX skos: <{SKOS}> PREFIX owl: <{OWL}>
PREFIX rdf: <{PREFIXES['rdf']}> PREFIX rdfs: <{PREFIXES['rdfs']}> PREFIX dcterms: <{PREFIXES['dcterms']}>
"""
_ORGS = _PREFIXES + "SELECT DISTINCT ?x ?c WHERE { ?x a ?c . ?c rdfs:subClassOf* org:Organization . FILTER(isIRI(?x)) }"
_CLASS_DEPTH = _PREFIXES + """SELECT ?c (COUNT(DISTINCT ?sup) AS ?depth) WHERE {
  ?c rdfs:subClassOf* org:Organization . OPTIONAL { ?c rdfs:subClassOf+ ?sup } } GROUP BY ?c"""
_INVERSES = _PREFIXES + f"""SELECT DISTINCT ?p ?q WHERE {{ GRAPH ?g {{ ?p owl:inverseOf ?q }} FILTER(?g != <{INFERRED_GRAPH}>) }}"""
_SYMMETRIC = _PREFIXES + "SELECT DISTINCT ?p WHERE { ?p a owl:SymmetricProperty }"
_EVIDENCE = _PREFIXES + """SELECT ?s ?p ?o ?sec ?num ?title ?quote ?order WHERE {
  ?e a rbv:Bewijs ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rbv:sectie ?sec .
  ?sec rbv:sectienummer ?num . OPTIONAL { ?sec dcterms:title ?title } OPTIONAL { ?sec rbv:volgorde ?order }
  OPTIONAL { ?e rbv:citaat ?quote } }"""
_SECTION_PARENTS = _PREFIXES + "SELECT DISTINCT ?sec ?parent WHERE { ?sec a rbv:Sectie ; dcterms:isPartOf ?parent }"
_CHAPTER_THEMES = _PREFIXES + """SELECT DISTINCT ?chapter ?theme WHERE {
  ?theme skos:topConceptOf ?scheme ; skos:prefLabel ?label .
  ?chapter a rbv:Sectie ; dcterms:isPartOf ?doc ; dcterms:title ?title . ?doc a rbv:Jaarverslag .
  FILTER(LCASE(STR(?title)) = LCASE(STR(?label))) }"""
_BROADER = _PREFIXES + "SELECT DISTINCT ?t ?b WHERE { ?t skos:broader ?b }"
_TOP = _PREFIXES + "SELECT DISTINCT ?t WHERE { { ?t skos:topConceptOf ?s } UNION { ?s skos:hasTopConcept ?t } }"
_PAIRS = _PREFIXES + "SELECT DISTINCT ?x ?y WHERE { ?x <%s> ?y . FILTER(isIRI(?y)) }"
_ABBREVIATIONS = _PREFIXES + "SELECT ?x ?a WHERE { ?x rbv:afkorting ?a } ORDER BY ?x ?a"
_NAMES = _PREFIXES + """SELECT DISTINCT ?x ?n WHERE { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel rbv:afkorting }
  ?x ?p ?n . FILTER(LANG(?n) = "nl" || LANG(?n) = "") }"""
_TYPES = _PREFIXES + "SELECT DISTINCT ?x ?c WHERE { ?x a ?c }"


@dataclass(frozen=True)
class Evidence:
    """Where a report says it: section number and title, the quote, and the report (its IRI)."""

    section: str
    title: str
    quote: str
    order: int = 10_000
    report: str = ""


@dataclass
class Statement:
    """One relation as the report (or inference) states it, in its canonical direction."""

    subject: str
    predicate: str
    object: str
    asserted: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    themes: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str, str]:
        return self.subject, self.predicate, self.object


@dataclass
class Facts:
    """What the projection reads from the store, once."""

    orgs: dict[str, set[str]]              # organisation → its classes
    class_depth: dict[str, int]
    statements: dict[tuple, Statement]     # every relation between two IRIs with report evidence or inferred
    themes_of: dict[str, set[str]]         # thing → its themes (rbv:heeftThema), with broader ones
    broader: dict[str, set[str]]           # theme → itself and every broader theme
    top_themes: set[str]
    chapters: dict[str, str]               # top theme → the number of the chapter about it
    chapter_themes: dict[tuple[str, str], str]  # (report, section number) → the top theme of its chapter
    parts: dict[str, set[str]]             # activity → what it is part of (transitively), itself included
    labels: dict[str, str]
    abbreviations: dict[str, list[str]]
    names: dict[str, set[str]]
    types: dict[str, set[str]]
    reports: dict[str, str]                # report IRI → its label, oldest first

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def participation(self) -> list[Statement]:
        return [st for st in self.statements.values() if st.predicate in PARTICIPATION and st.subject in self.orgs]

    def direct(self) -> list[Statement]:
        return [st for st in self.statements.values()
                if st.subject in self.orgs and st.object in self.orgs and st.predicate not in NOT_COLLABORATION]


def _rows(store: ox.Store, query: str):
    return store.query(query, use_default_graph_as_union=True)


def _pairs(store: ox.Store, query: str) -> list[tuple[str, str]]:
    return [(r[0].value, r[1].value) for r in _rows(store, query)]


def _backward(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Inverse property → forward property, where forward is the one the ontology declares ``owl:inverseOf`` on."""
    forward = {p for p, _ in pairs}
    return {q: p for p, q in sorted(pairs, reverse=True) if q not in forward}


def _canonical(s: str, p: str, o: str, backward: dict[str, str], symmetric: set[str]) -> tuple[str, str, str]:
    """One direction per relation (``voertUit``, not ``uitgevoerdDoor``); a symmetric one with its ends in IRI order."""
    if p in backward:
        s, p, o = o, backward[p], s
    if p in symmetric and o < s:
        s, o = o, s
    return s, p, o


def _multimap(pairs) -> dict[str, set[str]]:
    """``[(a, x), (a, y)]`` → ``{a: {x, y}}``."""
    result: dict[str, set[str]] = defaultdict(set)
    for key, value in pairs:
        result[key].add(value)
    return result


def _read_statements(store: ox.Store, report_of: dict[str, str]) -> dict[tuple, Statement]:
    """Every relation between two IRIs that a report states (with its evidence) or that inference added."""
    backward = _backward(_pairs(store, _INVERSES))
    symmetric = {r[0].value for r in _rows(store, _SYMMETRIC)}
    evidence: dict[tuple, list[Evidence]] = defaultdict(list)
    for r in _rows(store, _EVIDENCE):
        ev = Evidence(r["num"].value, r["title"].value if r["title"] else "", r["quote"].value if r["quote"] else "",
                      int(r["order"].value) if r["order"] else 10_000, report_of.get(r["sec"].value, ""))
        evidence[(r["s"].value, r["p"].value, r["o"].value)].append(ev)
    statements: dict[tuple, Statement] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)) or s == o:
            continue
        raw = (s.value, p.value, o.value)
        inferred = isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == INFERRED_GRAPH
        if not inferred and raw not in evidence:
            continue  # asserted, but not said by the report (structure, or an outside fact)
        key = _canonical(*raw, backward, symmetric)
        st = statements.setdefault(key, Statement(*key))
        if not inferred:
            st.asserted = True
            st.evidence.extend(ev for ev in evidence[raw] if ev not in st.evidence)
    for st in statements.values():
        st.evidence.sort(key=lambda ev: (ev.report, ev.order, ev.section, ev.quote))
    return statements


def _assign_themes(statements, chapter_theme: dict[str, str], parts, themes_of, widen) -> None:
    """A statement's themes: its chapter's, and for taking part in something, that thing's and its wholes'."""
    for st in statements.values():
        found = {chapter_theme[ev.report, ev.section] for ev in st.evidence if (ev.report, ev.section) in chapter_theme}
        if st.predicate in PARTICIPATION:
            for thing in parts.get(st.object, {st.object}):
                found |= themes_of.get(thing, set())
        st.themes = frozenset(widen(found))


def read_facts(store: ox.Store) -> Facts:
    """Read organisations, relations with their evidence, themes and labels from the store."""
    orgs = _multimap(_pairs(store, _ORGS))
    class_depth = {r[0].value: int(r[1].value) for r in _rows(store, _CLASS_DEPTH)}
    report_of = section_reports(store)
    statements = _read_statements(store, report_of)

    broader_step = _multimap(_pairs(store, _BROADER))
    top_themes = {r[0].value for r in _rows(store, _TOP)}
    has_theme = _multimap(_pairs(store, _PAIRS % HAS_THEME))
    theme_iris = set(broader_step) | set().union(*broader_step.values(), *has_theme.values(), top_themes)
    broader = {t: reachable({t}, broader_step) for t in theme_iris}
    widen = lambda ts: set().union(*(broader.get(t, {t}) for t in ts))
    themes_of = {x: widen(ts) for x, ts in has_theme.items()}

    part_step = _multimap(_pairs(store, _PAIRS % PART_OF) + [(a, b) for b, a in _pairs(store, _PAIRS % HAS_PART)])
    parts = {a: reachable({a}, part_step) for a in part_step}
    chapter_theme = _chapter_themes(store, report_of)
    _assign_themes(statements, chapter_theme, parts, themes_of, widen)

    types = _multimap(_pairs(store, _TYPES))
    iris = {i for key in statements for i in key} | set(orgs) | theme_iris | set(class_depth)
    iris |= set().union(*types.values())
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, _ABBREVIATIONS):
        if r["a"].value not in abbreviations[r["x"].value]:
            abbreviations[r["x"].value].append(r["a"].value)
    return Facts(dict(orgs), class_depth, statements, themes_of, broader, top_themes,
                 {t: n for (_, n), t in sorted(chapter_theme.items(), reverse=True) if "." not in n}, chapter_theme, parts,
                 labels_for(store, (ox.NamedNode(i) for i in iris)), dict(abbreviations),
                 dict(_multimap(_pairs(store, _NAMES))), dict(types), {r.iri: r.label for r in reports_in(store, report_of)})


def _chapter_themes(store: ox.Store, report_of: dict[str, str]) -> dict[tuple[str, str], str]:
    """(report, section number) → the top theme of its chapter (the top concept named like the chapter: the five
    chapters are the five top themes)."""
    parent = dict(_pairs(store, _SECTION_PARENTS))
    theme_of_chapter = dict(_pairs(store, _CHAPTER_THEMES))
    numbers = {r[0].value: r[1].value for r in _rows(store, _PREFIXES + "SELECT ?s ?n WHERE { ?s rbv:sectienummer ?n }")}
    result = {}
    for sec, number in numbers.items():
        node = sec
        while node in parent and node not in theme_of_chapter:
            node = parent[node]
        if node in theme_of_chapter:
            result[report_of.get(sec, ""), number] = theme_of_chapter[node]
    return result


def for_report(facts: Facts, report: str) -> Facts:
    """The facts one report states: each relation with its evidence from that report only, and only the relations
    that have some there (a relation only inferred is said by no report, and is left out). A thing's themes are
    those it has by a relation of the report."""
    statements = {}
    for key, st in facts.statements.items():
        evidence = [ev for ev in st.evidence if ev.report == report]
        if evidence:
            statements[key] = Statement(st.subject, st.predicate, st.object, st.asserted, evidence)
    said = _multimap((st.subject, st.object) for st in statements.values())
    themes_of = {x: ts & said.get(x, set()) for x, ts in facts.themes_of.items()}
    themes_of = {x: set().union(*(facts.broader.get(t, {t}) for t in ts)) for x, ts in themes_of.items() if ts}
    _assign_themes(statements, facts.chapter_themes, facts.parts, themes_of,
                   lambda ts: set().union(*(facts.broader.get(t, {t}) for t in ts)))
    return replace(facts, statements=statements, themes_of=themes_of, reports={report: facts.reports.get(report, report)})
