"""Small projects for tests: the real ontology and queries with a chosen part of the data (or a fixture)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rbvgraph.project import Project, project

# Files whose content is settled (the report's structure, the themes, the core actors, outside identifiers, the
# figures): exact answers over them do not move when chapter files are added.
STABLE = ("actoren.ttl", "themas.ttl", "jaarverslag-2023/jaarverslag.ttl", "jaarverslag-2023/bijlage-3.ttl", "extern/gemeenten.ttl")


def make_project(root: Path, files=STABLE, extra: dict[str, str] | None = None) -> Project:
    """A project under ``root``: ontology/ and queries/ copied, the data ``files`` and the ``extra`` Turtle texts."""
    real = project()
    shutil.copytree(real.ontology_dir, root / "ontology")
    shutil.copytree(real.queries_dir, root / "queries")
    shutil.copytree(real.report_text("jaarverslag-2023").parent, root / "data" / "sources")
    for name in files:
        target = root / "data" / "triples" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real.triples_dir / name, target)
    for name, text in (extra or {}).items():
        target = root / "data" / "triples" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PREFIXES + text, encoding="utf-8")
    (root / "data" / "triples").mkdir(parents=True, exist_ok=True)
    return Project(root)


PREFIXES = """@prefix rbv:     <https://w3id.org/rbvgraph/def#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix org:     <http://www.w3.org/ns/org#> .
@prefix rbvo:    <https://w3id.org/rbvgraph/id/organisatie/> .
@prefix thema:   <https://w3id.org/rbvgraph/id/thema/> .
@prefix pers:    <https://w3id.org/rbvgraph/id/persoon/> .
@prefix sec:     <https://w3id.org/rbvgraph/id/jaarverslag-2023/sectie/> .
@prefix doc:     <https://w3id.org/rbvgraph/id/document/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


TEST_REPORT = Path(__file__).parent / "testverslag"


def two_reports(root: Path, replace: tuple[str, str] | None = None) -> Path:
    """A copy of the whole project under ``root`` with the made-up second report of tests/testverslag/ (test data:
    it never enters the shipped data) as data/triples/testverslag-2024/ and data/sources/testverslag-2024.txt;
    ``replace`` changes one piece of text in its Turtle (to break a quote, say)."""
    real = project()
    for part in ("ontology", "data/triples", "data/sources", "queries"):
        shutil.copytree(real.root / part, root / part)
    turtle = (TEST_REPORT / "testverslag-2024.ttl").read_text(encoding="utf-8")
    if replace:
        turtle = turtle.replace(*replace)
    (root / "data" / "triples" / "testverslag-2024").mkdir()
    (root / "data" / "triples" / "testverslag-2024" / "testverslag-2024.ttl").write_text(turtle, encoding="utf-8")
    shutil.copy(TEST_REPORT / "testverslag-2024.txt", root / "data" / "sources" / "testverslag-2024.txt")
    return root
