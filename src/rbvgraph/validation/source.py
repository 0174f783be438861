"""The report's own text (``data/sources/jaarverslag-2023.txt``): its numbered sections, and where a quote stands.

The text was extracted from the PDF. A section starts at its heading (``2.1.4 Samenwerking``, ``Bijlage 2. …``; the
table of contents, with its tabs and dot leaders, is skipped) and runs to the next heading that is not inside it,
so a section's text includes its sub-sections and footnotes; the Voorwoord runs from its heading to the table of
contents or the first heading after it (the contents may stand before or after it). Headings fit the section tree:
their numbers go forward, so a numbered list inside a section is no heading. Runs of white space compare as one space, so a quote may span line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import InputError

_HEADING = re.compile(r"^(?:(\d(?:\.\d)*)\.?|Bijlage (\d)\.) (\S[^\t]*)$")


def normalise(text: str) -> str:
    """Fold every run of white space to one space, so quotes may span line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def is_within(number: str, ancestor: str) -> bool:
    """Whether section ``number`` is ``ancestor`` or lies below it (``2.1.4`` in ``2``)."""
    return number == ancestor or number.startswith(ancestor + ".")


# a line of a table of contents: a title, then a tab, dot leaders or a space, then a page number
_ENTRY = re.compile(r"^\S.*?(?:\t|\.{4,}|\s)\s*\d{1,3}$")


def _contents(lines: list[str]) -> range:
    """The lines of the table of contents (stripped ``lines`` of the text): from the 'Inhoudsopgave' line, or
    else from the first of two numbered headings with a page number in a row ('1.1 Samenwerking 12') that stand
    before any heading without one, through the last entry of the run. A
    title wrapped over two lines stays inside: a line that is not an entry continues the contents when the next
    line that is not empty is one. An empty range when there is none."""
    filled = [i for i, line in enumerate(lines) if line]
    entry = [bool(_ENTRY.match(lines[i])) for i in filled]
    if "Inhoudsopgave" in lines:
        k = filled.index(lines.index("Inhoudsopgave"))
    else:  # two headings with page numbers before any heading without one (not a table's rows: 'Autokraken 45')
        k = None
        for j in range(len(filled) - 1):
            if entry[j] and entry[j + 1] and all(_HEADING.match(lines[filled[x]].replace("\t", " ").split(
                    "....")[0]) for x in (j, j + 1)):
                k = j
                break
            if not entry[j] and _HEADING.match(lines[filled[j]]):
                break
        if k is None:
            return range(0)
    start, last = filled[k], filled[k]
    for j in range(k + 1, len(filled)):
        if entry[j]:
            last = filled[j]
        elif not (j + 1 < len(filled) and entry[j + 1]):
            break
    return range(start, last + 1)


def _listed(lines: list[str], i: int, number: str) -> bool:
    """Whether the line ``i`` ('2. Uitwerken …') is an item of a numbered list: a single number right after a
    line that ends in a colon or after the item before it ('1. …')."""
    if not number.isdigit():
        return False
    previous = next((lines[j] for j in range(i - 1, -1, -1) if lines[j]), "")
    return previous.endswith(":") or previous.startswith(f"{int(number) - 1}. ")


def _rank(number: str) -> tuple[int, ...]:
    """A heading's place in the order of the report: chapters by their numbers, the Bijlagen after them."""
    return (10 ** 6, int(number.split()[1])) if number.startswith("Bijlage") else tuple(map(int, number.split(".")))


def _in_tree(found: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """The headings that make the section tree: the longest run of ``found`` whose numbers go forward (1, 1.1,
    1.2, 2, …, Bijlage 1, …). A numbered list inside a section ('1. Begeleiden …', '2. Uitwerken …') that
    :func:`_listed` did not see repeats or goes back to numbers that stood before, so it stays out; of two equally long runs the earlier headings count
    (a list repeats a number after its heading)."""
    ranks = [_rank(number) for number, _, _ in found]
    longest, before = [1] * len(found), [-1] * len(found)
    for i, rank in enumerate(ranks):
        for j in range(i):
            if ranks[j] < rank and longest[j] + 1 > longest[i]:
                longest[i], before[i] = longest[j] + 1, j
    i = max(range(len(found)), key=lambda k: (longest[k], -k), default=-1)
    run = []
    while i >= 0:
        run.append(found[i])
        i = before[i]
    return run[::-1]


_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE_LINE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$")
_MARKER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{([\d ]+)\}")


@dataclass(frozen=True)
class Section:
    number: str  # "2.1.4", "Bijlage 3", "Voorwoord"
    title: str
    text: str  # the section's text, whitespace folded, sub-sections and their footnotes included


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str  # the footnote's text, whitespace folded, without its number
    section: str  # the section whose text carries the footnote's marker (not where the PDF printed its text)
    printed_in: str  # the section in whose pages the footnote's text happens to stand


class Report:
    """The report split into numbered sections, each with its own text. A footnote belongs to the section whose
    text carries its marker: the PDF prints the footnote's text at the foot of a page, after a page break often
    under the next heading."""

    def __init__(self, text: str, name: str = "the report"):
        self.raw = text
        self.name = name

    @classmethod
    def load(cls, path: Path) -> "Report":
        """The report in ``path``; an unreadable file is an :class:`InputError` naming it."""
        try:
            return cls(Path(path).read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{path}: {getattr(err, 'strerror', None) or err}") from None

    @cached_property
    def _layout(self) -> tuple[list[tuple[str, str, int]], dict[int, str]]:
        """The headings (number, title, line) and the innermost section of every line of the text."""
        lines = self.raw.splitlines()
        stripped = [line.strip() for line in lines]
        contents = _contents(stripped)
        outside = [i for i, line in enumerate(stripped) if line == "Voorwoord" and i not in contents]
        voorwoord = outside[0] if outside else None
        if "Inhoudsopgave" in stripped and voorwoord is None:
            raise InputError(f"{self.name}: not the report's text (it has an 'Inhoudsopgave' but no 'Voorwoord' line)")
        # headings are looked for after the Voorwoord's own heading and after the table of contents, whichever
        # comes last (the contents stand before or after the Voorwoord)
        body_from = max(contents.stop, voorwoord + 1 if voorwoord is not None else 0)
        found: list[tuple[str, str, int]] = []
        for i, line in enumerate(lines[body_from:], start=body_from):
            m = _HEADING.match(line.strip()) if "\t" not in line and "...." not in line else None
            if m and len(line) < 90 and not line.rstrip().endswith((".", ",", ";", ":")):
                number = m.group(1) or f"Bijlage {m.group(2)}"
                if not _listed(stripped, i, number):
                    found.append((number, m.group(3).strip(), i))
        starts = _in_tree(found)
        if not starts:
            raise InputError(f"{self.name}: not a report's text (no numbered headings such as '2.1 Samenwerking' "
                             "or 'Bijlage 1. Titel')")
        where: dict[int, str] = {}
        if voorwoord is not None:  # the Voorwoord runs to the first heading or the table of contents after it
            after = [start for _, _, start in starts if start > voorwoord] + (
                [contents.start] if contents.start > voorwoord else [])
            where = {i: "Voorwoord" for i in range(voorwoord, min(after, default=len(lines)))}
        for k, (number, _, start) in enumerate(starts):
            end = starts[k + 1][2] if k + 1 < len(starts) else len(lines)
            where.update({i: number for i in range(start, end)})
        return starts, where

    @cached_property
    def footnotes(self) -> dict[int, Footnote]:
        lines = self.raw.splitlines()
        _, where = self._layout
        markers: dict[int, str] = {}
        texts: dict[int, tuple[str, str]] = {}
        for i, section in sorted(where.items()):
            line = lines[i].strip()
            own = _FOOTNOTE_LINE.match(line)
            if own:
                texts[int(own.group(1).translate(_SUPERSCRIPT))] = (normalise(own.group(2)), section)
                continue
            for m in _MARKER.finditer(line):
                numbers = m.group(1).split() if m.group(1) else [m.group(0).translate(_SUPERSCRIPT)]
                for n in numbers:
                    markers.setdefault(int(n), section)
        return {n: Footnote(n, text, markers[n], printed) for n, (text, printed) in texts.items() if n in markers}

    @property
    def headings(self) -> list[tuple[str, str, int]]:
        """The numbered headings in the order they stand: (number, title, index of the heading's line)."""
        return list(self._layout[0])

    @cached_property
    def homes(self) -> dict[int, str]:
        """The innermost section each line of the text belongs to (by index of the line): a footnote's lines go
        with the section that carries its marker. Lines before the Voorwoord and of the table of contents have
        none."""
        lines = self.raw.splitlines()
        home = dict(self._layout[1])
        for i in home:  # a footnote's text goes with its marker
            own = _FOOTNOTE_LINE.match(lines[i].strip())
            if own and int(own.group(1).translate(_SUPERSCRIPT)) in self.footnotes:
                home[i] = self.footnotes[int(own.group(1).translate(_SUPERSCRIPT))].section
        return home

    def paragraphs(self, number: str) -> list[str]:
        """The text of a section as printed, one entry per line of the text that is not empty (a paragraph, a
        heading or a footnote), whitespace folded; its sub-sections and footnotes included, in the text's order."""
        lines, home = self.raw.splitlines(), self.homes
        return [normalise(lines[i]) for i in sorted(home) if is_within(home[i], number) and lines[i].strip()]

    @cached_property
    def sections(self) -> dict[str, Section]:
        lines = self.raw.splitlines()
        starts, where = self._layout
        home = self.homes
        titles = {**({"Voorwoord": "Voorwoord"} if "Voorwoord" in where.values() else {}),
                  **{number: title for number, title, _ in starts}}
        return {number: Section(number, title, normalise("\n".join(
                    lines[i] for i in sorted(home) if is_within(home[i], number))))
                for number, title in titles.items()}

    @cached_property
    def full_text(self) -> str:
        return normalise(self.raw)

    def quote_in_section(self, quote: str, number: str) -> bool:
        section = self.sections.get(number)
        return section is not None and normalise(quote) in section.text

    def sections_with(self, quote: str) -> list[str]:
        """The innermost sections whose text holds ``quote`` (none when it is nowhere in the report)."""
        wanted = normalise(quote)
        holding = [n for n, s in self.sections.items() if wanted in s.text]
        return [n for n in holding if not any(other != n and is_within(other, n) for other in holding)]

    def footnote_of(self, quote: str) -> Footnote | None:
        """The footnote whose text holds ``quote`` (with or without the footnote's number before it), if only one
        does; None for a quote from the running text."""
        text = normalise(quote)
        numbered = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+) ?(.*)$", text)
        if numbered:
            found = self.footnotes.get(int(numbered.group(1).translate(_SUPERSCRIPT)))
            return found if found is not None and numbered.group(2) in found.text else None
        holding = [f for f in self.footnotes.values() if text in f.text]
        return holding[0] if len(holding) == 1 else None
