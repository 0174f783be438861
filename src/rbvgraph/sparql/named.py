"""The named queries in ``queries/*.rq``: each file's header gives its title, description and parameters.

Header format (comment lines at the top of the file)::

    # title: Partners van een organisatie
    # description: Met wie werkt een organisatie samen, waaraan, en waar staat dat in het verslag?
    # param: org | iri | rbvo:riec-noord-nederland | de organisatie: naam, afkorting of IRI
    # inference: owlrl

``inference`` (none, rdfs or owlrl; default none) is what the query's answer needs: ``rbvgraph query`` and
``build`` run it on that graph unless told otherwise.

A parameter is bound as an RDF term: text a user gives is looked up or parsed into a term first, never pasted into
SPARQL (:func:`bind`). :func:`run_named` is how every part of rbvgraph runs a named query: the CLI, the build, the
server's workers and the remote path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InputError, ParameterError, QueryNotFound
from ..graph.labels import choices, expand, find_by_name
from ..project import Project
from ..vocab import INFERENCE_LEVELS, PREFIXES
from .engine import Result, run, without_columns

if TYPE_CHECKING:
    from ..graph import Graph
    from .remote import Remote

PARAM_KINDS = ("iri", "string", "integer", "year")
_HEADER = re.compile(r"^#\s*(title|description|param|en|inference)\s*:\s*(.*)$")
_XSD = PREFIXES["xsd"]


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


def catalogue(proj: Project) -> dict[str, NamedQuery]:
    """Every named query, by name, sorted."""
    return {p.stem: read_query(p) for p in proj.query_files()}


def resolve(name_or_file: str, proj: Project) -> NamedQuery:
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


def parse_pairs(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("org=RIEC", "jaar=2023")`` → dict; a pair without '=' is an error."""
    given: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"parameter '{pair}' must be written as name=value")
        given[key.strip()] = value.strip()
    return given


def bind(query: NamedQuery, given: dict[str, str], store: ox.Store) -> dict[str, ox.NamedNode | ox.Literal]:
    """Every declared parameter as an RDF term: the given value, else the default; unknown or missing is an error."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(f"query {query.name}: unknown parameter '{unknown[0]}' (parameters: {known})")
    bound = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is None:
            raise ParameterError(f"query {query.name}: missing parameter '{param.name}' ({param.description}); "
                                 f"give it as --param {param.name}=…")
        bound[param.name] = _term(query, param.name, param.kind, value, store)
    return bound


def _term(query: NamedQuery, name: str, kind: str, value: str, store: ox.Store):
    where = f"query {query.name}: parameter '{name}'"
    if kind == "string":
        return ox.Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ParameterError(f"{where} must be a whole number, not '{value}'")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ParameterError(f"{where} must be a year like 2023, not '{value}'")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "gYear"))
    iri = expand(value)
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            raise ParameterError(f"{where}: '{value}' is not a valid IRI") from None
    matches = find_by_name(store, value)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ParameterError(f"{where}: nothing is named '{value}' (give a label, an abbreviation or an IRI)")
    raise ParameterError(f"{where}: '{value}' names {len(matches)} things, give the IRI: {choices(store, matches)}")


def run_named(graph: "Graph", query: NamedQuery, given: dict[str, str], remote: "Remote | None" = None,
              where: str | None = None) -> Result:
    """The answer to ``query`` with its parameters bound (looked up in ``graph``), without the parameters' columns,
    which every row repeats; evaluated on ``graph``, or at ``remote`` when given. An error names ``where``
    (default: the query's name)."""
    bindings = bind(query, given, graph.store)
    where = where or f"query {query.name}"
    if remote is not None:
        answer = remote.run(query.text, bindings, where=where)
    else:
        answer = run(graph.store, query.text, bindings, where=where)
    return without_columns(answer, bindings)
