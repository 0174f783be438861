"""``rbvgraph build``: load once, then let each build step write its part of ``build/``.

Everything is written into a fresh temporary folder that replaces ``build/`` only when every step succeeded,
so a failed build keeps the previous good output. A stamp records the inputs' fingerprint and the options:
when nothing changed, the build is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from .atomic import replace_dir
from .engine import run, without_columns
from .export import serialise
from .load import fingerprint, load_store, source_files
from .namedqueries import catalogue
from .output import render
from .params import bind
from .paths import Project, project

STAMP = ".rbvgraph-build.json"


@dataclass
class BuildContext:
    proj: Project
    store: ox.Store
    out: Path
    inference: str
    written: list[str] = field(default_factory=list)
    _stores: dict = field(default_factory=dict)

    def store_for(self, inference: str) -> ox.Store:
        """The graph at another inference level (a named query's own), loaded once. A second in-memory store
        is cheaper than restricting queries to the asserted named graphs, which Oxigraph evaluates 50-70x
        slower with hundreds of graphs (benchmarks/RESULTS.md)."""
        if inference == self.inference:
            return self.store
        if inference not in self._stores:
            self._stores[inference] = load_store(self.proj, inference)
        return self._stores[inference]

    def write(self, relative: str, data: bytes | str, bom: bool = False) -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = (("\ufeff" if bom else "") + data).encode("utf-8")
        path.write_bytes(data)
        self.written.append(relative)


def write_graph(ctx: BuildContext) -> None:
    """build/rbv.ttl: the asserted graph; build/rbv.trig: every named graph (inferred too, when reasoning)."""
    ctx.write("rbv.ttl", serialise(ctx.store, "turtle", "asserted"))
    ctx.write("rbv.trig", serialise(ctx.store, "trig", "all"))


def write_queries(ctx: BuildContext) -> None:
    """build/queries/NAME.csv for every named query, with its default parameters, on the graph its header asks
    for (``# inference: …``; the asserted graph when it says nothing)."""
    for query in catalogue(ctx.proj).values():
        store = ctx.store_for(query.inference)
        bindings = bind(query, {}, store)
        result = without_columns(run(store, query.text, bindings, where=f"query {query.name} ({query.path.name})"),
                                 bindings)
        ctx.write(f"queries/{query.name}.csv", render(result, "csv", store), bom=True)


from .netbuild import write_networks  # noqa: E402  (build steps of other modules take a BuildContext)
from .siteindex import write_index  # noqa: E402

# write_index lists what the steps before it wrote: keep it last.
STEPS: list[Callable[[BuildContext], None]] = [write_graph, write_queries, write_networks, write_index]


def _stamp(proj: Project, inference: str) -> dict:
    return {"version": __version__, "inputs": fingerprint(source_files(proj) + sorted(proj.queries_dir.glob("*.rq")), proj),
            "inference": inference}


def build(out_dir: Path, proj: Project | None = None, inference: str = "none", force: bool = False,
          validate: bool = True) -> list[str] | None:
    """Write the build; returns the files written, or None when the build was already up to date.

    With ``validate``, a graph that breaks a rule of ontology/shapes.ttl raises NotConforming before anything is
    written, so build/ keeps its previous contents.
    """
    proj = proj or project()
    out_dir = Path(out_dir)
    shapes = proj.shapes_file
    stamp = {**_stamp(proj, inference),
             "validated": fingerprint([shapes], proj) if validate and shapes.is_file() else validate}
    stamp_file = out_dir / STAMP
    if not force and stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text()) == stamp:
                return None
        except ValueError:
            pass
    store = load_store(proj, inference)
    if validate:
        from .shapes.validate import require_conforming

        require_conforming(store, proj, inference)
    with replace_dir(out_dir) as tmp:
        ctx = BuildContext(proj, store, tmp, inference)
        for step in STEPS:
            step(ctx)
        ctx.write(STAMP, json.dumps(stamp, indent=1))
    return ctx.written
