"""The network as one self-contained HTML page, built with pyvis and rendered through rbvgraph's own template.

The view is a ``pyvis.network.Network`` made from the networkx graph (``from_nx``: nodes, edges and their vis
options) with the vis-network options set through ``set_options``; pyvis's ``generate_html`` renders it through
``templates/network.html`` (``set_template_dir``). That template, not pyvis's, keeps what pyvis gets wrong
fixed: every asset is inlined (the vendored vis-network, the page's own script and style), so the page loads
nothing; a Content-Security-Policy allows only those two scripts (by hash) and no connection; the title is
HTML-escaped; and all data (nodes, edges, options, legend, themes) travels as JSON inside one
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, which the page's script reads with
``textContent`` and shows with ``textContent`` only. Nothing is written: ``generate_html`` returns the text, and
``write_html`` (which copies a ``lib/`` folder into the working directory) is never called.

What pyvis cannot carry is done by the page's script: tooltips are elements built from text (pyvis's ``title`` is a
string that vis-network would show as plain text, without structure); the names beside the nodes are the page's
own text over the canvas, placed where they cover no node and no other name (vis-network draws a label only
under its node, and lets labels overlap); every mark is a picture the page draws (vis-network's shapes have one
fill, and a kind must be told from the others by figure and fill, not by colour alone; see ``_node``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from .. import __version__
from ..vocab import INSTANCES, ONTOLOGY
from .facts import ORG, RBV
from .metrics import ranking
from .projection import undirected_edges
from .style import FAMILIES, cluster_colours, looks

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network as PyvisNetwork

    from .views import Network

VIS_VERSION = "10.1.5"
VIS_FILE = f"vis-network-{VIS_VERSION}.min.js"
SOURCE = "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland"
LABEL_PX = 13           # the names beside the nodes, in screen pixels at any zoom (the page's script keeps to this)


# The generic kind says nothing beside the specific ones: on the page it is named for what it is.
GENERIC_KINDS = {RBV + "Organisatie", ORG + "Organization"}


def kind_name(data: dict) -> str:
    """The kind as the page names it: 'andere organisatie' for an organisation of no more specific kind."""
    return "andere organisatie" if data["kind"] in GENERIC_KINDS else data["kind_label"]


@lru_cache(maxsize=None)
def _asset(folder: str, name: str) -> str:
    return files("rbvgraph").joinpath(folder, name).read_text(encoding="utf-8")


def label_text(data: dict) -> str:
    """The name beside a node: the name with its first abbreviation in brackets (the page wraps it between words)."""
    abbreviation = data["abbreviation"].split(", ")[0]
    return data["label"] + (f" ({abbreviation})" if abbreviation and abbreviation not in data["label"] else "")


def _node(d: dict, look, cluster_name: dict) -> dict:
    # Every mark is a picture drawn by the page (its colour changes with the colour mode), so pyvis carries the
    # shape "image" and, under rbv, the figure, fill and colour it is drawn from. The label pyvis needs is the
    # name; the page shows the names itself (``text``, or the abbreviation where a name has no room).
    vis = {"label": d["label"], "shape": "image", "size": 10 + 30 * math.sqrt(d["degree_centrality"])}
    vis["rbv"] = {
        "name": d["label"], "role": d["role"], "kind": d["kind"], "kindLabel": kind_name(d), "family": look.family.name,
        "group": d["group"], "abbr": d["abbreviation"], "names": d["names"], "themes": d["themes"],
        "parents": d["parents"], "degree": d["degree"], "dc": d["degree_centrality"], "bc": d["betweenness"],
        "community": d["community"], "cluster": cluster_name[d["community"]], "colour": look.colour,
        "figure": look.family.shape, "fill": look.fill, "text": label_text(d),
    }
    return vis


def _edge(i: int, d: dict) -> dict:
    vis = {"id": f"e{i}", "weight": d["weight"], "dashes": d["inferred"]}  # from_nx makes the weight a width
    if d["relation"] == "context":
        vis["color"] = {"opacity": 0.5}  # lighter than a collaboration; the colour itself is the global one
    vis["rbv"] = {"weight": d["weight"], "inferred": d["inferred"], "relation": d["relation"], "themes": d["themes"],
                  "statements": d["statements"]}
    return vis


def _clusters(graph: "nx.Graph") -> list[dict]:
    """Each cluster (community) with its number, its most central member and its name after it, size and colour."""
    members: dict[int, list[str]] = {}
    for node, _ in ranking(graph):
        members.setdefault(graph.nodes[node]["community"], []).append(node)
    colours = cluster_colours(len(members))
    return [{"n": n, "central": members[n][0], "name": graph.nodes[members[n][0]]["label"], "count": len(members[n]),
             "colour": colours[n - 1]} for n in sorted(members)]


def display_graph(network: "Network") -> "nx.Graph":
    """A copy of the network with, on each node and edge, the vis-network options pyvis passes on (and under
    ``rbv`` what the page's panels show). pyvis's ``from_nx`` changes the graph it is given: this copy is for it."""
    import networkx as nx

    graph = network.graph
    kind_looks = looks({d["kind"] for _, d in graph.nodes(data=True)})
    names = {c["n"]: c["name"] for c in _clusters(graph)}
    view = nx.Graph()
    for node, d in sorted(graph.nodes(data=True)):
        view.add_node(node, **_node(d, kind_looks[d["kind"]], names))
    for i, (a, b, d) in enumerate(undirected_edges(graph)):
        view.add_edge(a, b, **_edge(i, d))
    return view


def vis_options(size: int) -> dict:
    """vis-network's options: a seeded layout (the same page always gets the same picture), physics that settles
    and is then switched off by the page. ForceAtlas2 (linear attraction, repulsion by degree) spreads the
    organisations around a hub apart and keeps clusters visible, where Barnes-Hut packs them in a disc round the
    most connected ones."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": size <= 150},
        "nodes": {"shapeProperties": {"interpolation": False}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5,
                  "color": {"color": "#8a8a8a", "highlight": "#1a1a1a", "hover": "#1a1a1a"}},
        "physics": {"solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 80,
                                         "springConstant": 0.08, "avoidOverlap": 0.5, "theta": 0.5 if size <= 300 else 0.8},
                    "minVelocity": 1, "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 25, "fit": True}},
        "interaction": {"hover": True, "hideEdgesOnDrag": size > 300,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
    }


def pyvis_network(network: "Network", title: str) -> "PyvisNetwork":
    """The view as a pyvis Network: nodes and edges from the networkx graph, and vis-network's options."""
    # Imported here, not at the top: pyvis imports IPython and jinja2 (half a second), which only writing a page needs.
    from pyvis.network import Network as PyvisNetwork

    # cdn_resources="in_line": even if write_html were called, pyvis would not copy its lib/ folder anywhere.
    view = PyvisNetwork(height="100%", width="100%", heading=title, bgcolor="#ffffff", cdn_resources="in_line")
    view.from_nx(display_graph(network), node_size_transf=lambda size: size,
                 edge_weight_transf=lambda weight: 1 + 1.5 * math.log2(weight) if weight > 0 else 1)
    view.set_options(json.dumps(vis_options(network.graph.number_of_nodes())))
    return view


def page_values(network: "Network", title: str) -> dict:
    """What the page shows besides nodes and edges: the subtitle, the legend, the clusters, the themes to filter on."""
    graph = network.graph
    kind_looks = looks({d["kind"] for _, d in graph.nodes(data=True)})
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for _, d in graph.nodes(data=True):
        counts[d["kind"]] = counts.get(d["kind"], 0) + 1
        labels[d["kind"]] = kind_name(d)
    families = []
    for kind in sorted(counts, key=lambda k: (_family_order(kind_looks[k]), -counts[k], labels[k])):
        look = kind_looks[kind]
        families.append({"id": kind, "label": labels[kind], "family": look.family.name, "shape": look.family.shape,
                         "colour": look.colour, "fill": look.fill, "count": counts[kind]})
    return {"title": title, "description": network.description, "source": SOURCE, "base": INSTANCES,
            "ontology": ONTOLOGY, "kinds": families, "clusters": _clusters(graph),
            "themes": _theme_options(network, {t for _, d in graph.nodes(data=True) for t in d["themes"]}),
            "labelPx": LABEL_PX}


def _family_order(look) -> int:
    return FAMILIES.index(look.family) if look.family in FAMILIES else len(FAMILIES)


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


def _script_json(text: str) -> str:
    """JSON text that cannot end its ``<script>`` element or open a comment: <, > and & written as escapes (as
    Jinja's ``tojson`` writes them)."""
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_page(network: "Network", title: str) -> str:
    """The whole page as one HTML string, rendered by pyvis's ``generate_html`` through rbvgraph's template."""
    view = pyvis_network(network, title)
    # pyvis's own template loads CDN assets and leaves the heading unescaped: rbvgraph's template replaces it. It
    # needs a folder on disk (pyvis makes a Jinja FileSystemLoader of it); the package's templates are one.
    view.set_template_dir(str(files("rbvgraph").joinpath("templates")), "network.html")
    env = view.templateEnv
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    env.filters["script_json"] = _script_json
    vis, app = _asset("static", VIS_FILE), _asset("static", "network.js")
    csp = (f"default-src 'none'; script-src {_hash(vis)} {_hash(app)}; style-src 'unsafe-inline'; img-src data:; "
           "connect-src 'none'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")
    # generate_html hands the template only pyvis's own values (nodes, edges, options, heading…); the page's other
    # values reach it as globals of pyvis's Jinja environment.
    env.globals.update(csp=csp, version=__version__, css=_asset("static", "network.css"), vis_js=vis, app_js=app,
                       page=page_values(network, title))
    return view.generate_html(name="network.html")  # the name is only checked to end in .html; nothing is written
