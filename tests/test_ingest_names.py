"""What new things ingest proposes and under what names: the extent of a name (a head word with what qualifies it,
numbered titles, a name over a known name and its abbreviation, a capitalised name with its lower-case rest,
adjectives before a head), one candidate per phrase with its other readings as alternative names, the stop list of
what is no body, and accepting a new thing under another name (``rbvgraph accept … --naam ID=NAAM``).

Each rule is shown on a sentence of the report and on a made-up sentence of another region's report. The known
names are a few given here (not the curated graph, which knows the report's own things already)."""

from __future__ import annotations

import pytest

from rbvgraph.ingest.concepts import Candidate, concept_file, read_concepts
from rbvgraph.ingest.find import Finder, Names, table_row
from rbvgraph.vocab import INSTANCES, ONTOLOGY

from .helpers import assert_one_line_error

_KNOWN = [
    (INSTANCES + "thema/cyberveiligheid", "cyberveiligheid", (ONTOLOGY + "Thema",), "Cyberveiligheid"),
    (INSTANCES + "thema/mensenhandel", "mensenhandel", (ONTOLOGY + "Thema",), "Mensenhandel"),
    (INSTANCES + "organisatie/mkb", "Midden- en Klein Bedrijf", (ONTOLOGY + "Groep",), "Midden- en Klein Bedrijf"),
    (INSTANCES + "organisatie/mkb", "MKB", (ONTOLOGY + "Groep",), "Midden- en Klein Bedrijf"),
    (INSTANCES + "regelgeving/opiumwet", "Opiumwet", (ONTOLOGY + "Regelgeving",), "Opiumwet"),
    (INSTANCES + "organisatie/gemeente-groningen", "Groningen", (ONTOLOGY + "Gemeente",), "gemeente Groningen"),
]
FINDER = Finder(Names(_KNOWN))


def proposed(sentence: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The new things a sentence names: (name, class, alternative names)."""
    return [(m.label, m.cls, m.alternatives) for m in FINDER.mentions(sentence) if m.proposed]


def test_a_head_word_takes_what_qualifies_it_up_to_a_comma_verb_or_determiner():
    assert proposed("Het onderzoek naar zaken van online seksueel kindermisbruik is ondergebracht.") == [
        ("onderzoek naar zaken van online seksueel kindermisbruik", "Document", ("onderzoek naar zaken",))]
    assert proposed("Voorbeelden zijn: workshops over cyberveiligheid in de agrarische bedrijfsvoering, een project "
                    "rond digitale veiligheid in de watersportsector.") == [  # 'Voorbeelden' names nothing
        ("workshops over cyberveiligheid in de agrarische bedrijfsvoering", "Gebeurtenis",
         ("workshops over cyberveiligheid",)),
        ("project rond digitale veiligheid in de watersportsector", "Project", ("project rond digitale veiligheid",))]
    # a known law inside the name stays linked; an activity noun is proposed only with what it acts on
    mentions = FINDER.mentions("Daarbij kan gedacht worden aan waarschuwingsbrieven bij overtreding van de "
                               "Opiumwet, versterking van het BIBOB-beleid.")
    assert [m.text for m in mentions if m.things] == ["Opiumwet"]
    assert [(m.label, m.cls) for m in mentions if m.proposed][:2] == [
        ("waarschuwingsbrieven bij overtreding van de Opiumwet", "Maatregel"),
        ("versterking van het BIBOB-beleid", "Maatregel")]
    # another region: a comma ends it, and 'voor ondernemers' is the second and last qualifier
    assert proposed("In Twente organiseerde de gemeente Enschede trainingen over phishing voor ondernemers in de "
                    "detailhandel, die goed werden bezocht.") == [
        ("Twente", "Plaats", ()),  # a region is a place, not an organisation
        ("gemeente Enschede", "Gemeente", ("Enschede",)),
        ("trainingen over phishing voor ondernemers", "Werkwijze", ("trainingen over phishing",)),
        ("ondernemers in de detailhandel", "Groep", ("ondernemers",))]
    # two activities of one thing; an activity noun alone is none
    assert proposed("Zowel de identificatie en registratie van asielzoekers als het optreden.") == [
        ("identificatie en registratie van asielzoekers", "Activiteit", ())]
    assert proposed("De registratie verliep goed.") == []
    # a compound of 'kader' names a framework; 'in het kader van' is an idiom
    assert proposed("Dit heeft geleid tot een politie-intern handelingskader Soevereinen.") == [
        ("handelingskader Soevereinen", "Document", ("Soevereinen",))]
    assert proposed("In het kader van de aanpak werkt de politie samen.") == []
    # a determiner other than the article and a participle end a qualifier
    assert proposed("Zij organiseerde bewustwordingssessies voor verschillende scholen.") == [
        ("bewustwordingssessies", "Gebeurtenis", ()), ("scholen", "Groep", ())]
    assert proposed("Een aantal gemeenten heeft bewustwordingssessies over bankhelpdeskfraude georganiseerd.")[-1] == (
        "bewustwordingssessies over bankhelpdeskfraude", "Gebeurtenis", ("bewustwordingssessies",))


def test_an_event_takes_its_date_and_a_committee_is_a_body():
    assert proposed("⁶⁷ In de RBPO-vergadering van 23 maart 2023") == [
        ("RBPO-vergadering van 23 maart 2023", "Gebeurtenis", ("RBPO-vergadering",)),
        ("RBPO", "Overheidsorganisatie", ())]
    assert proposed("De werkgroep kwam bijeen; de vergadering van 12 maart 2024 besloot.") == [
        ("vergadering van 12 maart 2024", "Gebeurtenis", ())]
    assert proposed("Een bestuurlijke commissie TOOI Noord-Nederland onderzoekt hoe.") == [
        ("bestuurlijke commissie TOOI Noord-Nederland", "Samenwerkingsverband", ("TOOI Noord-Nederland",))]


def test_a_name_goes_on_over_a_known_name_and_its_abbreviation_inside_it():
    assert proposed("Daarnaast is begin 2023 de Citydeal Lokale Cyberweerbaarheid voor het Midden- en Klein Bedrijf "
                    "(MKB) in Noord-Nederland afgerond.") == [
        ("Citydeal Lokale Cyberweerbaarheid voor het Midden- en Klein Bedrijf (MKB) in Noord-Nederland", "Programma",
         ("Citydeal Lokale Cyberweerbaarheid",))]
    assert proposed("Het Actieplan Digitale Weerbaarheid voor het Midden- en Klein Bedrijf (MKB) in Oost-Nederland "
                    "is vastgesteld.") == [
        ("Actieplan Digitale Weerbaarheid voor het Midden- en Klein Bedrijf (MKB) in Oost-Nederland", "Programma",
         ("Actieplan Digitale Weerbaarheid",))]


def test_a_numbered_title_is_one_name_with_its_label_and_title_as_alternatives():
    assert proposed("Spoor 1: Eigen huis op orde") == [
        ("Spoor 1: Eigen huis op orde", "Activiteit", ("Spoor 1", "Eigen huis op orde"))]
    assert proposed("Actielijn 2: Weerbare jongeren in Twente") == [
        ("Actielijn 2: Weerbare jongeren in Twente", "Activiteit", ("Actielijn 2", "Weerbare jongeren in Twente"))]


def test_a_line_that_is_a_numbered_title_is_a_sentence_of_its_own():
    from rbvgraph.ingest.text import PagedReport

    paged = PagedReport("Verslag\n\n1. Cyber\nSpoor 1: Eigen huis op orde\nDe gemeenten werken samen: Zij "
                        "oefenen.\nActielijn 2: Weerbare jongeren\n", "verslag.txt")
    assert [s.text for s in paged.parts[0].sentences] == [
        "Spoor 1: Eigen huis op orde", "De gemeenten werken samen:", "Zij oefenen.", "Actielijn 2: Weerbare jongeren"]


def test_a_capitalised_name_after_a_head_word_keeps_its_lower_case_rest():
    assert proposed("De provincie Fryslân heeft uit het project Weerbaar bestuur subsidie ter beschikking "
                    "gesteld.")[1:] == [("project Weerbaar bestuur", "Project", ("Weerbaar bestuur",))]
    assert proposed("In Overijssel werd het programma Veilig ondernemen voortgezet.") == [
        ("Overijssel", "Plaats", ()), ("programma Veilig ondernemen", "Programma", ("Veilig ondernemen",))]
    # a name in quotes is the name proper: the head word before it is an alternative
    assert proposed("Zoals opgenomen in het actieplan programma Samen tegen mensenhandel⁷⁰ blijft het delen.") == [
        ("programma Samen tegen mensenhandel", "Programma", ("Samen tegen mensenhandel",))]
    assert proposed("Met de methode ‘financiële vingerafdruk’ wordt gewerkt.") == [
        ("financiële vingerafdruk", "Werkwijze", ())]
    assert proposed("Met de gemeente Hengelo is de methodiek ‘wijkgericht werken’ ingevoerd.") == [
        ("gemeente Hengelo", "Gemeente", ("Hengelo",)), ("wijkgericht werken", "Werkwijze", ())]


def test_a_head_word_before_a_known_name_proposes_nothing_new():
    finder = Finder(Names(_KNOWN + [(INSTANCES + "activiteit/samenspannen", "Samenspannen tegen ondermijning",
                                     (ONTOLOGY + "Programma",), "Samenspannen tegen ondermijning")]))
    mentions = finder.mentions("Het programma Samenspannen tegen ondermijning werd in 2024 voortgezet.")
    assert [(m.text, m.proposed) for m in mentions] == [("Samenspannen tegen ondermijning", "")]
    # a head word with a theme is another thing: a post, an activity on that theme
    assert proposed("De werkgroep mensenhandel kwam vier keer bijeen.") == [
        ("werkgroep mensenhandel", "Samenwerkingsverband", ())]


def test_adjectives_before_a_head_word_belong_to_the_name_and_a_name_after_a_preposition_is_its_own():
    assert proposed("Ook startte in december een nieuwe campagne van Stop it Now.") == [
        ("nieuwe campagne van Stop it Now", "Project", ("nieuwe campagne",)),
        ("Stop it Now", "Overheidsorganisatie", ())]
    # emphasis marks are no part of the name
    assert proposed("In 2023 was er aandacht voor het opleggen van een *preventief* tijdelijk huisverbod.") == [
        ("preventief tijdelijk huisverbod", "Maatregel", ())]
    assert proposed("Een aantal projecten ontving ZonMW-subsidies.") == [
        ("ZonMW-subsidies", "Programma", ()), ("ZonMW", "Overheidsorganisatie", ())]


def test_countries_inhabitants_region_adjectives_compass_and_sentence_words_are_no_body():
    assert proposed("De oorlog in Oekraïne en de komst van Oekraïners naar Rusland en het Noorden.") == []
    assert proposed("Deze aanpak werkt. Ook Duitsers en Belgen kwamen naar het Zuiden en naar Twente.") == [
        ("Twente", "Plaats", ())]
    # region adjectives alone are dropped, inside a name they stay; a known gemeente stays linked
    mentions = FINDER.mentions("Daarnaast werkten de Friese en Groningse gemeenten samen in Groningen.")
    assert [(m.text, m.things[0].label) for m in mentions if m.things] == [("Groningen", "gemeente Groningen")]
    assert [m.label for m in mentions if m.proposed] == ["gemeenten"]
    assert proposed("Zij hielp bij het implementeren van de Friese norm en Groninger en Drentse Aanpak.") == [
        ("Friese norm", "Werkwijze", ()), ("Groninger en Drentse Aanpak", "Werkwijze", ())]


def test_alternative_names_are_written_as_altlabel_and_read_back(tmp_path):
    slug = "verslag-2024"
    new = Candidate("4.1-n1", "nieuw", "4.1", INSTANCES + "activiteit/project-weerbaar-bestuur",
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ONTOLOGY + "Project",
                    "Uit het project Weerbaar bestuur (PWB) kwam subsidie.", 0.6, "nieuw: kernwoord 'project'",
                    "project Weerbaar bestuur", "PWB", ("Weerbaar bestuur",))
    text = concept_file([new], slug, "4.1", "Cyber")
    assert ('rdfs:label "project Weerbaar bestuur"@nl ;\n    skos:altLabel "Weerbaar bestuur"@nl , "PWB"@nl ;\n'
            '    rbv:afkorting "PWB"@nl ;') in text
    (tmp_path / "4.1.ttl").write_text(text, encoding="utf-8")
    assert read_concepts(tmp_path, slug) == {"4.1.ttl": [new]}


_WEERBAAR = """Jaarverslag 2024 Regionaal Beleidsplan Veiligheid Oost-Nederland

Voorwoord
De provincie Overijssel heeft uit het project Veilig bestuur subsidie gegeven.

1. Cyber
Spoor 1: Digitale basis op orde
"""


@pytest.mark.slow
def test_accept_takes_a_new_thing_under_another_name(cli_run, project_copy, tmp_path):
    slug = "jaarverslag-2024-weerbaar"
    path = tmp_path / "weerbaar.txt"
    path.write_text(_WEERBAAR, encoding="utf-8")
    code, _, err = cli_run("ingest", path, "--id", slug, home=project_copy)
    assert code == 0, err
    folder = project_copy / "data" / "concepten" / slug
    found = {c.label: c for cs in read_concepts(folder, slug).values() for c in cs if c.kind == "nieuw"}
    project = found["project Veilig bestuur"]
    assert project.alternatives == ("Veilig bestuur",)
    assert found["Spoor 1: Digitale basis op orde"].alternatives == ("Digitale basis op orde", "Spoor 1")
    # the review card shows the other names
    code, _, err = cli_run("review", slug, "-o", tmp_path / "review.html", home=project_copy)
    assert code == 0, err
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert '<span class="ook">ook: Veilig bestuur</span>' in page
    # a bad id, an id that is no new thing, a name without '=': one line each, nothing written
    before = sorted((p, p.read_bytes()) for p in (project_copy / "data").rglob("*") if p.is_file())
    for given, said in (("9.9-n1=Veilig bestuur", "--naam 9.9-n1=Veilig bestuur: 9.9-n1 is not a new thing "
                                                     "among the candidates accepted"),
                        ("Veilig bestuur", "--naam Veilig bestuur: give ID=NAAM")):
        code, out, err = cli_run("accept", slug, project.id, "--naam", given, home=project_copy)
        assert_one_line_error(code, out, err, said)
    assert sorted((p, p.read_bytes()) for p in (project_copy / "data").rglob("*") if p.is_file()) == before
    # accepted under one of its alternatives: the IRI stays, the proposed name becomes an alternative
    code, _, err = cli_run("accept", slug, project.id, "--naam", f"{project.id}=Veilig bestuur", home=project_copy)
    assert code == 0, err
    accepted = (project_copy / "data" / "triples" / slug / "voorwoord.ttl").read_text(encoding="utf-8")
    assert ('act:project-veilig-bestuur a rbv:Project ;\n    rdfs:label "Veilig bestuur"@nl ;\n'
            '    skos:altLabel "project Veilig bestuur"@nl ;\n    rbv:vermeldIn sec:voorwoord .') in accepted
    assert ('rbv:citaat "De provincie Overijssel heeft uit het project Veilig bestuur subsidie gegeven."@nl'
            in accepted)
    code, _, err = cli_run("validate", home=project_copy)
    assert code == 0, err


_KNOWN_BODIES = _KNOWN + [
    (INSTANCES + "organisatie/riec-noord-nederland", "RIEC Noord-Nederland", (ONTOLOGY + "Samenwerkingsverband",),
     "RIEC Noord-Nederland"),
    (INSTANCES + "organisatie/riec-noord-nederland", "RIEC", (ONTOLOGY + "Samenwerkingsverband",),
     "RIEC Noord-Nederland"),
    (INSTANCES + "organisatie/gemeenten-noord-nederland", "de gemeenten", (ONTOLOGY + "Groep",),
     "gemeenten in Noord-Nederland"),
    (INSTANCES + "organisatie/politie", "politie", (ONTOLOGY + "Politieorganisatie",), "politie"),
    (INSTANCES + "organisatie/sgbo", "SGBO", (ONTOLOGY + "Politieonderdeel",), "SGBO"),
    (INSTANCES + "organisatie/drr", "Dienst Regionale Recherche", (ONTOLOGY + "Politieonderdeel",),
     "Dienst Regionale Recherche"),
]


def test_a_year_after_a_group_says_when_not_which():
    finder = Finder(Names(_KNOWN_BODIES))
    sentence = ("Om de verbinding tussen zorgverleners en de politie te versterken, hebben deze organisaties in 2023 "
                "werkbezoeken aan elkaar gebracht.")  # 3.1.4
    assert [(m.label, m.cls) for m in finder.mentions(sentence) if m.proposed] == [("organisaties", "Groep")]
    sentence = ("Net als in de voorbije jaren hebben de betrokken veiligheidspartners in 2023 flink geïnvesteerd in "
                "de samenwerkingsverbanden met zorginstanties.")  # 3.1.1
    assert [(m.label, m.cls) for m in finder.mentions(sentence) if m.proposed] == [("veiligheidspartners", "Groep")]


def test_a_known_thing_is_not_proposed_again_under_its_owner_or_without_its_article():
    names = Names(_KNOWN_BODIES)
    # Bijlage 2: the abbreviation list names the politie the unit belongs to; the graph knows both units
    row = "SGBO\tStaf Grootschalig en Bijzonder Politieoptreden (politie)"
    assert table_row(tuple(row.split("\t")), row, names) is None
    row = "DRR\tDienst Regionale Recherche (politie)"
    assert table_row(tuple(row.split("\t")), row, names) is None
    row = "TDA\tTeam Districtelijke Aanpak (politie)"
    assert table_row(tuple(row.split("\t")), row, names).label == "Team Districtelijke Aanpak (politie)"
    # 1.2.1: 'Gemeenten' is the group the graph knows as 'de gemeenten': linked, not proposed
    mentions = Finder(names).mentions("Gemeenten pakken hierbij veelvuldig hun verantwoordelijkheid.")
    assert [(m.text, m.things[0].iri.rsplit("/", 1)[-1], m.proposed) for m in mentions] == [
        ("Gemeenten", "gemeenten-noord-nederland", "")]


def test_a_word_capitalised_by_its_place_or_a_plural_names_no_body():
    finder = Finder(Names(_KNOWN_BODIES))
    for line in ("Nieuwe werkwijzen", "Tabel 1.", "Slagkracht", "Bron: politie en OM, 2024"):  # 4.2.2, Bijlage 3
        assert [m.label for m in finder.mentions(line) if m.proposed] == [], line
    # 2.2.5: Telegram groups are a kind of thing, not one collaboration body
    assert [m.label for m in finder.mentions(
        "Er zijn diverse vuurwerkopslagen ontmanteld en Telegramgroepen waarin professioneel vuurwerk werd verhandeld "
        "zijn overgenomen en stilgelegd.") if m.proposed] == []
    # 2.2.7: the 'verband' of a known collaboration body is that body; another head word takes the whole name
    assert [m.label for m in finder.mentions(
        "Lokaal worden goede resultaten geboekt door samenwerking met partners, al dan niet in RIEC "
        "Noord-Nederland-verband.") if m.proposed] == ["partners"]
    assert [(m.label, m.cls) for m in finder.mentions("Het RIEC Noord-Nederland-convenant is getekend.")
            if m.proposed] == [("RIEC Noord-Nederland-convenant", "Document")]
    # capitals inside a word say more than its place: a lone 'ChatGPT' is still proposed
    assert [m.label for m in finder.mentions("ChatGPT werd besproken.") if m.proposed] == ["ChatGPT"]


def test_a_compound_of_a_head_word_that_names_another_kind_is_that_kind():
    # Voorwoord: 'rechtbank' ends in 'bank' but is a court
    mentions = Finder(Names(_KNOWN_BODIES)).mentions(
        "Daarnaast vinden ook steeds meer verdachten hun weg naar de rechtbank of worden activiteiten verstoord.")
    assert [(m.label, m.cls) for m in mentions if m.proposed] == [("rechtbank", "Justitieorganisatie")]


def test_a_verb_in_the_past_tense_is_no_adjective_of_a_name():
    # 1.2.2: 'leverde' is a verb; a past participle with its prefix stands before a noun ('verbeterde aanpak')
    assert [m for m in proposed("De Dienst Regionale informatie Organisatie (DRIO) leverde signaalrapporten op.")
            if m[1] == "Document"] == [("signaalrapporten", "Document", ())]
    assert proposed("Er kwam een verbeterde aanpak.") == [("verbeterde aanpak", "Werkwijze", ())]
