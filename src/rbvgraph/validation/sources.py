"""The checks against the project's files themselves, which no shape can see: every quote stands verbatim in the
section of the report it names (rbv-shapes:CitaatShape), and no data file is empty (rbv-shapes:BestandShape).

A quote is looked for in the text of its report (:mod:`.source`), the report its section belongs to
(``data/sources/<slug>.txt``); when it is not in its section, the violation says
where it does stand, or that it stands nowhere. Without the report's text the quotes cannot be checked: that is
one warning, which does not fail the check.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..project import Project
from ..graph.parse import parse_file
from ..graph.reports import section_reports, slug_of
from ..vocab import INFERRED_GRAPH, ONTOLOGY
from .checks import SHAPES
from .describe import Describer
from .source import Report
from .violation import Violation

_QUOTES = f"""PREFIX rbv: <{ONTOLOGY}>
SELECT ?g ?e ?quote ?sec ?num WHERE {{
  GRAPH ?g {{ ?e rbv:citaat ?quote . OPTIONAL {{ ?e rbv:sectie ?sec }} }}
  OPTIONAL {{ ?sec rbv:sectienummer ?num }}
  FILTER(?g != <{INFERRED_GRAPH}>)
}}"""
_QUOTE_PROPERTY = ONTOLOGY + "citaat"


def source_checks(store: ox.Store, proj: Project, describe: Describer, messages: dict[str, str]) -> list[Violation]:
    """Violations of rbv-shapes:CitaatShape and rbv-shapes:BestandShape."""
    return empty_files(store, proj, messages) + misquotes(store, proj, describe, messages)


def empty_files(store: ox.Store, proj: Project, messages: dict[str, str]) -> list[Violation]:
    """Every input file that parsed to no triple at all (emptied by accident, or all commented out)."""
    found = []
    for path in proj.source_files():
        graph = ox.NamedNode(proj.graph_name(path))
        if next(iter(store.quads_for_pattern(None, None, None, graph)), None) is not None:
            continue
        if path.suffix == ".trig" and parse_file(path):
            continue  # a TriG file's triples may all be in graphs it names itself
        found.append(_violation("BestandShape", messages, path.relative_to(proj.root).as_posix(), "het bestand", ""))
    return found


def misquotes(store: ox.Store, proj: Project, describe: Describer, messages: dict[str, str]) -> list[Violation]:
    """Every quote that does not stand verbatim in the section its evidence names, with where it does stand."""
    rows = list(store.query(_QUOTES, use_default_graph_as_union=True))
    report_of = section_reports(store)
    by_report: dict[str, list] = {}
    for row in rows:  # a section that belongs to no report is rbv-shapes:SectieShape's to report
        report = report_of.get(row["sec"].value) if row["sec"] is not None else None
        if report is not None:
            by_report.setdefault(slug_of(report), []).append(row)
    found = []
    for slug, quoted in sorted(by_report.items()):
        path = proj.report_text(slug)
        if not path.is_file():
            missing = path.relative_to(proj.root).as_posix()
            found.append(Violation("rbv-shapes:CitaatShape", "", "de citaten", "", f"De tekst van het verslag "
                                   f"({missing}) ontbreekt, dus de citaten zijn niet gecontroleerd: zet het bestand "
                                   "terug.", shape="rbv-shapes:CitaatShape", warning=True))
            continue
        found += _misquoted(Report.load(path), quoted, describe, messages)
    return found


def _misquoted(report: Report, rows, describe: Describer, messages: dict[str, str]) -> list[Violation]:
    found = []
    for row in rows:
        quote, number = row["quote"].value, row["num"].value if row["num"] else None
        if number is not None and report.quote_in_section(quote, number):
            continue
        elsewhere = report.sections_with(quote)
        if number is None:
            where = "het bewijs noemt geen sectie met een nummer"
        elif number not in report.sections:
            where = f"sectie {number} staat niet in het verslag"
        else:
            where = f"niet in sectie {number}"
        where += (f"; wel in sectie {', '.join(elsewhere)}" if elsewhere else "; nergens in het verslag")
        shown = quote if len(quote) <= 100 else quote[:100] + "…"
        found.append(_violation("CitaatShape", messages, describe.files.get(row["g"].value, row["g"].value),
                                describe.label(row["e"]), describe.prop(_QUOTE_PROPERTY),
                                value=f'"{shown}" ({where})'))
    return found


def _violation(name: str, messages: dict[str, str], file: str, node: str, prop: str, value: str = "") -> Violation:
    return Violation(f"rbv-shapes:{name}", file, node, prop, messages.get(SHAPES + name, name), value=value,
                     shape=f"rbv-shapes:{name}")
