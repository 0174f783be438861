"""Finding things the way people type them: full-text search over names, abbreviations, definitions and quotes.

The index is SQLite FTS5 (the standard library's sqlite3), built from the graph: one row per thing (organisation,
activity, theme, law, document, indicator, post, place, person, section, and the ontology's classes), with its names,
its other names and abbreviations, its definitions and notes, and the quotes of every piece of evidence about it.
Two FTS5 tables hold the same rows:

- ``woorden``: tokenizer ``unicode61 remove_diacritics 2``, so case, accents and punctuation (hyphens) do not
  matter and word order never does; each word of a search is matched whole or as the start of a word.
- ``stukken``: tokenizer ``trigram``, for a piece of a word (``weerbaarheid`` in *cyberweerbaarheid*, Dutch
  compounds) and for names typed without their spaces or hyphens (``exgedetineerden``), through a column of each
  name with everything but letters and digits taken out.

Hits are ranked by FTS5's own bm25 (names weigh more than definitions, definitions more than quotes); hits that
only the trigram table finds follow those of the word table. A search that finds nothing has its words
corrected against the index's own vocabulary (rapidfuzz) and is tried again; failing that, the nearest names
are suggested.

:meth:`SearchIndex.resolve` looks up a parameter value the same way, on names only and strictest first (the
whole name, whole words, starts of words, pieces of words), so that a name of another kind, two things one name
fits, and a name that fits nothing are told apart.

The index is kept in the user cache (``search/``), keyed by the input files' fingerprint, so a search in a new
process opens it without loading the graph; :func:`build_index` makes one in memory from any store.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from ..errors import InputError, OutputError
from ..project import Project
from ..util.atomic import write_bytes
from ..util.cache import cache_dir
from ..util.walk import reachable
from ..vocab import INFERRED_GRAPH, ONTOLOGY
from .reports import reports_in, section_reports

RECIPE = "3"  # change when what goes into the index changes
_OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
_GROUP = ONTOLOGY + "Groep"
# bm25 weights of the columns: a name counts most, then another name or abbreviation, then a definition or
# note, then a quote (the trigram table of names has the names without spaces and hyphens first).
_NAME_WEIGHTS = (10.0, 8.0)
_NAME_PIECE_WEIGHTS = (10.0, 10.0, 8.0)
_WORD_WEIGHTS = (10.0, 8.0, 2.0, 1.0)
_NEAR = 60  # the least rapidfuzz ratio (0-100) of a name suggested as the nearest
_LEFT_OUT = {ONTOLOGY + "Meeteenheid"}  # units (aantal, procent) are not things anyone looks for
# A quantity's label describes a figure of the text rather than naming a thing: it is searched as a definition, so
# that it does not come before the programme or body it counts ('Citydeal MKB').
_DESCRIBED = ONTOLOGY + "Hoeveelheid"


@dataclass(frozen=True)
class Kind:
    """A kind of thing users ask for by a word: ``organisaties``, ``themes``, ``wet`` …"""

    key: str  # the Dutch plural shown in 'rbvgraph list'
    cls: str  # the class (its subclasses count too)
    one: str  # one of them, in English, for messages ("a theme")
    words: tuple[str, ...] = ()  # every way to name it: Dutch and English, singular and plural
    without: tuple[str, ...] = ()  # subclasses that are a kind of their own


def _kind(key, local, one, *words, without=()):
    cls = _OWL_CLASS if local == "owl:Class" else ONTOLOGY + local
    return Kind(key, cls, one, (key, one) + words, tuple(ONTOLOGY + w for w in without))


KINDS: tuple[Kind, ...] = (
    _kind("organisaties", "Organisatie", "organisation", "organisatie", "organisations", "organizations",
          "organization"),
    _kind("gemeenten", "Gemeente", "municipality", "gemeente", "municipalities"),
    _kind("provincies", "Provincie", "province", "provincie", "provinces"),
    _kind("samenwerkingsverbanden", "Samenwerkingsverband", "collaboration body", "samenwerkingsverband",
          "collaborations", "collaboration"),
    _kind("activiteiten", "Activiteit", "activity", "activiteit", "activities"),
    _kind("programma's", "Programma", "programme", "programmas", "programma", "programmes", "programs", "program"),
    _kind("projecten", "Project", "project", "projects"),
    _kind("werkwijzen", "Werkwijze", "method", "werkwijze", "methods"),
    _kind("maatregelen", "Maatregel", "measure", "maatregel", "measures"),
    _kind("gebeurtenissen", "Gebeurtenis", "event", "gebeurtenis", "events"),
    _kind("thema's", "Thema", "theme", "themas", "thema", "themes", "topics", "topic"),
    _kind("wetten", "Regelgeving", "law", "wet", "regelgeving", "regelingen", "regeling", "laws", "regulations",
          "regulation"),
    _kind("documenten", "Document", "document", "documents", without=("Sectie", "Jaarverslag", "ExterneBron")),
    _kind("secties", "Sectie", "section", "sectie", "sections"),
    _kind("indicatoren", "Indicator", "indicator", "indicators", "cijfers", "figures"),
    _kind("functies", "Functie", "post", "functie", "rollen", "rol", "posts", "roles", "role"),
    _kind("personen", "Persoon", "person", "persoon", "people", "persons"),
    _kind("plaatsen", "Plaats", "place", "plaats", "places"),
    _kind("hoeveelheden", "Hoeveelheid", "quantity", "hoeveelheid", "aantallen", "quantities", "amounts"),
    _kind("soorten", "owl:Class", "class", "soort", "klassen", "klasse", "classes", "kinds"),
)


def kind_named(word: str) -> Kind | None:
    """The kind a user's word names (``Thema's``, ``themes``, ``organisatie``), or None."""
    wanted = compact(word)
    return next((k for k in KINDS if wanted in {compact(w) for w in k.words}), None)


def kind_called(word: str) -> Kind:
    """:func:`kind_named`, or an InputError listing the kinds."""
    found = kind_named(word)
    if found is None:
        raise InputError(f"unknown kind '{word}': choose one of {', '.join(k.key for k in KINDS)} "
                         "(Dutch or English, one or many)")
    return found


def kind_of_class(cls: str) -> Kind:
    """The kind of the things of a class: one of :data:`KINDS`, or one made for the class (``rbv:Politieonderdeel``)."""
    known = next((k for k in KINDS if k.cls == cls), None)
    if known is not None:
        return Kind(known.key, known.cls, known.one, known.words)  # everything of the class, excepted subclasses too
    local = cls.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return Kind(local.lower(), cls, local.lower())


_ACCENTS = re.compile(r"[\u0300-\u036f]")  # combining marks, once NFKD has split them off their letters
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, without accents, every run of other characters than letters and digits one space."""
    plain = _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _NOT_WORD.sub(" ", plain).strip()


def compact(text: str) -> str:
    """:func:`fold` without the spaces: ``Noardeast-Fryslân`` → ``noardeastfryslan``."""
    return fold(text).replace(" ", "")


@dataclass(frozen=True)
class Hit:
    """One thing found: its IRI, name, kind (the most specific class, in Dutch), sections and what matched."""

    iri: str
    name: str
    kind: str
    sections: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class Found:
    """A search's answer: the hits (ranked), how many there were in all, the corrected search text when the words
    as typed found nothing, and the nearest names when nothing was found at all."""

    hits: list[Hit]
    total: int
    corrected: str | None = None
    suggestions: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Resolution:
    """What a name given for a parameter turned out to be. ``match`` is set when exactly one thing of the expected
    kind fits (``exact`` when by its whole name); else ``candidates`` are the things of that kind it fits equally
    well, ``elsewhere`` the things of other kinds it names, and ``nearest`` the closest names of the right kind."""

    match: Hit | None = None
    exact: bool = False
    candidates: list[Hit] = field(default_factory=list)
    elsewhere: list[Hit] = field(default_factory=list)
    nearest: list[Hit] = field(default_factory=list)


_SCHEMA = """
CREATE TABLE dingen(id INTEGER PRIMARY KEY, iri TEXT UNIQUE NOT NULL, naam TEXT NOT NULL, soort TEXT NOT NULL,
                    secties TEXT NOT NULL, uitspraken INTEGER NOT NULL, ook TEXT NOT NULL);
CREATE TABLE klassen(id INTEGER NOT NULL, klasse TEXT NOT NULL);
CREATE INDEX klassen_klasse ON klassen(klasse, id);
CREATE TABLE namen(id INTEGER NOT NULL, naam TEXT NOT NULL, compact TEXT NOT NULL);
CREATE INDEX namen_compact ON namen(compact);
CREATE VIRTUAL TABLE naamwoorden USING fts5(naam, ook, tokenize="unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE woorden USING fts5(naam, ook, definitie, citaat, tokenize="unicode61 remove_diacritics 2");
CREATE VIRTUAL TABLE naamstukken USING fts5(compact, naam, ook, tokenize="trigram");
CREATE VIRTUAL TABLE stukken USING fts5(naam, ook, definitie, citaat, tokenize="trigram");
CREATE VIRTUAL TABLE woordenlijst USING fts5vocab(woorden, 'row');
"""

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rbv: <https://w3id.org/rbvgraph/def#>
"""
# The kinds are read from what the files assert (never the inferred graph: the superclasses are added here, and
# the reasoner's guesses from domains and ranges are not kinds), so the index is the same at every level.
_ASSERTED = f"FILTER(?g != <{INFERRED_GRAPH}>)"
_TYPES = _PREFIXES + """SELECT ?x ?c WHERE { GRAPH ?g { ?x a ?c } %s
  FILTER(isIRI(?x) && (STRSTARTS(STR(?c), STR(rbv:)) || (?c = owl:Class && STRSTARTS(STR(?x), STR(rbv:))))) }""" % _ASSERTED
_SUPER = _PREFIXES + "SELECT ?c ?d WHERE { GRAPH ?g { ?c rdfs:subClassOf ?d } %s FILTER(isIRI(?d)) }" % _ASSERTED
# The reasoner adds nothing about literals, evidence or sections: these read the union.
_TEXTS = _PREFIXES + """SELECT ?x ?p ?l WHERE {
  VALUES ?p { rdfs:label skos:prefLabel dcterms:title rbv:sectienummer skos:altLabel rbv:afkorting skos:hiddenLabel
              skos:definition rdfs:comment skos:note skos:scopeNote dcterms:description }
  ?x ?p ?l FILTER(isIRI(?x) && isLiteral(?l)) }"""
_QUOTES = _PREFIXES + """SELECT ?s ?o ?q ?sec ?n ?v WHERE { ?e a rbv:Bewijs ; rdf:subject ?s ; rdf:object ?o
  OPTIONAL { ?e rbv:citaat ?q } OPTIONAL { ?e rbv:sectie ?sec . ?sec rbv:sectienummer ?n ; rbv:volgorde ?v } }"""
_MENTIONS = _PREFIXES + """SELECT ?x ?sec ?n ?v WHERE {
  ?x rbv:vermeldIn ?sec . ?sec rbv:sectienummer ?n ; rbv:volgorde ?v }"""
_RDFS, _SKOS, _DCT = "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/"
_NAMES = {_RDFS + "label", _SKOS + "prefLabel", _DCT + "title", ONTOLOGY + "sectienummer"}
_OTHER_NAMES = {_SKOS + "altLabel", ONTOLOGY + "afkorting", _SKOS + "hiddenLabel"}
_CLASS_LABELS = _PREFIXES + "SELECT ?c ?l WHERE { ?c a owl:Class ; rdfs:label ?l FILTER(LANG(?l) = 'nl') }"
# Searched for only when asked (--kind, or a parameter that expects them): sections and the ontology's classes
# would otherwise come first for every word of a section title or a class name.
_ONLY_WHEN_ASKED = (ONTOLOGY + "Sectie", _OWL_CLASS)


@dataclass
class _Row:
    names: list[tuple[str, str, str]] = field(default_factory=list)  # (property, text, language)
    other: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    sections: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)  # (report, number) → order
    facts: int = 0
    classes: set[str] = field(default_factory=set)


def _sections_text(sections: dict[tuple[str, str], tuple[int, int]], several: bool) -> str:
    """``2.1.4, 2.2.2`` in report order; with more than one report, each report's numbers after its slug:
    ``jaarverslag-2023: 2.1.4, 2.2.2; jaarverslag-2024: 3.1``."""
    ordered = sorted(sections.items(), key=lambda item: item[1])
    if not several:
        return ", ".join(number for (_, number), _ in ordered)
    grouped: dict[str, list[str]] = {}
    for (report, number), _ in ordered:
        grouped.setdefault(report, []).append(number)
    return "; ".join(f"{report}: {', '.join(numbers)}" for report, numbers in grouped.items())


def build_index(store: ox.Store) -> "SearchIndex":
    """The search index of the graph in ``store``, in memory (:func:`index_for` keeps a copy in the user cache)."""
    rows: dict[str, _Row] = {}

    def query(text):
        return store.query(text, use_default_graph_as_union=True)

    report_of = section_reports(store)
    reports = {r.iri: (rank, r.slug) for rank, r in enumerate(reports_in(store, report_of))}
    section = lambda r: (reports.get(report_of.get(r["sec"].value), (0, ""))[1], r["n"].value)
    place = lambda r: (reports.get(report_of.get(r["sec"].value), (0, ""))[0], int(r["v"].value))
    for r in query(_TYPES):
        if r["c"].value not in _LEFT_OUT:
            rows.setdefault(r["x"].value, _Row()).classes.add(r["c"].value)
    parents: dict[str, set[str]] = {}
    for r in query(_SUPER):
        parents.setdefault(r["c"].value, set()).add(r["d"].value)
    for row in rows.values():
        row.classes = reachable(row.classes, parents)
    for r in query(_TEXTS):
        row = rows.get(r["x"].value)
        if row is None:
            continue
        prop, literal = r["p"].value, r["l"]
        if prop in _NAMES:
            row.names.append((prop, literal.value, literal.language or ""))
        elif prop in _OTHER_NAMES:
            row.other.append(literal.value)
        else:
            row.definitions.append(literal.value)
    for r in query(_QUOTES):
        for end in (r["s"], r["o"]):
            row = rows.get(end.value) if isinstance(end, ox.NamedNode) else None
            if row is None:
                continue
            row.facts += 1
            if r["q"] is not None:
                row.quotes.append(r["q"].value)
            if r["n"] is not None:
                row.sections[section(r)] = place(r)
    for r in query(_MENTIONS):
        row = rows.get(r["x"].value)
        if row is not None:
            row.sections[section(r)] = place(r)
    class_names = {r["c"].value: r["l"].value for r in query(_CLASS_LABELS)}
    several = len(reports) > 1

    things, classes, names, name_texts, texts, pieces = [], [], [], [], [], []
    for number, (iri, row) in enumerate(sorted(rows.items()), start=1):
        own = _unique([text for _, text, _ in row.names])
        other = _unique(row.other)
        if not own and not other:
            continue
        sections = _sections_text(row.sections, several)
        things.append((number, iri, _display_name(row), _kind_label(row.classes, class_names, parents), sections,
                       row.facts, "; ".join(o for o in other if o not in own)))
        classes += [(number, c) for c in sorted(row.classes)]
        definitions = _unique(row.definitions)
        if _DESCRIBED in row.classes:  # its label describes a number ('twee bij het RIEC-bureau gedetacheerde …')
            own, other, definitions = [], [], own + other + definitions
        compacted = {n: compact(n) for n in _unique(own + other)}
        names += [(number, n, c) for n, c in compacted.items()]
        naam, ook = "\n".join(own), "\n".join(other)
        if naam or ook:
            name_texts.append((number, naam, ook))
            pieces.append((number, " ".join(compacted.values()), naam, ook))
        texts.append((number, naam, ook, "\n".join(definitions), "\n".join(_unique(row.quotes))))

    db = sqlite3.connect(":memory:")
    db.executescript(_SCHEMA)
    db.executemany("INSERT INTO dingen VALUES (?, ?, ?, ?, ?, ?, ?)", things)
    db.executemany("INSERT INTO klassen VALUES (?, ?)", classes)
    db.executemany("INSERT INTO namen VALUES (?, ?, ?)", names)
    db.executemany("INSERT INTO naamwoorden(rowid, naam, ook) VALUES (?, ?, ?)", name_texts)
    db.executemany("INSERT INTO woorden(rowid, naam, ook, definitie, citaat) VALUES (?, ?, ?, ?, ?)", texts)
    db.executemany("INSERT INTO naamstukken(rowid, compact, naam, ook) VALUES (?, ?, ?, ?)", pieces)
    db.executemany("INSERT INTO stukken(rowid, naam, ook, definitie, citaat) VALUES (?, ?, ?, ?, ?)", texts)
    db.commit()
    return SearchIndex(db)


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _display_name(row: _Row) -> str:
    """The Dutch name: the section number and title for a section, else skos:prefLabel, else rdfs:label."""
    def first(prop, languages=("nl", "")):
        for language in languages:
            for p, text, lang in row.names:
                if p == prop and lang == language:
                    return text
        return None

    number, title = first(ONTOLOGY + "sectienummer"), first(_DCT + "title")
    if number and title:
        return f"{number} {title}"
    return (first(_SKOS + "prefLabel") or first(_RDFS + "label") or title or first(_RDFS + "label", ("en",))
            or (row.names[0][1] if row.names else row.other[0]))


def _kind_label(classes: set[str], class_names: dict[str, str], parents: dict[str, set[str]]) -> str:
    """The most specific classes of the ontology, in Dutch; a group says so after its kind."""
    if _OWL_CLASS in classes:
        return "soort"
    own = {c for c in classes if c.startswith(ONTOLOGY) and c in class_names} - {_GROUP}
    broader = set().union(*(reachable({c}, parents) - {c} for c in own)) if own else set()
    specific = sorted(class_names[c] for c in own - broader)
    return ", ".join(specific or ["groep"]) + (" (groep)" if _GROUP in classes and specific else "")


class SearchIndex:
    """An opened search index (an SQLite connection); see the module's docstring."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    # ---- search

    def search(self, text: str, kind: Kind | None = None, limit: int | None = 20) -> Found:
        """Things that ``text`` finds, best first (at most ``limit``; None for all)."""
        words = _words(text)
        if not words:
            return Found([], 0)
        ids = self._ranked(words, kind)
        corrected = None
        if not ids:
            better = self._corrected(words)
            if better != words:
                ids, corrected = self._ranked(better, kind), " ".join(better)
        if not ids:
            return Found([], 0, None, self.nearest(text, kind))
        shown = ids if limit is None else ids[:limit]
        return Found([self._hit(i, snippet) for i, snippet in shown], len(ids), corrected)

    def _ranked(self, words: list[str], kind: Kind | None) -> list[tuple[int, str]]:
        """(id, snippet) of every hit, in five groups, each but the first in bm25 order: the things with the name
        typed (the whole name, without case, accents, spaces and hyphens); all words in the names (whole or the
        start of a word); as pieces of the names; anywhere (definitions, quotes); and as pieces anywhere."""
        restrict, args = self._kind_filter(kind, "id")
        named = self.db.execute(f"SELECT DISTINCT id FROM namen WHERE compact = ? {restrict} ORDER BY id",
                                ("".join(words), *args)).fetchall()
        found: dict[int, str] = {i: "" for (i,) in named}
        words_match = _word_query(words)
        for table, match, weights in (("naamwoorden", words_match, _NAME_WEIGHTS),
                                      ("naamstukken", _piece_query(words), _NAME_PIECE_WEIGHTS),
                                      ("woorden", words_match, _WORD_WEIGHTS),
                                      ("stukken", _piece_query(words, compacted=False), _WORD_WEIGHTS)):
            if match:
                for number, snippet in self._fts(table, match, weights, kind):
                    if not found.get(number):
                        found[number] = snippet
        return list(found.items())

    def _fts(self, table: str, match: str, weights, kind: Kind | None) -> list[tuple[int, str]]:
        """(id, snippet) of the rows ``match`` finds in ``table``, in bm25 order. The snippet is the words found in
        a definition or quote (a name found is the hit's name itself)."""
        weight_list = ", ".join(str(w) for w in weights)
        restrict, args = self._kind_filter(kind, f"{table}.rowid")
        texts = table in ("woorden", "stukken")
        snippets = (f", snippet({table}, 2, '[', ']', '…', 12), snippet({table}, 3, '[', ']', '…', 12)" if texts
                    else ", '', ''")
        sql = (f"SELECT {table}.rowid{snippets} FROM {table} WHERE {table} MATCH ? {restrict} "
               f"ORDER BY bm25({table}, {weight_list}), {table}.rowid")
        return [(i, quote if "[" in quote else definition if "[" in definition else "")
                for i, definition, quote in self.db.execute(sql, (match, *args))]

    @staticmethod
    def _kind_filter(kind: Kind | None, column: str) -> tuple[str, list]:
        """SQL that keeps the things of ``kind`` (without its excepted subclasses); with no kind, everything but
        sections and classes."""
        inside, outside = ([kind.cls], kind.without) if kind else ([], _ONLY_WHEN_ASKED)
        sql = "".join(f" AND {column} IN (SELECT id FROM klassen WHERE klasse = ?)" for _ in inside)
        sql += "".join(f" AND {column} NOT IN (SELECT id FROM klassen WHERE klasse = ?)" for _ in outside)
        return sql, [*inside, *outside]

    def _corrected(self, words: list[str]) -> list[str]:
        """Each word that starts no word of the index replaced by the closest word of the index (rapidfuzz)."""
        from rapidfuzz import fuzz, process

        vocabulary = None
        better = []
        for word in words:
            known = self.db.execute("SELECT 1 FROM woordenlijst WHERE term >= ? AND term < ? LIMIT 1",
                                    (word, word + "\uffff")).fetchone()
            if known or len(word) < 4:
                better.append(word)
                continue
            if vocabulary is None:
                vocabulary = [t for (t,) in self.db.execute("SELECT term FROM woordenlijst")]
            best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=75)
            better.append(best[0] if best else word)
        return better

    def nearest(self, text: str, kind: Kind | None = None, count: int = 3) -> list[Hit]:
        """The things whose names are closest to ``text`` (rapidfuzz's normalised Indel similarity of the folded
        names: WRatio's partial matching calls any name with three letters of a short word in it close), of
        ``kind`` if given."""
        from rapidfuzz import fuzz, process

        restrict, args = self._kind_filter(kind, "id")
        names = self.db.execute(f"SELECT id, naam FROM namen WHERE 1 {restrict}", args).fetchall()
        best: dict[int, float] = {}
        for _, score, index in process.extract(fold(text), [fold(n) for _, n in names], scorer=fuzz.ratio,
                                               limit=count * 4, score_cutoff=_NEAR):
            thing = names[index][0]
            best[thing] = max(best.get(thing, 0), score)
        ranked = sorted(best, key=lambda i: (-best[i], i))[:count]
        return [self._hit(i) for i in ranked]

    # ---- parameters

    def resolve(self, text: str, kind: Kind | None = None) -> Resolution:
        """The thing of ``kind`` a parameter value names: see :class:`Resolution`."""
        words = _words(text)
        for exact, ids in self._name_tiers(text, words):
            fitting = self._of_kind(ids, kind)
            if len(fitting) == 1:
                return Resolution(match=self._hit(fitting[0]), exact=exact)
            if fitting:
                return Resolution(candidates=[self._hit(i) for i in fitting])
        for _, ids in self._name_tiers(text, words):
            others = self._of_kind(ids, None)
            if others:
                return Resolution(elsewhere=[self._hit(i) for i in others], nearest=self.nearest(text, kind))
        return Resolution(nearest=self.nearest(text, kind))

    def _name_tiers(self, text: str, words: list[str]):
        """Ids of the things a name fits, strictest first: the whole name (without case, accents, spaces and
        hyphens), all words whole, all words as the start of a word, all words as pieces of names."""
        whole = compact(text)
        if whole:
            yield True, [i for (i,) in self.db.execute(
                "SELECT DISTINCT id FROM namen WHERE compact = ? ORDER BY id", (whole,))]
        if not words:
            return
        yield False, self._ids("naamwoorden", " AND ".join(_quoted(w) for w in words), _NAME_WEIGHTS)
        yield False, self._ids("naamwoorden", " AND ".join(_quoted(w) + "*" for w in words), _NAME_WEIGHTS)
        pieces = _piece_query(words)
        if pieces:
            yield False, self._ids("naamstukken", pieces, _NAME_PIECE_WEIGHTS)

    def _ids(self, table: str, match: str, weights) -> list[int]:
        weight_list = ", ".join(str(w) for w in weights)
        return [i for (i,) in self.db.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}, {weight_list}), rowid", (match,))]

    def _of_kind(self, ids: list[int], kind: Kind | None) -> list[int]:
        """The ids of things of ``kind`` (None: of any kind searched by default), in the same order."""
        if not ids:
            return ids
        restrict, args = self._kind_filter(kind, "id")
        marks = ", ".join("?" * len(ids))
        allowed = {i for (i,) in self.db.execute(f"SELECT id FROM dingen WHERE id IN ({marks}) {restrict}", (*ids, *args))}
        return [i for i in ids if i in allowed]

    # ---- names, for finding the things a text mentions

    def names(self) -> list[tuple[str, str, tuple[str, ...], str]]:
        """(IRI, name, classes, the thing's display name) for every name and other name (abbreviation) of every
        thing searched by default (not sections or classes), sorted: what :mod:`rbvgraph.ingest` looks for in a
        new report's text."""
        restrict, args = self._kind_filter(None, "d.id")
        classes: dict[int, list[str]] = {}
        for number, cls in self.db.execute("SELECT id, klasse FROM klassen ORDER BY id, klasse"):
            classes.setdefault(number, []).append(cls)
        rows = self.db.execute(f"SELECT d.id, d.iri, n.naam, d.naam FROM namen n JOIN dingen d ON d.id = n.id "
                               f"WHERE 1 {restrict} ORDER BY d.iri, n.naam", args).fetchall()
        return [(iri, name, tuple(classes.get(number, ())), shown) for number, iri, name, shown in rows]

    # ---- things by IRI and by kind

    def thing(self, iri: str) -> Hit | None:
        """The thing with this IRI, or None when the graph has no such thing."""
        row = self.db.execute("SELECT id FROM dingen WHERE iri = ?", (iri,)).fetchone()
        return self._hit(row[0]) if row else None

    def is_a(self, iri: str, kind: Kind) -> bool:
        row = self.db.execute("SELECT id FROM dingen WHERE iri = ?", (iri,)).fetchone()
        return bool(row) and bool(self._of_kind([row[0]], kind))

    def things(self, kind: Kind) -> list[tuple[Hit, str, int]]:
        """Every thing of ``kind`` as (hit, its other names and abbreviations, number of facts about it), by name."""
        restrict, args = self._kind_filter(kind, "id")
        rows = self.db.execute(f"SELECT id, ook, uitspraken FROM dingen WHERE 1 {restrict}", args).fetchall()
        out = [(self._hit(i), other, facts) for i, other, facts in rows]
        return sorted(out, key=lambda item: (fold(item[0].name), item[0].iri))

    def every_thing(self) -> list[tuple[Hit, str]]:
        """Every thing but the ontology's classes (sections too) as (hit, its other names and abbreviations), by IRI."""
        rows = self.db.execute("SELECT id, ook FROM dingen WHERE id NOT IN (SELECT id FROM klassen WHERE klasse = ?) "
                               "ORDER BY iri", (_OWL_CLASS,)).fetchall()
        return [(self._hit(i), other) for i, other in rows]

    def count(self, kind: Kind) -> int:
        restrict, args = self._kind_filter(kind, "id")
        return self.db.execute(f"SELECT COUNT(*) FROM dingen WHERE 1 {restrict}", args).fetchone()[0]

    def _hit(self, number: int, snippet: str = "") -> Hit:
        iri, name, kind, sections = self.db.execute(
            "SELECT iri, naam, soort, secties FROM dingen WHERE id = ?", (number,)).fetchone()
        return Hit(iri, name, kind, sections, " ".join(snippet.split()))


def _words(text: str) -> list[str]:
    return fold(text).split()


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _word_query(words: list[str]) -> str:
    """Every word whole or as the start of a word; a whole word scores twice (bm25 sums both)."""
    return " AND ".join(f"({_quoted(w)} OR {_quoted(w)}*)" for w in words)


def _piece_query(words: list[str], compacted: bool = True) -> str:
    """The trigram query: each word of three letters or more as a piece of the text, or (``compacted``: the
    table has the names without spaces and hyphens in its first column) the words run together as a piece of a
    name."""
    long_words = [w for w in words if len(w) >= 3]
    parts = []
    if compacted and len("".join(words)) >= 3:
        parts.append(f"compact : {_quoted(''.join(words))}")
    if long_words:
        parts.append("(" + " AND ".join(_quoted(w) for w in long_words) + ")")
    return " OR ".join(parts)


# ---- the index of a project, cached


def index_for(proj: Project, store: Callable[[], ox.Store] | ox.Store) -> SearchIndex:
    """The project's search index: read from the user cache when its inputs have not changed, else built from the
    graph (``store``, or a function that loads it, called only then) and kept there. When the cache cannot be
    written, the index is built in memory."""
    path = cache_dir() / "search" / f"{proj.fingerprint()}-{RECIPE}.sqlite"
    found = _open(path)
    if found is not None:
        return found
    index = build_index(store() if callable(store) else store)
    try:  # the SQLite file written as every file of the project is: whole or not at all
        write_bytes(path, index.db.serialize())
    except (OutputError, sqlite3.Error):
        return index
    _prune(path)
    return index


def _open(path: Path) -> SearchIndex | None:
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.execute("SELECT COUNT(*) FROM dingen").fetchone()
        return SearchIndex(db)
    except sqlite3.Error:
        path.unlink(missing_ok=True)
        return None


def _prune(path: Path, keep: int = 4) -> None:
    """Keep the newest ``keep`` indexes."""
    try:
        old = sorted(path.parent.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]
        for other in old:
            other.unlink(missing_ok=True)
    except OSError:
        pass
