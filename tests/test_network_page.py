"""The network page in a real browser (Debian's headless Chromium, driven by Playwright) with the network off:
every request that is not the page's own file is aborted and recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from rbvgraph.cli import cli
from rbvgraph.network.page import render_page
from rbvgraph.network.views import Selection, select_network
from rbvgraph.vocab import INSTANCES

from .network_fixture import ALFA, BETA, DELTA, EVIL_LABEL, EVIL_QUOTE, GAMMA, make_project

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
O = INSTANCES + "organisatie/"
DRAWN = "[rbv.network.body.nodeIndices.length, rbv.network.body.edgeIndices.length]"


@pytest.fixture(scope="module")
def browser():
    """One browser for every test here. Module scope, not session: Playwright's sync API allows one driver at a
    time per thread, and other test modules (test_serve_clients.py) start their own after this one ends."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def whole(tmp_path_factory, store):
    """The whole network page, and the graph it was made from."""
    network = select_network(store)
    path = tmp_path_factory.mktemp("whole") / "netwerk.html"
    path.write_text(render_page(network, "Samenwerkingsnetwerk Noord-Nederland"), encoding="utf-8")
    return path, network.graph


@pytest.fixture(scope="module")
def small_page(tmp_path_factory, proj):
    """A page of the hand-made project, written by the command, around the organisation with the script label."""
    folder = tmp_path_factory.mktemp("small")
    project = make_project(folder / "project", proj)
    path = folder / "klein.html"
    result = CliRunner().invoke(cli, ["--home", str(project.root), "network", "--around", BETA, "--depth", "2",
                                      "--include", "programmes,themes", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@dataclass
class Visit:
    page: object
    url: str
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    blocked: list = field(default_factory=list)

    def eval(self, script: str):
        return self.page.evaluate(script)

    def details(self) -> str:
        return self.page.inner_text("#details")


@pytest.fixture
def visit(browser):
    contexts = []

    def open_page(path) -> Visit:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page, path.as_uri())
        page.on("console", lambda msg: seen.errors.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: seen.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: seen.errors.append(f"failed: {req.url}") if req.url != seen.url else None)
        page.on("request", lambda req: seen.requests.append(req.url))

        def offline(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                seen.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", offline)
        page.goto(seen.url)
        page.wait_for_selector("body[data-stable='1']", state="attached", timeout=20_000)
        return seen

    yield open_page
    for context in contexts:
        context.close()


def click_at(seen: Visit, canvas_point: str, move_only: bool = False) -> None:
    """Move the real mouse to a point of the network (a JS expression giving canvas coordinates) and click."""
    box = seen.page.locator("#network").bounding_box()
    dom = seen.eval(f"rbv.network.canvasToDOM({canvas_point})")
    x, y = box["x"] + dom["x"], box["y"] + dom["y"]
    if move_only:
        seen.page.mouse.move(x, y)
    else:
        seen.page.mouse.click(x, y)


def node_point(iri: str) -> str:
    return f"rbv.network.getPositions([{iri!r}])[{iri!r}]"


def edge_midpoint(a: str, b: str) -> str:
    return (f"(function(){{var p = rbv.network.getPositions([{a!r}, {b!r}]);"
            f"return {{x: (p[{a!r}].x + p[{b!r}].x) / 2, y: (p[{a!r}].y + p[{b!r}].y) / 2}};}})()")


def test_whole_network_loads_offline_draws_the_projection_and_settles(visit, whole):
    path, graph = whole
    seen = visit(path)
    assert seen.errors == [] and seen.blocked == []
    assert seen.requests == [seen.url], "no request leaves the page"
    assert seen.eval(DRAWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert graph.number_of_nodes() > 50
    assert seen.eval("rbv.network.physics.options.enabled") is False, "physics off once stable"
    assert seen.eval("window.rbvStableMs") < 5000


@pytest.mark.parametrize("abbreviation, iri", [("RIEC", O + "riec-noord-nederland"), ("drio", O + "drio")])
def test_searching_an_abbreviation_selects_that_organisation(visit, whole, abbreviation, iri):
    seen = visit(whole[0])
    seen.page.fill("#search", abbreviation)
    seen.page.press("#search", "Enter")
    assert seen.eval("rbv.network.getSelectedNodes()") == [iri]
    assert seen.page.inner_text("#details h2") == whole[1].nodes[iri]["label"]
    assert f"Afkorting\n{abbreviation.upper()}" in seen.details()


def test_selecting_highlights_the_neighbourhood(visit, whole):
    path, graph = whole
    seen = visit(path)
    riec = O + "riec-noord-nederland"
    seen.page.fill("#search", "RIEC")
    seen.page.press("#search", "Enter")
    faded = seen.eval("rbv.nodes.get().filter(n => n.color.background === '#eeeeee').map(n => n.id).sort()")
    assert sorted(set(graph.nodes) - set(graph[riec]) - {riec}) == faded
    seen.page.mouse.click(*_empty_corner(seen))
    assert seen.eval("rbv.nodes.get().filter(n => n.color.background === '#eeeeee').length") == 0


def _empty_corner(seen: Visit) -> tuple[float, float]:
    """A point of the canvas far from every node (the DOM corner, once the view is fitted with a margin)."""
    seen.eval("rbv.network.fit({animation: false})")
    box = seen.page.locator("#network").bounding_box()
    return box["x"] + 3, box["y"] + 3


def test_the_bot_riec_edge_shows_its_quote_from_bijlage_2(visit, whole):
    seen = visit(whole[0])
    seen.page.fill("#search", "BOT")
    seen.page.press("#search", "Enter")
    seen.page.click("#details button[data-edge]:has-text('RIEC Noord-Nederland')")
    text = seen.details()
    assert text.startswith("Bestuurlijk Ondersteuningsteam — RIEC Noord-Nederland\n")
    assert ("Bestuurlijk Ondersteuningsteam is onderdeel van RIEC Noord-Nederland\n§ Bijlage 2 Lijst met afkortingen\n"
            "Bestuurlijk Ondersteuningsteam (RIEC)") in text


def test_theme_and_kind_filters_keep_the_graph_drawn(visit, whole, store):
    path, graph = whole
    seen = visit(path)
    theme = select_network(store, Selection(theme="Ondermijnende criminaliteit")).graph
    seen.page.select_option("#theme-filter", INSTANCES + "thema/ondermijning")
    assert seen.eval(DRAWN) == [theme.number_of_nodes(), theme.number_of_edges()]
    units = sum(1 for _, d in theme.nodes(data=True) if d["kind_label"] == "politieonderdeel")
    assert units > 0
    seen.page.click("#legend-kinds li:has-text('politieonderdeel')")
    assert seen.eval(DRAWN)[0] == theme.number_of_nodes() - units
    seen.page.click("#reset")
    assert seen.eval(DRAWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert seen.errors == []


def test_freeze_button_toggles_the_layout(visit, whole):
    seen = visit(whole[0])
    button = seen.page.locator("#freeze")
    assert button.inner_text() == "Indeling losmaken"
    button.click()
    assert seen.eval("rbv.network.physics.options.enabled") is True and button.inner_text() == "Indeling vastzetten"
    button.click()
    assert seen.eval("rbv.network.physics.options.enabled") is False and button.inner_text() == "Indeling losmaken"


def test_clicking_a_node_and_hovering_an_edge_with_the_mouse(visit, small_page):
    seen = visit(small_page)
    click_at(seen, node_point(ALFA))
    assert seen.eval("rbv.network.getSelectedNodes()") == [ALFA]
    assert seen.details().startswith("Alfa-overleg\nSoort\nsamenwerkingsverband\nAfkorting\nALF\n")
    seen.page.mouse.click(*_empty_corner(seen))
    click_at(seen, edge_midpoint(ALFA, DELTA), move_only=True)
    seen.page.wait_for_selector("div.vis-tooltip", state="visible")
    assert "alfa en delta werken samen" in seen.page.inner_text("div.vis-tooltip")
    assert "§ 2.1.4 Samenwerking\nalfa en delta werken samen" in seen.details()
    click_at(seen, edge_midpoint(ALFA, DELTA))
    click_at(seen, node_point(GAMMA), move_only=True)
    assert seen.page.inner_text("#details h2") == "Alfa-overleg — Delta-team", "a clicked edge stays in the panel"

def test_labels_and_quotes_with_script_are_shown_as_text_never_run(visit, small_page):
    seen = visit(small_page)
    assert seen.page.title() == f"Samenwerkingsnetwerk Noord-Nederland: rond {EVIL_LABEL} (2 stappen)"
    assert seen.page.inner_text("#title") == seen.page.title()
    seen.page.fill("#search", "Beta")
    seen.page.press("#search", "Enter")
    assert seen.page.inner_text("#details h2") == EVIL_LABEL
    assert seen.page.inner_text("#search-results button") == f'{EVIL_LABEL} (<b onmouseover="window.__pwned=5">BTA</b>)'
    seen.page.click("#details button[data-edge]:has-text('gamma-partners')")
    assert EVIL_QUOTE in [q.inner_text() for q in seen.page.locator("#details blockquote").all()]
    click_at(seen, node_point(BETA), move_only=True)
    click_at(seen, edge_midpoint(BETA, GAMMA), move_only=True)
    assert seen.eval("typeof window.__pwned") == "undefined"
    assert seen.eval("document.querySelectorAll('#details script, #details img, #details b').length") == 0
    assert seen.requests == [seen.url] and seen.blocked == [] and seen.errors == []
