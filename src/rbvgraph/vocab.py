"""The project's IRI bases, graph names, inference levels and prefix table (plain strings: importing this costs
nothing)."""

ONTOLOGY = "https://w3id.org/rbvgraph/def#"
INSTANCES = "https://w3id.org/rbvgraph/id/"
GRAPHS = "https://w3id.org/rbvgraph/graph/"
INFERRED_GRAPH = GRAPHS + "inferred"
# The dataset description (VoID, DCAT): its document and the data set it describes (data/triples/dataset.ttl).
VOID = "https://w3id.org/rbvgraph/void"
DATASET = VOID + "#dataset"
# The ontology document (rbv: terms are ONTOLOGY + name).
ONTOLOGY_IRI = "https://w3id.org/rbvgraph/def"
# Each file is its own named graph, named after its path (project.graph_name): the ontology's start with this.
ONTOLOGY_GRAPHS = GRAPHS + "ontology/"
# The named graph 'rbvgraph push' writes into a triple store, and 'rbvgraph query --endpoint' reads from.
DEFAULT_GRAPH = GRAPHS + "jaarverslag-2023"

# What may be added to the asserted triples: nothing, the RDFS closure, or the OWL 2 RL closure.
INFERENCE_LEVELS = ("none", "rdfs", "owlrl")
# Answers for people (query, build, serve, validate) use the OWL 2 RL closure: the named queries lean on ORG, SKOS
# and the ontology's own axioms; the closure is cached, so after the first run it costs a fraction of a second.
DEFAULT_INFERENCE = "owlrl"

# Prefixes used when writing Turtle and when showing IRIs in tables.
PREFIXES: dict[str, str] = {
    "rbv": ONTOLOGY,
    "rbvo": INSTANCES + "organisatie/",
    "act": INSTANCES + "activiteit/",
    "thema": INSTANCES + "thema/",
    "wet": INSTANCES + "regelgeving/",
    "doc": INSTANCES + "document/",
    "sec": INSTANCES + "jaarverslag-2023/sectie/",
    "plaats": INSTANCES + "plaats/",
    "pers": INSTANCES + "persoon/",
    "functie": INSTANCES + "functie/",
    "ind": INSTANCES + "indicator/",
    "obs": INSTANCES + "observatie/",
    "hv": INSTANCES + "hoeveelheid/",
    "bron": INSTANCES + "bron/",
    "ds": INSTANCES + "dataset/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "qb": "http://purl.org/linked-data/cube#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
}


def prefix_of(iri: str) -> str:
    """The name of the longest known namespace ``iri`` starts with (``rbvo``), or ``""``."""
    best = ""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(base) > len(PREFIXES.get(best, "")):
            best = prefix
    return best


def shorten(iri: str) -> str:
    """``rbvo:riec-noord-nederland`` for a known namespace, else the IRI itself."""
    best = prefix_of(iri)
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


# Properties that structure the graph rather than state a fact of the report: they need no quote, and they say
# nothing about who works with whom.
STRUCTURAL = tuple(base + local for base, local in (
    (PREFIXES["rdf"], "type"), (PREFIXES["rdf"], "subject"), (PREFIXES["rdf"], "predicate"), (PREFIXES["rdf"], "object"),
    (ONTOLOGY, "vermeldIn"), (ONTOLOGY, "sectie"), (ONTOLOGY, "bron"), (ONTOLOGY, "indicator"), (ONTOLOGY, "eenheid"),
    (PREFIXES["skos"], "inScheme"), (PREFIXES["skos"], "topConceptOf"), (PREFIXES["skos"], "hasTopConcept"),
    (PREFIXES["skos"], "broader"), (PREFIXES["skos"], "narrower"),
    (PREFIXES["dcterms"], "isPartOf"), (PREFIXES["dcterms"], "hasPart"), (PREFIXES["dcterms"], "source"),
    (PREFIXES["qb"], "dataSet"), (PREFIXES["qb"], "structure"), (PREFIXES["qb"], "component"),
))

# Properties whose values come from outside the report: their evidence names a source instead of a quote.
EXTERNAL = tuple(ONTOLOGY + local for local in ("cbsCode", "tooi", "bwbId", "provincie"))
