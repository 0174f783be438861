"""Build steps: the dataset description (``build/void.ttl``) and the ontology's documentation
(``build/ontologie/index.html``, made with pyLODE, working offline)."""

from __future__ import annotations

import pyoxigraph as ox

from ..graph.ontodoc import ontology_page
from ..graph.void import describe, serialise
from .context import BuildContext

VOID_FILE = "void.ttl"
ONTOLOGY_PAGE = "ontologie/index.html"


def write_description(ctx: BuildContext) -> None:
    """build/void.ttl: VoID and DCAT with the statistics of this build's asserted graph."""
    triples = describe(ctx.graph)
    ctx.write(VOID_FILE, serialise(triples, ox.RdfFormat.TURTLE))


def write_ontology_docs(ctx: BuildContext) -> None:
    """build/ontologie/index.html: the ontology's classes and properties, one page, no network needed."""
    ctx.write(ONTOLOGY_PAGE, ontology_page(ctx.graph))
