"""Build step: the collaboration networks in ``build/network/``: the whole network, one page per main theme
(the five chapters), and the whole network as GraphML and GEXF. When the graph holds more than one report, the
same pages once more per report in ``build/network/<slug>/``, made of what that report says."""

from __future__ import annotations

from ..network.files import serialise_network
from ..network.page import render_page
from ..network.projection import organisation_graph
from ..graph.reports import slug_of
from ..network.facts import for_report
from ..network.views import Selection, select_network
from .context import BuildContext

TITLE = "Samenwerkingsnetwerk Noord-Nederland"
FOLDER = "network"


def theme_page(theme: str, report: str = "") -> str:
    """``network/ondermijning.html`` for ``…/thema/ondermijning`` (``network/<slug>/ondermijning.html`` for one
    report)."""
    return f"{folder(report)}/{theme.rstrip('/').rsplit('/', 1)[-1]}.html"


def folder(report: str = "") -> str:
    """``network`` for every report together, ``network/jaarverslag-2023`` for one report (given by its IRI)."""
    return f"{FOLDER}/{slug_of(report)}" if report else FOLDER


def write_networks(ctx: BuildContext) -> None:
    """build/network/index.html, one page per top theme, and netwerk.graphml / netwerk.gexf; with more than one
    report, index.html and the theme pages per report too."""
    facts, store = ctx.facts, ctx.graph.store
    graph = organisation_graph(facts)  # once: every page is a view of it (a big project has hundreds of themes)
    whole = select_network(store, Selection(), facts, graph)
    ctx.write(f"{FOLDER}/index.html", render_page(whole, f"{TITLE}: alle organisaties"))
    for fmt in ("graphml", "gexf"):
        ctx.write(f"{FOLDER}/netwerk.{fmt}", serialise_network(whole, fmt))
    _theme_pages(ctx, facts, graph)
    if len(facts.reports) > 1:
        for report, label in facts.reports.items():
            own = for_report(facts, report)
            graph = organisation_graph(own)
            view = select_network(store, Selection(), own, graph)
            ctx.write(f"{folder(report)}/index.html", render_page(view, f"{TITLE}: {label}: alle organisaties"))
            _theme_pages(ctx, own, graph, report, f"{label}: ")


def _theme_pages(ctx: BuildContext, facts, graph, report: str = "", said_in: str = "") -> None:
    for theme in sorted(facts.top_themes, key=lambda t: (facts.chapters.get(t, "~"), t)):
        view = select_network(ctx.graph.store, Selection(theme=theme), facts, graph)
        ctx.write(theme_page(theme, report), render_page(view, f"{TITLE}: {said_in}{view.description}"))
