"""Binding a named query's parameters: text given by a user becomes an RDF term, never pasted into SPARQL."""

from __future__ import annotations

import re

import pyoxigraph as ox

from .errors import ParameterError
from .labels import expand, find_by_name, labels_for
from .namedqueries import NamedQuery

_XSD = "http://www.w3.org/2001/XMLSchema#"


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
    names = labels_for(store, matches)
    options = "; ".join(f"{names.get(m.value, m.value)} = {m.value}" for m in matches[:5])
    raise ParameterError(f"{where}: '{value}' names {len(matches)} things, give the IRI: {options}")
