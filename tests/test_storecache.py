"""The on-disk copy of the graph that one-shot commands open on big projects (rbvgraph.graph.storecache)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from rbvgraph.graph import open_graph, storecache
from rbvgraph.project import project
from rbvgraph.vocab import INFERRED_GRAPH

from .helpers import assert_one_line_error, load_store, open_store
from .projects import make_project


@pytest.fixture
def disk(monkeypatch, tmp_path):
    """Every project gets an on-disk copy, in a cache folder of this test."""
    monkeypatch.setenv(storecache.ENV_VAR, "always")
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "stores"


def _quads(store: ox.Store) -> set:
    """The quads, blank nodes aside (each load names them anew)."""
    return {q for q in store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


@pytest.mark.parametrize("inference", ["none", "owlrl"])
def test_the_copy_holds_the_same_graph_as_a_load(disk, proj, inference):
    copy = open_store(proj, inference)
    loaded = load_store(proj, inference)
    assert len(copy) == len(loaded)
    assert _quads(copy) == _quads(loaded)
    assert any(True for _ in copy.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH))) == \
        (inference == "owlrl")
    assert [p.name.split("-")[0] for p in disk.iterdir()] == [inference]


def test_the_copy_remembers_what_the_reasoner_added_and_said(disk, tmp_path):
    """A Graph opened from a copy carries the same reasoning as a load: the count of inferred triples and the
    reasoner's complaints, so 'reason' and 'validate' work the same on a big project."""
    small_project = make_project(tmp_path / "p")
    made = open_graph(small_project, "owlrl", one_shot=True)  # makes the copy
    reopened = open_graph(small_project, "owlrl", one_shot=True)  # opens it
    loaded = open_graph(small_project, "owlrl")
    assert made.reasoning.triples == reopened.reasoning.triples == loaded.reasoning.triples > 0
    assert made.reasoning.complaints == reopened.reasoning.complaints == loaded.reasoning.complaints
    assert reopened.reasoning.cached and len(list(disk.iterdir())) == 1


def test_a_named_query_gives_the_same_answer_from_the_copy(disk, proj, cli_run, monkeypatch):
    code, from_copy, _ = cli_run("query", "partners", "--param", "org=BOT", "-f", "csv")
    monkeypatch.setenv(storecache.ENV_VAR, "never")
    code_memory, in_memory, _ = cli_run("query", "partners", "--param", "org=BOT", "-f", "csv")
    assert code == code_memory == 0
    assert sorted(from_copy.splitlines()) == sorted(in_memory.splitlines())
    assert "2.1.4" in from_copy and len(from_copy.splitlines()) == 5  # header + the four rows of test_queries
    assert len(list(disk.iterdir())) == 1


def test_the_copy_is_made_once_and_made_again_when_an_input_changes(disk, project_copy):
    home = project(project_copy)
    open_store(home)
    first = next(disk.iterdir())
    made = (first / "complete.json").stat().st_mtime_ns
    open_store(home)
    assert list(disk.iterdir()) == [first] and (first / "complete.json").stat().st_mtime_ns == made
    path = project_copy / "data" / "triples" / "jaarverslag-2023" / "voorwoord.ttl"
    path.write_text(path.read_text(encoding="utf-8") + "\n<https://w3id.org/rbvgraph/id/x> a <https://w3id.org/rbvgraph/def#Thema> .\n",
                    encoding="utf-8")
    store = open_store(home)
    assert len(list(disk.iterdir())) == 2
    assert ox.Quad(ox.NamedNode("https://w3id.org/rbvgraph/id/x"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                   ox.NamedNode("https://w3id.org/rbvgraph/def#Thema"),
                   ox.NamedNode("https://w3id.org/rbvgraph/graph/data/triples/jaarverslag-2023/voorwoord")) in store


def test_an_unfinished_or_damaged_copy_is_never_opened(disk, proj):
    folder = storecache.folder_for(proj, "none")
    (folder / "data").mkdir(parents=True)  # as a crash before the copy was complete would leave it
    (folder / "data" / "CURRENT").write_text("garbage\n")
    assert len(open_store(proj)) == len(load_store(proj))
    assert (folder / "complete.json").is_file()  # made anew in its place
    (folder / "data" / "CURRENT").write_text("garbage\n")  # damaged after it was made
    assert len(open_store(proj)) == len(load_store(proj))
    assert (folder / "complete.json").is_file()
    assert not list(disk.glob(".*"))  # no temporary folder left behind


def test_without_a_writable_cache_the_graph_is_loaded_into_memory(monkeypatch, tmp_path, proj):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(storecache.ENV_VAR, "always")
    monkeypatch.setenv("RBVGRAPH_CACHE", str(blocked))
    assert len(open_store(proj)) == len(load_store(proj))


def test_auto_uses_a_copy_only_from_four_megabytes_of_input(monkeypatch, proj):
    monkeypatch.setenv(storecache.ENV_VAR, "auto")
    files = proj.source_files()
    assert sum(p.stat().st_size for p in files) < storecache.THRESHOLD  # one report is about 1 MB
    assert not storecache.wanted(files)
    monkeypatch.setattr(storecache, "THRESHOLD", 1)
    assert storecache.wanted(files)


def test_a_wrong_setting_is_one_line(monkeypatch, cli_run):
    monkeypatch.setenv(storecache.ENV_VAR, "sometimes")
    assert_one_line_error(*cli_run("query", "afkortingen"), "RBVGRAPH_DISK_STORE", "auto, always, never")
