"""Where the ontology, the triples and the named queries are: the source checkout, or the installed package."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "RBVGRAPH_HOME"


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def triples_dir(self) -> Path:
        return self.root / "data" / "triples"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"


def _has_data(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "data" / "triples").is_dir()


def project(root: str | Path | None = None) -> Project:
    """The project folder: ``root`` if given, else $RBVGRAPH_HOME, else the checkout, else the package data."""
    if root is not None:
        return Project(Path(root).resolve())
    if os.environ.get(ENV_VAR):
        return Project(Path(os.environ[ENV_VAR]).resolve())
    package = Path(__file__).resolve().parent
    checkout = package.parent.parent
    if _has_data(checkout):
        return Project(checkout)
    return Project(package / "_data")
