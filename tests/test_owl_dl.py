"""OWL 2 DL, checked by the field's own tools with Java: the OWL API's OWL 2 DL profile check (Debian's
libowlapi-java) and a strict HermiT load (the HermiT jar owlready2 ships), on the ontology alone and on the ontology
with the data (what ``rbvgraph export --part asserted`` writes). The profile violations that remain are exactly the
ones ontology/README.md lists with their reason: a new one fails here.

The two small checkers are tests/owl/*.java, compiled once per session into a temporary folder.
"""

from __future__ import annotations

import collections
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from rbvgraph.graph.export import serialise
from rbvgraph.vocab import INSTANCES, ONTOLOGY, PREFIXES

from .helpers import select

pytestmark = pytest.mark.slow

SOURCES = Path(__file__).parent / "owl"
JARS = Path("/usr/share/java")
# Debian's OWL API 5 and what it needs to load its parsers (all dependencies of libowlapi-java)
OWLAPI_JARS = ("owlapi-distribution", "guava", "caffeine", "commons-io", "commons-rdf-api", "hppcrt", "jsr305",
               "slf4j-api", "slf4j-nop", "atinject-jsr330-api", "commons-codec", "xz", "jackson-core",
               "jackson-databind", "jackson-annotations", "commons-logging")

# Every profile violation that may remain on ontology + data, by kind and term (ontology/README.md says why)
REMAINING_KIND = ("UseOfReservedVocabularyForAnnotationPropertyIRI", "rdf:object")


@pytest.fixture(scope="session")
def checkers(tmp_path_factory) -> dict[str, list[str]]:
    """The java command line of each checker, its class compiled for this session."""
    for tool in ("java", "javac"):
        assert shutil.which(tool), f"{tool} is missing: .ci/setup installs a JDK (default-jdk-headless)"
    owlapi = [JARS / f"{name}.jar" for name in OWLAPI_JARS]
    owlapi += sorted(p for p in JARS.glob("rdf4j-*.jar") if not re.search(r"-\d[\d.]*\.jar$", p.name))
    missing = [p.name for p in owlapi if not p.is_file()]
    assert not missing, f"OWL API jars missing in {JARS}: {missing} (.ci/setup installs libowlapi-java)"
    spec = importlib.util.find_spec("owlready2")
    assert spec and spec.submodule_search_locations, "owlready2 (a test dependency) ships HermiT: pip install -e '.[test]'"
    hermit = Path(spec.submodule_search_locations[0]) / "hermit" / "HermiT.jar"
    assert hermit.is_file(), f"no HermiT jar at {hermit}"
    commands = {}
    for name, classpath in (("ProfileCheck", owlapi), ("HermitCheck", [hermit])):
        classes = tmp_path_factory.mktemp(name)
        path = ":".join(str(p) for p in classpath)
        subprocess.run(["javac", "-nowarn", "-d", str(classes), "-cp", path, str(SOURCES / f"{name}.java")],
                       check=True, capture_output=True, timeout=300)
        commands[name] = ["java", "-Dfile.encoding=UTF-8", "-cp", f"{classes}:{path}", name]
    return commands


@pytest.fixture(scope="session")
def documents(proj, store, tmp_path_factory) -> dict[str, Path]:
    """N-Triples files: the ontology alone, and the ontology with the data as the asserted export writes it."""
    folder = tmp_path_factory.mktemp("owl-dl")
    ontology = ox.Store()
    for path in proj.source_files():
        if path.parent == proj.ontology_dir:
            ontology.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    files = {"ontology": folder / "ontologie.nt", "ontology+data": folder / "ontologie-en-data.nt"}
    files["ontology"].write_bytes(serialise(ontology, "nt", "asserted"))
    files["ontology+data"].write_bytes(serialise(store, "nt", "asserted"))
    return files


def run(command: list[str], path: Path) -> list[str]:
    done = subprocess.run(command + [str(path)], capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done.stdout.decode("utf-8", "replace").splitlines()


def profile(checkers, path: Path) -> collections.Counter:
    """(kind, term) of each OWL 2 DL profile violation, counted."""
    lines = run(checkers["ProfileCheck"], path)
    assert lines[-1] == f"violations {len(lines) - 1}", lines[-1]
    return collections.Counter(tuple(line.split("\t")[:2]) for line in lines[:-1])


def literal_evidence(store) -> int:
    """Evidence nodes whose statement has a literal object (a CBS code, a BWB id, a yes/no of the text)."""
    (count,) = select(store, f"""PREFIX rbv: <{ONTOLOGY}> PREFIX rdf: <{PREFIXES['rdf']}>
        SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a rbv:Bewijs ; rdf:object ?o FILTER(isLiteral(?o)) }}""")[0]
    return int(count)


def test_the_ontology_alone_is_owl2_dl(checkers, documents):
    assert profile(checkers, documents["ontology"]) == {}


def test_ontology_and_data_break_owl2_dl_only_where_the_readme_says(checkers, documents, store, proj):
    found = profile(checkers, documents["ontology+data"])
    assert found == {REMAINING_KIND: literal_evidence(store)}
    readme = (proj.ontology_dir / "README.md").read_text(encoding="utf-8")
    for kind, term in found:
        assert kind in readme and term in readme, f"ontology/README.md does not list {kind} ({term})"


@pytest.mark.parametrize("part", ["ontology", "ontology+data"])
def test_hermit_loads_it_strictly_and_finds_it_consistent(checkers, documents, part):
    assert run(checkers["HermitCheck"], documents[part]) == ["consistent true"]


PLANTED = {
    # a person and an organisation at once: the ontology makes them disjoint
    "contradiction": (f"<{INSTANCES}organisatie/riec-noord-nederland> <{PREFIXES['rdf']}type> <{ONTOLOGY}Persoon> .",
                      lambda lines: lines == ["consistent false"]),
    # a year as it was before: xsd:gYear is not in the OWL 2 datatype map, and strict HermiT stops on it
    "gYear": (f'<{INSTANCES}observatie/x> <{ONTOLOGY}jaar> "2023"^^<{PREFIXES["xsd"]}gYear> .',
              lambda lines: len(lines) == 1 and lines[0].startswith("unsupported-datatype ") and "gYear" in lines[0]),
}


@pytest.mark.parametrize("case", PLANTED)
def test_hermit_catches_what_is_planted(checkers, documents, tmp_path, case):
    triple, expected = PLANTED[case]
    planted = tmp_path / "geplant.nt"
    planted.write_bytes(documents["ontology+data"].read_bytes() + triple.encode() + b"\n")
    lines = run(checkers["HermitCheck"], planted)
    assert expected(lines), lines


def test_the_profile_check_catches_a_name_in_words_on_an_object_property(checkers, documents, tmp_path):
    """What the data held before: "NOS" as dcterms:creator, whose values are things."""
    planted = tmp_path / "geplant.nt"
    triple = f'<{INSTANCES}document/x> <{PREFIXES["dcterms"]}creator> "NOS" .\n'
    planted.write_bytes(documents["ontology+data"].read_bytes() + triple.encode())
    found = profile(checkers, planted) - profile(checkers, documents["ontology+data"])
    assert ("IllegalPunning", f"{PREFIXES['dcterms']}creator") in found
