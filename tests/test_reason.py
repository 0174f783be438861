"""Inference: what the closure adds (exactly, on a small graph), that it carries no noise, that leaving evidence and
figures out of the reasoner loses nothing, and that the cache is used, keyed right, and survives damage."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from rbvgraph.graph import reason
from rbvgraph.util import cache
from .helpers import load_store
from rbvgraph.vocab import INFERRED_GRAPH, INSTANCES, PREFIXES

from .projects import STABLE, make_project

ORG = "http://www.w3.org/ns/org#"
SKOS = PREFIXES["skos"]
RBV = "https://w3id.org/rbvgraph/def#"
O = INSTANCES + "organisatie/"
T = INSTANCES + "thema/"

SMALL = """
rbvo:team-milieu a rbv:Politieonderdeel ; rdfs:label "Team Milieu"@nl ; org:subOrganizationOf rbvo:drr .
rbvo:drr a rbv:Politieonderdeel ; rdfs:label "DRR"@nl ; org:subOrganizationOf rbvo:eenheid .
rbvo:eenheid a rbv:Politieonderdeel ; rdfs:label "eenheid"@nl ; org:subOrganizationOf rbvo:politie .
rbvo:politie a rbv:Politieorganisatie ; rdfs:label "politie"@nl .
rbvo:om a rbv:Justitieorganisatie ; rdfs:label "OM"@nl ; rbv:werktSamenMet rbvo:politie .
rbvo:gemeenten a rbv:Groep ; rdfs:label "gemeenten"@nl ; org:memberOf rbvo:riec .
rbvo:riec a rbv:Samenwerkingsverband ; rdfs:label "RIEC"@nl .
thema:a a rbv:Thema ; skos:broader thema:b . thema:b a rbv:Thema ; skos:broader thema:c . thema:c a rbv:Thema .
"""


def _pairs(triples, predicate):
    return {(t.subject.value.rsplit("/", 1)[-1], t.object.value.rsplit("/", 1)[-1])
            for t in triples if t.predicate.value == predicate}


@pytest.fixture
def small(tmp_path):
    return make_project(tmp_path / "small", files=(), extra={"klein.ttl": SMALL})


def test_owlrl_closure_of_a_small_graph(small):
    triples = reason.closure(load_store(small), small, "owlrl").triples
    assert _pairs(triples, ORG + "transitiveSubOrganizationOf") == {
        ("team-milieu", "drr"), ("team-milieu", "eenheid"), ("team-milieu", "politie"),
        ("drr", "eenheid"), ("drr", "politie"), ("eenheid", "politie")}
    assert _pairs(triples, ORG + "hasSubOrganization") == {("drr", "team-milieu"), ("eenheid", "drr"), ("politie", "eenheid")}
    assert _pairs(triples, RBV + "werktSamenMet") == {("politie", "om")}
    assert _pairs(triples, ORG + "hasMember") == {("riec", "gemeenten")}
    assert _pairs(triples, SKOS + "broaderTransitive") == {("a", "b"), ("a", "c"), ("b", "c")}
    assert _pairs(triples, SKOS + "narrower") == {("b", "a"), ("c", "b")}
    types = _pairs(triples, PREFIXES["rdf"] + "type")
    assert {("team-milieu", "def#Overheidsorganisatie"), ("om", "def#Organisatie"), ("gemeenten", "def#Organisatie"),
            ("a", "core#Concept")} <= types


def test_rdfs_closure_follows_hierarchies_but_not_inverses(small):
    triples = reason.closure(load_store(small), small, "rdfs").triples
    assert _pairs(triples, ORG + "transitiveSubOrganizationOf") == {("team-milieu", "drr"), ("drr", "eenheid"), ("eenheid", "politie")}
    assert _pairs(triples, RBV + "werktSamenMet") == set()
    assert _pairs(triples, ORG + "hasMember") == set()
    assert ("team-milieu", "def#Overheidsorganisatie") in _pairs(triples, PREFIXES["rdf"] + "type")


@pytest.mark.parametrize("level", ["rdfs", "owlrl"])
def test_inferred_triples_are_new_and_carry_no_noise(proj, level):
    store = load_store(proj)
    triples = reason.closure(store, proj, level).triples
    assert len(triples) > 1000
    for t in triples:
        assert not reason.is_noise(t), t
        assert not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode), t
        assert not list(store.quads_for_pattern(t.subject, t.predicate, t.object)), f"already asserted: {t}"


@pytest.mark.parametrize("triple, noise", [
    ((O + "om", PREFIXES["owl"] + "sameAs", O + "om"), True),
    ((O + "om", PREFIXES["rdf"] + "type", PREFIXES["owl"] + "Thing"), True),
    ((O + "om", PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "Resource"), True),
    ((RBV + "Gemeente", PREFIXES["rdfs"] + "subClassOf", RBV + "Gemeente"), True),
    ((RBV + "Gemeente", PREFIXES["owl"] + "equivalentClass", RBV + "Gemeente"), True),
    ((RBV + "Gemeente", PREFIXES["rdfs"] + "subClassOf", PREFIXES["owl"] + "Thing"), True),
    ((RBV + "cbsCode", PREFIXES["rdfs"] + "subPropertyOf", RBV + "cbsCode"), True),
    ((ORG + "memberOf", PREFIXES["rdfs"] + "domain", PREFIXES["owl"] + "Thing"), True),
    ((PREFIXES["owl"] + "Thing", PREFIXES["rdf"] + "type", PREFIXES["owl"] + "Class"), True),
    ((PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "type", PREFIXES["rdfs"] + "Datatype"), True),
    ((O + "om", PREFIXES["rdf"] + "type", RBV + "Organisatie"), False),
    ((RBV + "Gemeente", PREFIXES["rdfs"] + "subClassOf", ORG + "Organization"), False),
    ((O + "politie", RBV + "werktSamenMet", O + "om"), False),
], ids=lambda v: v if isinstance(v, bool) else " ".join(x.rsplit("/", 1)[-1] for x in v))
def test_noise_filter(triple, noise):
    assert reason.is_noise(ox.Triple(*(ox.NamedNode(x) for x in triple))) is noise


def test_blank_nodes_are_noise():
    assert reason.is_noise(ox.Triple(ox.BlankNode(), ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(RBV + "Bewijs")))


def _full_closure(store, engine):
    """What ``engine`` derives from every asserted triple, filtered as reason.compute filters it."""
    from rbvgraph.util.terms import to_ox_term

    from .rdflib_engine import union_graph

    graph = union_graph(store)
    before = set(graph)
    engine(graph, False, False).closure()
    found = set()
    for s, p, o in set(graph) - before:
        if reason._rdflib_noise(s, p, o):
            continue
        t = ox.Triple(to_ox_term(s), to_ox_term(p), to_ox_term(o))
        if not reason.is_noise(t) and not list(store.quads_for_pattern(t.subject, t.predicate, t.object)):
            found.add(t)
    return found


def test_leaving_evidence_figures_and_labels_out_of_the_reasoner_loses_nothing(tmp_path):
    """The closure of the reduced input equals the closure of every asserted triple, on the stable files."""
    proj = make_project(tmp_path / "stable")
    store = load_store(proj)
    full = _full_closure(store, reason._engine("owlrl"))
    assert len(full) > 500
    assert set(reason.closure(store, proj, "owlrl").triples) == full


def test_skipping_owlrl_self_links_loses_nothing(small):
    """owlrl's own OWL 2 RL rules, eq-ref included, derive the same filtered closure as the faster engine."""
    import owlrl

    store = load_store(small)
    assert _full_closure(store, owlrl.OWLRL_Semantics) == set(reason.closure(store, small, "owlrl").triples)


def test_load_store_keeps_inferred_triples_in_their_own_graph(small):
    plain = load_store(small)
    store = load_store(small, "owlrl")
    inferred = [q for q in store if q.graph_name == ox.NamedNode(INFERRED_GRAPH)]
    assert len(inferred) == len(reason.closure(plain, small, "owlrl").triples)
    assert len(store) - len(inferred) == len(plain)


def _entry(proj, level="owlrl"):
    name = f"closure-{level}-{reason.cache_key(proj, level)}"
    return cache.cache_dir() / f"{name}.nt", cache.cache_dir() / f"{name}.json"


def test_second_run_reads_the_cache(small, tmp_path, monkeypatch):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "cache"))
    store = load_store(small)
    cold = reason.closure(store, small, "owlrl")
    warm = reason.closure(store, small, "owlrl")
    assert (cold.cached, warm.cached) == (False, True)
    assert warm.triples == cold.triples
    data, note = _entry(small)
    assert data.is_file() and json.loads(note.read_text())["triples"] == len(cold.triples)


def _damage(data, note, how: str) -> None:
    """Spoil a cache entry: its data file (garbage, cut short, gone) or its note; 'none' leaves it whole."""
    if how == "garbage":
        data.write_bytes(b"<not n-triples\n\x00\xff")
    elif how == "truncated":
        data.write_text("".join(data.read_text().splitlines(keepends=True)[:-3]))
    elif how == "note":
        note.write_text("{")
    elif how == "missing-data":
        data.unlink()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "note", "missing-data"])
def test_a_damaged_cache_entry_is_recomputed(small, tmp_path, monkeypatch, damage):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "cache"))
    store = load_store(small)
    good = reason.closure(store, small, "owlrl").triples
    data, note = _entry(small)
    _damage(data, note, damage)
    again = reason.closure(store, small, "owlrl")
    assert (again.cached, again.triples) == (False, good)
    assert reason.closure(store, small, "owlrl").cached, "the entry was written anew"


def _inferred(store):
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(INFERRED_GRAPH))}


@pytest.mark.parametrize("damage", ["none", "garbage", "truncated", "note"])
def test_a_cached_closure_is_loaded_straight_from_its_file_only_when_whole(small, tmp_path, monkeypatch, damage):
    """load_store(owlrl) in a fresh process parses the cached file into the store; a file whose size is not the
    one its note recorded is computed anew instead (and never half loaded)."""
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "cache"))
    expected = set(reason.closure(load_store(small), small, "owlrl").triples)
    data, note = _entry(small)
    _damage(data, note, damage)
    calls, reads = [], []
    monkeypatch.setattr(reason, "compute", lambda *a, _c=reason.compute: calls.append(1) or _c(*a))
    monkeypatch.setattr(cache, "read", lambda *a, _r=cache.read: reads.append(1) or _r(*a))
    store = load_store(small, "owlrl")
    assert _inferred(store) == {(t.subject, t.predicate, t.object) for t in expected}
    assert (calls, reads) == (([], []) if damage == "none" else ([1], [1]))
    assert cache.data(data.stem)[0] == data.read_bytes()  # whole again


def test_an_unwritable_cache_is_skipped(small, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RBVGRAPH_CACHE", str(blocker / "cache"))
    result = reason.closure(load_store(small), small, "owlrl")
    assert not result.cached and _pairs(result.triples, ORG + "hasMember") == {("riec", "gemeenten")}


def test_cache_key_follows_inputs_and_level(small):
    key = reason.cache_key(small, "owlrl")
    assert reason.cache_key(small, "rdfs") != key
    path = small.triples_dir / "klein.ttl"
    path.write_text(path.read_text() + "\nrbvo:x a rbv:Groep .\n")
    assert reason.cache_key(small, "owlrl") != key


def test_the_fingerprint_sees_an_edit_that_keeps_the_size(small):
    """Digests are remembered per file by size and modification time: a same-size edit still counts."""
    import os

    before = small.fingerprint()
    assert small.fingerprint() == before
    path = small.triples_dir / "klein.ttl"
    text = path.read_text()
    stat = path.stat()
    path.write_text(text[::-1])  # the same characters, so the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later time, even on a coarse clock
    assert path.stat().st_size == stat.st_size
    assert small.fingerprint() != before


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "a"))
    assert cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("RBVGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "rbvgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "rbvgraph"


def test_stable_files_are_there():
    from rbvgraph.project import project

    assert all((project().triples_dir / name).is_file() for name in STABLE)


def test_owlrl_gets_its_own_namespaces_back(small):
    import owlrl.OWLRL
    import owlrl.RDFSClosure
    from rdflib.namespace import OWL, RDF, RDFS

    reason.compute(load_store(small), "owlrl")
    assert (owlrl.OWLRL.OWL, owlrl.OWLRL.RDF, owlrl.OWLRL.RDFS, owlrl.RDFSClosure.RDFS) == (OWL, RDF, RDFS, RDFS)


def test_reasonable_gives_exactly_owlrls_closure_on_the_real_graph(proj, store):
    """The optional faster reasoner, with the two schema rules it lacks (scm-dom1, scm-rng1) applied, gives the same
    filtered OWL 2 RL closure as owlrl, triple for triple; without them it lacks only those schema triples."""
    by_owlrl, _ = reason.compute(store, "owlrl", "owlrl")
    by_reasonable, complaints = reason.compute(store, "owlrl", "reasonable")
    assert len(by_owlrl) > 2000
    assert set(by_reasonable) == set(by_owlrl) and complaints == []
    import reasonable
    from rdflib.namespace import RDFS

    engine = reasonable.PyReasoner()
    graph = reason.reasoner_input(store)
    engine.from_graph(graph)
    bare = set(engine.reason())
    missing = reason._schema_rules(bare) - bare
    assert missing and {p for _, p, _ in missing} == {RDFS.domain, RDFS.range}


def test_the_reasoner_is_chosen_by_the_environment(small, monkeypatch):
    owlrl_key = reason.cache_key(small, "owlrl")
    monkeypatch.setenv(reason.REASONER_VAR, "reasonable")
    assert (reason.reasoner("owlrl"), reason.reasoner("rdfs")) == ("reasonable", "owlrl")  # it has no RDFS-only mode
    assert reason.cache_key(small, "owlrl") != owlrl_key  # a closure is cached per reasoner
    store = load_store(small)
    assert _pairs(reason.closure(store, small, "owlrl").triples, ORG + "hasMember") == {("riec", "gemeenten")}


def test_an_unknown_reasoner_is_one_line(monkeypatch, cli_run):
    from .helpers import assert_one_line_error

    monkeypatch.setenv(reason.REASONER_VAR, "hermit")
    assert_one_line_error(*cli_run("query", "onderdelen"), "RBVGRAPH_REASONER='hermit'", "owlrl, reasonable")
