"""Following a relation to its end: what is reachable from some starting points along a step table."""

from __future__ import annotations

from collections.abc import Iterable


def reachable(starts: Iterable[str], step: dict[str, set[str]]) -> set[str]:
    """``starts`` and everything reachable from them along ``step`` (a thing → the things one step on)."""
    found = set(starts)
    todo = list(found)
    while todo:
        for nxt in step.get(todo.pop(), ()):
            if nxt not in found:
                found.add(nxt)
                todo.append(nxt)
    return found
