"""Build step: the collaboration networks in ``build/network/``: the whole network, one page per main theme
(the five chapters), and the whole network as GraphML and GEXF. When the graph holds more than one report, the
whole network of each report in ``build/network/<slug>/index.html``, made of what that report says."""

from __future__ import annotations

from ..graph.reports import slug_of
from ..network.facts import for_report
from ..network.files import serialise_network
from ..network.page import render_page
from ..network.views import Selection, select_network
from .context import BuildContext

TITLE = "Samenwerkingsnetwerk Noord-Nederland"
FOLDER = "network"


def theme_page(theme: str) -> str:
    """``network/ondermijning.html`` for ``…/thema/ondermijning``."""
    return f"{FOLDER}/{theme.rstrip('/').rsplit('/', 1)[-1]}.html"


def report_page(report: str) -> str:
    """``network/jaarverslag-2023/index.html`` for the report ``doc:jaarverslag-2023``: its whole network."""
    return f"{FOLDER}/{slug_of(report)}/index.html"


def write_networks(ctx: BuildContext) -> None:
    """build/network/index.html, one page per top theme, and netwerk.graphml / netwerk.gexf; with more than one
    report, each report's whole network too (its theme pages are 'rbvgraph network --rapport SLUG --theme T':
    a hundred reports would be six hundred pages)."""
    facts, store = ctx.facts, ctx.graph.store
    graph = ctx.organisation_graph  # once: every page is a view of it (a big project has hundreds of themes)
    whole = select_network(store, Selection(), facts, graph)
    ctx.write(f"{FOLDER}/index.html", render_page(whole, f"{TITLE}: alle organisaties"))
    for fmt in ("graphml", "gexf"):
        ctx.write(f"{FOLDER}/netwerk.{fmt}", serialise_network(whole, fmt))
    for theme in sorted(facts.top_themes, key=lambda t: (facts.chapters.get(t, "~"), t)):
        view = select_network(store, Selection(theme=theme), facts, graph)
        ctx.write(theme_page(theme), render_page(view, f"{TITLE}: {view.description}"))
    if len(facts.reports) > 1:
        for report, label in facts.reports.items():
            own = for_report(facts, report)
            view = select_network(store, Selection(), own)
            ctx.write(report_page(report), render_page(view, f"{TITLE}: {label}: alle organisaties"))
