"""Build step: one page per thing of the graph (organisation, gemeente, programme and the other activities, theme,
law, document, indicator, section, post, person, place), an overview per kind, and the search box's script.

A page's file mirrors its IRI: ``https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland`` is
``build/id/organisatie/riec-noord-nederland.html``, and ``rbvgraph serve`` answers a browser that asks for the IRI
with that file. Every link between the pages is relative, so the folder works from disk (``file://``) without a
server. A page gives the thing's names and kind, every fact the report states about it with its quote and section
(the rows of the named query ``waar-staat-dat``), what it is otherwise linked to, for an organisation the partners
around it (:mod:`.around`), for an indicator its figures of Bijlage 3 as a chart (:mod:`.chart`) and a table, and
for a section the report's own text with the facts drawn from it.
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape, unescape
from importlib import resources
from itertools import groupby
from urllib.parse import quote, unquote

import pyoxigraph as ox

from ..graph.reports import section_reports, slug_of
from ..graph.search import KINDS, compact
from ..network.page import SOURCE
from ..vocab import INSTANCES
from .around import around_svg, partners
from .chart import chart_svg, dutch_number
from .context import BuildContext
from .things import Fact, Thing, Things, read_things

FOLDER = "id"
OVERVIEW = "overzicht"
SCRIPT = "zoeken.js"
STYLE = "stijl.css"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")
_WEB = re.compile(r"^https?://[^/\s]+")
PROJECT = INSTANCES[:INSTANCES.index("/id/") + 1]  # https://w3id.org/rbvgraph/: its own IRIs are no outside address
_HIDDEN_KINDS = {"soorten"}
# A fact's relation as a verb between subject and object, where the ontology's label is a noun or a bare participle.
_VERBS = {"doelgroep": "heeft als doelgroep", "bijdrager": "is gemaakt met bijdrage van", "maker": "is gemaakt door",
          "aangestuurd door": "wordt aangestuurd door", "BWB-identificatie": "heeft als BWB-identificatie",
          "CBS-code": "heeft als CBS-code", "TOOI-identificatie": "heeft als TOOI-identificatie",
          "doel gehaald volgens de tekst": "haalde zijn doel volgens de tekst:", "gebaseerd op": "is gebaseerd op",
          "gefinancierd uit": "wordt gefinancierd uit", "gericht tegen": "is gericht tegen",
          "hoeveelheid": "noemt als hoeveelheid", "onderdeel van": "is onderdeel van",
          "ondertekend door": "is ondertekend door", "provincie": "ligt in de provincie",
          "vastgesteld door": "is vastgesteld door", "voorgezeten door": "wordt voorgezeten door",
          "functie in": "is een functie bij", "tot stand gebracht door": "is tot stand gebracht door",
          "volgt / is beïnvloed door": "is beïnvloed door", "voortgekomen uit": "is voortgekomen uit",
          "uitgever": "is uitgegeven door", "bron (DC)": "heeft als bron", "gebied": "gaat over het gebied",
          "volgt": "volgt", "heeft thema": "heeft als thema"}
# A link read from the other end ("X valt onder dit" → "omvat: X"); on a section's page "vermeld in" is grouped.
_INVERSE = {"vermeld in": "noemt", "is deel van": "heeft als deel", "valt onder": "omvat", "hoort bij": "omvat",
            "is hoofdthema van": "heeft als hoofdthema", "zie ook": "genoemd bij"}
# The ontology's labels that tell two standard properties apart by their vocabulary: plain words on a page.
_PLAIN = {"eenheid (tekst)": "eenheid", "datum (DC)": "datum", "naam (FOAF)": "naam", "uitgever (naam)": "uitgever",
          "maker (naam)": "maker", "doelrichting": "het doel is", "minimum": "ten minste", "maximum": "ten hoogste"}
_WORDS = {"true": "ja", "false": "nee", "minimum": "een ondergrens (ten minste)",
          "maximum": "een bovengrens (ten hoogste)"}  # the ontology's classes have no page of their own here


def page_path(iri: str) -> str | None:
    """``id/organisatie/riec-noord-nederland.html`` for a thing under the instance base; None for any other IRI
    or one whose path is not plain segments (it gets no page rather than a strange file name)."""
    if not iri.startswith(INSTANCES):
        return None
    segments = iri[len(INSTANCES):].split("/")
    if not all(_SAFE.match(s) for s in segments):
        return None
    return f"{FOLDER}/{'/'.join(segments)}.html"


def overview_path(key: str) -> str:
    """``overzicht/organisaties.html``; ``programma's`` → ``programmas``."""
    return f"{OVERVIEW}/{compact(key)}.html"


class _Pages:
    """Relative links from one page to the others."""

    def __init__(self, things: Things):
        self.things = things
        self.paths = {iri: path for iri in things.things if (path := page_path(iri))}

    @staticmethod
    def href(here: str, target: str) -> str:
        """``../thema/zorg.html`` from ``id/organisatie/x.html`` to ``id/thema/zorg.html`` (both relative to the
        build; every page path is plain segments, so this is posixpath.relpath without its cost, 700 pages × 20
        links)."""
        folders, parts = here.split("/")[:-1], target.split("/")
        common = 0
        while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
            common += 1
        return quote("../" * (len(folders) - common) + "/".join(parts[common:]))

    def link(self, here: str, iri: str, text: str | None = None) -> str:
        """A link to the thing's page; a web address outside the project a link to itself, its full address shown
        (after its name when it has one); else the name as text."""
        path = self.paths.get(iri)
        if path:
            return f'<a href="{self.href(here, path)}">{escape(text if text is not None else self.things.name(iri))}</a>'
        if _WEB.match(iri) and not iri.startswith(PROJECT):
            address = f'<a class="extern" href="{escape(iri)}">{escape(unquote(iri))}</a>'
            name = text if text is not None else self.things.labels.get(iri)
            return f"{escape(name)} ({address})" if name else address
        return escape(text if text is not None else self.things.name(iri))


def _head(title: str, here: str, pages: _Pages) -> str:
    root = pages.href(here, "index.html")
    return ("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><link rel=\"stylesheet\" href=\"{pages.href(here, STYLE)}\"></head>"
            f"<body data-root=\"{escape(posixpath.dirname(root) or '.')}/\"><header><a href=\"{root}\">rbvgraph: wie doet "
            "wat in veiligheid in Noord-Nederland</a><form role=\"search\" class=\"zoek\" onsubmit=\"return false\">"
            "<label for=\"zoekveld\">Zoeken</label><input id=\"zoekveld\" type=\"search\" autocomplete=\"off\" "
            "placeholder=\"organisatie, thema, wet, gemeente …\"><ul id=\"zoekresultaten\" aria-live=\"polite\"></ul></form></header><main>")


def _foot(here: str, pages: _Pages, iri: str | None = None) -> str:
    address = (f"<p class=\"noot\">Vast webadres van deze pagina's onderwerp: <code>{escape(iri)}</code></p>"
               if iri else "")
    return (f"</main><footer>{address}<p class=\"noot\">Gemaakt uit het {escape(SOURCE)} (maart 2024). Elke "
            "uitspraak staat met de sectie en het letterlijke citaat uit het verslag.</p></footer>"
            f"<script src=\"{pages.href(here, SCRIPT)}\"></script></body></html>\n")


_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # kept as they are in an address; spaces and other letters percent-encoded
_NOTE_MARKS = re.compile(r"\^\{([0-9 ]+)\}")  # the text file's footnote marks: "geding is^{5 6 7 8}."
_NOTE_URL = re.compile(r"&lt;(https?://.+?)&gt;")  # a footnote's address, escaped: "&lt;https://…&gt;" (spaces too)


def _report_words(text: str) -> str:
    """The report's own words (a quote, a paragraph) as HTML: escaped, the footnote marks the text file writes as
    ``^{5 6}`` as superscripts, a footnote's address in angle brackets a link."""
    html = _NOTE_MARKS.sub(lambda m: f"<sup>{','.join(m.group(1).split())}</sup>", escape(text))
    return _NOTE_URL.sub(lambda m: f'&lt;<a class="extern" href="{escape(quote(unescape(m.group(1)), safe=_URL_SAFE))}">'
                         f'{m.group(1)}</a>&gt;', html)


def _object_text(fact: Fact, here: str, pages: _Pages) -> str:
    if isinstance(fact.object, ox.NamedNode):
        return pages.link(here, fact.object.value)
    if fact.object.datatype.value.endswith("#boolean"):
        return _WORDS[fact.object.value]
    return escape(fact.object.value)


def _where(fact: Fact, here: str, pages: _Pages) -> str:
    if fact.number:
        text = f"§ {fact.number} {fact.title}".strip() if fact.number != fact.title else f"§ {fact.number}"
        return pages.link(here, fact.section, text) if fact.section else escape(text)
    return escape(f"bron: {fact.source}") if fact.source else ""


def _facts(facts: list[Fact], here: str, pages: _Pages, heading: str) -> str:
    """The facts grouped by section, in the report's order: who — relation — what, the quote, where."""
    if not facts:
        return ""
    parts = [f"<section class=\"feiten\"><h2>{escape(heading)} <span class=\"aantal\">({len(facts)})</span></h2>"]
    for _, group in groupby(facts, key=lambda f: (f.order, f.number, f.source)):
        group = list(group)
        parts.append(f"<h3>{_where(group[0], here, pages)}</h3><ul>")
        for fact in group:
            quote_html = f"<blockquote>{_report_words(fact.quote)}</blockquote>" if fact.quote else ""
            parts.append(f"<li class=\"feit\"><span class=\"uitspraak\">{pages.link(here, fact.subject)} "
                         f"<span class=\"relatie\">{escape(_VERBS.get(fact.relation, fact.relation))}</span> "
                         f"{_object_text(fact, here, pages)}</span>{quote_html}</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "".join(parts)


def _links(thing: Thing, here: str, pages: _Pages) -> str:
    """The other things it is linked to, one line per relation: "genoemd in: § 1.1, § 2.1.4"; on a section's page
    "genoemd in deze sectie: A, B, C …"."""
    if not thing.links:
        return ""
    groups: dict[tuple[bool, str], list[str]] = {}
    for link in thing.links:
        if link.outgoing:
            words = "genoemd in" if link.relation == "vermeld in" else link.relation
        elif link.relation == "vermeld in" and thing.number:
            words = "genoemd in deze sectie"
        else:
            words = _INVERSE.get(link.relation, f"{link.relation} (naar hier)")
        groups.setdefault((not link.outgoing, words), []).append(pages.link(here, link.other))
    items = "".join(f"<li><span class=\"relatie\">{escape(words)}</span>: {', '.join(others)}</li>"
                    for (_, words), others in groups.items())
    return f"<section><h2>Verder verbonden met</h2><ul class=\"verbanden\">{items}</ul></section>"


def _values(thing: Thing) -> str:
    if not thing.values:
        return ""
    rows = "".join(f"<tr><th scope=\"row\">{escape(_PLAIN.get(k, k))}</th><td>{escape(_WORDS.get(v, v))}</td></tr>"
                   for k, v in thing.values)
    return f"<section><h2>Gegevens</h2><div class=\"breed\"><table class=\"gegevens\">{rows}</table></div></section>"


def _figures(thing: Thing, things: Things) -> str:
    figures = things.figures.get(thing.iri)
    if figures is None or not figures.values:
        return ""
    years = sorted(figures.values)
    head = "".join(f"<th scope=\"col\">{y}</th>" for y in years)
    cells = "".join(f"<td>{dutch_number(figures.values[y])}{'*' if y in figures.provisional else ''}</td>" for y in years)
    target = (f"<p>Doel: <strong>{dutch_number(figures.target)}</strong>"
              f"{' (ten minste)' if figures.direction == 'minimum' else ''}.</p>" if figures.target is not None else
              "<p>Bijlage 3 geeft voor deze indicator geen doel.</p>")
    note = "<p class=\"noot\">* voorlopig cijfer</p>" if figures.provisional else ""
    said = "; ".join(f"{y}: {dutch_number(figures.values[y])}{' (voorlopig)' if y in figures.provisional else ''}"
                     for y in years)
    aim = f"; doel {dutch_number(figures.target)}" if figures.target is not None else ""
    label = escape(f"{thing.name}, {figures.unit or 'waarde'} per jaar: {said}{aim}")
    svg = chart_svg(figures).replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    return (f"<section class=\"cijfers\"><h2>Cijfers 2018–2023 (Bijlage 3)</h2><figure>{svg}"
            f"<figcaption>{escape(thing.name)}, {escape(figures.unit)} per jaar"
            f"{'; de stippellijn is het doel' if figures.target is not None else ''}."
            f"</figcaption></figure><div class=\"breed\"><table class=\"reeks\"><tr><th scope=\"row\">jaar</th>{head}</tr>"
            f"<tr><th scope=\"row\">{escape(figures.unit or 'waarde')}</th>{cells}</tr></table></div>{target}{note}</section>")


def _around(thing: Thing, here: str, pages: _Pages, graph) -> str:
    found = partners(graph, thing.iri)
    if not found:
        return ""
    svg = around_svg(graph, thing.iri, lambda iri: pages.href(here, pages.paths[iri]) if iri in pages.paths else None)
    items = "".join(f"<li>{pages.link(here, iri)} <span class=\"aantal\">({n} {'uitspraak' if n == 1 else 'uitspraken'})"
                    "</span></li>" for iri, n in found)
    # the network page's own address for its focus: the IRI after the instance base
    network = pages.href(here, "network/index.html") + "#focus=" + quote(thing.iri[len(INSTANCES):], safe="")
    return (f"<section class=\"netwerk\"><h2>Partners <span class=\"aantal\">({len(found)} "
            f"{'organisatie' if len(found) == 1 else 'organisaties'})</span></h2>"
            f"<p class=\"noot\">Organisaties waarmee het verslag {escape(thing.name)} laat samenwerken, direct of "
            f"via hetzelfde programma, overleg of dezelfde activiteit. <a href=\"{network}\">In het hele netwerk "
            f"bekijken</a>.</p>{svg}<p class=\"legenda\">Tussen haakjes: in hoeveel uitspraken van het verslag "
            f"{escape(thing.name)} en die partner samen voorkomen. Dat is iets anders dan het aantal rijen van de "
            "vraag <em>partners</em>: die geeft één rij per relatie of gedeelde activiteit, met sectie en citaat."
            f"</p><ul class=\"kolommen\">{items}</ul></section>")


def _text(thing: Thing, report, here: str, pages: _Pages) -> str:
    """A section's own text from the report, its headings as headings."""
    if report is None or thing.number not in report.sections:
        return ""
    headings = {f"{s.number}{dot} {s.title}" for s in report.sections.values() for dot in ("", ".")}
    parts = []
    for paragraph in report.paragraphs(thing.number):
        if paragraph in headings or paragraph == thing.number:
            parts.append(f"<h3>{escape(paragraph)}</h3>")
        else:
            parts.append(f"<p>{_report_words(paragraph)}</p>")
    return f"<section class=\"tekst\"><h2>Tekst van het verslag</h2>{''.join(parts)}</section>"


def render_thing(thing: Thing, things: Things, pages: _Pages, graph, report) -> str:
    here = pages.paths[thing.iri]
    names = f"<p class=\"ook\">Ook: {escape(thing.other_names)}</p>" if thing.other_names else ""
    definitions = "".join(f"<p class=\"definitie\">{escape(d)}</p>" for d in thing.definitions)
    body = [f"<h1>{escape(thing.name)}</h1><p class=\"soort\">{escape(thing.kind)}</p>{names}{definitions}",
            _figures(thing, things), _around(thing, here, pages, graph)]
    if thing.number:  # a section: first its text, then what the graph draws from it
        body += [_text(thing, report, here, pages),
                 _facts(thing.section_facts, here, pages, "Uitspraken uit deze sectie")]
    reported = [f for f in thing.facts if f.number]
    outside = [f for f in thing.facts if not f.number]
    named = reported or any(link.outgoing and link.relation == "vermeld in" for link in thing.links)
    silent = ("" if named or thing.number else
              f"<p class=\"noot\">Het verslag noemt {escape(thing.name)} niet bij naam; wat hier staat komt uit "
              "andere bronnen.</p>")
    body += [_facts(reported, here, pages, "Wat het verslag zegt" if not thing.number else "Over deze sectie"),
             silent, _facts(outside, here, pages, "Van buiten het verslag"), _links(thing, here, pages), _values(thing)]
    return _head(f"{thing.name} — {thing.kind}", here, pages) + "".join(body) + _foot(here, pages, thing.iri)


def _overview(kind, rows, pages: _Pages, here: str) -> str:
    items = "".join(
        f"<tr><td>{pages.link(here, hit.iri)}</td><td>{escape(other)}</td><td>{escape(hit.sections)}</td>"
        f"<td class=\"getal\">{facts}</td></tr>" for hit, other, facts in rows if hit.iri in pages.paths)
    title = kind.key.capitalize()
    return (_head(f"{title} — rbvgraph", here, pages) + f"<h1>{escape(title)} <span class=\"aantal\">({len(rows)})"
            "</span></h1><div class=\"breed\"><table class=\"overzicht\"><tr><th>naam</th><th>ook genoemd</th><th>secties</th>"
            f"<th>uitspraken</th></tr>{items}</table></div>" + _foot(here, pages))


def _search_script(pages: _Pages) -> str:
    """The search box's script with the list of names it searches: [name, other names, kind, page]."""
    names = [[t.name, t.other_names, t.kind, pages.paths[iri]] for iri, t in sorted(pages.things.things.items())
             if iri in pages.paths]
    code = (resources.files("rbvgraph") / "static" / "zoeken.js").read_text(encoding="utf-8")
    data = json.dumps(names, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"var RBV_NAMEN = {data};\n{code}"


def overviews(ctx: BuildContext) -> list[tuple[str, str, int]]:
    """(page, title, count) of the overview of each kind that has things, in the order of the kinds."""
    index = ctx.search_index
    return [(overview_path(k.key), k.key, index.count(k)) for k in KINDS
            if k.key not in _HIDDEN_KINDS and index.count(k)]


def write_entities(ctx: BuildContext) -> None:
    """build/id/… (a page per thing), build/overzicht/… (a list per kind), build/zoeken.js and build/stijl.css."""
    from ..validation.source import Report

    things = read_things(ctx.graph, ctx.search_index)
    pages = _Pages(things)
    report_of = section_reports(ctx.graph.store)
    texts: dict[str, Report | None] = {}  # a report's IRI → its text, read once

    def text_of(section: str) -> Report | None:
        """The text of the report ``section`` belongs to (each report has its own)."""
        report = report_of.get(section)
        if report is not None and report not in texts:
            path = ctx.graph.project.report_text(slug_of(report))
            texts[report] = Report.load(path) if path.is_file() else None
        return texts.get(report)

    graph = ctx.organisation_graph
    for iri, path in sorted(pages.paths.items()):
        ctx.write(path, render_thing(things.things[iri], things, pages, graph, text_of(iri)))
    index = ctx.search_index
    for kind in KINDS:
        if kind.key not in _HIDDEN_KINDS and index.count(kind):
            path = overview_path(kind.key)
            ctx.write(path, _overview(kind, index.things(kind), pages, path))
    ctx.write(SCRIPT, _search_script(pages))
    ctx.write(STYLE, (resources.files("rbvgraph") / "static" / "pagina.css").read_text(encoding="utf-8"))
