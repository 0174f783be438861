"""``rbvgraph ingest FILE --id SLUG``: read a report, write its text, its sections and pages, and the candidates.

What is written:

- ``data/sources/SLUG.txt``: the normalised text every quote of the report is checked against;
- ``data/triples/SLUG/verslag.ttl``: the report (``doc:SLUG``), its sections (``…/id/SLUG/sectie/…``, as in
  ``data/triples/jaarverslag.ttl``) with their first and last page (none for a text without page breaks);
- ``data/concepten/SLUG/SECTIE.ttl``: the candidates of each section (see :mod:`.concepts`), the folder replaced
  whole; a candidate that was in the folder before keeps its id (:func:`.concepts.kept_ids`).

A report that is there already (its text in ``data/sources/`` and its report node in the graph, as the curated
``jaarverslag-2023``) keeps its text and triples: given the same text again (white space aside), ingest writes only
the concepts, made from the text that is there, so a quote keeps standing where the curated data says; another
text under its id is refused. A candidate the graph already states (a mention or relation of the curated data) is
not proposed again, except a relation from a section that none of its evidence quotes: there it is that section's
evidence (in a new report, the evidence that a relation continues). Nothing is written until everything has been
read and checked, and then all or nothing (see :func:`_put_in_place`); running ingest twice on the same file gives
the same files.
"""

from __future__ import annotations

import re
import signal
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..graph import open_graph
from ..graph.labels import labels_for
from ..graph.search import SearchIndex, index_for
from ..project import Project
from ..util.atomic import locked_folder, utf8, write_bytes
from ..validation.source import normalise
from ..vocab import shorten
from .concepts import (REJECTED, RDF_TYPE, VERMELD_IN, Candidate, Rejected, concept_file, file_name, kept_ids,
                       literal, numbers_given, prefix_block, read_concepts, read_rejected, renumbered, report_iri,
                       section_iri, term)
from .find import Finder, Mention, Names, mint, table_row
from .lexicon import DCT, HOME_REGION, RBV, REGIONS, kind_of
from .read import read_report
from .relate import Relation, back_relations, cited_titles, footnote_references, relations, signed
from .text import PagedReport, section_slug

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Outcome:
    """What ingest did: the files written, whether the report's own files were kept, the candidates per kind."""

    written: list[Path] = field(default_factory=list)
    kept: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    sections: int = 0
    rejected: int = 0  # candidates left out because a person rejected them before


def check_slug(slug: str) -> str:
    if not _SLUG.match(slug):
        raise InputError(f"--id '{slug}': use lower-case letters, digits and hyphens, e.g. jaarverslag-2024")
    return slug


def ingest(proj: Project, source: Path, slug: str, title: str | None = None, year: str | None = None) -> Outcome:
    check_slug(slug)
    text = read_report(source)
    paged = PagedReport(text, str(source))
    paged.parts  # noqa: B018 — reads the headings: a text without any is refused before anything is written
    text_file = proj.report_text(slug)
    report_file = proj.triples_dir / slug / "verslag.ttl"
    graph = open_graph(proj, "none")
    existing = _existing(proj, graph.store, slug, text_file, report_file)
    outcome = Outcome(kept=existing)
    if existing:
        kept = text_file.read_text(encoding="utf-8")
        if normalise(kept) != normalise(text):  # quotes are checked with white space folded: so is the text
            raise InputError(f"{source}: data/sources/{slug}.txt holds another text; give this report another "
                             f"--id, or remove data/sources/{slug}.txt, data/triples/{slug}/ and "
                             f"data/concepten/{slug}/ to read it again")
        paged = PagedReport(kept, str(text_file))
    title = title or _first_line(paged.text)
    folder = proj.concepts_dir / slug
    rejected, table = read_rejected(folder / REJECTED)  # its bytes read once: parsed, and put in the new folder
    candidates = analyse(graph.store, index_for(proj, graph.store), paged, slug,
                         region_of(title + "\n" + paged.text[:2000]), rejected)
    given = {p.name: numbers_given(p) for p in folder.glob("*.ttl")}  # none when the folder is not there
    if folder.is_dir():  # ingested before: every candidate that is there already keeps its id
        candidates = kept_ids(candidates, read_concepts(folder, slug), given)
    by_section: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_section.setdefault(c.section, []).append(c)
    titles = {p.number: p.title for p in paged.parts}
    by_section |= {p.number: [] for p in paged.parts if given.get(file_name(p.number)) and p.number not in by_section}
    # a section without candidates any more keeps its file: it holds the numbers given
    concepts = {name: utf8(concept_file(found, slug, number, titles[number], given.get(name)))
                for number, found in by_section.items() for name in [file_name(number)]}
    if table is not None:  # the folder is replaced whole: the rejections go with it, as they were
        concepts[REJECTED] = table
    # the text last: a report is there when its text and its report are (see _existing)
    report = {} if existing else {report_file: utf8(report_turtle(paged, slug, title, year)), text_file: utf8(text)}
    _put_in_place(folder, concepts, report)
    outcome.written = [folder / name for name in concepts] + list(report)
    outcome.counts = {k: sum(1 for c in candidates if c.kind == k) for k in ("vermelding", "nieuw", "relatie")}
    outcome.sections = len(paged.parts)
    outcome.rejected = len(rejected.left_out)
    return outcome


def _existing(proj: Project, store: ox.Store, slug: str, text_file: Path, report_file: Path) -> bool:
    """Whether the report is there whole: its text, and its report in verslag.ttl or elsewhere in the graph (the
    curated report). Ingest's own verslag.ttl alone, or a text alone, is what an interrupted ingest of an
    earlier version left: the report is then read again as new."""
    in_graph = has_subject(store, report_iri(slug))
    if text_file.is_file() and (report_file.is_file() or in_graph):
        return True
    if in_graph and any(p != report_file for p in (proj.triples_dir / slug).rglob("*.ttl")):
        raise InputError(f"{slug}: the graph has this report but {text_file} is missing; put its text back")
    return False


def _put_in_place(folder: Path, concepts: dict[str, bytes], report: dict[Path, bytes]) -> None:
    """Write the concept folder ``folder`` whole and then the ``report`` files, all or nothing.

    The concept files go to a new folder beside ``folder`` that takes its place in one step; from just before
    that step until the last report file (the text) is written, Ctrl-C and SIGTERM wait, so they stop ingest
    either before anything is in place (the new folder is removed) or after everything is. Only SIGKILL or a
    power cut can fall in between, and then the text is missing: the next ingest reads the report as new."""
    held = None
    try:
        with locked_folder(folder) as place:
            with place.replacing() as new:
                for name, data in concepts.items():
                    write_bytes(new / name, data, shown=folder / name, durable=False)
                if hasattr(signal, "pthread_sigmask"):  # POSIX; elsewhere the steps are only as quick as they are
                    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            for path, data in report.items():
                write_bytes(path, data)
    finally:
        if held is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def has_subject(store: ox.Store, iri: str) -> bool:
    """Whether the graph says anything about ``iri``."""
    return next(iter(store.quads_for_pattern(ox.NamedNode(iri), None, None)), None) is not None


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def region_of(text: str) -> str | None:
    """The region a report is about (the first region its title or opening names), or None for the curated
    report's own region."""
    for m in re.finditer("|".join(re.escape(r) for r in sorted(REGIONS, key=len, reverse=True)), text):
        return None if m.group(0) == HOME_REGION else m.group(0)
    return None


def report_turtle(paged: PagedReport, slug: str, title: str, year: str | None) -> str:
    """The report and its sections as Turtle, in the modelling of data/triples/jaarverslag.ttl."""
    year = year or next(iter(re.findall(r"\b(?:19|20)\d\d\b", title)), None)
    cls = "rbv:Jaarverslag" if "jaarverslag" in title.lower() else "rbv:Document"
    doc = term(report_iri(slug), slug)
    out = [f"# {slug}: the report and its sections, as 'rbvgraph ingest' read them (numbers and titles as the "
           "report gives them, pages of the PDF).\n", prefix_block(slug),
           f"{doc} a {cls} ;\n    rdfs:label {literal(title)} ;\n    dcterms:title {literal(title)} ;"
           + (f'\n    dcterms:issued "{year}"^^xsd:gYear ;' if year else "") + '\n    dcterms:language "nl" .\n']
    for part in paged.parts:
        parent = term(section_iri(slug, part.parent), slug) if part.parent else doc
        label = part.title if part.number == "Voorwoord" else f"{part.number} {part.title}"
        out.append(f"{term(section_iri(slug, part.number), slug)} a rbv:Sectie ;\n    rdfs:label {literal(label)} ;\n"
                   f"    rbv:sectienummer {literal(part.number, None)} ;\n    dcterms:title {literal(part.title)} ;\n"
                   f"    rbv:volgorde {part.order} ;\n" + (
                       f"    rbv:beginpagina {part.first_page} ;\n    rbv:eindpagina {part.last_page} ;\n"
                       if part.first_page is not None else "") + f"    dcterms:isPartOf {parent} .\n")
    return "\n".join(out)


def analyse(store: ox.Store, index: SearchIndex, paged: PagedReport, slug: str,
            region: str | None, rejected: Rejected | None = None) -> list[Candidate]:
    """The candidates of every section of the report, against what the graph in ``store`` knows and states (its
    names from ``index``, the search index of that graph), without those a person ``rejected`` before."""
    names = Names(index.names())
    named_predicates: dict[str, str] = {}

    def predicate_name(iri: str) -> str:
        """The predicate as the ontology names it in Dutch ('neemt deel aan'), as every table and page shows it."""
        if iri not in named_predicates:
            named_predicates[iri] = labels_for(store, [ox.NamedNode(iri)]).get(iri) or shorten(iri)
        return named_predicates[iri]

    finder = Finder(names, region)
    stated = _stated(store)
    evidence = _evidence(store)
    evidenced = {e[:3] for e in evidence}
    section_numbers = {p.number for p in paged.parts}
    out: list[Candidate] = []
    themes = _section_themes(paged, finder)
    headings = {number: line for number, _, line in paged.report.headings}
    lines = paged.text.splitlines()
    for part in paged.parts:
        sec = section_iri(slug, part.number)
        found: dict[tuple, Candidate] = {}

        def offer(c: Candidate):
            key = (c.kind, c.subject, c.predicate, c.object)
            fact = (c.subject, c.predicate, c.object)
            # a relation the graph states from another section (or another report) is this section's evidence of it
            said = fact in stated and (c.kind != "relatie" or (*fact, sec) in evidence or fact not in evidenced)
            if said or not paged.report.quote_in_section(c.quote, part.number):
                return
            if rejected is not None and rejected.covers(c):
                return
            if key in found and c.kind == "nieuw":  # one new thing, the names every sentence read it under
                c, other = (c, found[key]) if found[key].confidence < c.confidence else (found[key], c)
                names = {c.label, c.abbreviation}
                c = replace(c, alternatives=tuple(sorted({*c.alternatives, *other.alternatives, other.label} - names)))
            if key not in found or found[key].confidence < c.confidence or c.kind == "nieuw":
                found[key] = c

        if part.number in headings:  # what a heading names is mentioned; a theme it names, the section is about
            heading = " ".join(lines[headings[part.number]].split())
            for m in finder.mentions(heading):
                for thing in m.things:
                    offer(Candidate("", "vermelding", part.number, thing.iri, VERMELD_IN, sec, heading,
                                    m.confidence, f"'{m.text}' is {thing.label} (in de kop)"))
            for theme in _themes_named(part.title, finder):
                offer(Candidate("", "relatie", part.number, sec, DCT + "subject", theme, heading, 0.8,
                                "de kop van de sectie noemt het thema"))
        before: tuple = (None, [])  # the sentence before this one and its mentions
        for sentence in part.sentences:
            mentions = finder.mentions(sentence.text, sentence.footnote)
            if sentence.footnote:
                mentions += _cited(sentence.text, mentions, names)
            row = table_row(sentence.cells, sentence.text, names)
            if row is not None:
                mentions = [m for m in mentions if not (m.start < row.end and row.start < m.end and m.proposed)]
                mentions.append(row)
            for m in mentions:
                if m.proposed:
                    offer(Candidate("", "nieuw", part.number, m.proposed, RDF_TYPE, _cls(m.cls), sentence.text,
                                    m.confidence, f"nieuw: {m.pattern}", m.label, m.abbreviation,
                                    tuple(sorted(set(m.alternatives) - {m.label}))))
                for thing in m.things:
                    reason = f"'{m.text}' is {thing.label}" + (" (meerdere dingen hebben die naam)"
                                                             if len(m.things) > 1 else "")
                    offer(Candidate("", "vermelding", part.number, thing.iri, VERMELD_IN, sec, sentence.text,
                                    m.confidence, reason))
            relating = relations(sentence.text, mentions, region) + signed(sentence.text, sec, mentions)
            if before[0] is not None and before[0].paragraph == sentence.paragraph and not sentence.footnote:
                relating += back_relations(before[0].text, before[1], sentence.text, mentions, region)
            before = (sentence, mentions)
            if sentence.footnote:
                relating += footnote_references(
                    sentence.text, sec, lambda n: section_iri(slug, n) if n in section_numbers else None, mentions)
            for r in relating + _on_theme(sentence.text, mentions, themes.get(part.number, {})):
                offer(Candidate("", "relatie", part.number, r.subject, r.predicate, r.object, r.quote,
                                r.confidence, f"{r.reason}: {predicate_name(r.predicate)}"))
        ordered = sorted(found.values(), key=lambda c: ("vnr".index(c.kind[0]), _first_at(part, c), c.subject,
                                                         c.predicate, c.object))
        out += renumbered(ordered, section_slug(part.number))
    return out


def _section_themes(paged: PagedReport, finder: Finder) -> dict[str, dict[str, str]]:
    """The themes each section is about: those the nearest heading that names a theme names (its own, else its
    parent's …; IRI → name). Only the nearest: measured on the curated report, a thing is on the theme of its own
    heading about one time in seven, on a theme of a heading further up one time in fifty."""
    own = {part.number: _themes_named(part.title, finder) for part in paged.parts}
    parents = {part.number: part.parent for part in paged.parts}
    found = {}
    for part in paged.parts:
        number = part.number
        while number and not own.get(number):
            number = parents.get(number)
        found[part.number] = dict(own[number]) if number else {}
    return found


def _themes_named(title: str, finder: Finder) -> dict[str, str]:
    """The themes a heading names (IRI → name)."""
    return {t.iri: t.label for m in finder.mentions(title) for t in m.things
            if any(c.endswith("#Thema") for c in t.classes)}


def _on_theme(sentence: str, mentions: list[Mention], themes: dict[str, str]) -> list[Relation]:
    """An organisation, activity or document named in a section about a theme is on that theme (rbv:heeftThema),
    said by the sentence that names it; a guess, right about one time in seven on the curated report, so confidence
    0.2."""
    found = []
    for m in mentions:
        for iri, classes in ([(m.proposed, (RBV + m.cls,))] if m.proposed else [(t.iri, t.classes) for t in m.things]):
            if kind_of(classes) in ("org", "act", "doc"):
                found += [Relation(iri, RBV + "heeftThema", theme, sentence, 0.2,
                                   f"de kop van de sectie noemt het thema {name}") for theme, name in themes.items()]
    return found


def _first_at(part, c: Candidate) -> int:
    return next((i for i, s in enumerate(part.sentences) if s.text == c.quote or c.quote in s.text), 0)


def _cls(local: str) -> str:
    from .lexicon import RBV

    return RBV + local


def _cited(sentence: str, mentions: list[Mention], names: Names) -> list[Mention]:
    """The document a footnote cites, as a proposed new document (its title to the first full stop and to the
    first comma, where those differ), unless it is known or named already."""
    found = []
    for start, end in cited_titles(sentence):
        title = sentence[start:end].strip()
        if names.known(title) or any(m.start <= start and end <= m.end for m in mentions + found):
            continue
        mentions[:] = [m for m in mentions if not (start <= m.start and m.end <= end and m.proposed)]
        found.append(Mention(start, start + len(title), title, proposed=mint(title, "Document"), cls="Document",
                             pattern="titel in een voetnoot", confidence=0.6))
    return found


def _stated(store: ox.Store) -> set[tuple[str, str, str]]:
    """Every asserted triple between two IRIs, and the type of every thing: what needs no candidate."""
    return {(q.subject.value, q.predicate.value, q.object.value) for q in store.quads_for_pattern(None, None, None)
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)}



def _evidence(store: ox.Store) -> set[tuple[str, str, str, str]]:
    """(subject, predicate, object, section) of every piece of evidence (rbv:Bewijs) the graph has."""
    rdf, rbv = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", RBV
    found = {}
    for p in ("subject", "predicate", "object"):
        for q in store.quads_for_pattern(None, ox.NamedNode(rdf + p), None):
            found.setdefault(q.subject, {})[p] = q.object.value
    for q in store.quads_for_pattern(None, ox.NamedNode(rbv + "sectie"), None):
        found.setdefault(q.subject, {})["sectie"] = q.object.value
    return {(e["subject"], e["predicate"], e["object"], e["sectie"]) for e in found.values() if len(e) == 4}
