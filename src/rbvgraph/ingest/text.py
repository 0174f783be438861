"""A report's text as sections, pages and sentences, on top of :class:`rbvgraph.validation.source.Report` (which
finds the numbered headings, the Voorwoord, the Bijlagen and the section of each footnote's marker).

Each section's own text (without its sub-sections; with the footnotes whose marker it carries) is cut into
sentences: a paragraph is a run of adjacent lines, a footnote is one sentence of its own, and a paragraph is cut
after '.', '!', '?' or ':' before a capital, a digit or a quote (not after an abbreviation such as 'o.g.v.'),
and at bullets. A sentence is whitespace-folded, and a footnote, a row of a table (cells apart by tabs) or a line
that is a numbered title ('Spoor 1: Eigen huis op orde') is one sentence; so it stands verbatim in the section's
text as quotes are checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..validation.source import Report, is_within, normalise
from .lexicon import NUMBERED_TITLE_LABEL, NUMBERED_TITLE_NAME
from .read import PAGE_BREAK, page_of_lines

_FOOTNOTE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
# Dutch abbreviations after which a capital does not start a new sentence ('(o.g.v. Wom)', 'o.a. DRIO')
_ABBREVIATIONS = ("o.g.v.", "o.a.", "o.m.", "t.b.v.", "m.b.t.", "i.v.m.", "bijv.", "e.d.", "incl.", "ca.",
                  "resp.", "evt.", "d.w.z.", "m.n.", "z.g.", "t.a.v.", "a.d.h.v.", "i.s.m.")
_SENTENCE_END = re.compile("".join(f"(?<!\\b{re.escape(a)})" for a in _ABBREVIATIONS)
                           + r"(?<=[.!?:])\s+(?=[A-Z0-9‘'\"“(À-Ý])|\s*[•▪●]\s*")
# a line that is a numbered title ('Spoor 1: Eigen huis op orde', 'Actielijn 2a: Weerbare jongeren'): a sentence
# of its own, not cut at its colon nor joined to the paragraph under it
_TITLE_LINE = re.compile(rf"^{NUMBERED_TITLE_LABEL}: {NUMBERED_TITLE_NAME}$")


@dataclass(frozen=True)
class Sentence:
    text: str
    page: int
    footnote: bool = False
    cells: tuple[str, ...] = ()  # a row of a table: its cells, as the tabs part them
    paragraph: int = 0  # the paragraph (run of adjacent lines) of the section it stands in, counted from 0


@dataclass(frozen=True)
class Part:
    """One section of the report: its number, title, parent, order, first and last page and own sentences."""

    number: str
    title: str
    parent: str | None
    order: int
    first_page: int | None  # None, as last_page, for a text without page breaks: its pages are not known
    last_page: int | None
    sentences: tuple[Sentence, ...]


def section_slug(number: str) -> str:
    """``voorwoord``, ``2.1.4``, ``bijlage-3``: the last part of a section's IRI (as in data/triples/jaarverslag.ttl)."""
    return number.lower().replace(" ", "-")


class PagedReport:
    """The sections of a report's text with their pages and sentences; a text without page breaks (form feeds)
    has no page numbers (a plain text of a report does not say where its pages begin)."""

    def __init__(self, text: str, name: str):
        self.text = text
        self.report = Report(text, name)

    @cached_property
    def parts(self) -> list[Part]:
        lines = self.text.splitlines()
        pages = page_of_lines(self.text)
        homes = self.report.homes
        headings = self.report.headings
        heading_lines = {line for _, _, line in headings}
        numbers = ["Voorwoord"] if "Voorwoord" in self.report.sections else []
        numbers += list(dict.fromkeys(number for number, _, _ in headings))
        own: dict[str, list[int]] = {n: [] for n in numbers}
        for i in sorted(homes):
            heading = i in heading_lines or (homes[i] == "Voorwoord" and lines[i].strip() == "Voorwoord")
            if not heading and lines[i].strip():
                own.setdefault(homes[i], []).append(i)
        spans = {n: [pages[i] for i in homes if is_within(homes[i], n) and lines[i].strip()]
                 for n in numbers}
        parts = []
        for order, number in enumerate(numbers):
            title = self.report.sections[number].title
            parent = _parent(number, numbers)
            span = spans[number] or [1]
            first, last = (min(span), max(span)) if PAGE_BREAK in self.text else (None, None)
            parts.append(Part(number, title, parent, order, first, last, tuple(_sentences(own[number], lines, pages))))
        return parts


def _parent(number: str, numbers: list[str]) -> str | None:
    if "." not in number:
        return None
    up = number.rsplit(".", 1)[0]
    while up not in numbers and "." in up:
        up = up.rsplit(".", 1)[0]
    return up if up in numbers else None


def _alone(line: str) -> bool:
    """A footnote, a row of a table or list (cells apart by tabs) or a numbered title: a sentence of its own."""
    return bool(_FOOTNOTE.match(line.strip())) or "\t" in line.strip() or bool(_TITLE_LINE.match(line.strip()))


def _sentences(indexes: list[int], lines: list[str], pages: list[int]):
    """The sentences of the lines at ``indexes`` (sorted): adjacent lines make one paragraph, a footnote is one
    sentence."""
    blocks: list[list[int]] = []
    for i in indexes:
        starts_new = (not blocks or blocks[-1][-1] != i - 1 or _alone(lines[i]) or _alone(lines[blocks[-1][0]]))
        if starts_new:
            blocks.append([i])
        else:
            blocks[-1].append(i)
    for number, block in enumerate(blocks):
        first = lines[block[0]].strip()
        if _alone(first):
            cells = tuple(c.strip() for c in first.split("\t")) if "\t" in first else ()
            yield Sentence(normalise(first), pages[block[0]], bool(_FOOTNOTE.match(first)), cells, number)
            continue
        offsets, joined = [], ""
        for i in block:
            offsets.append((len(joined), pages[i]))
            joined += lines[i].strip() + " "
        position = 0
        for piece in _SENTENCE_END.split(joined):
            start = joined.find(piece, position) if piece else position
            position = start + len(piece)
            text = normalise(piece)
            if len(text) >= 3:
                page = max((p for at, p in offsets if at <= start), default=offsets[0][1])
                yield Sentence(text, page, paragraph=number)
