"""Who is central in a network: degree and betweenness centrality, and communities, per node and ranked.

Everything is deterministic: nodes and edges are taken in sorted order, and communities are numbered from the
largest (ties broken by their first member), so the same graph always gets the same numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx


def _sorted_copy(graph: "nx.Graph") -> "nx.Graph":
    import networkx as nx

    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), {"weight": w}) for a, b, w in graph.edges(data="weight", default=1)))
    return ordered


def communities(graph: "nx.Graph") -> dict[str, int]:
    """Node → community number (1 = the largest), by greedy modularity on the edge weights."""
    from networkx.algorithms.community import greedy_modularity_communities

    ordered = _sorted_copy(graph)
    if ordered.number_of_edges() == 0:
        groups = [{n} for n in ordered.nodes]
    else:
        groups = greedy_modularity_communities(ordered, weight="weight")
    ranked = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return {n: i for i, group in enumerate(ranked, start=1) for n in group}


def betweenness(graph: "nx.Graph") -> dict[str, float]:
    """Normalised betweenness centrality, as ``nx.betweenness_centrality(graph, normalized=True)`` gives it, computed
    one connected component at a time. No shortest path leaves its component, so the values are the same; but
    networkx spends time in proportion to the whole graph for every node, so a network of many small components
    (one per report: 1,500 of at most 95 organisations at a hundred reports) would cost the square of its size."""
    import networkx as nx

    n = len(graph)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0  # unnormalised undirected values are halved path counts
    result: dict[str, float] = {}
    for component in nx.connected_components(graph):
        part = graph.subgraph(sorted(component)).copy()  # a copy: walking a subgraph view is slower
        result.update((node, value * scale) for node, value in nx.betweenness_centrality(part, normalized=False).items())
    return result


def add_metrics(graph: "nx.Graph") -> None:
    """Set ``degree``, ``degree_centrality``, ``betweenness`` and ``community`` on every node.

    ``degree`` counts the organisations a node is linked to: an organisation's partners, a programme's, theme's or
    law's organisations. Programmes, themes and laws shown beside the organisations (``--include``) are no
    partners; ``degree_centrality`` is that count as a share of the other organisations (networkx's degree
    centrality when only organisations are shown). Betweenness and communities are of the whole graph shown: a
    programme does connect the organisations taking part in it."""
    ordered = _sorted_copy(graph)
    organisations = {n for n, d in graph.nodes(data=True) if d.get("role", "organisatie") == "organisatie"}
    others = max(len(organisations) - 1, 1)
    between = betweenness(ordered)
    community = communities(graph)
    for node, data in graph.nodes(data=True):
        data["degree"] = sum(1 for other in graph[node] if other in organisations and other != node)
        data["degree_centrality"] = round(data["degree"] / others, 4) if len(organisations) > 1 else 0.0
        data["betweenness"] = round(between[node], 4)
        data["community"] = community[node]


def ranking(graph: "nx.Graph", by: str = "degree_centrality") -> list[tuple[str, float]]:
    """Nodes from most to least central (ties by label)."""
    return sorted(((n, d[by]) for n, d in graph.nodes(data=True)), key=lambda x: (-x[1], graph.nodes[x[0]].get("label", x[0])))
