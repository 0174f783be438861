"""The user cache of computed closures: N-Triples beside a small JSON note, written atomically.

The folder is $RBVGRAPH_CACHE, else $XDG_CACHE_HOME/rbvgraph, else ~/.cache/rbvgraph. An entry that is missing,
truncated or unreadable counts as absent (the caller recomputes it); a cache that cannot be written is skipped.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox

from .atomic import write_bytes

ENV_VAR = "RBVGRAPH_CACHE"
KEEP = 12  # entries kept per kind; older ones are removed when a new one is written
_FORMAT = 1


def cache_dir() -> Path:
    """$RBVGRAPH_CACHE, else $XDG_CACHE_HOME/rbvgraph, else ~/.cache/rbvgraph."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "rbvgraph"
    return Path.home() / ".cache" / "rbvgraph"


def _paths(name: str) -> tuple[Path, Path]:
    folder = cache_dir()
    return folder / f"{name}.nt", folder / f"{name}.json"


def read(name: str) -> tuple[list[ox.Triple], dict] | None:
    """The triples and the note of entry ``name``; None when it is absent or damaged in any way."""
    data_path, note_path = _paths(name)
    try:
        note = json.loads(note_path.read_text(encoding="utf-8"))
        if note.get("format") != _FORMAT:
            return None
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(path=data_path, format=ox.RdfFormat.N_TRIPLES)]
        if len(triples) != note.get("triples"):
            return None
        return triples, note
    except (OSError, ValueError, SyntaxError, TypeError, AttributeError):
        return None


def data_file(name: str) -> tuple[Path, dict] | None:
    """The N-Triples file of entry ``name`` and its note when the note vouches for it (same size as written), else
    None: for a caller that parses the file itself, straight into a store."""
    data_path, note_path = _paths(name)
    try:
        note = json.loads(note_path.read_text(encoding="utf-8"))
        if note.get("format") == _FORMAT and note.get("bytes") == data_path.stat().st_size:
            return data_path, note
    except (OSError, ValueError, AttributeError):
        pass
    return None


def write(name: str, triples: list[ox.Triple], note: dict) -> bool:
    """Store an entry (data first, the note last, each atomically); False when the cache cannot be written."""
    data_path, note_path = _paths(name)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    note = {**note, "format": _FORMAT, "triples": len(triples), "bytes": len(data)}
    try:
        write_bytes(data_path, data)
        write_bytes(note_path, json.dumps(note, indent=1, ensure_ascii=False).encode("utf-8"))
    except OSError:
        return False
    _prune(data_path.parent, name.split("-", 1)[0])
    return True


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest KEEP entries of one kind."""
    try:
        notes = sorted(folder.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in notes[KEEP:]:
            old.with_suffix(".nt").unlink(missing_ok=True)
            old.unlink(missing_ok=True)
    except OSError:  # another process pruned at the same time: nothing lost
        pass
