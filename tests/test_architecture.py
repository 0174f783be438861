"""The package's folders are its architecture: imports point one way, from the command line down to the helpers,
and no module imports itself back through another."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import rbvgraph

PACKAGE = Path(rbvgraph.__file__).resolve().parent

# Each part may import from its own folder and from the parts below it, never from a part above or beside it.
LAYERS = [
    {"__main__"},
    {"cli"},
    {"site", "server", "push", "reports", "ingest"},
    {"network", "validation", "sparql"},
    {"graph"},
    {"project", "util"},
    {"errors", "vocab", "__init__"},
]


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The rbvgraph modules ``name`` imports (at the top or inside a function), as dotted names in the package."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.startswith("rbvgraph"):
                target = node.module[len("rbvgraph."):] if node.module != "rbvgraph" else ""
            else:
                continue
            for alias in node.names:
                joined = f"{target}.{alias.name}" if target else alias.name
                found.add(joined if joined in modules else target or "__init__")
    return {m for m in found if m in modules or m == "__init__"}


def _layer(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


MODULES = _modules()
EDGES = {(name, target) for name, path in MODULES.items() for target in _imports(name, path, MODULES) if target != name}


def test_every_module_belongs_to_a_layer():
    assert [m for m in MODULES if not any(m.split(".")[0] in names for names in LAYERS)] == []


def test_imports_point_down_only():
    upward = sorted((a, b) for a, b in EDGES
                    if a.split(".")[0] != b.split(".")[0] and _layer(b) <= _layer(a) and b != "__init__")
    assert upward == []


def test_no_import_cycles():
    graph = nx.DiGraph(EDGES)
    assert list(nx.simple_cycles(graph)) == []


def test_the_checks_see_real_imports():
    """The checks above would pass on an empty edge list: make sure they read the package's imports."""
    assert ("cli", "errors") in EDGES
    assert ("site.build", "graph") in EDGES or ("site.build", "graph.open") in EDGES
    assert ("graph.open", "graph.storecache") in EDGES
