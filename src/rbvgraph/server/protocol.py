"""The SPARQL 1.1 Protocol without the sockets: reading a request, choosing a result format, the service description.

Everything here is a pure function of the request's parts, so it is tested without a server. A request that
cannot be served raises :class:`ProtocolError` carrying the HTTP status and a one-line message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..errors import RbvError

MAX_FIELDS = 100

# Result formats: key → (media type sent, pyoxigraph format). The first entry of each table is the default.
SOLUTION_FORMATS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
# Media types a client may ask for (Accept or ?format=), with the key they select.
SOLUTION_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml",
}
# A format named by ?format= / output= / results= (a short name or a media type, as SPARQL clients send them):
# name → (key for a SELECT or ASK answer, key for a CONSTRUCT or DESCRIBE answer); None where it does not fit.
FORMAT_NAMES: dict[str, tuple[str | None, str | None]] = {
    "json": ("json", "jsonld"), "application/json": ("json", "jsonld"),
    "application/sparql-results+json": ("json", None), "text/javascript": ("json", None),
    "application/javascript": ("json", None),
    "xml": ("xml", "rdfxml"), "application/xml": ("xml", "rdfxml"), "text/xml": ("xml", "rdfxml"),
    "application/sparql-results+xml": ("xml", None),
    "csv": ("csv", None), "text/csv": ("csv", None), "tsv": ("tsv", None), "text/tab-separated-values": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "text/turtle": (None, "turtle"),
    "application/turtle": (None, "turtle"), "application/x-turtle": (None, "turtle"),
    "n3": (None, "turtle"), "text/n3": (None, "turtle"), "text/rdf+n3": (None, "turtle"),
    "application/n3": (None, "turtle"),  # Turtle is N3
    "nt": (None, "nt"), "ntriples": (None, "nt"), "n-triples": (None, "nt"), "application/n-triples": (None, "nt"),
    "text/plain": (None, "nt"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "application/ld+json": (None, "jsonld"),
    "application/x-json+ld": (None, "jsonld"),
    "rdf": (None, "rdfxml"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
    "application/rdf+xml": (None, "rdfxml"),
}
FORMAT_FIELDS = ("format", "output", "results")  # SPARQLWrapper sends all three, with the same values


class ProtocolError(RbvError):
    """A SPARQL Protocol request that is refused; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass
class SparqlRequest:
    """What a client asked: the query (None when it asked for the service description) and its dataset."""

    query: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    formats: tuple[str, ...] = ()  # the format names the client gave, in order (see :func:`choose_format`)


def _params(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict",
                        max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise ProtocolError(400, "parameters are not valid UTF-8") from None
    except ValueError:
        raise ProtocolError(400, f"too many parameters (at most {MAX_FIELDS})") from None


def _media_type(header: str | None) -> str:
    return (header or "").split(";")[0].strip().lower()


def _charset(header: str | None) -> str:
    for part in (header or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return "utf-8"


def _decode(body: bytes, content_type: str | None) -> str:
    charset = _charset(content_type)
    if charset not in ("utf-8", "utf8", "us-ascii", "ascii"):
        raise ProtocolError(415, f"charset '{charset}' is not supported: send UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not valid UTF-8") from None


def parse_request(method: str, query_string: str, content_type: str | None, body: bytes) -> SparqlRequest:
    """The SPARQL request in a GET or POST to the query endpoint (SPARQL 1.1 Protocol, section 2.1)."""
    params = _params(query_string)
    if method == "POST":
        media = _media_type(content_type)
        if media == "application/x-www-form-urlencoded":
            for key, values in _params(_decode(body, content_type)).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise ProtocolError(400, "a POST with application/sparql-query carries the query in its body, "
                                         "not also in the URL")
            params["query"] = [_decode(body, content_type)]
        elif media == "application/sparql-update":
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
        else:
            raise ProtocolError(415, f"cannot read a POST of '{media or 'no content type'}': send "
                                     "application/x-www-form-urlencoded (query=…) or application/sparql-query")
    if "update" in params:
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    queries = params.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(400, "give exactly one 'query' parameter")
    formats = tuple(item.split(";")[0].strip().lower() for name in FORMAT_FIELDS for value in params.get(name, [])
                    for item in value.split(",") if item.strip())
    request = SparqlRequest(queries[0] if queries else None, params.get("default-graph-uri", []),
                            params.get("named-graph-uri", []), formats)
    for iri in request.default_graphs + request.named_graphs:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise ProtocolError(400, f"'{iri}' is not a valid graph IRI") from None
    if request.query is not None and not request.query.strip():
        raise ProtocolError(400, "the query is empty")
    return request


def _accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (accept or "*/*").split(","):
        pieces = part.split(";")
        media = pieces[0].strip().lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges or [("*/*", 1.0)]


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value the most specific matching range gives ``media`` (0 when nothing matches)."""
    kind = media.split("/")[0]
    best, specificity = 0.0, -1
    for pattern, q in ranges:
        level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
        if level > specificity:
            best, specificity = q, level
    return best


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The key of the offered media type the client prefers; ties go to the earlier offer; None if none fits."""
    ranges = _accept_ranges(accept)
    best_key, best_q = None, 0.0
    for media, key in offers.items():
        q = _quality(media, ranges)
        if q > best_q:
            best_key, best_q = key, q
    return best_key


def choose_format(form: str, accept: str | None, named: tuple[str, ...] = ()) -> str:
    """The result format for a query of this form: the first of the ``named`` formats (?format=, output=,
    results=) that fits the form, else the one the Accept header prefers.

    A named format that does not fit the form or is unknown is passed over, not refused: SPARQL clients send one
    set of format parameters whatever the query (SPARQLWrapper sends ``format=csv`` with a CONSTRUCT, and empty
    values), and other endpoints answer those by Accept too.
    """
    graph = form in ("CONSTRUCT", "DESCRIBE")
    table = GRAPH_FORMATS if graph else SOLUTION_FORMATS
    what = "a CONSTRUCT or DESCRIBE query" if graph else "a SELECT or ASK query"
    for name in named:
        key = FORMAT_NAMES.get(name, (None, None))[1 if graph else 0]
        if key is not None:
            return key
    offers = {media: key for media, key in (GRAPH_MEDIA if graph else SOLUTION_MEDIA).items()}
    offers = {table[k][0].split(";")[0]: k for k in table} | offers  # the canonical type first
    key = negotiate(accept, offers)
    if key is None:
        wanted = ", ".join(m.split(";")[0] for m, _ in table.values())
        raise ProtocolError(406, f"cannot answer {what} as '{accept}': accept one of {wanted}")
    return key


SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]


def service_description(endpoint: str, graphs: list[str], title: str) -> list[ox.Triple]:
    """The service description (sd: vocabulary) of the endpoint at ``endpoint`` serving these named graphs."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    sd = lambda local: ox.NamedNode(SD + local)  # noqa: E731
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(title, language="nl")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, rdf_type, sd("Graph")),
    ]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + f)) for f in _FORMAT_IRIS]
    for index, name in enumerate(graphs):
        node = ox.BlankNode(f"graph{index}")
        triples += [ox.Triple(dataset, sd("namedGraph"), node), ox.Triple(node, rdf_type, sd("NamedGraph")),
                    ox.Triple(node, sd("name"), ox.NamedNode(name))]
    return triples
