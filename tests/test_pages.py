"""The entity pages of build/ (rbvgraph.site.entities), checked against the report: the facts a page lists are the
rows of the named query waar-staat-dat, an indicator's chart has its Bijlage 3 values, a section's page has the
report's text of that section. The pages in a real browser are tested in test_pages_browser.py."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import escape, unescape
from urllib.parse import unquote

import pytest

from rbvgraph.graph import Graph
from rbvgraph.site.chart import chart_svg, dutch_number
from rbvgraph.site.entities import _Pages, overview_path, page_path, render_thing
from rbvgraph.site.things import read_things
from rbvgraph.sparql.named import catalogue, run_named
from rbvgraph.vocab import INSTANCES

RIEC = INSTANCES + "organisatie/riec-noord-nederland"
YOUTH = INSTANCES + "indicator/aantal-meldingen-overlast-jeugd"
SECTION = INSTANCES + "jaarverslag-2023/sectie/2.1.4"
# Bijlage 3, Tabel 1, row 'Aantal meldingen overlast jeugd' (2018 … 2023), as printed in the report
YOUTH_FIGURES = {2018: "8364", 2019: "9091", 2020: "15702", 2021: "14596", 2022: "9954", 2023: "9827"}


@pytest.fixture(scope="module")
def things(store, proj):
    return read_things(Graph(store, proj))


def _rows(store, proj, ding: str) -> list[tuple]:
    query = catalogue(proj)["waar-staat-dat"]
    result = run_named(Graph(store, proj), query, {"ding": ding})
    names = result.variables
    return [tuple((r[names.index(k)].value if r[names.index(k)] is not None else "")
                  for k in ("onderwerp", "relatie", "object", "sectie", "citaat", "bron")) for r in result.rows]


def test_a_page_mirrors_its_iri():
    assert page_path(RIEC) == "id/organisatie/riec-noord-nederland.html"
    assert page_path(SECTION) == "id/jaarverslag-2023/sectie/2.1.4.html"
    assert page_path("https://w3id.org/rbvgraph/def#Organisatie") is None
    assert page_path(INSTANCES + "organisatie/../../etc") is None
    assert overview_path("programma's") == "overzicht/programmas.html"


@pytest.mark.parametrize("ding", ["RIEC", "ind:aantal-meldingen-overlast-jeugd", "wet:wet-bibob", "sec:2.1.4"])
def test_the_facts_of_a_thing_are_the_rows_of_waar_staat_dat(things, store, proj, ding):
    rows = _rows(store, proj, ding)
    iri = RIEC if ding == "RIEC" else INSTANCES + {"ind": "indicator/", "wet": "regelgeving/",
                                                   "sec": "jaarverslag-2023/sectie/"}[ding[:3]] + ding[4:]
    facts = [(f.subject, f.relation, f.object.value, f.number, f.quote, f.source) for f in things.things[iri].facts]
    assert facts == rows  # the same rows, in the same order
    if ding == "RIEC":
        assert len(rows) == 27
        assert ("https://w3id.org/rbvgraph/id/document/jaarverslag-riec-noord-nederland", "maker", RIEC, "2.1.4",
                "het jaarverslag van het RIEC te vinden op www.riecnoord.nl", "") in rows


def test_the_riec_page_shows_every_fact_with_its_quote_and_section_link(things, store, proj):
    pages = _Pages(things)
    page = render_thing(things.things[RIEC], things, pages, _no_network(), None)
    assert page.count('<li class="feit">') == 27
    for _, _, _, section, quote, _ in _rows(store, proj, "RIEC"):
        assert quote.replace("'", "&#x27;") in page
    assert '<h3><a href="../jaarverslag-2023/sectie/2.1.4.html">§ 2.1.4 Samenwerking</a></h3>' in page
    assert '<h1>RIEC Noord-Nederland</h1><p class="soort">samenwerkingsverband</p>' in page
    assert "Ook: RIEC-bureau; Regionaal Informatie- en Expertisecentrum; RIEC" in page
    assert '<script src="../../zoeken.js"></script>' in page and 'data-root="../../"' in page


def _table_row(report, label: str) -> tuple[str, list[str]]:
    """The target and the values 2023 … 2018 of a row of Bijlage 3, Tabel 1, as the report's text prints them."""
    line = next(line for line in report.raw.splitlines() if line.startswith(f"- {label}\t"))
    cells = line.split("\t")[1:]
    return cells[0], cells[1:]


def test_the_indicator_page_has_the_figures_of_bijlage_3(things, report):
    figures = things.figures[YOUTH]
    assert {y: str(v) for y, v in figures.values.items()} == YOUTH_FIGURES
    assert figures.target is None and figures.unit == "aantal" and figures.provisional == set()
    for label, iri in (("Aantal meldingen overlast jeugd", YOUTH),
                       ("Aantal woninginbraken", INSTANCES + "indicator/aantal-woninginbraken")):
        target, printed = _table_row(report, label)
        assert target == "-" and [dutch_number(things.figures[iri].values[y]) for y in range(2023, 2017, -1)] == printed
    target, printed = _table_row(report, "Afgepakt financieel vermogen (BOOM)")
    boom = next(f for f in things.figures.values() if f.target == Decimal("8.8"))
    assert target == "€ 8,8 mln" and boom.unit == "miljoen euro" and boom.direction == "minimum"
    assert [f"€ {dutch_number(boom.values[y])} mln" for y in range(2023, 2017, -1)] == printed
    assert dutch_number(Decimal("9827")) == "9.827" and dutch_number(Decimal("6.4")) == "6,4"
    assert dutch_number(Decimal("8.80")) == "8,8" and dutch_number(Decimal("1234567.5")) == "1.234.567,5"


def test_the_chart_draws_the_values_in_their_proportions(things, tmp_path, monkeypatch):
    """The points of the line 'waarden' stand at heights in proportion to the values (an affine map: the y of each
    point follows from the first two), the target line where the target is."""
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path))
    figures = things.figures[INSTANCES + "indicator/aantal-woninginbraken"]
    svg = chart_svg(figures)
    assert svg.startswith("<svg") and "<text" not in svg  # text drawn as paths: no font needed
    assert chart_svg(figures) == svg and len(list((tmp_path / "charts").iterdir())) == 1  # from the cache
    line = re.search(r'<g id="waarden">.*?<path d="([^"]+)"', svg, re.S).group(1)
    points = [tuple(map(float, p.split())) for p in re.findall(r"[ML] ([-\d.]+ [-\d.]+)", line)]
    values = [float(figures.values[y]) for y in sorted(figures.values)]
    assert len(points) == len(values) == 6
    scale = (points[1][1] - points[0][1]) / (values[1] - values[0])
    for (_, y), value in zip(points, values):
        assert y == pytest.approx(points[0][1] + scale * (value - values[0]), abs=0.05)
    assert scale < 0  # higher values stand higher
    xs = [x for x, _ in points]
    assert all(b - a == pytest.approx(xs[1] - xs[0], abs=0.05) for a, b in zip(xs, xs[1:]))  # one step a year


def test_a_damaged_cached_chart_is_drawn_again(things, tmp_path, monkeypatch):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path))
    figures = things.figures[YOUTH]
    svg = chart_svg(figures)
    cached = next((tmp_path / "charts").iterdir())
    cached.write_bytes(cached.read_bytes().replace(b"waarden", b"waardeX"))
    assert chart_svg(figures) == svg


def test_the_section_page_has_the_report_text_and_its_facts(things, report):
    pages = _Pages(things)
    page = render_thing(things.things[SECTION], things, pages, _no_network(), report)
    text = " ".join(report.paragraphs("2.1.4"))
    assert text == report.sections["2.1.4"].text
    assert "<h3>2.1.4 Samenwerking</h3>" in page
    assert "In Midden-Groningen, Veendam en Pekela zijn bijvoorbeeld voor het project" in page
    section_facts = things.things[SECTION].section_facts
    assert section_facts and all(f.number == "2.1.4" for f in section_facts)
    assert page.count('<li class="feit">') == len(things.things[SECTION].facts) + len(section_facts)


def test_every_section_is_its_paragraphs(report):
    for number, section in report.sections.items():
        assert " ".join(report.paragraphs(number)) == section.text


def _no_network():
    import networkx as nx

    return nx.Graph()


def test_names_and_quotes_are_shown_as_text_never_run(tmp_path, proj):
    """A label and a quote holding HTML and script (the network tests' hand-made project) come out escaped, in the
    page, the partners' picture and the search box's list of names."""
    from rbvgraph.network.facts import read_facts
    from rbvgraph.network.projection import organisation_graph
    from rbvgraph.site.entities import _search_script

    from .network_fixture import ALFA, BETA, EVIL_LABEL, EVIL_QUOTE, GAMMA, make_project
    from .helpers import load_store

    small = make_project(tmp_path / "project", proj)
    store = load_store(small)
    things = read_things(Graph(store, small))
    pages = _Pages(things)
    network = organisation_graph(read_facts(store))
    for iri in (ALFA, BETA, GAMMA):
        page = render_thing(things.things[iri], things, pages, network, None)
        assert "<script>" not in page and "<img" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    beta = render_thing(things.things[BETA], things, pages, network, None)
    assert "<h1>Beta &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in beta
    gamma = render_thing(things.things[GAMMA], things, pages, network, None)
    assert "<blockquote>gamma betaalt mee &lt;script&gt;window.__pwned=3&lt;/script&gt; &amp; &quot;meer&quot;" in gamma
    assert EVIL_QUOTE not in gamma
    script = _search_script(pages)  # the names are data (JSON) before the script's code, never code themselves
    names = json.loads(script[len("var RBV_NAMEN = "):script.index(";\n")])
    assert EVIL_LABEL in {row[0] for row in names}


def test_every_web_address_is_a_link_with_its_full_address(things):
    """A cited web page, a law's address on wetten.overheid.nl, a TOOI identifier: shown whole, as a link (the
    reviewer saw 'webpagina:' empty and 'BWBR0013798' as plain text)."""
    pages = _Pages(things)
    pvo = render_thing(things.things[INSTANCES + "document/pvo-noordnederland-veilig-buitengebied"], things, pages,
                       _no_network(), None)
    address = "https://pvo-noordnederland.nl/nieuws/veiligbuitengebied/"
    assert f'<a class="extern" href="{address}">{address}</a>' in pvo
    bibob = render_thing(things.things[INSTANCES + "regelgeving/wet-bibob"], things, pages, _no_network(), None)
    assert ('<a class="extern" href="https://wetten.overheid.nl/BWBR0013798">https://wetten.overheid.nl/BWBR0013798'
            '</a>') in bibob
    missing = []
    for thing in things.things.values():
        outside = {link.other for link in thing.links} | {f.object.value for f in thing.facts}
        outside = {iri for iri in outside if iri.startswith("http") and not iri.startswith("https://w3id.org/rbvgraph/")}
        if outside:
            page = render_thing(thing, things, pages, _no_network(), None)
            missing += [iri for iri in outside if f'href="{escape(iri)}">{escape(unquote(iri))}</a>' not in page]
    assert missing == []


# Words the reviewer found on the pages that policy staff do not read: vocabulary names, notes on which standard a
# label comes from, "X vermeld in dit" lines, the dataset's own description.
JARGON = ("seeAlso", "(DC)", "(FOAF)", "(tekst)", "(naam)", "doelrichting", "Voorwoord Voorwoord", " dit</li>",
          "voorbeeld", "relatie\">maker<", "relatie\">uitgever<", "relatie\">doelgroep<", " true<", " false<")


@pytest.mark.slow  # renders every page (about 3 s)
def test_no_page_shows_jargon(things):
    pages = _Pages(things)
    found = {}
    for iri, thing in things.things.items():
        page = render_thing(thing, things, pages, _no_network(), None)
        words = [w for w in JARGON if w in page.replace("</blockquote>", "").split("<footer>")[0]
                 and not any(w in q for q in thing.definitions + [f.quote for f in thing.facts + thing.section_facts])]
        if words:
            found[iri] = words
    assert found == {}


def test_relations_read_as_verbs_and_mentions_as_one_line(things):
    pages = _Pages(things)
    section = render_thing(things.things[SECTION], things, pages, _no_network(), None)
    mentioned = re.search(r'<li><span class="relatie">genoemd in deze sectie</span>: (.*?)</li>', section).group(1)
    assert section.count("genoemd in deze sectie") == 1 and mentioned.count("<a ") > 20  # one line, many things
    riec = render_thing(things.things[RIEC], things, pages, _no_network(), None)
    assert '<span class="relatie">is gemaakt door</span> <a href="riec-noord-nederland.html">' in riec
    assert re.search(r'<span class="relatie">genoemd in</span>: <a[^>]*>2 Ondermijnende criminaliteit</a>, ', riec)
    assert ", <a href=\"../jaarverslag-2023/sectie/voorwoord.html\">Voorwoord</a></li>" in riec
    boom = render_thing(things.things[INSTANCES + "indicator/afgepakt-financieel-vermogen-boom"], things, pages,
                        _no_network(), None)
    assert "<th scope=\"row\">het doel is</th><td>een ondergrens (ten minste)</td>" in boom


def test_the_index_says_in_words_what_the_queries_rest_on(proj):
    from rbvgraph.site import index

    shown = [index._plain(q.description) for q in catalogue(proj).values()]
    source = open(index.__file__, encoding="utf-8").read()
    for word in ("De graaf", "benoemde grafen", "org:", "--inference", "rdfs:", "skos:"):
        assert not any(word in text for text in shown) and f'"{word}' not in source
    assert sum("Telt ook mee wat uit de regels van de ontologie volgt" in text for text in shown) == 4


def test_the_cybercrime_indicators_say_their_group(things, report):
    """Bijlage 3 prints 'Aantal geregistreerde misdrijven', 'Aantal onderzoeken' and 'Verdachten OM' under the
    heading Cybercrime; alone, on a page or in a search list, the names do not say what they count."""
    from rbvgraph.site.entities import _search_script

    named = {iri.rsplit("/", 1)[-1]: t.name for iri, t in things.things.items()
             if t.kind == "indicator" and t.name.startswith("Cybercrime: ")}
    assert named == {"cybercrime-aantal-geregistreerde-misdrijven": "Cybercrime: Aantal geregistreerde misdrijven",
                     "cybercrime-aantal-onderzoeken": "Cybercrime: Aantal onderzoeken",
                     "cybercrime-verdachten-om": "Cybercrime: Verdachten OM"}
    iri = INSTANCES + "indicator/cybercrime-aantal-geregistreerde-misdrijven"
    _, printed = _table_row(report, "Aantal geregistreerde misdrijven")
    assert dutch_number(things.figures[iri].values[2023]) == printed[0] == "1.194"
    pages = _Pages(things)
    page = render_thing(things.things[iri], things, pages, _no_network(), None)
    assert "<h1>Cybercrime: Aantal geregistreerde misdrijven</h1>" in page
    assert "<figcaption>Cybercrime: Aantal geregistreerde misdrijven, aantal per jaar" in page
    assert '["Cybercrime: Aantal onderzoeken","","indicator",' in _search_script(pages)
    assert things.things[INSTANCES + "indicator/aantal-woninginbraken"].name == "Aantal woninginbraken"


def test_a_gemeente_page_keeps_outside_facts_apart(things, store, proj):
    """Facts from CBS and TOOI stand under "Van buiten het verslag", not under "Wat het verslag zegt"; a gemeente
    the report never names says so: exactly the gemeenten the named query 'gemeenten' finds in no section."""
    result = run_named(Graph(store, proj), catalogue(proj)["gemeenten"], {})
    at = {name: result.variables.index(name) for name in ("gemeente", "genoemd_in")}
    unnamed = {row[at["gemeente"]].value for row in result.rows
               if row[at["genoemd_in"]] is None or not row[at["genoemd_in"]].value}
    pages = _Pages(things)
    said = set()
    for row in result.rows:
        iri = row[at["gemeente"]].value
        page = render_thing(things.things[iri], things, pages, _no_network(), None)
        outside = re.search(r'<h2>Van buiten het verslag <span class="aantal">\((\d+)\)</span>', page)
        from_outside = sum(1 for f in things.things[iri].facts if not f.number)
        assert (int(outside.group(1)) if outside else 0) == from_outside
        if "Het verslag noemt " + escape(things.things[iri].name) + " niet bij naam" in page:
            said.add(iri)
            assert "Wat het verslag zegt" not in page
    assert len(unnamed) == 28 and said == unnamed
    emmen = render_thing(things.things[INSTANCES + "organisatie/gemeente-emmen"], things, pages, _no_network(), None)
    assert "Het verslag noemt gemeente Emmen niet bij naam" in emmen


def test_footnote_marks_are_superscripts_and_their_addresses_links(things, report):
    """The report's text file writes footnote marks as '^{5 6 7 8}'; the reviewer saw that markup on section pages
    and in quotes."""
    pages = _Pages(things)
    raw = []
    for iri, thing in things.things.items():
        if thing.number or any("^{" in f.quote for f in thing.facts):
            page = render_thing(thing, things, pages, _no_network(), report)
            if "^{" in page:
                raw.append(iri)
    assert raw == []
    section = render_thing(things.things[INSTANCES + "jaarverslag-2023/sectie/1.1"], things, pages, _no_network(),
                           report)
    assert "de veiligheid in het geding is<sup>5,6,7,8</sup>." in section
    quoted = [t for t in things.things.values() if any("^{" in f.quote for f in t.facts)]
    assert len(quoted) == 7
    notes = render_thing(things.things[INSTANCES + "jaarverslag-2023/sectie/1.1.2"], things, pages, _no_network(),
                         report)
    address = "https://nos.nl/artikel/2502556-gemeente-sleept-coa-voor-de-rechter-voor-situatie-in-ter-apel"
    assert f'⁹ &lt;<a class="extern" href="{address}">{address}</a>&gt;' in notes
    veendam = render_thing(things.things[SECTION], things, pages, _no_network(), report)
    assert 'href="https://www.veendam.nl/Onderwerpen/Actueel/Nieuws/Archief/2023/Samen%20sterk%20voor%20een' in veendam


def test_the_partner_counts_say_what_they_count(things, store):
    """The number after a partner is the statements the two share (the network's edge weight), said in words and
    told apart from the named query 'partners', whose rows the reviewer took it for."""
    from rbvgraph.network.facts import read_facts
    from rbvgraph.network.projection import organisation_graph
    from rbvgraph.site.around import partners

    network = organisation_graph(read_facts(store))
    page = render_thing(things.things[RIEC], things, _Pages(things), network, None)
    found = partners(network, RIEC)
    assert len(found) == 17 and '<h2>Partners <span class="aantal">(17 organisaties)</span></h2>' in page
    assert ("<p class=\"legenda\">Tussen haakjes: in hoeveel uitspraken van het verslag RIEC Noord-Nederland en die "
            "partner samen voorkomen. Dat is iets anders dan het aantal rijen van de vraag <em>partners</em>") in page
    listed = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="aantal">\((\d+) uitspra(?:ak|ken)\)</span></li>',
                        page)
    assert [(unescape(name), int(n)) for name, n in listed] == [(things.name(iri), n) for iri, n in found]
