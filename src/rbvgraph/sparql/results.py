"""Writing a query's answer as a readable table, CSV/TSV (Excel-friendly), or SPARQL JSON results."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from ..graph.labels import display, labels_for
from ..vocab import PREFIXES
from .engine import Result

TABLE_CELL_MAX = 120


def render(result: Result, fmt: str, store: ox.Store) -> str:
    """The answer as text; CSV/TSV start with a byte-order mark when written to a file (see util.atomic.write_text)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n" if fmt == "json" else ("ja\n" if result.boolean else "nee\n")
    if result.kind == "graph":
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
    if fmt == "json":
        return json.dumps(_sparql_json(result), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        return _delimited(result, "," if fmt == "csv" else "\t")
    return _table(result, store)


def _value(term) -> str:
    return "" if term is None else term.value


def _delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_value(t) for t in row])
    return buffer.getvalue()


def _table(result: Result, store: ox.Store) -> str:
    labels = labels_for(store, (t for row in result.rows for t in row if t is not None))
    cells = [[_clip(display(t, labels)) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} {'rij' if len(cells) == 1 else 'rijen'})")
    return "\n".join(out) + "\n"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL_MAX else text[: TABLE_CELL_MAX - 1] + "…"


def _sparql_json(result: Result) -> dict:
    def term(t):
        if isinstance(t, ox.NamedNode):
            return {"type": "uri", "value": t.value}
        if isinstance(t, ox.BlankNode):
            return {"type": "bnode", "value": t.value}
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != PREFIXES["xsd"] + "string":
            out["datatype"] = t.datatype.value
        return out

    bindings = [{n: term(t) for n, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
