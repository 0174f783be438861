"""The collaboration network per report (`rbvgraph network --rapport SLUG`, and build/network/<slug>/ when the
graph holds more than one report), on the real report and the small made-up one of tests/testverslag/."""

from __future__ import annotations

import networkx as nx
import pytest

from rbvgraph.graph import open_graph
from rbvgraph.network.files import evidence_text
from rbvgraph.network.views import Selection, select_network
from rbvgraph.project import Project

from .projects import two_reports

ORG = "https://w3id.org/rbvgraph/id/organisatie/"
OM, POLITIE, RIEC, TEST = (ORG + s for s in ("om-noord-nederland", "politie-noord-nederland", "riec-noord-nederland",
                                              "testbureau-noord"))


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return two_reports(tmp_path_factory.mktemp("twee") / "project")


@pytest.fixture(scope="module")
def two(home):
    return open_graph(Project(home), "none").store


def test_a_report_counts_only_the_relations_it_gives_evidence_for(two):
    net = select_network(two, Selection(report="testverslag-2024"))
    assert net.description == "Testverslag 2024 (testgegevens): alle organisaties"
    assert sorted(net.graph.nodes) == sorted([OM, POLITIE, RIEC, TEST])
    edges = {tuple(sorted((a, b))): d for a, b, d in net.graph.edges(data=True)}
    assert sorted(edges) == sorted([tuple(sorted((OM, POLITIE))), tuple(sorted((RIEC, TEST)))])
    # only this report's quote, and no report named: the page is of one report
    assert evidence_text(edges[tuple(sorted((OM, POLITIE)))]["statements"]) == (
        "OM Noord-Nederland werkt samen met politie-eenheid Noord-Nederland [§ 1 Ondermijnende criminaliteit: "
        "“Het OM Noord-Nederland werkt samen met de politie Noord-Nederland”]")


def test_the_first_report_alone_is_the_network_it_was_before(two, store):
    alone = select_network(store, Selection()).graph
    first = select_network(two, Selection(report="jaarverslag-2023")).graph
    assert (first.number_of_nodes(), first.number_of_edges()) == (alone.number_of_nodes(), alone.number_of_edges()) \
        == (110, 240)
    assert set(first.edges) == set(alone.edges) and TEST not in first
    assert first.edges[OM, POLITIE]["weight"] == alone.edges[OM, POLITIE]["weight"]


def test_with_two_reports_the_evidence_names_its_report(two):
    whole = select_network(two, Selection()).graph
    text = evidence_text(whole.edges[OM, POLITIE]["statements"])
    assert "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland, § 2.2.2 Samenspannen tegen " \
           "ondermijning: “het Programma 'Samenspannen tegen ondermijning' van Politie en OM Noord-Nederland”" in text
    assert "Testverslag 2024 (testgegevens), § 1 Ondermijnende criminaliteit: “Het OM Noord-Nederland werkt samen " \
           "met de politie Noord-Nederland”" in text
    # a chapter's theme comes from its own report: chapter 1 of the test report is about ondermijning, chapter 1
    # of the Jaarverslag 2023 about maatschappelijke onrust
    assert "https://w3id.org/rbvgraph/id/thema/ondermijning" in whole.edges[RIEC, TEST]["themes"]
    assert "https://w3id.org/rbvgraph/id/thema/maatschappelijke-onrust" not in whole.edges[RIEC, TEST]["themes"]


def test_cli_rapport_option(cli_run, home, tmp_path):
    out = tmp_path / "test.graphml"
    code, _, err = cli_run("network", "--rapport", "testverslag-2024", "-f", "graphml", "-o", out, home=home)
    assert code == 0 and err == f"wrote {out}: 4 nodes, 2 edges\n"
    # node ids are NMTOKENs; the IRI is the node's 'iri' attribute
    assert sorted(iri for _, iri in nx.read_graphml(out).nodes(data="iri")) == sorted([OM, POLITIE, RIEC, TEST])
    code, out_text, err = cli_run("network", "--rapport", "jaarverslag-2099", home=home)
    assert (code, out_text) == (2, "")
    assert err == ("rbvgraph: error: --rapport: no report 'jaarverslag-2099' in the graph "
                   "(reports: jaarverslag-2023, testverslag-2024)\n")


@pytest.mark.slow  # a whole build (network pages of two reports)
def test_build_writes_the_pages_per_report(cli_run, home, tmp_path):
    out = tmp_path / "build"
    code, _, err = cli_run("build", "-o", out, "--inference", "none", home=home)
    assert code == 0, err
    assert sorted(p.relative_to(out / "network").as_posix() for p in (out / "network").rglob("*/index.html")) == [
        "jaarverslag-2023/index.html", "testverslag-2024/index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="network/testverslag-2024/index.html">Testverslag 2024 (testgegevens): alle organisaties</a>' in index
    page = (out / "network" / "testverslag-2024" / "index.html").read_text(encoding="utf-8")
    assert "<title>Samenwerkingsnetwerk Noord-Nederland: Testverslag 2024 (testgegevens): alle organisaties</title>" \
        in page
    # each report's section pages show that report's own text, not the first report's
    own = (out / "id" / "testverslag-2024" / "sectie" / "1.html").read_text(encoding="utf-8")
    assert "Het Testbureau Noord werkt samen met het RIEC Noord-Nederland." in own
    first = (out / "id" / "jaarverslag-2023" / "sectie" / "1.html").read_text(encoding="utf-8")
    assert "Testbureau" not in first and "Maatschappelijke onrust of verdeeldheid" in first


@pytest.mark.slow  # a real browser
def test_the_page_groups_a_links_quotes_by_report(two, tmp_path):
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    from rbvgraph.network.page import render_page

    path = tmp_path / "netwerk.html"
    path.write_text(render_page(select_network(two, Selection()), "Samenwerkingsnetwerk"), encoding="utf-8")
    line = quote("organisatie/om-noord-nederland organisatie/politie-noord-nederland", safe="")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{path.as_uri()}#lijn={line}")
        page.wait_for_selector("body[data-stable='1']", state="attached", timeout=60_000)
        headings = page.locator("#details h3.section-ref").all_inner_texts()
        chromium.close()
    # 2023: they work together, and both carry out Samenspannen; 2024: they work together, and the police
    # carries it out (the link through the programme is 2023's, its quote about the police is in both)
    assert headings == [
        "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland, § 2.2.2 Samenspannen tegen "
        "ondermijning (3)",
        "Testverslag 2024 (testgegevens), § 1 Ondermijnende criminaliteit (2)"]
