"""Parameters of named queries: names resolved like search, each checked against the class the query expects."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rbvgraph.errors import InputError, ParameterError
from rbvgraph.graph.search import build_index
from rbvgraph.project import project
from rbvgraph.sparql.named import bind, catalogue, read_query

from .helpers import assert_one_line_error

QUERIES = catalogue(project())
ID = "https://w3id.org/rbvgraph/id/"


@pytest.fixture(scope="module")
def index(store):
    return build_index(store)


def bound(store, index, name, **given):
    said = []
    terms = bind(QUERIES[name], given, store, index, said.append)
    return {k: v.value for k, v in terms.items()}, said


def error(store, index, name, **given) -> str:
    with pytest.raises(ParameterError) as caught:
        bind(QUERIES[name], given, store, index)
    return str(caught.value)


def test_a_forgiving_match_of_the_expected_kind_is_taken_and_said(store, index):
    # 'Zorg' is a name of the group zorgorganisaties, but the parameter wants a theme: the one with 'zorg' in its name
    terms, said = bound(store, index, "organisaties-per-thema", thema="Zorg")
    assert terms == {"thema": ID + "thema/veiligheid-en-zorg"}
    assert said == ["thema=Zorg → thema:veiligheid-en-zorg (Effectieve verbinding veiligheid en zorg)"]
    terms, said = bound(store, index, "trend-indicator", indicator="woninginbraken")
    assert terms == {"indicator": ID + "indicator/aantal-woninginbraken"}
    assert said == ["indicator=woninginbraken → ind:aantal-woninginbraken (Aantal woninginbraken)"]


def test_an_exact_name_is_taken_silently(store, index):
    terms, said = bound(store, index, "partners", org="riec")
    assert terms == {"org": ID + "organisatie/riec-noord-nederland"} and said == []
    terms, said = bound(store, index, "organisaties-per-thema", thema="ex gedetineerden")
    assert terms == {"thema": ID + "thema/ex-gedetineerden"} and said == []


def test_a_name_of_another_kind_is_an_error_saying_what_it_is(store, index):
    message = error(store, index, "trend-indicator", indicator="RIEC")
    assert message == ("query trend-indicator: parameter 'indicator': 'RIEC' is RIEC Noord-Nederland "
                       "(samenwerkingsverband, rbvo:riec-noord-nederland), not an indicator")
    message = error(store, index, "organisaties-per-thema", thema="rbpo")
    assert message.startswith("query organisaties-per-thema: parameter 'thema': 'rbpo' is Regionaal Bestuurlijk "
                              "Politieoverleg Noord-Nederland (samenwerkingsverband, rbvo:rbpo), not a theme")


def test_a_name_of_a_theme_that_is_in_several_organisations_names_lists_them(store, index):
    message = error(store, index, "partners", org="mensenhandel")
    assert message.startswith("query partners: parameter 'org': 'mensenhandel' fits 5 things")
    assert "Team Migratiecriminaliteit en Mensenhandel (politieonderdeel" in message


def test_an_iri_of_another_kind_or_unknown_is_an_error(store, index):
    assert error(store, index, "partners", org="thema:mensenhandel") == \
        "query partners: parameter 'org': Mensenhandel (thema, thema:mensenhandel) is not an organisation"
    assert error(store, index, "organisaties-per-thema", thema="thema:bestaat-niet") == \
        "query organisaties-per-thema: parameter 'thema': nothing in the graph has the IRI thema:bestaat-niet"


def test_an_ambiguous_name_lists_the_candidates_with_their_kinds(store, index):
    # "ketenregisseurs (Groningen, Fryslân en Drenthe)" (3.1.4): Groningen is the province's name too
    message = error(store, index, "partners", org="Groningen")
    assert message == ("query partners: parameter 'org': 'Groningen' fits 2 things, give one of them (or its IRI): "
                       "gemeente Groningen (gemeente, rbvo:gemeente-groningen); "
                       "provincie Groningen (provincie, rbvo:provincie-groningen)")


def test_an_unknown_name_suggests_the_nearest_of_the_expected_kind(store, index):
    message = error(store, index, "partners", org="Riek")
    assert message.startswith("query partners: parameter 'org': nothing is named 'Riek'; nearest organisaties: ")
    assert "RIEC Noord-Nederland (samenwerkingsverband, rbvo:riec-noord-nederland)" in message
    message = error(store, index, "thema-overzicht", thema="mensenhandle")
    assert "nearest thema's: Mensenhandel (thema, thema:mensenhandel)" in message


def test_a_class_parameter_takes_a_class_name(store, index):
    terms, said = bound(store, index, "soort", soort="gemeente")
    assert terms == {"soort": "https://w3id.org/rbvgraph/def#Gemeente"} and said == []


def test_header_declares_the_expected_class(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# title: t\n# param: thema | rbv:Thema | - | het thema\nSELECT ?thema WHERE { }\n", "utf-8")
    (param,) = read_query(path).params
    assert (param.kind, param.expects) == ("iri", "https://w3id.org/rbvgraph/def#Thema")
    path.write_text("# title: t\n# param: thema | thema | - | het thema\nSELECT ?thema WHERE { }\n", "utf-8")
    with pytest.raises(InputError, match="q.rq:2: parameter header must be"):
        read_query(path)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_expected_class_is_a_class_of_the_ontology(store, name):
    for param in QUERIES[name].params:
        if param.expects and param.expects != "http://www.w3.org/2002/07/owl#Class":
            assert bool(store.query("ASK { ?c a <http://www.w3.org/2002/07/owl#Class> }", use_default_graph_as_union=True,
                                    substitutions={ox.Variable("c"): ox.NamedNode(param.expects)})), param.expects


def test_cli_says_the_forgiving_match_and_reports_a_wrong_kind_in_one_line(cli_run):
    code, out, err = cli_run("query", "organisaties-per-thema", "-p", "thema=Zorg", "-f", "csv")
    assert code == 0
    assert "thema=Zorg → thema:veiligheid-en-zorg" in err
    assert out.startswith("organisatie,naam,uitspraken,waarlangs")
    assert_one_line_error(*cli_run("query", "trend-indicator", "-p", "indicator=RIEC"), "not an indicator")
    assert_one_line_error(*cli_run("query", "partners", "-p", "org=Groningen"), "fits 2 things",
                          "gemeente Groningen (gemeente", "provincie Groningen (provincie")
