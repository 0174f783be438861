"""Parsing the project's files: the one place where files become RDF.

Each file is parsed with Oxigraph's parser; a syntax error or an unreadable file is one :class:`InputError` naming
the file and line.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES}


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """Parse one file into quads (triples in ``graph``, else the default graph)."""
    fmt = _format(path)
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    with _reading(path):
        quads = list(ox.parse(path=path, format=fmt, rename_blank_nodes=True))
    if fmt is ox.RdfFormat.TRIG:
        return [ox.Quad(q.subject, q.predicate, q.object,
                        q.graph_name if not isinstance(q.graph_name, ox.DefaultGraph) else target) for q in quads]
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]


def load_file(store: ox.Store, path: Path, graph: str) -> None:
    """Parse one file straight into ``store`` (default graph → ``graph``), as :func:`parse_file` would give it.

    Oxigraph parses into the store without making a Python object per triple, which costs far less than
    ``store.extend(parse_file(…))`` (benchmarks/RESULTS.md). Blank nodes are renamed per file, as there.
    """
    fmt = _format(path)
    with _reading(path):
        store.load(path=path, format=fmt, to_graph=ox.NamedNode(graph))


def _format(path: Path) -> ox.RdfFormat:
    fmt = FORMATS.get(path.suffix)
    if fmt is None:
        raise InputError(f"{path}: not an RDF file this project reads (.ttl, .trig, .nt)")
    return fmt


@contextmanager
def _reading(path: Path):
    """A syntax error or an unreadable file becomes an :class:`InputError` naming the file (and line)."""
    try:
        yield
    except SyntaxError as err:
        raise InputError(f"{path}{_position(err)}: {_reason(err.msg)}") from None
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from None


def _position(err: SyntaxError) -> str:
    if not err.lineno:
        return ""
    return f":{err.lineno}:{err.offset}" if err.offset else f":{err.lineno}"


def _reason(message: str) -> str:
    """Oxigraph says 'Parser error at line 3 between columns 9 and 12: <reason>'; the position is given already."""
    head, sep, rest = message.partition(": ")
    return rest if sep and head.startswith("Parser error") else message
