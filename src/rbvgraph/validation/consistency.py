"""OWL contradictions: a thing in two disjoint classes, a member of owl:Nothing, a value that does not fit its
datatype, and whatever else owlrl complained about while computing the closure.

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


def contradictions_in(graph: "Graph") -> list[Violation]:
    """The contradictions of a loaded graph, with the complaints its reasoner made."""
    return contradictions(graph.store, Describer(graph.store, graph.project), graph.complaints)
