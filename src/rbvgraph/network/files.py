"""The network as GraphML or GEXF for Gephi and other tools: the page's node and edge attributes, as plain values."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from .projection import undirected_edges
from .style import kind_colours

if TYPE_CHECKING:
    import networkx as nx

    from .views import Network

NODE_ATTRIBUTES = ("label", "role", "kind", "kind_label", "group", "abbreviation", "degree", "degree_centrality",
                   "betweenness", "community")


def evidence_text(statements: list[dict]) -> str:
    """Statements with their section and quote, one after the other: ``A werkt samen met B [§ 2 …: “…”]``."""
    parts = []
    for st in statements:
        where = "; ".join(f"{ev['report'] + ', ' if 'report' in ev else ''}§ {ev['section']} {ev['title']}: "
                          f"“{ev['quote']}”".replace("  ", " ") for ev in st["evidence"])
        via = f" (via {st['via_label']})" if st.get("via_label") else ""
        parts.append(f"{st['text']}{via} [{where or 'afgeleid'}]")
    return " | ".join(parts)


def flat_graph(network: "Network", gexf: bool = False) -> "nx.Graph":
    """A copy with only strings, numbers and booleans (lists become text); for GEXF also colour and size."""
    import networkx as nx

    graph = network.graph
    colours = kind_colours({d["kind"] for _, d in graph.nodes(data=True)})
    flat = nx.Graph()
    for node, d in sorted(graph.nodes(data=True)):
        attrs = {k: d[k] for k in NODE_ATTRIBUTES}
        attrs["themes"] = "; ".join(sorted(network.themes.get(t, t) for t in d["themes"]))
        if gexf:
            r, g, b = (int(colours[d["kind"]][i:i + 2], 16) for i in (1, 3, 5))
            attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 10 + 30 * d["degree_centrality"] ** 0.5}
        flat.add_node(node, **attrs)
    for a, b, d in undirected_edges(graph):
        flat.add_edge(a, b, weight=d["weight"], inferred=d["inferred"], relation=d["relation"],
                      themes="; ".join(sorted(network.themes.get(t, t) for t in d["themes"])),
                      evidence=evidence_text(d["statements"]))
    return flat


def serialise_network(network: "Network", fmt: str) -> bytes:
    """GraphML or GEXF as UTF-8 bytes."""
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat_graph(network), buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(flat_graph(network, gexf=True), buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown network file format {fmt}")
    return buffer.getvalue()
