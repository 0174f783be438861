"""The network as GraphML or GEXF for Gephi and other tools: the page's node and edge attributes, as plain values.

Both files are valid against their official schemas (GraphML 1.0, GEXF 1.2draft, as JGraphT ships them): a node's
id is an ``xs:NMTOKEN`` made from its IRI's path (``organisatie:riec-noord-nederland``), the IRI itself is the
node's ``iri`` attribute.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..vocab import INSTANCES
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


def node_id(iri: str) -> str:
    """The node's id in GraphML and GEXF: the IRI's path below the instance base with ``:`` for ``/``
    (``organisatie:riec-noord-nederland``), an ``xs:NMTOKEN``. Any character but ASCII letters, digits, ``.`` and
    ``-`` is written ``_hex_``, so two IRIs never get one id; another IRI keeps its host
    (``example.org:x``)."""
    path = iri[len(INSTANCES):] if iri.startswith(INSTANCES) else iri.split("://", 1)[-1]
    return "".join(":" if c == "/" else c if c.isascii() and (c.isalnum() or c in ".-") else f"_{ord(c):x}_"
                   for c in path)


def flat_graph(network: "Network", gexf: bool = False) -> "nx.Graph":
    """A copy with only strings, numbers and booleans (lists become text), nodes by :func:`node_id` with their IRI
    as attribute; for GEXF also colour and size."""
    import networkx as nx

    graph = network.graph
    colours = kind_colours({d["kind"] for _, d in graph.nodes(data=True)})
    flat = nx.Graph()
    for node, d in sorted(graph.nodes(data=True)):
        attrs = {"iri": node} | {k: d[k] for k in NODE_ATTRIBUTES}
        attrs["themes"] = "; ".join(sorted(network.themes.get(t, t) for t in d["themes"]))
        if gexf:
            r, g, b = (int(colours[d["kind"]][i:i + 2], 16) for i in (1, 3, 5))
            attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 10 + 30 * d["degree_centrality"] ** 0.5}
        flat.add_node(node_id(node), **attrs)
    for a, b, d in undirected_edges(graph):
        flat.add_edge(node_id(a), node_id(b), weight=d["weight"], inferred=d["inferred"], relation=d["relation"],
                      themes="; ".join(sorted(network.themes.get(t, t) for t in d["themes"])),
                      evidence=evidence_text(d["statements"]))
    return flat


def serialise_network(network: "Network", fmt: str) -> bytes:
    """GraphML or GEXF as UTF-8 bytes."""
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(flat_graph(network), buffer, encoding="utf-8")
        return _xsd_booleans(buffer.getvalue())
    elif fmt == "gexf":
        nx.write_gexf(flat_graph(network, gexf=True), buffer, encoding="utf-8")
        return _schema_valid_gexf(buffer.getvalue())
    else:
        raise ValueError(f"unknown network file format {fmt}")
    return buffer.getvalue()


_GRAPHML = "http://graphml.graphdrawing.org/xmlns"


def _xsd_booleans(written: bytes) -> bytes:
    """networkx writes a boolean value as Python does (``True``); GraphML's boolean is XML Schema's: ``true``."""
    root = ET.fromstring(written)
    booleans = {key.get("id") for key in root.iter(f"{{{_GRAPHML}}}key") if key.get("attr.type") == "boolean"}
    for data in root.iter(f"{{{_GRAPHML}}}data"):
        if data.get("key") in booleans and data.text:
            data.text = data.text.lower()
    ET.register_namespace("", _GRAPHML)
    ET.register_namespace("xsi", "http://www.w3.org/2001/XMLSchema-instance")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_GEXF = "http://www.gexf.net/1.2draft"
_VIZ = _GEXF + "/viz"


def _schema_valid_gexf(written: bytes) -> bytes:
    """networkx's GEXF made to fit the GEXF 1.2draft schema: ``<graph>`` without the ``name`` the schema does not
    have, colour and size as the schema's ``<color>`` and ``<size>`` (networkx writes them in the viz namespace,
    which the schema gives only their types; Gephi reads them by name either way), and no date of writing in
    ``<meta>``, so the same network gives the same bytes."""
    root = ET.fromstring(written)
    for element in root.iter():
        if element.tag == f"{{{_GEXF}}}graph":
            element.attrib.pop("name", None)
        elif element.tag == f"{{{_GEXF}}}meta":
            element.attrib.pop("lastmodifieddate", None)
        elif element.tag in (f"{{{_VIZ}}}color", f"{{{_VIZ}}}size"):
            element.tag = f"{{{_GEXF}}}{element.tag.split('}')[1]}"
    ET.register_namespace("", _GEXF)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
