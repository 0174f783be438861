"""JSON-LD for people: the project's ``@context`` (Dutch keys for the ontology's terms) and compacted documents.

The context is made from the project's ontology graphs every time it is needed (``export -f jsonld``, ``build``
writes it to ``build/context.jsonld``, ``serve`` answers it at ``/context.jsonld``), so a property the ontology gains
has its key at once; nothing is kept by hand. It is the same for every ``--part`` and ``--inference``: only the
asserted graphs are read. Published at :data:`CONTEXT_URL`.

- every prefix of :data:`~rbvgraph.vocab.PREFIXES`, so an IRI is written ``rbvo:riec-noord-nederland``;
- a key per class of the ontology's own namespace (its local name: ``"@type": "Gemeente"``);
- a key per property with a Dutch label: the local name for the ontology's own (``werktSamenMet``), the Dutch label
  written as one word for a standard one (``skos:prefLabel`` "naam" → ``naam``, "is lid van" → ``isLidVan``); a key
  another term already has gets the prefix after it (``heeftOnderdeelOrg``); RDF, RDFS and OWL terms keep their
  compact IRI (``rdfs:label``);
- what a property's values are: an object property (declared so) ``"@type": "@id"``; a data property with one
  datatype range that datatype, or a language map for ``rdf:langString``; any other property is typed by the values
  the asserted graphs give it, when they are all of one kind (all IRIs, all language-tagged, all one datatype).

A value that does not fit its key's definition (a literal where an IRI is declared) is written under the
property's compact IRI instead: compaction never loses a triple. Compaction and framing are pyld's (the JSON-LD
processor of the spec's editors); it is given the context as an object and may not fetch anything.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pyoxigraph as ox

from ..errors import InputError
from ..vocab import INFERRED_GRAPH, INSTANCES, ONTOLOGY, ONTOLOGY_GRAPHS, PREFIXES, prefix_of, shorten

CONTEXT_URL = "https://w3id.org/rbvgraph/context.jsonld"
# compacted: the context object inside the document (works offline); linked: the context by its URL (small, for
# publishing beside build/context.jsonld); expanded: full IRIs, no context.
FORMS = ("compacted", "linked", "expanded")

_RDF = PREFIXES["rdf"]
_RDFS = PREFIXES["rdfs"]
_OWL = PREFIXES["owl"]
_XSD = PREFIXES["xsd"]
_LANG_STRING = _RDF + "langString"
_OBJECT = {_OWL + k for k in ("ObjectProperty", "SymmetricProperty", "TransitiveProperty", "InverseFunctionalProperty",
                              "AsymmetricProperty", "ReflexiveProperty", "IrreflexiveProperty")}
_PROPERTY = {**{iri: "object" for iri in _OBJECT}, _OWL + "DatatypeProperty": "datatype",
             _OWL + "AnnotationProperty": "other", _RDF + "Property": "other"}
_BUILT_IN = (_RDF, _RDFS, _OWL, _XSD)  # their terms stay compact IRIs: integrators know them by those


def context(store: ox.Store) -> dict:
    """The ``{"@context": …}`` object of the project whose graphs ``store`` holds (see the module's docstring)."""
    ontology = [q for q in store if isinstance(q.graph_name, ox.NamedNode)
                and q.graph_name.value.startswith(ONTOLOGY_GRAPHS) and isinstance(q.subject, ox.NamedNode)]
    declared: dict[str, set[str]] = {}  # property → "object" / "datatype" / "other", as the ontology types it
    labels: dict[str, list[str]] = {}
    ranges: dict[str, set[str]] = {}
    classes: set[str] = set()
    other: set[str] = set()  # typed, but not as a property: classes, the ontology itself
    for q in ontology:
        s, p, o = q.subject.value, q.predicate.value, q.object
        if p == _RDF + "type" and isinstance(o, ox.NamedNode):
            if o.value in _PROPERTY:
                declared.setdefault(s, set()).add(_PROPERTY[o.value])
            else:
                other.add(s)
                if o.value == _OWL + "Class" and s.startswith(ONTOLOGY):
                    classes.add(s)
        elif p == _RDFS + "label" and isinstance(o, ox.Literal) and o.language == "nl":
            labels.setdefault(s, []).append(o.value)
        elif p == _RDFS + "range" and isinstance(o, ox.NamedNode):
            ranges.setdefault(s, set()).add(o.value)
    seen: dict[str, set[str]] = {}  # property → the kinds of value the asserted graphs give it
    for q in store:
        if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == INFERRED_GRAPH):
            seen.setdefault(q.predicate.value, set()).add(_value_kind(q.object))
    terms: dict[str, object] = {}
    for cls in sorted(classes):
        terms[_free_key(terms, cls[len(ONTOLOGY):], cls)] = shorten(cls)
    # the ontology's own terms first: they keep their local names whatever a standard term's label says
    # a property: declared one, used as one, or labelled and not typed as anything else (a term only the reasoner
    # uses, like skos:narrower); rdf:type is written @type
    properties = (set(declared) | set(seen) | (set(labels) - other)) - {_RDF + "type"}
    for prop in sorted(properties, key=lambda p: (not p.startswith(ONTOLOGY), p)):
        definition: dict[str, str] = {"@id": shorten(prop)}
        definition.update(_coercion(declared.get(prop, set()) - {"other"}, ranges.get(prop, set()),
                                    seen.get(prop, set())))
        named = _one_word(sorted(labels[prop])[0]) if prop in labels and not prop.startswith(_BUILT_IN) else ""
        if prop.startswith(ONTOLOGY):
            key = prop[len(ONTOLOGY):]
        elif named:
            key = named
        elif len(definition) > 1:  # no Dutch name: the compact IRI is the key, still with how to read its values
            key = definition["@id"]
        else:
            continue  # no Dutch name and nothing to say: the prefix writes it
        terms[_free_key(terms, key, prop)] = definition if len(definition) > 1 else definition["@id"]
    # a prefix named like a term is left out: its IRIs are written in full
    prefixes = {name: base for name, base in PREFIXES.items() if name not in terms}
    return {"@context": {**prefixes, **terms}}


def _free_key(terms: dict, key: str, iri: str) -> str:
    """``key``, or when another term or a vocabulary's prefix has it, ``key`` with the term's prefix after it; else
    an error (the ontology must then give the term another label). An instance prefix gives way to the key."""
    if key in terms or key in PREFIXES and not PREFIXES[key].startswith(INSTANCES):
        key += prefix_of(iri).capitalize()
    if key in terms:
        raise InputError(f"the JSON-LD context cannot give {shorten(iri)} a key of its own ({key} is taken): "
                         f"give it another Dutch label in the ontology")
    return key


def _value_kind(term) -> str:
    if not isinstance(term, ox.Literal):
        return "@id"
    if term.language:
        return "@language"
    return term.datatype.value


def _coercion(declared: set[str], ranges: set[str], seen: set[str]) -> dict[str, str]:
    if declared == {"object"}:
        return {"@type": "@id"}
    if declared == {"datatype"} and len(ranges) == 1:
        (datatype,) = ranges
        return _typed(datatype)
    if len(seen) == 1:
        (kind,) = seen
        return {"@type": "@id"} if kind == "@id" else {"@container": "@language"} if kind == "@language" else _typed(kind)
    return {}


def _typed(datatype: str) -> dict[str, str]:
    if datatype == _LANG_STRING:
        return {"@container": "@language"}
    if datatype == _XSD + "string":
        return {}  # a JSON string is an xsd:string already
    return {"@type": shorten(datatype)}


def _one_word(label: str) -> str:
    """ "is lid van" → ``isLidVan``, "volgt / is beïnvloed door" → ``volgtIsBeinvloedDoor``, "bron (DC)" →
    ``bronDc``."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return words[0] + "".join(w.capitalize() for w in words[1:]) if words else ""


def context_bytes(store: ox.Store) -> bytes:
    """The context as the file ``build/context.jsonld`` and ``/context.jsonld`` hold: UTF-8, indented, always in
    the same order (prefixes, classes, then properties by IRI)."""
    return _dump(context(store))


def document(expanded: bytes, form: str, store: ox.Store) -> bytes:
    """The expanded JSON-LD ``expanded`` (as Oxigraph writes it) in ``form``, compacted with the project's context."""
    if form not in FORMS:
        raise InputError(f"unknown JSON-LD form '{form}': choose one of {', '.join(FORMS)}")
    data = _types_as_type(json.loads(expanded))
    if form == "expanded":
        return _dump(data)
    from pyld import jsonld

    terms = context(store)
    # Oxigraph writes expanded JSON-LD (and rdf:type is @type now): pyld need not expand it again
    compacted = jsonld.compact(data, terms, {"documentLoader": _no_fetching, "processingMode": "json-ld-1.1",
                                            "skipExpansion": True})
    if set(compacted) - {"@context", "@graph"}:  # pyld writes one node, or one named graph, as the top object itself
        terms = compacted.pop("@context")
        compacted = {"@context": terms, "@graph": [compacted]}
    compacted.setdefault("@graph", [])  # keep one shape for every export: the context and a list
    if form == "linked":
        compacted["@context"] = CONTEXT_URL
    return _dump(compacted)


def _types_as_type(nodes: list) -> list:
    """Oxigraph writes ``rdf:type`` as a property; JSON-LD says ``@type`` (its RDF algorithm does so too). A type
    that is a literal (RDF allows it) stays a property value."""
    for index, node in enumerate(nodes):
        if "@graph" in node:
            _types_as_type(node["@graph"])
        values = node.pop(_RDF + "type", [])
        types = [v["@id"] for v in values if "@id" in v]
        rest = [v for v in values if "@id" not in v]
        if types:  # @type right after @id, as people read a node
            nodes[index] = node = {"@id": node["@id"], "@type": types} | node
        if rest:
            node[_RDF + "type"] = rest
    return nodes


def _no_fetching(url, options=None):
    raise InputError(f"JSON-LD: will not fetch {url} (rbvgraph works offline)")


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
