"""Views on the collaboration network: one theme, one programme, the neighbourhood of one organisation, and
the programmes, themes and laws around the organisations shown. Each view is a function of a graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import NetworkError
from ..graph.labels import choices, expand, find_by_name
from ..graph.reports import report_called
from .facts import HAS_THEME, RBV, Facts, for_report, read_facts
from .metrics import add_metrics
from .projection import organisation_graph, statement_dict

if TYPE_CHECKING:
    import networkx as nx

INCLUDE_CHOICES = ("programmes", "themes", "laws")
ACTIVITY_KINDS = tuple(RBV + k for k in ("Programma", "Project", "Werkwijze", "Maatregel", "Gebeurtenis", "Activiteit"))
LAW = RBV + "Regelgeving"
LAW_LINKS = (RBV + "pastToe", RBV + "gebaseerdOp")


@dataclass(frozen=True)
class Selection:
    """Which part of the network to show; names are labels, abbreviations or IRIs."""

    theme: str | None = None
    programme: str | None = None
    around: str | None = None
    depth: int = 1
    include: tuple[str, ...] = ()
    report: str | None = None  # a report's slug: only what that report says


def parse_include(text: str | None) -> tuple[str, ...]:
    """``"programmes,themes"`` → ``("programmes", "themes")``; an unknown word is an error."""
    words = tuple(w.strip() for w in (text or "").split(",") if w.strip())
    unknown = [w for w in words if w not in INCLUDE_CHOICES]
    if unknown:
        raise NetworkError(f"--include: unknown '{unknown[0]}' (choose from {', '.join(INCLUDE_CHOICES)})")
    return tuple(sorted(set(words), key=INCLUDE_CHOICES.index))


def resolve(store: ox.Store, facts: Facts, text: str, option: str) -> str:
    """The IRI named by ``text`` (label, abbreviation or IRI) for ``--theme``, ``--programme`` or ``--around``."""
    taken_part_in = {st.object for st in facts.participation()}
    what, fits = {
        "theme": ("a theme", lambda i: i in facts.broader),
        "programme": ("a programme, body or activity someone takes part in", lambda i: i in taken_part_in or i in facts.parts),
        "around": ("an organisation", lambda i: i in facts.orgs),
    }[option]
    iri = expand(text)
    if iri is not None:
        if not fits(iri):
            raise NetworkError(f"--{option}: {text} is not {what} in the graph")
        return iri
    matches = [m for m in find_by_name(store, text) if fits(m.value)]
    if not matches:
        raise NetworkError(f"--{option}: nothing named '{text}' is {what} (give a label, an abbreviation or an IRI)")
    if len(matches) > 1:
        raise NetworkError(f"--{option}: '{text}' names {len(matches)} things, give the IRI: {choices(store, matches)}")
    return matches[0].value


def by_theme(graph: "nx.Graph", theme: str) -> "nx.Graph":
    """Organisations with the theme, and the collaborations on it (a theme includes its narrower themes)."""
    view = graph.edge_subgraph([(a, b) for a, b, t in graph.edges(data="themes") if theme in t]).copy()
    view.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if theme in d["themes"])
    return view


def by_programme(graph: "nx.Graph", facts: Facts, thing: str) -> "nx.Graph":
    """The organisations taking part in a programme, body or activity (or a part of it), and their collaborations."""
    things = {x for x, wholes in facts.parts.items() if thing in wholes} | {thing}
    members = [n for n, d in graph.nodes(data=True) if things & set(d["takes_part_in"]) or n == thing]
    return graph.subgraph(members).copy()


def around(graph: "nx.Graph", org: str, depth: int, name: str) -> "nx.Graph":
    """The organisation and everything within ``depth`` steps of it."""
    import networkx as nx

    if depth < 1:
        raise NetworkError(f"--depth must be 1 or more, not {depth}")
    if org not in graph:
        raise NetworkError(f"--around: {name} has no collaboration in this network")
    return nx.ego_graph(graph, org, radius=depth)


def with_context(graph: "nx.Graph", facts: Facts, include: tuple[str, ...]) -> "nx.Graph":
    """Add the programmes the organisations take part in, their themes and the laws they apply, as nodes."""
    graph = graph.copy()
    wanted = [("programmes", _takes_part), ("themes", _has_theme), ("laws", _applies_law)]
    for word, links in wanted:
        if word not in include:
            continue
        for st, role, kind in links(graph, facts):
            if st.object not in graph:
                graph.add_node(st.object, label=facts.label(st.object), role=role, kind=kind, kind_label=facts.label(kind),
                               group=False, abbreviation=", ".join(facts.abbreviations.get(st.object, [])),
                               names=sorted(facts.names.get(st.object, set())),
                               themes=sorted(facts.broader.get(st.object) or facts.themes_of.get(st.object, set())),
                               takes_part_in=[], parents=[])
            data = graph.get_edge_data(st.subject, st.object)
            if data is None:
                graph.add_edge(st.subject, st.object, weight=0, inferred=True, themes=[], statements=[], relation="context")
                data = graph.edges[st.subject, st.object]
            data["statements"].append(statement_dict(facts, st))
            data["weight"] += 1
            data["inferred"] = data["inferred"] and not st.asserted
    return graph


def _takes_part(graph, facts: Facts):
    for st in facts.participation():
        if st.subject in graph and st.object not in facts.orgs:
            kinds = facts.types.get(st.object, set())
            yield st, "programma", next((k for k in ACTIVITY_KINDS if k in kinds), RBV + "Activiteit")


def _has_theme(graph, facts: Facts):
    for st in facts.statements.values():
        if st.predicate == HAS_THEME and st.subject in graph:
            yield st, "thema", RBV + "Thema"


def _applies_law(graph, facts: Facts):
    for st in facts.statements.values():
        if st.predicate in LAW_LINKS and st.subject in graph and LAW in facts.types.get(st.object, set()):
            yield st, "wet", LAW


@dataclass
class Network:
    """A network to show: the graph with metrics, what it shows (in Dutch), and the themes for the filters."""

    graph: "nx.Graph"
    description: str
    themes: dict[str, str]            # theme → Dutch label
    theme_broader: dict[str, list]    # theme → its broader themes
    top_themes: list[str]


def select_network(store: ox.Store, selection: Selection = Selection(), facts: Facts | None = None,
                   whole: "nx.Graph | None" = None) -> Network:
    """The network the selection asks for, with metrics (``facts``: already read from ``store``; ``whole``: the
    organisation graph of those facts, when the caller made it already; it is not changed)."""
    facts = facts or read_facts(store)
    parts, said_in = [], ""
    if selection.report:
        report = report_called(store, selection.report, "--rapport")
        facts, whole, said_in = for_report(facts, report.iri), None, f"{report.label}: "
    graph = organisation_graph(facts) if whole is None else whole
    if selection.theme:
        theme = resolve(store, facts, selection.theme, "theme")
        graph = by_theme(graph, theme)
        parts.append(f"thema {facts.label(theme)}")
    if selection.programme:
        thing = resolve(store, facts, selection.programme, "programme")
        graph = by_programme(graph, facts, thing)
        parts.append(f"deelnemers aan {facts.label(thing)}")
    if selection.around:
        org = resolve(store, facts, selection.around, "around")
        graph = around(graph, org, selection.depth, selection.around)
        parts.append(f"rond {facts.label(org)} ({selection.depth} {'stap' if selection.depth == 1 else 'stappen'})")
    graph = with_context(graph, facts, selection.include)
    add_metrics(graph)
    return Network(graph, said_in + (", ".join(parts) or "alle organisaties"), {t: facts.label(t) for t in facts.broader},
                   {t: sorted(b - {t}) for t, b in facts.broader.items()}, sorted(facts.top_themes))
