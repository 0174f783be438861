"""The words ingest reads a report by: head words of names, nouns that name an activity with what they act on,
common nouns that name groups of organisations, the words that name no body (countries, inhabitants, region
adjectives, compass and sentence words), the regions of the country, and the cue table that turns a Dutch phrase
into a predicate of the ontology.

Every table here is documented in the README (section "Ingest"): a reviewer can see why a candidate was made.
"""

from __future__ import annotations

import re

from ..vocab import ONTOLOGY, PREFIXES

RBV = ONTOLOGY
DCT = PREFIXES["dcterms"]
ORG = PREFIXES["org"]

# Head words of names of organisations, bodies and activities, with the class a name ending (or starting) with
# one is proposed as. A head word also counts at the end of a compound ('Actieteam', 'Veiligheidsagenda').
HEAD_WORDS: dict[str, str] = {
    "team": "Overheidsorganisatie", "afdeling": "Overheidsorganisatie", "dienst": "Overheidsorganisatie", "bureau": "Overheidsorganisatie",
    "eenheid": "Politieonderdeel", "basisteam": "Politieonderdeel", "recherche": "Politieonderdeel",
    "werkgroep": "Samenwerkingsverband", "tafel": "Samenwerkingsverband", "casustafel": "Samenwerkingsverband",
    "platform": "Samenwerkingsverband", "overleg": "Samenwerkingsverband", "netwerk": "Samenwerkingsverband",
    "verband": "Samenwerkingsverband", "coalitie": "Samenwerkingsverband", "driehoek": "Samenwerkingsverband",
    "expertisecentrum": "Samenwerkingsverband", "centrum": "Overheidsorganisatie", "huis": "Zorgpartner",
    "veiligheidshuis": "Zorgpartner", "meldpunt": "Overheidsorganisatie", "loket": "Overheidsorganisatie",
    "ministerie": "Ministerie", "gemeente": "Gemeente", "provincie": "Provincie", "inspectie": "Inspectie", "politie": "Politieorganisatie",
    "aanpak": "Werkwijze", "methode": "Werkwijze", "werkwijze": "Werkwijze", "training": "Werkwijze",
    "programma": "Programma", "agenda": "Programma", "actieplan": "Programma", "plan": "Programma",
    "beleidsplan": "Programma", "strategie": "Programma", "wegenkaart": "Programma",
    "project": "Project", "pilot": "Project", "campagne": "Project", "proeftuin": "Project",
    "maatregel": "Maatregel", "regeling": "Regelgeving", "wet": "Regelgeving", "verordening": "Regelgeving",
    "rapport": "Document", "beeld": "Document", "analyse": "Document", "onderzoek": "Document",
    "convenant": "Document", "monitor": "Document", "handreiking": "Document", "handleiding": "Document",
    "rapportage": "Document", "jaarverslag": "Document", "kader": "Document",
    "beleid": "Werkwijze", "norm": "Werkwijze", "scan": "Werkwijze", "controle": "Maatregel", "actie": "Maatregel",
    "sessie": "Gebeurtenis", "dag": "Gebeurtenis", "jaarwisseling": "Gebeurtenis", "demonstratie": "Gebeurtenis", "bijeenkomst": "Gebeurtenis", "conferentie": "Gebeurtenis",
    "interventie": "Maatregel", "scripting": "Werkwijze", "inleveractie": "Maatregel", "container": "Maatregel",
    "brief": "Maatregel", "cursus": "Werkwijze", "voorlichting": "Werkwijze", "opsporing": "Werkwijze",
    "commissie": "Samenwerkingsverband",
    "groep": "Samenwerkingsverband", "taskforce": "Samenwerkingsverband", "congres": "Gebeurtenis", "oefening": "Gebeurtenis", "week": "Gebeurtenis",
    "vergadering": "Gebeurtenis", "workshop": "Gebeurtenis", "roadshow": "Gebeurtenis", "verbod": "Maatregel",
    "subsidie": "Programma", "gelden": "Programma", "deal": "Programma", "instituut": "Kennisinstelling",
    "universiteit": "Kennisinstelling", "hogeschool": "Kennisinstelling", "steunpunt": "Overheidsorganisatie",
    "office": "Overheidsorganisatie", "bank": "PrivatePartner", "stichting": "MaatschappelijkeOrganisatie",
    "regisseur": "Functie", "functionaris": "Functie", "coordinator": "Functie", "kwartiermaker": "Functie",
    "aanjager": "Functie", "officier": "Functie", "expert": "Functie", "specialist": "Functie",
    "projectleider": "Functie", "adviseur": "Functie", "burgemeester": "Functie", "manager": "Functie",
}
# Compounds that end in a head word but name nothing ('bijvoorbeeld' ends in 'beeld').
NOT_NAMES = {"bijvoorbeeld", "voorbeeld", "beeld", "onderzoek", "aanpak", "beleid", "dag", "actie", "brief",
             "controle", "sessie", "norm", "scan", "opsporing", "team", "project", "programma", "plan",
             "politie", "eenheid", "dienst", "overleg", "netwerk", "platform", "tafel", "huis", "thuis", "verband",
             "samenwerkingsverband", "werkwijze", "methode", "analyse", "rapport", "centrum", "agenda", "wet",
             "regeling", "maatregel", "training", "bureau", "monitor", "vandaag", "zaterdag", "zondag", "maandag",
             "dinsdag", "woensdag", "donderdag", "vrijdag", "feestdag", "afdeling", "inspectie", "ministerie",
             "groep", "doelgroep", "gemeente", "provincie", "week", "vergadering", "subsidie", "gelden", "deal", "regisseur", "expert",
             "specialist", "adviseur", "manager", "officier", "coordinator", "functionaris", "week", "weken",
             "deze week", "taskforce", "verbod", "kader", "kaders", "oefening", "workshop", "congres", "instituut", "bank", "office"}
# Nouns that name an activity only together with what it acts on: proposed with the qualifier after them and
# never alone ('versterking van het BIBOB-beleid', 'sluiting van een makelaarskantoor'), two of them joined by 'en'
# with one qualifier ('identificatie en registratie van asielzoekers'). Not 'inzet' or 'handhaving': 'inzet van de
# politie' names no activity of its own. A head word of HEAD_WORDS that is no name alone ('opsporing', in
# NOT_NAMES) behaves so already.
ACTIVITY_NOUNS: dict[str, str] = {
    "versterking": "Maatregel", "identificatie": "Activiteit",
    "registratie": "Activiteit", "bestrijding": "Activiteit", "preventie": "Activiteit",
    "verwijdering": "Activiteit", "sluiting": "Maatregel",
}
# Common nouns (plural) that name a group of organisations or people, proposed as an rbv:Groep.
GROUP_NOUNS = (
    "banken", "verzekeraars", "juweliers", "webwinkels", "winkeliers", "onderwijsinstellingen", "scholen",
    "woningcorporaties", "zorgorganisaties", "zorgpartners", "ziekenhuizen", "huisartsen", "wijkteams",
    "ondernemers", "agrariers", "bedrijven", "ondernemersverenigingen", "verenigingen", "dorpsbelangen",
    "supportersverenigingen", "omgevingsdiensten", "veiligheidspartners", "ketenpartners", "gemeenten",
    "provincies", "burgemeesters", "driehoeken", "veiligheidsregio's", "districtsrecherches", "media",
    "penitentiaire inrichtingen", "meldpunten", "jongerenwerk", "jeugdzorg", "ambulancezorg", "gezondheidszorg",
    "horeca", "supermarkten", "transportbedrijven", "havenbedrijven", "netwerkpartners",
    "partners", "organisaties", "instellingen", "casustafels", "hulpverleners", "verslavingszorg",
    "zorgaanbieders",
)
# Common nouns that name one organisation without a capital ('de brandweer'), with the class proposed.
ORGANISATION_NOUNS = {
    "brandweer": "Overheidsorganisatie", "reclassering": "Justitieorganisatie", "burgerzaken": "Overheidsorganisatie",
    "schuldhulpverlening": "Zorgpartner", "verslavingszorg": "Zorgpartner", "jeugdbescherming": "Zorgpartner",
    "kinderbescherming": "Justitieorganisatie", "marechaussee": "Politieorganisatie", "douane": "Overheidsorganisatie",
    "belastingdienst": "Overheidsorganisatie", "ggd": "Zorgpartner", "ggz": "Zorgpartner",
    "rechtbank": "Justitieorganisatie",  # a compound of 'bank', but a court
}

# Words that may join a group noun to what qualifies it: 'bedrijven in de havengebieden', 'organisaties uit de
# veiligheidsketen'.
GROUP_LINKS = ("in de", "uit de", "in het", "in")
# Words before a noun that are no part of its name ('de', 'enkele', 'diverse').
NOT_ADJECTIVES = {"de", "deze", "die", "ze", "elke", "welke", "andere", "enkele", "diverse", "verschillende",
                  "meerdere", "vele", "alle", "sommige", "eerste", "tweede", "derde", "hele", "twee", "drie",
                  "vier", "vijf", "zes", "acht", "negen", "tien", "onze", "hele", "bepaalde", "genoemde", "volgende",
                  "eigen", "bovengenoemde", "overige", "zelfde", "dezelfde", "hierbij", "graag"}

# The months: a date is no body and ends no name ('in november', 'RBPO-vergadering van 23 maart 2023').
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
# Relative pronouns: after a comma they start a clause about the name just before the comma ('…, waar RIEC en OM
# deelnemen'); conjunctions after a comma start a clause of their own (relate.py cuts a sentence at both).
RELATIVE_PRONOUNS = ("die", "dat", "wat", "welke", "wie", "waar", "waarbij", "waarmee", "waarin", "waarop", "waaraan",
                     "waardoor")
CONJUNCTIONS = ("en", "maar", "want", "dus", "of", "terwijl", "waarna", "zodat", "omdat", "doordat", "nadat", "hoewel")
# The endings of Dutch adjectives without an inflection ('preventief', 'bestuurlijk', 'illegaal' aside): each
# adjective rule of find.py adds the inflected or rarer endings it reads.
ADJECTIVE_ENDINGS = ("ief", "lijk", "ig", "isch")
# A numbered title: its label ('Spoor 1', 'Actielijn 2a') and its name ('Eigen huis op orde'), 'LABEL: NAME' on a
# line of its own (text.py keeps the line one sentence, find.py proposes it as one name).
NUMBERED_TITLE_LABEL = r"[A-Z][a-zà-ÿ]{2,20} \d{1,2}[a-z]?"
NUMBERED_TITLE_NAME = r"[A-Z][^.:;!?]{2,80}"

# The police regions and the RIEC regions: a name followed by one of these is the body of that region.
REGIONS = (
    "Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland", "Amsterdam-Amstelland",
    "Amsterdam", "Den Haag", "Haaglanden", "Rotterdam", "Rotterdam-Rijnmond", "Zeeland-West-Brabant",
    "Oost-Brabant", "Limburg", "Gelderland-Midden", "Gelderland-Zuid", "IJsselland", "Twente", "Utrecht",
    "Zuid-Holland", "Brabant", "Zeeland", "Flevoland", "Noord-Brabant", "Gelderland", "Overijssel",
)

# the regions as one regular expression, the longest first ('Rotterdam-Rijnmond' before 'Rotterdam')
REGION_PATTERN = "|".join(re.escape(r) for r in sorted(REGIONS, key=len, reverse=True))

HOME_REGION = "Noord-Nederland"  # the curated report's region: the graph's regional bodies are its own
# Kinds of bodies every region has its own of (an RIEC, a Platform Veilig Ondernemen, basisteams): a known one is
# taken for Noord-Nederland's unless a name of it says it is national.
REGIONAL_CLASSES = ("Samenwerkingsverband", "Politieonderdeel")
NATIONAL_WORDS = ("landelijk", "nationaal", "nationale", "rijks", "nederlandse", "europese")

# Small words that may stand inside a name ('Ministerie van Justitie en Veiligheid').
# Words that start a sentence or stand before a name without being part of it ('Ook de Taskforce …', 'Daarnaast
# het Meldpunt …'): taken off the front of a proposed name (not of a name in quotes: 'Samen sterk voor …').
LEADING_WORDS = {"ook", "de", "het", "een", "zo", "daarnaast", "verder", "bovendien", "tevens", "daarbij",
                 "hierbij", "daarom", "dus", "en", "of", "maar", "want", "dit", "deze", "die", "dat", "inmiddels",
                 "ons", "onze", "hun", "er", "hier", "daar", "als", "door", "via", "namens", "tijdens", "vanuit"}
# What a capitalised word inside a sentence often is without being the name of an organisation or programme:
# countries and regions abroad, their inhabitants, adjectives of regions and peoples, compass words and the
# adverbs and pronouns that start a clause. A proposed name made of these words only (and small words such as
# 'en') is dropped: 'Rusland', 'Oekraïners', 'Tsjechië en België', 'Friese', 'Noorden', 'Daarnaast'. Inside a
# longer name they stay ('Friese norm', 'Drentse Aanpak'). Gemeenten and provinces the graph knows are linked
# before this list is read, so it never hides a known place.
NOT_ORGANISATIONS = {
    # countries and areas abroad
    "nederland", "belgie", "duitsland", "frankrijk", "engeland", "verenigd koninkrijk", "groot-brittannie",
    "ierland", "luxemburg", "spanje", "portugal", "italie", "griekenland", "oostenrijk", "zwitserland", "polen",
    "tsjechie", "slowakije", "hongarije", "roemenie", "bulgarije", "kroatie", "servie", "albanie", "denemarken",
    "zweden", "noorwegen", "finland", "estland", "letland", "litouwen", "oekraine", "rusland", "wit-rusland",
    "belarus", "moldavie", "turkije", "marokko", "algerije", "tunesie", "egypte", "libie", "syrie", "irak", "iran",
    "israel", "palestina", "gazastrook", "westelijke jordaanoever", "libanon", "afghanistan", "pakistan", "india",
    "china", "japan", "amerika", "verenigde staten", "canada", "mexico", "colombia", "brazilie", "suriname",
    "curacao", "aruba", "bonaire", "eritrea", "somalie", "nigeria", "europa", "azie", "afrika", "midden-oosten",
    # their inhabitants and peoples
    "nederlanders", "belgen", "duitsers", "fransen", "engelsen", "britten", "polen", "roemenen", "bulgaren",
    "oekrainers", "russen", "turken", "marokkanen", "syriers", "irakezen", "iraniers", "afghanen", "eritreeers",
    "somaliers", "palestijnen", "israeliers", "chinezen", "amerikanen", "surinamers", "antillianen", "europeanen",
    "friezen", "groningers", "drenten", "noorderlingen",
    # adjectives of regions and peoples (a name needs a noun after them)
    "nederlandse", "europese", "friese", "groningse", "groninger", "drentse", "drents", "fries", "gronings",
    "noordelijke", "zuidelijke", "oostelijke", "westelijke", "landelijke", "regionale", "internationale",
    "russische", "oekraiense", "duitse", "belgische", "poolse", "turkse", "marokkaanse", "syrische",
    "palestijnse", "israelische", "amerikaanse", "chinese", "online",
    # compass words
    "noorden", "zuiden", "oosten", "westen", "noordoosten", "noordwesten", "zuidoosten", "zuidwesten", "noord",
    "zuid", "oost", "west",
    # adverbs, pronouns and conjunctions that start a clause
    "daarnaast", "deze", "dit", "die", "dat", "ook", "verder", "bovendien", "tevens", "daarbij", "hierbij",
    "daarom", "zo", "echter", "wel", "niet", "nog", "toen", "nu", "hier", "daar", "er", "zij", "wij", "we", "ze",
    "hij", "het", "de", "een", "in", "op", "met", "voor", "na", "bij", "tegen", "vanuit", "door", "om", "als",
    "terecht", "inmiddels", "vervolgens", "tenslotte", "ten slotte", "eveneens", "zowel", "enerzijds",
    "anderzijds", "onder andere", "ondanks", "sinds", "tijdens", "voorts", "waarbij", "waardoor", "welke",
    "wanneer", "indien", "hierdoor", "daardoor", "hiervoor", "daarvoor", "hiermee", "daarmee", "zoals",
    "bijvoorbeeld", "voorbeeld", "voorbeelden",
    # months: a date is no body
    *MONTHS,
}
# Inhabitants named by a capitalised plural ('Amelanders', 'Oekraïners', 'Syriërs', 'Chinezen'): people, not a
# body; dropped like the words above when they stand alone.
INHABITANT_ENDINGS = ("ers", "anen", "ijnen", "ezen")
CONNECTORS = {"van", "voor", "en", "de", "het", "der", "tegen", "op", "in", "met", "'t", "aan", "bij", "&",
              "it", "the", "of", "for", "and"}  # and the English ones of names such as 'Stop it Now'

# Phrases that stand for more than one predicate: each is one pattern, used by every entry of the cue table below
# (and by relate.py), so the entries cannot drift apart.
# 'samenwerking tussen X en Y' names the parties after it (relate.py: a name before it is none of them)
BETWEEN_PARTIES = r"samenwerking tussen"
# working together: between organisations 'werkt samen met', from an organisation to an activity 'neemt deel aan'
WORKING_TOGETHER = (rf"in samenwerking met|samen met|{BETWEEN_PARTIES}|samenwerking (?:met|van)|samengewerkt|"
                    r"werk(?:t|en|te|ten) samen|samen(?:werken|werkt|werkten)|gezamenlijk")
# being part: of an activity 'onderdeel van', of an organisation 'org:subOrganizationOf'
BEING_PART = r"onder aansturing van|onderdeel van|maakt deel uit|maken deel uit|valt onder|vallen onder|binnen (?:de|het)"
# by a law: an activity is based on it, an organisation applies it
BY_LAW = r"op grond van|o\.g\.v"

# The cue table: a Dutch phrase in a sentence naming two things, and the predicate it suggests. ``order`` says
# which of the two is the subject: "text" (the first named), "agent" (the organisation, person or post), or
# "part" (the first named is the part: 'X, onderdeel van Y').
CUES: tuple[tuple[str, str, str], ...] = (
    (WORKING_TOGETHER, RBV + "werktSamenMet", "text"),
    (r"uitgevoerd door|uitvoering (?:door|van)|voer(?:t|en|de|den) \w+(?: \w+){0,6} uit|heeft \w+(?: \w+){0,6} "
     r"uitgevoerd|organiseer\w*|georganiseerd|(?:heeft|hebben) \w+(?: \w+){0,6} (?:ingezet|opgezet|gestart)|"
     r"ingezet|opgezet|gestart|ontwikkeld|verzorgd|inzet van", RBV + "voertUit", "agent"),
    (r"deelgenomen|deel(?:name|nemen|neemt|namen)|neem(?:t|en) deel|nam(?:en)? deel|aangesloten|sluit(?:en)? aan|"
     r"zitting in|vertegenwoordigd|betrokken (?:bij|in)|lid van|partners? (?:in|van)", RBV + "neemtDeelAan", "agent"),
    # an organisation working together on an activity takes part in it ('samen met de politie' after a project)
    (WORKING_TOGETHER, RBV + "neemtDeelAan", "agent"),
    (r"gefinancierd|financier\w*|financiële (?:ondersteuning|steun|bijdrage)|subsidie\w*|bijdrage van|"
     r"middelen van|bekostigd|cofinanciering", RBV + "financiert", "agent"),
    (BEING_PART, RBV + "onderdeelVan", "part"),
    (rf"{BEING_PART}|afdeling van|team van|dienst van", ORG + "subOrganizationOf", "part"),
    (r"ondersteun\w*|steun(?:t|en)?|hulp (?:bij|aan)|adviseer\w*|advies aan", RBV + "ondersteunt", "agent"),
    (rf"op basis van|gebaseerd op|conform|volgens|{BY_LAW}", RBV + "gebaseerdOp", "text"),
    (rf"toegepast|toepass\w*|pas(?:t|sen) \w+(?: \w+){{0,4}} toe|opgelegd|bevoegdheid|{BY_LAW}", RBV + "pastToe", "agent"),
    (r"gericht op|gericht tegen|ter bestrijding van|bestrijding van|tegengaan van|aanpak van", RBV + "gerichtTegen",
     "text"),
    (r"vastgesteld door|vastgesteld|stelde \w+ vast", RBV + "vastgesteldDoor", "text"),
    (r"aangestuurd door|aansturing door", RBV + "aangestuurdDoor", "text"),
    (r"voorgezeten door|voorzitter|(?:onder )?voorzitterschap van", RBV + "voorgezetenDoor", "text"),
    (r"levert \w+ op|leverde \w+ op|opgeleverd|resulteerde in|leidde tot", RBV + "levertOp", "text"),
)
COMPILED_CUES = tuple((re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), predicate, order)
                      for pattern, predicate, order in CUES)

# Without a cue, the kinds of the two things suggest the predicate (the most frequent one between such kinds in
# the curated report), at confidence 0.2: leaving each chapter out, about one such pair in ten is a curated fact.
# Kinds: "org" (organisations, groups, posts, persons), "act" (programmes, projects, methods, measures, events),
# "thema", "wet", "plaats" (gemeenten, provinces, places), "doc". Two activities, an activity and a law and an
# activity and a document get no relation without a cue: none of the 62 such pairs was a curated fact.
DEFAULTS: dict[tuple[str, str], str] = {
    ("org", "org"): RBV + "werktSamenMet",
    ("org", "act"): RBV + "voertUit",
    ("org", "thema"): RBV + "heeftThema",
    ("act", "thema"): RBV + "heeftThema",
    ("doc", "thema"): RBV + "heeftThema",
    ("org", "wet"): RBV + "pastToe",
    ("act", "plaats"): RBV + "vindtPlaatsIn",
    ("doc", "org"): DCT + "creator",
}
# Which kinds a predicate joins, subject first: a cue whose predicate does not fit the two kinds is not used. Only
# pairs the ontology's domains and ranges allow: rbv:gerichtTegen has the domain rbv:Activiteit, rbv:gebaseerdOp the
# range rbv:Regelgeving, rbv:levertOp the range rbv:Document, rbv:aangestuurdDoor the domain rbv:Organisatie, so an
# organisation directed against a theme would be made an activity too (tests/test_ingest_relations.py checks them).
FITS: dict[str, set[tuple[str, str]]] = {
    RBV + "werktSamenMet": {("org", "org")},
    RBV + "voertUit": {("org", "act")},
    RBV + "neemtDeelAan": {("org", "act"), ("org", "org")},
    RBV + "financiert": {("org", "act"), ("org", "org")},
    RBV + "onderdeelVan": {("act", "act")},
    ORG + "subOrganizationOf": {("org", "org")},
    RBV + "ondersteunt": {("org", "org"), ("org", "act")},
    RBV + "gebaseerdOp": {("act", "wet")},
    RBV + "pastToe": {("org", "wet"), ("act", "wet")},
    RBV + "gerichtTegen": {("act", "thema")},
    RBV + "vastgesteldDoor": {("doc", "org"), ("act", "org")},
    RBV + "aangestuurdDoor": {("org", "org")},
    RBV + "voorgezetenDoor": {("org", "org")},
    RBV + "levertOp": {("act", "doc"), ("org", "doc")},
    RBV + "heeftThema": {("org", "thema"), ("act", "thema"), ("doc", "thema")},
    RBV + "vindtPlaatsIn": {("act", "plaats")},
    DCT + "creator": {("doc", "org")},
}
ORG_CLASSES = {"Organisatie", "Groep", "Persoon", "Functie", "Overheidsorganisatie", "Ministerie", "Inspectie",
               "Politieorganisatie", "Politieonderdeel", "Justitieorganisatie", "Samenwerkingsverband", "Zorgpartner",
               "Kennisinstelling", "PrivatePartner", "MaatschappelijkeOrganisatie"}
ACT_CLASSES = {"Activiteit", "Programma", "Project", "Werkwijze", "Maatregel", "Gebeurtenis", "Vakgebied"}


def kinds_of(classes) -> tuple[str, ...]:
    """The kinds ('org', 'act', 'thema', 'wet', 'plaats', 'doc') of a thing with these classes (IRIs), the first
    preferred: a gemeente or province is a place where something happens and an organisation that works with
    others."""
    local = {c.rsplit("#", 1)[-1] for c in classes if c.startswith(RBV)}
    found = ["plaats"] if local & {"Gemeente", "Provincie", "Plaats"} else []
    for kind, names in (("org", ORG_CLASSES | {"Gemeente", "Provincie"}), ("act", ACT_CLASSES),
                        ("thema", {"Thema"}), ("wet", {"Regelgeving"}), ("doc", {"Document"})):
        if local & names and kind not in found:
            found.append(kind)
    return tuple(found)


def kind_of(classes) -> str | None:
    """The preferred kind of a thing with these classes (see :func:`kinds_of`), or None."""
    kinds = kinds_of(classes)
    return kinds[0] if kinds else None
