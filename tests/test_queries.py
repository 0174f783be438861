"""Named queries: each header is well formed, and each answer is exactly what the report says."""

from __future__ import annotations

import functools
import re

import pytest

from rbvgraph.sparql.engine import run, without_columns
from rbvgraph.sparql.named import catalogue
from rbvgraph.errors import ParameterError
from rbvgraph.sparql.named import bind
from rbvgraph.project import project

from .helpers import load_store, select

QUERIES = catalogue(project())
REPORT = "https://w3id.org/rbvgraph/id/document/jaarverslag-2023"


@functools.cache
def _store_with(inference: str):
    return load_store(project(), inference)


def answer(store, name, **given):
    """The rows of a named query on the graph its header asks for (``store`` when it asks for no inference), as
    ``rbvgraph query NAME`` answers."""
    query = QUERIES[name]
    if query.inference != "none":
        store = _store_with(query.inference)
    bindings = bind(query, given, store)
    result = without_columns(run(store, query.text, bindings, where=name), bindings)
    return [tuple(t.value if t is not None else None for t in row) for row in result.rows]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_has_dutch_title_description_and_declared_parameters(name):
    query = QUERIES[name]
    assert query.title != name and query.description, "title and description in the header"
    for param in query.params:
        body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#")).upper()
        select = body[body.index("SELECT"):body.index("WHERE")].lower()
        assert f"?{param.name}" in select, f"parameter ?{param.name} must be projected so it can be bound"
        assert param.default, "every named query runs in build with its defaults"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_runs_with_its_defaults(store, name):
    assert isinstance(answer(store, name), list)


def bijlage_2(report) -> list[tuple[str, str]]:
    text = report.raw[report.raw.index("Bijlage 2. Lijst met afkortingen\n\n"):report.raw.index("Bijlage 3. Cijfers\n\nTabel")]
    return [tuple(line.split("\t")) for line in text.splitlines()[2:] if "\t" in line]


def test_afkortingen_is_bijlage_2_in_order_each_resolving_to_one_thing(store, report):
    rows = answer(store, "afkortingen")
    expected = bijlage_2(report)
    assert len(expected) == 24
    assert [r[0] for r in rows] == [abbr for abbr, _ in expected]
    assert len({r[3] for r in rows}) == 24, "each abbreviation names a different thing"
    for (abbr, meaning), (_, label, _, iri) in zip(expected, rows):
        meaning = re.sub(r" \((politie|RIEC)\)$", "", meaning)
        names = {label.lower()} | {n.lower() for n, _ in _names(store, iri)}
        assert meaning.lower() in names, (abbr, meaning, names)


def _names(store, iri):
    import pyoxigraph as ox

    return select(store, """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n ?x WHERE { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } ?x ?p ?l BIND(STR(?l) AS ?n) }""",
                  x=ox.NamedNode(iri))


def test_afkortingen_kinds(store):
    kinds = {abbr: kind for abbr, _, kind, _ in answer(store, "afkortingen")}
    assert kinds["TBKK"] == "politieonderdeel"
    assert kinds["RIEC"] == kinds["RBPO"] == kinds["LOVP"] == kinds["BOT"] == "samenwerkingsverband"
    assert kinds["Wom"] == kinds["Wet Bibob"] == kinds["APV"] == "regelgeving"
    assert kinds["VPT"] == kinds["GTPA"] == "thema"
    assert kinds["CISO"] == "functie"


def test_waar_staat_dat_for_bot(store):
    rows = [r for r in answer(store, "waar-staat-dat", ding="BOT") if r[3] == "Bijlage 2"]
    assert rows == [("https://w3id.org/rbvgraph/id/organisatie/bot", "is onderdeel van",
                     "https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland", "Bijlage 2",
                     "Lijst met afkortingen", "Bestuurlijk Ondersteuningsteam (RIEC)", None, REPORT)]


def test_waar_staat_dat_gives_the_source_of_outside_facts(store):
    rows = answer(store, "waar-staat-dat", ding="gemeente Westerwolde")
    outside = sorted((r[1], r[2], r[6]) for r in rows if r[6] is not None)
    assert outside == [
        ("CBS-code", "GM1950", "CBS StatLine 70072ned, Regionale kerncijfers Nederland (gemeentelijke indeling 2023)"),
        ("TOOI-identificatie", "https://identifier.overheid.nl/tooi/id/gemeente/gm1950",
         "TOOI-waardelijsten (Thesaurus en Ontologie Overheidsinformatie)"),
        ("ligt in", "https://w3id.org/rbvgraph/id/organisatie/gemeente-westerwolde",
         "Geverifieerde externe identificatoren en plaatsen (rbvgraph reference/identifiers.md)"),
        ("provincie", "https://w3id.org/rbvgraph/id/organisatie/provincie-groningen",
         "CBS StatLine 70072ned, Regionale kerncijfers Nederland (gemeentelijke indeling 2023)"),
    ]


def test_regelgeving_lists_every_law_with_its_verified_bwb_id(store):
    laws = {}
    for _, name, bwb, *_ in answer(store, "regelgeving"):
        laws.setdefault(name, bwb)
    assert laws["Wet openbare manifestaties"] == "BWBR0004318"
    assert laws["Wet bevordering integriteitsbeoordelingen door het openbaar bestuur"] == "BWBR0013798"
    assert laws["Opiumwet"] == "BWBR0001941"
    assert laws["Vuurwerkbesluit"] == "BWBR0013360"
    assert laws["Wet verplichte ggz"] == "BWBR0040635"
    assert laws["Algemene Plaatselijke Verordening"] is None, "a local by-law has no BWB id"
    assert laws["Wet gegevensverwerking persoonsgerichte aanpak radicalisering en terroristische activiteiten"] is None


def test_doelen_gemist_2023_are_the_eight_indicators_below_target(store):
    # Checked by hand against Bijlage 3: the Doel column and the 2023 column.
    rows = {(name, float(doel), float(value)) for name, _, doel, value, *_ in answer(store, "doelen-gemist-2023")}
    assert rows == {
        ("Verdachten OM", 150, 121),
        ("(Lopende) onderzoeken CSV's", 100, 98),
        ("0900-8844: % binnen 20 sec", 80, 66),
        ("Prio 1: % binnen 15 min", 80, 78),
        ("Invoer V-nummer (BVH)", 90, 84),
        ("Huis-/thuiscontroles (Verona)", 100, 90),
        ("Dossier kinderporno afgerond < 7 mnd", 45, 0),
        ("Kalsbeeknorm, doorlooptijden jeugd < 30 dagen", 70, 68),
    }


def test_trend_gives_the_one_target_on_the_latest_year_only(store):
    # Bijlage 3, "Aantal onderzoeken" (Cybercrime): 30 27 39 35 62 33 for 2023 … 2018, Doel 27 beside 2023
    rows = [(year, float(value), unit, provisional, doel and float(doel), met)
            for year, value, unit, provisional, doel, met in answer(store, "trend-indicator", indicator="ind:cybercrime-aantal-onderzoeken")]
    assert rows == [("2018", 33, "aantal", "", None, ""), ("2019", 62, "aantal", "", None, ""),
                    ("2020", 35, "aantal", "", None, ""), ("2021", 39, "aantal", "", None, ""),
                    ("2022", 27, "aantal", "", None, ""), ("2023", 30, "aantal", "", 27, "ja")]
    # "Verdachten OM": Doel 150, 2023 121, 2022 134, 2021 144, earlier years "-"
    rows = [(r[0], float(r[1]), r[4] and float(r[4]), r[5]) for r in answer(store, "trend-indicator", indicator="Verdachten OM")]
    assert rows == [("2021", 144, None, ""), ("2022", 134, None, ""), ("2023", 121, 150, "nee")]


def test_trend_marks_provisional_and_skips_missing_years(store):
    rows = [(year, float(value), provisional) for year, value, _, provisional, _, _ in
            answer(store, "trend-indicator", indicator="Huiselijk geweld - incidenten")]
    assert rows == [("2019", 6976, ""), ("2020", 6134, ""), ("2021", 5039, ""), ("2022", 4545, ""), ("2023", 3834, "")]
    hennep = answer(store, "trend-indicator", indicator="Hennep plantages geruimd")
    assert [(r[0], r[3]) for r in hennep][-2:] == [("2022", ""), ("2023", "voorlopig")]


def test_gemeenten_niet_genoemd_are_exactly_those_whose_name_is_not_in_the_report(store, report):
    import re

    rows = answer(store, "gemeenten-niet-genoemd")
    all_names = [n for (n,) in select(store, """
        PREFIX rbv: <https://w3id.org/rbvgraph/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n WHERE { ?g a rbv:Gemeente ; rbv:provincie ?p ; skos:altLabel ?n }""")]
    assert len(all_names) == 40
    absent = {n for n in all_names if not re.search(r"\b" + re.escape(n) + r"\b", report.raw)}
    assert {r[0] for r in rows} == absent
    assert len(rows) == 28, "12 of the 40 gemeenten are named (checked by hand)"
    assert ("Emmen", "provincie Drenthe", "GM0114", "https://w3id.org/rbvgraph/id/organisatie/gemeente-emmen") in rows


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def test_gemeenten_en_activiteiten_are_the_named_gemeenten_with_what_the_report_says(store):
    # Each row checked by hand against the section it names.
    rows = {(r[0], _tail(r[8]), r[4], r[5]) for r in answer(store, "gemeenten-en-activiteiten")}
    assert rows == {
        ("Ameland", "ophef-sunneklaas-2023", "vindt plaats in", "1.1.2"),
        ("Ameland", "sunneklaas", "vindt plaats in", "1.1.2"),
        ("Assen", "congres-radicalisering-en-extremisme-2023", "vindt plaats in", "3.1.3"),
        ("Groningen", "preventie-met-gezag-groningen", "vindt plaats in", "2.2.6"),
        ("Groningen", "inzet-re-integratie-officieren", "vindt plaats in", "3.1.2"),
        ("Groningen", "citydeal-lokale-cyberweerbaarheid-mkb", "neemt deel aan", "4.1.3"),
        ("Hoogeveen", "vuurwerkvangst-hoogeveen", "vindt plaats in", "1.1.3"),
        ("Leeuwarden", "politie-inzet-thuiswedstrijden-leeuwarden", "vindt plaats in", "1.1.2"),
        ("Leeuwarden", "sluiting-makelaarskantoor", "vindt plaats in", "2.2.3"),  # footnote 43's marker
        ("Leeuwarden", "preventie-met-gezag-leeuwarden", "vindt plaats in", "2.2.6"),
        ("Leeuwarden", "inzet-re-integratie-officieren", "vindt plaats in", "3.1.2"),
        ("Leeuwarden", "conferentie-radicalisering-2022", "vindt plaats in", "3.1.3"),
        ("Leeuwarden", "sluiting-woningen-uitbuiting-leeuwarden", "vindt plaats in", "3.1.4"),
        ("Leeuwarden", "sluiting-woningen-uitbuiting-leeuwarden", "voert uit", "3.1.4"),
        ("Leeuwarden", "citydeal-lokale-cyberweerbaarheid-mkb", "neemt deel aan", "4.1.3"),
        ("Meppel", "citydeal-lokale-cyberweerbaarheid-mkb", "neemt deel aan", "4.1.3"),
        ("Midden-Groningen", "samen-sterk-voor-een-veilig-buitengebied", "vindt plaats in", "2.1.4"),
        ("Noardeast-Fryslân", "jaarwisseling-2021-2022-noardeast-fryslan", "vindt plaats in", "1.1.3"),
        ("Pekela", "samen-sterk-voor-een-veilig-buitengebied", "vindt plaats in", "2.1.4"),
        ("Stadskanaal", "vuurwerkvangst-stadskanaal", "vindt plaats in", "1.1.3"),
        ("Veendam", "samen-sterk-voor-een-veilig-buitengebied", "vindt plaats in", "2.1.4"),
        ("Westerwolde", "kort-geding-westerwolde-coa", "voert uit", "1.1.2"),
    }


def test_thema_overzicht_wadden_en_havens_in_report_order(store):
    rows = [(r[0], _tail(r[2]), r[3], _tail(r[4])) for r in answer(store, "thema-overzicht", thema="Wadden en havens")]
    assert [r[0] for r in rows] == ["Voorwoord"] * 4 + ["2.1.4"] * 2 + ["2.2.1"] * 11
    assert set(rows) == {
        ("Voorwoord", "integrale-acties-georganiseerde-criminaliteit", "heeft thema", "buitengebied"),
        ("Voorwoord", "integrale-acties-georganiseerde-criminaliteit", "heeft thema", "ondermijning"),
        ("Voorwoord", "integrale-acties-georganiseerde-criminaliteit", "heeft thema", "wadden-en-havens"),
        ("Voorwoord", "riec-noord-nederland", "ondersteunt", "integrale-acties-georganiseerde-criminaliteit"),
        ("2.1.4", "riec-noord-nederland", "heeft thema", "wadden-en-havens"),
        ("2.1.4", "veiligheidspartners", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "2.2.1", "gaat over", "wadden-en-havens"),  # the heading "2.2.1 Wadden en havens"
        ("2.2.1", "controleacties-havens", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "havenscans", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "havenscans", "vindt plaats in", "noord-nederland"),
        ("2.2.1", "basisteams", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "basisteams", "voert uit", "controleacties-havens"),
        ("2.2.1", "drio", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "gemeenten-noord-nederland", "voert uit", "havenscans"),
        ("2.2.1", "politie-noord-nederland", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "riec-noord-nederland", "heeft thema", "wadden-en-havens"),
        ("2.2.1", "riec-noord-nederland", "voert uit", "havenscans"),
    }


def test_documenten_per_thema_milieucriminaliteit_are_the_footnotes_of_2_2_5(store):
    # 2.2.5 Milieucriminaliteit, footnotes 47 (Veiligheidsagenda 2023-2026, p. 4-5), 48 (om.nl) and 49 (rtvdrenthe.nl)
    rows = {(r[0], r[3], r[4], r[5], _tail(r[6])) for r in answer(store, "documenten-per-thema", thema="Milieucriminaliteit")}
    assert rows == {
        ("Nieuwsbericht op om.nl over drugshandel, vuurwerk en witwassen in Noord-Nederland",
         "https://www.om.nl/actueel/nieuws/2023/10/26/drugshandel-vuurwerk-witwassen-noord-nederland", "2.2.5", "48",
         "om-drugshandel-vuurwerk-witwassen-noord-nederland"),
        ("Nieuwsbericht op rtvdrenthe.nl: tien arrestaties in groot onderzoek naar drugslabs en vuurwerk in Noord-Nederland",
         "https://www.rtvdrenthe.nl/nieuws/15949702/tien-arrestaties-in-groot-onderzoek-naar-drugslabs-en-vuurwerk-in-noord-nederland",
         "2.2.5", "49", "rtvdrenthe-tien-arrestaties-drugslabs-vuurwerk"),
        ("Veiligheidsagenda 2023-2026", None, "2.2.5", "47", "veiligheidsagenda-2023-2026"),
    }


def _parts(text: str) -> frozenset[str]:
    return frozenset(text.split(", ")) if text else frozenset()


def test_documenten_per_thema_cyberveiligheid_are_every_document_chapter_4_cites(store):
    # Chapter 4's footnotes 74-95, checked by hand: 76 ("Vastgesteld in de RBPO-vergadering …"), 78 and 89 ("Zie
    # ook paragraaf 4.1.3") and 85 ("Zie bijlage 3") cite no document; the Veiligheidsagenda is cited seven times.
    rows = {(_tail(r[6]), _parts(r[4]), _parts(r[5]))
            for r in answer(store, "documenten-per-thema", thema="Cyberveiligheid")}
    assert rows == {
        ("nos-deep-fakes-tom-hanks-bunq", frozenset({"4.1"}), frozenset({"74"})),
        ("ccv-interventies-jeugd-en-cybercrime", frozenset({"4.1"}), frozenset({"75"})),
        ("ccv-lokale-cyberwegaanpak", frozenset({"4.1"}), frozenset({"77"})),
        ("cyberwegenkaart", frozenset({"4.1.3"}), frozenset({"79"})),
        ("kennisdocument-afgehackt", frozenset({"4.1.3"}), frozenset({"80"})),
        ("infographic-lokale-verankering-online-criminaliteit", frozenset({"4.1.3"}), frozenset({"81"})),
        ("informatieproduct-online-criminaliteit", frozenset({"4.2.1"}), frozenset({"82"})),
        ("politie-nieuws-tientallen-geldezels-gehoord", frozenset({"4.2.2"}), frozenset({"87"})),
        ("om-nieuws-oplichter-minacht-slachtoffers", frozenset({"4.2.3"}), frozenset({"90"})),
        ("nos-eerste-veroordeling-genesis-market", frozenset({"4.2.3"}), frozenset({"91"})),
        ("jaaroverzicht-kindermishandeling-2023", frozenset({"4.3.2"}), frozenset({"95"})),
        ("veiligheidsagenda-2023-2026", frozenset({"4.2.1", "4.2.2", "4.2.3", "4.3.1"}), frozenset({"83", "84", "86", "88", "92", "93", "94"})),
    }


def test_documenten_per_thema_cites_footnotes_70_and_71_under_3_1_4(store):
    # printed after the heading of 3.2 (page break); their markers stand in 3.1.4
    rows = {(_tail(r[6]), r[4], r[5]) for r in answer(store, "documenten-per-thema", thema="Mensenhandel")}
    assert rows == {("governance-aanpak-mensenhandel-noord-nederland", "3.1.4", "68"),
                    ("veiligheidsagenda-2023-2026", "3.1.4", "69"),
                    ("actieplan-samen-tegen-mensenhandel", "3.1.4", "70"),
                    ("strategische-agenda-mensenhandel-noord-nederland", "3.1.4", "71")}


def test_partners_of_the_bot(store):
    rows = {(_tail(r[0]), r[2], r[3], r[4]) for r in answer(store, "partners", org="BOT")}
    assert rows == {
        ("gemeenten-noord-nederland", "ondersteunt", "", "2.1.4"),
        ("provincies-noord-nederland", "ondersteunt", "", "2.1.4"),
        ("riec-noord-nederland", "ondersteunt", "gemeenten in Noord-Nederland", "2.1.4"),
        ("riec-noord-nederland", "is onderdeel van", "", "Bijlage 2"),
    }


def test_partners_of_the_riec_on_havens(store):
    rows = answer(store, "partners", org="RIEC")
    havenscans = {_tail(r[0]) for r in rows if r[3] == "havenscans"}
    assert havenscans == {"gemeenten-noord-nederland"}
    assert ("Bestuurlijk Ondersteuningsteam", "is onderdeel van", "", "Bijlage 2", "Bestuurlijk Ondersteuningsteam (RIEC)") in \
        [r[1:6] for r in rows]


def test_programmas_per_thema_wadden_en_havens(store):
    rows = [(_tail(r[0]), r[2], r[4]) for r in answer(store, "programmas-per-thema", thema="Wadden en havens")]
    assert rows == [("integrale-acties-georganiseerde-criminaliteit", "maatregel", "Voorwoord"),
                    ("controleacties-havens", "maatregel", "2.2.1"),
                    ("havenscans", "werkwijze", "2.2.1")]


def test_programmas_per_thema_includes_sub_themes(store):
    direct = {r[0] for r in answer(store, "programmas-per-thema", thema="Wadden en havens")}
    broader = {r[0] for r in answer(store, "programmas-per-thema", thema="Ondermijnende criminaliteit")}
    assert direct < broader


def test_organisaties_per_thema_wadden_en_havens(store):
    rows = {(_tail(r[0]), int(r[2]), frozenset(r[3].split("; "))) for r in answer(store, "organisaties-per-thema", thema="Wadden en havens")}
    assert rows == {
        ("riec-noord-nederland", 4, frozenset({"Wadden en havens", "havenscans", "Integrale acties tegen georganiseerde criminaliteit"})),
        ("basisteams", 2, frozenset({"Wadden en havens", "(controle)acties in de havengebieden"})),
        ("drio", 1, frozenset({"Wadden en havens"})),
        ("gemeenten-noord-nederland", 1, frozenset({"havenscans"})),
        ("politie-noord-nederland", 1, frozenset({"Wadden en havens"})),
        ("veiligheidspartners", 1, frozenset({"Wadden en havens"})),
    }


# ---- cross-cutting questions


def test_gedeelde_partners_of_the_riec_and_the_om(store):
    # Checked by hand: 4.1 "De gemeenten, het OM en de politie werken samen aan een integrale aanpak van online
    # criminaliteit ... in het RIEC Noord-Nederland-verband en met ... de drie noordelijke Veiligheidsregio's en het
    # onderwijs"; 3.1.4 the bestuurlijke tafel mensenhandel (RIEC, Arbeidsinspectie, politie, OM; supported by the
    # ambtelijke expertgroep); zorgorganisaties in Rijk(er) Verantwoorden (RIEC, 3.1.4) and the casustafels (OM, 3.1.3).
    rows = {_tail(r[0]): (frozenset(r[2].split("; ")), frozenset(r[3].split("; ")))
            for r in answer(store, "gedeelde-partners", org1="RIEC", org2="OM")}
    assert set(rows) == {"ambtelijke-expertgroep-mensenhandel", "arbeidsinspectie",
                         "bestuurlijke-tafel-mensenhandel-noord-nederland", "gemeenten-noord-nederland",
                         "onderwijsinstellingen", "politie-noord-nederland", "veiligheidsregios-noord-nederland",
                         "zorgorganisaties"}
    assert rows["zorgorganisaties"] == ({"Rijk(er) Verantwoorden"}, {"lokale casustafels radicalisering"})
    assert rows["bestuurlijke-tafel-mensenhandel-noord-nederland"] == ({"is lid van"}, {"is lid van"})
    assert rows["onderwijsinstellingen"] == ({"integrale aanpak van online criminaliteit"},) * 2


def test_organisaties_in_beide_themas_onrust_and_zorg(store):
    # Checked by hand: AVIM identifies asylum seekers (1.1.2) and fights human trafficking (3.1.4); the gemeenten open
    # reception places (1.1.2) and fight trafficking (3.1.4); the ministry works on an information strategy on unrest
    # (1.2.2) and funds Koers en Kansen (3.1.2); the OM hunts illegal fireworks (1.1.3) and facilitators of
    # exploitation (3.1.4); the police unit both.
    rows = answer(store, "organisaties-in-beide-themas", thema1="Maatschappelijke onrust", thema2="veiligheid en zorg")
    assert {_tail(r[0]) for r in rows} == {"avim", "gemeenten-noord-nederland", "ministerie-jenv", "om",
                                          "politie-noord-nederland", "enkele-gemeenten-noord-nederland"}
    # "Diverse gemeenten richtten extra noodopvangplekken in" (1.1.2), "Het grootste gedeelte van de gemeenten
    # heeft ondertussen ook mensenhandelbeleid vastgesteld" (3.1.4): some gemeenten, not all
    some = next(r for r in rows if _tail(r[0]) == "enkele-gemeenten-noord-nederland")
    assert "Extra noodopvangplekken voor de overloop van Ter Apel" in some[2]
    om = next(r for r in rows if _tail(r[0]) == "om")
    assert om[2] == "Opsporing van illegaal vuurwerk"
    assert set(om[3].split("; ")) == {"online-opsporingsstrategie", "aanpak van 'faciliteerders' van uitbuiting"}


def test_organisaties_alleen_onder_thema_zorg_without_ondermijning(store):
    # Checked by hand: each is named only in chapter 3 (3.1.1 meldpunten, werkgroep, ZonMW; 3.1.2 Koers en Kansen:
    # penitentiaire inrichtingen, Zorg- en Veiligheidshuizen, the ministry; 3.1.3 werkgroep and casustafels
    # radicalisering; 3.2 ziekenhuizen and the national meetings), or, the ministry, also in 1.2.2 (unrest).
    rows = answer(store, "organisaties-alleen-onder-thema", thema="veiligheid en zorg", zonder="ondermijning")
    assert {_tail(r[0]) for r in rows} == {
        "landelijke-afstemmingsvergaderingen-veiligheid-hulpverleners", "casustafels-radicalisering",
        "meldpunt-zorgwekkend-gedrag", "ministerie-jenv", "penitentiaire-inrichtingen",
        "regionale-meldpunten-zorgwekkend-gedrag", "werkgroep-radicalisering-noord-nederland",
        "werkgroep-zorg-en-veiligheid-onbegrepen-gedrag", "ziekenhuizen", "zonmw", "zorg-en-veiligheidshuizen"}
    # mensenhandel is a sub-theme of ondermijning: nothing is under it and not under ondermijning
    assert answer(store, "organisaties-alleen-onder-thema", thema="mensenhandel", zonder="ondermijning") == []


def test_makelaars_between_zorg_and_politie(store):
    # Checked by hand: 3.1.4 integrale controles (Arbeidsinspectie, AFM, brandweer, Belastingdienst, Burgerzaken,
    # gemeenten, AVIM; "ook ambulante hulpverleners betrokken"), 3.1.4 Drieluik (zorgcoördinatie, Team
    # Migratiecriminaliteit en Mensenhandel), 3.1.1 the meldpunten and the police, 3.1.3 casustafels.
    rows = {_tail(r[0]): (r[2], int(r[3]), int(r[4])) for r in answer(store, "makelaars")}
    assert set(rows) == {"avim", "arbeidsinspectie", "autoriteit-financiele-markten", "basisteams", "belastingdienst",
                         "brandweer", "burgerzaken", "drieluik-noord-nederland", "gemeenten-noord-nederland",
                         "enkele-gemeenten-noord-nederland",  # "In meerdere gemeenten werden integrale controles …"
                         "casustafels-radicalisering", "meldpunt-zorgwekkend-gedrag", "om", "politie-noord-nederland",
                         "regionale-meldpunten-zorgwekkend-gedrag", "riec-noord-nederland",
                         "team-migratiecriminaliteit-en-mensenhandel"}
    assert rows["drieluik-noord-nederland"] == ("samenwerkingsverband", 1, 1)
    assert rows["arbeidsinspectie"] == ("inspectie", 1, 2)


def test_makelaars_include_posts_that_bridge_two_kinds(store):
    # 3.1.4: "Alle gemeenten hebben of krijgen opgeleide aandachtfunctionarissen ... Naast gemeenten worden ook
    # aandachtfunctionarissen opgeleid, in de organisaties als de jeugdzorg, de gezondheidszorg en het jongerenwerk"
    rows = {_tail(r[0]): r for r in answer(store, "makelaars", soort2="rbv:Overheidsorganisatie")}
    post = rows["aandachtfunctionaris-mensenhandel"]
    assert post[1:5] == ("aandachtfunctionaris mensenhandel", "functie", "3", "1")
    assert set(post[5].split("; ")) == {"jeugdzorg", "gezondheidszorg", "jongerenwerk"}
    assert post[6] == "gemeenten in Noord-Nederland"


# ---- Bijlage 3, read from the report's own table


def _number(cell: str) -> tuple[float | None, bool]:
    """A cell of Bijlage 3 in Dutch notation: '9.827' → 9827, '62%' → 62, '€ 8,8 mln' → 8.8, '136*' provisional."""
    cell = cell.strip()
    if cell == "-":
        return None, False
    provisional = cell.endswith("*")
    plain = cell.rstrip("*").replace("€", "").replace("mln", "").replace("%", "").strip()
    return float(plain.replace(".", "").replace(",", ".")), provisional


def bijlage_3_table(report) -> list[tuple]:
    """(name, target, values 2023 … 2018, provisional years) for every row of Tabel 1, in order."""
    table = report.raw[report.raw.index("Tabel 1. Algemene cijfers politie en OM"):report.raw.index("* voorlopige cijfers")]
    rows = []
    for line in table.splitlines():
        if line.startswith("- "):
            name, doel, *cells = line[2:].split("\t")
            parsed = [_number(c) for c in cells]
            years = [y for y, (_, p) in zip(range(2023, 2017, -1), parsed) if p]
            rows.append((name, _number(doel)[0], [v for v, _ in parsed], years))
    return rows


def _float(text):
    return float(text) if text else None


def test_bijlage_3_is_the_report_table_cell_by_cell(store, report):
    expected = bijlage_3_table(report)
    rows = answer(store, "bijlage-3")
    assert len(rows) == len(expected) == 36
    for row, (name, doel, values, provisional) in zip(rows, expected):
        assert row[0] == name
        assert _float(row[2]) == doel, name
        assert [_float(v) for v in row[3:9]] == values, name
        assert (row[10] or "") == ", ".join(str(y) for y in provisional), name
    assert rows[0][1] == "Openbare orde" and rows[-1][1] == "Vreemdelingen"


def test_indicatoren_2023_gives_every_target_and_whether_it_was_met(store, report):
    expected = {name: (doel, values[0]) for name, doel, values, _ in bijlage_3_table(report)}
    rows = answer(store, "indicatoren-2023")
    assert [r[0] for r in rows] == [name for name, *_ in bijlage_3_table(report)]
    for name, _, doel, value, _, _, met, difference, _ in rows:
        assert (_float(doel), _float(value)) == expected[name]
        if doel:
            assert met == ("ja" if float(value) >= float(doel) else "nee")
            assert float(difference) == pytest.approx(float(value) - float(doel))
        else:
            assert met == "" and difference is None
    missed = {r[0] for r in rows if r[6] == "nee"}
    assert missed == {r[0] for r in answer(store, "doelen-gemist-2023")}
    assert len([r for r in rows if r[6]]) == 15


# ---- identifiers and names


def test_gemeenten_with_cbs_code_and_tooi(store):
    # Checked by hand against ../shared/reference/identifiers.md (CBS StatLine 70072ned, TOOI)
    rows = {r[0]: r[1:] for r in answer(store, "gemeenten")}
    assert len(rows) == 41
    assert rows["gemeente Groningen"][:3] == ("provincie Groningen", "GM0014", "https://identifier.overheid.nl/tooi/id/gemeente/gm0014")
    assert rows["gemeente Noardeast-Fryslân"][:3] == ("provincie Fryslân", "GM1970", "https://identifier.overheid.nl/tooi/id/gemeente/gm1970")
    assert rows["gemeente Emmen"][:4] == ("provincie Drenthe", "GM0114", "https://identifier.overheid.nl/tooi/id/gemeente/gm0114", None)
    assert rows["gemeente Amsterdam"][:4] == (None, None, None, "1.2.2"), "outside Noord-Nederland, no verified code"
    assert sum(1 for r in rows.values() if r[1]) == 40
    assert set(rows["gemeente Leeuwarden"][3].split(", ")) >= {"1.1.2", "3.1.4", "4.1.3"}


def test_organisaties_with_abbreviations_and_kinds(store, report):
    rows = {_tail(r[5]): r for r in answer(store, "organisaties")}
    assert rows["riec-noord-nederland"][1] == "RIEC" and rows["riec-noord-nederland"][3] == "samenwerkingsverband"
    assert rows["drio"][1:4] == ("DRIO", None, "politieonderdeel")
    assert "gebiedsgebonden-politiezorg" not in rows, "GGP is a discipline of the police, not an organisation"
    assert rows["gemeenten-noord-nederland"][3:5] == ("overheidsorganisatie", "groep")
    assert rows["veiligheidspartners"][3:5] == ("organisatie", "groep"), "a group of no narrower kind is listed too"
    from rbvgraph.graph.search import build_index, kind_named

    assert len(rows) == build_index(store).count(kind_named("organisaties"))
    # every organisation abbreviation of Bijlage 2 is there, on the thing it stands for
    abbreviations = {a for r in rows.values() if r[1] for a in r[1].split("; ")}
    organisations = {abbr for abbr, _ in bijlage_2(report)} - {"Wom", "Wet Bibob", "APV", "VPT", "GTPA", "CISO", "GGP"}
    assert organisations <= abbreviations


# ---- text beside figures


def test_tekst_en_cijfers_flags_the_claim_the_figures_contradict(store):
    # 4.2.2 "De eenheid voldoet ruimschoots aan de landelijk afgesproken aantallen aan te leveren verdachten⁸⁵"
    # (⁸⁵ "Zie bijlage 3"), while Bijlage 3 has Verdachten OM 121 against a target of 150; 2.2.4 "De doelstellingen
    # zijn daarmee ruimschoots gehaald⁴⁶" beside Afpakken: BOOM € 8,8 mln against € 8,8 mln, 353 zaken against 200.
    rows = [(r[0], r[2], r[3], float(r[4]), float(r[5]), r[7], float(r[8]), r[9]) for r in answer(store, "tekst-en-cijfers")]
    assert rows == [
        ("2.2.4", "Afgepakt financieel vermogen (BOOM)", "doel gehaald", 8.8, 8.8, "doel gehaald", 0, "ja"),
        ("2.2.4", "Afpakken aantal zaken (bron politie)", "doel gehaald", 200, 353, "doel gehaald", 153, "ja"),
        ("4.2.2", "Verdachten OM", "doel gehaald", 150, 121, "doel niet gehaald", -29, "nee"),
    ]


# ---- figures from the running text


def test_hoeveelheden_gives_the_numbers_of_the_text_as_numbers(store):
    # 4.2.2 "Het resultaat was dat de politie 28 verdachten hoorde, 30 stopgesprekken voerde en 90 verdachten een
    # waarschuwingsbrief gaf en bezocht"; 3.1.3 "zijn er zeker 30 voorlichtingen gegeven"; 3.1.2 "met name 18- tot en
    # met 27-jarigen"; 2.2.7 "twee bij het RIEC-bureau gedetacheerde medewerkers van de politie"
    rows = {_tail(r[8]): (r[0], r[1], r[2], r[3], r[4]) for r in answer(store, "hoeveelheden")}
    assert len(rows) == 47
    assert rows["geldezels-drenthe-verdachten-gehoord"] == ("4.2.2", "28", "precies", None, "verdachten")
    assert rows["geldezels-drenthe-stopgesprekken"] == ("4.2.2", "30", "precies", None, "stopgesprekken")
    assert rows["voorlichtingen-radicalisering-2023"] == ("3.1.3", "30", "ten minste", None, "voorlichtingen")
    assert rows["gedetacheerde-politiemedewerkers-riec"] == ("2.2.7", "2", "precies", None, "medewerkers")
    assert rows["doelgroep-re-integratie-officieren"][1:4] == ("18", "van … tot", "27")


def test_a_table_shows_a_quantity_with_its_number(cli_run):
    code, out, _ = cli_run("query", "waar-staat-dat", "-p", "ding=act:terugplaatsing-gedetacheerde-politiemedewerkers")
    assert code == 0
    assert "2 medewerkers: twee bij het RIEC-bureau gedetacheerde medewerkers van de politie" in out


def test_a_table_says_how_many_cells_it_cut_and_wide_shows_them_whole(cli_run):
    # Bijlage 2's quote on the BOT is short; 2.1.4's are longer than a table cell
    code, out, _ = cli_run("query", "waar-staat-dat", "-p", "ding=BOT")
    assert code == 0
    cut = sum(1 for line in out.splitlines()[2:-1] if "…" in line)
    assert cut == 1 and out.rstrip().endswith("(7 rijen; 1 cel ingekort tot 120 tekens (…): --wide toont alles, -f csv ook)")
    code, wide, _ = cli_run("query", "waar-staat-dat", "-p", "ding=BOT", "--wide")
    assert "…" not in wide and wide.rstrip().endswith("(7 rijen)")
    assert max(len(line) for line in wide.splitlines()) > max(len(line) for line in out.splitlines())


BY_REPORT = [name for name, query in sorted(QUERIES.items()) if query.param("rapport")]


def test_the_queries_of_the_reports_facts_take_a_report():
    # not the queries of Bijlage 3's figures and tables, of names and identifiers, or of what a section's heading or
    # the graph's structure says: those read no evidence with a section
    assert BY_REPORT == ["documenten-per-thema", "gemeenten-en-activiteiten", "hoeveelheden", "partners",
                         "programmas-per-thema", "regelgeving", "samenwerking", "tekst-en-cijfers", "thema-overzicht",
                         "waar-staat-dat"]
    for name in BY_REPORT:
        param = QUERIES[name].param("rapport")
        assert (param.default, param.expects) == ("*", "https://w3id.org/rbvgraph/def#Jaarverslag")


def _any_order(rows) -> list[tuple]:
    """Rows with the parts of each GROUP_CONCAT (", ") sorted: SPARQL leaves their order open."""
    return [tuple(", ".join(sorted(c.split(", "))) if isinstance(c, str) else c for c in row) for row in rows]


@pytest.mark.parametrize("name", BY_REPORT)
def test_every_report_by_default_in_a_column_and_one_report_when_named(store, name):
    every = answer(store, name)
    assert len(every) > 2 and {row[-1] for row in every} - {None} == {REPORT}, "today one report: the Jaarverslag 2023"
    assert QUERIES[name].text.split("WHERE")[0].split()[-1] == "?rapport", "the report is the last column"
    # regelgeving: three laws nobody applies in the report, and a basis of the Damocles beleid from outside (rbv:bron)
    assert sum(row[-1] is None for row in every) == {"regelgeving": 4}.get(name, 0)
    for named in (REPORT, "Jaarverslag 2023", "doc:jaarverslag-2023"):
        assert _any_order(answer(store, name, rapport=named)) == _any_order(
            row[:-1] for row in every if row[-1] is not None), named


def test_facts_from_an_outside_source_belong_to_no_report(store):
    every = answer(store, "waar-staat-dat", ding="gemeente Westerwolde")
    outside = [row for row in every if row[6] is not None]
    assert len(outside) == 4 and {row[-1] for row in outside} == {None}, "no report in the column"
    assert {row[-1] for row in every if row[6] is None} == {REPORT}
    assert answer(store, "waar-staat-dat", ding="gemeente Westerwolde", rapport="Jaarverslag 2023") == [
        row[:-1] for row in every if row[6] is None]


@pytest.fixture(scope="module")
def two_reports_graph(tmp_path_factory):
    from rbvgraph.graph import open_graph
    from rbvgraph.project import Project

    from .projects import two_reports

    return open_graph(Project(two_reports(tmp_path_factory.mktemp("twee") / "project")), "none")


@pytest.mark.parametrize("ding", ["OM Noord-Nederland", "RIEC"])
def test_with_two_reports_a_named_report_gives_only_its_facts(two_reports_graph, ding):
    """The made-up second report of tests/testverslag/ states facts about these two (the only report queries it
    answers without inference)."""
    from rbvgraph.sparql.named import run_named

    def rows(**more):
        result = run_named(two_reports_graph, QUERIES["waar-staat-dat"], {"ding": ding, **more})
        return [tuple(t.value if t is not None else None for t in row) for row in result.rows]

    every = rows()
    test = "https://w3id.org/rbvgraph/id/document/testverslag-2024"
    assert {row[-1] for row in every} >= {REPORT, test}, "facts of both reports"
    for report in (REPORT, test):
        assert rows(rapport=report) == [row[:-1] for row in every if row[-1] == report]
        # by its slug too, as diff and ingest name it
        assert rows(rapport=report.rsplit("/", 1)[-1]) == [row[:-1] for row in every if row[-1] == report]


def test_an_unknown_report_is_one_line(cli_run):
    from .helpers import assert_one_line_error

    code, out, err = cli_run("query", "partners", "-p", "rapport=Jaarverslag 2031")
    assert_one_line_error(code, out, err, "query partners: parameter 'rapport': nothing is named 'Jaarverslag 2031'")
    code, out, err = cli_run("query", "thema-overzicht", "-p", "rapport=RIEC")
    assert_one_line_error(code, out, err, "parameter 'rapport': 'RIEC' is RIEC Noord-Nederland", "not a jaarverslag")
    for name in BY_REPORT:
        with pytest.raises(ParameterError) as error:
            bind(QUERIES[name], {"rapport": "Jaarverslag 2031"}, _store_with(QUERIES[name].inference))
        assert str(error.value).startswith(f"query {name}: parameter 'rapport': nothing is named 'Jaarverslag 2031'")
    code, out, err = cli_run("queries")
    assert "--param rapport=…  rbv:Jaarverslag: het verslag: naam, id (jaarverslag-2023) of IRI; zonder: elk verslag, in de kolom " \
           "'rapport' (standaard: alle)" in out
