"""The named queries in ``queries/*.rq``: each file's header gives its title, description and parameters.

Header format (comment lines at the top of the file)::

    # title: Partners van een organisatie
    # description: Met wie werkt een organisatie samen, waaraan, en waar staat dat in het verslag?
    # param: org | rbv:Organisatie | rbvo:riec-noord-nederland | de organisatie: naam, afkorting of IRI
    # inference: owlrl

A parameter line is ``name | kind | default (or -) | description``; the default ``*`` (:data:`EVERY`) leaves the
variable free: the answer covers every value, in its own column (``rapport``: every report). The kind is ``string``, ``integer``, ``year``,
``iri`` (any thing of the graph) or a class of the ontology written as a prefixed name (``rbv:Thema``,
``rbv:Organisatie``, ``rbv:Indicator``, ``owl:Class``): the value must then name a thing of that class (or of a
subclass). ``inference`` (none, rdfs or owlrl; default none) is what the query's answer needs: ``rbvgraph query``
and ``build`` run it on that graph unless told otherwise.

A parameter is bound as an RDF term: text a user gives is looked up or parsed into a term first, never pasted into
SPARQL (:func:`bind`). A name is looked up as :meth:`rbvgraph.graph.search.SearchIndex.resolve` does it: forgiving
(case, accents, hyphens, word order, part of a name), taken when exactly one thing of the expected class fits, and
an error that says why otherwise: several fit (each with its kind), it names something of another kind, or it
names nothing (the three nearest names). An IRI must be in the graph and of the expected class.
:func:`run_named` is how every part of rbvgraph runs a named query: the CLI, the build, the server's workers and the
remote path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InputError, ParameterError, QueryNotFound
from ..graph.labels import expand
from ..graph.reports import reports_in
from ..graph.search import Hit, SearchIndex, build_index, index_for, kind_of_class
from ..project import Project
from ..vocab import INFERENCE_LEVELS, PREFIXES, shorten
from .engine import Result, run, without_columns

if TYPE_CHECKING:
    from ..graph import Graph
    from .remote import Remote

PARAM_KINDS = ("iri", "string", "integer", "year")  # or a class: "rbv:Thema"
EVERY = "*"  # a parameter's default (or value) that binds nothing: every value, shown as a column
_HEADER = re.compile(r"^#\s*(title|description|param|en|inference)\s*:\s*(.*)$")
_XSD = PREFIXES["xsd"]


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # one of PARAM_KINDS; "iri" when a class is expected
    default: str | None
    description: str
    expects: str | None = None  # the class (full IRI) a thing given for it must belong to


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
        expects = expand(parts[1]) if len(parts) == 4 and parts[1] not in PARAM_KINDS else None
        if len(parts) != 4 or not (parts[1] in PARAM_KINDS or expects) or not re.fullmatch(r"[A-Za-z_]\w*", parts[0]):
            raise InputError(f"{path}:{number}: parameter header must be 'name | {'/'.join(PARAM_KINDS)} or a class "
                             "(rbv:Thema) | default or - | description'")
        params.append(Param(parts[0], "iri" if expects else parts[1], None if parts[2] in ("", "-") else parts[2],
                            parts[3], expects))
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


def bind(query: NamedQuery, given: dict[str, str], store: ox.Store, index: SearchIndex | None = None,
         say=None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Every declared parameter as an RDF term: the given value, else the default; unknown or missing is an error.
    A parameter whose value is :data:`EVERY` is left out (its variable stays free).

    Names are looked up in ``index`` (built from ``store`` when a name needs it and none is given); ``say`` gets one
    line for each name that was taken although it is not exactly a name of the thing ("thema=Zorg →
    thema:veiligheid-en-zorg")."""
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params) or "none"
        raise ParameterError(f"query {query.name}: unknown parameter '{unknown[0]}' (parameters: {known})")
    names = _Names(store, index)
    bound = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is None:
            raise ParameterError(f"query {query.name}: missing parameter '{param.name}' ({param.description}); "
                                 f"give it as --param {param.name}=…")
        if value != EVERY:
            bound[param.name] = _term(query, param, value, names, say)
    return bound


class _Names:
    """The graph's things for looking up parameters: an IRI is checked in the store, a name in the search index,
    which is only built when a name needs it."""

    def __init__(self, store: ox.Store, index: SearchIndex | None):
        self.store, self._index = store, index

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            self._index = build_index(self.store)
        return self._index

    def known(self, term: ox.NamedNode) -> bool:
        return self._ask("ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }", term)

    def is_a(self, term: ox.NamedNode, cls: str) -> bool:
        return self._ask(f"ASK {{ ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}", term)

    def _ask(self, text: str, term: ox.NamedNode) -> bool:
        return bool(self.store.query(text, use_default_graph_as_union=True, substitutions={ox.Variable("x"): term}))


def _term(query: NamedQuery, param: Param, value: str, names: _Names, say):
    where = f"query {query.name}: parameter '{param.name}'"
    kind = param.kind
    if kind == "string":
        return ox.Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ParameterError(f"{where} must be a whole number, not '{value}'")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise ParameterError(f"{where} must be a year like 2023, not '{value}'")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))  # years are year numbers (rbv:jaar)
    expected = kind_of_class(param.expects) if param.expects else None
    iri = expand(value)
    if iri is not None:
        try:
            term = ox.NamedNode(iri)
        except ValueError:
            raise ParameterError(f"{where}: '{value}' is not a valid IRI") from None
        if not names.known(term):
            raise ParameterError(f"{where}: nothing in the graph has the IRI {value}")
        if expected is not None and not names.is_a(term, expected.cls):
            thing = names.index.thing(iri)
            what = _described(thing) if thing else value
            raise ParameterError(f"{where}: {what} is not {_a(expected.one)}")
        return term
    report = _report_by_slug(value, names) if param.expects == "rbv:Jaarverslag" else None
    if report is not None:  # a report by its slug, as diff and ingest name it: 'jaarverslag-2023'
        return report
    found = names.index.resolve(value, expected)
    looked_for = _a(expected.one) if expected else "anything"
    if found.match is not None:
        if not found.exact and say is not None:
            say(f"{param.name}={value} → {shorten(found.match.iri)} ({found.match.name})")
        return ox.NamedNode(found.match.iri)
    if found.candidates:
        shown = "; ".join(_described(h) for h in found.candidates[:8])
        more = f" and {len(found.candidates) - 8} more" if len(found.candidates) > 8 else ""
        raise ParameterError(f"{where}: '{value}' fits {len(found.candidates)} things, give one of them (or its "
                             f"IRI): {shown}{more}")
    nearest = f"; nearest {expected.key if expected else 'names'}: {'; '.join(_described(h) for h in found.nearest)}" \
        if found.nearest else ""
    if found.elsewhere:
        raise ParameterError(f"{where}: '{value}' is {_described(found.elsewhere[0])}, not {looked_for}"
                             f"{nearest}")
    raise ParameterError(f"{where}: nothing is named '{value}'{nearest}")


def _report_by_slug(value: str, names: _Names) -> ox.NamedNode | None:
    """The report whose slug (:func:`graph.reports.slug_of`: its folder in data/triples/) is ``value``, if any."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        return None
    return next((ox.NamedNode(r.iri) for r in reports_in(names.store) if r.slug == value), None)


def _described(hit: Hit) -> str:
    """``RIEC Noord-Nederland (samenwerkingsverband, rbvo:riec-noord-nederland)``."""
    return f"{hit.name} ({hit.kind}, {shorten(hit.iri)})"


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def run_named(graph: "Graph", query: NamedQuery, given: dict[str, str], remote: "Remote | None" = None,
              say=None, where: str | None = None) -> Result:
    """The answer to ``query`` with its parameters bound (looked up in ``graph``, names through its search index),
    without the parameters' columns, which every row repeats; evaluated on ``graph``, or at ``remote`` when given.
    ``say`` gets a line for each name taken by a forgiving match; an error names ``where`` (default: the query's
    name)."""
    by_name = any(p.kind == "iri" and p.name in given and expand(given[p.name]) is None for p in query.params)
    index = index_for(graph.project, graph.store) if by_name else None
    bindings = bind(query, given, graph.store, index, say)
    where = where or f"query {query.name}"
    if remote is not None:
        answer = remote.run(query.text, bindings, where=where)
    else:
        answer = run(graph.store, query.text, bindings, where=where)
    return _sorted_concatenations(without_columns(answer, bindings), query.text)


_CONCAT = re.compile(r'GROUP_CONCAT\s*\([^;()]*;\s*SEPARATOR\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.I)


def _sorted_concatenations(result: Result, text: str) -> Result:
    """The parts of each GROUP_CONCAT column in alphabetical order: SPARQL leaves their order to the store, and
    Oxigraph's varies from one process to the next, so the same graph would not always give the same answer."""
    joined = {name: separator for separator, name in _CONCAT.findall(text) if separator}
    columns = [(i, joined[name]) for i, name in enumerate(result.variables) if name in joined]
    if result.kind != "select" or not columns:
        return result
    rows = []
    for row in result.rows:
        row = list(row)
        for i, separator in columns:
            term = row[i]
            if isinstance(term, ox.Literal) and separator in term.value:
                parts = sorted(term.value.split(separator), key=lambda part: (part.casefold(), part))
                row[i] = ox.Literal(separator.join(parts), datatype=term.datatype) if not term.language else \
                    ox.Literal(separator.join(parts), language=term.language)
        rows.append(row)
    return Result("select", result.variables, rows)
