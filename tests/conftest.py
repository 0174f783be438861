"""Shared fixtures: the project, the loaded graph (asserted), the report text."""

from __future__ import annotations

import pytest

from rbvgraph.load import load_store
from rbvgraph.paths import project as _project
from rbvgraph.report import Report


@pytest.fixture(scope="session")
def proj():
    return _project()


@pytest.fixture(scope="session")
def store(proj):
    return load_store(proj)


@pytest.fixture(scope="session")
def report():
    return Report.load()


def select(store, query: str, **substitutions):
    """Rows of a SELECT over the union of all graphs, each as a tuple of plain values (None when unbound)."""
    import pyoxigraph as ox

    subs = {ox.Variable(k): v for k, v in substitutions.items()}
    result = store.query(query, use_default_graph_as_union=True, substitutions=subs)
    names = [v.value for v in result.variables]
    return [tuple(row[n].value if row[n] is not None else None for n in names) for row in result]
