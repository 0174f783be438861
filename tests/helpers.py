"""Helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import pyoxigraph as ox

from rbvgraph.graph import open_graph
from rbvgraph.network.facts import read_facts
from rbvgraph.network.projection import organisation_graph


def load_store(proj, inference: str = "none") -> ox.Store:
    """The project's graph loaded into memory at ``inference``, as its store."""
    return open_graph(proj, inference).store


def open_store(proj, inference: str = "none") -> ox.Store:
    """The store a one-shot command opens: for a big project the on-disk copy."""
    return open_graph(proj, inference, one_shot=True).store


def collaboration_graph(store: ox.Store):
    """The whole collaboration network of the organisations in ``store``."""
    return organisation_graph(read_facts(store))


def select(store, query: str, **substitutions):
    """Rows of a SELECT over the union of all graphs, each as a tuple of plain values (None when unbound)."""
    subs = {ox.Variable(k): v for k, v in substitutions.items()}
    result = store.query(query, use_default_graph_as_union=True, substitutions=subs)
    names = [v.value for v in result.variables]
    return [tuple(row[n].value if row[n] is not None else None for n in names) for row in result]


def assert_one_line_error(code, out, err, *fragments, exit_code=2):
    """A failure reported as rbvgraph promises: the exit code, nothing on stdout, one line on stderr, no traceback."""
    assert code == exit_code, (out, err)
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("rbvgraph: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


def block_network(context) -> list[str]:
    """Let a Playwright browser context load only ``file://`` addresses: every other request is aborted, and its
    address is added to the list returned (a page that works offline leaves it empty)."""
    blocked: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return blocked
