"""Build step: ``build/index.html``, a plain page (no script) linking every file the build wrote.

Run it as the last build step: it lists what the steps before it wrote.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from ..sparql.named import catalogue
from .context import BuildContext
from .describe import ONTOLOGY_PAGE, VOID_FILE
from .entities import FOLDER as PAGES, SCRIPT, STYLE, overviews
from .networks import FOLDER, TITLE, report_page, theme_page

INDEX = "index.html"
_STYLE = ("body{font:15px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#222}"
          "h1{font-size:22px}h2{font-size:17px;margin-top:1.6em}li{margin:3px 0}.note{color:#555}"
          "#zoekveld{width:24em;max-width:70vw;padding:.3em .5em;font:inherit}"
          "#zoekresultaten{list-style:none;padding:0}.soort{color:#555}")


def _plain(description: str) -> str:
    """A query's description for policy staff: its technical note on inference (property names, command options)
    said in words."""
    before, found, _ = description.partition(" Steunt op inferentie:")
    return before + (" Telt ook mee wat uit de regels van de ontologie volgt (bijvoorbeeld: wie met iemand "
                     "samenwerkt, werkt ook andersom samen)." if found else "")


def _link(path: str, text: str, note: str = "") -> str:
    extra = f' <span class="note">— {html.escape(note)}</span>' if note else ""
    return f'<li><a href="{html.escape(quote(path))}">{html.escape(text)}</a>{extra}</li>'


def write_index(ctx: BuildContext) -> None:
    """build/index.html: the networks, the graph files, the query results and anything else written."""
    written = [w for w in ctx.written if w != INDEX and not w.startswith(".")]
    facts = ctx.facts
    titles = {f"queries/{q.name}.csv": (q.title, _plain(q.description)) for q in catalogue(ctx.graph.project).values()}
    networks = {f"{FOLDER}/index.html": ("Alle organisaties", "het hele samenwerkingsnetwerk")}
    for theme in sorted(facts.top_themes, key=lambda t: (facts.chapters.get(t, "~"), t)):
        chapter = facts.chapters.get(theme)
        networks[theme_page(theme)] = (facts.label(theme), f"hoofdstuk {chapter}" if chapter else "thema")
    if len(facts.reports) > 1:  # each report's whole network, made of what that report says
        for report, label in facts.reports.items():
            networks[report_page(report)] = (f"{label}: alle organisaties", "alleen wat dit verslag zegt")
    networks[f"{FOLDER}/netwerk.graphml"] = ("netwerk.graphml", "voor Gephi en andere netwerkprogramma's")
    networks[f"{FOLDER}/netwerk.gexf"] = ("netwerk.gexf", "voor Gephi")
    graph = {"rbv.ttl": ("rbv.ttl", "alle gegevens in één bestand (Turtle), zonder wat eruit is afgeleid"),
             "rbv.trig": ("rbv.trig", "alle gegevens (TriG), per bronbestand apart gehouden"),
             VOID_FILE: (VOID_FILE, "beschrijving van de dataset (VoID, DCAT): licentie, versie, aantallen"),
             ONTOLOGY_PAGE: ("De ontologie", "alle soorten en relaties met hun uitleg"),
             "context.jsonld": ("context.jsonld", "de JSON-LD-context: Nederlandse namen voor de eigenschappen")}
    kinds = {path: (title.capitalize(), f"{count} pagina's") for path, title, count in overviews(ctx)}
    groups = [("Alles op een rij: een pagina per organisatie, programma, thema, wet …", kinds),
              ("Samenwerkingsnetwerken", networks),
              ("De gegevens zelf, voor wie ze verder verwerkt", graph), ("Vragen (CSV, opent in Excel)", titles)]
    listed: set[str] = {w for w in written if w.startswith(PAGES + "/") or w in (SCRIPT, STYLE)}
    parts = [f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
             f"<title>{html.escape(TITLE)}</title>"
             f"<style>{_STYLE}</style></head><body><h1>rbvgraph: wie doet wat in veiligheid in Noord-Nederland</h1>"
             f"<p class=\"note\">Gemaakt uit {html.escape(' en '.join(facts.reports.values()) or 'de verslagen')}. "
             "Alle pagina's werken zonder internet.</p>"]
    if SCRIPT in written:
        parts.append("<form role=\"search\" class=\"zoek\" onsubmit=\"return false\"><label for=\"zoekveld\">"
                     "Zoeken</label> <input id=\"zoekveld\" type=\"search\" autocomplete=\"off\" placeholder="
                     "\"organisatie, thema, wet, gemeente …\"><ul id=\"zoekresultaten\" aria-live=\"polite\"></ul></form>")
    for heading, known in groups:
        items = [_link(path, *known[path]) for path in known if path in written]
        listed.update(path for path in known if path in written)
        if items:
            parts.append(f"<h2>{html.escape(heading)}</h2><ul>{''.join(items)}</ul>")
    rest = [_link(path, path) for path in written if path not in listed]
    if rest:
        parts.append(f"<h2>Overige bestanden</h2><ul>{''.join(rest)}</ul>")
    if SCRIPT in written:
        parts.append(f"<script src=\"{SCRIPT}\"></script>")
    parts.append("</body></html>\n")
    ctx.write(INDEX, "".join(parts))
