"""The collaboration network: a pure function from the loaded graph to a networkx graph of organisations.

Two organisations are linked when the report says they work together:

* **directly**: any relation between the two (``rbv:werktSamenMet``, ``org:subOrganizationOf``,
  ``rbv:ondersteunt``…) that carries a quote from the report, or that inference added;
* **through something they share**: both take part in the same programme, body or activity
  (``rbv:voertUit``, ``rbv:neemtDeelAan``, ``rbv:financiert``, ``rbv:ondersteunt``, ``org:memberOf``,
  or their inverses, on the same thing).

An edge carries the statements behind it (each with its sections and quotes); its weight is their number.
An edge is *inferred* when none of its statements was asserted with a quote, only added by inference; an
asserted edge keeps only its asserted statements. What is read from the store, and how a statement gets its
themes, is in :mod:`.facts`.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING

from .facts import GROUP, ORG, Facts, Statement

if TYPE_CHECKING:
    import networkx as nx

SUB_ORGANISATION_OF, HAS_SUB_ORGANISATION = ORG + "subOrganizationOf", ORG + "hasSubOrganization"


def kind_of(facts: Facts, iri: str) -> str:
    """The most specific organisation class (a group is shown by its shape, so 'Groep' only when nothing else)."""
    classes = facts.orgs.get(iri, set())
    ranked = sorted(classes - {GROUP} or classes, key=lambda c: (-facts.class_depth.get(c, 0), c))
    return ranked[0] if ranked else ORG + "Organization"


# The relations as Dutch sentences: (singular, plural), with {o} where the object goes (a separable verb puts its
# particle after it: "voert havenscans uit"). A relation not listed is written subject, label, object.
_SENTENCES = {
    "neemtDeelAan": ("neemt deel aan {o}", "nemen deel aan {o}"),
    "voertUit": ("voert {o} uit", "voeren {o} uit"),
    "werktSamenMet": ("werkt samen met {o}", "werken samen met {o}"),
    "ondersteunt": ("ondersteunt {o}", "ondersteunen {o}"),
    "financiert": ("financiert {o}", "financieren {o}"),
    "heeftThema": ("heeft als thema {o}", "hebben als thema {o}"),
    "pastToe": ("past {o} toe", "passen {o} toe"),
    "staatOnderGezagVan": ("staat onder gezag van {o}", "staan onder gezag van {o}"),
    "gebaseerdOp": ("is gebaseerd op {o}", "zijn gebaseerd op {o}"),
    "voorgezetenDoor": ("wordt voorgezeten door {o}", "worden voorgezeten door {o}"),
    "aangestuurdDoor": ("wordt aangestuurd door {o}", "worden aangestuurd door {o}"),
    "memberOf": ("is lid van {o}", "zijn lid van {o}"),
    "subOrganizationOf": ("is onderdeel van {o}", "zijn onderdeel van {o}"),
    "transitiveSubOrganizationOf": ("valt (ook indirect) onder {o}", "vallen (ook indirect) onder {o}"),
}
_PREPOSITIONS = {"in", "van", "uit", "met", "voor", "op", "bij", "aan", "tegen"}


def plural_name(label: str, group: bool) -> bool:
    """Whether a name is a plural ("gemeenten in Noord-Nederland", "basisteams"): a group, or a name in lower case,
    with a word ending in -en or -s before its first preposition (in a name that is no group, a word in lower case).
    A proper name ("Burgerzaken", "NHL Stenden", "afdeling Zeden") is not: a single capitalised word, a capitalised
    name that is no group, or a capitalised word in one."""
    words = label.split()
    if not words or (not group and not label[0].islower()) or (len(words) == 1 and label[0].isupper()):
        return False
    head = []
    for word in words:
        if word.lower() in _PREPOSITIONS:
            break
        word = word.strip("()")
        if group or word[:1].islower():
            head.append(word.lower())
    return any(w.endswith(("en", "s", "'s")) for w in head if w not in {"en", "de", "het", "drie"})


def sentence(facts: Facts, st: Statement) -> str:
    """The statement in Dutch, the verb agreeing with its subject: "gemeenten in Noord-Nederland voeren havenscans
    uit"."""
    subject, obj = facts.label(st.subject), facts.label(st.object)
    local = st.predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if local not in _SENTENCES:
        return f"{subject} {facts.label(st.predicate)} {obj}"
    many = plural_name(subject, GROUP in facts.orgs.get(st.subject, set()))
    return f"{subject} " + _SENTENCES[local][many].format(o=obj)


def statement_dict(facts: Facts, st: Statement, via: str | None = None) -> dict:
    """A statement as plain data for the page and the exports: text, whether asserted, its evidence (naming the report
    of each piece when the graph holds more than one)."""
    return {
        "text": sentence(facts, st),
        "subject": st.subject, "predicate": st.predicate, "object": st.object,
        "via": via, "via_label": facts.label(via) if via else None,
        "asserted": st.asserted,
        "evidence": [{"section": ev.section, "title": ev.title, "quote": ev.quote,
                      **({"report": facts.reports.get(ev.report, ev.report)} if len(facts.reports) > 1 else {})}
                     for ev in st.evidence],
    }


def parents(facts: Facts) -> dict[str, list[str]]:
    """Organisation → the organisations it is a part of, by label (what tells two of the same name apart)."""
    found: dict[str, set[str]] = defaultdict(set)
    for st in facts.direct():
        if st.predicate == SUB_ORGANISATION_OF:
            found[st.subject].add(facts.label(st.object))
        elif st.predicate == HAS_SUB_ORGANISATION:
            found[st.object].add(facts.label(st.subject))
    return {iri: sorted(labels) for iri, labels in found.items()}


def _org_attributes(facts: Facts, iri: str, themes: set[str], takes_part_in: set[str], part_of: list[str]) -> dict:
    kind = kind_of(facts, iri)
    return {
        "label": facts.label(iri), "role": "organisatie", "kind": kind, "kind_label": facts.label(kind),
        "group": GROUP in facts.orgs.get(iri, set()), "abbreviation": ", ".join(facts.abbreviations.get(iri, [])),
        "names": sorted(facts.names.get(iri, set())), "themes": sorted(themes), "takes_part_in": sorted(takes_part_in),
        "parents": part_of,
    }


def organisation_graph(facts: Facts) -> "nx.Graph":
    """Organisations and the collaborations between them, from facts already read."""
    import networkx as nx

    links: dict[frozenset, dict[tuple, tuple[Statement, str | None]]] = defaultdict(dict)
    for st in facts.direct():
        links[frozenset((st.subject, st.object))][st.key] = (st, None)
    participants: dict[str, list[Statement]] = defaultdict(list)
    for st in facts.participation():
        participants[st.object].append(st)
    for thing, sts in participants.items():
        for a, b in combinations(sts, 2):
            if a.subject != b.subject:
                pair = links[frozenset((a.subject, b.subject))]
                pair.setdefault(a.key, (a, thing))
                pair.setdefault(b.key, (b, thing))

    node_themes: dict[str, set[str]] = defaultdict(set)
    takes_part: dict[str, set[str]] = defaultdict(set)
    for st in facts.participation():
        node_themes[st.subject] |= st.themes
        takes_part[st.subject].add(st.object)
    for iri in facts.orgs:
        node_themes[iri] |= facts.themes_of.get(iri, set())

    graph = nx.Graph()
    edges = []
    for pair, held in links.items():
        asserted = [(st, via) for st, via in held.values() if st.asserted]
        chosen = sorted(asserted or held.values(), key=lambda sv: (sv[1] or "", sv[0].key))
        themes = set().union(*(st.themes for st, _ in chosen))
        a, b = sorted(pair)
        for end in pair:
            node_themes[end] |= themes
        edges.append((a, b, {"weight": len(chosen), "inferred": not asserted, "themes": sorted(themes), "relation": "samenwerking",
                             "statements": [statement_dict(facts, st, via) for st, via in chosen]}))
    active = {n for pair in links for n in pair} | set(takes_part) | {i for i in facts.orgs if facts.themes_of.get(i)}
    part_of = parents(facts)
    for iri in sorted(active):
        graph.add_node(iri, **_org_attributes(facts, iri, node_themes[iri], takes_part[iri], part_of.get(iri, [])))
    graph.add_edges_from(sorted(edges, key=lambda e: (e[0], e[1])))
    return graph


def undirected_edges(graph: "nx.Graph") -> list[tuple[str, str, dict]]:
    """The edges, each with its two ends in order and sorted: networkx gives an undirected edge either way round,
    depending on how the view was made, and the page and the files must not change from run to run."""
    return sorted(((*sorted((a, b)), d) for a, b, d in graph.edges(data=True)), key=lambda e: (e[0], e[1]))
