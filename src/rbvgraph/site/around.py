"""The small network around one organisation on its page: a static SVG with the organisation in the middle and
its partners (from the collaboration network of :mod:`rbvgraph.network.projection`) on a circle around it, each a
link to its own page. No script and nothing loaded: it works offline and prints."""

from __future__ import annotations

import math
from html import escape
from typing import Callable

SHOWN = 24  # partners drawn; the page lists them all
WIDTH, HEIGHT = 800, 420
_RADIUS = 150
_LABEL_MAX = 30


def partners(graph, iri: str) -> list[tuple[str, int]]:
    """(partner, number of statements) around ``iri`` in the organisation graph, most statements first."""
    if iri not in graph:
        return []
    found = [(other, int(graph.edges[iri, other].get("weight", 1))) for other in graph.neighbors(iri)]
    return sorted(found, key=lambda item: (-item[1], graph.nodes[item[0]].get("label", item[0]), item[0]))


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_MAX else text[:_LABEL_MAX - 1].rstrip() + "…"


def around_svg(graph, iri: str, href: Callable[[str], str | None]) -> str:
    """The SVG of ``iri`` and its first :data:`SHOWN` partners; ``href`` gives a partner's page (None: no page)."""
    found = partners(graph, iri)[:SHOWN]
    cx, cy = WIDTH / 2, HEIGHT / 2
    name = lambda node: graph.nodes[node].get("abbreviation", "").split(", ")[0] or graph.nodes[node].get("label", node)  # noqa: E731
    lines, nodes = [], []
    for k, (other, weight) in enumerate(found):
        angle = 2 * math.pi * k / max(len(found), 1) - math.pi / 2
        x, y = cx + _RADIUS * 1.3 * math.cos(angle), cy + _RADIUS * math.sin(angle)
        lines.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="#9aa7b4" '
                     f'stroke-width="{1 + min(weight, 6) * 0.6:.1f}"/>')
        right = math.cos(angle) >= -0.01
        anchor, dx = ("start", 9) if right else ("end", -9)
        full = graph.nodes[other].get("label", other)
        mark = (f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="#0072B2"/>'
                f'<text x="{x + dx:.0f}" y="{y + 4:.0f}" text-anchor="{anchor}">{escape(_short(name(other)))}</text>'
                f'<title>{escape(full)} ({weight} {"uitspraak" if weight == 1 else "uitspraken"})</title>')
        target = href(other)
        nodes.append(f'<a href="{escape(target)}">{mark}</a>' if target else f"<g>{mark}</g>")
    centre = (f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="10" fill="#D55E00"/>'
              f'<text x="{cx:.0f}" y="{cy - 16:.0f}" text-anchor="middle" font-weight="bold">'
              f'{escape(_short(name(iri)))}</text>')
    return (f'<svg class="rond" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{escape(graph.nodes[iri].get("label", iri))} en {len(found)} partners" '
            f'font-family="system-ui, sans-serif" font-size="12" fill="#222">'
            + "".join(lines) + "".join(nodes) + centre + "</svg>")
