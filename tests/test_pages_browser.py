"""The entity pages of a real build, opened offline from disk in real Chromium (Playwright), and every IRI resolved
on a real 'rbvgraph serve' on 127.0.0.1 by real clients (urllib, rdflib parsing the answers, Chromium)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from playwright.sync_api import sync_playwright
from rdflib.compare import isomorphic

from rbvgraph.graph import Graph
from rbvgraph.site.build import build
from rbvgraph.sparql.named import catalogue, run_named
from rbvgraph.vocab import INSTANCES

from .helpers import block_network
from .servers import rbvgraph_server

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
RIEC = INSTANCES + "organisatie/riec-noord-nederland"
RIEC_PAGE = "id/organisatie/riec-noord-nederland.html"
YOUTH_PAGE = "id/indicator/aantal-meldingen-overlast-jeugd.html"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
                  "application/n-triples": "nt"}


@pytest.fixture(scope="module")
def built(tmp_path_factory, proj):
    out = tmp_path_factory.mktemp("pages") / "build"
    build(out, proj, "owlrl")
    return out


@pytest.fixture(scope="module")
def riec_rows(store, proj):
    result = run_named(Graph(store, proj), catalogue(proj)["waar-staat-dat"], {"ding": "RIEC"})
    return [dict(zip(result.variables, (t.value if t is not None else "" for t in row))) for row in result.rows]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline(browser):
    """A page in a browser context that lets only file:// through; ``blocked`` lists whatever else was asked."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.blocked, page.errors = block_network(context), []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def test_the_riec_page_renders_its_facts_offline(built, offline, riec_rows, tmp_path):
    offline.goto((built / RIEC_PAGE).as_uri())
    assert offline.locator("h1").inner_text() == "RIEC Noord-Nederland"
    assert offline.locator(".soort").first.inner_text() == "samenwerkingsverband"
    facts = offline.locator("li.feit")
    assert facts.count() == len(riec_rows) == 27
    shown = sorted(q.inner_text() for q in offline.locator("li.feit blockquote").all())
    assert shown == sorted(r["citaat"] for r in riec_rows if r["citaat"])
    assert offline.locator("svg.rond a").count() == 17  # the partners, each a link to its page
    offline.screenshot(path=str(tmp_path / "riec.png"), full_page=True)
    assert offline.blocked == [] and offline.errors == []
    offline.locator("a", has_text="§ 2.1.4 Samenwerking").first.click()
    offline.wait_for_load_state()
    assert offline.url.endswith("/id/jaarverslag-2023/sectie/2.1.4.html")
    assert offline.locator("h1").inner_text() == "2.1.4 Samenwerking"
    assert "In Midden-Groningen, Veendam en Pekela" in offline.locator("section.tekst").inner_text()
    offline.get_by_role("link", name="RIEC Noord-Nederland", exact=True).first.click()
    offline.wait_for_load_state()
    assert offline.url.endswith("/" + RIEC_PAGE)


def test_every_link_of_every_page_leads_to_a_file_of_the_build(built):
    pages = sorted(built.rglob("*.html"))
    assert len(list((built / "id").rglob("*.html"))) > 600
    missing = []
    for page in pages:
        if page.parent.name == "network":
            continue  # the network pages link nothing but themselves
        for href in re.findall(r'(?:href|src)="([^"#]+)', page.read_text(encoding="utf-8")):
            if "://" not in href and not href.startswith("data:") and not (page.parent / unquote(href)).is_file():
                missing.append((page.relative_to(built).as_posix(), href))
    assert missing == []
    index = (built / "index.html").read_text(encoding="utf-8")
    assert '<a href="overzicht/organisaties.html">Organisaties</a>' in index
    assert '<a href="overzicht/indicatoren.html">Indicatoren</a>' in index


def test_the_indicator_page_has_its_chart_and_figures(built, offline, report):
    offline.goto((built / YOUTH_PAGE).as_uri())
    assert offline.locator("figure svg #waarden path").count() >= 1
    box = offline.locator("figure svg").bounding_box()
    assert box["width"] > 300 and box["height"] > 100  # drawn, not an empty element
    cells = [c.inner_text() for c in offline.locator("table.reeks tr").nth(1).locator("td").all()]
    line = next(x for x in report.raw.splitlines() if x.startswith("- Aantal meldingen overlast jeugd\t"))
    assert cells == list(reversed(line.split("\t")[2:]))  # 2018 … 2023 as Bijlage 3 prints 2023 … 2018
    assert offline.blocked == [] and offline.errors == []


def test_the_search_box_finds_the_riec_offline(built, offline):
    offline.goto((built / "index.html").as_uri())
    offline.locator("#zoekveld").fill("riec")
    first = offline.locator("#zoekresultaten a").first
    assert first.inner_text() == "RIEC Noord-Nederland"
    offline.locator("#zoekveld").fill("fryslan provincie")
    assert offline.locator("#zoekresultaten a").first.inner_text() == "provincie Fryslân"
    offline.goto((built / YOUTH_PAGE).as_uri())
    offline.locator("#zoekveld").fill("RIEC")
    offline.locator("#zoekveld").press("Enter")
    offline.wait_for_load_state()
    assert offline.url.endswith("/" + RIEC_PAGE) and offline.locator("h1").inner_text() == "RIEC Noord-Nederland"
    assert offline.blocked == [] and offline.errors == []


# What the reviewer typed (issue 16), the README's own example among them, and the first hit it must give.
FORGIVEN = {"woninginbraak": "Aantal woninginbraken", "woningbraak": "Aantal woninginbraken",
            "woning inbraak": "Aantal woninginbraken", "riek": "RIEC Noord-Nederland", "emmmen": "gemeente Emmen",
            "emen": "gemeente Emmen", "ondermijnng": "Ondermijnende criminaliteit", "RIEC": "RIEC Noord-Nederland",
            "Ex-gedetineerden": "Ex-gedetineerden", "exgedetineerden": "Ex-gedetineerden",
            "cybercrime onderzoeken": "Cybercrime: Aantal onderzoeken"}


def test_the_search_box_forgives_typos_pieces_and_spaces(built, offline):
    offline.goto((built / RIEC_PAGE).as_uri())
    firsts = {}
    for typed in FORGIVEN:
        offline.locator("#zoekveld").fill(typed)
        firsts[typed] = offline.locator("#zoekresultaten a").first.inner_text()
    assert firsts == FORGIVEN
    offline.locator("#zoekveld").fill("woningbraak")  # nothing fits: the nearest names, said so
    assert offline.locator("#zoekresultaten li").first.inner_text() == "Niets gevonden; het meest gelijkend:"
    offline.locator("#zoekveld").fill("qqxzv")
    assert offline.locator("#zoekresultaten li").all_inner_texts() == ["Niets gevonden."]
    assert offline.blocked == [] and offline.errors == []


def test_no_page_scrolls_sideways_on_a_phone(built, browser):
    """At 390 × 844 px (a phone) every page of the build, the index, the overviews and the entity pages, fits the
    screen's width; the search results lie on the screen; an indicator's table shows 2023 without scrolling."""
    pages = [built / "index.html"] + sorted((built / "overzicht").glob("*.html")) + sorted((built / "id").rglob("*.html"))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide = {}
    for path in pages:
        page.goto(path.as_uri(), wait_until="domcontentloaded")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[path.relative_to(built).as_posix()] = width
    assert len(pages) > 600 and wide == {}
    for path in ("index.html", "overzicht/organisaties.html", RIEC_PAGE, YOUTH_PAGE):
        page.goto((built / path).as_uri())
        page.locator("#zoekveld").fill("riec")
        box = page.locator("#zoekresultaten").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (path, box)
    page.goto((built / YOUTH_PAGE).as_uri())
    last = page.locator("table.reeks th", has_text="2023").bounding_box()
    assert last["x"] + last["width"] <= 390
    context.close()


def test_chart_and_search_results_reach_a_screen_reader_and_the_keyboard(built, offline, report):
    offline.goto((built / YOUTH_PAGE).as_uri())
    line = next(x for x in report.raw.splitlines() if x.startswith("- Aantal meldingen overlast jeugd\t"))
    values = "; ".join(f"{year}: {value}" for year, value in zip(range(2018, 2024), reversed(line.split("\t")[2:])))
    chart = offline.get_by_role("img", name=f"Aantal meldingen overlast jeugd, aantal per jaar: {values}", exact=True)
    assert chart.count() == 1 and chart.evaluate("e => e.tagName") == "svg"
    assert offline.locator("#zoekresultaten").get_attribute("aria-live") == "polite"
    offline.locator("#zoekveld").fill("riec")
    offline.locator("#zoekveld").press("ArrowDown")
    assert offline.evaluate("document.activeElement.textContent") == "RIEC Noord-Nederland"
    offline.keyboard.press("ArrowDown")
    second = offline.locator("#zoekresultaten a").nth(1).inner_text()
    assert offline.evaluate("document.activeElement.textContent") == second
    offline.keyboard.press("ArrowUp")
    offline.keyboard.press("ArrowUp")
    assert offline.evaluate("document.activeElement.id") == "zoekveld"
    offline.locator("#zoekveld").press("ArrowDown")
    with offline.expect_navigation():
        offline.keyboard.press("Enter")  # on the focused first result: opens it
    assert offline.url.endswith("/" + RIEC_PAGE)
    offline.goto((built / "index.html").as_uri())
    assert offline.locator("#zoekresultaten").get_attribute("aria-live") == "polite"
    assert offline.blocked == [] and offline.errors == []


# ---------------------------------------------------------------- on a real server


@pytest.fixture(scope="module")
def server(tmp_path_factory, built):
    running = rbvgraph_server(tmp_path_factory.mktemp("serve-pages"), "--build", str(built), "--workers", "1")
    yield running
    running.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, accept: str | None = None, follow: bool = True):
    """(status, headers, body, final URL); an HTTP error is an answer too."""
    opener = urllib.request.build_opener(*([] if follow else [_NoRedirect()]))
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read(), answer.url
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read(), url


def test_an_iri_gives_its_description_in_every_format(server):
    graphs = {}
    for media, fmt in RDFLIB_FORMATS.items():
        status, headers, body, final = _get(server.base + "/id/organisatie/riec-noord-nederland", media)
        assert status == 200 and headers["Content-Type"].startswith(media)
        assert urlsplit(final).path == "/doc/organisatie/riec-noord-nederland." + {
            "turtle": "ttl", "json-ld": "jsonld", "xml": "rdf", "nt": "nt"}[fmt]
        graphs[fmt] = rdflib.Graph().parse(data=body, format=fmt)
    first = graphs["turtle"]
    assert all(isomorphic(first, other) for other in graphs.values())
    riec = rdflib.URIRef(RIEC)
    assert (riec, rdflib.RDFS.label, rdflib.Literal("RIEC Noord-Nederland", lang="nl")) in first
    assert len(set(first.subjects(rdflib.URIRef("https://w3id.org/rbvgraph/def#citaat")))) == 27


def test_the_iri_answers_303_with_vary(server):
    status, headers, _, _ = _get(server.base + "/id/organisatie/riec-noord-nederland", BROWSER_ACCEPT, follow=False)
    assert status == 303 and headers["Location"] == "/build/" + RIEC_PAGE and headers["Vary"] == "Accept"
    status, headers, body, _ = _get(server.base + "/id/organisatie/riec-noord-nederland", "image/png")
    assert status == 406 and headers["Vary"] == "Accept" and b"text/html, text/turtle" in body
    status, headers, body, _ = _get(server.base + "/id/organisatie/bestaat-niet", BROWSER_ACCEPT)
    assert status == 404 and headers["Content-Type"].startswith("text/html") and b"Niet gevonden" in body
    status, headers, _, _ = _get(server.base + "/sparql", BROWSER_ACCEPT, follow=False)
    assert status == 303 and headers["Location"] == "/"


def test_a_named_graph_is_the_file_it_was_read_from(server, proj):
    status, headers, body, _ = _get(server.base + "/graph/data/triples/actoren", "application/n-triples")
    assert status == 200 and headers["Vary"] == "Accept"
    served = rdflib.Graph().parse(data=body, format="nt")
    assert isomorphic(served, rdflib.Graph().parse(proj.root / "data" / "triples" / "actoren.ttl", format="turtle"))


def test_a_browser_opening_an_iri_gets_the_page(server, browser):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.base) else
                  (outside.append(r.request.url), r.abort()))
    page.goto(server.base + "/id/organisatie/riec-noord-nederland")
    assert urlsplit(page.url).path == "/build/" + RIEC_PAGE
    assert page.locator("h1").inner_text() == "RIEC Noord-Nederland"
    page.locator("svg.rond a").first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith("/build/id/organisatie/") and page.locator("h1").count() == 1
    assert outside == []
    context.close()


def test_the_partners_link_opens_the_network_focused_on_the_organisation(built, offline):
    offline.goto((built / RIEC_PAGE).as_uri())
    offline.get_by_role("link", name="In het hele netwerk bekijken").click()
    offline.wait_for_selector("body[data-stable='1']", state="attached", timeout=60_000)
    assert offline.url.endswith("/network/index.html#focus=organisatie%2Friec-noord-nederland")
    assert offline.locator("#focus").input_value() == RIEC
    assert offline.blocked == []
