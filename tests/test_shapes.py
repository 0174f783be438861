"""Every shape of ontology/shapes.ttl against its valid and invalid example (tests/shapes/<Shape>-valid.ttl /
-invalid.ttl): the valid one passes every check, the invalid one breaks exactly its own shape, with its message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rbvgraph.graph import open_graph
from rbvgraph.project import Project, project
from rbvgraph.validation.validate import Shapes, validate

EXAMPLES = Path(__file__).parent / "shapes"
FILES = sorted(EXAMPLES.glob("*-valid.ttl")) + sorted(EXAMPLES.glob("*-invalid.ttl"))
SHAPES_IRI = "https://w3id.org/rbvgraph/shapes#"


def _check(example: Path, tmp_path: Path):
    """Validate a project made of the real ontology and shapes plus this one example as its only data file."""
    root = tmp_path / "project"
    shutil.copytree(project().ontology_dir, root / "ontology")
    shutil.copytree(project().report_text("jaarverslag-2023").parent, root / "data" / "sources")
    (root / "data" / "triples").mkdir(parents=True)
    shutil.copy(example, root / "data" / "triples" / example.name)
    proj = Project(root)
    return validate(open_graph(proj))


def test_every_shape_has_a_valid_and_an_invalid_example():
    names = {iri[len(SHAPES_IRI):] for iri in Shapes.load(project()).node_shapes}
    examples = {p.name.rsplit("-", 1)[0] for p in FILES}
    assert names == examples
    for name in names:
        assert (EXAMPLES / f"{name}-valid.ttl").is_file() and (EXAMPLES / f"{name}-invalid.ttl").is_file(), name


@pytest.mark.parametrize("example", FILES, ids=[p.name for p in FILES])
def test_example_behaves_as_its_name_says(example, tmp_path):
    shape, kind = example.stem.rsplit("-", 1)
    report = _check(example, tmp_path)
    if kind == "valid":
        assert [str(v) for v in report.violations] == []
        return
    assert report.violations, f"{example.name} should break {shape}"
    assert {v.shape for v in report.violations} == {f"rbv-shapes:{shape}"}
    messages = Shapes.load(project()).messages
    for v in report.violations:
        assert v.message == messages[SHAPES_IRI + v.rule.split(":", 1)[1]]
        assert v.file == f"data/triples/{example.name}"


def test_invalid_examples_name_the_node_property_and_value(tmp_path):
    lines = [str(v) for v in _check(EXAMPLES / "GemeenteShape-invalid.ttl", tmp_path).violations]
    assert lines == ['data/triples/GemeenteShape-invalid.ttl: gemeente Ameland (rbvo:gemeente-ameland) — CBS-code '
                     '(rbv:cbsCode): Een CBS-code van een gemeente is GM gevolgd door vier cijfers, zoals "GM0014", en '
                     'een gemeente heeft er hoogstens één (rbv:cbsCode, met de bron in data/triples/extern/). '
                     '(waarde: "GM060") [rbv-shapes:GemeenteShape-cbscode]']


def test_missing_quote_names_the_statement_the_evidence_is_for(tmp_path):
    violations = _check(EXAMPLES / "BewijsShape-invalid.ttl", tmp_path).violations
    assert [(v.node, v.rule) for v in violations] == [
        ("bewijs voor ‘Bestuurlijk Ondersteuningsteam — is onderdeel van — RIEC Noord-Nederland’", "rbv-shapes:BewijsShape-citaat-bij-sectie"),
        ("bewijs voor ‘Bestuurlijk Ondersteuningsteam — is onderdeel van — RIEC Noord-Nederland’", "rbv-shapes:BewijsShape-herkomst"),
    ]


def test_observation_problems_are_one_per_property(tmp_path):
    violations = _check(EXAMPLES / "ObservatieShape-invalid.ttl", tmp_path).violations
    assert sorted((v.rule, v.value) for v in violations) == [
        ("rbv-shapes:ObservatieShape-jaar", ""),
        ("rbv-shapes:ObservatieShape-waarde", '"9.827"'),
    ]


def test_a_misquote_says_where_the_quote_stands_instead(tmp_path):
    lines = sorted(str(v) for v in _check(EXAMPLES / "CitaatShape-invalid.ttl", tmp_path).violations)
    start = "data/triples/CitaatShape-invalid.ttl: bewijs voor "
    assert [line.split(": Dit citaat")[0] for line in lines] == [
        start + "‘Openbaar Ministerie — werkt samen met — politie’ — citaat (rbv:citaat)",
        start + "‘politie — werkt samen met — Openbaar Ministerie’ — citaat (rbv:citaat)"]
    assert lines[0].endswith('(waarde: "Samen met gemeenten, het OM en de politie" (niet in sectie Bijlage 2; wel in '
                             'sectie 2)) [rbv-shapes:CitaatShape]')
    assert lines[1].endswith('(waarde: "Samen met de gemeenten en het OM" (niet in sectie Bijlage 2; nergens in het '
                             'verslag)) [rbv-shapes:CitaatShape]')


def test_an_empty_data_file_is_named(tmp_path):
    lines = [str(v) for v in _check(EXAMPLES / "BestandShape-invalid.ttl", tmp_path).violations]
    assert lines == ["data/triples/BestandShape-invalid.ttl: het bestand: Dit bestand bevat geen enkele triple: het is "
                     "leeg of alles staat in commentaar. Zet de inhoud terug (git diff laat zien wat er verdween) of "
                     "verwijder het bestand. [rbv-shapes:BestandShape]"]
