"""Inference: the RDFS or OWL 2 RL closure (owlrl) of ontology + data, without its noise, cached per input.

What the reasoner reads (:func:`reasoner_input`) is every asserted triple except

- the evidence nodes (``rbv:Bewijs``) and the figures of Bijlage 3 (``qb:Observation``): they record where a fact
  stands and what a number was; the ontology derives nothing from them that a query uses, and they hold about half
  of the graph's triples;
- triples whose value is a literal and whose property the ontology gives no axiom (labels, definitions, quotes,
  titles): no RDFS or OWL 2 RL rule derives anything from them but noise (the owl:sameAs rules would copy them
  between two things found to be the same; the graph has no such things).

What is kept of the result is what the closure adds, less the noise (:func:`is_noise`): triples about literals or
blank nodes (blank nodes are renamed on every load, so nothing can be joined to them), statements about the RDF,
RDFS, OWL and XSD vocabularies themselves, ``x a owl:Thing`` / ``rdfs:Resource`` / ``rdf:Property``, every class
``rdfs:subClassOf owl:Thing`` / ``rdfs:Resource`` and every property's ``rdfs:domain`` / ``rdfs:range`` of
``owl:Thing`` / ``rdfs:Resource``, reflexive ``owl:sameAs``, ``rdfs:subClassOf``,
``owl:equivalentClass``, ``rdfs:subPropertyOf`` and ``owl:equivalentProperty``, and whatever is asserted already.

The closure is cached in the user cache (:mod:`rbvgraph.util.cache`) under a key made of the input files' fingerprint,
the level, the owlrl version and :data:`RECIPE`, so a warm run only parses N-Triples.
"""

from __future__ import annotations

import hashlib
import importlib.util
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import pyoxigraph as ox

from ..errors import InputError
from ..project import Project
from ..util import cache
from ..util.settings import env_choice
from ..vocab import INFERENCE_LEVELS, INFERRED_GRAPH, ONTOLOGY, PREFIXES

LEVELS = INFERENCE_LEVELS[1:]  # the levels that reason: rdfs, owlrl
REASONERS = ("owlrl", "reasonable")
REASONER_VAR = "RBVGRAPH_REASONER"
RECIPE = "3"  # change when the reasoner input or the noise filter changes: old cache entries stop matching

_RDF, _RDFS, _OWL = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"]
_VOCABULARIES = (_RDF, _RDFS, _OWL, PREFIXES["xsd"])
_TYPE = _RDF + "type"
_TRIVIAL_TYPES = {_OWL + "Thing", _RDFS + "Resource", _RDF + "Property"}
_TOP_CLASSES = {_OWL + "Thing", _RDFS + "Resource"}
_TOP_OBJECT_PREDICATES = {_RDFS + "subClassOf", _RDFS + "domain", _RDFS + "range"}
_REFLEXIVE = {_OWL + "sameAs", _RDFS + "subClassOf", _OWL + "equivalentClass", _RDFS + "subPropertyOf",
              _OWL + "equivalentProperty"}
_EXCLUDED_CLASSES = (ONTOLOGY + "Bewijs", "http://purl.org/linked-data/cube#Observation")
_INFERRED = ox.NamedNode(INFERRED_GRAPH)

# Properties the ontology says something about: only their literal-valued triples go to the reasoner.
_AXIOM_PROPERTIES = f"""
PREFIX rdf: <{_RDF}> PREFIX rdfs: <{_RDFS}> PREFIX owl: <{_OWL}>
SELECT DISTINCT ?p WHERE {{
  {{ VALUES ?a {{ rdfs:domain rdfs:range rdfs:subPropertyOf owl:equivalentProperty owl:inverseOf
                 owl:propertyDisjointWith owl:propertyChainAxiom }} ?p ?a ?x }}
  UNION {{ VALUES ?a {{ owl:equivalentProperty owl:inverseOf owl:onProperty owl:propertyDisjointWith }} ?x ?a ?p }}
  UNION {{ VALUES ?k {{ owl:FunctionalProperty owl:InverseFunctionalProperty owl:SymmetricProperty
                       owl:AsymmetricProperty owl:TransitiveProperty owl:IrreflexiveProperty owl:ReflexiveProperty }}
          ?p a ?k }}
  UNION {{ VALUES ?a {{ owl:propertyChainAxiom owl:hasKey }} ?x ?a ?list . ?list rdf:rest*/rdf:first ?p }}
  FILTER(isIRI(?p))
}}"""


@dataclass
class Closure:
    """The inferred triples of one level, the reasoner's own complaints, and whether they came from the cache."""

    level: str
    triples: list[ox.Triple]
    complaints: list[str] = field(default_factory=list)
    cached: bool = False
    seconds: float = 0.0


@dataclass(frozen=True)
class Reasoning:
    """What reasoning added to a loaded graph: how many triples, the reasoner's complaints, whether they came
    from the cache and how long it took."""

    level: str
    triples: int
    complaints: tuple[str, ...] = ()
    cached: bool = False
    seconds: float = 0.0


def add_inferred(store: ox.Store, proj: Project, level: str) -> Reasoning:
    """Put what ``level`` adds into the store's inferred graph. A cached closure, once its digest is checked, is
    parsed by Oxigraph straight into the store, where the triples would otherwise first become Python objects;
    otherwise it is computed (and cached) by :func:`closure`."""
    started = time.perf_counter()
    hit = cache.data(_entry(proj, level))
    if hit is not None:
        content, note = hit
        try:
            store.load(content, format=ox.RdfFormat.N_TRIPLES, to_graph=_INFERRED)
            return Reasoning(level, note["triples"], tuple(note.get("complaints", [])), True,
                             time.perf_counter() - started)
        except (SyntaxError, ValueError, KeyError):  # the digest matched, yet it does not parse: compute it
            store.clear_graph(_INFERRED)
    result = closure(store, proj, level)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, _INFERRED) for t in result.triples)
    return Reasoning(level, len(result.triples), tuple(result.complaints), result.cached, time.perf_counter() - started)


def closure(store: ox.Store, proj: Project, level: str = "owlrl") -> Closure:
    """The filtered closure, from the cache when the inputs are unchanged, else computed and cached.

    ``store`` holds what was loaded from ``proj`` (its inferred graph, if any, is ignored); the cache entry is found
    by the files' fingerprint.
    """
    if level not in LEVELS:
        raise InputError(f"unknown inference level '{level}': choose one of {', '.join(LEVELS)}")
    started = time.perf_counter()
    name = _entry(proj, level)
    hit = cache.read(name)
    if hit is not None:
        triples, note = hit
        return Closure(level, triples, list(note.get("complaints", [])), True, time.perf_counter() - started)
    triples, complaints = compute(store, level)
    cache.write(name, triples, {"level": level, "complaints": complaints})
    return Closure(level, triples, complaints, False, time.perf_counter() - started)


def _entry(proj: Project, level: str) -> str:
    return f"closure-{level}-{cache_key(proj, level)}"


def reasoner(level: str = "owlrl") -> str:
    """Which engine computes ``level``: owlrl, or for OWL 2 RL ``reasonable`` when $RBVGRAPH_REASONER says so.

    reasonable (a Rust OWL 2 RL reasoner, ``pip install 'rbvgraph[fast]'``) makes the closure step faster
    (benchmarks/RESULTS.md); it has no RDFS-only mode, so ``rdfs`` is always owlrl's. What it gives is owlrl's
    closure exactly once the two schema rules it lacks are applied (:func:`_schema_rules`; tests/test_reason.py
    compares both on the real graph).
    """
    name = env_choice(REASONER_VAR, REASONERS)
    if name == "reasonable":
        if importlib.util.find_spec("reasonable") is None:
            raise InputError(f"{REASONER_VAR}=reasonable needs the reasonable package: pip install 'rbvgraph[fast]'")
        if level != "owlrl":
            return "owlrl"
    return name


def cache_key(proj: Project, level: str) -> str:
    """Input files' fingerprint + level + the reasoner and its version + RECIPE, hashed."""
    engine = reasoner(level)
    try:
        engine_version = version(engine)
    except PackageNotFoundError:  # pragma: no cover - owlrl is a dependency, reasonable checked above
        engine_version = "?"
    text = "|".join((proj.fingerprint(), level, engine, engine_version, RECIPE))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def compute(store: ox.Store, level: str, engine: str | None = None) -> tuple[list[ox.Triple], list[str]]:
    """Run the reasoner over the reasoner input; return the new triples that are not noise, and owlrl's complaints
    (reasonable makes none: contradictions are still found in its closure by ``rbvgraph validate``)."""
    from ..util.terms import to_ox_term

    graph = reasoner_input(store)
    before = set(graph)
    if (engine or reasoner(level)) == "reasonable":
        new, complaints = _reasonable(graph) - before, []
    else:
        owl = _engine(level)(graph, False, False)
        with _plain_namespaces():
            owl.closure()
        new, complaints = set(graph) - before, owl.error_messages
    added = []
    for s, p, o in new:
        if _rdflib_noise(s, p, o):
            continue
        triple = ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o))
        if not is_noise(triple) and not _asserted(store, triple):
            added.append(triple)
    added.sort(key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
    return added, sorted(complaints)


def _reasonable(graph) -> set:
    """Every triple of the OWL 2 RL closure by reasonable, with the schema rules it does not apply."""
    import reasonable

    engine = reasonable.PyReasoner()
    engine.from_graph(graph)
    return _schema_rules(set(engine.reason()))


def _schema_rules(triples: set) -> set:
    """Add what OWL 2 RL's scm-dom1 and scm-rng1 derive (``P rdfs:domain C``, ``C rdfs:subClassOf D`` ⇒ ``P
    rdfs:domain D``; the same for ranges), which reasonable leaves out: schema triples only, no instance follows
    from them that the closure lacks."""
    from rdflib.namespace import RDFS

    supers: dict = {}
    for s, p, o in triples:
        if p == RDFS.subClassOf:
            supers.setdefault(s, set()).add(o)
    derived = {(s, p, d) for s, p, o in triples if p in (RDFS.domain, RDFS.range) for d in supers.get(o, ())}
    return triples | derived


def reasoner_input(store: ox.Store):
    """The asserted triples the reasoner needs, as an rdflib Graph (see the module docstring for what is left out)."""
    import rdflib

    from ..util.terms import copy_into

    excluded = set()
    for cls in _EXCLUDED_CLASSES:
        excluded.update(q.subject for q in store.quads_for_pattern(None, ox.NamedNode(_TYPE), ox.NamedNode(cls)))
    with_axioms = {row["p"] for row in store.query(_AXIOM_PROPERTIES, use_default_graph_as_union=True)}
    graph = rdflib.Graph(store="SimpleMemory")

    def choose(quad):
        if quad.subject in excluded or quad.graph_name == _INFERRED:
            return None
        if isinstance(quad.object, ox.Literal) and quad.predicate not in with_axioms:
            return None
        return graph

    copy_into(store, choose)
    return graph


def is_noise(triple: ox.Triple) -> bool:
    """True for an inferred triple that tells a user nothing (see the module docstring)."""
    s, p, o = triple.subject, triple.predicate.value, triple.object
    if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
        return True
    if s.value.startswith(_VOCABULARIES):
        return True
    if p in _REFLEXIVE and s == o:
        return True
    if p == _TYPE and o.value in _TRIVIAL_TYPES:
        return True
    return p in _TOP_OBJECT_PREDICATES and o.value in _TOP_CLASSES


def _rdflib_noise(s, p, o) -> bool:
    """Literals as subject (or predicate) cannot even be Oxigraph triples; blank nodes are dropped anyway."""
    from rdflib.term import BNode, Literal

    return isinstance(s, (Literal, BNode)) or isinstance(p, Literal) or isinstance(o, BNode)


def _asserted(store: ox.Store, triple: ox.Triple) -> bool:
    return any(q.graph_name != _INFERRED for q in store.quads_for_pattern(triple.subject, triple.predicate, triple.object))


def _engine(level: str):
    """owlrl's closure class for ``level``, minus two rules whose only output is noise the filter drops anyway."""
    import owlrl
    from rdflib.namespace import OWL, RDF

    same_as, rdf_type, all_different = OWL.sameAs, RDF.type, OWL.AllDifferent

    class Rdfs(owlrl.RDFS_Semantics):
        def one_time_rules(self):
            """Skip copying triples between equal-valued literals: quadratic in the literals, and pure noise."""

    class OwlRl(owlrl.OWLRL_Semantics):
        def _equality(self, triple, cycle_num):
            """Skip eq-ref (``x owl:sameAs x`` for every term, the largest and slowest part of the closure)."""
            if triple[1] == same_as or (triple[1] == rdf_type and triple[2] == all_different):
                super()._equality(triple, cycle_num)

    return Rdfs if level == "rdfs" else OwlRl


class _Plain:
    """The terms of an rdflib namespace as plain attributes (anything else is asked of the namespace itself)."""

    def __init__(self, namespace):
        self._namespace = namespace
        for name in getattr(namespace, "__annotations__", {}):
            try:
                setattr(self, name, getattr(namespace, name))
            except AttributeError:
                continue

    def __getattr__(self, name):
        return getattr(self._namespace, name)

    def __getitem__(self, key):
        return self._namespace[key]


@contextmanager
def _plain_namespaces():
    """owlrl looks up ``OWL.sameAs`` and the like hundreds of thousands of times, and each look-up in an rdflib
    DefinedNamespace is slow (half of owlrl's run time): while it runs, its modules see plain objects holding
    the same IRIs. The modules get their own namespaces back afterwards."""
    from owlrl import OWLRL, RDFSClosure

    saved = [(module, name, getattr(module, name)) for module in (OWLRL, RDFSClosure) for name in ("OWL", "RDF", "RDFS")
             if hasattr(module, name)]
    try:
        for module, name, namespace in saved:
            setattr(module, name, _Plain(namespace))
        yield
    finally:
        for module, name, namespace in saved:
            setattr(module, name, namespace)
