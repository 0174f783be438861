"""``rbvgraph push``: put the graph into a triple store's named graph, replacing it, never half-way.

The store is addressed through the SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph ``/store``, Fuseki
``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``). A push

1. creates a fresh temporary graph next to the target, empty (a cheap first request: a store that wants a login
   answers it with its challenge, so the data itself travels once, with the credentials), then uploads the whole
   graph (N-Triples) into it with ``PUT``; if the store refuses (login, parse error, size, rights), the target has
   not been touched;
2. swaps it in: with ``--update-endpoint``, one SPARQL Update ``MOVE <temporary> TO <target>``, which a
   transactional store (Oxigraph, Fuseki, GraphDB) applies atomically; without it, a ``PUT`` of the same,
   already accepted data to the target, then a ``DELETE`` of the temporary graph;
3. on any failure, deletes the temporary graph (best effort) and reports one line.

``PUT`` replaces the graph, so pushing twice leaves the same triples, not twice as many. Credentials: see
:mod:`rbvgraph.sparql.remote` (Basic or Digest, as the store asks; Virtuoso: ``/sparql-graph-crud-auth``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import EndpointError, InputError
from .graph import Graph
from .sparql.remote import Auth, check_url, request, with_params
from .vocab import DEFAULT_GRAPH
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Pushed:
    endpoint: str
    graph: str
    triples: int
    method: str  # how the upload was swapped in: "MOVE" or "PUT"
    leftover: str | None = None  # a temporary graph the store would not delete


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification: ``?graph=IRI``)."""
    return with_params(endpoint, graph=graph)


def push(source: Graph, endpoint: str, graph: str = DEFAULT_GRAPH, update_endpoint: str | None = None,
         auth: Auth | None = None) -> Pushed:
    """Replace ``graph`` in the store at ``endpoint`` with every triple of ``source`` (the union of its graphs)."""
    from .graph.export import serialise, triples

    store = source.store
    check_url(endpoint)
    if update_endpoint:
        check_url(update_endpoint)
    try:
        ox.NamedNode(graph)
    except ValueError:
        raise InputError(f"'{graph}' is not a valid graph IRI") from None
    data = serialise(store, "nt", "all")
    count = len(triples(store, "all"))
    temporary = f"{graph}/upload-{uuid.uuid4().hex}"
    upload = {"Content-Type": NTRIPLES}
    request("PUT", graph_url(endpoint, temporary), b"", upload, auth)
    try:
        request("PUT", graph_url(endpoint, temporary), data, upload, auth)
        if update_endpoint:
            request("POST", update_endpoint, f"MOVE <{temporary}> TO <{graph}>".encode("utf-8"),
                    {"Content-Type": "application/sparql-update"}, auth)
            return Pushed(endpoint, graph, count, "MOVE")
        request("PUT", graph_url(endpoint, graph), data, upload, auth)
    except EndpointError:
        _forget(endpoint, temporary, auth)
        raise
    return Pushed(endpoint, graph, count, "PUT", None if _forget(endpoint, temporary, auth) else temporary)


def _forget(endpoint: str, temporary: str, auth: Auth | None) -> bool:
    """Delete the temporary graph (best effort: False when the store would not)."""
    try:
        request("DELETE", graph_url(endpoint, temporary), None, {}, auth)
    except EndpointError:
        return False
    return True
