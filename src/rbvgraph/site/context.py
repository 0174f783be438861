"""What every build step gets: the graph, the folder being written, and what has been written so far."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..graph import Graph, open_graph
from ..util.atomic import utf8, write_bytes

if TYPE_CHECKING:
    from ..network.facts import Facts


@dataclass
class BuildContext:
    graph: Graph
    out: Path  # the temporary folder being written
    target: Path | None = None  # the folder it will become, to name in messages
    written: list[str] = field(default_factory=list)
    digests: dict[str, tuple[int, str]] = field(default_factory=dict)  # file → (size, sha256), for the stamp
    _graphs: dict = field(default_factory=dict)

    def graph_for(self, inference: str) -> Graph:
        """The graph at another inference level (a named query's own), loaded once. A second in-memory store is
        cheaper than restricting queries to the asserted named graphs, which Oxigraph evaluates far slower with
        hundreds of graphs (benchmarks/RESULTS.md)."""
        if inference == self.graph.inference:
            return self.graph
        if inference not in self._graphs:
            self._graphs[inference] = open_graph(self.graph.project, inference)
        return self._graphs[inference]

    @cached_property
    def facts(self) -> "Facts":
        """What the network pages and the index are made of, read once per build."""
        from ..network.facts import read_facts

        return read_facts(self.graph.store)

    @cached_property
    def organisation_graph(self):
        """The collaboration network of all organisations (networkx), made once: the network pages are views of it,
        and every organisation's page shows its partners."""
        from ..network.projection import organisation_graph

        return organisation_graph(self.facts)

    @cached_property
    def search_index(self):
        """The graph's search index (names and kinds of every thing), opened once for the pages and overviews."""
        from ..graph.search import index_for

        return index_for(self.graph.project, self.graph.store)

    def write(self, relative: str, data: bytes | str, bom: bool = False) -> None:
        if isinstance(data, str):
            data = utf8(data, bom)
        # not flushed file by file: the whole folder is flushed once before it replaces the previous build
        write_bytes(self.out / relative, data, self.target / relative if self.target else None, durable=False)
        self.written.append(relative)
        self.digests[relative] = (len(data), hashlib.sha256(data).hexdigest())
