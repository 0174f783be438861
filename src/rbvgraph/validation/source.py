"""The report's own text (``data/sources/jaarverslag-2023.txt``): its numbered sections, and where a quote stands.

The text was extracted from the PDF. A section starts at its heading (``2.1.4 Samenwerking``, ``Bijlage 2. …``; the
table of contents, with its tabs and dot leaders, is skipped) and runs to the next heading that is not inside it,
so a section's text includes its sub-sections and footnotes; the Voorwoord runs from its heading to the table of
contents. Runs of white space compare as one space, so a quote may span line breaks.
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


def _is_within(number: str, ancestor: str) -> bool:
    return number == ancestor or number.startswith(ancestor + ".")


@dataclass(frozen=True)
class Section:
    number: str  # "2.1.4", "Bijlage 3", "Voorwoord"
    title: str
    text: str  # the section's text, whitespace folded, sub-sections and footnotes included


class Report:
    """The report split into numbered sections, each with its own text."""

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
    def sections(self) -> dict[str, Section]:
        lines = self.raw.splitlines()
        stripped = [line.strip() for line in lines]
        if "Inhoudsopgave" not in stripped or "Voorwoord" not in stripped:
            raise InputError(f"{self.name}: not the report's text (it has no 'Voorwoord' and 'Inhoudsopgave' lines)")
        body_from = stripped.index("Inhoudsopgave")
        voorwoord = stripped.index("Voorwoord")
        starts: list[tuple[str, str, int]] = []
        for i, line in enumerate(lines[body_from:], start=body_from):
            m = _HEADING.match(line.strip()) if "\t" not in line and "...." not in line else None
            if m and len(line) < 90 and not line.rstrip().endswith("."):
                number = m.group(1) or f"Bijlage {m.group(2)}"
                starts.append((number, m.group(3).strip(), i))
        result = {"Voorwoord": Section("Voorwoord", "Voorwoord", normalise("\n".join(lines[voorwoord:body_from])))}
        for k, (number, title, start) in enumerate(starts):
            end = len(lines)
            for later, _, later_start in starts[k + 1:]:
                if not _is_within(later, number):
                    end = later_start
                    break
            result[number] = Section(number, title, normalise("\n".join(lines[start:end])))
        return result

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
        return [n for n in holding if not any(other != n and _is_within(other, n) for other in holding)]
