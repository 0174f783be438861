"""Validation: the SHACL shapes of ``ontology/shapes.ttl`` (pySHACL), the evidence and term checks that run on
Oxigraph, and the OWL contradictions the reasoner can see; each problem in words a data steward understands."""
