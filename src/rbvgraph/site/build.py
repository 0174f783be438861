"""``rbvgraph build``: load once, then let each build step write its part of ``build/``.

One build at a time writes a folder: a second waits for the lock (:func:`rbvgraph.util.atomic.locked_folder`) and
then finds the folder up to date. Everything is written into a fresh temporary folder that takes the place of
``build/`` in one step only when every step succeeded, so a failed or killed build keeps the previous good output.
A stamp records the inputs' fingerprint, the options, and the size and digest of every file written: the build is
skipped only when the inputs are unchanged and every file is still there as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..errors import InputError
from ..graph import open_graph
from ..project import Project
from ..util.atomic import locked_folder
from .context import BuildContext
from .data import write_graph, write_queries
from .describe import write_description, write_ontology_docs
from .entities import write_entities
from .index import write_index
from .networks import write_networks

STAMP = ".rbvgraph-build.json"

# write_index lists what the steps before it wrote: keep it last.
STEPS: list[Callable[[BuildContext], None]] = [write_graph, write_description, write_ontology_docs, write_queries,
                                               write_networks, write_entities, write_index]


def _stamp(proj: Project, inference: str, validate: bool) -> dict:
    shapes = proj.shapes_file
    checked = [shapes] + proj.report_texts()
    return {"version": __version__, "inputs": proj.fingerprint(proj.source_files() + proj.query_files()),
            "inference": inference,
            "validated": proj.fingerprint(checked) if validate and shapes.is_file() else validate}


def _up_to_date(out_dir: Path, stamp: dict) -> bool:
    """Whether ``out_dir`` holds a build made from the same inputs and options, every file as it was written."""
    try:
        found = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
        files = found.pop("files")
        if found != stamp or not isinstance(files, dict):
            return False
        for relative, (size, digest) in files.items():
            path = out_dir / relative
            if path.stat().st_size != size or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    return True


def _refuse_foreign(out_dir: Path) -> None:
    """A build replaces its folder whole: only a new or empty folder, or one an earlier build wrote (it has the
    stamp), may be replaced — never a folder of someone's own files, let alone the project itself."""
    try:
        if out_dir.is_dir() and not (out_dir / STAMP).is_file() and any(out_dir.iterdir()):
            raise InputError(f"{out_dir}: not a folder rbvgraph built (it has files and no {STAMP}); a build "
                             "replaces its folder whole: give a new or empty folder")
    except OSError as err:
        raise InputError(f"{out_dir}: {err.strerror or err}") from None


def build(out_dir: Path, proj: Project, inference: str = "none", force: bool = False, validate: bool = True,
          on_wait: Callable[[], None] | None = None) -> list[str] | None:
    """Write the build; returns the files written, or None when the build was already up to date.

    With ``validate``, a graph that breaks a rule of ontology/shapes.ttl (or misquotes the report, or has an
    empty data file) raises NotConforming before anything is written, so build/ keeps its previous contents.
    ``on_wait`` is called when another process is building the same folder and this one waits for it.
    """
    out_dir = Path(out_dir)
    _refuse_foreign(out_dir)
    stamp = _stamp(proj, inference, validate)
    with locked_folder(out_dir, on_wait) as folder:
        if not force and _up_to_date(out_dir, stamp):
            return None
        graph = open_graph(proj, inference)
        if validate:
            from ..validation.validate import require_conforming

            require_conforming(graph)
        with folder.replacing() as tmp:
            ctx = BuildContext(graph, tmp, out_dir)
            for step in STEPS:
                step(ctx)
            ctx.write(STAMP, json.dumps({**stamp, "files": ctx.digests}, indent=1, sort_keys=True))
    return ctx.written
