"""The reports in the graph, and which report each section belongs to.

A report is what the sections hang from: a section is ``dcterms:isPartOf`` its parent section, up to the report
itself (``sec:2.1.4`` → ``sec:2.1`` → ``sec:2`` → ``doc:jaarverslag-2023``). Its slug is the last part of its IRI
(``jaarverslag-2023``, see :func:`slug_of`), the name of its folder in ``data/triples/`` and of its text in ``data/sources/``. Evidence
names a section, so it names its report through the section: no triple more is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import InputError
from ..vocab import INSTANCES, ONTOLOGY, PREFIXES
from .labels import labels_for

_PREFIXES = f"PREFIX rbv: <{ONTOLOGY}> PREFIX dcterms: <{PREFIXES['dcterms']}> "
_SECTIONS = _PREFIXES + """SELECT DISTINCT ?sec ?report WHERE {
  ?sec a rbv:Sectie ; dcterms:isPartOf+ ?report . FILTER NOT EXISTS { ?report a rbv:Sectie } }"""
_ISSUED = _PREFIXES + "SELECT ?report ?issued WHERE { ?report dcterms:issued ?issued }"


@dataclass(frozen=True)
class Report:
    iri: str
    slug: str   # jaarverslag-2023
    label: str  # its Dutch name


def slug_of(iri: str) -> str:
    """``jaarverslag-2023`` for ``…/id/document/jaarverslag-2023``; a report outside ``…/id/document/`` keeps the
    rest of its path (``…/id/r02-2020/document/jaarverslag-2023`` → ``r02-2020-jaarverslag-2023``), so no two
    reports share a slug."""
    if not iri.startswith(INSTANCES):
        return iri.rstrip("/").rsplit("/", 1)[-1]
    return iri[len(INSTANCES):].rstrip("/").replace("document/", "", 1).replace("/", "-")


def section_reports(store: ox.Store) -> dict[str, str]:
    """Section IRI → the IRI of the report it belongs to."""
    return {r["sec"].value: r["report"].value for r in store.query(_SECTIONS, use_default_graph_as_union=True)}


def reports_in(store: ox.Store, report_of: dict[str, str] | None = None) -> list[Report]:
    """Every report that has sections, oldest first (by ``dcterms:issued``, then slug); ``report_of`` is
    :func:`section_reports` when the caller has it already."""
    iris = sorted(set((section_reports(store) if report_of is None else report_of).values()))
    labels = labels_for(store, (ox.NamedNode(i) for i in iris))
    issued = {r["report"].value: r["issued"].value for r in store.query(_ISSUED, use_default_graph_as_union=True)}
    found = [Report(i, slug_of(i), labels.get(i, slug_of(i))) for i in iris]
    return sorted(found, key=lambda r: (issued.get(r.iri, ""), r.slug))


def report_called(store: ox.Store, slug: str, option: str = "report", known: list[Report] | None = None) -> Report:
    """The report whose slug is ``slug`` (among ``known``, :func:`reports_in` when the caller has it already); an
    unknown slug is one line naming the reports there are."""
    known = reports_in(store) if known is None else known
    found = next((r for r in known if r.slug == slug), None)
    if found is None:
        there = ", ".join(r.slug for r in known) or "none"
        raise InputError(f"{option}: no report '{slug}' in the graph (reports: {there})")
    return found
