"""On-disk copies of the loaded graph in the user cache, so one-shot commands on big projects skip the parse.

Parsing every file into memory costs time in proportion to the project; opening an on-disk Oxigraph store
read-only costs about the same at any size (benchmarks/RESULTS.md). So for a project whose inputs are big
(``RBVGRAPH_DISK_STORE=auto``, the default: :data:`THRESHOLD` bytes or more) the one-shot commands ``query``,
``export``, ``stats``, ``network`` and ``push`` open such a copy, made once per input fingerprint and inference
level (which costs several loads, once) and reused until an input file changes. ``always`` uses it for every
project, ``never`` loads into memory every time. ``serve`` and ``build`` always load into memory: a query on an
in-memory store is faster, and they run many.

A copy is written to a temporary folder and renamed into place only when complete, so a crash or a second
process at the same moment never leaves a half-written store to be opened; a folder that cannot be opened is
removed and made again; when the cache cannot be written the graph is loaded into memory as before.
"""

from __future__ import annotations

import gc
import json
import shutil
import time
import uuid
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from ..project import Project
from ..util import cache
from ..util.settings import env_choice
from .reason import cache_key

ENV_VAR = "RBVGRAPH_DISK_STORE"
CHOICES = ("auto", "always", "never")
THRESHOLD = 4_000_000  # bytes of input from which ``auto`` uses an on-disk copy (about five reports)
KEEP = 4  # copies kept; older ones are removed when a new one is made
RECIPE = "2"  # change when what goes into a copy changes (2: the note records the reasoning)
_DONE = "complete.json"


def wanted(files: list[Path]) -> bool:
    """Whether to use an on-disk copy for a project with these input files."""
    mode = env_choice(ENV_VAR, CHOICES)
    if mode != "auto":
        return mode == "always"
    return sum(p.stat().st_size for p in files) >= THRESHOLD


def folder_for(proj: Project, inference: str) -> Path:
    """Where the copy for the project's current inputs at ``inference`` lives (whether or not it exists yet)."""
    # with inference, the key includes the input fingerprint and the reasoner's version
    key = proj.fingerprint() if inference == "none" else cache_key(proj, inference)
    return cache.cache_dir() / "stores" / f"{inference}-{key}-{version('pyoxigraph')}-{RECIPE}"


def open_copy(proj: Project, inference: str, fill) -> tuple[ox.Store, dict] | None:
    """The read-only on-disk copy and its note, made first with ``fill(store)`` when missing (what ``fill`` returns,
    a JSON-ready dict, is kept in the note); None when the cache cannot be used."""
    folder = folder_for(proj, inference)
    found = _open(folder)
    if found is not None:
        return found
    try:
        _make(folder, fill)
    except (OSError, RuntimeError):  # cannot write there (full, read-only, not a folder): load into memory
        return None
    _prune(folder.parent)
    return _open(folder)


def _open(folder: Path) -> tuple[ox.Store, dict] | None:
    if not (folder / _DONE).is_file():
        return None
    try:
        note = json.loads((folder / _DONE).read_text(encoding="utf-8"))
        return ox.Store.read_only(str(folder / "data")), note
    except (OSError, RuntimeError, ValueError):  # damaged: make it again
        shutil.rmtree(folder, ignore_errors=True)
        return None


def _make(folder: Path, fill) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}"
    try:
        temporary.mkdir()
        store = ox.Store(str(temporary / "writing"))
        note = fill(store)
        quads = len(store)
        store.flush()
        store.optimize()
        store.backup(str(temporary / "data"))  # a clean copy: without the write-ahead log of the load
        del store
        gc.collect()  # the store's files are closed when the last reference goes
        shutil.rmtree(temporary / "writing")
        (temporary / _DONE).write_text(json.dumps({**note, "quads": quads}), encoding="utf-8")
        if folder.exists() and not (folder / _DONE).is_file():
            shutil.rmtree(folder)  # not a copy of ours: nothing else writes there
        try:
            temporary.rename(folder)
        except OSError:
            if not (folder / _DONE).is_file():  # not because another process made it first
                raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _prune(stores: Path) -> None:
    """Keep the newest KEEP copies; leftovers of interrupted writes older than a day go too."""
    try:
        done = sorted((p for p in stores.iterdir() if (p / _DONE).is_file()),
                      key=lambda p: (p / _DONE).stat().st_mtime, reverse=True)
        for old in done[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
        for left in stores.glob(".*"):
            if time.time() - left.stat().st_mtime > 86400:
                shutil.rmtree(left, ignore_errors=True)
    except OSError:  # another process pruned at the same time: nothing lost
        pass
