"""The report's own text: where it lives, its sections, and whether a quote stands in a section."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rbvgraph.errors import RbvError

REPORT_FILE = "000_a077b94e73753f08.txt"
ENV_VAR = "RBVGRAPH_REPORT"

_HEADING = re.compile(r"^(?:(\d(?:\.\d)*)\.?|Bijlage (\d)\.) (\S[^\t]*)$")


class ReportNotFound(RbvError):
    """The report's text file could not be found."""


def find_report(start: Path | None = None) -> Path:
    """The report text: $RBVGRAPH_REPORT, else ``../shared/source/`` beside a parent folder of ``start``."""
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if path.is_file():
            return path
        raise ReportNotFound(f"{ENV_VAR}={env}: no such file")
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents, *Path(__file__).resolve().parents):
        candidate = folder.parent / "shared" / "source" / REPORT_FILE
        if candidate.is_file():
            return candidate
    raise ReportNotFound(f"report text {REPORT_FILE} not found: set {ENV_VAR} to its path")


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

    def __init__(self, text: str):
        self.raw = text

    @classmethod
    def load(cls, path: Path | None = None) -> "Report":
        return cls((path or find_report()).read_text(encoding="utf-8"))

    @cached_property
    def sections(self) -> dict[str, Section]:
        lines = self.raw.splitlines()
        starts: list[tuple[str, str, int]] = []
        body_from = next(i for i, line in enumerate(lines) if line.strip() == "Inhoudsopgave")
        voorwoord = next(i for i, line in enumerate(lines) if line.strip() == "Voorwoord")
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
