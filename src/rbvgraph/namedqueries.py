"""The named queries in ``queries/*.rq``: each file's header gives its title, description and parameters.

Header format (comment lines at the top of the file)::

    # title: Partners van een organisatie
    # description: Met wie werkt een organisatie samen, waaraan, en waar staat dat in het verslag?
    # param: org | iri | rbvo:riec-noord-nederland | de organisatie: naam, afkorting of IRI
    # inference: owlrl

``inference`` (none, rdfs or owlrl; default none) is what the query's answer needs: ``rbvgraph query`` and
``build`` run it on that graph unless told otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, QueryNotFound
from .paths import Project, project

PARAM_KINDS = ("iri", "string", "integer", "year")
_HEADER = re.compile(r"^#\s*(title|description|param|en|inference)\s*:\s*(.*)$")
INFERENCE_LEVELS = ("none", "rdfs", "owlrl")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    inference: str = "none"

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def read_query(path: Path) -> NamedQuery:
    """Read one .rq file and its header; a malformed header is an InputError naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "inference" and value not in INFERENCE_LEVELS:
            raise InputError(f"{path}:{number}: inference must be one of {', '.join(INFERENCE_LEVELS)}, not '{value}'")
        if key != "param":
            meta[key] = value
            continue
        parts = [p.strip() for p in value.split("|")]
        if len(parts) != 4 or parts[1] not in PARAM_KINDS or not re.fullmatch(r"[A-Za-z_]\w*", parts[0]):
            raise InputError(f"{path}:{number}: parameter header must be 'name | {'/'.join(PARAM_KINDS)} | default or - | description'")
        params.append(Param(parts[0], parts[1], None if parts[2] in ("", "-") else parts[2], parts[3]))
    return NamedQuery(
        name=path.stem,
        path=path,
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        text=text,
        params=tuple(params),
        inference=meta.get("inference", "none"),
    )


def catalogue(proj: Project | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name, sorted."""
    proj = proj or project()
    return {p.stem: read_query(p) for p in sorted(proj.queries_dir.glob("*.rq"))}


def resolve(name_or_file: str, proj: Project | None = None) -> NamedQuery:
    """A named query by its name, or any .rq file by its path."""
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        return read_query(path)
    queries = catalogue(proj)
    if name_or_file in queries:
        return queries[name_or_file]
    if path.suffix == ".rq":
        raise QueryNotFound(f"{name_or_file}: no such query file")
    close = [n for n in queries if name_or_file.lower() in n.lower()]
    hint = f" (did you mean: {', '.join(close)}?)" if close else " (see 'rbvgraph queries')"
    raise QueryNotFound(f"unknown query '{name_or_file}'{hint}")
