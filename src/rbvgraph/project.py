"""The project: where the ontology, the triples and the named queries are, which files are its input, and a
fingerprint of them that changes when any input changes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .vocab import GRAPHS

ENV_VAR = "RBVGRAPH_HOME"
DATA_SUFFIXES = (".ttl", ".trig", ".nt")


@dataclass(frozen=True)
class Project:
    root: Path
    # with the unreviewed candidates of data/concepten/ as input too ('--met-concepten'); without, they are never read
    concepts: bool = False

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def triples_dir(self) -> Path:
        return self.root / "data" / "triples"

    @property
    def concepts_dir(self) -> Path:
        """Candidates 'rbvgraph ingest' proposed and nobody has reviewed yet: one folder per report."""
        return self.root / "data" / "concepten"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    def report_text(self, slug: str) -> Path:
        """The text of the report ``slug`` (``data/sources/jaarverslag-2023.txt``): its quotes are checked against it."""
        return self.root / "data" / "sources" / f"{slug}.txt"

    def report_texts(self) -> list[Path]:
        """The texts of every report there is one of."""
        return sorted((self.root / "data" / "sources").glob("*.txt"))

    def source_files(self) -> list[Path]:
        """The ontology and every data file, in a stable order (the SHACL shapes are not data); the concept files
        only when the project was opened with them."""
        ontology = sorted(p for p in self.ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")
        data = sorted(p for p in self.triples_dir.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file())
        if self.concepts:
            # not what an interrupted ingest left in hidden folders (.SLUG.new.*; the next ingest removes them)
            data += sorted(p for p in self.concepts_dir.rglob("*.ttl") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(self.concepts_dir).parts))
        if not ontology:
            raise InputError(f"{self.ontology_dir}: no ontology (*.ttl) found")
        return ontology + data

    def query_files(self) -> list[Path]:
        """The named queries' files, by name ('gemeenten' before 'gemeenten-en-activiteiten')."""
        return sorted(self.queries_dir.glob("*.rq"), key=lambda p: p.stem)

    def graph_name(self, path: Path) -> str:
        """``…/graph/data/triples/actoren`` for ``data/triples/actoren.ttl``: each file is its own named graph."""
        return GRAPHS + path.relative_to(self.root).with_suffix("").as_posix()

    def fingerprint(self, files: list[Path] | None = None) -> str:
        """A hash of the files' names and contents (default: the source files): it changes when any input changes."""
        digest = hashlib.sha256()
        for path in self.source_files() if files is None else files:
            digest.update(path.relative_to(self.root).as_posix().encode())
            digest.update(_content_digest(path))
        return digest.hexdigest()[:16]


_DIGESTS: dict[Path, tuple[int, int, bytes]] = {}  # path → (size, mtime in ns, sha256 of the contents)


def _content_digest(path: Path) -> bytes:
    """The file's sha256, read again only when its size or modification time changed since this process last read
    it: one command asks for the fingerprint several times (the build stamp, the closure and store-copy keys)."""
    stat = path.stat()
    known = _DIGESTS.get(path)
    if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
        return known[2]
    value = hashlib.sha256(path.read_bytes()).digest()
    _DIGESTS[path] = (stat.st_size, stat.st_mtime_ns, value)
    return value


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
