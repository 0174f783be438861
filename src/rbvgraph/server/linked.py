"""Every IRI of the graph resolves on ``rbvgraph serve``: ``/id/…`` (a thing), ``/doc/…`` (what the graph says
about it, as a document) and ``/graph/…`` (a named graph).

An IRI under ``/id/`` names a thing — an organisation, a law, a section — not a web page, so it is answered the
way the W3C note *Cool URIs for the Semantic Web* (section 4.3, "303 URIs forwarding to different documents") and
the Dutch URI strategy (``/id/`` → ``/doc/``) have it: **303 See Other** to a document about the thing, chosen by
``Accept`` (``Vary: Accept``): its page in the build (``/build/id/….html``, the same file a browser opens from
disk) or its description as Turtle, JSON-LD, RDF/XML or N-Triples (``/doc/….ttl``, ``.jsonld``, ``.rdf``,
``.nt``). A 200 with ``Content-Location`` would save a round trip but say that the organisation *is* the page;
with 303 every answer is a document with its own address, which clients and caches keep apart. A named graph is a
document itself: ``/graph/…`` answers 200 in the format ``Accept`` asks for, with ``Vary: Accept``.

Only things the graph holds are answered (404 otherwise, as a page for a browser); the descriptions and graphs
are made by the query workers, under the same time and size limits as queries.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from ..vocab import GRAPHS, INSTANCES
from .protocol import GRAPH_FORMATS, GRAPH_MEDIA, negotiate
from .workers import DescribeJob, GraphJob, Reply

# document suffix → format key of GRAPH_FORMATS, and back
SUFFIXES = {"ttl": "turtle", "jsonld": "jsonld", "rdf": "rdfxml", "nt": "nt"}
_SUFFIX_OF = {key: suffix for suffix, key in SUFFIXES.items()}
# What /id/, /graph/, /void and /def offer: the canonical media types first (Turtle is the default for */*), then their aliases.
RDF_OFFERS = ({GRAPH_FORMATS[k][0].split(";")[0]: k for k in GRAPH_FORMATS} | GRAPH_MEDIA
               | {"application/json": "jsonld"})
HTML_OFFERS = {"text/html": "html", "application/xhtml+xml": "html"}
_VARY = {"Vary": "Accept"}


def _offered(html: bool) -> str:
    kinds = (["text/html"] if html else []) + [GRAPH_FORMATS[k][0].split(";")[0] for k in GRAPH_FORMATS]
    return ", ".join(kinds)


def _wants_html(accept: str | None) -> bool:
    return negotiate(accept, HTML_OFFERS | {"text/plain": "text", "*/*": "text"}) == "html"


def not_found(what: str, accept: str | None, address: str) -> Reply:
    """404, as a small page for a browser (in Dutch, naming ``address``) and one line of text for anyone else."""
    if not _wants_html(accept):
        return Reply.error(404, what, **_VARY)
    page = ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Niet gevonden</title></head>"
            "<body style=\"font:15px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto\"><h1>Niet gevonden</h1>"
            f"<p>Over <code>{escape(address)}</code> staat niets in de graaf.</p><p><a href=\"/build/\">Naar het "
            "overzicht</a> · <a href=\"/\">naar de vragenpagina</a></p></body></html>\n")
    return Reply(404, "text/html; charset=utf-8", page.encode("utf-8"), dict(_VARY))


class Resolver:
    """The answers under /id/, /doc/ and /graph/, from the things and graphs the server's graph holds."""

    def __init__(self, things: frozenset[str], graphs: list[str], build_dir: Path | None):
        self.things = things
        self.graphs = frozenset(graphs)
        self.build_dir = build_dir

    def _page(self, rest: str) -> str | None:
        """``/build/id/….html`` when the build holds the thing's page."""
        if self.build_dir is None:
            return None
        relative = f"id/{rest}.html"
        path = (self.build_dir / relative).resolve()
        return f"/build/{quote(relative)}" if path.is_relative_to(self.build_dir) and path.is_file() else None

    def thing(self, rest: str, accept: str | None) -> Reply:
        """``GET /id/REST``: 303 to the page or the description the client prefers."""
        iri = INSTANCES + rest
        if iri not in self.things:
            return not_found(f"no thing <{iri}> in the graph", accept, iri)
        page = self._page(rest)
        key = negotiate(accept, RDF_OFFERS | (HTML_OFFERS if page else {}))
        if key is None and page is None and _wants_html(accept):
            key = "turtle"  # a thing without a page of its own (an observation, a data set): a browser shows Turtle
        if key is None:
            return Reply.error(406, f"cannot answer as '{accept}': <{iri}> is offered as {_offered(page is not None)}",
                               **_VARY)
        location = page if key == "html" else f"/doc/{quote(rest)}.{_SUFFIX_OF[key]}"
        return Reply(303, "text/plain; charset=utf-8", f"see {location}\n".encode("utf-8"),
                     {"Location": location, **_VARY})

    def document(self, rest: str, accept: str | None) -> Reply | DescribeJob:
        """``GET /doc/REST.ttl`` (``.jsonld``, ``.rdf``, ``.nt``): the description of ``/id/REST``."""
        name, dot, suffix = rest.rpartition(".")
        if not dot or suffix not in SUFFIXES:
            return not_found(f"no document /doc/{rest}: a description ends in "
                             f"{', '.join('.' + s for s in SUFFIXES)}", accept, f"/doc/{rest}")
        if INSTANCES + name not in self.things:
            return not_found(f"no thing <{INSTANCES + name}> in the graph", accept, INSTANCES + name)
        return DescribeJob(INSTANCES + name, SUFFIXES[suffix])

    def graph(self, rest: str, accept: str | None) -> Reply | GraphJob:
        """``GET /graph/REST``: the named graph, in the format ``Accept`` asks for (200, ``Vary: Accept``)."""
        iri = GRAPHS + rest
        if iri not in self.graphs:
            return not_found(f"no named graph <{iri}> (the list is in the service description at /sparql)", accept,
                             iri)
        key = negotiate(accept, RDF_OFFERS)
        if key is None:
            return Reply.error(406, f"cannot answer as '{accept}': a graph is offered as {_offered(False)}", **_VARY)
        return GraphJob(iri, key)
