"""``rbvgraph accept`` and ``rbvgraph reject``: a person's decision on candidates.

Accepting checks every quote verbatim against ``data/sources/SLUG.txt`` (in the section the candidate names),
writes the candidates' triples with their evidence to ``data/triples/SLUG/SECTIE.ttl`` (added to what is there),
takes them out of the concept files, and then validates the project as ``rbvgraph validate`` does (with the
reasoner): when it finds a problem the project did not have before, wherever it is reported, every file is put back
as it was and the first such problem is said. A relation naming a new
thing can only be accepted with (or after) that thing, and not at all once that thing is rejected. Rejecting takes
candidates out of the concept files; a new thing's with its other proposals and the relations that name it. What
is rejected is kept in ``data/concepten/SLUG/afgewezen.tsv``, so that ingesting the report again does not propose
it again (removing that file forgets it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError, NotConforming
from ..graph import open_graph
from ..project import Project
from ..util.atomic import utf8, write_bytes
from ..validation.source import Report
from ..validation.validate import validate
from ..validation.violation import Violation
from ..vocab import DEFAULT_INFERENCE, ONTOLOGY, PREFIXES, shorten
from .concepts import (REJECTED, RDF_TYPE, VERMELD_IN, Candidate, accepted_block, concept_file, file_name,
                       numbers, numbers_given, prefix_block, read_concepts, rejected_table, section_iri, term)
from .run import check_slug, has_subject
from .text import PagedReport

RDFS_LABEL = PREFIXES["rdfs"] + "label"


@dataclass
class Decided:
    candidates: list[Candidate]
    files: list[Path]
    along: list[Candidate] = field(default_factory=list)  # rejected with them: what names a rejected new thing
    warnings: list[str] = field(default_factory=list)  # what a person should look at again


def _folders(proj: Project, slug: str) -> tuple[Path, Path, Path]:
    check_slug(slug)
    concepts = proj.concepts_dir / slug
    if not concepts.is_dir():
        raise InputError(f"{concepts}: no concepts of '{slug}' (run 'rbvgraph ingest FILE --id {slug}' first)")
    return concepts, proj.triples_dir / slug, proj.report_text(slug)


def _chosen(found: dict[str, list[Candidate]], ids: tuple[str, ...], above: float | None) -> list[Candidate]:
    every = [c for cs in found.values() for c in cs]
    if above is not None:
        return [c for c in every if c.confidence >= above]
    known = {c.id: c for c in every}
    missing = [i for i in ids if i not in known]
    if missing:
        raise InputError(f"no concept {', '.join(missing)} (see 'rbvgraph review'; ids look like 2.1.4-r3)")
    return [known[i] for i in dict.fromkeys(ids)]


def _titles(source: Path) -> dict[str, str]:
    return {p.number: p.title for p in PagedReport(source.read_text(encoding="utf-8"), str(source)).parts}


def _rewrite_concepts(folder: Path, found: dict[str, list[Candidate]], gone: set[str], slug: str,
                      titles: dict[str, str], files: dict[Path, bytes | None]) -> None:
    for name, candidates in found.items():
        left = [c for c in candidates if c.id not in gone]
        if len(left) == len(candidates):
            continue
        number = candidates[0].section  # kept without candidates too: it holds the numbers given
        given = numbers(candidates, numbers_given(folder / name))
        files[folder / name] = utf8(concept_file(left, slug, number, titles.get(number, ""), given))


def _write(files: dict[Path, bytes | None]) -> dict[Path, bytes | None]:
    """Write (or, for None, remove) the files; what was there before, to put back."""
    before = {path: path.read_bytes() if path.is_file() else None for path in files}
    for path, data in files.items():
        if data is None:
            path.unlink(missing_ok=True)
        else:
            write_bytes(path, data)
    return before


def reject(proj: Project, slug: str, ids: tuple[str, ...], above: float | None = None) -> Decided:
    """Drop the candidates ``ids`` (or all with a confidence of ``above`` or more). A rejected new thing is rejected
    whole: its proposals in other sections and the relations that name it go with it."""
    folder, _, source = _folders(proj, slug)
    found = read_concepts(folder, slug)
    chosen = _chosen(found, ids, above)
    gone = {c.id for c in chosen}
    store = open_graph(replace(proj, concepts=False), "none").store
    dropped = {c.subject for c in chosen if c.kind == "nieuw" and not has_subject(store, c.subject)}
    along = [c for cs in found.values() for c in cs if c.id not in gone and {c.subject, c.object} & dropped]
    files: dict[Path, bytes | None] = {}
    _rewrite_concepts(folder, found, gone | {c.id for c in along}, slug, _titles(source), files)
    files[folder / REJECTED] = rejected_table(folder / REJECTED, chosen + along)
    _write(files)
    return Decided(chosen, sorted(files), along)


def accept(proj: Project, slug: str, ids: tuple[str, ...], above: float | None = None,
           classes: dict[str, str] | None = None, names: dict[str, str] | None = None) -> Decided:
    """Accept the candidates ``ids`` (or all with a confidence of ``above`` or more); ``classes`` gives a new
    thing another class of the ontology than the one proposed (id → local name, 'Zorgpartner'), ``names`` another
    name (id → name: one of its alternatives or the reviewer's own words). A renamed thing keeps the IRI ingest
    minted; its proposed name becomes an alternative name (skos:altLabel), and its quote is checked as any."""
    folder, triples, source = _folders(proj, slug)
    if not source.is_file():
        raise InputError(f"{source}: the report's text is missing, so no quote can be checked")
    found = read_concepts(folder, slug)
    chosen = _chosen(found, ids, above)
    graph = open_graph(replace(proj, concepts=False), "none")  # what the graph has without any concept
    chosen = _with_classes(chosen, classes or {}, graph.store)
    chosen = _with_names(chosen, names or {})
    chosen = _named_once(chosen, graph.store, slug, {**(classes or {}), **(names or {})})
    report = Report.load(source)
    for c in chosen:
        if not report.quote_in_section(c.quote, c.section):
            raise InputError(f"{c.id}: the quote does not stand verbatim in section {c.section} of {source.name}: "
                             f"\"{c.quote[:80]}\"")
    typed = {c.subject for c in chosen if c.kind == "nieuw"}
    pending = {c.subject: c.id for cs in found.values() for c in cs if c.kind == "nieuw"}
    for c in chosen:  # both ends of a mention or relation are in the graph, or new things accepted with it
        for end in () if c.kind == "nieuw" else (c.subject, c.object):
            if end in typed or has_subject(graph.store, end):
                continue
            if end in pending:
                raise InputError(f"{c.id} names a new thing that is not accepted yet ({end}): accept "
                                 f"{pending[end]} with it")
            raise InputError(f"{c.id} names {end}, which is neither in the graph nor proposed any more (its "
                             f"proposal was rejected): reject {c.id}")
    files: dict[Path, bytes | None] = {}
    by_section: dict[str, list[Candidate]] = {}
    for c in chosen:
        by_section.setdefault(c.section, []).append(c)
    for number, candidates in by_section.items():
        path = triples / file_name(number)
        old = path.read_text(encoding="utf-8") if path.is_file() else (
            f"# {slug}, section {number}: facts accepted from 'rbvgraph ingest' concepts.\n\n" + prefix_block(slug))
        files[path] = utf8(old.rstrip("\n") + "\n\n" + "\n".join(accepted_block(c, slug) for c in candidates))
    _rewrite_concepts(folder, found, {c.id for c in chosen}, slug, _titles(source), files)
    before = _write(files)
    new: list[Violation] = []
    try:
        after = _problems(proj)
        if after:  # which of them the project had already: validated as it was, only when there are any
            _write(before)
            had = _problems(proj)
            new = [v for key, v in after.items() if key not in had]
            if not new:
                _write(files)
    except BaseException:
        _write(before)
        raise
    if new:
        raise NotConforming(f"the accepted candidates break {len(new)} rule{'s' if len(new) > 1 else ''}, first: "
                            f"{new[0]}; nothing was written")
    return Decided(chosen, sorted(files), warnings=_same_names(chosen, graph.store, proj))


def _same_names(chosen: list[Candidate], store, proj: Project) -> list[str]:
    """A line for each new thing accepted under a name (or other name) that the graph gave another thing before
    (the same body under two IRIs, or two bodies with one name: a person should look)."""
    from ..graph.search import compact, index_for

    known: dict[str, list[tuple[str, str]]] = {}
    for iri, name, _, shown in index_for(proj, store).names():
        known.setdefault(compact(name), []).append((iri, shown))
    lines = []
    for c in chosen:
        if c.kind != "nieuw":
            continue
        others = {iri: shown for name in (c.label, *c.alternatives) for iri, shown in known.get(compact(name), ())
                  if iri != c.subject}
        for iri, shown in sorted(others.items()):
            lines.append(f"{c.id}: the graph already has a thing named like '{c.label}': {shown} ({shorten(iri)}); "
                         "if it is the same, reject the new one and accept its mentions")
    return lines


def _problems(proj: Project) -> dict[tuple, Violation]:
    """The errors ``rbvgraph validate`` finds (with its inference: what the reasoner derives from an accepted
    relation's domain or range counts), by what they say; not by file, as the thing a new problem is about may be
    described in any file."""
    report = validate(open_graph(replace(proj, concepts=False), DEFAULT_INFERENCE))
    return {(v.rule, v.node, v.prop, v.message, v.value): v for v in report.errors}


def _named_once(chosen: list[Candidate], store, slug: str, asked: dict[str, str]) -> list[Candidate]:
    """A new thing proposed in several sections is named once: a proposal of a thing that has a name in the graph
    already, or in a proposal accepted before it in this accept, adds only that this section mentions it
    (rbv:vermeldIn, with the quote as evidence), not another name or class (a name given with --naam would be a
    second rdfs:label, which no rule refuses)."""
    import pyoxigraph as ox

    named: dict[str, str] = {}  # IRI → the id of the proposal that names it in this accept
    out = []
    for c in chosen:
        if c.kind != "nieuw":
            out.append(c)
            continue
        label = next(iter(store.quads_for_pattern(ox.NamedNode(c.subject), ox.NamedNode(RDFS_LABEL), None)), None)
        if label is None and c.subject not in named:
            named[c.subject] = c.id
            out.append(c)
            continue
        if c.id in asked:
            had = f"'{label.object.value}'" if label is not None else f"the one {named[c.subject]} gives it"
            raise InputError(f"{c.id}: {term(c.subject, slug)} has a name already ({had}): accept {c.id} without "
                             "--als or --naam, as a mention")
        out.append(replace(c, kind="vermelding", predicate=VERMELD_IN, object=section_iri(slug, c.section), label="",
                           abbreviation="", alternatives=()))
    return out


def _with_names(chosen: list[Candidate], names: dict[str, str]) -> list[Candidate]:
    by_id = {c.id: c for c in chosen}
    for ident, name in names.items():
        c = by_id.get(ident)
        if c is None or c.kind != "nieuw":
            raise InputError(f"--naam {ident}={name}: {ident} is not a new thing among the candidates accepted")
        others = tuple(sorted({*c.alternatives, c.label} - {name, c.abbreviation}))
        by_id[ident] = replace(c, label=name, alternatives=others)
    return [by_id[c.id] for c in chosen]


def _with_classes(chosen: list[Candidate], classes: dict[str, str], store) -> list[Candidate]:
    import pyoxigraph as ox

    by_id = {c.id: c for c in chosen}
    for ident, local in classes.items():
        c = by_id.get(ident)
        if c is None or c.kind != "nieuw":
            raise InputError(f"--als {ident}={local}: {ident} is not a new thing among the candidates accepted")
        declared = store.quads_for_pattern(ox.NamedNode(ONTOLOGY + local), ox.NamedNode(RDF_TYPE),
                                           ox.NamedNode("http://www.w3.org/2002/07/owl#Class"))
        if next(iter(declared), None) is None:
            raise InputError(f"--als {ident}={local}: the ontology has no class rbv:{local}")
        by_id[ident] = replace(c, object=ONTOLOGY + local)
    return [by_id[c.id] for c in chosen]
