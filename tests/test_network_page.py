"""The network page in a real browser (Debian's headless Chromium, driven by Playwright) with the network off:
every request that is not the page's own file is aborted and recorded."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from rbvgraph.cli import cli
from rbvgraph.network.metrics import add_metrics, ranking
from rbvgraph.network.page import render_page
from rbvgraph.network.views import Network, Selection, select_network
from rbvgraph.vocab import INSTANCES, ONTOLOGY

from .helpers import block_network
from .network_fixture import ALFA, BETA, DELTA, EVIL_LABEL, EVIL_QUOTE, GAMMA, make_project, store_with_inferred

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
O, T = INSTANCES + "organisatie/", INSTANCES + "thema/"
RIEC = O + "riec-noord-nederland"
DRAWN = "[rbv.network.body.nodeIndices.length, rbv.network.body.edgeIndices.length]"
POSITIONS = "rbv.network.getPositions()"
# The darkest pixel of every node on screen, within 0.7 of its radius of its centre: [id, x, y, highest channel, lowest
# channel]. Every colour of a mark has a channel under 100 (it is dark) and every mark has some of it near its
# centre (a solid fill, a thick border round white, stripes or dots); veiled, every channel is over 150.
PIXELS = """(() => {
  const canvas = document.querySelector('#network canvas'), ctx = canvas.getContext('2d');
  const ratio = canvas.width / canvas.clientWidth, pos = rbv.network.getPositions(), scale = rbv.network.getScale();
  return rbv.nodes.get({filter: n => !n.hidden}).map(n => {
    const p = rbv.network.canvasToDOM(pos[n.id]);
    if (p.x < 5 || p.y < 5 || p.x > canvas.clientWidth - 5 || p.y > canvas.clientHeight - 5) return null;
    const reach = Math.max(1, Math.round(0.7 * n.size * scale * ratio));
    const x0 = Math.round(p.x * ratio) - reach, y0 = Math.round(p.y * ratio) - reach;
    const c = ctx.getImageData(x0, y0, 2 * reach + 1, 2 * reach + 1).data;
    let best = [255, 255];
    for (let i = 0; i < c.length; i += 4) {
      const low = Math.min(c[i], c[i + 1], c[i + 2]);
      if (low < best[1]) best = [Math.max(c[i], c[i + 1], c[i + 2]), low];
    }
    return [n.id, p.x, p.y, best[0], best[1]];
  }).filter(x => x);
})()"""


# The names beside the nodes as drawn (text over the canvas) and the marks on screen, in the canvas's pixels.
NAMES = """(() => {
  const net = rbv.network, scale = net.getScale(), pos = net.getPositions();
  const area = document.getElementById('network').getBoundingClientRect();
  const marks = rbv.nodes.get({filter: n => !n.hidden}).map(n => {
    const p = net.canvasToDOM(pos[n.id]);
    return {id: n.id, x: p.x, y: p.y, r: n.size * scale};
  }).filter(m => m.x + m.r > 0 && m.x - m.r < area.width && m.y + m.r > 0 && m.y - m.r < area.height);
  const names = [...document.querySelectorAll('#labels .label')].filter(e => e.getClientRects().length).map(e => {
    const b = e.getBoundingClientRect();
    return {id: e.dataset.node, text: e.textContent, px: parseFloat(getComputedStyle(e).fontSize),
            l: b.left - area.left, r: b.right - area.left, t: b.top - area.top, b: b.bottom - area.top};
  });
  return {marks, names};
})()"""


def veiled(seen: Visit, kept: set[str]) -> tuple[set[str], set[str], float]:
    """The veil over the rest of the network makes a node pale. Of the nodes on screen
    outside ``kept`` and 60 px from all of it (so no label of it covers them): (those drawn pale, those drawn
    dark); and the share of the nodes of ``kept`` on screen that are drawn dark."""
    seen.page.wait_for_timeout(100)  # two frames: the redraw is scheduled, not done at once
    points = seen.eval(PIXELS)
    near = [(x, y) for n, x, y, _, _ in points if n in kept]
    apart = [p for p in points if p[0] not in kept and all((p[1] - x) ** 2 + (p[2] - y) ** 2 >= 3600 for x, y in near)]
    inside = [p for p in points if p[0] in kept]
    dark_share = sum(1 for p in inside if p[4] < 100) / len(inside) if inside else 0.0
    return {p[0] for p in apart if p[4] > 150}, {p[0] for p in apart if p[4] < 100}, dark_share


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
def small(tmp_path_factory, proj):
    """The hand-made project (four organisations, one programme)."""
    return make_project(tmp_path_factory.mktemp("small-project") / "project", proj)


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

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def details(self) -> str:
        """The details panel as shown, one line per line of text (blank lines left out)."""
        return "\n".join(line for line in self.page.inner_text("#details").splitlines() if line.strip())

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")


@pytest.fixture
def visit(browser):
    contexts = []

    def open_page(path, viewport=(1400, 900), fragment: str = "", init_script: str | None = None) -> Visit:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        seen = Visit(page, path.as_uri())
        page.on("console", lambda msg: seen.errors.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
        page.on("pageerror", lambda exc: seen.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: seen.errors.append(f"failed: {req.url}") if not req.url.startswith(seen.url) else None)
        page.on("request", lambda req: seen.requests.append(req.url))

        seen.blocked = block_network(context)
        page.goto(seen.url + fragment)
        page.wait_for_selector("body[data-stable='1']", state="attached", timeout=60_000)
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


def shown(seen: Visit) -> list[str]:
    return sorted(seen.eval("rbv.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))


def largest_move(before: dict, after: dict) -> float:
    assert before.keys() == after.keys()
    return max(((before[n]["x"] - after[n]["x"]) ** 2 + (before[n]["y"] - after[n]["y"]) ** 2) ** 0.5 for n in before)


def _empty_corner(seen: Visit) -> tuple[float, float]:
    """A point of the canvas far from every node (the DOM corner, once the view is fitted with a margin)."""
    seen.eval("rbv.network.fit({animation: false})")
    box = seen.page.locator("#network").bounding_box()
    return box["x"] + 3, box["y"] + 3


# ---- loading, offline

def test_whole_network_loads_offline_draws_the_projection_and_settles(visit, whole):
    path, graph = whole
    seen = visit(path)
    assert seen.errors == [] and seen.blocked == []
    assert seen.requests == [seen.url], "no request leaves the page"
    assert seen.eval(DRAWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert graph.number_of_nodes() > 50
    assert seen.eval("rbv.network.physics.options.enabled") is False, "physics off once stable"
    assert seen.page.inner_text("#subtitle").startswith(
        f"alle organisaties · {graph.number_of_nodes()} organisaties, {graph.number_of_edges()} verbindingen · bron: ")


# ---- search

@pytest.mark.parametrize("query, iri", [("RIEC", RIEC), ("drio", O + "drio"), ("Fryslan", O + "provincie-fryslan"),
                                        ("riec noord nederland", RIEC), ("RIEC-Noord Nederland", RIEC)],
                         ids=["abbreviation", "lower-case", "without-accent", "without-hyphen", "hyphen-moved"])
def test_search_ignores_case_accents_and_hyphens(visit, whole, query, iri):
    seen = visit(whole[0])
    seen.search(query)
    assert seen.eval("rbv.network.getSelectedNodes()") == [iri]
    assert seen.page.inner_text("#details h2") == whole[1].nodes[iri]["label"]


def test_a_failed_search_or_escape_clears_the_highlight_and_more_results_are_counted(visit, whole):
    path, graph = whole
    seen = visit(path)
    kept = set(graph[RIEC]) | {RIEC}
    seen.search("RIEC")
    assert veiled(seen, kept)[0]
    seen.search("geen-organisatie-heet-zo")
    assert seen.page.inner_text("#search-message") == "Niets gevonden voor “geen-organisatie-heet-zo”."
    assert veiled(seen, kept)[0] == set() and seen.eval("rbv.network.getSelectedNodes()") == []
    seen.search("RIEC")
    seen.page.press("#search", "Escape")
    assert veiled(seen, kept)[0] == set() and seen.page.input_value("#search") == ""
    politie = [n for n, d in graph.nodes(data=True) if "politie" in d["label"].lower()]
    seen.page.fill("#search", "politie")
    assert seen.page.locator("#search-results li button:not(.link)").count() == 8
    more = " ".join(seen.page.inner_text("#search-results li.more").split())
    assert more.startswith("en nog ") and "— typ verder om te verfijnen, of toon alle" in more
    total = 8 + int(more.split()[2])
    assert total > 8 and total >= len(politie)
    seen.page.click(f"#search-results li.more button:has-text('toon alle {total}')")
    assert seen.page.locator("#search-results li button").count() == total


def _twins(tmp_path) -> "Path":
    """A page with two organisations of the same name, of other kinds and parents, each with one partner."""
    graph = nx.Graph()
    base = dict(role="organisatie", group=False, abbreviation="", names=[], themes=[], takes_part_in=[])
    for iri, kind, parents in ((O + "zvh-a", "Zorgpartner", ["gemeente Groningen"]),
                               (O + "zvh-b", "Samenwerkingsverband", ["politie-eenheid Noord-Nederland"])):
        graph.add_node(iri, label="Zorg- en Veiligheidshuis", kind=ONTOLOGY + kind, kind_label=kind.lower(),
                       parents=parents, **base)
    graph.add_node(O + "partner", label="Partner", kind=ONTOLOGY + "Gemeente", kind_label="gemeente", parents=[], **base)
    for iri in (O + "zvh-a", O + "zvh-b"):
        graph.add_edge(iri, O + "partner", weight=1, inferred=False, themes=[], statements=[], relation="samenwerking")
    add_metrics(graph)
    path = tmp_path / "tweeling.html"
    path.write_text(render_page(Network(graph, "proef", {}, {}, []), "Tweeling"), encoding="utf-8")
    return path


def test_search_results_tell_same_named_organisations_apart(visit, tmp_path):
    seen = visit(_twins(tmp_path))
    seen.page.fill("#search", "veiligheidshuis")
    assert sorted(seen.page.locator("#search-results li").all_inner_texts()) == [
        "Zorg- en Veiligheidshuis\nsamenwerkingsverband · onderdeel van politie-eenheid Noord-Nederland",
        "Zorg- en Veiligheidshuis\nzorgpartner · onderdeel van gemeente Groningen"]


@pytest.mark.parametrize("typed, iri", [("Leewarden", O + "gemeente-leeuwarden"), ("polite", O + "politie"),
                                        ("Frislan", O + "provincie-fryslan")], ids=["letter-left-out", "letters-left-out", "other-spelling"])
def test_a_misspelt_search_offers_what_was_meant(visit, whole, typed, iri):
    seen = visit(whole[0])
    seen.page.fill("#search", typed)
    assert seen.page.inner_text("#search-results li.near") == f"Niets gevonden voor “{typed}”. Bedoelde u:"
    first = seen.page.locator("#search-results li button").first.inner_text()
    assert first.startswith(whole[1].nodes[iri]["label"])
    seen.page.press("#search", "Enter")
    assert seen.eval("rbv.network.getSelectedNodes()") == [iri]
    assert seen.eval("document.getElementById('search-message').className") == "message info"


def test_search_messages_follow_what_happens_and_escape_anywhere_clears_them(visit, whole):
    seen = visit(whole[0])
    seen.page.select_option("#theme-filter", T + "cyberveiligheid")
    seen.page.fill("#search", "Belastingdienst")
    assert "nu verborgen door een filter" in seen.page.inner_text("#search-results")
    seen.page.press("#search", "Enter")
    assert seen.page.inner_text("#search-message") == "Filters gewist om Belastingdienst te tonen."
    assert seen.eval("document.getElementById('search-message').className") == "message info", "information, not an error"
    assert "verborgen" not in seen.page.inner_text("#search-results"), "the results say what is hidden now"
    seen.search("geen-organisatie-heet-zo")
    assert seen.eval("document.getElementById('search-message').className") == "message error"
    seen.page.click("#title")
    seen.page.keyboard.press("Escape")
    assert (seen.page.inner_text("#search-message"), seen.page.input_value("#search"),
            seen.page.locator("#search-results li").count()) == ("", "", 0)


def test_the_chosen_organisation_is_named_over_the_veil(visit, whole):
    seen = visit(whole[0], viewport=(1366, 768))
    seen.search("Meppel")
    chosen = O + "gemeente-meppel"
    assert seen.eval("rbv.network.getSelectedNodes()") == [chosen]
    seen.page.wait_for_timeout(100)  # the view moves to it a frame later
    names = {n["id"]: n for n in seen.eval(NAMES)["names"]}
    assert names[chosen]["text"] == "gemeente Meppel" and seen.eval(
        f"document.querySelector('#labels [data-node=\"{chosen}\"]').className") == "label chosen"
    assert set(names) <= set(whole[1][chosen]) | {chosen}, "only the neighbourhood is named"
    seen.page.click("#details button[data-edge]")
    seen.page.keyboard.press("Escape")
    names = {n["id"] for n in seen.eval(NAMES)["names"]}
    assert len(names - set(whole[1][chosen])) > 10, "once the veil is lifted, the others are named again"


# ---- selection, details, evidence

def test_selecting_veils_all_but_the_neighbourhood_and_escape_lifts_it(visit, whole):
    path, graph = whole
    seen = visit(path)
    kept = set(graph[RIEC]) | {RIEC}
    seen.search("RIEC")
    seen.eval("rbv.network.fit({animation: false})")
    pale, dark, kept_dark = veiled(seen, kept)
    assert len(pale) > 10 and dark == set(), "the rest of the network is veiled"
    assert kept_dark >= 0.8, "the neighbourhood is drawn over the veil"
    seen.page.mouse.click(*_empty_corner(seen))
    pale, dark, _ = veiled(seen, kept)
    assert pale == set() and len(dark) > 10
    seen.search("RIEC")
    seen.page.click("#title")
    seen.page.keyboard.press("Escape")
    assert veiled(seen, kept)[0] == set() and seen.eval("rbv.network.getSelectedNodes()") == []
    assert "#kies=" not in seen.page.url


def test_the_bot_riec_edge_shows_its_quote_from_bijlage_2_under_its_section(visit, whole):
    seen = visit(whole[0])
    seen.search("BOT")
    seen.page.click("#details button[data-edge]:has-text('RIEC Noord-Nederland')")
    text = seen.details()
    assert text.startswith("Bestuurlijk Ondersteuningsteam — RIEC Noord-Nederland\n3 uitspraken in het verslag\n")
    assert ("§ Bijlage 2 Lijst met afkortingen (1)\nBestuurlijk Ondersteuningsteam is onderdeel van RIEC Noord-Nederland\n"
            "Bestuurlijk Ondersteuningsteam (RIEC)") in text


def _report_order(section: str) -> tuple:
    if section == "Voorwoord":
        return (0,)
    if section.startswith("Bijlage "):
        return (2, int(section.split()[1]))
    return (1, *map(int, section.split(".")))


def test_evidence_is_grouped_by_section_in_report_order_each_quote_once_long_lists_collapsed(visit, whole):
    path, graph = whole
    seen = visit(path)
    a, b, d = max(graph.edges(data=True), key=lambda e: e[2]["weight"])
    sections, quotes = {}, set()
    for st in d["statements"]:
        for ev in st["evidence"]:
            sections[ev["section"]] = sections.get(ev["section"], 0) + 1
            quotes.add((ev["section"], ev["quote"]))
    assert d["weight"] > 10 and len(sections) > 4
    assert sum(sections.values()) > len(quotes), "the edge has statements that cite one sentence"
    seen.eval(f"rbv.selectEdge(rbv.network.getConnectedEdges({a!r}).filter(e => "
              f"rbv.network.getConnectedNodes(e).indexOf({b!r}) >= 0)[0])")
    headings = seen.page.locator("#details section.evidence > h3").evaluate_all("hs => hs.map(h => h.textContent)")
    assert len(headings) == len(sections) and all(h.startswith("§ ") for h in headings)
    assert [h[2:].split(" ")[0] for h in headings] == [s.split(" ")[0] for s in sorted(sections, key=_report_order)], \
        "Voorwoord first, the chapters by number, the Bijlagen last"
    assert seen.page.locator("#details > details > summary").inner_text() == f"Nog {len(sections) - 4} paragrafen tonen"
    assert seen.page.locator("#details section.evidence:visible").count() == 4, "the rest is collapsed"
    assert not any("Voorwoord Voorwoord" in h for h in headings)
    if "Voorwoord" in sections:
        assert f"§ Voorwoord ({sections['Voorwoord']})" in headings
    seen.eval("document.querySelectorAll('#details details').forEach(d => d.open = true)")
    shown = seen.page.locator("#details blockquote").all_inner_texts()
    assert len(shown) == len(quotes), "each quote once, under every statement that cites it"
    assert sorted(shown) == sorted(q for _, q in quotes)


def test_an_inferred_link_says_so_and_nothing_else(visit, small, tmp_path):
    network = select_network(store_with_inferred(small))
    path = tmp_path / "afgeleid.html"
    path.write_text(render_page(network, "Afgeleid"), encoding="utf-8")
    seen = visit(path)
    seen.eval(f"rbv.selectEdge(rbv.network.getConnectedEdges({BETA!r}).filter(e => "
              f"rbv.network.getConnectedNodes(e).indexOf({DELTA!r}) >= 0)[0])")
    assert seen.details().split("\n")[1] == "1 afgeleide uitspraak afgeleid: staat niet letterlijk in het verslag"
    assert "in het verslag" not in seen.details().split("\n")[1].replace("staat niet letterlijk in het verslag", "")


def test_clicking_a_node_and_hovering_an_edge_with_the_mouse(visit, small_page):
    seen = visit(small_page)
    click_at(seen, node_point(ALFA))
    assert seen.eval("rbv.network.getSelectedNodes()") == [ALFA]
    assert seen.details().startswith("Alfa-overleg\nSoort\nsamenwerkingsverband (samenwerkingsverbanden en overige)\n"
                                     "Afkorting\nALF\n")
    seen.page.mouse.click(*_empty_corner(seen))
    click_at(seen, edge_midpoint(ALFA, DELTA), move_only=True)
    seen.page.wait_for_selector("#tooltip", state="visible")
    assert "alfa en delta werken samen" in seen.page.inner_text("#tooltip")
    assert "alfa en delta werken samen" not in seen.details(), "hovering does not change the panel"
    seen.page.mouse.move(5, 5)
    assert seen.page.locator("#tooltip").is_hidden(), "the tooltip goes with the pointer"
    click_at(seen, edge_midpoint(ALFA, DELTA))
    assert "§ 2.1.4 Samenwerking (1)\nAlfa-overleg werkt samen met Delta-team\nalfa en delta werken samen" in seen.details()
    click_at(seen, node_point(GAMMA), move_only=True)
    assert seen.page.inner_text("#details h2") == "Alfa-overleg — Delta-team", "a clicked edge stays in the panel"


def test_labels_and_quotes_with_script_are_shown_as_text_never_run(visit, small_page):
    seen = visit(small_page)
    assert seen.page.title() == f"Samenwerkingsnetwerk Noord-Nederland: rond {EVIL_LABEL} (2 stappen)"
    assert seen.page.inner_text("#title") == seen.page.title()
    seen.search("Beta")
    assert seen.page.inner_text("#details h2") == EVIL_LABEL
    assert seen.page.inner_text("#search-results li:first-child .name") == f'{EVIL_LABEL} (<b onmouseover="window.__pwned=5">BTA</b>)'
    seen.page.click("#details button[data-edge]:has-text('gamma-partners')")
    assert EVIL_QUOTE in [q.inner_text() for q in seen.page.locator("#details blockquote").all()]
    click_at(seen, node_point(BETA), move_only=True)
    assert seen.page.inner_text("#tooltip strong").startswith(EVIL_LABEL)
    click_at(seen, edge_midpoint(BETA, GAMMA), move_only=True)
    assert seen.eval("typeof window.__pwned") == "undefined"
    assert seen.eval("document.querySelectorAll('#details script, #details img, #details b, #tooltip b, #tooltip img').length") == 0
    assert seen.requests == [seen.url] and seen.blocked == [] and seen.errors == []


def test_the_tooltip_goes_when_the_view_changes_under_it(visit, whole):
    seen = visit(whole[0])
    click_at(seen, node_point(RIEC), move_only=True)
    seen.page.wait_for_selector("#tooltip", state="visible")
    assert "17 partners" in seen.page.inner_text("#tooltip")
    kind = seen.eval(f"rbv.info[{RIEC!r}].kind")
    seen.page.focus(f"#legend button[data-kind='{kind}']")
    seen.page.keyboard.press("Space")
    assert seen.eval(f"rbv.nodes.get({RIEC!r}).hidden") is True
    assert seen.page.locator("#tooltip").is_hidden(), "no tooltip over a hidden node"
    seen.page.keyboard.press("Space")
    seen.page.mouse.move(*_empty_corner(seen))
    click_at(seen, node_point(RIEC), move_only=True)
    seen.page.wait_for_selector("#tooltip", state="visible")
    seen.page.focus("#theme-filter")
    seen.page.select_option("#theme-filter", T + "ondermijning")
    assert seen.page.locator("#tooltip").is_hidden(), "no tooltip with the counts of the view before"


def test_with_programmes_shown_partners_are_still_organisations(visit, store, tmp_path):
    network = select_network(store, Selection(include=("programmes",)))
    graph = network.graph
    path = tmp_path / "programmas.html"
    path.write_text(render_page(network, "Met programma's"), encoding="utf-8")
    seen = visit(path)
    programmes = [n for n in graph[RIEC] if graph.nodes[n]["role"] == "programma"]
    seen.search("RIEC")
    text = seen.details()
    assert "\nPartners\n17\n" in text and f"\nSamen met (17)\n" in text
    assert f"\nProgramma's, thema's en wetten ({len(programmes)})\n" in text
    shown_programmes = sum(1 for _, d in graph.nodes(data=True) if d["role"] == "programma")
    context = sum(1 for *_, r in graph.edges(data="relation") if r == "context")
    assert (f"ook {shown_programmes} programma's, projecten en activiteiten ({context} koppelingen aan organisaties)"
            in seen.page.inner_text("#subtitle"))


# ---- filters keep the layout

def test_filters_hide_nodes_and_nothing_moves(visit, whole, store):
    path, graph = whole
    seen = visit(path)
    start = seen.eval(POSITIONS)
    theme = select_network(store, Selection(theme="Ondermijnende criminaliteit")).graph
    seen.page.select_option("#theme-filter", T + "ondermijning")
    assert shown(seen) == sorted(theme.nodes) and seen.eval(DRAWN) == [theme.number_of_nodes(), theme.number_of_edges()]
    units = sum(1 for _, d in theme.nodes(data=True) if d["kind_label"] == "politieonderdeel")
    assert units > 0
    seen.page.click("#legend button[data-kind$='Politieonderdeel']")
    assert seen.eval(DRAWN)[0] == theme.number_of_nodes() - units
    seen.page.click("#reset")
    assert seen.eval(DRAWN) == [graph.number_of_nodes(), graph.number_of_edges()]
    assert largest_move(start, seen.eval(POSITIONS)) <= 5, "Filters wissen puts every node back where it was"
    seen.page.click("#legend button[data-kind$='Politieonderdeel']")
    seen.page.click("#legend button[data-kind$='Politieonderdeel']")
    assert seen.eval(DRAWN)[0] == graph.number_of_nodes()
    assert largest_move(start, seen.eval(POSITIONS)) <= 5, "a kind off and on again moves nothing"
    seen.page.select_option("#theme-filter", T + "cyberveiligheid")
    hidden_by_theme = next(n for n in sorted(graph.nodes) if n not in shown(seen) and graph.degree(n) > 0)
    seen.eval(f"rbv.selectNode({hidden_by_theme!r})")
    assert seen.eval(DRAWN) == [graph.number_of_nodes(), graph.number_of_edges()], "choosing a hidden node clears the filter"
    assert largest_move(start, seen.eval(POSITIONS)) <= 5, "and nothing piles up on it"
    assert seen.errors == []


def test_a_theme_filter_refits_and_the_ranking_counts_and_subtitle_follow_it(visit, whole, store):
    path, graph = whole
    seen = visit(path)
    theme = select_network(store, Selection(theme="Effectieve verbinding veiligheid en zorg")).graph
    seen.page.select_option("#theme-filter", T + "veiligheid-en-zorg")
    box = seen.eval("({w: rbv.network.body.container.clientWidth, h: rbv.network.body.container.clientHeight})")
    inside = seen.eval("rbv.nodes.get({filter: n => !n.hidden}).map(n => rbv.network.canvasToDOM(rbv.network.getPositions([n.id])[n.id]))")
    assert all(0 <= p["x"] <= box["w"] and 0 <= p["y"] <= box["h"] for p in inside), "every shown node is in view"
    rows = seen.page.locator("#rank-body tr[data-node]")
    organisations = [n for n, d in theme.nodes(data=True) if d["role"] == "organisatie"]
    assert rows.count() == len(organisations)
    expected = sorted(organisations, key=lambda n: (-theme.degree(n), theme.nodes[n]["label"].lower()))
    ranked = [rows.nth(i).get_attribute("data-node") for i in range(rows.count())]
    assert [theme.degree(n) for n in ranked] == [theme.degree(n) for n in expected]
    assert set(ranked) == set(organisations)
    for i in range(8):
        node = ranked[i]
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert int(cells[2]) == theme.degree(node)
        expected_pct = 100 * theme.nodes[node]["betweenness"]  # shown whole from 10 %, else with one decimal
        assert abs(float(cells[3].rstrip("%").replace(",", ".")) - expected_pct) <= (0.51 if expected_pct >= 10 else 0.06)
    kinds = {}
    for _, d in theme.nodes(data=True):
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    legend = dict(zip(seen.page.locator("#legend button.kind").evaluate_all("bs => bs.map(b => b.dataset.kind)"),
                      (int(c) for c in seen.page.locator("#legend button.kind .count").all_inner_texts())))
    assert {k: c for k, c in legend.items() if c} == kinds
    assert (f"nu: thema Effectieve verbinding veiligheid en zorg · {len(organisations)} van {graph.number_of_nodes()} "
            f"organisaties, {theme.number_of_edges()} verbindingen") in seen.page.inner_text("#subtitle")


def test_focus_shows_one_or_two_steps_around_an_organisation(visit, whole):
    path, graph = whole
    seen = visit(path)
    start = seen.eval(POSITIONS)
    seen.page.select_option("#focus", RIEC)
    assert shown(seen) == sorted(nx.ego_graph(graph, RIEC, radius=1).nodes)
    seen.page.select_option("#focus-depth", "2")
    assert shown(seen) == sorted(nx.ego_graph(graph, RIEC, radius=2).nodes)
    assert "rond RIEC Noord-Nederland (2 stappen)" in seen.page.inner_text("#subtitle")
    seen.page.click("#reset")
    assert len(shown(seen)) == graph.number_of_nodes() and largest_move(start, seen.eval(POSITIONS)) <= 5


def test_the_layout_button_lets_go_and_stops_by_itself_once_settled(visit, whole):
    seen = visit(whole[0])
    button = seen.page.locator("#freeze")
    assert button.inner_text() == "Opnieuw schikken"
    seen.eval("rbv.network.once('stabilized', () => { window.__settled = true; })")
    button.click()
    assert seen.eval("rbv.network.physics.options.enabled") is True and button.inner_text() == "Schikken stoppen"
    seen.page.wait_for_selector("#freeze[aria-pressed='false']", timeout=30_000)
    assert button.inner_text() == "Opnieuw schikken"
    assert seen.eval("window.__settled") is True, "it stopped because the layout settled"
    assert seen.eval("rbv.network.physics.options.enabled") is False
    button.click()
    button.click()
    assert seen.eval("rbv.network.physics.options.enabled") is False and button.inner_text() == "Opnieuw schikken"


def test_a_dragged_node_stays_where_it_was_put_until_the_layout_is_forgotten(visit, whole):
    seen = visit(whole[0])
    computed = seen.eval(POSITIONS)
    box = seen.page.locator("#network").bounding_box()
    start = seen.eval(f"rbv.network.canvasToDOM({node_point(RIEC)})")
    seen.page.mouse.move(box["x"] + start["x"], box["y"] + start["y"])
    seen.page.mouse.down()
    seen.page.mouse.move(box["x"] + start["x"] + 120, box["y"] + start["y"] + 80, steps=8)
    seen.page.mouse.up()
    moved = seen.eval(POSITIONS)[RIEC]
    assert abs(moved["x"] - computed[RIEC]["x"]) > 50
    seen.page.reload()
    seen.page.wait_for_selector("body[data-stable='1']", state="attached")
    again = seen.eval(POSITIONS)
    assert abs(again[RIEC]["x"] - moved["x"]) < 1 and abs(again[RIEC]["y"] - moved["y"]) < 1, "kept in this browser"
    with seen.page.expect_navigation():
        seen.page.click("#forget-layout")
    seen.page.wait_for_selector("body[data-stable='1']", state="attached")
    assert largest_move(computed, seen.eval(POSITIONS)) < 1, "the computed layout is the same on every load"
    assert seen.page.locator("#forget-layout").is_hidden()


# ---- keyboard, address, picture, print

def _tab_to(seen: Visit, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        seen.page.keyboard.press("Tab")
        if seen.eval(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_every_legend_item_and_ranking_row_is_reached_with_the_keyboard(visit, whole):
    path, graph = whole
    seen = visit(path)
    _tab_to(seen, "#legend button.kind")
    kind = seen.eval("document.activeElement.dataset.kind")
    seen.page.keyboard.press("Space")
    assert seen.eval(f"rbv.state.hidden[{kind!r}]") is True
    seen.page.keyboard.press("Enter")
    assert seen.eval(f"rbv.state.hidden[{kind!r}]") is None, "shown again"
    _tab_to(seen, "#rank-body button")
    first = seen.page.locator("#rank-body tr[data-node]").first.get_attribute("data-node")
    seen.page.keyboard.press("Enter")
    assert seen.eval("rbv.network.getSelectedNodes()") == [first]
    seen.page.keyboard.press("Escape")
    assert seen.eval("rbv.network.getSelectedNodes()") == []


def test_the_address_carries_the_view_and_a_link_reproduces_it(visit, whole):
    path, graph = whole
    seen = visit(path)
    seen.page.select_option("#theme-filter", T + "ondermijning")
    seen.page.click("#legend button[data-kind$='Gemeente']")
    seen.page.select_option("#focus", O + "politie-noord-nederland")
    seen.page.select_option("#focus-depth", "2")
    seen.page.select_option("#colour-by", "community")
    seen.search("RIEC")
    fragment = "#" + seen.page.url.split("#", 1)[1]
    assert fragment.startswith("#thema=thema%2Fondermijning&focus=organisatie%2Fpolitie-noord-nederland&diepte=2&"
                               "verberg=Gemeente&kies=organisatie%2Friec-noord-nederland&kleur=cluster")
    before = (shown(seen), seen.eval("rbv.network.getSelectedNodes()"), seen.details())
    again = visit(path, fragment=fragment)
    assert (shown(again), again.eval("rbv.network.getSelectedNodes()"), again.details()) == before
    assert again.page.input_value("#theme-filter") == T + "ondermijning" and again.page.input_value("#colour-by") == "community"
    assert again.page.locator("#legend button[data-cluster]").count() > 0, "the legend follows the colour mode"
    central = next(n for n, _ in ranking(graph) if graph.nodes[n]["community"] == 1)
    first = again.page.locator("#legend button[data-cluster='1']")
    assert first.inner_text().startswith(f"cluster rond {graph.nodes[central]['label']}")
    first.click()
    assert again.eval("rbv.network.getSelectedNodes()") == [central], "a cluster's item chooses its most central member"
    assert again.errors == []


def test_a_link_keeps_the_zoom_and_the_centre(visit, whole):
    seen = visit(whole[0], viewport=(1400, 900))
    box = seen.page.locator("#network").bounding_box()
    seen.page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    for _ in range(3):
        seen.page.mouse.wheel(0, -300)
    seen.page.wait_for_url(lambda url: "midden=" in url)
    view = seen.eval("[rbv.network.getScale(), rbv.network.getViewPosition()]")
    fragment = "#" + seen.page.url.split("#", 1)[1]
    assert "zoom=" in fragment
    again = visit(whole[0], viewport=(1400, 900), fragment=fragment)
    scale, centre = again.eval("[rbv.network.getScale(), rbv.network.getViewPosition()]")
    assert abs(scale / view[0] - 1) < 0.02 and abs(centre["x"] - view[1]["x"]) < 2 and abs(centre["y"] - view[1]["y"]) < 2
    wider = visit(whole[0], viewport=(1600, 1000), fragment=fragment)
    assert abs(wider.eval("rbv.network.getViewPosition()")["x"] - view[1]["x"]) < 2, "the same centre on another screen"
    seen.page.click("#fit")
    assert "zoom=" not in seen.page.url, "'Alles in beeld' is the fitted view again"


def test_the_picture_of_the_view_is_a_png(visit, whole, tmp_path):
    seen = visit(whole[0], viewport=(1200, 800))
    with seen.page.expect_download() as download:
        seen.page.click("#png")
    target = tmp_path / "netwerk.png"
    download.value.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    canvas = seen.eval("[document.querySelector('#network canvas').width, document.querySelector('#network canvas').height]")
    assert width == canvas[0] and height > canvas[1], "the canvas with a line of title below it"
    assert download.value.suggested_filename == "samenwerkingsnetwerk-noord-nederland.png"


# The PNG the page makes, drawn into a canvas: its size, and per band of rows below the graph the colours and dark
# pixels found there.
PICTURE_BANDS = """async (src) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const graph = document.querySelector('#network canvas').height;
  const d = ctx.getImageData(0, graph, img.width, img.height - graph).data, colours = new Set(), inked = [];
  for (let y = 0; y < img.height - graph; y++) {
    let dark = false;
    for (let x = 0; x < img.width; x++) {
      const i = 4 * (y * img.width + x), c = '#' + [d[i], d[i + 1], d[i + 2]].map(v => v.toString(16).padStart(2, '0')).join('');
      colours.add(c);
      if (d[i] < 120 && d[i + 1] < 120 && d[i + 2] < 120) dark = true;
    }
    inked.push(dark);
  }
  let runs = 0;
  inked.forEach((dark, y) => { if (dark && !inked[y - 1]) runs++; });
  return {width: img.width, height: img.height, graph, colours: [...colours], runs};
}"""


@pytest.mark.parametrize("width, height", [(1200, 800), (390, 844)], ids=["laptop", "phone"])
def test_the_picture_has_the_legend_and_the_whole_caption(visit, whole, width, height):
    seen = visit(whole[0], viewport=(width, height))
    src = seen.eval("new Promise(r => { const a = HTMLAnchorElement.prototype.click; HTMLAnchorElement.prototype.click = "
                    "function () { HTMLAnchorElement.prototype.click = a; r(this.href); }; document.getElementById('png').click(); })")
    bands = seen.eval(PICTURE_BANDS, src)
    kinds = seen.eval("rbv.data.page.kinds.map(k => k.colour.toLowerCase())")
    assert set(kinds) <= set(bands["colours"]), "every kind's colour appears in the legend below the graph"
    columns = max(1, (seen.eval("document.querySelector('#network canvas').clientWidth") - 20) // 240)
    caption = 2 if width > 1000 else 4  # a title and a subtitle of 130 letters, wrapped on a phone (lines may touch)
    assert bands["runs"] >= -(-len(kinds) // columns) + caption, "the legend's rows, then the title and subtitle"


def test_print_puts_the_graph_and_the_chosen_evidence_on_a4(visit, whole):
    seen = visit(whole[0])
    seen.search("BOT")
    seen.page.click("#details button[data-edge]:has-text('RIEC Noord-Nederland')")
    pdf = seen.page.pdf(format="A4")
    boxes = {tuple(float(x) for x in box.split()) for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)}
    assert pdf.startswith(b"%PDF") and len(boxes) == 1
    x0, y0, width, height = boxes.pop()
    assert abs(width - 595) < 2 and abs(height - 842) < 2, "A4: 210 × 297 mm is 595 × 842 points"
    assert seen.eval("document.getElementById('print-graph').src").startswith("data:image/png;base64,")
    seen.page.emulate_media(media="print")
    visible = seen.eval("""['#print-graph', '#details', '#legend', '#network', '#search', '#rank-body']
        .map(s => document.querySelector(s).getClientRects().length > 0)""")
    assert visible == [True, True, True, False, False, False]
    assert "Bestuurlijk Ondersteuningsteam (RIEC)" in seen.details()
    shrink = seen.eval("""(() => { const img = document.getElementById('print-graph'), box = img.getBoundingClientRect();
        return Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight) * devicePixelRatio; })()""")
    assert 13 * shrink >= 12, "a name prints at 9 pt or more (12 CSS px on paper; the picture is fitted, not cut)"
    seen.page.emulate_media(media="screen")
    assert seen.eval("document.querySelector('#network canvas').clientWidth") > 640, "the screen's graph is as it was"


def test_the_link_chosen_from_the_panel_keeps_its_two_ends_highlighted(visit, whole):
    path, graph = whole
    seen = visit(path)
    seen.search("BOT")
    seen.page.click("#details button[data-edge]:has-text('RIEC Noord-Nederland')")
    seen.eval("rbv.network.fit({animation: false})")
    bot = next(n for n, d in graph.nodes(data=True) if d["abbreviation"].split(", ")[0] == "BOT")
    pale, dark, ends_dark = veiled(seen, {bot, RIEC})
    assert len(pale) > 10 and dark == set() and ends_dark == 1.0


def test_the_cluster_legend_groups_lone_organisations_and_leaves_out_empty_clusters(visit, whole):
    path, graph = whole
    seen = visit(path)
    seen.page.select_option("#colour-by", "community")
    sizes = {}
    for _, d in graph.nodes(data=True):
        sizes[d["community"]] = sizes.get(d["community"], 0) + 1
    lone = sum(1 for n in sizes.values() if n == 1)
    assert lone > 5
    rows = seen.page.locator("#legend li:visible").all_inner_texts()
    assert len(rows) == len(sizes) - lone + 1
    assert rows[-1].split("\n") == ["losse organisaties (zonder eigen cluster)", str(lone)]
    seen.page.select_option("#theme-filter", T + "ondermijning")
    counts = [int(c) for c in seen.page.locator("#legend li:visible .count").all_inner_texts()]
    assert counts and 0 not in counts, "no empty cluster listed under a filter"
    assert "in de kleur van zijn soort" not in seen.page.inner_text("#legend-section")


def test_kinds_in_a_family_differ_in_grey_and_groups_keep_their_family_figure(visit, whole):
    """Each legend picture (the very picture the graph draws) in grey, cut into dark and light at the middle grey:
    within a family, every two kinds differ in at least a tenth of their pixels."""
    seen = visit(whole[0])
    masks = seen.eval("""async () => {
      const out = {};
      for (const b of document.querySelectorAll('#legend button.kind')) {
        const img = b.querySelector('img'), canvas = document.createElement('canvas');
        canvas.width = canvas.height = 40;
        await img.decode();
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 40, 40);
        ctx.drawImage(img, 0, 0, 40, 40);
        const d = ctx.getImageData(0, 0, 40, 40).data, mask = [];
        for (let i = 0; i < d.length; i += 4) mask.push(0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2] < 128 ? 1 : 0);
        out[b.dataset.kind] = mask;
      }
      return out;
    }""")
    kinds = seen.eval("rbv.data.page.kinds.map(k => [k.id, k.family])")
    families = {}
    for kind, family in kinds:
        families.setdefault(family, []).append(kind)
    compared = 0
    for family, members in families.items():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                differ = sum(x != y for x, y in zip(masks[a], masks[b])) / len(masks[a])
                assert differ >= 0.1, (family, a, b, differ)
                compared += 1
    assert compared >= 10
    group = seen.eval("rbv.info['" + O + "gemeenten-noord-nederland'].figure")
    assert group == seen.eval("rbv.data.page.kinds.find(k => k.id === rbv.info['" + O + "gemeenten-noord-nederland'].kind).shape")
    assert "stroke-dasharray" in seen.eval("decodeURIComponent(rbv.nodes.get('" + O + "gemeenten-noord-nederland').image)")


def test_plain_words_and_nothing_cut_off(visit, whole):
    seen = visit(whole[0], viewport=(1366, 768))
    hint = seen.page.inner_text("#legend-hint")
    assert "soort familie" not in hint and hint.startswith("De vorm zegt de familie")
    kinds = seen.page.locator("#legend button.kind .name").all_inner_texts()
    assert "organisatie" not in kinds, "no kind called just 'organisatie'"
    assert seen.page.inner_text("#freeze") == "Opnieuw schikken"
    seen.search("RIEC")
    assert "https://" not in seen.page.inner_text("#details"), "the address in the data is folded away"
    seen.page.click("#details summary:has-text('Vaste link')")
    assert RIEC in seen.page.inner_text("#details")
    cut = seen.eval("""[...document.querySelectorAll('#size-by, #colour-by, #rank-by, #focus-depth')].flatMap(s => [...s.options].map(o => {
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = getComputedStyle(s).font;
        return [o.text, ctx.measureText(o.text.trim()).width, s.clientWidth - 28];
      })).filter(([, w, room]) => w > room).map(([t]) => t)""")
    assert cut == [], "the choices of the fixed menus fit them"


def test_the_legend_is_in_view_on_a_laptop(visit, whole):
    seen = visit(whole[0], viewport=(1366, 768))
    bottoms = seen.eval("[...document.querySelectorAll('#legend button.kind')].map(b => b.getBoundingClientRect().bottom)")
    assert len(bottoms) == 14 and max(bottoms) <= 768, "every kind of the legend without scrolling"


# ---- screens

@pytest.mark.parametrize("width, height", [(1600, 1000), (820, 1180), (390, 844)], ids=["desktop", "tablet", "phone"])
def test_the_graph_keeps_its_room_on_every_screen(visit, whole, width, height, tmp_path_factory):
    seen = visit(whole[0], viewport=(width, height))
    canvas = seen.page.locator("#network canvas").bounding_box()
    seen.page.screenshot(path=str(tmp_path_factory.mktemp("screens") / f"netwerk-{width}x{height}.png"))
    if width >= 900:
        assert canvas["width"] >= width / 2 and canvas["height"] >= 0.85 * (height - canvas["y"])
    else:
        assert canvas["width"] == width, "the panels go under the graph"
        assert canvas["height"] >= 0.6 * height
    assert seen.eval("document.querySelector('meta[name=viewport]').content") == "width=device-width, initial-scale=1"
    names = seen.eval(NAMES)["names"]
    assert {RIEC, O + "politie-noord-nederland"} <= {n["id"] for n in names}, "the most central names are there at once"
    assert min(n["px"] for n in names) >= 12, "no name is drawn under 12 px"
    assert seen.eval("rbv.nodes.get().filter(n => n.label !== undefined).length") == 0, "vis-network draws no labels"


@pytest.mark.parametrize("width, height", [(1600, 1000), (1366, 768)], ids=["1600x1000", "1366x768"])
def test_the_overview_names_the_central_organisations_in_full_and_covers_nothing(visit, whole, width, height):
    path, graph = whole
    seen = visit(path, viewport=(width, height))
    drawn = seen.eval(NAMES)
    names = {n["id"]: n for n in drawn["names"]}
    by_partners = sorted(graph, key=lambda n: (-graph.degree(n), graph.nodes[n]["label"]))
    central = [n for n in by_partners if graph.degree(n) >= 8]
    assert len(central) >= 16  # the report's best-connected organisations (17 with the current data)
    named = [n for n in central if n in names]
    assert len(named) >= len(central) - 1, f"{len(named)} of the {len(central)} with 8 partners or more"
    assert sum(1 for n in by_partners[:25] if n in names) >= 24, "the 25 with the most partners"
    assert len(names) >= 50, "and where there is room, the others"
    in_full = 0
    for node in named:
        d = graph.nodes[node]
        full = d["label"] + (f" ({d['abbreviation'].split(', ')[0]})" if d["abbreviation"] and d["abbreviation"] not in d["label"] else "")
        shown = names[node]["text"].replace("\n", " ")
        assert shown in (full, d["abbreviation"].split(", ")[0]), "the full name (abbreviation in brackets), or it alone"
        in_full += shown == full
    assert in_full >= len(named) - 2, "the full name wherever there is room: the abbreviation alone only where not"
    for n in drawn["names"]:
        d = graph.nodes[n["id"]]
        assert n["text"].replace("\n", " ") in (d["label"], d["label"] + f" ({d['abbreviation'].split(', ')[0]})",
                                                d["abbreviation"].split(", ")[0]), "lines break between words only"
    overlaps = [(a["text"], b["text"]) for i, a in enumerate(drawn["names"]) for b in drawn["names"][i + 1:] if _meet(a, b)]
    assert overlaps == [], "no name over another"
    covered = [(n["text"], graph.nodes[m["id"]]["label"]) for n in drawn["names"] for m in drawn["marks"]
               if m["id"] != n["id"] and _meet(n, {"l": m["x"] - m["r"], "r": m["x"] + m["r"], "t": m["y"] - m["r"], "b": m["y"] + m["r"]})]
    assert covered == [], "no name over a mark"


def _meet(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


def test_a_theme_page_names_what_it_has_room_for(visit, store, tmp_path):
    network = select_network(store, Selection(theme="Ondermijnende criminaliteit"))
    path = tmp_path / "ondermijning.html"
    path.write_text(render_page(network, "Ondermijning"), encoding="utf-8")
    seen = visit(path, viewport=(1600, 1000))
    names = seen.eval(NAMES)["names"]
    assert network.graph.number_of_nodes() >= 40 and len(names) >= network.graph.number_of_nodes() - 4, len(names)


def test_outliers_sit_at_the_edge_and_the_bulk_fills_the_view(visit, whole):
    seen = visit(whole[0], viewport=(1600, 1000))
    marks = seen.eval(NAMES)["marks"]
    width, height = seen.eval("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
    assert len(marks) == whole[1].number_of_nodes(), "every node is in view"
    xs, ys = sorted(m["x"] for m in marks), sorted(m["y"] for m in marks)
    spread = (xs[int(0.95 * len(xs))] - xs[int(0.05 * len(xs))]) / width, (ys[int(0.95 * len(ys))] - ys[int(0.05 * len(ys))]) / height
    assert min(spread) >= 0.6, f"the central 90 % spans {spread[0]:.0%} × {spread[1]:.0%} of the view"


def test_on_a_phone_a_tap_near_a_small_mark_chooses_it_and_controls_are_big_enough(visit, whole):
    seen = visit(whole[0], viewport=(390, 844))
    marks = seen.eval(NAMES)["marks"]
    small = [m for m in marks if m["r"] < 8 and all((m["x"] - o["x"]) ** 2 + (m["y"] - o["y"]) ** 2 > 30 ** 2
                                                    for o in marks if o is not m)]
    assert small, "a small mark alone"
    target = small[0]
    box = seen.page.locator("#network").bounding_box()
    seen.page.mouse.click(box["x"] + target["x"], box["y"] + target["y"] + target["r"] + 4)
    assert seen.eval("rbv.network.getSelectedNodes()") == [target["id"]], "a tap beside the mark still chooses it"
    seen.search("RIEC")
    top = seen.eval("document.getElementById('details').getBoundingClientRect().top")
    assert 0 <= top <= 844 / 2, "the chosen organisation's details are scrolled into view"
    seen.page.click("#details summary")
    heights = seen.eval("""[...document.querySelectorAll('button, select, input, summary')].filter(e => e.getClientRects().length)
        .map(e => [e.id || e.className || e.textContent.slice(0, 30), e.getBoundingClientRect().height])""")
    assert len(heights) > 100 and [h for h in heights if h[1] < 24] == [], "every control at least 24 px high"


def test_on_a_phone_tab_goes_down_the_screen(visit, whole):
    seen = visit(whole[0], viewport=(390, 844))
    seen.search("RIEC")
    seen.page.click("#title")
    seen.page.keyboard.press("Escape")
    seen.search("RIEC")
    seen.eval("window.scrollTo(0, 0)")
    seen.page.focus("#search")
    places = []
    for _ in range(60):
        seen.page.keyboard.press("Tab")
        places.append(seen.eval("""(() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return [e.id || e.textContent.slice(0, 25), r.top + scrollY, r.left]; })()"""))
    assert any(p[0] == "Focus op deze organisatie" for p in places), "the chosen organisation's panel is reached"
    back = [(a[0], b[0]) for a, b in zip(places, places[1:]) if b[1] < a[1] - 2]
    assert back == [], "Tab never goes back up the page"


def test_at_200_percent_zoom_on_a_laptop_the_graph_keeps_most_of_the_screen(visit, whole):
    seen = visit(whole[0], viewport=(683, 384))
    graph = seen.page.locator("#graph-area").bounding_box()
    assert graph["height"] >= 0.75 * 384 and graph["y"] + graph["height"] <= 384, "the whole graph on the first screen"


# ---- a big page

def test_a_page_of_a_thousand_nodes_shows_progress_while_the_layout_settles(visit, whole, tmp_path):
    graph = whole[1]
    big = nx.union_all([nx.relabel_nodes(graph, lambda n, k=k: f"{n}-{k}") for k in range(9)])
    add_metrics(big)
    path = tmp_path / "groot.html"
    path.write_text(render_page(Network(big, "proef", {}, {}, []), "Groot"), encoding="utf-8")
    watch = """
      window.__progress = [];
      document.addEventListener('DOMContentLoaded', () => {
        const box = document.getElementById('progress');
        new MutationObserver(() => window.__progress.push([box.hidden, box.querySelector('progress').value]))
          .observe(box, {attributes: true, subtree: true, attributeFilter: ['hidden', 'value']});
      });"""
    seen = visit(path, init_script=watch)
    assert big.number_of_nodes() == 9 * graph.number_of_nodes() > 900
    seen.page.wait_for_selector("#progress", state="hidden")
    steps = seen.eval("window.__progress")
    assert any(not hidden and 0 < value < 100 for hidden, value in steps), steps
    assert seen.eval(DRAWN)[0] == big.number_of_nodes() and seen.errors == []
