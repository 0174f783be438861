"""Several reports side by side: `rbvgraph diff A B`, on the real report against itself and against the small
made-up report of tests/testverslag/ (test data, put into a temporary copy of the project only)."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from rbvgraph.graph import open_graph
from rbvgraph.graph.reports import reports_in
from rbvgraph.project import Project
from rbvgraph.reports.diff import compare

from .projects import two_reports

ORG, ACT, THEMA, IND = ("https://w3id.org/rbvgraph/id/" + k for k in ("organisatie/", "activiteit/", "thema/",
                                                                        "indicator/"))
A, B = "jaarverslag-2023", "testverslag-2024"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return two_reports(tmp_path_factory.mktemp("twee") / "project")


@pytest.fixture(scope="module")
def both(home):
    return compare(open_graph(Project(home), "none").store, A, B)


def _rows(comparison, kind, change=None):
    return [r for r in comparison.rows if r.kind == kind and (change is None or r.change == change)]


def test_a_report_against_itself_continues_everything(store):
    same = compare(store, A, A)
    # 171 organisations less the 28 gemeenten the report never names (data/triples/README.md); 197 programmes and
    # other activities, 36 themes, 943 relations with a quote between two things that are not sections, and the
    # 202 figures and 15 targets of Bijlage 3 (test_figures.py).
    counts = {k: len(_rows(same, k)) for k in same.kinds()}
    assert counts == {"organisatie": 143, "programma of activiteit": 197, "thema": 36, "relatie": 943, "cijfer": 202,
                      "doel": 15}
    assert {r.change for r in same.rows} == {"blijft"}
    assert all(r.first == r.second != "" for r in same.rows)


def test_the_two_reports_are_listed_oldest_first(home):
    found = reports_in(open_graph(Project(home), "none").store)
    assert [(r.slug, r.label) for r in found] == [
        (A, "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland"),
        (B, "Testverslag 2024 (testgegevens)")]


def test_things_that_appear_disappear_and_continue(both, store):
    iris = lambda kind, change: {r.iri for r in _rows(both, kind, change)}
    assert iris("organisatie", "blijft") == {ORG + "riec-noord-nederland", ORG + "politie-noord-nederland",
                                              ORG + "om-noord-nederland"}
    assert iris("organisatie", "nieuw") == {ORG + "testbureau-noord"}
    every_2023 = {r.iri for r in compare(store, A, A).rows if r.kind == "organisatie"}
    assert iris("organisatie", "verdwenen") == every_2023 - iris("organisatie", "blijft")
    assert len(iris("organisatie", "verdwenen")) == 140
    assert iris("programma of activiteit", "blijft") == {ACT + "samenspannen-tegen-ondermijning"}
    assert (iris("programma of activiteit", "nieuw"), len(iris("programma of activiteit", "verdwenen"))) == (set(), 196)
    assert iris("thema", "blijft") == {THEMA + "ondermijning"}
    assert (iris("thema", "nieuw"), len(iris("thema", "verdwenen"))) == (set(), 35)
    assert {r.change for r in both.rows if r.kind != "cijfer"} <= {"nieuw", "verdwenen", "blijft"}


def test_relations_are_compared_in_one_direction(both):
    names = lambda change: sorted(r.name for r in _rows(both, "relatie", change))
    # 'uitgevoerd door' in the new report is 'voert uit' in the old one; 'werkt samen met' is symmetric
    assert names("blijft") == [
        "OM Noord-Nederland — werkt samen met — politie-eenheid Noord-Nederland",
        "Samenspannen tegen ondermijning — heeft thema — Ondermijnende criminaliteit",
        "politie-eenheid Noord-Nederland — voert uit — Samenspannen tegen ondermijning",
    ]
    assert names("nieuw") == ["RIEC Noord-Nederland — werkt samen met — Testbureau Noord (testgegevens)"]
    assert len(names("verdwenen")) == 943 - 3


def test_figures_side_by_side(both):
    ours = [(r.name, r.change, r.first, r.second) for r in both.rows
            if r.kind in ("cijfer", "doel") and r.iri == IND + "cybercrime-aantal-onderzoeken"]
    assert ours == [
        ("Aantal onderzoeken, 2018", "verdwenen", "33", ""),
        ("Aantal onderzoeken, 2019", "verdwenen", "62", ""),
        ("Aantal onderzoeken, 2020", "verdwenen", "35", ""),
        ("Aantal onderzoeken, 2021", "verdwenen", "39", ""),
        ("Aantal onderzoeken, 2022", "verdwenen", "27", ""),
        ("Aantal onderzoeken, 2023", "veranderd", "30", "31"),
        ("Aantal onderzoeken, 2024", "nieuw", "", "40"),
        ("Aantal onderzoeken, doel", "blijft", "27", "27"),
    ]
    others = [r for r in both.rows if r.kind in ("cijfer", "doel") and r.iri != IND + "cybercrime-aantal-onderzoeken"]
    assert {r.change for r in others} == {"verdwenen"} and len(others) == 202 - 6 + 15 - 1


def test_cli_csv_with_bom_and_the_counts_on_stderr(cli_run, home, tmp_path):
    out = tmp_path / "verschil.csv"
    code, stdout, err = cli_run("diff", A, B, "-f", "csv", "-o", out, home=home)
    assert code == 0 and stdout == ""
    assert err.splitlines() == [
        "organisations: 1 new, 140 gone, 0 changed, 3 continue",
        "programmes and activities: 0 new, 196 gone, 0 changed, 1 continue",
        "themes: 0 new, 35 gone, 0 changed, 1 continue",
        "relations: 1 new, 940 gone, 0 changed, 3 continue",
        "figures: 1 new, 201 gone, 1 changed, 0 continue",
        "targets: 0 new, 14 gone, 0 changed, 1 continue",
        f"wrote {out}",
    ]
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0] == ["soort", "naam", "verandering", A, B, "ding"]
    assert ["organisatie", "Testbureau Noord (testgegevens)", "nieuw", "", "ja", ORG + "testbureau-noord"] in rows
    assert ["cijfer", "Aantal onderzoeken, 2023", "veranderd", "30", "31", IND + "cybercrime-aantal-onderzoeken"] in rows
    assert len(rows) == 1 + (4 + 140) + 197 + 36 + 944 + (202 + 1) + 15  # the header, then each kind


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.csp, self.cells, self.text = [], "", [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp = attrs["content"]

    def handle_data(self, data):
        if self.tags and self.tags[-1] == "td":
            self.cells.append(data)
        self.text.append(data)


def test_cli_html_page_works_offline(cli_run, home, tmp_path):
    out = tmp_path / "verschil.html"
    code, _, err = cli_run("diff", A, B, "-f", "html", "-o", out, home=home)
    assert code == 0 and err.splitlines()[-1] == f"wrote {out}"
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.csp.startswith("default-src 'none'; style-src 'sha256-")
    text = " ".join(page.text)
    assert "Wat is er veranderd van jaarverslag-2023 naar testverslag-2024" in text
    assert "Testbureau Noord (testgegevens)" in page.cells
    assert "RIEC Noord-Nederland — werkt samen met — Testbureau Noord (testgegevens)" in page.cells


def test_an_unknown_report_is_one_line(cli_run, home):
    code, out, err = cli_run("diff", A, "jaarverslag-2099", home=home)
    assert (code, out) == (2, "")
    assert err == ("rbvgraph: error: diff: no report 'jaarverslag-2099' in the graph "
                   "(reports: jaarverslag-2023, testverslag-2024)\n")


@pytest.mark.slow  # two validations of the whole project (2 s)
def test_the_second_report_validates_against_its_own_text(cli_run, home, tmp_path):
    code, out, err = cli_run("validate", "--inference", "none", home=home)
    assert code == 0, out
    broken = tmp_path / "kapot"
    two_reports(broken, replace=("draagt bij aan de aanpak van ondermijning", "draagt bij aan ondermijning"))
    code, out, err = cli_run("validate", "--inference", "none", home=broken)
    lines = [line for line in out.splitlines() if not line.startswith("waarschuwing: ")]
    assert code == 1 and len(lines) == 1
    assert lines[0].startswith("data/triples/testverslag-2024/testverslag-2024.ttl: bewijs voor ‘Samenspannen tegen "
                               "ondermijning — heeft thema — Ondermijnende criminaliteit’")
    assert lines[0].endswith('(waarde: "draagt bij aan ondermijning" (niet in sectie 1; nergens in het verslag)) '
                             "[rbv-shapes:CitaatShape]")


def test_search_hits_say_which_report_when_there_are_two(cli_run, home):
    code, out, _ = cli_run("search", "Testbureau", "-f", "csv", home=home)
    assert code == 0
    assert out.splitlines()[1] == ("Testbureau Noord (testgegevens),samenwerkingsverband,testverslag-2024: 1,"
                                   "Het [Testbureau] Noord werkt samen met het RIEC Noord-Nederland,"
                                   "https://w3id.org/rbvgraph/id/organisatie/testbureau-noord")
    code, out, _ = cli_run("search", "RIEC Noord-Nederland", "-n", "1", "-f", "csv", home=home)
    assert list(csv.reader(io.StringIO(out)))[1][2] == ("jaarverslag-2023: Voorwoord, 2, 2.1.2, 2.1.4, 2.2.1, 2.2.2, "
                                                        "2.2.7, 3.1.4, 4.1, 4.1.2, 4.1.3, 4.2.1, 4.2.2, Bijlage 2; "
                                                        "testverslag-2024: 1")


def test_stats_count_the_chapters_of_each_report(cli_run, home):
    code, out, _ = cli_run("stats", home=home)
    chapters = out.split("feiten per hoofdstuk (bewijzen, citaten):\n", 1)[1].splitlines()
    assert [line.split() for line in chapters] == [
        ["jaarverslag-2023", "1", "281", "205"], ["jaarverslag-2023", "2", "253", "190"],
        ["jaarverslag-2023", "3", "220", "166"], ["jaarverslag-2023", "4", "276", "211"],
        ["jaarverslag-2023", "5", "28", "22"], ["jaarverslag-2023", "Bijlage", "1", "17", "13"],
        ["jaarverslag-2023", "Bijlage", "2", "9", "9"], ["jaarverslag-2023", "Voorwoord", "41", "26"],
        ["testverslag-2024", "1", "4", "4"]]


@pytest.mark.slow  # a real browser
def test_the_page_in_a_real_browser_loads_nothing_and_shows_the_counts(cli_run, home, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "verschil.html"
    assert cli_run("diff", A, B, "-f", "html", "-o", out, home=home)[0] == 0
    requests, problems = [], []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = chromium.new_page(viewport={"width": 1000, "height": 800})
        page.on("request", lambda req: requests.append(req.url))
        page.on("console", lambda msg: problems.append(msg.text))
        page.goto(out.as_uri())
        summary = page.locator("table").first.inner_text()
        heading = page.locator("h2").nth(1).inner_text()
        png = page.screenshot(full_page=False)
        chromium.close()
    assert requests == [out.as_uri()] and problems == []
    assert [line.split("\t") for line in summary.splitlines()] == [
        ["soort", "nieuw", "verdwenen", "veranderd", "blijft"],
        ["Organisaties", "1", "140", "0", "3"],
        ["Programma's en activiteiten", "0", "196", "0", "1"],
        ["Thema's", "0", "35", "0", "1"],
        ["Relaties", "1", "940", "0", "3"],
        ["Cijfers (Bijlage 3)", "1", "201", "1", "0"],
        ["Doelen (Bijlage 3)", "0", "14", "0", "1"]]
    assert heading == "Organisaties (144)"
    (tmp_path / "verschil.png").write_bytes(png)
    assert len(png) > 10_000  # a real picture of the page (kept beside it when the test fails, for a look)
