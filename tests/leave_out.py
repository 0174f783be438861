"""Leave-sections-out on the real report: take the curated facts of one chapter away (in a copy of the project), run
ingest on the report's text, and compare the candidates of that chapter's sections with the facts taken away.

Taking a chapter away: its files go (``h2/`` for chapter 2, ``voorwoord.ttl``, ``bijlage-1.ttl`` and
``bijlage-3.ttl`` for the Bijlagen), and from every other file the statements that the chapter's sections mention
a thing (``rbv:vermeldIn``) and every piece of evidence quoted from them, with the triple it supports when no
other evidence is left for it. The sections themselves (``jaarverslag.ttl``) stay.

Figures (each a count found / count wanted, per chapter):

- ``linked``: the things the curated chapter mentions (``rbv:vermeldIn`` one of its sections, or an end of a
  fact quoted from one) that the reduced graph still knows by a name, where one of those names stands in the
  chapter's text (whole words, case and accents aside; an abbreviation in its own case; web addresses left out)
  — linked when a candidate
  mention of one of the chapter's sections names it;
- ``linked_all``: the same over every such known thing, named in the text or not (a description such as
  'gemeenten in Noord-Nederland' for 'de gemeenten');
- ``proposed``: the things only the chapter's files define (gone from the reduced graph) whose Dutch label or
  another name stands verbatim in the chapter's running text (not only inside a web address) — proposed when a
  new-thing candidate has that name (compared without case, accents, spaces, hyphens and an article before it:
  'de burgemeesters' is proposed as 'burgemeesters');
- ``pairs`` / ``predicates``: the chapter's facts between two things (evidence quoted from its sections, not
  structural, not from outside sources) — found when a candidate relation joins the same two things (a proposed
  new thing stands for the curated thing of the same name), and with the same predicate in the same direction
  (or its inverse the other way; a symmetric one either way);
- ``findable``: the chapter's facts both of whose things the candidates name (linked, or proposed under the curated
  name): the most a sentence-by-sentence reader can find, since many curated things carry a description for a
  label ('oppakken van gemeentelijke signalen van ondermijning in RIEC-verband');
- ``ceiling``: the chapter's facts both of whose things a reader can name: a thing the reduced graph knows, a
  thing counted in ``proposed`` (its name stands in the chapter's text), a section, or what the candidates name
  anyway: what a reader that linked and proposed every such thing under its name could find at most;
- ``precision``: the share of the chapter's candidates that are right: a mention of a thing the chapter
  mentions, a new thing with the name of a thing the chapter defines, a relation between two things a fact of
  the chapter joins.

The figures above take a proposed new thing for a curated one only by name. Many curated things carry a
description for a label ('Inzet van de politie bij de jaarwisseling 2023-2024') that ingest, reading the sentence,
proposes in the report's words ('inzet van de politie'). ``described`` gives ``pairs``, ``predicates``,
``findable``, ``precision`` (and ``relations``, the share of right relation candidates; ``bands`` gives that share
per confidence) once more, a proposal
also standing for the curated thing it describes (:func:`described_by`): the proposal's name stands in a quote the
curated data gives for that thing in the chapter and that quote is part of the proposal's own sentence (or the
sentence of the quote), the two are of the same kind (organisation, person or post, activity, document, …), every word of the proposal's name is a word of the curated label (a plural or other ending aside), they are
at least half of the label's words, and one of them is the label's head (its last word before the first
preposition: 'inzet' of 'Inzet van de politie bij de jaarwisseling'). A reviewer accepting such a proposal under the curated label (``accept
--naam``) gets the curated fact.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from rbvgraph.graph.search import compact, fold
from rbvgraph.ingest.concepts import read_concepts
from rbvgraph.ingest.lexicon import kinds_of
from rbvgraph.ingest.run import ingest
from rbvgraph.project import Project
from rbvgraph.validation.source import Report
from rbvgraph.vocab import EXTERNAL, ONTOLOGY, PREFIXES, STRUCTURAL

RBV = rdflib.Namespace(ONTOLOGY)
SEC = PREFIXES["sec"]
CHAPTERS = {
    "Voorwoord": ["voorwoord.ttl"], "1": ["h1"], "2": ["h2"], "3": ["h3"], "4": ["h4"], "5": ["h5"],
    "Bijlagen": ["bijlage-1.ttl", "bijlage-3.ttl"],
}
_INVERSES = {ONTOLOGY + a: ONTOLOGY + b for a, b in (
    ("ondersteunt", "ondersteundDoor"), ("voertUit", "uitgevoerdDoor"), ("neemtDeelAan", "deelnemer"),
    ("financiert", "gefinancierdDoor"), ("onderdeelVan", "heeftOnderdeel"))}
_INVERSES.update({b: a for a, b in list(_INVERSES.items())})
_SYMMETRIC = {ONTOLOGY + "werktSamenMet"}


@dataclass
class Figures:
    chapter: str
    linked: tuple[int, int] = (0, 0)
    linked_all: tuple[int, int] = (0, 0)
    proposed: tuple[int, int] = (0, 0)
    pairs: tuple[int, int] = (0, 0)
    predicates: tuple[int, int] = (0, 0)
    precision: tuple[int, int] = (0, 0)
    findable: tuple[int, int] = (0, 0)  # facts both of whose ends the candidates name (linked or proposed)
    relations: tuple[int, int] = (0, 0)  # right relation candidates / relation candidates
    ceiling: tuple[int, int] = (0, 0)  # facts both of whose things have a name standing in the chapter's text
    kinds: dict[str, tuple[int, int]] = field(default_factory=dict)  # precision per kind of candidate
    between: dict[str, tuple[int, int]] = field(default_factory=dict)  # pairs, predicates of facts between two things
    bands: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # per confidence ('0.6'): right pair, right
    # predicate, all, of the relation candidates between two things (not a section's)
    described: dict[str, tuple[int, int]] = field(default_factory=dict)  # the same, proposals matched by description
    candidates: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    missed: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def share(pair: tuple[int, int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def in_chapter(number: str, chapter: str) -> bool:
    if chapter == "Bijlagen":
        return number.startswith("Bijlage")
    return number == chapter or number.startswith(chapter + ".")


def _section_number(iri) -> str | None:
    text = str(iri)
    if not text.startswith(SEC):
        return None
    local = text[len(SEC):]
    return "Voorwoord" if local == "voorwoord" else local.replace("bijlage-", "Bijlage ")


def reduce_project(source: Project, target: Path, chapter: str) -> rdflib.Graph:
    """Copy the project to ``target`` without the chapter's facts; the facts taken away, as one rdflib graph."""
    for part in ("ontology", "data/sources"):
        shutil.copytree(source.root / part, target / part)
    triples = source.triples_dir
    gone = [triples / "jaarverslag-2023" / name for name in CHAPTERS[chapter]]  # the report's own folder
    removed = rdflib.Graph()
    for path in sorted(triples.rglob("*.ttl")):
        destination = target / "data" / "triples" / path.relative_to(triples)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if any(path == g or g in path.parents for g in gone):
            removed.parse(path, format="turtle")
            continue
        graph = rdflib.Graph()
        graph.parse(path, format="turtle")
        _take_away(graph, chapter, removed)
        if len(graph):
            destination.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return removed


def _take_away(graph: rdflib.Graph, chapter: str, removed: rdflib.Graph) -> None:
    for s, o in list(graph.subject_objects(RBV.vermeldIn)):
        number = _section_number(o)
        if number and in_chapter(number, chapter):
            graph.remove((s, RBV.vermeldIn, o))
            removed.add((s, RBV.vermeldIn, o))
    for evidence, sec in list(graph.subject_objects(RBV.sectie)):
        number = _section_number(sec)
        if not (number and in_chapter(number, chapter)):
            continue
        fact = (graph.value(evidence, RDF.subject), graph.value(evidence, RDF.predicate),
                graph.value(evidence, RDF.object))
        for triple in list(graph.triples((evidence, None, None))):
            graph.remove(triple)
            removed.add(triple)
        others = [e for e in graph.subjects(RDF.subject, fact[0])
                  if graph.value(e, RDF.predicate) == fact[1] and graph.value(e, RDF.object) == fact[2]]
        if not others and None not in fact:
            graph.remove(fact)
            removed.add(fact)


def _names(graph: rdflib.Graph, iri) -> list[str]:
    return [str(o) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, RBV.afkorting) for o in graph.objects(iri, p)
            if isinstance(o, Literal) and o.language in (None, "nl")]


_ARTICLE = re.compile(r"^(?:de|het|een|alle|andere) ", re.IGNORECASE)
_ADDRESS = re.compile(r"<[^>]*>|https?://\S+|www\.\S+")


def _key(name: str) -> str:
    """A name compared without case, accents, spaces, hyphens and an article before it ('de burgemeesters')."""
    return compact(_ARTICLE.sub("", name.strip()))


_SMALL = {"van", "voor", "naar", "met", "over", "door", "tegen", "bij", "in", "op", "de", "het", "een", "en", "of",
          "aan", "uit", "om", "te", "rond", "onder", "tot", "als", "der", "den", "die", "dat"}


def _words(name: str) -> list[str]:
    return [w for w in fold(name).split() if w not in _SMALL]


def _same_word(a: str, b: str) -> bool:
    """The same word, a plural or other ending aside ('controles' / 'controle', 'onderzoeken' / 'onderzoek')."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    return common >= 4 and common >= min(len(a), len(b)) - 1 and abs(len(a) - len(b)) <= 3


_PREPOSITION = {"van", "voor", "naar", "met", "over", "door", "tegen", "bij", "in", "op", "aan", "uit", "rond",
                "onder", "tot", "om"}


def _head(label: str) -> str | None:
    """The head of a description: its last word before the first preposition, colon or bracket ('inzet' of
    'Inzet van de politie bij …', 'hulpverleners' of 'ambulante hulpverleners')."""
    words = fold(re.split(r"[:(]", label)[0]).split()
    cut = next((i for i, w in enumerate(words) if w in _PREPOSITION and i > 0), len(words))
    return next((w for w in reversed(words[:cut]) if w not in _SMALL), None)


def _kinds(classes) -> tuple[str, ...]:
    """The kinds of ingest (organisation, activity, …), a person apart from the organisations."""
    person = any(str(c).endswith(("#Persoon", "#Functie")) for c in classes)
    return tuple("persoon" if k == "org" and person else k for k in kinds_of(classes))


def described_by(name: str, sentence: str, kinds: tuple[str, ...], things: dict, quotes: dict) -> URIRef | None:
    """The curated thing a proposal named ``name``, of these kinds, made from ``sentence``, describes (see the
    module), or None: of ``things`` (IRI → (labels, kinds)) those with a quote in ``quotes`` (IRI → folded quotes)
    that holds the name and overlaps the sentence, the one whose label the name covers most."""
    words, folded, own = _words(name), f" {fold(name)} ", f" {fold(sentence)} "
    best, score = None, 0.0
    for iri, (labels, their_kinds) in sorted(things.items()):
        if not words or not set(kinds) & set(their_kinds) or not any(
                folded in q and (q in own or own in q) for q in quotes.get(iri, ())):
            continue
        for label in labels:
            theirs, head = _words(label), _head(label)
            if head and any(_same_word(w, head) for w in words) and all(
                    any(_same_word(w, t) for t in theirs) for w in words):
                share = sum(1 for t in theirs if any(_same_word(w, t) for w in words)) / len(theirs)
                if share >= 0.5 and share > score:
                    best, score = iri, share
    return best


def _stands_in(name: str, text: str, folded_text: str) -> bool:
    if len(re.sub(r"\W", "", name)) <= 4 or (name.upper() == name and " " not in name):
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
    return f" {fold(name)} " in folded_text


def measure(source: Project, report_text: Path, work: Path, chapter: str) -> Figures:
    """Leave ``chapter`` out in a copy under ``work``, ingest the report, and compare (see the module)."""
    root = work / f"zonder-{chapter.lower()}"
    removed = reduce_project(source, root, chapter)
    reduced = Project(root)
    started = time.perf_counter()
    ingest(reduced, report_text, "jaarverslag-2023")
    seconds = time.perf_counter() - started
    candidates = [c for found in read_concepts(root / "data" / "concepten" / "jaarverslag-2023",
                                               "jaarverslag-2023").values()
                  for c in found if in_chapter(c.section, chapter)]
    full = rdflib.Graph()
    for path in sorted(source.triples_dir.rglob("*.ttl")):
        full.parse(path, format="turtle")
    kept = rdflib.Graph()
    for path in sorted(reduced.triples_dir.rglob("*.ttl")):
        kept.parse(path, format="turtle")
    report = Report.load(report_text)
    text = _ADDRESS.sub(" ", report.sections[chapter].text if chapter in report.sections
                        else " ".join(s.text for n, s in report.sections.items() if in_chapter(n, chapter)))
    folded_text = f" {fold(text)} "

    sections = {URIRef(SEC + n.lower().replace(" ", "-")) for n in report.sections if in_chapter(n, chapter)}
    mentioned = {s for s, o in removed.subject_objects(RBV.vermeldIn) if o in sections}
    facts = []
    for evidence in set(removed.subjects(RBV.sectie, None)):
        if removed.value(evidence, RBV.sectie) not in sections:
            continue
        s, p, o = (removed.value(evidence, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        for end in (s, o):
            if isinstance(end, URIRef) and _section_number(end) is None:
                mentioned.add(end)
        if (isinstance(s, URIRef) and isinstance(o, URIRef) and str(p) not in STRUCTURAL and str(p) not in EXTERNAL
                and _section_number(o) is None):
            facts.append((s, p, o))
    facts = sorted(set(facts))
    mentioned = {m for m in mentioned if str(m).startswith("https://w3id.org/rbvgraph/id/")}
    known = {m for m in mentioned if _names(kept, m)}
    named_known = {m for m in known if any(_stands_in(n, text, folded_text) for n in _names(kept, m))}
    defined = {s for s in set(removed.subjects(RDF.type, None))
               if isinstance(s, URIRef) and not _names(kept, s) and _names(full, s)}
    verbatim = {s for s in defined if any(_stands_in(n, text, folded_text) for n in _names(full, s))}

    linked = {URIRef(c.subject) for c in candidates if c.kind == "vermelding"}
    proposals = [c for c in candidates if c.kind == "nieuw"]
    by_name: dict[str, set] = {}
    for s in defined:  # a proposal named as a thing the graph knows should have been a mention: it stands for none
        for n in _names(full, s):
            by_name.setdefault(_key(n), set()).add(s)
    stands_for: dict[str, set] = {}
    for c in proposals:
        stands_for.setdefault(c.subject, set()).update(by_name.get(_key(c.label), set()))
    proposed = {s for s in verbatim if any(s in stands_for.get(c.subject, ()) for c in proposals)}

    # the same proposals also standing for the curated thing they describe (see the module)
    quotes: dict = {}
    for evidence in set(removed.subjects(RBV.sectie, None)):
        if removed.value(evidence, RBV.sectie) in sections:
            for end in (removed.value(evidence, RDF.subject), removed.value(evidence, RDF.object)):
                quotes.setdefault(end, set()).add(f" {fold(str(removed.value(evidence, RBV.citaat)))} ")
    things = {s: (_names(full, s), _kinds([str(c) for c in full.objects(s, RDF.type)])) for s in defined}
    by_description: dict[tuple[str, str], set] = {}
    for c in proposals:
        if not stands_for.get(c.subject):
            match = described_by(c.label, c.quote, _kinds([c.object]), things, quotes)
            if match is not None:
                by_description.setdefault((c.subject, c.section), set()).add(match)

    right_links = sum(1 for c in candidates if c.kind == "vermelding" and URIRef(c.subject) in mentioned)
    sections_seen = {URIRef(SEC + n.lower().replace(" ", "-")) for n in report.sections}
    named = _score(candidates, facts, stands_for, {}, linked, sections_seen, right_links)
    # things a reader can name: known to the graph, with a name standing in the chapter's text, or named anyway
    nameable = known | verbatim | sections_seen | named["seen"]
    described = _score(candidates, facts, stands_for, by_description, linked, sections_seen, right_links)
    figures = Figures(
        chapter,
        linked=(len(named_known & linked), len(named_known)),
        linked_all=(len(known & linked), len(known)),
        proposed=(len(proposed), len(verbatim)),
        pairs=named["pairs"],
        predicates=named["predicates"],
        precision=named["precision"],
        relations=named["relations"],
        candidates={k: sum(1 for c in candidates if c.kind == k) for k in ("vermelding", "nieuw", "relatie")},
        seconds=seconds,
        findable=named["findable"],
        ceiling=(sum(1 for f in facts if f[0] in nameable and f[2] in nameable), len(facts)),
        described={k: v for k, v in described.items() if k not in ("missed", "bands", "seen", "kinds", "between")},
        bands=named["bands"],
        kinds=named["kinds"],
        between=named["between"],
        missed={"linked": sorted(str(m) for m in named_known - linked),
                "proposed": sorted(f"{s} {_names(full, s)}" for s in verbatim - proposed),
                **named["missed"],
                "described": sorted(f"{c.section} {c.id} {c.label!r} = {m}" for c in proposals
                                    for m in by_description.get((c.subject, c.section), ()))},
    )
    return figures


def _score(candidates, facts, stands_for: dict, described: dict, linked: set, sections: set, right_links: int) -> dict:
    """Relations, findable facts and precision, a proposal standing for the curated things ``stands_for`` gives its
    IRI (by name) and ``described`` its IRI in its section (by description)."""
    proposals = [c for c in candidates if c.kind == "nieuw"]

    def standing(iri: str, section: str) -> set:
        return stands_for.get(iri, set()) | described.get((iri, section), set())

    seen = set(linked) | {s for c in proposals for s in standing(c.subject, c.section)} | sections

    def ends(iri: str, section: str) -> set:
        return standing(iri, section) or {URIRef(iri)}

    relations = [c for c in candidates if c.kind == "relatie"]
    found_pairs, found_predicates = set(), set()
    right_relations = right_predicates = 0
    bands: dict[str, list[int]] = {}  # confidence → [right pair, right predicate, all] between two things
    for c in relations:
        right = predicate_right = False
        for s in ends(c.subject, c.section):
            for o in ends(c.object, c.section):
                for fact in facts:
                    fs, fp, fo = fact
                    if {s, o} != {fs, fo}:
                        continue
                    right = True
                    found_pairs.add(fact)
                    p = URIRef(c.predicate)
                    if ((p == fp and (s, o) == (fs, fo)) or (str(p) in _SYMMETRIC and p == fp)
                            or (_INVERSES.get(str(p)) == str(fp) and (o, s) == (fs, fo))):
                        found_predicates.add(fact)
                        predicate_right = True
        right_relations += right
        right_predicates += predicate_right
        if URIRef(c.subject) not in sections:
            band = bands.setdefault(f"{c.confidence:.1f}", [0, 0, 0])
            band[0] += right
            band[1] += predicate_right
            band[2] += 1
    right_new = sum(1 for c in proposals if standing(c.subject, c.section))
    things = [f for f in facts if f[0] not in sections]  # not a section's reference or subject
    mentions = sum(1 for c in candidates if c.kind == "vermelding")
    return {
        "pairs": (len(found_pairs), len(facts)),
        "predicates": (len(found_predicates), len(facts)),
        "findable": (sum(1 for f in facts if f[0] in seen and f[2] in seen), len(facts)),
        "seen": seen,
        "precision": (right_links + right_new + right_relations, len(candidates)),
        "relations": (right_relations, len(relations)),
        "kinds": {"vermelding": (right_links, mentions), "nieuw": (right_new, len(proposals)),
                  "relatie": (right_relations, len(relations)),
                  "relatie, juiste relatie": (right_predicates, len(relations))},
        "between": {"pairs": (len(found_pairs & set(things)), len(things)),
                    "predicates": (len(found_predicates & set(things)), len(things))},
        "bands": {band: tuple(counts) for band, counts in sorted(bands.items())},
        "missed": {"pairs": sorted(f"{s} {p} {o}" for s, p, o in set(facts) - found_pairs
                                   if s in seen and o in seen),
                   "predicates": sorted(f"{s} {p} {o}" for s, p, o in found_pairs - found_predicates)},
    }
