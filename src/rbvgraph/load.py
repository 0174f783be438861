"""Loading the graph: the one place where files become RDF.

Every ontology and data file is parsed with Oxigraph's parser into its own named graph, so each triple can be
traced to its file. Queries see the union of the graphs. With inference, the inferred triples (computed and
cached by :mod:`rbvgraph.reason`) are added as one more named graph, kept apart from what was asserted.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import InputError
from .paths import Project, project
from .vocab import GRAPHS

if TYPE_CHECKING:
    import rdflib

INFERENCE_CHOICES = ("none", "rdfs", "owlrl")
DATA_SUFFIXES = {".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES}


def source_files(proj: Project | None = None) -> list[Path]:
    """The ontology and every data file, in a stable order (the SHACL shapes are not data)."""
    proj = proj or project()
    ontology = sorted(p for p in proj.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")
    data = sorted(p for p in proj.triples_dir.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file())
    if not ontology:
        raise InputError(f"{proj.ontology_dir}: no ontology (*.ttl) found")
    return ontology + data


def graph_name(proj: Project, path: Path) -> str:
    """``…/graph/data/triples/actoren`` for ``data/triples/actoren.ttl``."""
    return GRAPHS + path.relative_to(proj.root).with_suffix("").as_posix()


def fingerprint(files: list[Path], proj: Project | None = None) -> str:
    """A hash of the files' names and contents: it changes when any input changes."""
    proj = proj or project()
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(proj.root).as_posix().encode())
        digest.update(_content_digest(path))
    return digest.hexdigest()[:16]


_DIGESTS: dict[Path, tuple[int, int, bytes]] = {}  # path → (size, mtime in ns, sha256 of the contents)


def _content_digest(path: Path) -> bytes:
    """The file's sha256, read again only when its size or modification time changed since this process last
    read it: one command asks for the fingerprint several times (the build stamp, the closure and store-copy
    keys), and at a hundred reports each reading of every file costs 0.4 s."""
    stat = path.stat()
    known = _DIGESTS.get(path)
    if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2]
    value = hashlib.sha256(path.read_bytes()).digest()
    _DIGESTS[path] = (stat.st_size, stat.st_mtime_ns, value)
    return value


def parse_file(path: Path, graph: str | None = None) -> list[ox.Quad]:
    """Parse one file; a syntax error becomes an :class:`InputError` naming the file and line."""
    fmt = _format(path)
    target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    with _reading(path):
        quads = list(ox.parse(path=path, format=fmt, rename_blank_nodes=True))
    if fmt is ox.RdfFormat.TRIG:
        return [ox.Quad(q.subject, q.predicate, q.object, q.graph_name if not isinstance(q.graph_name, ox.DefaultGraph) else target) for q in quads]
    return [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]


def load_file(store: ox.Store, path: Path, graph: str) -> None:
    """Parse one file straight into ``store`` (default graph → ``graph``), as :func:`parse_file` would give it.

    Oxigraph parses into the store without making a Python object per triple: 2.5× less CPU than
    ``store.extend(parse_file(…))`` (benchmarks/RESULTS.md). Blank nodes are renamed per file, as there.
    """
    fmt = _format(path)
    with _reading(path):
        store.load(path=path, format=fmt, to_graph=ox.NamedNode(graph))


def _format(path: Path) -> ox.RdfFormat:
    fmt = DATA_SUFFIXES.get(path.suffix)
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


def check_inference(inference: str) -> str:
    if inference not in INFERENCE_CHOICES:
        raise InputError(f"unknown inference '{inference}': choose one of {', '.join(INFERENCE_CHOICES)}")
    return inference


def load_store(proj: Project | None = None, inference: str = "none") -> ox.Store:
    """The whole graph in an in-memory Oxigraph store, one named graph per file (+ the inferred graph)."""
    proj = proj or project()
    check_inference(inference)
    store = ox.Store()
    _fill(store, proj, inference)
    return store


def open_store(proj: Project | None = None, inference: str = "none") -> ox.Store:
    """The graph for a one-shot command: :func:`load_store`, or for a big project its read-only on-disk copy
    (made once per input fingerprint in the user cache; see :mod:`rbvgraph.storecache`). Same quads either way."""
    from . import storecache

    proj = proj or project()
    check_inference(inference)
    if storecache.wanted(source_files(proj)):
        store = storecache.open_copy(proj, inference, lambda s: _fill(s, proj, inference))
        if store is not None:
            return store
    return load_store(proj, inference)


def _fill(store: ox.Store, proj: Project, inference: str) -> None:
    for path in source_files(proj):
        load_file(store, path, graph_name(proj, path))
    if inference != "none":
        from .reason import add_inferred

        add_inferred(store, proj, inference)


def to_rdflib(store: ox.Store, graphs: list[str] | None = None) -> "rdflib.Dataset":
    """The store as an rdflib Dataset (named graphs kept), for owlrl, networkx and rdflib users."""
    from .convert import store_to_dataset

    return store_to_dataset(store, graphs)

