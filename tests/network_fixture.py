"""A small hand-made project for the network tests: the real ontology, sections and themes, and a few made-up
organisations whose links and labels are known exactly (one label carries HTML and script, to test escaping)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from rbvgraph.graph.parse import parse_file
from rbvgraph.project import Project
from rbvgraph.vocab import INFERRED_GRAPH, INSTANCES, ONTOLOGY

from .helpers import load_store

O = INSTANCES + "organisatie/"
A = INSTANCES + "activiteit/"
T = INSTANCES + "thema/"
ALFA, BETA, GAMMA, DELTA, EPSILON = (O + f"t-{n}" for n in ("alfa", "beta", "gamma", "delta", "epsilon"))
PROGRAMME, PART = A + "t-programma", A + "t-deel"
EVIL_LABEL = 'Beta </title><script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
EVIL_QUOTE = 'gamma betaalt mee <script>window.__pwned=3</script> & "meer"'
EVIL_ABBREVIATION = '<b onmouseover="window.__pwned=5">BTA</b>'

PREFIXES = """
@prefix rbv: <https://w3id.org/rbvgraph/def#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix rbvo: <https://w3id.org/rbvgraph/id/organisatie/> .
@prefix act: <https://w3id.org/rbvgraph/id/activiteit/> . @prefix thema: <https://w3id.org/rbvgraph/id/thema/> .
@prefix sec: <https://w3id.org/rbvgraph/id/jaarverslag-2023/sectie/> . @prefix bron: <https://w3id.org/rbvgraph/id/bron/> .
"""


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@nl'


def _fact(s: str, p: str, o: str, section: str, quote: str) -> str:
    return (f"{s} {p} {o} .\n[] a rbv:Bewijs ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ; "
            f"rbv:sectie sec:{section} ; rbv:citaat {_lit(quote)} .\n")


DATA = PREFIXES + f"""
rbvo:t-alfa a rbv:Samenwerkingsverband ; rdfs:label "Alfa-overleg"@nl ; skos:prefLabel "Alfa-overleg"@nl ;
    skos:altLabel "ALF"@nl ; rbv:afkorting "ALF"@nl .
rbvo:t-beta a rbv:Gemeente ; rdfs:label {_lit(EVIL_LABEL)} ; skos:prefLabel {_lit(EVIL_LABEL)} ;
    rbv:afkorting {_lit(EVIL_ABBREVIATION)} .
rbvo:t-gamma a rbv:Zorgpartner , rbv:Groep ; rdfs:label "gamma-partners"@nl ; skos:prefLabel "gamma-partners"@nl .
rbvo:t-delta a rbv:Politieonderdeel ; rdfs:label "Delta-team"@nl ; skos:prefLabel "Delta-team"@nl .
rbvo:t-epsilon a rbv:Provincie ; rdfs:label "Epsilon"@nl ; skos:prefLabel "Epsilon"@nl .
act:t-programma a rbv:Programma ; rdfs:label "Programma Pi"@nl .
act:t-deel a rbv:Project ; rdfs:label "Deelproject Rho"@nl .
""" + "".join([
    _fact("rbvo:t-alfa", "rbv:voertUit", "act:t-programma", "2.2.2", "alfa voert het programma uit"),
    _fact("act:t-programma", "rbv:deelnemer", "rbvo:t-beta", "2.2.2", "beta doet mee"),
    _fact("rbvo:t-gamma", "rbv:financiert", "act:t-programma", "3.1.1", EVIL_QUOTE),
    _fact("rbvo:t-delta", "rbv:neemtDeelAan", "act:t-deel", "2.2.5", "delta doet mee aan het deelproject"),
    _fact("act:t-deel", "rbv:onderdeelVan", "act:t-programma", "2.2.5", "rho hoort bij pi"),
    _fact("rbvo:t-alfa", "rbv:werktSamenMet", "rbvo:t-delta", "2.1.4", "alfa en delta werken samen"),
    _fact("act:t-programma", "rbv:heeftThema", "thema:bankhelpdeskfraude", "4.1", "pi gaat over bankhelpdeskfraude"),
]) + """
rbvo:t-beta rbv:provincie rbvo:t-epsilon .
[] a rbv:Bewijs ; rdf:subject rbvo:t-beta ; rdf:predicate rbv:provincie ; rdf:object rbvo:t-epsilon ; rbv:bron bron:cbs .
rbvo:t-delta org:subOrganizationOf rbvo:t-alfa .
"""


def make_project(root: Path, real: Project) -> Project:
    """A project folder with the real ontology, sections and themes, and DATA as its only facts."""
    shutil.copytree(real.ontology_dir, root / "ontology")
    triples = root / "data" / "triples"
    triples.mkdir(parents=True)
    for name in ("jaarverslag-2023/jaarverslag.ttl", "themas.ttl"):
        (triples / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real.triples_dir / name, triples / name)
    (triples / "test.ttl").write_text(DATA, encoding="utf-8")
    (root / "queries").mkdir()
    return Project(root)


def store_with_inferred(proj: Project) -> ox.Store:
    """The project's store plus a few triples in the inferred graph: one new link, two that repeat asserted ones."""
    store = load_store(proj)
    graph = ox.NamedNode(INFERRED_GRAPH)
    for s, p, o in ((BETA, ONTOLOGY + "werktSamenMet", DELTA),        # new: only inferred
                    (DELTA, ONTOLOGY + "werktSamenMet", ALFA),        # the symmetric twin of an asserted link
                    (PROGRAMME, ONTOLOGY + "uitgevoerdDoor", ALFA)):  # the inverse of an asserted link
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o), graph))
    return store


def chapter_two_store(real: Project) -> ox.Store:
    """The ontology, sections, themes, actoren.ttl and chapter 2 only: the part the structure tests check by hand."""
    files = [p for p in sorted(real.ontology_dir.glob("*.ttl")) if p.name != "shapes.ttl"]
    files += [real.triples_dir / n for n in ("jaarverslag-2023/jaarverslag.ttl", "themas.ttl", "actoren.ttl")]
    files += sorted((real.triples_dir / "jaarverslag-2023" / "h2").glob("*.ttl"))
    store = ox.Store()
    for path in files:
        store.extend(parse_file(path, real.graph_name(path)))
    return store
