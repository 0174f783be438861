"""Shared fixtures: the project, the loaded graph (asserted), the report text."""

from __future__ import annotations

import pytest

from rbvgraph.project import project as _project

from rbvgraph.validation.source import Report

from .helpers import load_store


@pytest.fixture(scope="session")
def proj():
    return _project()


@pytest.fixture(scope="session")
def store(proj):
    return load_store(proj)


@pytest.fixture(scope="session")
def report(proj):
    """The report's text as the project ships it (data/sources/), split into sections."""
    return Report.load(proj.report_text("jaarverslag-2023"))


@pytest.fixture
def project_copy(tmp_path, proj):
    """A writable copy of the project's ontology, triples and queries, for tests that break things."""
    import shutil

    root = tmp_path / "project"
    for part in ("ontology", "data/triples", "data/sources", "queries"):
        shutil.copytree(proj.root / part, root / part)
    return root


@pytest.fixture
def cli_run():
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from rbvgraph.cli import cli

    def invoke(*args, home=None):
        runner = CliRunner()
        prefix = ["--home", str(home)] if home else []
        result = runner.invoke(cli, prefix + [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture(scope="session")
def served(tmp_path_factory):
    """``rbvgraph serve`` as a real process on 127.0.0.1 (15 s time limit, 1 MB results, a build folder to link,
    one more host name, 2 s for a request to arrive).

    Yields the running server (``.base`` is its URL, ``.log`` its output); it is stopped after the session.
    """
    from .servers import rbvgraph_server

    tmp = tmp_path_factory.mktemp("serve")
    build = tmp / "build"
    (build / "netwerken").mkdir(parents=True)
    (build / "index.html").write_text("<html><head><title>Overzicht &amp; netwerken</title></head></html>", "utf-8")
    (build / "netwerken" / "riec.html").write_text("<title>Netwerk <RIEC></title><p>netwerk</p>", "utf-8")
    server = rbvgraph_server(tmp, "--timeout", "15", "--max-result-mb", "1", "--workers", "2", "--build", str(build),
                             "--allow-host", "graaf.test", "--request-timeout", "2")
    yield server
    server.stop()


@pytest.fixture(scope="session", autouse=True)
def closure_cache(tmp_path_factory):
    """Reasoning results go to a cache folder of this test session, never the user's ~/.cache/rbvgraph."""
    folder = tmp_path_factory.mktemp("closure-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RBVGRAPH_CACHE", str(folder))
        yield folder



VIRTUOSO_PASSWORD = "rbv-geheim-7"  # the password of the fixture's Virtuoso user (servers.VIRTUOSO_USER)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Virtuoso 7 (Debian's virtuoso-t) as a real process on 127.0.0.1 with a fresh database and a non-anonymous
    user who may write graphs (``servers.VIRTUOSO_USER`` / ``VIRTUOSO_PASSWORD``); stopped after the session."""
    from .servers import virtuoso_server

    server = virtuoso_server(tmp_path_factory.mktemp("virtuoso"), VIRTUOSO_PASSWORD)
    yield server
    server.stop()
