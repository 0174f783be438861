"""Deciding whether the read-only server may run a query, from a real parse with the SPARQL 1.1 grammar.

Two steps:

1. :func:`prescan`, linear in the text and with no parser: a size limit, no ``\\u``/``\\U`` escapes, no
   carriage return without a line feed, no NUL, no brackets nested deeper than a limit, no more than
   :data:`MAX_TOKENS` words and signs (Oxigraph's parser and evaluator recurse on long flat chains — of UNION,
   of path steps, of list items — and overflow their stack on some of a few thousand). It is cheap enough for
   the server's own process to run on every request.
2. :func:`check_query`: rdflib's SPARQL parser (the grammar, not a tokenizer) and its translation to the
   algebra, which also refuses a prefix the query does not declare, then a walk over the parse tree. Anything
   that is not a query is refused: an update (INSERT, LOAD, …) with 403, what does not parse with 400, and a
   query holding SERVICE anywhere with 403. pyparsing is slow on some long inputs, so this step runs
   inside a query worker, under the query's own time limit, in a process that cannot open a connection anyway
   (:mod:`rbvgraph.server.sandbox`).

Why undeclared prefixes are refused: rdflib's grammar reads ``a_:b`` as one prefixed name, Oxigraph (finding no
prefix ``a_``) as the keyword ``a`` and the blank node ``_:b`` — and ``SERVICE:y`` then as ``SERVICE :y``. With every
prefix declared, both read such text alike.

Why escapes and lone carriage returns are refused: SPARQL decodes ``\\u`` escapes before parsing and rdflib does
so, but Oxigraph decodes them only inside IRIs and strings, so a decoded backslash can end a string for one
parser and not the other, and a query could hold a SERVICE only Oxigraph sees. Oxigraph ends a ``#`` comment
at a carriage return, rdflib only at a line feed: the same kind of disagreement. Without those two, both parsers
read the same characters the same way. A user can always write the character itself (queries are UTF-8).
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass

from ..errors import RefusedQuery

MAX_QUERY_BYTES = 64_000  # a named query is 1-3 KB; rdflib needs seconds for some hostile texts of this size
MAX_DEPTH = 48  # ( [ { nesting; the parser needs about 15 stack frames per level, Oxigraph overflows near 3,000
MAX_TOKENS = 4_000  # a named query has a few hundred; Oxigraph overflows on flat chains of some thousands
_RECURSION_LIMIT = 100_000  # pyparsing recurses once per triple pattern: Python's 1,000 allows about 100
_STACK_BYTES = 64 << 20

_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")
_BRACKET = re.compile(r"[\[\](){}]")
_LONE_CR = re.compile(r"\r(?!\n)")
_TOKEN = re.compile(r"[\w:?$.@-]+|\S")  # a word, name, variable or number, or one other sign
_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE", "AskQuery": "ASK"}


@dataclass(frozen=True)
class Checked:
    """What the server needs to know of a query it may run."""

    form: str  # SELECT, CONSTRUCT, DESCRIBE or ASK
    has_dataset: bool  # FROM or FROM NAMED: the query names its own dataset


def prescan(text: str, max_bytes: int = MAX_QUERY_BYTES, max_depth: int = MAX_DEPTH) -> None:
    """Refuse, in one pass over the text, what no parser should be given (see the module's description)."""
    if len(text) > max_bytes or len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise RefusedQuery(f"the query is longer than {max_bytes} bytes", "size")
    if "\x00" in text:
        raise RefusedQuery("the query holds a NUL character", "nul")
    found = _LONE_CR.search(text)
    if found:
        raise RefusedQuery(f"a carriage return without a line feed at character {found.start()}: end lines with LF "
                           "or CRLF", "cr")
    found = _ESCAPE.search(text)
    if found:
        raise RefusedQuery(f"\\u and \\U escapes are not accepted (at character {found.start()}): write the "
                           "character itself; queries are UTF-8", "escape")
    depth = 0
    for bracket in _BRACKET.finditer(text):  # counts brackets in strings and comments too: stricter, never looser
        if bracket.group() in "([{":
            depth += 1
            if depth > max_depth:
                raise RefusedQuery(f"the query nests brackets deeper than {max_depth} levels", "depth")
        else:
            depth -= 1
    tokens = 0
    for _ in _TOKEN.finditer(text):  # strings and comments counted word by word: stricter, never looser
        tokens += 1
        if tokens > MAX_TOKENS:
            raise RefusedQuery(f"the query has more than {MAX_TOKENS} words and signs: split it up", "size")


def check_query(text: str, max_bytes: int = MAX_QUERY_BYTES) -> Checked:
    """The query's form and dataset, or :class:`RefusedQuery`. Nothing is evaluated."""
    prescan(text, max_bytes)
    try:
        tree, names = _parse(text)
    except (RecursionError, MemoryError):
        raise RefusedQuery("the query is too large or too deeply nested to be checked", "complex") from None
    except Exception as err:  # pyparsing's ParseException and whatever rdflib raises on text it cannot read
        if _is_update(text):
            raise RefusedQuery("SPARQL Update (INSERT, DELETE, LOAD, CLEAR, …) is not allowed: this endpoint is "
                               "read-only", "update") from None
        raise RefusedQuery(f"SPARQL syntax error: {' '.join(str(err).split())[:300]}", "syntax") from None
    has_dataset = False
    for name in names:
        if name == "ServiceGraphPattern":
            raise RefusedQuery("SERVICE (federated query) is not allowed: this endpoint makes no outgoing requests",
                               "service")
        has_dataset = has_dataset or name == "DatasetClause"
    form = _FORMS.get(getattr(tree[-1], "name", "")) if len(tree) else None
    if form is None:
        raise RefusedQuery("not a SELECT, CONSTRUCT, DESCRIBE or ASK query", "syntax")
    return Checked(form, has_dataset)


def _parse(text: str):
    """rdflib's parse tree of the query and the names of all its nodes, taken before the tree is translated to
    the algebra (which checks that every prefix is declared, and rewrites the tree in place), in a thread with
    room for pyparsing's deep recursion."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    box: dict = {}

    def run():
        previous = sys.getrecursionlimit()
        try:
            sys.setrecursionlimit(max(previous, _RECURSION_LIMIT))
            box["tree"] = parseQuery(text)
            box["names"] = list(_node_names(box["tree"]))
            translateQuery(box["tree"])
        except BaseException as err:  # handed to the caller
            box["error"] = err
        finally:
            sys.setrecursionlimit(previous)

    previous = threading.stack_size(_STACK_BYTES)
    try:
        thread = threading.Thread(target=run, name="rbvgraph-sparql-check")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["tree"], box["names"]


def _node_names(tree):
    """The name of every node of rdflib's parse tree, walked without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either
        return False
    return True
