"""The named queries whose right answer needs inference: exact answers over the stable files with the OWL 2 RL
closure, and what they miss without it; on the whole graph, hand-checked answers that only inference finds."""

from __future__ import annotations

import pytest

from rbvgraph.sparql.engine import run
from .helpers import load_store
from rbvgraph.sparql.named import catalogue
from rbvgraph.sparql.named import bind

from .projects import make_project

POLICE_UNITS = {"avim", "basisteams", "drio", "drr", "politie-noord-nederland", "sgbo",
                "tbkk", "tda", "tooi"}
GEMEENTEN = {"aa-en-hunze", "achtkarspelen", "ameland", "assen", "borger-odoorn", "coevorden", "dantumadiel",
             "de-fryske-marren", "de-wolden", "eemsdelta", "emmen", "groningen", "harlingen", "heerenveen", "het-hogeland",
             "hoogeveen", "leeuwarden", "meppel", "midden-drenthe", "midden-groningen", "noardeast-fryslan", "noordenveld",
             "oldambt", "ooststellingwerf", "opsterland", "pekela", "schiermonnikoog", "smallingerland", "stadskanaal",
             "sudwest-fryslan", "terschelling", "tynaarlo", "tytsjerksteradiel", "veendam", "vlieland", "waadhoeke",
             "westerkwartier", "westerveld", "westerwolde", "weststellingwerf"}


@pytest.fixture(scope="session")
def stable(tmp_path_factory):
    proj = make_project(tmp_path_factory.mktemp("stable") / "project")
    return proj, {level: load_store(proj, level) for level in ("none", "rdfs", "owlrl")}


@pytest.fixture(scope="session")
def whole(proj):
    return {level: load_store(proj, level) for level in ("none", "owlrl")}


def answer(proj, store, name, column, **params):
    query = catalogue(proj)[name]
    result = run(store, query.text, bind(query, params, store))
    index = result.variables.index(column)
    return [row[index].value.rsplit("/", 1)[-1] for row in result.rows]


def test_onderdelen_of_the_police(stable):
    proj, stores = stable
    assert sorted(answer(proj, stores["owlrl"], "onderdelen", "onderdeel")) == sorted(POLICE_UNITS)
    assert answer(proj, stores["none"], "onderdelen", "onderdeel") == []
    assert answer(proj, stores["owlrl"], "onderdelen", "onderdeel", org="RIEC") == ["bot"]


def test_soort_overheidsorganisatie_includes_every_subclass(stable):
    proj, stores = stable
    expected = ({f"gemeente-{g}" for g in GEMEENTEN} | {"provincie-drenthe", "provincie-fryslan", "provincie-groningen"}
                | POLICE_UNITS | {"politie", "om", "coa", "nctv", "ministerie-jenv", "inspectie-jenv", "gemeenten-noord-nederland",
                                  "enkele-gemeenten-noord-nederland", "een-gemeente-noord-nederland"})
    with_owl = answer(proj, stores["owlrl"], "soort", "ding")
    assert len(with_owl) == 61 and set(with_owl) == expected
    assert sorted(answer(proj, stores["rdfs"], "soort", "ding")) == sorted(with_owl)
    assert sorted(answer(proj, stores["none"], "soort", "ding")) == [
        "coa", "een-gemeente-noord-nederland", "enkele-gemeenten-noord-nederland", "gemeenten-noord-nederland", "nctv"]
    assert sorted(answer(proj, stores["owlrl"], "soort", "ding", soort="rbv:Provincie")) == [
        "provincie-drenthe", "provincie-fryslan", "provincie-groningen"]


def test_onderdelen_reaches_team_milieu_three_levels_down(proj, whole):
    """Team Milieu → DRR → politie-eenheid Noord-Nederland → politie (chapter 2)."""
    with_owl = answer(proj, whole["owlrl"], "onderdelen", "onderdeel")
    assert {"team-milieu", "team-migratiecriminaliteit-en-mensenhandel", "mobiele-eenheid-noord-nederland"} | POLICE_UNITS <= set(with_owl)
    assert answer(proj, whole["none"], "onderdelen", "onderdeel") == []
    under_unit = answer(proj, whole["owlrl"], "onderdelen", "onderdeel", org="rbvo:politie-noord-nederland")
    assert {"team-milieu", "drr", "mobiele-eenheid-noord-nederland"} <= set(under_unit)
    assert "politie" not in under_unit and "avim" not in under_unit


def test_samenwerking_is_answered_both_ways(proj, whole):
    """'gemeenten werkt samen met OM' (chapter 2), 'AVIM ... met het OM' (3.1.4), 'burgemeesters ... OM' (1.1.1) are
    stated from the other side: only the symmetric property puts them among the OM's partners."""
    stated_elsewhere = {"gemeenten-noord-nederland", "avim", "burgemeesters-noord-nederland"}
    with_owl = set(answer(proj, whole["owlrl"], "samenwerking", "partner"))
    without = set(answer(proj, whole["none"], "samenwerking", "partner"))
    assert stated_elsewhere <= with_owl
    assert not stated_elsewhere & without
    assert {"politie-noord-nederland", "banken"} <= without <= with_owl


def test_members_of_a_table_follow_from_is_lid_van(proj, whole):
    """The casustafels radicalisering have members only because each member 'is lid van' them (3.1.3)."""
    members = answer(proj, whole["owlrl"], "samenwerking", "partner", org="rbvo:casustafels-radicalisering")
    assert {"zorgorganisaties", "politie-noord-nederland", "om", "gemeenten-noord-nederland"} <= set(members)
    assert answer(proj, whole["none"], "samenwerking", "partner", org="rbvo:casustafels-radicalisering") == []


def test_organisaties_onder_thema_include_sub_sub_themes(proj, whole):
    """gemeente Westerwolde has the theme 'Asiel en migratie', two levels below 'Maatschappelijke onrust'."""
    with_owl = answer(proj, whole["owlrl"], "organisaties-onder-thema", "organisatie")
    assert {"gemeente-westerwolde", "avim", "politie-noord-nederland"} <= set(with_owl)
    assert answer(proj, whole["none"], "organisaties-onder-thema", "organisatie") == []
    onrust = answer(proj, whole["owlrl"], "organisaties-onder-thema", "organisatie", thema="thema:asiel-en-migratie")
    assert "gemeente-westerwolde" in onrust and "basisteams" not in onrust


def test_organisaties_onder_thema_asiel_en_migratie_checked_against_1_1_2(proj, whole):
    """1.1.2 "Asielzoekers": the AVIM identifies and registers asylum seekers, gemeente Westerwolde and the
    Inspectie speak of the reception's safety (rbv:betrokkenBij, a sub-property of rbv:heeftThema), "diverse
    gemeenten" (some, not all) open emergency places, the Voorwoord says the influx tested the gemeenten and the
    police, the Rode Kruis set up a post. The RIEC and the BOT support the gemeenten, which does
    not put them under the gemeenten's themes."""
    rows = answer(proj, whole["owlrl"], "organisaties-onder-thema", "organisatie", thema="thema:asiel-en-migratie")
    assert sorted(rows) == ["avim", "enkele-gemeenten-noord-nederland", "gemeente-westerwolde",
                            "gemeenten-noord-nederland", "inspectie-jenv", "politie-noord-nederland", "rode-kruis"]


def test_no_theme_travels_over_ondersteunt_to_an_organisation(proj, whole):
    """Only an activity passes its theme on (to who carries it out, takes part, funds or supports it): every 'via'
    of organisaties-onder-thema, for every theme, is an activity or 'rechtstreeks', never a supported organisation."""
    from rbvgraph.sparql.named import catalogue

    store = whole["owlrl"]
    query = catalogue(proj)["organisaties-onder-thema"]
    activities = {r["n"].value for r in store.query(
        "PREFIX rbv: <https://w3id.org/rbvgraph/def#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?n WHERE { ?a a rbv:Activiteit ; rdfs:label ?n FILTER(LANG(?n) = 'nl') }", use_default_graph_as_union=True)}
    themes = [r["t"] for r in store.query("PREFIX rbv: <https://w3id.org/rbvgraph/def#> SELECT ?t WHERE { ?t a rbv:Thema }",
                                          use_default_graph_as_union=True)]
    assert len(themes) == 36
    via_names = set()
    for theme in themes:
        result = run(store, query.text, {"thema": theme})
        column = result.variables.index("via")
        # every row says through what: 'rechtstreeks' too (an unbound part once emptied the whole column)
        assert all(row[column] is not None and row[column].value for row in result.rows), theme
        via_names |= {part for row in result.rows if row[column] is not None and row[column].value
                      for part in row[column].value.split("; ")}
    assert via_names - {"rechtstreeks"} and via_names <= activities | {"rechtstreeks"}
    # the links the old query followed: RIEC/BOT → gemeenten (2.1.4), Frontoffice → basisteams (4.3.2)
    assert not {"gemeenten in Noord-Nederland", "basisteams"} & via_names
