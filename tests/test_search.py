"""Search: things found the way people type their names, ranked, with kind, IRI and sections; the index cached."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rbvgraph.graph.search import build_index, index_for, kind_named

from .helpers import assert_one_line_error

ID = "https://w3id.org/rbvgraph/id/"


@pytest.fixture(scope="module")
def index(store):
    return build_index(store)


def first(index, text, kind=None):
    hits = index.search(text, kind_named(kind) if kind else None).hits
    return hits[0].iri.removeprefix(ID) if hits else None


def test_case_accents_hyphens_and_word_order_do_not_matter(index):
    assert first(index, "riec") == first(index, "RIEC") == "organisatie/riec-noord-nederland"
    assert first(index, "noardeast fryslan") == "organisatie/gemeente-noardeast-fryslan"
    assert first(index, "zorg en veiligheid regisseur") == "functie/regisseur-zorg-en-veiligheid"
    assert first(index, "exgedetineerden") == "thema/ex-gedetineerden"


def test_a_piece_of_a_word_finds_the_compound(index):
    # "aanjager Cyberweerbaarheid": 'weerbaarheid' is neither a word of the name nor its start
    found = [h.iri.removeprefix(ID) for h in index.search("weerbaarheid", limit=None).hits]
    assert "functie/aanjager-cyberweerbaarheid" in found
    assert first(index, "woninginbraak") == "indicator/aantal-woninginbraken"


def test_a_hit_has_its_kind_sections_and_iri(index):
    (hit,) = index.search("regisseur zorg en veiligheid", kind_named("functies")).hits
    assert hit.name == "regisseur Zorg en Veiligheid"
    assert hit.kind == "functie"
    assert hit.iri == ID + "functie/regisseur-zorg-en-veiligheid"
    assert hit.sections == "3.1.1"


def test_quotes_are_searched_and_the_words_shown(index):
    # 2.2.1: "In 2023 heeft het RIEC Noord-Nederland met de gemeenten havenscans uitgevoerd"
    found = index.search("havenscans uitgevoerd", limit=None).hits
    havenscans = next(h for h in found if h.iri == ID + "activiteit/havenscans")
    assert "[uitgevoerd]" in havenscans.snippet and "[havenscans]" in havenscans.snippet


def test_a_thing_named_by_the_search_comes_first(index):
    # 'GGP' is the abbreviation of Gebiedsgebonden Politiezorg; a post has it in its longer name
    hits = index.search("ggp").hits
    assert hits[0].iri == ID + "organisatie/gebiedsgebonden-politiezorg"
    assert ID + "functie/operationeel-expert-ggp" in {h.iri for h in hits[1:]}


def test_kind_narrows_the_search(index):
    hits = index.search("groningen", kind_named("provincies")).hits
    assert hits[0].iri == ID + "organisatie/provincie-groningen"
    assert {h.kind for h in hits} == {"provincie"}
    assert {h.kind for h in index.search("mensenhandel", kind_named("indicators"), limit=None).hits} == {"indicator"}


def test_a_misspelt_word_is_corrected_and_nothing_found_suggests_names(index):
    found = index.search("mensenhandle")
    assert found.corrected == "mensenhandel"
    assert found.hits[0].iri == ID + "thema/mensenhandel"
    nothing = index.search("xyzzy plugh")
    assert nothing.hits == [] and nothing.total == 0


def test_limit_keeps_the_count(index):
    found = index.search("politie", limit=3)
    assert len(found.hits) == 3 and found.total > 50


def test_kind_words_in_dutch_and_english(index):
    assert kind_named("thema's") == kind_named("Themes") == kind_named("thema")
    assert kind_named("programma's").cls.endswith("#Programma")
    assert kind_named("laws").cls.endswith("#Regelgeving")
    assert kind_named("nonsense") is None


def test_the_cached_index_is_opened_without_loading_the_graph(proj, store, tmp_path, monkeypatch):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path))
    loads = []
    index_for(proj, lambda: loads.append(1) or store)
    again = index_for(proj, lambda: loads.append(1) or store)
    assert loads == [1], "the second command reads the index from the cache"
    assert again.search("riec").hits[0].iri == ID + "organisatie/riec-noord-nederland"
    (cached,) = (tmp_path / "search").glob("*.sqlite")
    cached.write_bytes(b"not a database")
    assert index_for(proj, lambda: loads.append(1) or store).search("riec").total > 0
    assert loads == [1, 1], "a damaged index is made again"


def test_cli_search_table_csv_and_json(cli_run):
    code, out, err = cli_run("search", "regisseur", "zorg")
    assert code == 0
    assert out.splitlines()[0].split() == ["naam", "soort", "secties", "treffer", "ding"]
    assert "functie:regisseur-zorg-en-veiligheid" in out
    code, out, _ = cli_run("zoek", "regisseur zorg en veiligheid", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][:3] == ["regisseur Zorg en Veiligheid", "functie", "3.1.1"]
    assert rows[1][4] == ID + "functie/regisseur-zorg-en-veiligheid"
    # 3.1.1: "Nog meer gemeenten hebben een regisseur Zorg en Veiligheid aangesteld"
    assert "[regisseur] [Zorg] [en] [Veiligheid] aangesteld" in rows[1][3]
    code, out, _ = cli_run("search", "bot", "-f", "json", "--kind", "organisaties")
    data = json.loads(out)
    assert data["results"]["bindings"][0]["ding"] == {"type": "uri", "value": ID + "organisatie/bot"}


def test_cli_search_says_what_it_left_out(cli_run):
    code, out, err = cli_run("search", "politie", "-n", "2")
    assert code == 0 and out.endswith("(2 rijen)\n")
    assert "showing 2 of" in err and "--limit 0 shows all" in err
    code, out, err = cli_run("search", "mensenhandle")
    assert "nothing found for 'mensenhandle'; showing what 'mensenhandel' finds" in err


def test_cli_search_unknown_kind_is_one_line(cli_run):
    assert_one_line_error(*cli_run("search", "riec", "--kind", "dingen"), "unknown kind 'dingen'", "organisaties")


def bijlage_3_indicators(report) -> set[str]:
    table = report.raw[report.raw.index("Tabel 1. Algemene cijfers politie en OM"):report.raw.index("* voorlopige cijfers")]
    return {line[2:].split("\t")[0] for line in table.splitlines() if line.startswith("- ")}


def test_list_indicatoren_is_every_indicator_of_bijlage_3(cli_run, report):
    code, out, _ = cli_run("list", "indicatoren", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and rows[0] == ["naam", "soort", "ook_genoemd", "secties", "uitspraken", "ding"]
    expected = bijlage_3_indicators(report)
    assert len(expected) == 36
    assert {r[0] for r in rows[1:]} == expected
    assert {r[1] for r in rows[1:]} == {"indicator"}


def test_list_counts_every_kind_and_takes_dutch_or_english_names(cli_run):
    code, out, _ = cli_run("lijst", "-f", "csv")
    counts = {kind: int(n) for kind, n, _ in list(csv.reader(io.StringIO(out)))[1:]}
    assert counts["indicatoren"] == 36 and counts["thema's"] == 36 and counts["provincies"] == 3
    assert counts["gemeenten"] == 41, "the 40 of Noord-Nederland and Amsterdam (1.2.2)"
    code, out, _ = cli_run("list", "programmes", "-f", "csv")
    dutch = cli_run("lijst", "programma's", "-f", "csv")[1]
    assert out == dutch and len(out.splitlines()) == counts["programma's"] + 1
    assert "programma Centurion,programma,Centurion,4.2.2," in out
    assert_one_line_error(*cli_run("list", "dingen"), "unknown kind 'dingen'")
