"""The dataset description (VoID, DCAT-AP-DONL), the ontology's pyLODE page, /void and /def on ``rbvgraph serve``,
and the w3id.org redirect rules."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID, XSD

from rbvgraph import __version__
from rbvgraph.graph import Graph
from rbvgraph.graph.ontodoc import ontology_page
from rbvgraph.graph.void import describe, serialise
from rbvgraph.project import project
from rbvgraph.vocab import DATASET, ONTOLOGY_IRI, PREFIXES, shorten

from .helpers import block_network

from .test_serve import call

ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
D = rdflib.URIRef(DATASET)
CC_BY = rdflib.URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")
# DCAT-AP-DONL 2.0 (dataoverheid.github.io/dcat-ap-donl): what it makes mandatory ("Verplicht", 1..1 or 1..n)
DONL_DATASET = {DCTERMS.title, DCTERMS.description, DCAT.contactPoint, DCTERMS.creator, DCTERMS.language,
                DCTERMS.publisher, DCTERMS.identifier, DCAT.theme, DCTERMS.license, ADMS.status, DCAT.distribution}
DONL_DISTRIBUTION = {DCTERMS.title, DCTERMS.description, DCTERMS.license, DCAT.accessURL, DCTERMS.format}
HTACCESS = project().root / "data" / "w3id" / ".htaccess"
W3ID = "https://w3id.org/rbvgraph/"


@pytest.fixture(scope="module")
def described(store, proj) -> rdflib.Graph:
    """The description as build/void.ttl has it (of the asserted graph), read back by rdflib."""
    triples = describe(Graph(store, proj))
    assert describe(Graph(store, proj)) == triples, "no clock, no chance: the same graph, the same description"
    turtle = serialise(triples, ox.RdfFormat.TURTLE)
    return rdflib.Graph().parse(data=turtle, format="turtle")


def _int(g: rdflib.Graph, s, p) -> int:
    return int(g.value(s, p))


def test_the_numbers_of_the_description_are_those_of_rbvgraph_stats(described, cli_run):
    code, out, _ = cli_run("stats", "--inference", "none")
    assert code == 0
    triples, graphs = map(int, re.search(r"triples: (\d+) in (\d+) benoemde grafen", out).groups())
    subjects, objects, properties, classes, entities = map(int, re.search(
        r"onderwerpen: (\d+), objecten: (\d+), relaties: (\d+), soorten: (\d+); dingen met een soort: (\d+)",
        out).groups())
    assert _int(described, D, VOID.triples) == triples
    assert _int(described, D, VOID.distinctSubjects) == subjects
    assert _int(described, D, VOID.distinctObjects) == objects
    assert _int(described, D, VOID.properties) == properties
    assert _int(described, D, VOID.classes) == classes
    assert _int(described, D, VOID.entities) == entities
    per_class = {shorten(str(described.value(p, VOID["class"]))): _int(described, p, VOID.entities)
                 for p in described.objects(D, VOID.classPartition)}
    listed = {name: int(n) for n, name in re.findall(r"^\s+(\d+)  (\S+)$", out, re.M)}
    assert per_class == listed and per_class["rbv:Gemeente"] == 41 and per_class["rbv:Sectie"] == 47
    subsets = list(described.objects(D, VOID.subset))
    assert len(subsets) == graphs, "one subset per named graph"
    assert _int(described, rdflib.URIRef(W3ID + "graph/data/triples/dataset"), VOID.triples) > 50


def test_the_description_has_what_dcat_ap_donl_makes_mandatory(described):
    assert DONL_DATASET <= set(described.predicates(D, None))
    assert {o.language for o in described.objects(D, DCTERMS.title)} == {"nl", "en"}
    assert {o.language for o in described.objects(D, DCTERMS.description)} == {"nl", "en"}
    distributions = set(described.objects(D, DCAT.distribution))
    assert len(distributions) == 3
    for distribution in distributions:
        assert DONL_DISTRIBUTION <= set(described.predicates(distribution, None)), distribution
        assert described.value(distribution, DCTERMS.license) == CC_BY
    assert described.value(D, DCTERMS.license) == CC_BY
    publisher = described.value(D, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in described
    assert {str(n) for n in described.objects(publisher, FOAF.name)} == {"rbvgraph-project", "rbvgraph project"}
    assert described.value(D, DCTERMS.source) == rdflib.URIRef(W3ID + "id/document/jaarverslag-2023")
    assert str(described.value(D, OWL.versionInfo)) == __version__
    dates = [described.value(D, p) for p in (DCTERMS.created, DCTERMS.issued, DCTERMS.modified)]
    assert all(d.datatype == XSD.dateTime for d in dates), "DCAT-AP-DONL's type, and in the OWL 2 datatype map"
    assert dates[0].toPython() <= dates[1].toPython() <= dates[2].toPython()
    assert set(map(str, described.objects(D, VOID.dataDump))) == {W3ID + "rbv.ttl", W3ID + "rbv.trig"}
    assert rdflib.URIRef(W3ID + "id/organisatie/riec-noord-nederland") in set(described.objects(D, VOID.exampleResource))
    assert rdflib.URIRef(ONTOLOGY_IRI) in set(described.objects(D, VOID.vocabulary))


def _conforms_to(header: str, proj) -> list[str]:
    """What the description says the data conforms to, over the dataset description and an ontology header."""
    small = ox.Store()
    small.load(path=proj.triples_dir / "dataset.ttl", format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode(W3ID + "graph/d"))
    small.load(header.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(W3ID + "graph/o"))
    return [t.object.value for t in describe(Graph(small, proj))
            if t.predicate.value == str(DCTERMS.conformsTo) and t.subject.value == DATASET]


def test_the_ontology_version_iri_is_read_from_the_ontology(proj):
    ontology = f"<{ONTOLOGY_IRI}> a <{OWL.Ontology}> ; <{OWL.versionInfo}> \"0.1.0\" "
    assert _conforms_to(ontology + ".", proj) == [ONTOLOGY_IRI], "without a versionIRI: the ontology itself"
    assert _conforms_to(ontology + f"; <{OWL.versionIRI}> <{ONTOLOGY_IRI}/0.2> .", proj) == [ONTOLOGY_IRI + "/0.2"]


# ---------------------------------------------------------------- serve: /void and /def

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_FORMATS = [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml"),
               ("application/n-triples", "nt")]


@pytest.mark.parametrize("accept,fmt", RDF_FORMATS, ids=[f for _, f in RDF_FORMATS])
def test_void_and_def_answer_rdf_by_accept(served, accept, fmt):
    status, headers, body = call(served.base, "GET", "/void", headers={"Accept": accept})
    assert (status, headers["content-type"].split(";")[0], headers["vary"]) == (200, accept, "Accept")
    void = rdflib.Graph().parse(data=body, format=fmt)
    assert (D, RDF.type, DCAT.Dataset) in void and void.value(D, DCTERMS.license) == CC_BY
    assert int(void.value(D, VOID.triples)) > 15000
    status, headers, body = call(served.base, "GET", "/def", headers={"Accept": accept})
    assert (status, headers["content-type"].split(";")[0], headers["vary"]) == (200, accept, "Accept")
    ontology = rdflib.Graph().parse(data=body, format=fmt)
    bewijs = rdflib.URIRef(PREFIXES["rbv"] + "Bewijs")
    assert (bewijs, RDF.type, OWL.Class) in ontology
    assert rdflib.Literal("bewijs", lang="nl") in set(ontology.objects(bewijs, rdflib.RDFS.label))
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology
    assert not list(ontology.subjects(RDF.type, DCAT.Dataset)), "/def is the ontology only"


def test_void_and_def_give_a_browser_a_page_anything_turtle_and_refuse_what_they_cannot(served):
    status, headers, body = call(served.base, "GET", "/def", headers={"Accept": BROWSER})
    assert (status, headers["content-type"], headers["vary"]) == (200, "text/html; charset=utf-8", "Accept")
    assert b'id="Bewijs"' in body and b"<h3>bewijs" in body
    status, headers, body = call(served.base, "GET", "/void", headers={"Accept": BROWSER})
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "Licentie van de gegevens" in body.decode() and "creativecommons.org/licenses/by/4.0" in body.decode()
    for accept in ({"Accept": "*/*"}, {}):
        status, headers, _ = call(served.base, "GET", "/void", headers=accept)
        assert (status, headers["content-type"]) == (200, "text/turtle; charset=utf-8")
    status, headers, _ = call(served.base, "GET", "/def", headers={"Accept": "image/png"})
    assert (status, headers["vary"]) == (406, "Accept")
    assert call(served.base, "POST", "/void", body=b"")[0] == 405


# ---------------------------------------------------------------- w3id.org

def _rules() -> tuple[str, list[tuple[str, str, str]]]:
    """The server address and the (pattern, target, flags) of every redirect in data/w3id/.htaccess."""
    text = HTACCESS.read_text(encoding="utf-8")
    host = re.search(r"^RewriteRule \^ - \[E=RBVGRAPH:(\S+)\]$", text, re.M).group(1)
    rules = re.findall(r"^RewriteRule (\S+) %\{ENV:RBVGRAPH\}(\S*) \[([^\]]+)\]$", text, re.M)
    return host, rules


def _redirect(path: str) -> tuple[str, str] | None:
    """Where w3id.org would send https://w3id.org/rbvgraph/PATH, and with which flags (Apache stops at the first
    matching rule with L)."""
    host, rules = _rules()
    for pattern, target, flags in rules:
        found = re.match(pattern, path)
        if found:
            return host + re.sub(r"\$(\d)", lambda m: found.group(int(m.group(1))) or "", target), flags
    return None


def _w3id_prefixes() -> dict[str, str]:
    text = (project().triples_dir / "_prefixes.ttl.txt").read_text(encoding="utf-8")
    return dict(re.findall(r"^@prefix (\S*): +<([^>]+)> \.$", text, re.M))


def test_every_w3id_prefix_of_the_data_has_a_redirect_to_the_same_path():
    prefixes = _w3id_prefixes()
    ours = {name: iri for name, iri in prefixes.items() if iri.startswith(W3ID)}
    assert len(ours) == 15, "rbv: and the 14 kinds of things"
    assert [iri for iri in prefixes.values() if "w3id.org" in iri and iri not in ours.values()] == []
    host, _ = _rules()
    for name, iri in ours.items():
        path = iri[len(W3ID):].split("#")[0] + ("voorbeeld-1.2" if iri.endswith("/") else "")
        assert _redirect(path) == (f"{host}/{path}", "R=303,NE,L" if path.startswith("id/") else "R=303,L"), name


@pytest.mark.parametrize("path,target,status", [
    ("def", "/def", "303"), ("def/0.2", "/def", "303"), ("void", "/void", "303"),
    ("graph/data/triples/actoren", "/graph/data/triples/actoren", "303"), ("graph/inferred", "/graph/inferred", "303"),
    ("context.jsonld", "/context.jsonld", "303"), ("rbv.ttl", "/rbv.ttl", "303"), ("rbv.trig", "/rbv.trig", "303"),
    ("sparql", "/sparql", "307"), ("", "/", "303")])
def test_the_other_w3id_iris_are_redirected_too(path, target, status):
    host, _ = _rules()
    found = _redirect(path)
    assert found is not None and found[0] == host + target and f"R={status}" in found[1]


def test_w3id_leaves_unknown_paths_alone():
    assert _redirect("defx") is None and _redirect("id/") is None and _redirect("voids") is None


APACHE = "/usr/sbin/apache2"
MODULES = "/usr/lib/apache2/modules"


@pytest.fixture(scope="module")
def w3id(served):
    """A real Apache with mod_rewrite on 127.0.0.1 serving data/w3id/.htaccess as w3id.org does (the folder
    rbvgraph/ under the document root, overrides allowed), pointed at the ``served`` rbvgraph; yields its base URL
    of https://w3id.org/rbvgraph/."""
    import shutil
    import socket
    import subprocess
    import tempfile
    import time

    from .servers import LOCALHOST, free_port

    folder = Path(tempfile.mkdtemp(prefix="rbvgraph-w3id-"))
    folder.chmod(0o755)  # Apache's children run as www-data when started as root
    (folder / "www" / "rbvgraph").mkdir(parents=True)
    rules = HTACCESS.read_text(encoding="utf-8").replace("https://graaf.example.org", served.base)
    (folder / "www" / "rbvgraph" / ".htaccess").write_text(rules, encoding="utf-8")
    for path in (folder / "www", folder / "www" / "rbvgraph", folder / "www" / "rbvgraph" / ".htaccess"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    port = free_port()
    (folder / "httpd.conf").write_text(f"""ServerRoot {folder}
Listen {LOCALHOST}:{port}
ServerName {LOCALHOST}
PidFile {folder}/httpd.pid
ErrorLog {folder}/error.log
LoadModule mpm_event_module {MODULES}/mod_mpm_event.so
LoadModule authz_core_module {MODULES}/mod_authz_core.so
LoadModule rewrite_module {MODULES}/mod_rewrite.so
User www-data
Group www-data
DocumentRoot {folder}/www
<Directory {folder}/www>
  AllowOverride All
  Require all granted
</Directory>
""", encoding="utf-8")
    process = subprocess.Popen([APACHE, "-f", str(folder / "httpd.conf"), "-DFOREGROUND"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection((LOCALHOST, port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, \
                (folder / "error.log").read_text(errors="replace") if (folder / "error.log").exists() else "no log"
            time.sleep(0.1)
    yield f"http://{LOCALHOST}:{port}/rbvgraph/"
    process.terminate()
    process.wait(timeout=20)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("accept,media", [("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                                          (BROWSER, "text/html")], ids=["turtle", "json-ld", "browser"])
def test_apache_with_the_w3id_rules_sends_void_and_def_to_the_server_which_negotiates(w3id, served, accept, media):
    for path in ("void", "def", "def/0.2"):
        status, headers, _ = call(w3id, "GET", urlsplit(w3id).path + path, headers={"Accept": accept})
        target = served.base + "/" + path.split("/")[0]
        assert (status, headers["location"]) == (303, target), path
        status, headers, body = call(served.base, "GET", urlsplit(target).path, headers={"Accept": accept})
        assert (status, headers["content-type"].split(";")[0]) == (200, media), path
    for path in ("id/organisatie/riec-noord-nederland", "graph/inferred", "context.jsonld", "rbv.ttl", ""):
        status, headers, _ = call(w3id, "GET", urlsplit(w3id).path + path, headers={"Accept": accept})
        assert (status, headers["location"]) == (303, f"{served.base}/{path}"), path
    status, headers, _ = call(w3id, "POST", urlsplit(w3id).path + "sparql", body=b"query=ASK%7B%7D",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (status, headers["location"]) == (307, served.base + "/sparql")
    assert call(w3id, "GET", urlsplit(w3id).path + "defx")[0] == 404


# ---------------------------------------------------------------- the ontology page, offline, in Chromium

@pytest.mark.slow
def test_the_built_ontology_page_shows_the_classes_with_styles_and_loads_nothing(cli_run, tmp_path, served):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "build"
    assert cli_run("build", "-o", out, "--inference", "none")[0] == 0
    page_file = out / "ontologie" / "index.html"
    assert (out / "void.ttl").is_file()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run"])
        try:
            context = browser.new_context()
            asked = block_network(context)
            page = context.new_page()
            page.goto(page_file.as_uri() + "#Bewijs")
            heading = page.inner_text("#Bewijs h3")
            assert heading.split()[0] == "bewijs"
            assert "https://w3id.org/rbvgraph/def#Bewijs" in page.inner_text("#Bewijs")
            assert page.evaluate("document.styleSheets.length") >= 1
            assert page.evaluate("getComputedStyle(document.body).fontFamily") == "sans-serif"
            assert page.evaluate("getComputedStyle(document.querySelector('h3')).fontFamily") == "sans-serif"
            assert page.evaluate("document.querySelectorAll('div.entity').length") >= 80
            assert page.evaluate("document.getElementById('Bewijs').getBoundingClientRect().top") < 50, \
                "the fragment #Bewijs scrolls to the class"
            # the same page from 'rbvgraph serve', under its Content-Security-Policy
            context.unroute("**/*")
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("request", lambda req: asked.append(req.url) if not req.url.startswith(served.base) else None)
            page.goto(served.base + "/def")
            assert page.inner_text("#Bewijs h3").split()[0] == "bewijs"
            assert page.evaluate("getComputedStyle(document.body).fontFamily") == "sans-serif"
            assert errors == [], "nothing the page needs is refused by the policy"
        finally:
            browser.close()
    assert asked == []


@pytest.mark.slow
def test_the_ontology_page_has_no_address_it_would_load(store, proj):
    """What a browser fetches by itself: scripts, stylesheets, images, frames, fonts, @import. Links stay links."""
    page = ontology_page(Graph(store, proj))
    loads = re.findall(r"<(?:script|img|iframe|link)\b[^>]*\b(?:src|href)=\"([^\"]*)\"", page)
    assert [u for u in loads if not u.startswith("data:")] == []
    assert "@import" not in page and not re.search(r"url\((?!['\"]?data:)", page)
    assert "<title>Ontologie van het Jaarverslag Regionaal Beleidsplan Veiligheid</title>" in page
    assert "Ontology of the Regional" not in page, "the page is Dutch"
