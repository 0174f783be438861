"""The user cache of computed closures: N-Triples beside a small JSON note, written atomically, checked on read.

The folder is $RBVGRAPH_CACHE, else $XDG_CACHE_HOME/rbvgraph, else ~/.cache/rbvgraph. The note holds the sha256
of the N-Triples and a digest of itself (:func:`sealed`), and every read checks both: an entry whose bytes changed
in any way (a flipped bit keeps the size and may even keep the syntax) is removed with one warning, and the caller
computes it again. A missing entry counts as absent; a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

import pyoxigraph as ox

from ..errors import OutputError
from .atomic import write_bytes

ENV_VAR = "RBVGRAPH_CACHE"
KEEP = 12  # entries kept per kind; older ones are removed when a new one is written
LEFTOVER_SECONDS = 3600  # a temporary file this old belongs to a write that was killed
_FORMAT = 2
_SEAL = "note-sha256"

log = logging.getLogger("rbvgraph")


def cache_dir() -> Path:
    """$RBVGRAPH_CACHE, else $XDG_CACHE_HOME/rbvgraph, else ~/.cache/rbvgraph."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "rbvgraph"
    return Path.home() / ".cache" / "rbvgraph"


def seal(note: dict) -> dict:
    """``note`` with a digest of its own content added, so that a change to the note itself is noticed too."""
    body = {k: v for k, v in note.items() if k != _SEAL}
    return {**body, _SEAL: hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()}


def sealed(note: object) -> bool:
    """Whether ``note`` (as read from JSON) is a dict whose own digest still matches."""
    return isinstance(note, dict) and seal(note).get(_SEAL) == note.get(_SEAL)


def damaged(what: Path, remove) -> None:
    """Say on stderr (one line) that a cache entry was damaged, and remove it with ``remove()``."""
    log.warning(f"damaged cache entry {what} removed, rebuilding")
    try:
        remove()
    except OSError:
        pass


def _paths(name: str) -> tuple[Path, Path]:
    folder = cache_dir()
    return folder / f"{name}.nt", folder / f"{name}.json"


def data(name: str) -> tuple[bytes, dict] | None:
    """The N-Triples of entry ``name`` and its note, once checked against the note's digest; None when the entry is
    absent, or damaged (then it is removed, with a warning). For a caller that parses the bytes itself, straight
    into a store."""
    data_path, note_path = _paths(name)
    try:
        note_bytes = note_path.read_bytes()
        content = data_path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:  # unreadable: as if absent
        return None
    try:
        note = json.loads(note_bytes.decode("utf-8"))
    except ValueError:
        note = None
    if isinstance(note, dict) and note.get("format") != _FORMAT and _SEAL not in note:
        return None  # written by an earlier rbvgraph, without a digest: computed again and overwritten
    if (not sealed(note) or note.get("format") != _FORMAT or note.get("bytes") != len(content)
            or note.get("sha256") != hashlib.sha256(content).hexdigest()):
        damaged(data_path, lambda: _remove(name))
        return None
    return content, note


def read(name: str) -> tuple[list[ox.Triple], dict] | None:
    """The triples and the note of entry ``name``; None when it is absent or damaged (see :func:`data`)."""
    found = data(name)
    if found is None:
        return None
    content, note = found
    try:
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(content, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError):  # the digest matched bytes that do not parse: written so by someone else
        triples = None
    if triples is None or len(triples) != note.get("triples"):
        damaged(_paths(name)[0], lambda: _remove(name))
        return None
    return triples, note


def write(name: str, triples: list[ox.Triple], note: dict) -> bool:
    """Store an entry (data first, the note last, each atomically); False when the cache cannot be written."""
    data_path, note_path = _paths(name)
    content = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
    note = seal({**note, "format": _FORMAT, "triples": len(triples), "bytes": len(content),
                 "sha256": hashlib.sha256(content).hexdigest()})
    try:
        write_bytes(data_path, content)
        write_bytes(note_path, json.dumps(note, indent=1, ensure_ascii=False).encode("utf-8"))
    except OutputError:
        return False
    _prune(data_path.parent, name.split("-", 1)[0])
    return True


def _remove(name: str) -> None:
    for path in _paths(name):
        path.unlink(missing_ok=True)


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest KEEP entries of one kind; remove temporary files of writes that were killed."""
    try:
        notes = sorted(folder.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in notes[KEEP:]:
            old.with_suffix(".nt").unlink(missing_ok=True)
            old.unlink(missing_ok=True)
        for left in folder.glob(f".{kind}-*.tmp"):
            if time.time() - left.stat().st_mtime > LEFTOVER_SECONDS:
                left.unlink(missing_ok=True)
    except OSError:  # another process pruned at the same time: nothing lost
        pass
