"""Labels for IRIs, and IRIs for labels: how people name things instead of writing IRIs."""

from __future__ import annotations

import pyoxigraph as ox

from ..vocab import PREFIXES, shorten

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?x (SAMPLE(?l) AS ?label) WHERE {
  VALUES ?x { %s }
  { ?x skos:prefLabel ?l FILTER(LANG(?l) = "nl") } UNION { ?x rdfs:label ?l FILTER(LANG(?l) = "nl") }
  UNION { ?x rdfs:label ?l FILTER(LANG(?l) = "") }
} GROUP BY ?x"""

# A quantity from the running text is shown with its number: "2 medewerkers: twee bij het RIEC-bureau …"
_AMOUNTS = """
PREFIX schema: <https://schema.org/>
SELECT ?x ?exact ?least ?most ?unit WHERE {
  VALUES ?x { %s }
  OPTIONAL { ?x schema:value ?exact } OPTIONAL { ?x schema:minValue ?least } OPTIONAL { ?x schema:maxValue ?most }
  OPTIONAL { ?x schema:unitText ?unit }
  FILTER(BOUND(?exact) || BOUND(?least) || BOUND(?most))
}"""

_FIND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x ?name WHERE {
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel }
  ?x ?p ?l . FILTER(isIRI(?x) && LCASE(STR(?l)) = LCASE(STR(?name)))
} ORDER BY ?x"""


def labels_for(store: ox.Store, iris) -> dict[str, str]:
    """Dutch label (or plain label) per IRI; IRIs without one are left out. A quantity's label starts with its number
    and unit, so that a table shows the number and not only the words around it."""
    iris = sorted({i.value for i in iris if isinstance(i, ox.NamedNode)})
    result: dict[str, str] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(f"<{i}>" for i in iris[start:start + 500])
        for row in store.query(_LABELS % values, use_default_graph_as_union=True):
            result[row["x"].value] = row["label"].value
        for row in store.query(_AMOUNTS % values, use_default_graph_as_union=True):
            amount = _amount(row)
            name = row["x"].value
            result[name] = f"{amount}: {result[name]}" if name in result else amount
    return result


def _amount(row) -> str:
    """``2 medewerkers``, ``ten minste 20 strafrechtelijke onderzoeken``, ``20 tot 30 …``."""
    exact, least, most, unit = (row[k].value if row[k] is not None else None for k in ("exact", "least", "most", "unit"))
    if least is not None and most is not None:
        number = f"{least} tot {most}"
    elif least is not None:  # a bound the text gives ('zeker 30') says more than a value beside it
        number = f"ten minste {least}"
    elif most is not None:
        number = f"hoogstens {most}"
    else:
        number = exact
    return f"{number} {unit}" if unit else number


def display(term, labels: dict[str, str]) -> str:
    """How a term is shown in a table: its label, else the short IRI, else its value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return labels.get(term.value) or shorten(term.value)
    return term.value


def find_by_name(store: ox.Store, name: str) -> list[ox.NamedNode]:
    """IRIs whose label, preferred label or abbreviation is ``name`` (case-insensitive)."""
    rows = store.query(_FIND, use_default_graph_as_union=True, substitutions={ox.Variable("name"): ox.Literal(name)})
    return [row["x"] for row in rows]


def expand(text: str) -> str | None:
    """``rbvo:om`` → full IRI for a known prefix; a full http(s) IRI is returned as is."""
    if text.startswith(("http://", "https://", "urn:")):
        return text
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and " " not in local:
        return PREFIXES[prefix] + local
    return None


def choices(store: ox.Store, iris: list[ox.NamedNode], shown: int = 5) -> str:
    """``RIEC Noord-Nederland = https://…; …``: the first few of several things a name fits, for a user to pick from."""
    names = labels_for(store, iris[:shown])
    return "; ".join(f"{names.get(i.value, i.value)} = {i.value}" for i in iris[:shown])
