"""Writing a query's answer as a readable table, CSV/TSV (Excel-friendly), or SPARQL JSON results."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from ..graph.labels import display, labels_for
from ..graph.search import Hit, Kind
from ..vocab import PREFIXES
from .engine import Result

TABLE_CELL_MAX = 120
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def render(result: Result, fmt: str, store: ox.Store | None, wide: bool = False) -> str:
    """The answer as text; CSV/TSV start with a byte-order mark when written to a file (see util.atomic.utf8).
    A table shows an IRI by its label from ``store``, or (no store) as a short IRI; it cuts cells longer than
    TABLE_CELL_MAX characters unless ``wide``, and says under the table how many it cut."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n" if fmt == "json" else ("ja\n" if result.boolean else "nee\n")
    if result.kind == "graph":
        return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode("utf-8")
    if fmt == "json":
        return json.dumps(_sparql_json(result), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("csv", "tsv"):
        return _delimited(result, "," if fmt == "csv" else "\t")
    return _table(result, store, wide)


def _value(term) -> str:
    return "" if term is None else term.value


def _delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_value(t) for t in row])
    return buffer.getvalue()


def _table(result: Result, store: ox.Store | None, wide: bool) -> str:
    labels = labels_for(store, (t for row in result.rows for t in row if t is not None)) if store is not None else {}
    whole = [[" ".join(display(t, labels).split()) for t in row] for row in result.rows]
    cells = whole if wide else [[_clip(v) for v in row] for row in whole]
    cut = sum(1 for row in whole for v in row if len(v) > TABLE_CELL_MAX) if not wide else 0
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    count = f"{len(cells)} {'rij' if len(cells) == 1 else 'rijen'}"
    if cut:
        count += (f"; {cut} {'cel' if cut == 1 else 'cellen'} ingekort tot {TABLE_CELL_MAX} tekens (…): --wide toont "
                  "alles, -f csv ook")
    out.append(f"({count})")
    return "\n".join(out) + "\n"


def _clip(text: str) -> str:
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


def hits_result(hits: list[Hit]) -> Result:
    """Search hits as a query answer (so that they are written like one): name, kind, sections, what matched, IRI."""
    rows = [[ox.Literal(h.name), ox.Literal(h.kind), ox.Literal(h.sections), ox.Literal(h.snippet), ox.NamedNode(h.iri)]
            for h in hits]
    return Result("select", ["naam", "soort", "secties", "treffer", "ding"], rows)


def things_result(things: list[tuple[Hit, str, int]]) -> Result:
    """The things of one kind as a query answer: name, kind, other names and abbreviations, sections, the number
    of facts about it, IRI."""
    rows = [[ox.Literal(h.name), ox.Literal(h.kind), ox.Literal(other), ox.Literal(h.sections),
             ox.Literal(str(facts), datatype=_INTEGER), ox.NamedNode(h.iri)] for h, other, facts in things]
    return Result("select", ["naam", "soort", "ook_genoemd", "secties", "uitspraken", "ding"], rows)


def kinds_result(counts: list[tuple[Kind, int]]) -> Result:
    """How many things there are of each kind: the kind's name (as 'rbvgraph list' takes it), the count, the
    class."""
    rows = [[ox.Literal(k.key), ox.Literal(str(n), datatype=_INTEGER), ox.NamedNode(k.cls)] for k, n in counts]
    return Result("select", ["soort", "aantal", "klasse"], rows)
