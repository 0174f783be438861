"""On-disk copies of the loaded graph in the user cache, so one-shot commands on big projects skip the parse.

Parsing every file into memory costs time in proportion to the project; opening an on-disk Oxigraph store
read-only costs about the same at any size (benchmarks/RESULTS.md). So for a project whose inputs are big
(``RBVGRAPH_DISK_STORE=auto``, the default: :data:`THRESHOLD` bytes or more) the one-shot commands ``query``,
``export``, ``stats``, ``network`` and ``push`` open such a copy, made once per input fingerprint and inference
level (which costs several loads, once) and reused until an input file changes. ``always`` uses it for every
project, ``never`` loads into memory every time. ``serve`` and ``build`` always load into memory: a query on an
in-memory store is faster, and they run many.

A copy is written to a temporary folder and renamed into place only when complete, so a crash or a second
process at the same moment never leaves a half-written store to be opened. Its note (``complete.json``) lists
every file of the copy with its size and sha256, and is itself sealed with a digest (:func:`rbvgraph.util.cache.seal`).
Before a copy is opened every file is checked against the note: a few flipped bytes in a store file can make
RocksDB read garbage lengths and allocate until the machine runs out of memory, and the store is opened in this
process, where no limit can be put on the memory of its Rust and C++ allocations (an address-space limit would
only turn the damage into an abort). The checksum is therefore the guard: a copy that does not match is removed
with one warning and made again. A temporary folder holds a lock (``flock``) while it is written; one whose lock
is free belongs to a writer that was killed, and the next command that opens or makes a copy removes it (renamed
to ``.trash-…`` first, so that a removal cut short by another kill is finished by the one after). When the cache
cannot be written the graph is loaded into memory as before.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import time
import uuid
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from ..errors import OutputError
from ..project import Project
from ..util import cache
from ..util.atomic import write_bytes
from ..util.settings import env_choice
from .reason import cache_key

ENV_VAR = "RBVGRAPH_DISK_STORE"
CHOICES = ("auto", "always", "never")
THRESHOLD = 4_000_000  # bytes of input from which ``auto`` uses an on-disk copy (about five reports)
KEEP = 4  # copies kept; older ones are removed when a new one is made
RECIPE = "2"  # change when what goes into a copy changes (2: the note records the reasoning)
_DONE = "complete.json"
_WRITING = ".writing.lock"  # held by the process writing a temporary folder
_TRASH = ".trash-"  # a folder on its way out: renamed so first, so that a removal cut short is finished later
LEFTOVER_SECONDS = 60  # a temporary folder without its lock file this old was left by a killed writer

try:
    import fcntl
except ImportError:  # not POSIX: leftovers are removed after a day instead
    fcntl = None


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
    """The read-only on-disk copy and its note, made first with ``fill(store)`` when missing or damaged (what
    ``fill`` returns, a JSON-ready dict, is kept in the note); None when the cache cannot be used."""
    folder = folder_for(proj, inference)
    found = _open(folder)
    if found is not None:
        _prune(folder.parent)
        return found
    try:
        _make(folder, fill)
    except (OSError, OutputError, RuntimeError):  # cannot write there (full, read-only, not a folder): load into memory
        return None
    _prune(folder.parent)
    return _open(folder)


def _open(folder: Path) -> tuple[ox.Store, dict] | None:
    """The copy in ``folder`` once every file is checked against its note; None when there is none (yet) or it was
    damaged (then it is removed, with a warning)."""
    done = folder / _DONE
    try:
        raw = done.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    try:
        note = json.loads(raw.decode("utf-8"))
    except ValueError:
        note = None
    if not cache.sealed(note) or not _matches(folder / "data", note.get("files")):
        cache.damaged(folder, lambda: shutil.rmtree(folder))
        return None
    try:
        return ox.Store.read_only(str(folder / "data")), note
    except (OSError, RuntimeError, ValueError):  # checked, yet RocksDB refuses it: make it again
        cache.damaged(folder, lambda: shutil.rmtree(folder))
        return None


def manifest(data: Path) -> dict[str, list]:
    """Every file under ``data`` (relative path) with its size and sha256."""
    found = {}
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found[path.relative_to(data).as_posix()] = [path.stat().st_size, digest.hexdigest()]
    return found


def _matches(data: Path, files: object) -> bool:
    """Whether the files under ``data`` are exactly those of the note, each of its size and digest (sizes are
    compared first: a truncated file is found without reading anything)."""
    if not isinstance(files, dict) or not files:
        return False
    try:
        present = {p.relative_to(data).as_posix(): p for p in data.rglob("*") if p.is_file()}
        if set(present) != set(files):
            return False
        if any(not isinstance(v, list) or len(v) != 2 or present[k].stat().st_size != v[0] for k, v in files.items()):
            return False
        return manifest(data) == files
    except OSError:
        return False


def _make(folder: Path, fill) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:8]}"
    lock = -1
    try:
        temporary.mkdir()
        lock = _hold(temporary / _WRITING)
        store = ox.Store(str(temporary / "writing"))
        note = fill(store)
        quads = len(store)
        store.flush()
        store.optimize()
        store.backup(str(temporary / "data"))  # a clean copy: without the write-ahead log of the load
        del store
        gc.collect()  # the store's files are closed when the last reference goes
        shutil.rmtree(temporary / "writing")
        files = manifest(temporary / "data")
        write_bytes(temporary / _DONE, json.dumps(cache.seal({**note, "quads": quads, "files": files})).encode())
        if folder.exists() and not (folder / _DONE).is_file():
            shutil.rmtree(folder)  # not a copy of ours: nothing else writes there
        (temporary / _WRITING).unlink()
        try:
            temporary.rename(folder)
        except OSError:
            if not (folder / _DONE).is_file():  # not because another process made it first
                raise
    finally:
        if temporary.exists():
            _discard(temporary)
        if lock >= 0:
            os.close(lock)


def _discard(folder: Path) -> None:
    """Remove ``folder``: renamed to a ``.trash-`` name first, in one step, so that if this process is killed while
    removing it, what is left is plainly rubbish to the next one (a half-removed folder has lost its lock file)."""
    trash = folder.parent / f"{_TRASH}{uuid.uuid4().hex[:8]}"
    try:
        folder.rename(trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


def _hold(path: Path) -> int:
    """Create ``path`` and hold an exclusive lock on it until the returned descriptor is closed (or the process
    ends, however it ends)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _abandoned(left: Path) -> bool:
    """Whether the temporary folder ``left`` belongs to no running writer: its lock is free, or (no lock file)
    it is older than any writer takes to create one."""
    lock = left / _WRITING
    if fcntl is None:
        return time.time() - left.stat().st_mtime > 86400
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return time.time() - left.stat().st_mtime > LEFTOVER_SECONDS
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def _prune(stores: Path) -> None:
    """Keep the newest KEEP copies, and remove the temporary folders of writers that were killed."""
    try:
        done = sorted((p for p in stores.iterdir() if (p / _DONE).is_file()),
                      key=lambda p: (p / _DONE).stat().st_mtime, reverse=True)
        for old in done[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
        for left in stores.glob(".*"):
            if left.name.startswith(_TRASH):
                shutil.rmtree(left, ignore_errors=True)
            elif left.is_dir() and _abandoned(left):
                _discard(left)
    except OSError:  # another process pruned at the same time: nothing lost
        pass
