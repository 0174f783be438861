"""OWL contradictions: a thing in two disjoint classes, a member of owl:Nothing, a value that does not fit its
datatype, and whatever else owlrl complained about while computing the closure; and, apart from those, values of
the wrong kind for their property (a literal on an object property, a thing on a data property).

The checks run on whatever the store holds: with the OWL 2 RL closure loaded they also see the classes a thing
gets from the domain and range of the relations it has; on the asserted graph alone, its stated classes and
their superclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..vocab import INFERRED_GRAPH, PREFIXES
from .describe import Describer
from .violation import Violation

if TYPE_CHECKING:
    from ..graph import Graph

_P = f"PREFIX rdf: <{PREFIXES['rdf']}> PREFIX rdfs: <{PREFIXES['rdfs']}> PREFIX owl: <{PREFIXES['owl']}> PREFIX xsd: <{PREFIXES['xsd']}> "

_DISJOINT_PAIRS = _P + """
SELECT DISTINCT ?c1 ?c2 ?axiom WHERE {
  { ?d a owl:AllDisjointClasses ; owl:members ?list .
    ?list rdf:rest*/rdf:first ?c1 . ?list rdf:rest*/rdf:first ?c2 . FILTER(STR(?c1) < STR(?c2))
    BIND("owl:AllDisjointClasses" AS ?axiom) }
  UNION { ?c1 owl:disjointWith ?c2 BIND("owl:disjointWith" AS ?axiom) }
}"""

_INSTANCES = _P + """SELECT DISTINCT ?class ?x WHERE { ?t rdfs:subClassOf* ?class . ?x a ?t }"""

_NOTHING = _P + """SELECT DISTINCT ?x WHERE { ?x a ?t . ?t rdfs:subClassOf* owl:Nothing } ORDER BY ?x"""

# Oxigraph casts a literal's text to its datatype; a cast that fails marks a value that does not fit it.
_CASTS = ("gYear", "gYearMonth", "date", "dateTime", "decimal", "integer", "boolean", "double", "float")
_ILL_TYPED = _P + """
SELECT ?g ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(isLiteral(?o) && ?g != <%s>)
  BIND(DATATYPE(?o) AS ?dt)
  BIND(%s AS ?cast)
  FILTER(?dt IN (%s) && !BOUND(?cast))
} ORDER BY ?g ?s ?p""" % (
    INFERRED_GRAPH,
    "".join(f"IF(?dt = xsd:{t}, xsd:{t}(STR(?o)), " for t in _CASTS[:-1]) + f"xsd:{_CASTS[-1]}(STR(?o))" + ")" * (len(_CASTS) - 1),
    ", ".join(f"xsd:{t}" for t in _CASTS),
)

# a value of the wrong kind for its property: OWL 2 DL keeps object properties (values are things) and data properties
# (values are literals) apart, and a triple store takes either without a word
_WRONG_KIND = _P + """
SELECT ?g ?s ?p ?o ?kind WHERE {
  VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty }
  GRAPH ?d { ?p a ?kind } FILTER(?d != <%s>)
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <%s>)
  FILTER(IF(?kind = owl:ObjectProperty, isLiteral(?o), !isLiteral(?o)))
} ORDER BY ?g ?s ?p ?o""" % (INFERRED_GRAPH, INFERRED_GRAPH)

_KIND_MESSAGES = {
    "ObjectProperty": "Deze relatie wijst naar een ding (een IRI), maar hier staat een waarde (tekst, getal of datum). "
                      "Verwijs naar het ding, of zet de waarde bij een eigenschap voor waarden.",
    "DatatypeProperty": "Deze eigenschap heeft een waarde (tekst, getal of datum), maar hier staat een ding (een IRI of "
                        "naamloos ding). Geef de waarde, of gebruik een relatie die naar dingen wijst.",
}

# owlrl's complaints that the checks above already report, with labels
_COVERED = ("Disjoint classes", "is defined of type 'Nothing'", "Lexical value of the literal")


def contradictions(store: ox.Store, describe: Describer, complaints: Iterable[str] = ()) -> list[Violation]:
    """Every contradiction visible in ``store``, plus owlrl's ``complaints`` that no check here covers."""
    found = []
    members: dict = {}

    def instances(cls):
        if cls not in members:
            rows = store.query(_INSTANCES, use_default_graph_as_union=True, substitutions={ox.Variable("class"): cls})
            members[cls] = {row["x"] for row in rows}
        return members[cls]

    for row in store.query(_DISJOINT_PAIRS, use_default_graph_as_union=True):
        c1, c2 = row["c1"], row["c2"]
        for x in sorted(instances(c1) & instances(c2), key=str):
            found.append(Violation(
                row["axiom"].value, describe.file_of(x), describe.label(x), describe.prop(PREFIXES["rdf"] + "type"),
                f"Dit ding is zowel {describe.label(c1)} als {describe.label(c2)}, en die soorten sluiten elkaar uit. "
                "Kijk naar zijn soort (rdf:type) en naar de relaties die het heeft: het domein of bereik van een "
                "relatie kan het een soort geven.", shape="OWL"))
    for row in store.query(_NOTHING, use_default_graph_as_union=True):
        x = row["x"]
        found.append(Violation("owl:Nothing", describe.file_of(x), describe.label(x), describe.prop(PREFIXES["rdf"] + "type"),
                               "Dit ding hoort bij een klasse die geen leden kan hebben (owl:Nothing).", shape="OWL"))
    for row in store.query(_ILL_TYPED):
        s, p, o = row["s"], row["p"], row["o"]
        found.append(Violation(
            "xsd:" + o.datatype.value.rsplit("#", 1)[-1], describe.files.get(row["g"].value, row["g"].value),
            describe.label(s), describe.prop(p.value),
            f"Deze waarde past niet bij haar datatype (xsd:{o.datatype.value.rsplit('#', 1)[-1]}), "
            "bijvoorbeeld een jaar als \"2023\", een datum als \"2023-05-31\", een getal als \"12.5\".",
            value=f'"{o.value}"', shape="OWL"))
    for complaint in complaints:
        if not any(marker in complaint for marker in _COVERED):
            found.append(Violation("owlrl", "", "de graaf", "", f"De redeneerder (owlrl) vindt een tegenspraak: {complaint}",
                                   shape="OWL"))
    return found


def wrong_kind_values(store: ox.Store, describe: Describer) -> list[Violation]:
    """Every asserted literal on an object property and every IRI or blank node on a data property, one each."""
    found = []
    for row in store.query(_WRONG_KIND, use_default_graph_as_union=True):
        kind = row["kind"].value.rsplit("#", 1)[-1]
        found.append(Violation(f"owl:{kind}", describe.files.get(row["g"].value, row["g"].value), describe.label(row["s"]),
                               describe.prop(row["p"].value), _KIND_MESSAGES[kind], value=describe.label(row["o"]),
                               shape="OWL"))
    return found


def contradictions_in(graph: "Graph") -> list[Violation]:
    """The contradictions of a loaded graph, with the complaints its reasoner made."""
    return contradictions(graph.store, Describer(graph.store, graph.project), graph.complaints)
