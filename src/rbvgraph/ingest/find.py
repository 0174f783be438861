"""What a sentence names: the things the graph already knows (linked to their IRI) and names it does not know yet
(proposed as new things, with the pattern that found them and a proposed class).

Known names are every name and abbreviation of the search index (:meth:`SearchIndex.names`), matched as forgivingly
as the search matches names: case, accents, hyphens and spaces do not matter (``ex-gedetineerden`` is
``Exgedetineerden``), and a name of five letters or more may take a Dutch plural or genitive ending (``-s``,
``-en``, ``-n``, ``-e``). An abbreviation or a name of four letters or less is matched in its own case only
(``OM`` is not the word *om*). The longest name wins.

A name carries its region: a known thing followed by another region ('RIEC Oost-Nederland') is not the thing
the graph knows but a new one of that region; in a report of another region, a regional thing named without its
region ('het RIEC', 'Platform Veilig Ondernemen') is that region's own, proposed as new with the region added.

A new thing is named as the report words it: a head word with its adjectives and what qualifies it ('onderzoek
naar zaken van online seksueel kindermisbruik'), a numbered title ('Spoor 1: Eigen huis op orde'), capitalised
words over a known name inside them. One phrase gives one proposal: its shorter readings are alternative names
(:func:`_reading`, :func:`_preferred`). What names no body (NOT_ORGANISATIONS: 'Rusland', 'Friese', 'Daarnaast')
is not proposed (:func:`_no_body`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..graph.search import compact, fold
from ..vocab import INSTANCES, ONTOLOGY
from .lexicon import (ACTIVITY_NOUNS, ADJECTIVE_ENDINGS, CONNECTORS, GROUP_LINKS, GROUP_NOUNS, HEAD_WORDS, HOME_REGION,
                      INHABITANT_ENDINGS, LEADING_WORDS, MONTHS, NATIONAL_WORDS, NOT_ADJECTIVES, NOT_NAMES,
                      NOT_ORGANISATIONS, NUMBERED_TITLE_LABEL, NUMBERED_TITLE_NAME, ORGANISATION_NOUNS,
                      REGION_PATTERN, REGIONAL_CLASSES, REGIONS)

_TOKEN = re.compile(r"[^\W_\u00b2\u00b3\u00b9\u2070-\u2079]+")
_ENDINGS = ("s", "en", "n", "e")
_MAX_TOKENS = 12
_REGION_AFTER = re.compile(rf"^\s*(?:in |van |regio )?({REGION_PATTERN})\b")
# a name in quotes (a footnote mark may follow it)
_QUOTED = re.compile(r"(?<!\w)['‘\"“]([A-Z][^'’\"”]{2,120}?)['’\"”](?![A-Za-zà-ÿ])")
# a term in quotes that starts in lower case: ‘financiële vingerafdruk’, ‘probleemgericht werken’
_QUOTED_TERM = re.compile(r"(?<!\w)['‘\"“]([a-zà-ÿ][^'’\"”.,;:]{2,60}?)['’\"”](?![A-Za-zà-ÿ])")
# a numbered title: 'Spoor 1: Eigen huis op orde', 'Actielijn 2: Weerbare jongeren'
_NUMBERED_TITLE = re.compile(rf"^\s*({NUMBERED_TITLE_LABEL}):\s+({NUMBERED_TITLE_NAME}?)\s*\.?\s*$")
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_ABBREVIATION_INSIDE = re.compile(r" \([A-Z][A-Za-z&]{1,9}\) (?:in|van|voor) (?=[A-Z])")
_PREFIX_OF_CLASS = {"Document": "document", "Regelgeving": "regelgeving", "Thema": "thema", "Plaats": "plaats",
                    "Indicator": "indicator", "Functie": "functie", "Persoon": "persoon"}
_NUMBER = re.compile(r"^(?:[-–]|€?\s*[\d.,]+\s*(?:%|mln|min|sec)?|[\d.,]+\s*%)$")
_ACTIVITY = {"Activiteit", "Programma", "Project", "Werkwijze", "Maatregel", "Gebeurtenis"}
_YEAR = re.compile(r"^\d{4}$")
# what joins two words of one name: white space (not a tab: it parts the cells of a table), the '*' of emphasis
# ('een *preventief* tijdelijk huisverbod'), a hyphen, an ampersand
_JOIN = re.compile(r"[^\S\t]*\*+[^\S\t]*|[^\S\t]+|-\s*|\s*&\s*")
_THEME = ONTOLOGY + "Thema"
# the kinds of things a region has its own of: organisations, bodies, posts, programmes (not themes or places)
_BODIES = tuple("#" + c for c in ("Organisatie", "Samenwerkingsverband", "Functie", "Programma", "Project"))
_ARTICLES = {"de", "het", "der"}
_PREPOSITIONS = {"van", "naar", "voor", "tegen", "over", "rond", "bij"}  # that start what qualifies a head word
# prepositions that start what qualifies a head word ('onderzoek naar zaken van …', 'workshops over … in de …')
_QUALIFYING = _PREPOSITIONS | {"onder", "op", "met", "in", "uit"}
# words that end a qualifier: verbs and small words that are no noun ('die', 'wordt', 'zijn', 'om')
# and words of time, place in a text or manner that end one too ('in de periode', 'in november', 'van belang',
# 'over het algemeen', 'in toenemende mate')
_NO_NOUNS = {"is", "zijn", "was", "waren", "wordt", "worden", "werd", "werden", "heeft", "hebben", "had", "kan",
             "kunnen", "zal", "zullen", "moet", "moeten", "om", "te", "dat", "die", "dit", "deze", "wat", "wie",
             "waar", "waarin", "waarbij", "zich", "ook", "nog", "niet", "wel", "al", "meer", "zo", "als", "dan",
             "en", "of", "maar", "want", "er", "hun", "haar", "ons", "onze",
             "periode", "maand", "maanden", "week", "weken", "dag", "dagen", "tijd", "jaar", "jaren", *MONTHS,
             "belang", "algemeen", "mate", "kader", "bijzonder", "aansturing", "geval", "gevallen", "bijvoorbeeld",
             "zin"}


def _endings(*more: str) -> str:
    """The adjective endings of the lexicon and ``more``, as alternatives of a regular expression."""
    return "|".join(ADJECTIVE_ENDINGS + more)


# a capitalised adjective alone ('Positieve', 'Groningse')
_LONE_ADJECTIVE = re.compile(rf"(?:{_endings('se', 'sche', 'ieve', 'ige', 'lijke', 'ele', 'ale', 'baar')})$")
# a lower-case word that can stand before a noun in a name ('integrale', 'bestuurlijke')
_BEFORE_NOUN = re.compile(rf"[a-zà-ÿ]{{3,}}(?:e|{_endings()})")
_ADDRESS = re.compile(r"<[^>]*>|https?://\S+|www\.\S+")
_DATE_AFTER = re.compile(rf" (?:van|op) (?:\d{{1,2}} )?(?:{'|'.join(MONTHS)})(?: \d{{4}})?\b")
_REGION_NAMES = {" ".join(fold(r).replace("-", " ").split()) for r in REGIONS}


@dataclass(frozen=True)
class Thing:
    """A thing the graph knows, under one of its names."""

    iri: str
    name: str
    classes: tuple[str, ...]
    label: str  # its first name, to show


@dataclass(frozen=True)
class Mention:
    """A name in a sentence: of a known thing (``things``) or a proposed new one (``proposed`` set)."""

    start: int
    end: int
    text: str  # verbatim, as it stands in the sentence
    things: tuple[Thing, ...] = ()
    proposed: str = ""  # the IRI minted for a new thing
    cls: str = ""  # its proposed class (local name)
    pattern: str = ""  # how it was found
    confidence: float = 0.0
    abbreviation: str = ""
    name: str = ""  # a new thing's name, where it is not the text itself ('RIEC' in a report of Oost-Nederland)
    alternatives: tuple[str, ...] = ()  # a new thing's other readings: 'project Weerbaar', 'Weerbaar bestuur'

    @property
    def label(self) -> str:
        """A new thing's preferred name."""
        return self.name or self.text


def _strict(name: str) -> bool:
    letters = re.sub(r"\W", "", name)
    return len(letters) <= 4 or (" " not in name and sum(c.isupper() for c in letters) >= 2 and len(letters) <= 10)


def _region_of(names: list[str], classes: tuple[str, ...]) -> str | None:
    """The region a known thing belongs to: the one its name carries, else Noord-Nederland for a regional kind of
    body (an RIEC, the Platform Veilig Ondernemen) that no name calls national; None for the rest."""
    for region in REGIONS:
        if any(region.casefold() in n.casefold() for n in names):
            return region
    national = any(word in fold(n).split() or fold(n).startswith(word) for n in names for word in NATIONAL_WORDS)
    if any(c.endswith("#" + k) for c in classes for k in REGIONAL_CLASSES) and not national:
        return HOME_REGION
    return None


class Names:
    """The known names, by their compact form."""

    def __init__(self, rows: list[tuple[str, str, tuple[str, ...], str]]):
        by_iri: dict[str, list[str]] = {}
        classes_of: dict[str, tuple[str, ...]] = {}
        for iri, name, classes, _ in rows:
            by_iri.setdefault(iri, []).append(name)
            classes_of[iri] = classes
        self.regions = {iri: _region_of(names, classes_of[iri]) for iri, names in by_iri.items()}
        self.keys: dict[str, list[Thing]] = {}
        for iri, name, classes, shown in rows:
            key = compact(name)
            if len(key) < 2:
                continue
            thing = Thing(iri, name, classes, shown)
            if all(t.iri != iri for t in self.keys.get(key, [])):
                self.keys.setdefault(key, []).append(thing)

    def known(self, name: str) -> bool:
        """Whether the graph knows ``name``, also with an article before it: 'gemeenten' is known as 'de
        gemeenten' (a group is often named with its article only)."""
        key = compact(name)
        return any(article + key in self.keys for article in ("", "de", "het"))


def mint(name: str, cls: str) -> str:
    """The IRI a new thing named ``name`` of class ``cls`` gets: its kind's folder and the name's slug."""
    folder = _PREFIX_OF_CLASS.get(cls, "activiteit" if cls in _ACTIVITY else "organisatie")
    return f"{INSTANCES}{folder}/{'-'.join(fold(name).split())}"


def table_row(cells: tuple[str, ...], sentence: str, names: Names) -> Mention | None:
    """A row of a table as a new thing: a row of figures ('- Aantal overvallen, -, 33, 24 …') names an indicator,
    a row of a list of abbreviations ('TFO, Taskforce Ondermijning') a thing with its abbreviation."""
    if len(cells) < 2 or not cells[0]:
        return None
    numbers = sum(1 for c in cells[1:] if c and _NUMBER.match(c))
    if len(cells) >= 3 and numbers >= 2:
        name, cls, pattern, short = cells[0].lstrip("-– ").strip(), "Indicator", "rij van een tabel met cijfers", ""
    elif len(cells) == 2 and re.fullmatch(r"[A-Z(][\w()/-]{1,9}(?: \w+)?", cells[0]) and cells[1][:1].isupper():
        name, short = cells[1], cells[0]
        cls, pattern = _class_of([(0, 0, w) for w in name.split()]), "lijst van afkortingen"
    else:
        return None
    at = sentence.find(name)
    if at < 0 or len(name) < 3 or names.known(name) or names.known(_without_owner(name, names)) or (
            short and names.known(short)):
        return None  # 'SGBO  Staf Grootschalig en Bijzonder Politieoptreden (politie)': the graph knows SGBO
    return Mention(at, at + len(name), name, proposed=mint(name, cls), cls=cls, pattern=pattern, confidence=0.6,
                   abbreviation=short)


def _without_owner(name: str, names: Names) -> str:
    """``name`` without a trailing '(…)' that names a known organisation it belongs to: 'Dienst Regionale Recherche
    (politie)' is the 'Dienst Regionale Recherche' of the politie."""
    owner = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)
    return owner.group(1) if owner and names.known(owner.group(2)) else name


class Finder:
    """Finds the mentions in a sentence; ``region`` is the report's own region (None: the curated one's)."""

    def __init__(self, names: Names, region: str | None = None):
        self.names = names
        self.region = region

    def mentions(self, sentence: str, footnote: bool = False) -> list[Mention]:
        """The mentions in ``sentence``, in order; web addresses are skipped, and in a ``footnote`` (a citation)
        runs of capitalised words are not taken for names (authors, places of publication)."""
        addresses = [m.span() for m in _ADDRESS.finditer(sentence)]
        tokens = []  # (start, end, word, joined to the word before by white space or a hyphen only)
        for m in _TOKEN.finditer(sentence):
            if not any(s <= m.start() < e for s, e in addresses):
                joined = bool(tokens) and _JOIN.fullmatch(sentence[tokens[-1][1]:m.start()]) is not None
                tokens.append((m.start(), m.end(), m.group(), joined))
        keys = [compact(t[2]) for t in tokens]
        found: list[Mention] = []
        taken: set[int] = set()
        i = 0
        while i < len(tokens):
            hit = self._known_at(sentence, tokens, keys, i)
            if hit is None:
                i += 1
                continue
            j, mention = hit
            while j + 1 < len(tokens) and tokens[j + 1][0] < mention.end:  # a name with its region after it
                j += 1
            found.append(mention)
            found += self._inside(sentence, tokens, keys, i, j, mention)
            taken.update(range(i, j + 1))
            i = j + 1
        found += self._proposals(sentence, tokens, taken, footnote, list(found))
        return sorted(found, key=lambda m: (m.start, -m.end))

    # ---- known things

    def _inside(self, sentence, tokens, keys, i, j, outer: Mention) -> list[Mention]:
        """Known names inside a longer known name ('Ter Apel' in 'instroom van asielzoekers in Ter Apel'): the
        text mentions them too."""
        inner, k = [], i + 1 if outer.things else i
        while k <= j and j - i >= 1:
            hit = self._known_at(sentence, tokens[:j + 1], keys[:j + 1], k)
            if hit is None or (hit[0] == j and k == i):
                k += 1
                continue
            if hit[1].things and not (hit[1].start == outer.start and hit[1].end == outer.end):
                inner.append(hit[1])
            k = hit[0] + 1
        return inner

    def _known_at(self, sentence, tokens, keys, i):
        for j in range(min(len(tokens), i + _MAX_TOKENS) - 1, i - 1, -1):
            key = "".join(keys[i:j + 1])
            start, end = tokens[i][0], tokens[j][1]
            text = sentence[start:end]
            things = [t for t in self.names.keys.get(key, []) if self._fits(t.name, text)]
            exact = bool(things)
            if not things and not _strict(text):  # 'gemeenten', known as 'de gemeenten' (not inside 'De aanjager')
                things = [t for article in ("de", "het") if i == 0 or keys[i - 1] != article
                          for t in self.names.keys.get(article + key, [])]
            if not things and len(key) >= 6:
                for ending in _ENDINGS:
                    if keys[j].endswith(ending) and len(keys[j]) > len(ending) + 2:
                        things = [t for t in self.names.keys.get(key[:-len(ending)], []) if not _strict(t.name)]
                        if things:
                            break
            if things:
                return j, self._link(sentence, start, end, text, things, tokens, i, exact)
        return None

    @staticmethod
    def _fits(name: str, text: str) -> bool:
        if _strict(name):
            return re.sub(r"\W", "", name) == re.sub(r"\W", "", text)
        return True

    def _link(self, sentence, start, end, text, things, tokens, i, exact) -> Mention:
        if len(things) > 1:  # 'Groningen': the gemeente unless 'provincie' stands before it
            before = fold(sentence[max(0, start - 12):start]).split()[-1:]
            wanted = "Provincie" if before and before[0].startswith("provincie") else "Gemeente"
            chosen = [t for t in things if any(c.endswith("#" + wanted) for c in t.classes)]
            things = chosen or things
        after = _REGION_AFTER.match(sentence[end:])
        region = self.names.regions.get(things[0].iri)
        if not any(c.endswith(_BODIES) for c in things[0].classes):
            after = region = None  # a theme or a place followed by a region is still that theme or place
        if after and after.group(1).casefold() not in text.casefold() and after.group(1) != region:
            name = sentence[start:end + after.end()]
            return Mention(start, end + after.end(), name, proposed=mint(name, _local(things[0].classes)),
                           cls=_local(things[0].classes), pattern=f"naam met regio ({after.group(1)}): niet "
                           f"{things[0].label}", confidence=0.7)
        if (region and self.region and self.region != region and region.casefold() not in text.casefold()):
            name = f"{text} {self.region}"
            return Mention(start, end, text, proposed=mint(name, _local(things[0].classes)), name=name,
                           cls=_local(things[0].classes), confidence=0.5,
                           pattern=f"regionaal zonder regio in een verslag van {self.region}: niet {things[0].label}")
        own = self.names.keys.get(compact(text) + compact(self.region or HOME_REGION), [])
        if own and not region:  # 'de politie' in a report of Noord-Nederland: also its unit 'politie Noord-Nederland'
            return Mention(start, end, text, tuple(things) + tuple(t for t in own if t not in things), confidence=0.6)
        confidence = (0.9 if exact and len(text) > 4 else 0.8 if exact else 0.7) - (0.3 if len(things) > 1 else 0)
        return Mention(start, end, text, tuple(things), confidence=round(confidence, 2))

    # ---- new things

    def _proposals(self, sentence, tokens, taken, footnote, known) -> list[Mention]:
        found: dict[tuple[int, int], Mention] = {}

        def add(a: int, b: int, pattern: str, cls: str, confidence: float, abbreviation: str = "",
                over_known: bool = False):
            """Propose tokens a..b unless they are a known name or start with one (a known name may stand inside
            a longer name: 'Team Migratiecriminaliteit en Mensenhandel'; ``over_known``: a known word with what
            qualifies it, 'opsporing van drugslaboratoria'), or are no body at all (:func:`_no_body`). Leading
            sentence words and articles ('Ook de …') are no part of a name, except in quotes.

            One phrase, one candidate: a shorter proposal inside a longer one that starts with it or after its head
            word only ('project Weerbaar' in 'project Weerbaar bestuur', 'Samen tegen mensenhandel' in 'programma
            Samen tegen mensenhandel') is another reading of the same thing, kept as an alternative name of the
            longest; a name after a preposition inside it ('Stop it Now' in 'nieuwe campagne van Stop it Now') is a
            thing of its own."""
            quoted = "aanhalingstekens" in pattern
            while a < b and tokens[a][2].lower() in LEADING_WORDS and not quoted:
                a += 1
            while b > a and tokens[b][2].lower() in CONNECTORS and not quoted:
                b -= 1  # not 'Tops en' of 'Tops en Van der Torre'
            start, end = tokens[a][0], tokens[b][1]
            text = sentence[start:end].strip(" ,.;:")
            # 'RIEC-convenant' (not 'Midden- en Klein …')
            compound = a in taken and re.match(r"-\w", sentence[tokens[a][1]:tokens[a][1] + 2]) is not None
            group = pattern.startswith("groep")  # 'banken en verzekeraars' may start with a known group
            if len(text) < 3 or self.names.known(text) or (a in taken and not (compound or group or over_known)) or (
                    a == b and b in taken) or (not quoted and _no_body(tokens[a:b + 1])):
                return
            name = " ".join(text.replace("*", " ").split())
            if " ".join(fold(name).replace("-", " ").split()) in _REGION_NAMES:  # 'Twente', 'Den Haag'
                cls, pattern = "Plaats", f"{pattern}: een regio, een plaats en geen organisatie"
            place(Mention(start, start + len(text), text, proposed=mint(name, cls), cls=cls, pattern=pattern,
                          confidence=confidence, abbreviation=abbreviation, name=name if name != text else ""))

        def place(mention: Mention):
            """Keep ``mention`` under its span, merged with the proposals that are readings of the same phrase
            (see :func:`_preferred`); ``found`` is keyed by the longest reading's span."""
            start, end = mention.start, mention.end
            if (start, end) in found:
                return
            outer = next((span for span in found if span[0] <= start and end <= span[1]
                          and _reading(sentence, span, (start, end))), None)
            if outer is not None:
                found[outer] = _preferred(found[outer], mention)
                return
            for span in [k for k in found if start <= k[0] and k[1] <= end and _reading(sentence, (start, end), k)]:
                mention = _preferred(mention, found.pop(span))
            found[(start, end)] = mention

        themes = {k for k in taken if any(_THEME in t.classes for m in known for t in m.things
                                          if m.start <= tokens[k][0] < m.end)}
        index_at = {t[0]: k for k, t in enumerate(tokens)}
        ends_at = {t[1]: k for k, t in enumerate(tokens)}
        # 'Naam (AFK)': the capitalised words (and small words between them) before the abbreviation
        for m in _ABBREVIATION.finditer(sentence):
            last = max((k for k, t in enumerate(tokens) if t[1] <= m.start()), default=None)
            if last is None:
                continue
            first = last
            while first > 0 and last - first < 10 and tokens[first][3] and _name_word(tokens[first - 1][2], True):
                first -= 1
            while first < last and tokens[first][2].lower() in CONNECTORS | LEADING_WORDS:
                first += 1
            if _capital(tokens[first][2]) or first < last:
                abbreviation = m.group(1)
                if not self.names.known(abbreviation):
                    add(first, last, "naam (afkorting)", _class_of(tokens[first:last + 1]), 0.8, abbreviation)
        # a name in quotes after a head word: project 'Samen sterk voor een veilig buitengebied'
        for m in _QUOTED.finditer(sentence):
            a = index_at.get(m.start(1))
            b = ends_at.get(m.end(1))
            if a is None or b is None:
                continue
            head = [fold(t[2]) for t in tokens[max(0, a - 3):a]]
            cls = next((HEAD_WORDS[h] for h in reversed(head) if h in HEAD_WORDS), None)
            add(a, b, "naam tussen aanhalingstekens" + (" na een kernwoord" if cls else ""), cls or "Project",
                0.7 if cls else 0.5)
            before = _head(fold(tokens[a - 1][2])) if a > 0 else None
            if before and _capital(tokens[a - 1][2]):  # Citydeal 'Lokale weerbaarheid Cybercrime'
                at = tokens[a - 1][0]
                name = sentence[at:m.end(0)]
                place(Mention(at, m.end(0), name, proposed=mint(name, HEAD_WORDS[before]), cls=HEAD_WORDS[before],
                              pattern="naam met een citaat erachter", confidence=0.5))
        # a term in quotes that starts in lower case: right after a head word ("de methode ‘financiële
        # vingerafdruk’", "het landelijke project ‘schoolalert’") or of two to four words, no article first ("in
        # ‘probleemgericht werken’"); not a phrase ('het recht van demonstreren bijkans heilig')
        for m in _QUOTED_TERM.finditer(sentence):
            a, b = index_at.get(m.start(1)), ends_at.get(m.end(1))
            if a is None or b is None or b - a > 5:
                continue
            head = _head(fold(tokens[a - 1][2])) if a > 0 else None
            if head or (0 < b - a < 4 and fold(tokens[a][2]) not in _ARTICLES):
                add(a, b, "term tussen aanhalingstekens" + (f" na het kernwoord '{head}'" if head else ""),
                    HEAD_WORDS[head] if head else _class_of(tokens[a:b + 1], "Werkwijze"), 0.6 if head else 0.4)
        for k, token in enumerate(tokens):
            folded = fold(token[2])
            alone = k in taken and any(m.start == token[0] and m.end == token[1] for m in known)
            head = _head(folded) if k not in taken or alone else None
            if head:
                a, b, shorter = self._around_head(sentence, tokens, k, taken, themes)
                owner = next((m for m in known if m.things and a is not None and a < k and m.start <= tokens[a][0]
                              and tokens[k - 1][1] == m.end and sentence[m.end:token[0]] == "-"), None)
                if owner is not None:  # a compound whose first part is a known name: the whole name
                    if HEAD_WORDS[head] in {_local(t.classes) for t in owner.things}:
                        continue  # 'RIEC Noord-Nederland-verband' is the RIEC itself
                    a = index_at.get(owner.start, a)  # 'RIEC Noord-Nederland-convenant', not 'Nederland-convenant'
                if a == k < b and any(m.things and m.start == tokens[k + 1][0] and m.end >= tokens[b][1]
                                      and not any(_THEME in t.classes for t in m.things) for m in known):
                    continue  # 'programma Samenspannen tegen ondermijning' is the known programme: no new thing
                    # (a head word with a theme is: 'projectleider zeehavens')
                if a is not None and (k not in taken or b > k):  # a known word only with what qualifies it
                    for x, y in _split_at_articles(tokens, a, b, k):
                        add(x, y, f"kernwoord '{head}'" + (" met de woorden die erbij horen" if y > max(shorter, default=y)
                                                           else ""), HEAD_WORDS[head], 0.6,
                            over_known=alone or owner is not None)
                    for y in shorter:  # the shorter readings: alternative names of the same thing
                        add(a, y, f"kernwoord '{head}'", HEAD_WORDS[head], 0.6,
                            over_known=alone or owner is not None)
                    if a == k and b > k and not _capital(token[2]) and _capital(tokens[k + 1][2]):
                        add(k + 1, b, f"naam na het kernwoord '{head}'", HEAD_WORDS[head], 0.5)
                    continue
            second = k > 1 and tokens[k - 1][2] == "en" and fold(tokens[k - 2][2]) in ACTIVITY_NOUNS
            if folded in ACTIVITY_NOUNS and (k not in taken or alone) and not second:
                last = k  # 'identificatie en registratie van asielzoekers': two activities of one thing
                if (k + 2 < len(tokens) and tokens[k + 1][2] == "en" and tokens[k + 1][3] and tokens[k + 2][3]
                        and fold(tokens[k + 2][2]) in ACTIVITY_NOUNS):
                    last = k + 2
                b = (_qualifiers(sentence, tokens, last, themes) or [k])[-1]
                a = k
                while a > 0 and a - 1 not in taken and k - a < 2 and tokens[a][3] and _adjective(tokens[a - 1][2]):
                    a -= 1
                if b > k:  # 'versterking van het BIBOB-beleid', 'identificatie en registratie van asielzoekers'
                    add(a, b, f"activiteit '{folded}' met wat zij betreft", ACTIVITY_NOUNS[folded], 0.5,
                        over_known=alone)
                    continue
            if folded in ORGANISATION_NOUNS and k not in taken:
                add(k, k, "organisatie (lijst van soortnamen)", ORGANISATION_NOUNS[folded], 0.5)
                continue
            size = 2 if k + 1 < len(tokens) and (
                f"{folded} {fold(tokens[k + 1][2])}" in GROUP_NOUNS  # 'penitentiaire inrichtingen'
                or (f"{folded}'s" in GROUP_NOUNS and sentence[token[1]:tokens[k + 1][1]] in ("'s", "’s"))) else 1
            if size == 2 or folded in GROUP_NOUNS:  # a known group may be qualified: 'banken en verzekeraars'
                for a, b in self._group(tokens, k, k + size - 1, taken):
                    if k not in taken or b > k + size - 1:
                        add(a, b, "groep (lijst van soortnamen)", "Groep", 0.5)
        # capitalised words inside a sentence: 'Veilig Thuis', 'Centrum voor Criminaliteitspreventie'
        # and one capitalised word inside a sentence that the graph does not know: 'Rabobank', 'Firda'
        k = len(tokens) if footnote else 0 if len(tokens) <= 6 else 1  # a short item of a list may start with one
        while k < len(tokens):
            if _capital(tokens[k][2]) and k not in taken and not _YEAR.match(tokens[k][2]):
                b = k
                while b + 1 < len(tokens):
                    if (tokens[b + 1][3] and _name_word(tokens[b + 1][2], inside=True)
                            and (b + 1 not in taken or _capital(tokens[b + 1][2]))
                            and not (tokens[b + 1][2].lower() in CONNECTORS and b + 2 < len(tokens)
                                     and b + 2 in taken and tokens[b + 2][2].isupper())):  # not '… aan RBPO'
                        b += 1
                        inner = next((m for m in known if m.start == tokens[b][0]), None)
                        while inner is not None and b + 1 < len(tokens) and tokens[b + 1][1] <= inner.end:
                            b += 1  # a known name inside: 'voor het Midden- en Klein Bedrijf'
                    elif b + 3 < len(tokens) and _ABBREVIATION_INSIDE.match(sentence, tokens[b][1]):
                        b += 2  # '… Bedrijf (MKB) in Noord-Nederland': the name goes on after its abbreviation
                    else:
                        break
                while b > k and tokens[b][2].lower() in CONNECTORS:
                    b -= 1
                if b > k:
                    for x, y in _split_at_articles(tokens, k, b, b):
                        add(x, y, "woorden met hoofdletters", _class_of(tokens[x:y + 1]), 0.4)
                elif (not _starts_sentence(sentence, tokens[k][0]) or (
                        _marked(tokens[k][2]) and sentence[:tokens[k][0]].rstrip()[-1:] != "(")) and (
                        len(tokens[k][2]) >= 4 or tokens[k][2].isupper()) and not _kind_of_things(
                        tokens[k][2]) and not any(
                        s <= tokens[k][0] and tokens[k][1] <= e and _reading(sentence, (s, e), tokens[k][:2])
                        for s, e in found):  # not 'Samen' of 'Samen tegen mensenhandel'; 'ZonMW' of 'ZonMW-subsidies'
                    add(k, k, "woord met een hoofdletter", _class_of(tokens[k:k + 1]), 0.3)
                k = b + 1
            else:
                k += 1
        # a numbered title: 'Spoor 1: Eigen huis op orde' (a line of its own) is one name, whatever stands in it
        title = _NUMBERED_TITLE.match(sentence)
        if title and index_at.get(title.start(1)) is not None and ends_at.get(title.end(2)) is not None:
            a, b = index_at[title.start(1)], ends_at[title.end(2)]
            span = (tokens[a][0], tokens[b][1])
            for inside in [k for k in found if span[0] <= k[0] and k[1] <= span[1]]:
                del found[inside]
            head = _head(fold(tokens[a][2]))
            add(a, b, "genummerde titel", HEAD_WORDS[head] if head else "Activiteit", 0.6)
            if span in found:  # 'Spoor 1' and 'Eigen huis op orde' are its other names
                found[span] = _with_alternatives(found[span], (title.group(1), title.group(2)))
        return list(found.values())

    @staticmethod
    def _around_head(sentence, tokens, k, taken, themes=frozenset()):
        """The extent of a name around the head word at token k, or (None, None, []) when it is a common word: a
        capitalised name ('Platform Veilig Ondernemen', 'Veiligheidsagenda 2023-2026', 'Damocles beleid'), a
        compound ('havenscans', 'mensenhandelbeleid'), a head word with an adjective ('integrale controles') or
        with what qualifies it ('opsporing van drugslaboratoria'); and the ends of its shorter readings."""
        word = tokens[k][2]
        a = b = k
        while b + 1 < len(tokens) and tokens[b + 1][3]:
            if _capital(tokens[b + 1][2]) or _YEAR.match(tokens[b + 1][2]):
                b += 1
            elif (tokens[b + 1][2].lower() in CONNECTORS and b + 2 < len(tokens) and tokens[b + 2][3]
                  and (b > k or _capital(word))):  # not 'norm en Groninger …': a name goes on after a name only
                if _capital(tokens[b + 2][2]) and not (b + 2 in taken and tokens[b + 2][2].isupper()):
                    b += 1
                elif b > k and b + 2 in themes:  # 'programma Samen tegen mensenhandel': it may end in a theme
                    b += 2
                    while b + 1 < len(tokens) and b + 1 in themes and tokens[b + 1][3]:
                        b += 1
                    break
                else:
                    break
            else:
                break
        if (b == k + 1 and not _capital(word) and _CAPITAL_ADJECTIVE.search(tokens[b][2]) and b + 1 < len(tokens)
                and tokens[b + 1][3] and _noun(tokens[b + 1][2]) and not _capital(tokens[b + 1][2])):
            b += 1  # 'project Weerbaar bestuur': a capitalised adjective with its noun
        post = HEAD_WORDS.get(_head(fold(word)) or "") == "Functie"
        if (post and not _capital(word) and b == k and b + 1 < len(tokens) and tokens[b + 1][3]
                and b + 1 not in taken and re.fullmatch(r"[a-zà-ÿ]{9,}", tokens[b + 1][2])):
            b += 1  # 'kwartiermaker cyberveiligheid'
        if b == k and b + 1 < len(tokens) and tokens[b + 1][3] and (b + 1) in themes:
            b += 1  # 'ketenregisseur mensenhandel', 'werkgroep cyberveiligheid', 'Fenomeenanalyse extremisme'
            while b + 1 < len(tokens) and tokens[b + 1][3] and (
                    b + 1 in themes or (tokens[b + 1][2] == "en" and b + 2 in themes)):
                b += 1  # 'Congres radicalisering en extremisme'
            while b + 1 < len(tokens) and tokens[b + 1][3] and (
                    (_capital(tokens[b + 1][2]) and b + 1 in taken) or _YEAR.match(tokens[b + 1][2])):
                b += 1  # 'bestuurlijke tafel mensenhandel Noord-Nederland', '… Noord-Nederland 2023'
        bare = b
        # 'opsporing van drugslaboratoria', 'onderzoek naar zaken van online seksueel kindermisbruik'
        ends = _qualifiers(sentence, tokens, b, themes) if b == k and _QUALIFIED.get(_head(fold(word))) else []
        event = HEAD_WORDS.get(_head(fold(word)) or "") == "Gebeurtenis"
        dated = _DATE_AFTER.match(sentence, tokens[b][1]) if event else None
        if b == k and dated:  # an event with its date: 'RBPO-vergadering van 23 maart 2023'
            ends = [max(j for j, t in enumerate(tokens) if t[1] <= dated.end())]
        b = ends[-1] if ends else b
        if _capital(word):
            while a > 1 and a - 1 not in taken and tokens[a][3] and (
                    _capital(tokens[a - 1][2]) or (tokens[a - 1][2] == "en" and _capital(tokens[a - 2][2]))
                    or (sentence[tokens[a - 2][1]:tokens[a - 1][0]] == "-" and _capital(tokens[a - 2][2]))):
                # 'Re-integratie Officier': a capitalised word hyphened to the one before
                a -= 1
        else:
            while a > 0 and a - 1 not in taken and k - a < 2 and tokens[a][3] and _adjective(tokens[a - 1][2]):
                a -= 1
            hyphen = a > 0 and sentence[tokens[a - 1][1]:tokens[a][0]] == "-"  # 'RIEC-convenant'
            if ((a > 1 or hyphen) and (a - 1 not in taken or hyphen) and tokens[a][3] and _capital(tokens[a - 1][2])
                    and not (a > 1 and _head(fold(tokens[a - 2][2])))):  # not 'gemeente Enschede trainingen'
                a -= 1
            if (a > 1 and tokens[a - 1][2] == "en" and tokens[a][3] and tokens[a - 1][3]
                    and sentence[tokens[a - 2][1]:tokens[a - 2][1] + 1] == "-"):
                a -= 2  # 'bewustwordings- en werksessies', 'drugs- en coffeeshopbeleid'
                while a > 0 and a - 1 not in taken and tokens[a][3] and _adjective(tokens[a - 1][2]):
                    a -= 1
        folded = fold(word)
        if a == b == k and _kind_of_things(word):
            return None, None, []
        alone = (a < k or bare > k or _capital(word) or (post and folded not in NOT_NAMES)
                 or (folded not in HEAD_WORDS and folded not in NOT_NAMES and not _plural_of_head(folded)))
        if not (alone or b > k) or (a == b and folded in NOT_NAMES):
            return None, None, []
        # the shorter readings, longest first: without the last qualifier, and without any where that names
        shorter = ends[:-1] + ([bare] if alone and not (a == bare and folded in NOT_NAMES) and b > bare else [])
        return a, b, sorted(shorter, reverse=True)

    @staticmethod
    def _group(tokens, a, b, taken):
        """A group noun with the adjective before it ('lokale casustafels'), and the same with what qualifies it
        ('banken en verzekeraars', 'gemeenten in Noord-Nederland', 'bedrijven in de havengebieden')."""
        bare = a
        if a > 0 and a - 1 not in taken and _adjective(tokens[a - 1][2]):
            a -= 1
        spans = [(a, b)] + ([(bare, b)] if a < bare else [])  # 'Veiligheidsregio's' of 'noordelijke …'
        end = b
        if end + 2 < len(tokens) and tokens[end + 1][2] == "en" and fold(tokens[end + 2][2]) in GROUP_NOUNS:
            end += 2
        for link in GROUP_LINKS:
            words = link.split()
            after = [t[2] for t in tokens[end + 1:end + 1 + len(words)]]
            if after == words and end + len(words) + 1 < len(tokens):
                target = end + len(words) + 1
                if (target in taken and not _capital(tokens[target][2])) or tokens[target][2][:1].isdigit():
                    break  # 'organisaties in 2023' says when, not which organisations
                end = target
                while end + 1 < len(tokens) and _capital(tokens[end + 1][2]) and tokens[end + 1][0] == tokens[end][1] + 1:
                    end += 1
                break
        if end > b:
            spans.append((a, end))
        return spans


_CAPITAL_ADJECTIVE = re.compile(rf"^[A-Z][a-zà-ÿ]{{2,}}(?:{_endings('baar', 'end', 'aal', 'eel')})$")


_PARTICIPLE = re.compile(r"ge[a-zà-ÿ]{3,}[dt]")  # 'georganiseerd', 'gestart': a verb, no noun
# the endings of Dutch adjectives (not a bare -e: 'fraude', 'informatie' are nouns)
_MODIFIER = re.compile(r"[a-zà-ÿ]{2,}(?:" + _endings("eel", "aal", "baar", "ische", "ale", "ele", "are", "ere", "ige",
                                                     "lijke", "ieve", "ende", "sche", "uele", "iele", "ene", "uwe") + ")")


def _modifier(word: str) -> bool:
    """A word that can stand between a preposition and its noun: 'online', 'seksueel', 'illegaal', 'agrarische'."""
    w = word.lower()
    return w not in NOT_ADJECTIVES and w not in _NO_NOUNS and (w == "online" or _MODIFIER.fullmatch(w) is not None)


def _noun(word: str) -> bool:
    """A word that can end what qualifies a head word (a noun, not a verb or small word)."""
    w = word.lower()
    return (len(w) >= 3 and w.isalpha() and w not in NOT_ADJECTIVES and w not in _NO_NOUNS
            and w not in LEADING_WORDS and w not in _QUALIFYING and not _PARTICIPLE.fullmatch(w))


# The kinds of things a head word names with what qualifies it: activities, documents, laws and posts ('onderzoek
# naar …', 'kwartiermaker van het BOT'); not bodies ('politie in de periode', 'expertgroep van samenwerkende …').
_QUALIFIED = {head: cls in _ACTIVITY | {"Document", "Regelgeving", "Functie"} for head, cls in HEAD_WORDS.items()
              if head != "kader"}  # 'in het kader van' is an idiom; 'handelingskader Soevereinen' needs none
# the prepositions a second qualifier may start with ('… bij overtreding van de Opiumwet'; not '… met informatie')
_SECOND = _PREPOSITIONS | {"in", "op"}


def _qualifiers(sentence: str, tokens, b: int, themes=frozenset()) -> list[int]:
    """Where what qualifies the head word at token ``b`` ends, after each of at most two phrases that start with a
    preposition: an article, words that stand before a noun, and a noun ('naar zaken', 'van online seksueel
    kindermisbruik') or a capitalised name ('van Stop it Now', 'van het BIBOB-beleid'). A comma, a verb, a
    relative pronoun or a determiner other than the article ('voor verschillende doelgroepen') ends it."""
    ends: list[int] = []
    n = len(tokens)
    while (len(ends) < 2 and b + 2 < n and tokens[b + 1][2] in (_SECOND if ends else _QUALIFYING)
           and tokens[b + 1][3] and tokens[b + 2][3]):
        c = b + 2
        if fold(tokens[c][2]) in _ARTICLES:
            if c + 1 >= n or not tokens[c + 1][3]:
                break
            c += 1
        end = None
        if _capital(tokens[c][2]) and not _modifier(tokens[c][2]) and not _YEAR.match(tokens[c][2]):
            end = c
            while end + 1 < n and tokens[end + 1][3] and (
                    _capital(tokens[end + 1][2]) or (tokens[end + 1][2] in CONNECTORS and end + 2 < n
                                                     and tokens[end + 2][3] and _capital(tokens[end + 2][2]))):
                end += 1
        else:
            j = c
            while j < n and (j == c or tokens[j][3]):
                if _noun(tokens[j][2]):
                    end = j
                if not _modifier(tokens[j][2]):
                    break
                j += 1
            while end is not None and end + 1 < n and tokens[end + 1][3] and tokens[end + 1][2].isupper():
                end += 1  # a name after its noun: 'met studenten NHL Stenden' (an abbreviation first,
            while end is not None and end + 1 < n and tokens[end + 1][3] and _capital(tokens[end + 1][2]) and (
                    tokens[end][2][:1].isupper()):
                end += 1  # then the capitalised words after it)
        if end is None:
            break
        while end in themes and end + 1 < n and end + 1 in themes and tokens[end + 1][3]:
            end += 1  # 'aanpak van online criminaliteit': to the end of a theme's name
        while end + 1 < n and sentence[tokens[end][1]:tokens[end + 1][0]] == "-":
            end += 1  # 'van het BIBOB-beleid'
        b = end
        ends.append(b)
    return ends


def _reading(sentence: str, outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    """Whether the proposal at ``inner`` is a shorter reading of the one at ``outer`` (the same thing): it starts
    where the longer one starts or after its head word and adjectives only, and is not one of two things joined by
    'en'/'of' or the first part of a compound. 'Stop it Now' in 'nieuwe campagne van Stop it Now', 'verzekeraars'
    in 'banken en verzekeraars' and 'ZonMW' in 'ZonMW-subsidies' are things of their own."""
    before = fold(sentence[outer[0]:inner[0]]).split()
    after = fold(sentence[inner[1]:outer[1]]).split()
    joining = _QUALIFYING | _ARTICLES | {"en", "of"}
    hyphened = re.match(r"-\w", sentence[inner[1]:inner[1] + 2]) is not None  # 'ZonMW' of 'ZonMW-subsidies'
    return not any(w in joining for w in before) and after[:1] not in (["en"], ["of"]) and not hyphened


_NAME_PROPER = ("naam tussen aanhalingstekens", "term tussen aanhalingstekens")


def _preferred(one: Mention, other: Mention) -> Mention:
    """Two readings of one phrase as one proposal: under the name proper where a head word only says what kind of
    thing it is ('Koers en Kansen' of 'project Koers en Kansen', 'Kick Out Zwarte Piet' of "Actiegroepen 'Kick
    Out Zwarte Piet'"), else under the longest reading ('opsporing van drugslaboratoria', 'project Weerbaar
    bestuur'); the other reading and its alternatives become alternative names."""
    def rank(m: Mention):
        return m.pattern.startswith(_NAME_PROPER), len(m.label)

    keep, drop = (one, other) if rank(one) >= rank(other) else (other, one)
    return _with_alternatives(keep, (drop.label, *drop.alternatives))


def _with_alternatives(mention: Mention, names) -> Mention:
    """``mention`` with ``names`` among its alternative names (not its own name, no name twice)."""
    have = {compact(mention.label)} | {compact(n) for n in mention.alternatives}
    extra = []
    for name in names:
        if compact(name) not in have:
            have.add(compact(name))
            extra.append(name)
    return replace(mention, alternatives=mention.alternatives + tuple(extra)) if extra else mention


def _no_body(tokens) -> bool:
    """Whether a proposed name names no body: it is made of words of NOT_ORGANISATIONS (countries, inhabitants,
    region adjectives, compass words, sentence adverbs and pronouns, months) and small words only, or it is one
    capitalised adjective ('Friese', 'Positieve') or a capitalised plural of inhabitants ('Amelanders')."""
    words = [fold(t[2]) for t in tokens if t[2].lower() not in CONNECTORS and not _YEAR.match(t[2])]
    if not words or all(w in NOT_ORGANISATIONS for w in words) or " ".join(words) in NOT_ORGANISATIONS:
        return True
    word = tokens[0][2]
    if len(tokens) == 1 and _capital(word) and not word.isupper() and _head(words[0]) is None:
        return _LONE_ADJECTIVE.search(words[0]) is not None or words[0].endswith(INHABITANT_ENDINGS)
    return False


def _split_at_articles(tokens, a: int, b: int, head: int):
    """A name a..b as one span; where 'en het'/'en de' joins two names ('Landelijk Steunpunt en het
    Rijksopleidingsinstituut') the two parts instead; where 'van de'/'voor de' does, the whole and the two parts
    ('Raad voor de Kinderbescherming', 'Fenomeenanalyse van de Rijksuniversiteit Groningen')."""
    for k in range(a + 1, b):
        word, after = tokens[k][2].lower(), fold(tokens[k + 1][2])
        if word in ("en", "of") and after in _ARTICLES and k + 2 <= b:
            return [(a, k - 1), *_split_at_articles(tokens, k + 2, b, head)]
        if word in ("van", "voor", "bij") and after in _ARTICLES and k + 2 <= b:
            return [(a, b), (a, k - 1), (k + 2, b)]
    return [(a, b)]


def _starts_sentence(sentence: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of the sentence or follows a colon, bullet or quote."""
    return not sentence[:start].strip() or sentence[:start].rstrip()[-1:] in ":•('‘\"“"


def _marked(word: str) -> bool:
    """Whether a word's capitals or digits say more than its place: 'ChatGPT', 'HIC', 'A12' (not 'Nieuwe', 'Tabel'
    at the start of a line, capitalised because they start it)."""
    return any(c.isupper() or c.isdigit() for c in word[1:])


def _kind_of_things(word: str) -> bool:
    """A capitalised compound in the plural of a head word ('Telegramgroepen'): a kind of thing, not one body."""
    folded = fold(word)
    head = _head(folded)
    return (_capital(word) and head is not None and not folded.endswith(head)
            and any(form.endswith(head) for form in _singulars(folded)[1:]))


def _local(classes) -> str:
    """The most specific class of a known thing, by local name (Gemeente before Organisatie)."""
    locals_ = [c.rsplit("#", 1)[-1] for c in classes if c.startswith(ONTOLOGY)]
    general = {"Organisatie", "Overheidsorganisatie", "Activiteit", "Document", "Groep"}
    return next((c for c in locals_ if c not in general), locals_[0] if locals_ else "Organisatie")


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _name_word(word: str, inside: bool = False) -> bool:
    return _capital(word) or (inside and word.lower() in CONNECTORS) or bool(_YEAR.match(word))


def _singulars(folded: str) -> list[str]:
    """The word and what it is the plural of ('controles', 'dagen', 'brieven')."""
    forms = [folded]
    if folded.endswith("ven"):
        forms.append(folded[:-3] + "f")
    if folded.endswith("ssen"):  # 'functionarissen'
        forms.append(folded[:-3])
    if folded.endswith("en"):
        forms.append(folded[:-2])
    if folded.endswith("s"):
        forms.append(folded[:-1])
    return forms


def _plural_of_head(folded: str) -> bool:
    return any(form in HEAD_WORDS for form in _singulars(folded)[1:])


def _head(folded: str) -> str | None:
    """The head word ``folded`` is or ends with (a compound of four letters or more before it), also in the
    plural; None for a word that only looks like one ('bijvoorbeeld')."""
    if any(form in NOT_NAMES and form not in HEAD_WORDS for form in _singulars(folded)):
        return None  # also in the plural: 'voorbeelden
    for form in _singulars(folded):
        if form in HEAD_WORDS:
            return form
        if form in ORGANISATION_NOUNS:
            return None  # 'rechtbank' is a court, not a 'bank'
        for head in HEAD_WORDS:
            if len(head) >= 3 and form.endswith(head) and len(form) - len(head) >= (4 if len(head) > 3 else 6):
                return head
    return None


def _adjective(word: str) -> bool:
    """A lower-case word that can stand before a noun in a name ('integrale', 'bestuurlijke')."""
    # a past tense is a verb ('organiseerde', 'leverde'), a past participle with its prefix is not ('georganiseerde',
    # 'verbeterde')
    past = word.endswith("erde") and not word.startswith(("ge", "be", "ver", "ont", "her"))
    return _BEFORE_NOUN.fullmatch(word) is not None and word not in NOT_ADJECTIVES and not past


def _class_of(tokens, otherwise: str = "Overheidsorganisatie") -> str:
    """The class a name with these tokens is proposed as: from its head word, else a government organisation (a
    kind the shapes accept, unlike the bare rbv:Organisatie; most unknown bodies of a safety report are one)."""
    heads = [h for h in (_head(fold(t[2])) for t in tokens) if h]
    if not heads:
        return otherwise
    # a capitalised head word that opens the name says what it is ('Analyse Jaarwisseling 2023-2024', 'Team
    # Migratiecriminaliteit'); else the last one ('Regionaal Informatie- en Expertisecentrum')
    first = _head(fold(tokens[0][2]))
    return HEAD_WORDS[first if first and _capital(tokens[0][2]) else heads[-1]]
