"""Comparing SPARQL answers from different stores."""

from __future__ import annotations

import re

# The separators the named queries give GROUP_CONCAT: the order of the parts is the store's choice.
_PARTS = re.compile(r"; |, | & ")


def rows_of(results: dict, drop=()) -> tuple[list[str], list[tuple]]:
    """(variables, sorted rows) of SPARQL JSON results.

    Blank nodes are compared by kind only, and the parts of a GROUP_CONCAT (joined with '; ', ', ' or ' & ' in
    the named queries) as a sorted list: SPARQL leaves the labels and the order to the store.
    """
    names = [v for v in results["head"]["vars"] if v not in drop]

    def cell(term):
        if term is None:
            return None
        if term["type"] == "bnode":
            return ("bnode",)
        value = "|".join(sorted(_PARTS.split(term["value"])))
        return (term["type"], value, term.get("datatype"), term.get("xml:lang"))

    rows = [tuple(cell(b.get(n)) for n in names) for b in results["results"]["bindings"]]
    return names, sorted(rows, key=repr)
