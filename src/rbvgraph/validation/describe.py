"""Naming things for a data steward: a node by its label, a property by its label, a triple by the file it is in."""

from __future__ import annotations

import pyoxigraph as ox

from ..graph.labels import labels_for
from ..project import Project
from ..vocab import INFERRED_GRAPH, PREFIXES, shorten

_RDF = PREFIXES["rdf"]
# Dutch names for the few standard terms the ontology does not label
_NAMES = {_RDF + "type": "soort", PREFIXES["rdfs"] + "label": "naam", _RDF + "subject": "onderwerp",
          _RDF + "predicate": "relatie", _RDF + "object": "object", PREFIXES["skos"] + "prefLabel": "voorkeursnaam",
          PREFIXES["skos"] + "definition": "definitie", PREFIXES["skos"] + "inScheme": "in schema"}


class Describer:
    """Labels and files for the nodes of one loaded store, looked up once and remembered."""

    def __init__(self, store: ox.Store, proj: Project):
        self.store = store
        self.files = {proj.graph_name(p): p.relative_to(proj.root).as_posix() for p in proj.source_files()}
        self._labels: dict[str, str] = {}

    def label(self, term) -> str:
        """``gemeente Assen (rbvo:gemeente-assen)``; an evidence node as the statement it supports."""
        if isinstance(term, ox.BlankNode):
            return self._blank(term)
        if isinstance(term, ox.Literal):
            return f'"{term.value}"'
        name, short = self._name(term) or _NAMES.get(term.value, ""), shorten(term.value)
        return f"{name} ({short})" if name and name != short else short

    def _blank(self, node: ox.BlankNode) -> str:
        parts = {}
        for key in ("subject", "predicate", "object"):
            found = next(iter(self.store.quads_for_pattern(node, ox.NamedNode(_RDF + key), None)), None)
            parts[key] = found.object if found else None
        if not any(parts.values()):
            return "naamloos ding (blank node)"
        words = [self._short_label(parts[k]) if parts[k] is not None else "?" for k in ("subject", "predicate", "object")]
        return "bewijs voor ‘" + " — ".join(words) + "’"

    def _short_label(self, term) -> str:
        if isinstance(term, ox.Literal):
            return f'"{term.value}"'
        if isinstance(term, ox.BlankNode):
            return "[…]"
        return self._name(term) or shorten(term.value)

    def _name(self, term) -> str:
        """The node's Dutch label, looked up once; '' when it has none."""
        if term.value not in self._labels:
            self._labels.update(labels_for(self.store, [term]))
            self._labels.setdefault(term.value, "")
        return self._labels[term.value]

    def prop(self, iri: str | None) -> str:
        """A property by its Dutch label and short name: ``CBS-code (rbv:cbsCode)``."""
        return self.label(ox.NamedNode(iri)) if iri else ""

    def file_of(self, node, prop: str | None = None, value=None) -> str:
        """The file(s) the node comes from: where the faulty triple is, else where the node is typed or described."""
        tiers = []
        if prop is not None and value is not None and not isinstance(node, ox.Literal):
            tiers.append((node, ox.NamedNode(prop), value))
        if not isinstance(node, ox.Literal):
            tiers += [(node, ox.NamedNode(_RDF + "type"), None), (node, None, None)]
        tiers.append((None, None, node))
        for s, p, o in tiers:
            try:
                graphs = {q.graph_name.value for q in self.store.quads_for_pattern(s, p, o)
                          if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != INFERRED_GRAPH}
            except TypeError:  # a literal cannot be a subject
                continue
            if graphs:
                return ", ".join(sorted(self.files.get(g, g) for g in graphs))
        return ""
