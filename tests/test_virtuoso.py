"""rbvgraph against a real Virtuoso 7 on 127.0.0.1: ``push`` logs in with HTTP Digest, and every named query gives
the same answer there as on the local Oxigraph store."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from decimal import Decimal, InvalidOperation
from functools import partial
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest
from click.testing import CliRunner

from rbvgraph.cli import cli
from rbvgraph.graph.export import triples
from rbvgraph.project import project
from rbvgraph.sparql.named import catalogue
from rbvgraph.vocab import DEFAULT_GRAPH, DEFAULT_INFERENCE

from .conftest import VIRTUOSO_PASSWORD
from .helpers import assert_one_line_error, load_store
from .servers import VIRTUOSO_USER

pytestmark = pytest.mark.slow

assert_remote_error = partial(assert_one_line_error, exit_code=3)


def run_cli(*args, env=None):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)
    return result.exit_code, result.stdout, result.stderr


def select(base: str, query: str) -> list[dict]:
    """Ask Virtuoso's anonymous /sparql endpoint (it reads every graph)."""
    request = Request(f"{base}/sparql?{urlencode({'query': query})}",
                      headers={"Accept": "application/sparql-results+json"})
    with urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())["results"]["bindings"]


def graphs(base: str) -> dict[str, int]:
    """Our graphs in the store (every graph under the default graph's IRI) and how many triples each holds."""
    rows = select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                        f"FILTER(STRSTARTS(STR(?g), \"{DEFAULT_GRAPH}\")) }} GROUP BY ?g")
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture(scope="module")
def local_triples():
    return len(triples(load_store(project(), DEFAULT_INFERENCE), "all"))


def push(base: str, *options: str, password: str | None = VIRTUOSO_PASSWORD):
    login = ("--user", VIRTUOSO_USER, "--password", password) if password is not None else ()
    return run_cli("push", "--endpoint", f"{base}/sparql-graph-crud-auth", "--inference", DEFAULT_INFERENCE,
                   *login, *options, env={"RBVGRAPH_TOKEN": None, "RBVGRAPH_PASSWORD": None})


@pytest.fixture(scope="module")
def pushed(virtuoso, local_triples):
    """The graph with the OWL 2 RL closure, pushed with the Digest login and swapped in with MOVE at /sparql-auth."""
    code, out, err = push(virtuoso.base, "--update-endpoint", f"{virtuoso.base}/sparql-auth")
    assert code == 0, err
    assert out == (f"pushed {local_triples} triples into <{DEFAULT_GRAPH}> at {virtuoso.base}/sparql-graph-crud-auth "
                   "(uploaded to a temporary graph, swapped in with MOVE)\n")
    return virtuoso.base


def test_digest_push_puts_every_triple_into_the_graph(pushed, local_triples):
    assert graphs(pushed) == {DEFAULT_GRAPH: local_triples}, "every triple, and no temporary graph left"


def test_digest_push_without_update_endpoint_replaces(pushed, local_triples):
    code, out, err = push(pushed)
    assert code == 0, err
    assert out.endswith("swapped in with PUT)\n")
    assert graphs(pushed) == {DEFAULT_GRAPH: local_triples}


def test_wrong_password_is_one_line_and_changes_nothing(pushed, local_triples):
    code, out, err = push(pushed, password="fout")
    assert_remote_error(code, out, err, f"PUT {pushed}/sparql-graph-crud-auth?graph=", "HTTP 401",
                        f"the server did not accept user '{VIRTUOSO_USER}' (Digest)")
    assert graphs(pushed) == {DEFAULT_GRAPH: local_triples}


def test_no_login_is_one_line_and_changes_nothing(pushed, local_triples):
    code, out, err = push(pushed, password=None)
    assert_remote_error(code, out, err, "HTTP 401", "the server wants a user name and password (--user, --password)")
    assert graphs(pushed) == {DEFAULT_GRAPH: local_triples}


# ---- every named query: the same rows at Virtuoso as locally

def _readme_cases() -> list[tuple[str, tuple[str, ...]]]:
    """Every named query with its defaults, and with the parameters of each example in README.md."""
    cases = [(name, ()) for name in sorted(catalogue(project()))]
    text = (project().root / "README.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"rbvgraph query (\S+)((?: -p \S+?=(?:\"[^\"]*\"|\S+))+)", line)
        if m and "--endpoint" not in line and (m.group(1), ()) in cases:
            case = (m.group(1), tuple(shlex.split(m.group(2))[1::2]))
            if case not in cases:
                cases.append(case)
    return cases


CASES = _readme_cases()
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")


def _cell(value: str):
    """A number as its value (Virtuoso writes a decimal or double in its own way: 1.0E1, 10.0), else the text."""
    if _NUMBER.fullmatch(value):
        try:
            return Decimal(value).normalize()
        except InvalidOperation:
            pass
    return value


def _rows(text: str) -> list[list]:
    return [[_cell(value) for value in row] for row in csv.reader(io.StringIO(text))]


def test_cases_cover_the_readme_examples():
    assert len(CASES) > len(catalogue(project())), "the README's examples with parameters are among the cases"
    assert ("programmas-per-thema", ("thema=Wadden en havens",)) in CASES


@pytest.mark.parametrize("name,params", CASES, ids=[" ".join((n, *p)) for n, p in CASES])
def test_named_query_gives_the_local_answer_at_virtuoso(pushed, name, params):
    options = [part for param in params for part in ("-p", param)]
    code, local, err = run_cli("query", name, *options, "-f", "csv")
    assert code == 0, err
    code, remote, err = run_cli("query", name, *options, "-f", "csv", "--endpoint", f"{pushed}/sparql",
                                "--graph", DEFAULT_GRAPH)
    assert code == 0, err
    expected, got = _rows(local), _rows(remote)
    assert len(expected) > 1, "the query answers locally"
    if "ORDER BY" not in catalogue(project())[name].text.upper():
        expected, got = expected[:1] + sorted(expected[1:]), got[:1] + sorted(got[1:])
    assert got == expected
