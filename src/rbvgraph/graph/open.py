"""Opening the graph: the one place that combines parsing, reasoning and the on-disk copy into a :class:`Graph`.

Every ontology and data file is parsed into its own named graph, so each triple can be traced to its file; queries
see the union of the graphs. With inference, the inferred triples (computed and cached by :mod:`.reason`) are one
more named graph, kept apart from what was asserted.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import InputError
from ..project import Project
from ..vocab import INFERENCE_LEVELS
from . import storecache
from .parse import load_file
from .reason import Reasoning, add_inferred


@dataclass(frozen=True)
class Graph:
    """The loaded graph of one project at one inference level: what every command works on, passed down."""

    store: ox.Store
    project: Project
    inference: str = "none"
    reasoning: Reasoning | None = None  # what the reasoner added and said (None without inference)

    @property
    def complaints(self) -> tuple[str, ...]:
        """Contradictions the reasoner itself reported (owlrl's error messages)."""
        return self.reasoning.complaints if self.reasoning else ()


def check_inference(inference: str) -> str:
    if inference not in INFERENCE_LEVELS:
        raise InputError(f"unknown inference '{inference}': choose one of {', '.join(INFERENCE_LEVELS)}")
    return inference


def open_graph(proj: Project, inference: str = "none", one_shot: bool = False) -> Graph:
    """The project's graph at ``inference``, in memory; for a ``one_shot`` command on a big project its read-only
    on-disk copy instead (made once per input fingerprint in the user cache; see :mod:`.storecache`). Same quads
    either way."""
    check_inference(inference)
    if one_shot and storecache.wanted(proj.source_files()):
        made: list[Reasoning | None] = []  # what reasoning did, when the copy is made by this call

        def fill(store: ox.Store) -> dict:
            made.append(_fill(store, proj, inference))
            return _note(made[-1])

        found = storecache.open_copy(proj, inference, fill)
        if found is not None:
            store, note = found
            if made:
                return Graph(store, proj, inference, made[-1])
            known = note.get("reasoning")
            reasoning = Reasoning(inference, known["triples"], tuple(known["complaints"]), True) if known else None
            return Graph(store, proj, inference, reasoning)
    store = ox.Store()
    return Graph(store, proj, inference, _fill(store, proj, inference))


def _fill(store: ox.Store, proj: Project, inference: str) -> Reasoning | None:
    for path in proj.source_files():
        load_file(store, path, proj.graph_name(path))
    return add_inferred(store, proj, inference) if inference != "none" else None


def _note(reasoning: Reasoning | None) -> dict:
    """What an on-disk copy records of its reasoning, so that opening it gives the same Graph as a load."""
    if reasoning is None:
        return {}
    return {"reasoning": {"triples": reasoning.triples, "complaints": list(reasoning.complaints)}}
