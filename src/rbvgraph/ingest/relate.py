"""Candidate relations: where one clause of a sentence names two things, the predicate the cue table suggests (or,
without a cue, the kinds of the two things), the shortest verbatim span carrying both names and the cue, a confidence
and the reason.

Clauses: a sentence is cut at ';', at a single dash (two set a phrase in), and at a comma before a word that starts
a new clause (', en', ', maar', ', waarbij', ', die' … :data:`_CLAUSE`). Two names in different clauses are not
related, and a cue counts only in the clause of both names: in 'Het RIEC organiseerde havenscans, waarbij de gemeenten
aansloten' the RIEC carries out the havenscans and the gemeenten join nothing the RIEC named; but a relative clause
speaks of the name just before its comma, so the gemeenten join the havenscans. Names of one list ('RIEC,
Arbeidsinspectie, politie en OM') are related to each other only as working together: a cue of taking part or
carrying out joins each of them to something else.

Direction: the cue table's ``order`` (see :data:`lexicon.CUES`) and the kinds; a past participle with 'door' or 'van'
after it makes the second name the agent ('gefinancierd met een subsidie van het Ministerie'), a cue of being part
before both names makes the second the part ('Binnen de werkgroep werken de gemeenten').

Confidence: 0.8 when the cue stands between the two names, 0.6 when it stands elsewhere in their clause, 0.2 without
a cue (the predicate then comes from the two kinds, :data:`lexicon.DEFAULTS`; measured on the curated report, about
one such pair in ten is a curated fact, so a reviewer should read them as hints; none for names more than 25 words
apart); with a cue, 0.1 less when the names are more than 25 words apart, or when one of them is a proposed new
thing. Across two sentences (:func:`back_relations`) 0.2 less.

Regions: a body named with another region than the report's own ('RIEC Oost-Nederland' in a report of
Noord-Nederland) is related to something else only by a cue between the two names: two bodies of different regions
in one sentence are seldom each other's partner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .find import Mention
from .lexicon import (BETWEEN_PARTIES, COMPILED_CUES, CONJUNCTIONS, DCT, DEFAULTS, FITS, HOME_REGION, ORG, RBV,
                      REGION_PATTERN, RELATIVE_PRONOUNS, kind_of, kinds_of)

_WORDS = re.compile(r"\w+")
_FAR = 25
# a relative clause: it says something about the name just before its comma
_RELATIVE = re.compile(rf",(?= (?:{'|'.join(RELATIVE_PRONOUNS)})\b)")
# between two names of one list: commas, 'en', 'of', an article
_LISTED = re.compile(r"(?:\s*(?:,|\ben\b|\bof\b|&)\s*(?:(?:de|het|een)\s+)?)+")
# a past participle: with 'door' or 'van' after it the agent follows ('georganiseerd door Firda')
_PARTICIPLE = re.compile(r"(?:\b\w*ge\w+[dt]|ondersteund|ontwikkeld|bekostigd|verzorgd)$", re.IGNORECASE)
# 'Om … te <verb>' before the names: the doer is named after the verb ('Om gemeenten te ondersteunen is een team
# opgezet')
_PURPOSE = re.compile(r"(?:^|[\s,])[Oo]m\s(?!.*[,;])")
# a cue that names the parties after it: a name before it is none of them
_BETWEEN_PARTIES = re.compile(BETWEEN_PARTIES, re.IGNORECASE)
_DASH = re.compile(r"\s[–—]\s")
# where a new clause starts: ';' or a comma before a conjunction or a relative pronoun (and a single dash, _DASH)
_CLAUSE = re.compile(rf";|,(?= (?:{'|'.join(CONJUNCTIONS + RELATIVE_PRONOUNS)})\b)")
# between a unit's name and its organisation's: 'van de', 'bij de', after an abbreviation ('Dienst Regionale Recherche
# (DRR) van de eenheid')
_OF = re.compile(r"(?:\([A-Z][\w&]{1,9}\) )?(?:van|bij|binnen)(?: de| het)?")
_REGION = re.compile(REGION_PATTERN)
_SEE_SECTION = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+ Zie (?:paragraaf|hoofdstuk) ((?:\d\.?)+)")
# a cited title runs to the comma before the authors or the year ('…, Tops, P., & …', '…, 2023'), or to the end
_CITED = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+ ([^<]{3,}?)(?:[.,] (?=[A-Z][\w'-]+(?: [a-z]+)*,? [A-Z]\.)|, ?(?:\d|p\.)|, |$)")
@dataclass(frozen=True)
class Relation:
    subject: str
    predicate: str
    object: str
    quote: str
    confidence: float
    reason: str


def _ends(mention: Mention) -> list[tuple[str, tuple[str, ...]]]:
    """(IRI, classes) of what a mention names: its known things, or the proposed one."""
    if mention.proposed:
        return [(mention.proposed, ("#" + mention.cls,))]
    return [(t.iri, t.classes) for t in mention.things]


def relations(sentence: str, mentions: list[Mention], region: str | None = None, back: int = 0) -> list[Relation]:
    """Every candidate relation between two different things one clause of the sentence names; ``region`` is the
    report's own region (None: the curated report's, Noord-Nederland). With ``back`` (see :func:`back_relations`),
    ``sentence`` is two sentences and ``back`` where the second starts: only a name of the first with a name of the
    second, by a cue of the second."""
    mentions = sorted(mentions, key=lambda m: (m.start, -m.end))  # a cited title is found after the rest
    cues = [(m.start(), m.end(), m.group(), predicate, order)
            for pattern, predicate, order in COMPILED_CUES for m in pattern.finditer(sentence) if m.start() >= back
            and not any(n.things and n.start <= m.start() < n.end for n in mentions)]  # inside a known name
    bounds = [m.start() for m in _CLAUSE.finditer(sentence) if m.start() >= back]
    dashes = [m.start() for m in _DASH.finditer(sentence) if m.start() >= back]
    bounds = sorted(bounds + (dashes if len(dashes) == 1 else []))  # two dashes set a phrase in: no bound
    relative = {m.start() for m in _RELATIVE.finditer(sentence)}
    home = region or HOME_REGION
    found: dict[tuple[str, str, str], Relation] = {}
    for x, a in enumerate(mentions):
        for b in mentions[x + 1:]:
            if b.start < a.end or (back and not a.end <= back <= b.start):
                continue  # a name inside another ('Noord-Nederland' in 'RIEC Noord-Nederland')
            crossing = [at for at in bounds if max(a.end, back) <= at < b.start]
            if crossing and not (len(crossing) == 1 and crossing[0] in relative
                                 and not any(a.end <= m.start < crossing[0] for m in mentions)):
                continue  # other clauses, unless b is in a relative clause on a ('een tafel, waar … deelnemen')
            pair_bounds = [at for at in bounds if at not in crossing]
            listed = _listed(sentence, a, b, mentions)
            foreign = {r for r in (_region_named(a), _region_named(b)) if r and r != home}
            for iri_a, classes_a in _ends(a):
                for iri_b, classes_b in _ends(b):
                    if iri_a == iri_b:
                        continue
                    relation = next((r for ka in kinds_of(_full(classes_a)) for kb in kinds_of(_full(classes_b))
                                     if (r := _relation(sentence, a, b, (iri_a, ka), (iri_b, kb), cues, pair_bounds,
                                                        bool(foreign) and _region_named(a) != _region_named(b),
                                                        bool(back), listed))),
                                    None)
                    if relation is not None:
                        relation = _refined(relation, {iri_a: _full(classes_a), iri_b: _full(classes_b)})
                        key = (relation.subject, relation.predicate, relation.object)
                        if key not in found or found[key].confidence < relation.confidence:
                            found[key] = relation
    for a, b in _next_names(mentions) if not back else ():
        between = sentence[a.end:b.start].strip()
        for iri_a, classes_a in _ends(a):
            for iri_b, classes_b in _ends(b):
                kinds_a, kinds_b = kinds_of(_full(classes_a)), kinds_of(_full(classes_b))
                if iri_a == iri_b or "org" not in kinds_b:
                    continue
                if re.fullmatch(r"aan(?: de| het)?", between) and kinds_a[:1] == ("doc",):
                    relation = Relation(iri_a, DCT + "audience", iri_b, sentence[a.start:b.end], 0.7,
                                        "document 'aan' een organisatie")  # '… aan RBPO'
                elif "org" in kinds_a and (_OF.fullmatch(between) or (between == "(" and sentence[b.end:b.end + 1]
                                                                       == ")")):
                    relation = _refined(Relation(  # 'Afdeling X (politie)', 'AVIM van de politie'
                        iri_a, ORG + "subOrganizationOf", iri_b,
                        sentence[a.start:b.end + (1 if between == "(" else 0)], 0.7 if between == "(" else 0.6,
                        f"naam met de organisatie erachter ('{between}')"),
                        {iri_a: _full(classes_a), iri_b: _full(classes_b)})
                else:
                    continue
                for key in [k for k, r in found.items() if {k[0], k[2]} == {iri_a, iri_b} and r.confidence <= 0.2]:
                    del found[key]  # the guess without a cue gives way
                found[(relation.subject, relation.predicate, relation.object)] = relation
    for a in mentions if not back else ():  # 'bewustwordingssessies over bankhelpdeskfraude'
        for b in mentions:
            if b is not a and a.start <= b.start and b.end <= a.end and (b.start, b.end) != (a.start, a.end):
                for iri_a, classes_a in _ends(a):
                    for iri_b, classes_b in _ends(b):
                        if (iri_a != iri_b and kind_of(_full(classes_a)) in ("org", "act", "doc")
                                and "thema" in kinds_of(_full(classes_b))):
                            found[(iri_a, RBV + "heeftThema", iri_b)] = Relation(
                                iri_a, RBV + "heeftThema", iri_b, sentence[a.start:a.end], 0.6,
                                f"de naam noemt het thema '{b.text}'")
    return list(found.values())


# A sentence that starts by pointing back at a thing the sentence before it names: an adverb ('Hierbij', 'Daarvoor':
# the activity named last) or a noun with an article ('Het project', 'De aanjager': the thing named last whose name
# carries that noun).
BACK = re.compile(r"^(?:(?:Hier|Daar)(?:bij|mee|voor|in|aan|door)\b|(?:Dit|Deze|Het|De) (project|programma|aanpak|plan|"
                  r"actieplan|platform|team|overleg|netwerk|werkgroep|pilot|campagne|product|onderzoek|centrum|"
                  r"tafel|functionaris|coördinator|aanjager|regisseur|kwartiermaker|congres|convenant)\b)")


def back_relations(before: str, before_mentions: list[Mention], sentence: str, mentions: list[Mention],
                   region: str | None = None) -> list[Relation]:
    """Relations between the thing this ``sentence`` points back at (:data:`BACK`) in the sentence ``before`` and
    a thing this sentence names, where a cue of this sentence joins the two; 0.2 less sure than in one sentence,
    with the two sentences (from the first name to the second) as quote: the caller keeps it only where the two
    stand together in the section's text, in one paragraph."""
    word = BACK.match(sentence)
    if word is None or not mentions:
        return []
    if word.group(1):  # 'Het project': a name with that word in it, or right before it ('project Koers en Kansen')
        referents = [m for m in before_mentions if word.group(1) in m.label.lower()
                     or before[:m.start].lower().split()[-1:] == [word.group(1)]]
    else:
        referents = [m for m in before_mentions if any("act" in kinds_of(_full(c)) for _, c in _ends(m))]
    if not referents:
        return []
    last = referents[-1]  # with the names inside it ('Koers en Kansen' in 'project Koers en Kansen')
    referents = [m for m in before_mentions if last.start <= m.start and m.end <= last.end]
    back = len(before) + 1
    shifted = [replace(m, start=m.start + back, end=m.end + back) for m in mentions]
    return [Relation(r.subject, r.predicate, r.object, r.quote, round(r.confidence - 0.2, 2),
                     f"{r.reason} (de zin verwijst terug: '{word.group(0)}')")
            for r in relations(before + " " + sentence, referents + shifted, region, back)]


def _listed(sentence: str, a: Mention, b: Mention, mentions: list[Mention]) -> bool:
    """Whether ``a`` and ``b`` stand in one list: only commas, 'en', 'of', articles and other names between them."""
    between = list(sentence[a.end:b.start])
    for m in mentions:
        if a.end <= m.start and m.end <= b.start:
            between[m.start - a.end:m.end - a.end] = [","] * (m.end - m.start)
    return _LISTED.fullmatch("".join(between)) is not None


def _next_names(mentions: list[Mention]):
    """Each name with the next one after it that names something else ('Dienst Regionale Recherche' and 'eenheid
    Noord-Nederland' in 'Dienst Regionale Recherche (DRR) van de eenheid Noord-Nederland')."""
    for x, a in enumerate(mentions):
        iris = {iri for iri, _ in _ends(a)}
        b = next((b for b in mentions[x + 1:] if b.start >= a.end and not iris & {iri for iri, _ in _ends(b)}), None)
        if b is not None:
            yield a, b


def _region_named(mention: Mention) -> str | None:
    """The region a body's name carries ('RIEC Oost-Nederland'), if any; none for a place ('gemeente Amsterdam',
    'Noord-Nederland' itself)."""
    if any("plaats" in kinds_of(_full(classes)) for _, classes in _ends(mention)):
        return None
    m = _REGION.search(mention.label)
    return m.group(0) if m and m.group(0) != mention.label else None


# the predicates a post's relation to an organisation is refined from: saying only that the two go together
_TOGETHER = (RBV + "werktSamenMet", RBV + "neemtDeelAan", ORG + "memberOf", ORG + "subOrganizationOf")


def _refined(relation: Relation, classes: dict[str, tuple[str, ...]]) -> Relation:
    """The predicates the kinds call for, as the curated data uses them: a person holds a post (rbv:bekleedt), a post
    is a post in an organisation (org:postIn) where the cue says no more than that the two go together, an
    organisation taking part in a collaboration body, or inside one, is its member (org:memberOf; working together
    with a body stays rbv:werktSamenMet)."""
    subject, obj = classes[relation.subject], classes[relation.object]

    def has(cls, local):
        return any(c.endswith("#" + local) for c in cls)

    def turned(s, predicate, o):
        return Relation(s, predicate, o, relation.quote, relation.confidence,
                        f"{relation.reason}; de relatie volgens de soorten")

    predicate = relation.predicate
    for s, o, s_cls, o_cls in ((relation.subject, relation.object, subject, obj),
                               (relation.object, relation.subject, obj, subject)):
        if has(s_cls, "Persoon") and has(o_cls, "Functie"):
            return turned(s, RBV + "bekleedt", o)
        if (predicate in _TOGETHER and has(s_cls, "Functie") and kind_of(o_cls) == "org"
                and not has(o_cls, "Functie")):
            return turned(s, ORG + "postIn", o)
    if (predicate in (RBV + "neemtDeelAan", ORG + "subOrganizationOf") and has(obj, "Samenwerkingsverband")
            and not has(subject, "Samenwerkingsverband")):  # taking part in a body, or 'binnen de werkgroep'
        return turned(relation.subject, ORG + "memberOf", relation.object)
    if (predicate == RBV + "neemtDeelAan" and has(subject, "Samenwerkingsverband") and kind_of(obj) == "org"
            and not has(obj, "Samenwerkingsverband")):  # 'de tafel, waar RIEC, politie en OM aan deelnemen'
        return turned(relation.object, ORG + "memberOf", relation.subject)
    return relation


def _full(classes: tuple[str, ...]) -> tuple[str, ...]:
    """Classes with their ontology IRI ('#Project' of a proposal becomes rbv:Project)."""
    from .lexicon import RBV

    return tuple(RBV + c[1:] if c.startswith("#") else c for c in classes)


def _relation(sentence, a: Mention, b: Mention, end_a, end_b, cues, bounds, foreign: bool,
              cue_needed: bool = False, listed: bool = False) -> Relation | None:
    """The relation between two names of one clause (``a`` first); ``foreign``: one of them is a body of another
    region than the other, which only a cue between them relates; ``cue_needed``: none without a cue; ``listed``:
    the two stand in one list ('RIEC, Arbeidsinspectie, politie en OM'), which only a cue of working together or,
    for two organisations, the guess that they work together relates (a cue of taking part or carrying out joins
    each of them to something else)."""
    (iri_a, ka), (iri_b, kb) = end_a, end_b
    low, high = a.end, b.start
    chosen, outside = None, False
    for start, end, text, predicate, order in sorted(cues, key=lambda c: _distance(c, low, high)):
        span = (min(a.start, start), max(b.end, end))
        if any(max(span[0], start if cue_needed else span[0]) < at < span[1] for at in bounds):
            continue  # the cue stands in another clause (across two sentences: the second's clauses only)
        if listed and predicate != RBV + "werktSamenMet":
            continue
        if _BETWEEN_PARTIES.fullmatch(text) and start > a.start:
            outside = outside or end <= b.start  # a before the cue, b after it: b's partners follow, a is none
            continue  # 'samenwerking tussen X en Y': the parties follow the cue
        passive = ((low <= start and end <= high and _PARTICIPLE.search(text) is not None
                    and re.search(r"\b(?:door|van)\b", sentence[end:high]) is not None)
                   or (sentence[:start].endswith(" te ") and _PURPOSE.search(sentence[:a.start]) is not None))
        oriented = _orient(predicate, order, (iri_a, ka), (iri_b, kb), end <= a.start, passive)
        if oriented is not None:
            chosen = (start, end, text, predicate, oriented)
            break
    if chosen is not None:
        start, end, text, predicate, (subject, obj) = chosen
        between = low <= start and end <= high
        if foreign and not between:
            return None
        confidence = 0.8 if between else 0.6
        reason = f"signaalwoord '{text}' {'tussen de namen' if between else 'in de zin'}"
        span = (min(a.start, start), max(b.end, end))
    else:
        if foreign or cue_needed or outside or (listed and (ka, kb) != ("org", "org")):
            return None
        if (ka, kb) in DEFAULTS:
            predicate, subject, obj = DEFAULTS[(ka, kb)], iri_a, iri_b
        elif (kb, ka) in DEFAULTS:
            predicate, subject, obj = DEFAULTS[(kb, ka)], iri_b, iri_a
        else:
            return None
        confidence = 0.2
        reason = f"geen signaalwoord; tussen een {_KINDS[ka]} en een {_KINDS[kb]} soms"
        span = (a.start, b.end)
    apart = len(_WORDS.findall(sentence[a.end:b.start]))
    if apart > _FAR and chosen is None:
        return None  # two names far apart with nothing said between them
    if apart > _FAR:
        confidence -= 0.1
    if (a.proposed or b.proposed) and chosen is not None:
        confidence -= 0.1
    return Relation(subject, predicate, obj, sentence[span[0]:span[1]], round(confidence, 2), reason)


_KINDS = {"org": "organisatie", "act": "activiteit", "thema": "thema", "wet": "wet", "plaats": "plaats",
          "doc": "document"}


def _distance(cue, low: int, high: int) -> int:
    start, end = cue[0], cue[1]
    if low <= start and end <= high:
        return 0
    return min(abs(start - high), abs(end - low)) + 1


def _orient(predicate, order, end_a, end_b, before: bool = False, passive: bool = False):
    """(subject, object) for the predicate, or None when it does not join these two kinds. ``before``: the cue
    stands before both names ('Binnen de werkgroep werken de gemeenten': the second is the part); ``passive``: a
    past participle with 'door' or 'van' after it between the names ('gefinancierd met een subsidie van het
    Ministerie') or 'Om … te' with the verb ('Om gemeenten te ondersteunen is een team opgezet'): the second is the
    agent."""
    fits = FITS.get(predicate, set())
    (iri_a, ka), (iri_b, kb) = end_a, end_b
    forward, backward = (ka, kb) in fits, (kb, ka) in fits
    if order == "agent" and backward and (not forward or passive):
        return iri_b, iri_a
    if order == "agent" and forward:
        return iri_a, iri_b
    if order == "part" and before and backward:
        return iri_b, iri_a
    if forward:
        return iri_a, iri_b
    if backward and order != "part":
        return iri_b, iri_a
    return None


def signed(sentence: str, own: str, mentions: list[Mention]) -> list[Relation]:
    """A signature: a short line that starts with a person's name and a comma ('Diederik Greive, Hoofdofficier van
    Justitie', under a foreword) says the section ``own`` is signed by that person (rbv:ondertekendDoor)."""
    if not mentions or mentions[0].start != 0 or not sentence[mentions[0].end:].startswith(",") or len(
            _WORDS.findall(sentence)) > 8:
        return []
    return [Relation(own, RBV + "ondertekendDoor", iri, sentence, 0.6, "ondertekening: naam en komma onder de tekst")
            for iri, classes in _ends(mentions[0]) if any(c.endswith("#Persoon") for c in _full(classes))]


def footnote_references(sentence: str, own: str, section_iri, mentions: list[Mention]) -> list[Relation]:
    """A footnote of the section ``own`` that points to another section ('³³ Zie paragraaf 2.2.2';
    ``section_iri`` gives a section's IRI by number, None for no such section) or names a document: the section
    refers to it (dcterms:references)."""
    see = _SEE_SECTION.match(sentence)
    if see:
        target = section_iri(see.group(1).rstrip("."))
        return [Relation(own, DCT + "references", target, sentence, 0.9, "voetnoot 'Zie paragraaf …'")] if target else []
    found = []
    for mention in mentions:
        for iri, classes in _ends(mention):
            if kind_of(_full(classes)) == "doc":
                found.append(Relation(own, DCT + "references", iri, sentence[:mention.end], 0.7,
                                      "voetnoot die een document noemt"))
    return found


def cited_titles(sentence: str) -> list[tuple[int, int]]:
    """Where the title of the document a footnote cites may end: at its first full stop ('Onveilige situatie
    asielopvang Ter Apel. Inspectie …') and at the comma before its authors or date ('Ondermijning in het Ommeland,
    Tops, P., …'); none for a footnote that is a web address or a remark ('Zie paragraaf 2.2.2')."""
    m = _CITED.match(sentence)
    if (m is None or m.group(1).split()[0].lower() in ("zie", "voor", "het", "de", "dit", "in", "op", "deze")
            or re.match(r"(?:https?://|www\.)", m.group(1))):  # a bare web address is no title
        return []
    spans = [(m.start(1), m.end(1))]
    stop = re.search(r"(?<![A-Z]\w|p\.)\. ", sentence[m.start(1):m.end(1)])
    if stop and stop.start() > 3:
        spans.insert(0, (m.start(1), m.start(1) + stop.start()))
    return spans
