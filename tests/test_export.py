"""Export: every format parses back to exactly the graph that was loaded."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.compare import isomorphic

from rbvgraph.convert import store_to_dataset, union_graph
from rbvgraph.export import FORMATS, serialise

GRAPH_FORMATS = [f for f, (fmt, _) in FORMATS.items() if not fmt.supports_datasets]
DATASET_FORMATS = [f for f, (fmt, _) in FORMATS.items() if fmt.supports_datasets]
RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig", "nquads": "nquads"}


@pytest.fixture(scope="module")
def loaded(store):
    return union_graph(store)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_export_round_trips_isomorphic(store, loaded, fmt):
    back = rdflib.Graph().parse(data=serialise(store, fmt, "all"), format=RDFLIB_NAMES[fmt])
    assert len(back) == len(loaded)
    assert isomorphic(back, loaded)


@pytest.mark.parametrize("fmt", DATASET_FORMATS)
def test_dataset_export_keeps_every_named_graph(store, fmt):
    loaded = store_to_dataset(store)
    back = rdflib.Dataset()
    back.parse(data=serialise(store, fmt, "all"), format=RDFLIB_NAMES[fmt])
    names = lambda ds: sorted(str(g.identifier) for g in ds.graphs() if len(g))
    assert names(back) == names(loaded)
    for graph in loaded.graphs():
        if len(graph):
            assert isomorphic(back.graph(graph.identifier), graph), graph.identifier


def test_turtle_uses_the_project_prefixes(store):
    text = serialise(store, "turtle", "asserted").decode("utf-8")
    assert "@prefix rbvo: <https://w3id.org/rbvgraph/id/organisatie/> ." in text
    assert "rbvo:riec-noord-nederland" in text


def test_export_cli_writes_file_atomically(cli_run, tmp_path):
    target = tmp_path / "rbv.jsonld"
    code, _, err = cli_run("export", "-f", "jsonld", "-o", target)
    assert code == 0 and f"wrote {target}" in err
    back = rdflib.Dataset()
    back.parse(target, format="json-ld")
    assert len(back) > 1000, "JSON-LD keeps the named graphs: count quads over the dataset"
    assert [p.name for p in tmp_path.iterdir()] == ["rbv.jsonld"]
