"""``rbvgraph build``: load once, then let each build step write its part of ``build/``.

Everything is written into a fresh temporary folder that replaces ``build/`` only when every step succeeded,
so a failed build keeps the previous good output. A stamp records the inputs' fingerprint and the options:
when nothing changed, the build is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..graph import open_graph
from ..project import Project
from ..util.atomic import replace_dir
from .context import BuildContext
from .data import write_graph, write_queries
from .index import write_index
from .networks import write_networks

STAMP = ".rbvgraph-build.json"

# write_index lists what the steps before it wrote: keep it last.
STEPS: list[Callable[[BuildContext], None]] = [write_graph, write_queries, write_networks, write_index]


def _stamp(proj: Project, inference: str, validate: bool) -> dict:
    shapes = proj.shapes_file
    return {"version": __version__, "inputs": proj.fingerprint(proj.source_files() + proj.query_files()),
            "inference": inference,
            "validated": proj.fingerprint([shapes]) if validate and shapes.is_file() else validate}


def build(out_dir: Path, proj: Project, inference: str = "none", force: bool = False,
          validate: bool = True) -> list[str] | None:
    """Write the build; returns the files written, or None when the build was already up to date.

    With ``validate``, a graph that breaks a rule of ontology/shapes.ttl raises NotConforming before anything is
    written, so build/ keeps its previous contents.
    """
    out_dir = Path(out_dir)
    stamp = _stamp(proj, inference, validate)
    stamp_file = out_dir / STAMP
    if not force and stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text()) == stamp:
                return None
        except ValueError:
            pass
    graph = open_graph(proj, inference)
    if validate:
        from ..validation.validate import require_conforming

        require_conforming(graph)
    with replace_dir(out_dir) as tmp:
        ctx = BuildContext(graph, tmp)
        for step in STEPS:
            step(ctx)
        ctx.write(STAMP, json.dumps(stamp, indent=1))
    return ctx.written
