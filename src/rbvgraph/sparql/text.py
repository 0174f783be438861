"""Reading SPARQL text without evaluating it: tokens, the query form, what a server refuses, VALUES binding.

The tokenizer knows SPARQL's strings, IRIs, comments, variables and prefixed names, so a keyword is only
a keyword where SPARQL sees one: ``"SERVICE"`` in a string, ``<http://x/service>`` or ``# service`` in a
comment are not. Keywords are bare words (prefixed names always hold a colon), compared case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import InputError

_TOKEN = re.compile(r"""
  (?P<ws>\s+)
| (?P<comment>\#[^\n\r]*)
| (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
            |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
| (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
| (?P<var>[?$]\w+)
| (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
| (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%]))*)
| (?P<word>[^\W\d]\w*)
| (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
| (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
""", re.VERBOSE | re.DOTALL)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased word for a bare word (a keyword, ``a``, ``true``, a function name), else None."""
        return self.text.upper() if self.kind == "word" else None


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text``: no whitespace, no comments; anything unknown is one-character punctuation."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), m.start(), m.end()))
    return out


def _after_prologue(toks: list[Token]) -> int:
    """Index of the first token after the BASE and PREFIX declarations."""
    i = 0
    while i < len(toks):
        kw = toks[i].keyword
        if kw == "BASE":
            i += 2
        elif kw == "PREFIX":
            i += 3
        else:
            break
    return i


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK for a query; an update keyword for an update; None when unclear."""
    toks = tokens(text)
    i = _after_prologue(toks)
    return toks[i].keyword if i < len(toks) and toks[i].keyword else None


def _where_group(toks: list[Token], form: str, start: int) -> Token:
    """The opening brace of the query's outer WHERE group."""
    depth = parens = 0
    seen_where = False
    i = start
    while i < len(toks):
        tok = toks[i]
        if tok.text == "(":
            parens += 1
        elif tok.text == ")":
            parens -= 1
        elif tok.text == "{":
            if depth == 0 and parens == 0 and (seen_where or form != "CONSTRUCT"):
                if form == "CONSTRUCT" and toks[i - 1].keyword == "WHERE" and toks[i - 2].keyword == "CONSTRUCT":
                    raise InputError("cannot bind parameters in a 'CONSTRUCT WHERE { … }' query; "
                                     "write 'CONSTRUCT { … } WHERE { … }'")
                return tok
            depth += 1
        elif tok.text == "}":
            depth -= 1
        elif tok.keyword == "WHERE" and depth == 0:
            seen_where = True
        i += 1
    raise InputError("the query has no WHERE group to bind parameters in")


def bind_values(text: str, bindings: dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]) -> str:
    """``text`` with ``VALUES (?a ?b) { (term term) }`` put first in its outer WHERE group.

    Each term is written in its N-Triples form (``<iri>``, ``"text"@nl``, ``"2023"^^<…#integer>``), which is
    also valid SPARQL, so a value can never change the query's structure. This is how a parameter reaches a
    store that does not offer Oxigraph's variable substitution.

    The same clause is also put first in every branch of a UNION in the WHERE group (directly, or in its branches
    and plain nested groups) whose own patterns bind the variable. The answer is the same (a join distributes over
    a union), but an engine that evaluates a union's branches on their own before joining them (Oxigraph does,
    when a branch holds more than one pattern) now starts each branch from the bound value instead of from every
    match in the graph (benchmarks/RESULTS.md): ``{ ?sub skos:broaderTransitive ?thema } UNION { … }`` nested in
    a branch took 148 instead of 11 ms at ten reports.
    """
    if not bindings:
        return text
    for name, term in bindings.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise InputError(f"'{name}' is not a SPARQL variable name")
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise InputError(f"parameter '{name}': only IRIs and literals can be bound, not {term!r}")
    toks = tokens(text)
    i = _after_prologue(toks)
    form = toks[i].keyword if i < len(toks) else None
    if form not in QUERY_FORMS:
        raise InputError("parameters can only be bound in a SELECT, CONSTRUCT, DESCRIBE or ASK query")
    brace = _where_group(toks, form, i + 1)
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(str(t) for t in bindings.values())
    clause = f" VALUES ({names}) {{ ({values}) }}"
    inserts = [(brace.end, clause)]
    for start, end in _union_branches(toks, toks.index(brace)):
        bound = _pattern_variables(toks[start + 1:end])
        names = [n for n in bindings if n in bound]
        if names:
            row = " ".join(str(bindings[n]) for n in names)
            inserts.append((toks[start].end, f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}"))
    for at, values in sorted(inserts, reverse=True):
        text = text[:at] + values + text[at:]
    return text


def _pattern_variables(toks: list[Token]) -> set[str]:
    """The variables every answer of a group binds through its own patterns: those of its triple patterns (outside
    any parentheses: a FILTER, BIND or function's expression) and of its plain nested groups (for a UNION, those
    all its branches bind); not those only in an OPTIONAL, MINUS, EXISTS, GRAPH or SERVICE part, a subquery or a
    VALUES block, and none bound with ``AS``. Binding one of these again first in the group cannot change its
    answer; a variable only tested in a FILTER, only in an OPTIONAL part, or bound by BIND could (or be an error)."""
    found: set[str] = set()
    chain: set[str] | None = None  # what the branches of the UNION being read so far all bind
    parens, i = 0, 0
    while i < len(toks):
        tok = toks[i]
        if tok.text in "()":
            parens += 1 if tok.text == "(" else -1
        elif tok.kind == "var" and parens == 0 and not (i and toks[i - 1].keyword == "VALUES"):  # (UNDEF)
            found.add(tok.text[1:])
        elif tok.text == "{":
            end = _closing(toks, i)
            before = toks[i - 1] if i else None
            plain = parens == 0 and (before is None or before.text in "{}." or before.keyword == "UNION") \
                and not (end > i + 1 and toks[i + 1].keyword == "SELECT")
            inner = _pattern_variables(toks[i + 1:end]) if plain else set()
            if plain and (before is not None and before.keyword == "UNION" or _next_keyword(toks, end) == "UNION"):
                chain = inner if chain is None else chain & inner
                if _next_keyword(toks, end) != "UNION":
                    found |= chain
                    chain = None
            else:
                found |= inner
            i = end
        i += 1
    return found - {t.text[1:] for j, t in enumerate(toks) if t.kind == "var" and j and toks[j - 1].keyword == "AS"}


def _closing(toks: list[Token], at: int) -> int:
    """Index of the brace closing the one at ``toks[at]`` (the last token when it is never closed)."""
    depth = 0
    for j in range(at, len(toks)):
        depth += {"{": 1, "}": -1}.get(toks[j].text, 0)
        if depth == 0:
            return j
    return len(toks) - 1


def _next_keyword(toks: list[Token], at: int) -> str | None:
    return toks[at + 1].keyword if at + 1 < len(toks) else None


def _union_branches(toks: list[Token], where: int) -> list[tuple[int, int]]:
    """Where the UNION branches in the group opened at ``toks[where]`` open and close: those standing directly in it,
    and those in its branches and plain nested groups, at any depth (each is joined with the group, so binding a
    variable again first in it cannot change the answer); not those in a subquery, OPTIONAL, MINUS, EXISTS, GRAPH,
    SERVICE or VALUES part."""
    branches, j, end_of_group = [], where + 1, _closing(toks, where)
    while j < end_of_group:
        if toks[j].text == "{":
            end = _closing(toks, j)
            branch = end < end_of_group and (toks[j - 1].keyword == "UNION" or _next_keyword(toks, end) == "UNION")
            plain = toks[j - 1].text in "{}." and toks[j - 1].kind == "punct"
            if branch:
                branches.append((j, end))
            if (branch or plain) and not (j + 1 < len(toks) and toks[j + 1].keyword == "SELECT"):
                branches += _union_branches(toks, j)
            j = end
        j += 1
    return branches
