"""How ingest relates the things a sentence names (ingest/relate.py): by clause, by a cue of the names' own clause,
across two sentences where the second points back, minding the region; sentences from the report (and made-up ones
of another region). Exact candidates: subject, predicate, object, quote, confidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rbvgraph.graph import open_graph
from rbvgraph.graph.search import build_index
from rbvgraph.ingest.find import Finder, Names
from rbvgraph.ingest.lexicon import BEING_PART, BY_LAW, CUES, WORKING_TOGETHER
from rbvgraph.ingest.relate import back_relations, cited_titles, relations, signed
from rbvgraph.ingest.run import _section_themes
from rbvgraph.ingest.text import PagedReport

REPORT = Path(__file__).resolve().parents[2] / "shared" / "source" / "000_a077b94e73753f08.txt"


@pytest.fixture(scope="module")
def names(proj):
    return Names(build_index(open_graph(proj, "none").store).names())


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _found(names, sentence, region=None, before=None):
    finder = Finder(names, region)
    mentions = finder.mentions(sentence)
    found = (relations(sentence, mentions, region) if before is None
             else back_relations(before, finder.mentions(before), sentence, mentions, region))
    return {(_local(r.subject), _local(r.predicate), _local(r.object)): (r.quote, r.confidence) for r in found}


def test_two_names_in_different_clauses_are_not_related(names):
    # made up, another region: the RIEC carries out the havenscans; ', waarbij' starts another clause
    found = _found(names, "Het RIEC Oost-Nederland organiseerde havenscans in Twente, waarbij de Belastingdienst "
                          "gegevens deelde met de gemeente Enschede.", "Oost-Nederland")
    assert found[("riec-oost-nederland", "voertUit", "havenscans")] == ("RIEC Oost-Nederland organiseerde havenscans",
                                                                          0.7)
    assert not {k for k in found if {k[0], k[2]} & {"riec-oost-nederland", "havenscans"}
                and {k[0], k[2]} & {"belastingdienst", "gemeente-enschede"}}
    # without a cue the kinds guess, at 0.2
    assert found[("belastingdienst", "werktSamenMet", "gemeente-enschede")] == (
        "Belastingdienst gegevens deelde met de gemeente Enschede", 0.2)


def test_a_body_of_another_region_is_related_only_by_a_cue_between_the_names(names):
    assert _found(names, "Het RIEC Oost-Nederland en het RIEC Noord-Nederland spraken over havenscans.") == {
        ("riec-noord-nederland", "voertUit", "havenscans"): ("RIEC Noord-Nederland spraken over havenscans", 0.2),
        ("havenscans", "vindtPlaatsIn", "noord-nederland"): ("Noord-Nederland spraken over havenscans", 0.2)}
    found = _found(names, "Het RIEC Oost-Nederland werkt samen met het RIEC Noord-Nederland.")
    assert found == {("riec-oost-nederland", "werktSamenMet", "riec-noord-nederland"): (
        "RIEC Oost-Nederland werkt samen met het RIEC Noord-Nederland", 0.7)}


def test_a_sentence_that_points_back_relates_what_it_points_at(names):
    # 3.1.2: 'Het project' is the project Koers en Kansen of the sentence before
    found = _found(names, "Het project krijgt financiële ondersteuning van het Ministerie van J&V en beoogt de "
                          "afname van recidive en het beperken van detentieschade van ex-gedetineerden.",
                   before="Met het project Koers en Kansen werken gemeenten, penitentiaire inrichtingen en zorg- en "
                          "veiligheidshuizen aan een veilige terugkeer van ex-gedetineerden in de samenleving.")
    quote, confidence = found[("ministerie-jenv", "financiert", "koers-en-kansen")]
    assert quote.startswith("Koers en Kansen werken") and quote.endswith(
        "samenleving. Het project krijgt financiële ondersteuning van het Ministerie van J&V")
    assert confidence == 0.6  # the cue between the names (0.8), less 0.2 for the step back
    # a sentence that does not point back relates nothing of the one before
    assert _found(names, "Gemeenten krijgen financiële ondersteuning van het Ministerie van J&V.",
                  before="Met het project Koers en Kansen werken gemeenten aan een veilige terugkeer.") == {}


def test_working_together_on_an_activity_is_taking_part_in_it(names):
    found = _found(names, "Bijvoorbeeld een 'Cyberproject Ouderen' (samen met de politie en de Rabobank) om "
                          "65-plussers bewuster te maken van cybercrime.")  # 4.1.3
    assert found[("rabobank", "neemtDeelAan", "cyberproject-ouderen")] == (
        "Cyberproject Ouderen' (samen met de politie en de Rabobank", 0.8)


def test_a_unit_named_with_its_organisation_after_its_abbreviation_is_part_of_it(names):
    found = _found(names, "De Dienst Regionale Recherche (DRR) van de eenheid Noord-Nederland heeft in 2023 ruim "
                          "twintig strafrechtelijke onderzoeken uitgevoerd.")  # 2.2.3
    assert found[("drr", "subOrganizationOf", "politie-noord-nederland")] == (
        "Dienst Regionale Recherche (DRR) van de eenheid Noord-Nederland", 0.6)
    assert ("drr", "werktSamenMet", "politie-noord-nederland") not in found  # the guess gives way


def test_two_activities_without_a_cue_are_not_related(names):
    # made up, another region: two projects side by side say nothing about each other
    assert _found(names, "Het project Veilig Twente en de pilot Schone Haven Enschede liepen door.",
                  "Oost-Nederland") == {}


def test_a_section_is_about_the_theme_of_its_nearest_heading_that_names_one(names):
    paged = PagedReport(REPORT.read_text(encoding="utf-8"), str(REPORT))
    themes = _section_themes(paged, Finder(names))
    assert sorted(_local(t) for t in themes["2.2.5"]) == ["milieucriminaliteit"]  # not chapter 2's ondermijning
    assert [_local(t) for t in themes["2.1.3"]] == ["ondermijning"]  # 'Bestuurlijke maatregelen': chapter 2's


def test_a_relative_clause_speaks_of_the_name_before_its_comma_and_a_list_is_no_chain(names):
    # 3.1.4: ', waar … deelnemen' is about the tafel; the two dashes set a phrase in
    found = _found(names, "Een van de voorstellen in de governance was om een bestuurlijke tafel mensenhandel "
                          "Noord-Nederland in te richten, waar – naast bestuurders van RIEC Noord-Nederland, "
                          "Arbeidsinspectie, politie en OM – ook per provincie een burgemeester en een wethouder "
                          "deelnemen.")
    assert found[("arbeidsinspectie", "memberOf", "bestuurlijke-tafel-mensenhandel-noord-nederland")][1] == 0.6
    assert found[("om", "memberOf", "bestuurlijke-tafel-mensenhandel-noord-nederland")][1] == 0.6
    # the members of one list take part in the tafel, not in each other: at most the guess that they work together
    listed = {"arbeidsinspectie", "politie", "politie-noord-nederland", "om", "om-noord-nederland"}
    assert {p for s, p, o in found if s in listed and o in listed} == {"werktSamenMet"}
    assert found[("arbeidsinspectie", "werktSamenMet", "om")] == ("Arbeidsinspectie, politie en OM", 0.2)


def test_inside_a_working_body_the_partners_are_its_members(names):
    found = _found(names, "Binnen de regionale werkgroep Radicalisering werken de gemeenten, het OM en de politie "
                          "proactief samen.")  # 3.1.3
    assert found[("om", "memberOf", "werkgroep-radicalisering-noord-nederland")] == (
        "Binnen de regionale werkgroep Radicalisering werken de gemeenten, het OM", 0.6)
    assert found[("om", "werktSamenMet", "politie")] == ("OM en de politie", 0.2)  # one list: the guess only


def test_a_name_that_carries_a_theme_is_on_that_theme(names):
    found = _found(names, "Een aantal gemeenten heeft bewustwordingssessies over bankhelpdeskfraude georganiseerd voor "
                          "inwoners.")  # 4.1.3
    assert found[("bewustwordingssessies-bankhelpdeskfraude", "heeftThema", "bankhelpdeskfraude")] == (
        "bewustwordingssessies over bankhelpdeskfraude", 0.6)


def test_a_participle_with_van_makes_the_second_name_the_agent(names):
    found = _found(names, "Daarvoor is in 2023 een regionale gemeentelijk expert radicalisering aangesteld, "
                          "gefinancierd met een subsidie van het Ministerie van Justitie en Veiligheid.")  # 3.1.3
    assert found[("ministerie-jenv", "financiert", "gemeentelijk-expert-radicalisering")][1] == 0.8
    assert ("gemeentelijk-expert-radicalisering", "financiert", "ministerie-jenv") not in found


def test_a_signature_signs_the_section_and_a_person_holds_the_post(names):
    sentence = "Koen Schuiling, Regioburgemeester"  # under the Voorwoord
    assert _found(names, sentence) == {("koen-schuiling", "bekleedt", "regioburgemeester"): (sentence, 0.2)}
    finder = Finder(names)
    assert [(r.subject, _local(r.predicate), _local(r.object), r.confidence)
            for r in signed(sentence, "sec", finder.mentions(sentence))] == [
        ("sec", "ondertekendDoor", "koen-schuiling", 0.6)]
    # a sentence that starts with a name and a comma but says more is no signature
    long = "Koen Schuiling, de regioburgemeester, opende in 2023 het congres over cyberveiligheid in Groningen."
    assert signed(long, "sec", finder.mentions(long)) == []


def test_no_new_sentence_after_an_abbreviation_and_a_gemeente_is_no_body_of_a_region(names):
    paged = PagedReport(REPORT.read_text(encoding="utf-8"), str(REPORT))
    texts = [s.text for s in next(p for p in paged.parts if p.number == "1.2.1").sentences]
    assert "Gemeenten pakken hierbij veelvuldig hun verantwoordelijkheid (o.g.v. Wom)." in texts
    assert _found(names, texts[texts.index("Gemeenten pakken hierbij veelvuldig hun verantwoordelijkheid (o.g.v. "
                                           "Wom).")])[("gemeenten-noord-nederland", "pastToe", "wom")][1] == 0.8
    # 'gemeente Amsterdam' names a region's city, not a body of region Amsterdam: it made the Handboek (1.2.2)
    found = _found(names, "²⁶ Handboek Demonstreren 'Bijkans Heilig', gemeente Amsterdam, 2018")
    assert found[("handboek-demonstreren-bijkans-heilig", "creator", "gemeente-amsterdam")] == (
        "Handboek Demonstreren 'Bijkans Heilig', gemeente Amsterdam", 0.2)


def test_a_document_addressed_to_an_organisation_is_meant_for_it(names):
    # after footnote 15 of 1.1.3 ('Analyse Jaarwisseling 2023-2024 en vooruitblik 2024-2025 aan RBPO')
    found = _found(names, "De Analyse Jaarwisseling 2023-2024 aan RBPO verscheen in februari.")
    assert found[("analyse-jaarwisseling-2023-2024", "audience", "rbpo")] == (
        "Analyse Jaarwisseling 2023-2024 aan RBPO", 0.7)
    assert ("analyse-jaarwisseling-2023-2024", "creator", "rbpo") not in found  # the guess gives way


def test_om_te_makes_the_name_after_the_verb_the_doer(names):
    found = _found(names, "Om gemeenten en provincies in de uitvoering te ondersteunen is een bestuurlijk "
                          "ondersteuningsteam (BOT) opgezet.")  # 2.1.4
    # 'gemeenten' is the group the graph knows as 'de gemeenten'
    assert found[("bot", "ondersteunt", "gemeenten-noord-nederland")] == (
        "gemeenten en provincies in de uitvoering te ondersteunen is een bestuurlijk ondersteuningsteam", 0.8)
    assert ("gemeenten-noord-nederland", "ondersteunt", "bot") not in found
    # made up, another region: without 'Om … te' the first name supports
    assert ("belastingdienst", "ondersteunt", "gemeente-enschede") in _found(
        names, "De Belastingdienst ondersteunt de gemeente Enschede.", "Oost-Nederland")


def test_samenwerking_tussen_names_its_parties_after_it(names):
    found = _found(names, "Daarnaast vinden ook steeds meer verdachten hun weg naar de rechtbank of worden activiteiten "
                          "verstoord door de samenwerking tussen het OM, de politie en o.a. banken, verzekeraars, "
                          "bedrijven en winkeliers.")  # Voorwoord
    assert found[("om", "werktSamenMet", "banken")] == ("samenwerking tussen het OM, de politie en o.a. banken", 0.6)
    assert not [k for k in found if "rechtbank" in (k[0], k[2])]  # before 'tussen': no party, not even a guess


def test_a_cue_inside_a_known_name_is_no_cue_and_a_web_address_is_no_title(names):
    # 'Ondersteuningsteam' holds 'ondersteun…', which says nothing about the gemeenten (made up, after Bijlage 2)
    found = _found(names, "Het Bestuurlijk Ondersteuningsteam (BOT) werkt voor de gemeenten.")
    assert found == {("bot", "werktSamenMet", "gemeenten-noord-nederland"): (
        "Bestuurlijk Ondersteuningsteam (BOT) werkt voor de gemeenten", 0.2)}
    assert cited_titles("⁶⁰ https://www.zelfmelders.nl/rapport_gepubliceerd/, geraadpleegd op 1 maart 2024") == []
    assert cited_titles("⁷⁵ Interventies op het gebied van jeugd en cybercrime, Het CCV, 12 december 2023") == [(3, 53)]


def test_working_together_on_an_activity_is_taking_part_by_the_same_phrases_as_between_organisations(names):
    # 4.1.3: 'een samenwerking met' joins the provinces to the Citydeal; the cue table once read 'samenwerking met'
    # and 'gezamenlijk' only between organisations (the copy for activities had drifted), so this was a guess
    found = _found(names, "Daarnaast is begin 2023 de Citydeal Lokale Cyberweerbaarheid voor het Midden- en Klein "
                          "Bedrijf (MKB) in Noord-Nederland afgerond, een samenwerking met de drie noordelijke "
                          "provincies, de gemeenten Leeuwarden, Groningen, Meppel, Platform Veilig Ondernemen (PVO) "
                          "en het RIEC Noord-Nederland.")
    assert found[("provincies-noord-nederland", "neemtDeelAan", "citydeal-lokale-cyberweerbaarheid")] == (
        "Citydeal Lokale Cyberweerbaarheid voor het Midden- en Klein Bedrijf (MKB) in Noord-Nederland afgerond, een "
        "samenwerking met de drie noordelijke provincies", 0.7)
    assert ("provincies-noord-nederland", "voertUit", "citydeal-lokale-cyberweerbaarheid") not in found
    # every entry of the cue table that reads a shared phrase reads all of it
    patterns = {(predicate.rsplit("#", 1)[-1], pattern) for pattern, predicate, _ in CUES}
    assert ("neemtDeelAan", WORKING_TOGETHER) in patterns and ("werktSamenMet", WORKING_TOGETHER) in patterns
    assert all(BEING_PART in p for name, p in patterns if name in ("onderdeelVan", "subOrganizationOf"))
    assert all(BY_LAW in p for name, p in patterns if name in ("gebaseerdOp", "pastToe"))
def test_a_cue_is_used_only_where_the_ontology_allows_its_predicate_between_the_two_kinds(proj):
    """Every pair of kinds FITS allows a predicate fits the ontology: the domains and ranges of the predicate (and
    of its super- and inverse properties) put neither end in a class the ontology keeps apart from the end's own.
    Before, 'basisteams gericht tegen ondermijning' (an organisation) was proposed, and once accepted the reasoner
    made the basisteams an activity too."""
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    from rbvgraph.ingest.lexicon import FITS, RBV

    onto = rdflib.Graph()
    for path in sorted((proj.root / "ontology").glob("*.ttl")):
        if path.name != "shapes.ttl":
            onto.parse(path, format="turtle")
    apart = {frozenset(rdflib.collection.Collection(onto, m)) for d in onto.subjects(RDF.type, OWL.AllDisjointClasses)
             for m in onto.objects(d, OWL.members)}
    apart = {frozenset((a, b)) for members in apart for a in members for b in members if a != b}

    def up(cls):
        return set(onto.transitive_objects(cls, RDFS.subClassOf))

    def ends(predicate):  # (classes its subject gets, classes its object gets)
        subject, obj = set(), set()
        for p in onto.transitive_objects(rdflib.URIRef(predicate), RDFS.subPropertyOf):
            subject |= set(onto.objects(p, RDFS.domain))
            obj |= set(onto.objects(p, RDFS.range))
            for q in {*onto.objects(p, OWL.inverseOf), *onto.subjects(OWL.inverseOf, p)}:
                subject |= set(onto.objects(q, RDFS.range))
                obj |= set(onto.objects(q, RDFS.domain))
        return subject, obj

    kinds = {k: rdflib.URIRef(RBV + c) for k, c in (("org", "Organisatie"), ("act", "Activiteit"), ("thema", "Thema"),
                                                    ("wet", "Regelgeving"), ("plaats", "Plaats"), ("doc", "Document"))}
    clashes = []
    for predicate, pairs in FITS.items():
        subject, obj = ends(predicate)
        for ks, ko in sorted(pairs):
            for kind, given in ((ks, subject), (ko, obj)):
                classes = up(kinds[kind]) | {c for g in given for c in up(g)}
                if any(frozenset((a, b)) in apart for a in classes for b in classes):
                    clashes.append((_local(predicate), ks, ko))
    assert clashes == []
