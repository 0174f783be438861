"""Candidates: what ingest proposes, kept as concepts in ``data/concepten/SLUG/`` (one Turtle file per section)
until a person accepts them into ``data/triples/SLUG/`` or rejects them.

Each candidate is one block of its section's file: a comment line (id, kind, confidence, reason), then a
``rbv:Kandidaat`` node (a kind of ``rbv:Bewijs``: subject, predicate, object, section, the sentence as quote) with
``dcterms:identifier``, ``rbv:status "concept"``, ``rbv:zekerheid`` and ``rbv:reden``, then the triples it would
add. A new thing's triples name it: ``rdfs:label`` (its preferred name; also ``skos:prefLabel`` for an
organisation), ``skos:altLabel`` for each other name (the other readings of the phrase that found it, and its
abbreviation, which is also ``rbv:afkorting``). The folder is no input of the graph: queries, the build and the
server read it only with ``--met-concepten``. Accepting writes the triples with a plain ``rbv:Bewijs`` beside them
(as in the curated data) to ``data/triples/SLUG/SECTIE.ttl``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..vocab import INSTANCES, ONTOLOGY, PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
VERMELD_IN = ONTOLOGY + "vermeldIn"
KINDS = ("vermelding", "nieuw", "relatie")
_ORGANISATION_LIKE = {"Organisatie", "Overheidsorganisatie", "Gemeente", "Provincie", "Ministerie", "Inspectie",
                      "Politieorganisatie", "Politieonderdeel", "Justitieorganisatie", "Samenwerkingsverband",
                      "Zorgpartner", "Kennisinstelling", "PrivatePartner", "MaatschappelijkeOrganisatie", "Groep"}
REJECTED = "afgewezen.tsv"  # what a person rejected, kept so that ingest does not propose it again
_REJECTED_COLUMNS = ("soort", "sectie", "onderwerp", "predicaat", "object", "citaat")
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


@dataclass(frozen=True)
class Candidate:
    id: str  # '2.1.4-r3': section, kind (v vermelding, n nieuw, r relatie), number
    kind: str
    section: str  # the section's number: '2.1.4', 'Voorwoord', 'Bijlage 3'
    subject: str
    predicate: str
    object: str
    quote: str
    confidence: float
    reason: str
    label: str = ""  # a new thing's name
    abbreviation: str = ""  # a new thing's abbreviation
    alternatives: tuple[str, ...] = ()  # a new thing's other names: shorter or longer readings of the same phrase

    @property
    def cls(self) -> str:
        return self.object.rsplit("#", 1)[-1] if self.kind == "nieuw" else ""


def section_base(slug: str) -> str:
    return f"{INSTANCES}{slug}/sectie/"


def report_iri(slug: str) -> str:
    return f"{INSTANCES}document/{slug}"


def section_iri(slug: str, number: str) -> str:
    return section_base(slug) + number.lower().replace(" ", "-")


def file_name(number: str) -> str:
    return number.lower().replace(" ", "-") + ".ttl"


# ---- writing Turtle


def _prefixes(slug: str) -> dict[str, str]:
    """The prefixes of a report's files: the project's, with ``sec`` for this report's sections and ``kand`` for
    its candidates."""
    return {**{p: b for p, b in PREFIXES.items() if p != "sec"}, "sec": section_base(slug),
            "kand": f"{INSTANCES}{slug}/kandidaat/"}


def prefix_block(slug: str) -> str:
    return "\n".join(f"@prefix {p}: <{base}> ." for p, base in _prefixes(slug).items()) + "\n"


def term(iri: str, slug: str) -> str:
    """A prefixed name where one is safe, else the IRI in angle brackets."""
    bases = _prefixes(slug)
    best = max((p for p, b in bases.items() if iri.startswith(b)), key=lambda p: len(bases[p]), default=None)
    if best is not None:
        local = iri[len(bases[best]):]
        if _SAFE_LOCAL.match(local):
            return f"{best}:{local}"
    return f"<{iri}>"


def literal(text: str, language: str | None = "nl") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"' + (f"@{language}" if language else "")


def facts(c: Candidate, slug: str) -> list[str]:
    """The Turtle statements a candidate adds to the graph (without its evidence)."""
    t = lambda iri: term(iri, slug)  # noqa: E731
    sec = t(section_iri(slug, c.section))
    if c.kind == "nieuw":
        names = [f"rdfs:label {literal(c.label)}"]
        if c.cls in _ORGANISATION_LIKE:
            names.append(f"skos:prefLabel {literal(c.label)}")
        others = [n for n in (*c.alternatives, c.abbreviation) if n and n != c.label]
        if others:  # every other name, the abbreviation too; the abbreviation also as rbv:afkorting
            names.append("skos:altLabel " + " , ".join(literal(n) for n in dict.fromkeys(others)))
        if c.abbreviation:
            names.append(f"rbv:afkorting {literal(c.abbreviation)}")
        return [f"{t(c.subject)} a {t(c.object)} ;\n    " + " ;\n    ".join(names) + f" ;\n    rbv:vermeldIn {sec} ."]
    return [f"{t(c.subject)} {t(c.predicate)} {t(c.object)} ."]


def _evidence(c: Candidate, slug: str, head: str) -> str:
    t = lambda iri: term(iri, slug)  # noqa: E731
    return (f"{head} rdf:subject {t(c.subject)} ; rdf:predicate {t(c.predicate)} ; rdf:object {t(c.object)} ;\n"
            f"    rbv:sectie {t(section_iri(slug, c.section))} ; rbv:citaat {literal(c.quote)} .")


def concept_block(c: Candidate, slug: str) -> str:
    head = (f"kand:{c.id} a rbv:Kandidaat ; dcterms:identifier {literal(c.id, None)} ; rbv:status \"concept\" ;\n"
            f"    rbv:zekerheid {c.confidence:.2f} ; rbv:reden {literal(c.reason)} ;\n   ")
    comment = f"# {c.id} · {c.kind} · {c.confidence:.2f} · {c.reason}".replace("\n", " ")
    return "\n".join([comment, _evidence(c, slug, head), *facts(c, slug)]) + "\n"


def accepted_block(c: Candidate, slug: str) -> str:
    comment = f"# {c.id} ({c.kind}), accepted: {c.reason}".replace("\n", " ")
    return "\n".join([comment, *facts(c, slug), _evidence(c, slug, "[] a rbv:Bewijs ;")]) + "\n"


def concept_file(candidates: list[Candidate], slug: str, number: str, title: str,
                 given: dict[str, int] | None = None) -> str:
    """The concept file of one section; its header keeps the highest number given to each kind so far (``given``
    and the ``candidates``), so that a number is not given again once its candidate is accepted or rejected."""
    given = numbers(candidates, given)
    header = (f"# Concepts of {slug}, section {number} {title}: proposed by 'rbvgraph ingest', not reviewed.\n"
              f"# Review with 'rbvgraph review {slug}'; 'rbvgraph accept {slug} ID…' moves a candidate into "
              f"data/triples/{slug}/, 'rbvgraph reject {slug} ID…' drops it.\n"
              f"# Numbers given: {' '.join(f'{k}{given[k]}' for k in 'vnr' if k in given)}\n\n")
    return header + prefix_block(slug) + "\n" + "\n".join(concept_block(c, slug) for c in candidates)


# ---- reading them back


def read_concepts(folder: Path, slug: str) -> dict[str, list[Candidate]]:
    """The candidates of every concept file in ``folder``, by file name, in their order."""
    import rdflib

    found: dict[str, list[Candidate]] = {}
    for path in sorted(folder.glob("*.ttl")):
        graph = rdflib.Graph()
        try:
            graph.parse(path, format="turtle")
        except Exception as err:  # rdflib raises many kinds of errors for bad Turtle
            raise InputError(f"{path}: not valid Turtle ({str(err).splitlines()[0]})") from None
        found[path.name] = sorted(_candidates(graph, slug), key=_order)
    return found


def _order(c: Candidate):
    kind, number = re.match(r".*-([vnr])(\d+)$", c.id).groups()
    return "vnr".index(kind), int(number)


def _candidates(graph, slug: str):
    import rdflib

    rbv = rdflib.Namespace(ONTOLOGY)
    rdf, rdfs, skos = rdflib.RDF, rdflib.RDFS, rdflib.SKOS
    dct = rdflib.DCTERMS
    base = section_base(slug)
    for node in graph.subjects(rdf.type, rbv.Kandidaat):
        value = lambda p: graph.value(node, p)  # noqa: E731
        subject, predicate, obj = str(value(rdf.subject)), str(value(rdf.predicate)), str(value(rdf.object))
        number = _section_number(graph, value(rbv.sectie), base)
        ident = str(value(dct.identifier))
        kind = {"v": "vermelding", "n": "nieuw", "r": "relatie"}[re.match(r".*-([vnr])\d+$", ident).group(1)]
        label = short = None
        others: tuple[str, ...] = ()
        if kind == "nieuw":
            thing = rdflib.URIRef(subject)
            label, short = graph.value(thing, rdfs.label), graph.value(thing, rbv.afkorting)
            others = tuple(sorted(str(n) for n in graph.objects(thing, skos.altLabel) if n != short))
        yield Candidate(ident, kind, number, subject, predicate, obj, str(value(rbv.citaat)),
                        float(value(rbv.zekerheid)), str(value(rbv.reden)), str(label or ""), str(short or ""),
                        others)


def _section_number(graph, iri, base: str) -> str:
    local = str(iri)[len(base):]
    return "Voorwoord" if local == "voorwoord" else local.replace("bijlage-", "Bijlage ") if local.startswith(
        "bijlage-") else local


def renumbered(candidates: list[Candidate], prefix: str) -> list[Candidate]:
    """The candidates of one section with their ids: ``PREFIX-v1``, ``-n1``, ``-r1``, numbered per kind."""
    counts = {k: 0 for k in KINDS}
    out = []
    for c in candidates:
        counts[c.kind] += 1
        out.append(replace(c, id=f"{prefix}-{c.kind[0]}{counts[c.kind]}"))
    return out


_GIVEN = re.compile(r"^# Numbers given:((?: [vnr]\d+)*)$", re.MULTILINE)


def numbers(candidates: list[Candidate], given: dict[str, int] | None = None) -> dict[str, int]:
    """The highest number of each kind ('v', 'n', 'r') among ``candidates`` and in ``given``."""
    found = dict(given or {})
    for c in candidates:
        found[c.kind[0]] = max(found.get(c.kind[0], 0), _order(c)[1])
    return found


def numbers_given(path: Path) -> dict[str, int]:
    """The highest number of each kind a concept file says it has given (none for a file without that line)."""
    m = _GIVEN.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    return {part[0]: int(part[1:]) for part in m.group(1).split()} if m else {}


def kept_ids(candidates: list[Candidate], old: dict[str, list[Candidate]],
             given: dict[str, dict[str, int]]) -> list[Candidate]:
    """The ``candidates`` of a new ingest with the ids of the ``old`` concept files (by file name): a candidate
    that is there already (same kind, section, subject, predicate and object) keeps its id, so an id on an older
    review page still means the same candidate; a new one gets the next number after the highest of its section
    and kind in the old files, the numbers of candidates accepted or rejected since (``given``, by file name) too.
    In id order within each section."""
    known = {_key(c): c.id for cs in old.values() for c in cs}
    highest = {name: numbers(old.get(name, []), given.get(name)) for name in {*old, *given}}
    out = []
    for c in candidates:
        if _key(c) in known:
            out.append(replace(c, id=known[_key(c)]))
        else:
            section = highest.setdefault(file_name(c.section), {})
            section[c.kind[0]] = section.get(c.kind[0], 0) + 1
            out.append(replace(c, id=f"{c.id.rsplit('-', 1)[0]}-{c.kind[0]}{section[c.kind[0]]}"))
    sections = list(dict.fromkeys(c.section for c in out))
    return sorted(out, key=lambda c: (sections.index(c.section), _order(c)))


def _key(c: Candidate) -> tuple[str, str, str, str, str]:
    return c.kind, c.section, c.subject, c.predicate, c.object


# ---- what was rejected


@dataclass
class Rejected:
    """The candidates a person rejected (kind, section, subject, predicate, object), and the new things among them:
    ingest proposes neither again, nor anything that names such a new thing; ``rows`` are the table's rows as they
    stand (six fields each); ``left_out`` collects what one run of ingest left out for it."""

    keys: frozenset[tuple[str, str, str, str, str]] = frozenset()
    things: frozenset[str] = frozenset()
    rows: tuple[tuple[str, ...], ...] = ()
    left_out: set[tuple[str, str, str, str, str]] = field(default_factory=set)

    def covers(self, c: Candidate) -> bool:
        key = (c.kind, c.section, c.subject, c.predicate, c.object)
        if key in self.keys or {c.subject, c.object} & self.things:
            self.left_out.add(key)
            return True
        return False


def read_rejected(path: Path) -> tuple[Rejected, bytes | None]:
    """The rejections kept in ``path`` and the file's bytes, read once (none and None when there is no file)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Rejected(), None
    return parse_rejected(data, path), data


def parse_rejected(data: bytes, path: Path) -> Rejected:
    """The table ``data`` of ``path``: tab-separated, the header row exactly, six fields in every row."""
    def bad(line: int, what: str) -> InputError:
        return InputError(f"{path}, line {line}: not a table of rejected candidates ({what}); correct or remove it")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise bad(_line(data, err.start), f"not UTF-8 text, byte {err.start}") from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    rows = []
    try:
        for row in reader:
            if row:  # a blank line is no row
                rows.append((reader.line_num, tuple(row)))
    except csv.Error as err:
        raise bad(reader.line_num, str(err)) from None
    if not rows or rows[0][1] != _REJECTED_COLUMNS:
        raise bad(1, "the first line must be " + " ".join(_REJECTED_COLUMNS) + ", separated by tabs")
    for line, row in rows[1:]:
        if len(row) != len(_REJECTED_COLUMNS):
            raise bad(line, f"{len(row)} fields, {len(_REJECTED_COLUMNS)} expected")
    found = tuple(row for _, row in rows[1:])
    keys = frozenset(row[:5] for row in found)
    return Rejected(keys, frozenset(k[2] for k in keys if k[0] == "nieuw"), found)


def _line(data: bytes, offset: int) -> int:
    """The line (from 1) of the byte at ``offset``."""
    return data.count(b"\n", 0, offset) + 1


def rejected_table(path: Path, more: list[Candidate]) -> bytes:
    """The table in ``path`` with the candidates ``more`` added (each once), written whole, as UTF-8; a damaged
    table is said, not overwritten."""
    rows = list(read_rejected(path)[0].rows)
    known = {row[:5] for row in rows}
    for c in more:
        key = (c.kind, c.section, c.subject, c.predicate, c.object)
        if key not in known:
            rows.append((*key, " ".join(c.quote.split())))
            known.add(key)
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerows([_REJECTED_COLUMNS, *rows])
    return out.getvalue().encode("utf-8")
