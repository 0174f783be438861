"""The graph: parsing the project's files, reasoning, the on-disk copy, and what is read from a loaded graph
(export, labels, figures). :func:`open_graph` gives the :class:`Graph` every command works on."""

from .open import Graph, open_graph

__all__ = ["Graph", "open_graph"]
