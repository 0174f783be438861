"""The data says what the report says, no more: involvement and causes apart from themes, some gemeenten apart
from all of them, quotes that carry the claim, GGP as a discipline."""

from __future__ import annotations

import re

from .helpers import select

ID = "https://w3id.org/rbvgraph/id/"
P = """PREFIX rbv: <https://w3id.org/rbvgraph/def#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX org: <http://www.w3.org/ns/org#> """


def _short(iri: str) -> str:
    return iri.removeprefix(ID)


def test_involvement_and_causes_are_not_themes(store):
    """Checked by hand against each quote: the influx of asylum seekers tested the gemeenten and the police
    (Voorwoord), Westerwolde and the Inspectie speak of the reception (1.1.2), persons with unexplained behaviour ask
    attention of care and police (Voorwoord), the safety partners' effort meets a lack of capacity (2.1); the
    nitrogen measures, the wolves, the wars and the pressure on Ter Apel cause unrest (1.1, 1.1.2), and the war in
    Ukraine the flight of refugees."""
    rows = select(store, P + """SELECT ?s ?p ?o WHERE { VALUES ?p { rbv:betrokkenBij rbv:geeftAanleidingTot } ?s ?p ?o }""")
    found = {(_short(s), p.rsplit("#", 1)[-1], _short(o)) for s, p, o in rows}
    assert found == {
        ("organisatie/gemeenten-noord-nederland", "betrokkenBij", "thema/asiel-en-migratie"),
        ("organisatie/politie-noord-nederland", "betrokkenBij", "thema/asiel-en-migratie"),
        ("organisatie/gemeente-westerwolde", "betrokkenBij", "thema/asiel-en-migratie"),
        ("organisatie/inspectie-jenv", "betrokkenBij", "thema/asiel-en-migratie"),
        ("organisatie/politie-noord-nederland", "betrokkenBij", "thema/personen-met-onbegrepen-gedrag"),
        ("organisatie/zorgorganisaties", "betrokkenBij", "thema/personen-met-onbegrepen-gedrag"),
        ("organisatie/veiligheidspartners", "betrokkenBij", "thema/ondermijning"),
        ("activiteit/stikstofmaatregelen", "geeftAanleidingTot", "thema/onrust"),
        ("activiteit/vestiging-wolven", "geeftAanleidingTot", "thema/onrust"),
        ("activiteit/oorlog-rusland-oekraine", "geeftAanleidingTot", "thema/onrust"),
        ("activiteit/oorlog-rusland-oekraine", "geeftAanleidingTot", "thema/asiel-en-migratie"),
        ("activiteit/conflict-gazastrook", "geeftAanleidingTot", "thema/onrust"),
        ("activiteit/asielinstroom-ter-apel", "geeftAanleidingTot", "thema/onrust"),
    }
    # a cause is not what an activity is about: programmas-per-thema leaves it out
    stikstof = select(store, P + """SELECT ?o WHERE { <https://w3id.org/rbvgraph/id/activiteit/stikstofmaatregelen>
                                                      rbv:heeftThema ?o }""")
    assert stikstof == []


def test_the_narrower_properties_are_themes_with_inference(proj):
    from rbvgraph.graph import open_graph

    inferred = open_graph(proj, "owlrl").store
    assert bool(inferred.query(P + """ASK { <https://w3id.org/rbvgraph/id/activiteit/stikstofmaatregelen> rbv:heeftThema
                                             <https://w3id.org/rbvgraph/id/thema/onrust> }""", use_default_graph_as_union=True))


_SOME = re.compile(r"\b(enkele|een aantal|meerdere|diverse|veel|nog meer|sommige)\s+gemeenten\b"
                   r"|grootste gedeelte van de gemeenten|\bEén gemeente\b", re.I)


def test_some_gemeenten_are_not_all_gemeenten(store):
    """A quote that says 'enkele', 'een aantal', 'meerdere', 'diverse', 'veel', 'nog meer' gemeenten, 'het grootste
    gedeelte van de gemeenten' or 'Eén gemeente' never makes a fact about all gemeenten in Noord-Nederland."""
    rows = select(store, P + """SELECT ?s ?o ?c WHERE { ?e a rbv:Bewijs ; rdf:subject ?s ; rdf:object ?o ; rbv:citaat ?c }""")
    everyone = ID + "organisatie/gemeenten-noord-nederland"
    wrong = [(s, o, c) for s, o, c in rows if everyone in (s, o) and _SOME.search(c)]
    assert wrong == []
    some = {(_short(s), _short(o)) for s, o, c in rows if ID + "organisatie/enkele-gemeenten-noord-nederland" in (s, o)}
    assert len(some) == 15
    assert ("organisatie/enkele-gemeenten-noord-nederland", "organisatie/meld-misdaad-anoniem") in some  # 2.1.2
    assert ("functie/regisseur-zorg-en-veiligheid", "organisatie/enkele-gemeenten-noord-nederland") in some  # 3.1.1
    one = {(_short(s), _short(o)) for s, o, c in rows if ID + "organisatie/een-gemeente-noord-nederland" in (s, o)}
    assert one == {("organisatie/een-gemeente-noord-nederland", "activiteit/hackshield-in-de-bieb")}  # 4.1.3


def test_quotes_carry_the_claim(store):
    """Quotes of a few words that did not say the relation were replaced by the words of the report that do."""
    rows = dict(select(store, P + """SELECT ?s ?c WHERE { ?e rbv:citaat ?c ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
        VALUES (?s ?p ?o) {
          (<https://w3id.org/rbvgraph/id/activiteit/probleemgerichte-fenomeenaanpak> rbv:heeftThema <https://w3id.org/rbvgraph/id/thema/illegale-wapens>)
          (<https://w3id.org/rbvgraph/id/organisatie/frontoffice-kindermishandeling> rbv:voertUit <https://w3id.org/rbvgraph/id/activiteit/onderzoek-ouderenmishandeling>)
          (<https://w3id.org/rbvgraph/id/organisatie/pvo> rbv:neemtDeelAan <https://w3id.org/rbvgraph/id/activiteit/citydeal-lokale-cyberweerbaarheid-mkb>)
          (<https://w3id.org/rbvgraph/id/activiteit/versterking-bibob-beleid> rbv:onderdeelVan <https://w3id.org/rbvgraph/id/activiteit/bestuurlijke-maatregelen-ondermijning>)
        } }"""))
    assert rows[ID + "activiteit/probleemgerichte-fenomeenaanpak"] == (
        "Daarnaast is handel, bezit en gebruik van illegale wapens een focusthema binnen de probleemgerichte "
        "fenomeenaanpak⁵⁶.")
    assert rows[ID + "organisatie/frontoffice-kindermishandeling"].startswith("De Frontoffice houdt in de eenheid zicht")
    assert "Platform Veilig Ondernemen (PVO)" in rows[ID + "organisatie/pvo"] and "Citydeal" in rows[ID + "organisatie/pvo"]
    assert rows[ID + "activiteit/versterking-bibob-beleid"].startswith("Ook hebben gemeenten concrete bestuurlijke maatregelen")


def test_ggp_is_a_discipline_of_the_police_not_a_unit(store):
    ggp = "<https://w3id.org/rbvgraph/id/organisatie/gebiedsgebonden-politiezorg>"
    kinds = {k.rsplit("#", 1)[-1] for (k,) in select(store, P + f"SELECT ?k WHERE {{ {ggp} a ?k }}")}
    assert kinds == {"Vakgebied"}
    assert select(store, P + f"SELECT ?x WHERE {{ {ggp} org:subOrganizationOf ?x }}") == []
    assert select(store, P + f"SELECT ?x WHERE {{ ?x rbv:pastToe {ggp} }}") == [(ID + "organisatie/politie",)]


def test_no_thing_has_a_theme_both_stated_and_narrower(store):
    """organisaties-in-beide-themas and -alleen-onder-thema leave out a theme the narrower properties give (which
    inference turns into rbv:heeftThema): that is right only while no pair is stated both ways."""
    assert select(store, P + """SELECT ?s ?o WHERE { ?s rbv:heeftThema ?o .
        { ?s rbv:betrokkenBij ?o } UNION { ?s rbv:geeftAanleidingTot ?o } }""") == []
