"""The network as one self-contained HTML page: the template, the page's script and style and the vendored
vis-network build are inlined, so the page makes no request and works offline.

The page is owned here rather than written by pyvis: pyvis's template loads assets from CDNs, does not escape
labels, and writes a ``lib/`` folder into the working directory. Labels and quotes travel as JSON inside a
``<script type="application/json">`` element (with ``<``, ``>`` and ``&`` escaped) and the page's script puts
them on screen with ``textContent`` only. A Content-Security-Policy allows only the page's own two scripts
(by hash) and no connection of any kind.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from .. import __version__
from .facts import RBV

if TYPE_CHECKING:
    import networkx as nx

    from .views import Network

VIS_VERSION = "10.1.5"
VIS_FILE = f"vis-network-{VIS_VERSION}.min.js"
SOURCE = "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland"

# One colour per kind of organisation (and of the other nodes); kinds not listed take the spare colours in turn.
KIND_COLOURS = {
    "Politieorganisatie": "#1f4e9c", "Politieonderdeel": "#4e79a7", "Justitieorganisatie": "#b07aa1",
    "Samenwerkingsverband": "#f28e2b", "Gemeente": "#59a14f", "Provincie": "#8cd17d",
    "Overheidsorganisatie": "#76b7b2", "Ministerie": "#499894", "Inspectie": "#a0cbe8", "Zorgpartner": "#e15759",
    "Kennisinstelling": "#edc948", "PrivatePartner": "#9c755f", "MaatschappelijkeOrganisatie": "#ff9da7",
    "Groep": "#d4a6c8", "Organisatie": "#bab0ac",
    "Programma": "#ffffff", "Project": "#ffffff", "Werkwijze": "#ffffff", "Maatregel": "#ffffff",
    "Gebeurtenis": "#ffffff", "Activiteit": "#ffffff", "Thema": "#fff3b0", "Regelgeving": "#d9d9ff",
}
SPARE_COLOURS = ("#17becf", "#bcbd22", "#8c564b", "#7f7f7f", "#c49c94", "#dbdb8d")

_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


@lru_cache(maxsize=None)
def _asset(folder: str, name: str) -> str:
    return files("rbvgraph").joinpath(folder, name).read_text(encoding="utf-8")


def kind_colours(kinds) -> dict[str, str]:
    """Kind IRI → colour: the fixed colour of a known kind, else a spare colour (in IRI order)."""
    result, spare = {}, 0
    for kind in sorted(kinds):
        local = kind.rsplit("#", 1)[-1] if kind.startswith(RBV) else None
        if local in KIND_COLOURS:
            result[kind] = KIND_COLOURS[local]
        else:
            result[kind] = SPARE_COLOURS[spare % len(SPARE_COLOURS)]
            spare += 1
    return result


def undirected_edges(graph: "nx.Graph") -> list[tuple[str, str, dict]]:
    """The edges, each with its two ends in order and sorted: networkx gives an undirected edge either way round,
    depending on how the view was made, and the page and the files must not change from run to run."""
    return sorted(((*sorted((a, b)), d) for a, b, d in graph.edges(data=True)), key=lambda e: (e[0], e[1]))


def page_data(network: "Network", title: str) -> dict:
    """Everything the page shows, as plain JSON-ready data."""
    graph = network.graph
    colours = kind_colours({d["kind"] for _, d in graph.nodes(data=True)})
    nodes = [{
        "id": n, "label": d["label"], "role": d["role"], "kind": d["kind"], "kindLabel": d["kind_label"],
        "group": d["group"], "abbr": d["abbreviation"], "names": d["names"], "themes": d["themes"],
        "degree": d["degree"], "dc": d["degree_centrality"], "bc": d["betweenness"], "community": d["community"],
        "color": colours[d["kind"]],
    } for n, d in sorted(graph.nodes(data=True))]
    edges = [{
        "id": f"e{i}", "from": a, "to": b, "weight": d["weight"], "inferred": d["inferred"], "relation": d["relation"],
        "themes": d["themes"], "statements": d["statements"],
    } for i, (a, b, d) in enumerate(undirected_edges(graph))]
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node["kind"]] = counts.get(node["kind"], 0) + 1
    first = {n["kind"]: n for n in reversed(nodes)}
    kinds = [{"id": k, "label": first[k]["kindLabel"], "role": first[k]["role"], "color": colours[k], "count": c}
             for k, c in sorted(counts.items(), key=lambda kc: (-kc[1], kc[0]))]
    return {"title": title, "description": network.description, "source": SOURCE, "nodes": nodes, "edges": edges,
            "kinds": kinds, "themes": _theme_options(network, {t for n in nodes for t in n["themes"]})}


def _theme_options(network: "Network", present: set[str]) -> list[dict]:
    """The themes on the page as a tree: each top theme followed by its narrower themes, indented."""
    children: dict[str | None, list[str]] = {}
    for theme in sorted(present, key=lambda t: network.themes.get(t, t).lower()):
        parents = [b for b in network.theme_broader.get(theme, []) if b in present]
        direct = [p for p in parents if not any(p in network.theme_broader.get(q, []) for q in parents if q != p)]
        children.setdefault(direct[0] if direct else None, []).append(theme)
    options: list[dict] = []

    def walk(parent: str | None, depth: int) -> None:
        for theme in children.get(parent, []):
            options.append({"id": theme, "label": network.themes.get(theme, theme), "depth": depth})
            walk(theme, depth + 1)

    walk(None, 0)
    return options


def _json_for_script(value) -> str:
    """JSON that cannot end its ``<script>`` element or open a comment: <, > and & are written as escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(network: "Network", title: str) -> str:
    """The whole page as one HTML string."""
    vis, app = _asset("static", VIS_FILE), _asset("static", "network.js")
    csp = (f"default-src 'none'; script-src {_hash(vis)} {_hash(app)}; style-src 'unsafe-inline'; img-src data:; "
           "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")
    values = {"CSP": csp, "VERSION": html.escape(__version__), "TITLE": html.escape(title), "CSS": _asset("static", "network.css"),
              "DATA": _json_for_script(page_data(network, title)), "VIS": vis, "APP": app}
    # One pass: text put in is never searched again for placeholders.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("templates", "network.html"))
