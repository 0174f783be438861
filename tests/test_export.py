"""Export: every format parses back to exactly the graph that was loaded; the parts hold what `rbvgraph stats`
counts; files get the user's umask."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from rbvgraph.util.terms import to_ox_term
from rbvgraph.graph import open_graph
from rbvgraph.graph.export import FORMATS, serialise, triples

DATASET_FORMATS = ["trig", "nquads"]  # and JSON-LD with graphs=True (tests/test_jsonld.py)
GRAPH_FORMATS = [f for f in FORMATS if f not in DATASET_FORMATS]
RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig", "nquads": "nquads"}


def canonical(quads) -> set:
    """The quads with blank nodes relabelled by RDF Dataset Canonicalization: equal sets mean isomorphic datasets.

    rdflib's own isomorphism test needs minutes for the 1,200 blank evidence nodes; Oxigraph's canonicalization
    takes milliseconds. The export is still parsed by rdflib, a parser independent of the one that wrote it.
    """
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


def loaded_quads(store, as_one_graph: bool) -> list:
    return [ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph() if as_one_graph else q.graph_name) for q in store]


def parsed_quads(data: bytes, fmt: str, dataset: bool) -> list:
    parsed = rdflib.Dataset() if dataset else rdflib.Graph()
    parsed.parse(data=data, format=RDFLIB_NAMES[fmt])
    if not dataset:
        return [ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), ox.DefaultGraph()) for s, p, o in parsed]
    return [ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o),
                    ox.NamedNode(str(g)) if g != rdflib.graph.DATASET_DEFAULT_GRAPH_ID else ox.DefaultGraph())
            for s, p, o, g in parsed.quads((None, None, None, None))]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_export_round_trips_isomorphic(store, fmt):
    back = parsed_quads(serialise(store, fmt, "all"), fmt, dataset=False)
    expected = canonical(loaded_quads(store, as_one_graph=True))
    assert len(set(back)) == len(expected)
    assert canonical(back) == expected


@pytest.mark.slow
@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_export_keeps_every_named_graph(store, fmt):
    back = parsed_quads(serialise(store, fmt, "all"), fmt, dataset=True)
    expected = canonical(loaded_quads(store, as_one_graph=False))
    assert {q.graph_name for q in back} == {q.graph_name for q in expected}
    assert canonical(back) == expected


def test_canonical_comparison_catches_a_changed_triple(store):
    quads = loaded_quads(store, as_one_graph=True)
    first = next(i for i, q in enumerate(quads) if isinstance(q.object, ox.Literal))
    changed = list(quads)
    changed[first] = ox.Quad(quads[first].subject, quads[first].predicate, ox.Literal("anders"), ox.DefaultGraph())
    assert canonical(changed) != canonical(quads)


def test_turtle_uses_the_project_prefixes(store):
    text = serialise(store, "turtle", "asserted").decode("utf-8")
    assert "@prefix rbvo: <https://w3id.org/rbvgraph/id/organisatie/> ." in text
    assert "rbvo:riec-noord-nederland" in text


def test_export_cli_writes_file_atomically(cli_run, tmp_path):
    target = tmp_path / "rbv.jsonld"
    code, _, err = cli_run("export", "-f", "jsonld", "--part", "ontology", "-o", target)
    assert code == 0 and f"wrote {target}" in err
    back = rdflib.Graph()
    back.parse(target, format="json-ld")
    assert len(back) > 800
    assert [p.name for p in tmp_path.iterdir()] == ["rbv.jsonld"]


def test_two_loads_export_the_same_bytes(proj):
    """Each load names blank nodes at random; the export names them after their triples, so integrators can diff."""
    first, second = (open_graph(proj, "owlrl").store for _ in range(2))
    assert {q.subject for q in first if isinstance(q.subject, ox.BlankNode)}.isdisjoint(
        {q.subject for q in second if isinstance(q.subject, ox.BlankNode)}), "two loads, two sets of names"
    for fmt in ("turtle", "trig"):  # every format takes the same sorted, renamed quads (all formats: the slow test)
        assert serialise(first, fmt, "all") == serialise(second, fmt, "all"), fmt


def test_an_export_read_back_exports_the_same_bytes(store):
    """A round trip: the exported dataset, parsed again (new blank nodes), gives the same export."""
    trig = serialise(store, "trig", "all")
    again = ox.Store()
    again.load(trig, format=ox.RdfFormat.TRIG)
    assert serialise(again, "trig", "all") == trig
    assert serialise(again, "turtle", "all") == serialise(store, "turtle", "all")


def test_a_changed_evidence_node_keeps_the_other_blank_node_names(store):
    """A blank node's name depends on its own triples: changing one evidence node renames only that one."""
    quads = list(store)
    evidence = next(q for q in quads if q.predicate.value.endswith("#citaat"))
    changed = ox.Store()
    changed.extend(q if q != evidence else ox.Quad(q.subject, q.predicate, ox.Literal("ander citaat", language="nl"),
                                                   q.graph_name) for q in quads)
    names = [{t for t in serialise(s, "nt", "all").decode().split() if t.startswith("_:")} for s in (store, changed)]
    assert len(names[0]) > 1000 and len(names[0] - names[1]) == len(names[1] - names[0]) == 1


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_is_byte_identical_from_run_to_run(fmt, tmp_path):
    import subprocess
    import sys

    outputs = []
    for run in range(2):
        target = tmp_path / f"{run}.{fmt}"
        done = subprocess.run([sys.executable, "-m", "rbvgraph", "export", "-f", fmt, "--inference", "owlrl", "-o",
                               str(target)], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100_000


def _nt_lines(data: bytes) -> int:
    return len(data.decode("utf-8").splitlines())


def test_parts_hold_what_stats_counts_and_data_holds_no_ontology(store):
    from rbvgraph.graph.stats import stats

    figures = stats(store)
    counts = figures["parts"]
    assert counts["inferred"] == 0 and counts["asserted"] == figures["triples"]
    chosen = {part: triples(store, part) for part in ("ontology", "data", "asserted")}
    assert {part: len(found) for part, found in chosen.items()} == {p: counts[p] for p in chosen}
    assert len(triples(store, ("data", "ontology"))) == counts["asserted"]
    declaration = ox.Triple(ox.NamedNode("https://w3id.org/rbvgraph/def#werktSamenMet"),
                            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                            ox.NamedNode("http://www.w3.org/2002/07/owl#ObjectProperty"))
    assert declaration in chosen["ontology"] and declaration not in chosen["data"]
    riec = ox.NamedNode("https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland")
    assert any(t.subject == riec for t in chosen["data"]) and not any(t.subject == riec for t in chosen["ontology"])


def test_part_inferred_with_inference_none_is_one_clear_error(cli_run):
    from .helpers import assert_one_line_error

    assert_one_line_error(*cli_run("export", "--part", "inferred", "--inference", "none"),
                          "--part inferred needs inference")


@pytest.mark.slow
def test_every_part_on_the_command_line_counts_what_stats_says(cli_run, tmp_path):
    code, out, _ = cli_run("stats", "--inference", "owlrl")
    line = next(line for line in out.splitlines() if line.startswith("triples per deel"))
    counts = {part: int(n) for part, n in (item.split() for item in line.split(": ", 1)[1].split(", "))}
    assert counts["inferred"] > 2000 and counts["asserted"] == counts["ontology"] + counts["data"] - 0
    for args, expected in [(["--part", "ontology"], counts["ontology"]), (["--part", "data"], counts["data"]),
                           (["--part", "asserted"], counts["asserted"]),
                           (["--part", "inferred"], counts["inferred"]),  # owlrl without being asked
                           (["--part", "inferred", "--inference", "owlrl"], counts["inferred"])]:
        code, out, err = cli_run("export", "-f", "nt", *args)
        assert code == 0, err
        assert _nt_lines(out.encode("utf-8")) == expected, args
    code, out, _ = cli_run("export", "-f", "nt", "--part", "data", "--part", "inferred", "--inference", "owlrl")
    data_and_inferred = _nt_lines(out.encode("utf-8"))
    assert counts["data"] < data_and_inferred <= counts["data"] + counts["inferred"]


@pytest.mark.slow
@pytest.mark.parametrize("mask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o027, 0o640, 0o750)],
                         ids=["umask-022", "umask-027"])
def test_export_and_build_write_with_the_users_umask(tmp_path, mask, file_mode, folder_mode):
    """A real process started with the umask set, as a shell would: new files and folders get 0666 / 0777 less
    it (they used to be 0600 and 0700)."""
    import os
    import stat
    import subprocess
    import sys

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "rbvgraph", *args], capture_output=True, text=True, timeout=600,
                              preexec_fn=lambda: os.umask(mask))
        assert done.returncode == 0, done.stderr

    run("export", "-f", "nt", "-o", str(tmp_path / "new" / "rbv.nt"))
    assert stat.S_IMODE((tmp_path / "new" / "rbv.nt").stat().st_mode) == file_mode
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == folder_mode
    run("build", "-o", str(tmp_path / "build"), "--inference", "none", "--no-validate")
    built = [tmp_path / "build", *(tmp_path / "build").rglob("*")]
    assert {stat.S_IMODE(p.stat().st_mode) for p in built if p.is_dir()} == {folder_mode}
    assert {stat.S_IMODE(p.stat().st_mode) for p in built if p.is_file()} == {file_mode}
