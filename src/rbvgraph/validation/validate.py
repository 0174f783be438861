"""``rbvgraph validate``: the shapes of ontology/shapes.ttl, the checks beside them, OWL consistency, and the
project's files: every quote against the report's text, no empty data file (:mod:`.sources`).

pySHACL checks the asserted data (every file of data/triples) with the ontology as its ontology graph and no
inference: a class target then includes the instances of its subclasses as the ontology states them, and a
check costs well under a second. The checks that need a look-up SHACL cannot make fast run on Oxigraph
(:mod:`.checks`); contradictions are looked for in whatever the store holds (:mod:`.consistency`), so with the
OWL 2 RL closure loaded they include what the reasoner derived. Values of the wrong kind for their property (a
literal on an object property, a thing on a data property) are looked for in the asserted graphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import InputError, NotConforming
from ..graph import Graph
from ..graph.parse import parse_file
from ..project import Project
from ..util.terms import copy_into, to_ox_term, to_rdflib_term
from ..vocab import INFERRED_GRAPH, PREFIXES
from .checks import SHAPES, oxigraph_checks
from .consistency import contradictions, wrong_kind_values
from .describe import Describer
from .sources import source_checks
from .violation import Violation

SH = "http://www.w3.org/ns/shacl#"
_PART_OF = "http://purl.org/dc/terms/isPartOf"


@dataclass
class Report:
    """What was checked and what was found; ``conforms`` when nothing was."""

    violations: list[Violation] = field(default_factory=list)
    shapes: int = 0
    data_files: int = 0

    @property
    def conforms(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if not v.warning]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.warning]

    def files(self) -> list[str]:
        return sorted({v.file for v in self.errors if v.file})


def validate(graph: Graph) -> Report:
    """Check the graph; with the OWL 2 RL closure loaded, contradictions include what the reasoner derived and the
    complaints it made."""
    store, proj = graph.store, graph.project
    shapes = Shapes.load(proj)
    describe = Describer(store, proj)
    violations = shacl(store, shapes, describe)
    violations += oxigraph_checks(store, describe, shapes.messages)
    violations += contradictions(store, describe, graph.complaints)
    violations += wrong_kind_values(store, describe)
    violations += source_checks(store, proj, describe, shapes.messages)
    violations.sort(key=lambda v: (v.warning, v.file, v.node, v.rule, v.prop, v.value))
    return Report(violations, len(shapes.node_shapes), sum(1 for f in describe.files.values() if not f.startswith("ontology/")))


def require_conforming(graph: Graph) -> Report:
    """Validate, and raise NotConforming (one line: how many problems, the first one) unless the graph conforms."""
    report = validate(graph)
    if not report.conforms:
        count = len(report.errors)
        raise NotConforming(f"the graph breaks {count} rule{'s' if count > 1 else ''} of ontology/shapes.ttl or the "
                            f"ontology, first: {report.errors[0]}; nothing was written (see 'rbvgraph validate', "
                            "or build with --no-validate)")
    return report


@dataclass
class Shapes:
    """The shapes graph (rdflib, for pySHACL), each shape's message, and which node shape a property shape is part of."""

    graph: object
    messages: dict[str, str]
    part_of: dict[str, str]
    node_shapes: list[str]
    used: set[str] | None  # every IRI the shapes mention: the only properties a SHACL Core check can look at

    @classmethod
    def load(cls, proj: Project) -> "Shapes":
        import rdflib

        path = proj.shapes_file
        if not path.is_file():
            raise InputError(f"{path}: no SHACL shapes file")
        quads = parse_file(path)
        graph = rdflib.Graph()
        copy_into(quads, lambda quad: graph)
        messages: dict[str, str] = {}
        part_of: dict[str, str] = {}
        node_shapes = []
        used = {PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "subClassOf", PREFIXES["rdf"] + "first", PREFIXES["rdf"] + "rest"}
        for q in quads:
            if isinstance(q.object, ox.NamedNode):
                used.add(q.object.value)
            if not isinstance(q.subject, ox.NamedNode):
                continue
            if q.predicate.value == SH + "message" and (q.object.language == "nl" or q.subject.value not in messages):
                messages[q.subject.value] = q.object.value
            elif q.predicate.value == _PART_OF:
                part_of[q.subject.value] = q.object.value
            elif q.predicate.value == PREFIXES["rdf"] + "type" and q.object.value == SH + "NodeShape":
                node_shapes.append(q.subject.value)
        node_shapes = [n for n in node_shapes if n not in part_of]
        if (SH + "closed") in {q.predicate.value for q in quads}:
            used = None  # a closed shape looks at every property
        return cls(graph, messages, part_of, sorted(node_shapes), used)

    def short(self, iri: str) -> str:
        return "rbv-shapes:" + iri[len(SHAPES):] if iri.startswith(SHAPES) else iri


def shacl(store: ox.Store, shapes: Shapes, describe: Describer) -> list[Violation]:
    """pySHACL over the asserted data, the ontology as ontology graph, no inference."""
    import pyshacl
    import rdflib
    from rdflib.namespace import RDF

    data, ontology = rdflib.Graph(), rdflib.Graph()
    ontology_graphs = {g for g, f in describe.files.items() if f.startswith("ontology/")}

    def choose(quad):
        name = quad.graph_name
        if not isinstance(name, ox.NamedNode) or name.value == INFERRED_GRAPH:
            return None
        if shapes.used is not None and quad.predicate.value not in shapes.used:
            return None  # no shape can see it: leaving it out only saves time
        return ontology if name.value in ontology_graphs else data

    copy_into(store, choose)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes.graph, ont_graph=ontology, inference="none",
                                     advanced=False, allow_warnings=True, inplace=True)
    sh = rdflib.Namespace(SH)
    found = []
    for result in results.subjects(RDF.type, sh.ValidationResult):
        focus = to_ox_term(results.value(result, sh.focusNode))
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        source = str(results.value(result, sh.sourceShape))
        prop = str(path) if isinstance(path, rdflib.URIRef) else None
        ox_value = to_ox_term(value) if value is not None and not isinstance(value, rdflib.BNode) else None
        message = shapes.messages.get(source) or _result_message(results, result, sh)
        node_shape = shapes.part_of.get(source, source)
        shown_value = "" if value is None or value == to_rdflib_term(focus) else describe.label(to_ox_term(value))
        warning = results.value(result, sh.resultSeverity) != sh.Violation
        found.append(Violation(shapes.short(source), describe.file_of(focus, prop, ox_value), describe.label(focus),
                               describe.prop(prop), message, shown_value, shapes.short(node_shape), warning))
    return found


def _result_message(results, result, sh) -> str:
    messages = [str(m) for m in results.objects(result, sh.resultMessage)]
    return messages[0] if messages else "voldoet niet aan de vorm"
