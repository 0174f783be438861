"""``rbvgraph review SLUG``: one HTML page that works offline (no scripts or styles from elsewhere) to review a
report's candidates: per section the text with each mention marked (known things and new ones apart), and beside
it the candidates with their id, what they say in words, confidence, quote and reason."""

from __future__ import annotations

import html
import re
from importlib import resources

from ..errors import InputError
from ..graph import open_graph
from ..graph.labels import labels_for
from ..project import Project
from ..vocab import shorten
from .concepts import Candidate, read_concepts
from .run import check_slug
from .text import PagedReport

_MATCHED = re.compile(r"^'(.*?)' is ")
_KIND_NAMES = {"vermelding": "vermelding", "nieuw": "nieuw ding", "relatie": "relatie"}
_PLURALS = {"vermelding": "vermeldingen", "nieuw": "nieuwe dingen", "relatie": "relaties"}

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #fafafa; }
header { padding: 16px 24px; background: #14365d; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; }
section { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px; padding: 16px 24px;
          border-bottom: 1px solid #ddd; }
h2 { grid-column: 1 / -1; margin: 0; font-size: 18px; }
.tekst p { margin: 0 0 8px; }
.tekst .voetnoot { font-size: 13px; color: #444; }
mark.bekend { background: #cfe3ff; border-bottom: 2px solid #1f5fbf; }
mark.nieuw { background: #ffe3b3; border-bottom: 2px dashed #a65c00; }
.kandidaten { display: flex; flex-direction: column; gap: 8px; }
.kandidaat { background: #fff; border: 1px solid #ccc; border-left: 4px solid #888; padding: 6px 10px; }
.kandidaat.relatie { border-left-color: #2e7d32; }
.kandidaat.nieuw { border-left-color: #a65c00; }
.kandidaat.vermelding { border-left-color: #1f5fbf; }
.kop { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.id { font-family: ui-monospace, monospace; font-weight: 600; }
.soort { font-size: 12px; text-transform: uppercase; color: #555; }
.zeker { margin-left: auto; font-variant-numeric: tabular-nums; }
.wat { margin: 2px 0; }
.wat .ook { display: block; font-size: 13px; color: #555; }
blockquote { margin: 4px 0; padding-left: 8px; border-left: 2px solid #bbb; color: #333; font-style: italic; }
.reden { font-size: 13px; color: #555; }
.leeg { color: #666; }
form.filter { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; margin-top: 8px; }
form.filter label { white-space: nowrap; }
.kandidaat[hidden] { display: none; }
label.kies { font-size: 13px; color: #333; }
#keuze { position: sticky; bottom: 0; background: #fff8d6; border-top: 2px solid #a68a00; padding: 8px 24px;
         display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
#keuze[hidden] { display: none; }
#keuze input { font-family: ui-monospace, monospace; width: min(60ch, 100%); }
"""

_FROM = ("0", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9")  # from 0.3 on, the 0.2 guesses are left out


def review_page(proj: Project, slug: str) -> str:
    check_slug(slug)
    folder = proj.concepts_dir / slug
    source = proj.report_text(slug)
    if not folder.is_dir() or not source.is_file():
        raise InputError(f"{slug}: no concepts to review (run 'rbvgraph ingest FILE --id {slug}' first)")
    candidates = [c for found in read_concepts(folder, slug).values() for c in found]
    paged = PagedReport(source.read_text(encoding="utf-8"), str(source))
    import pyoxigraph as ox

    store = open_graph(proj, "none").store
    names = labels_for(store, [ox.NamedNode(i) for c in candidates for i in (c.subject, c.predicate, c.object)])
    names.update({c.subject: c.label for c in candidates if c.kind == "nieuw"})
    by_section: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_section.setdefault(c.section, []).append(c)
    counts = {k: sum(1 for c in candidates if c.kind == k) for k in _KIND_NAMES}
    parts = [f"<section id=\"s-{_e(p.number)}\"><h2>{_e(_heading(p))}</h2>"
             f"<div class=\"tekst\">{_text(p, by_section.get(p.number, []))}</div>"
             f"<div class=\"kandidaten\">{_cards(by_section.get(p.number, []), names)}</div></section>"
             for p in paged.parts]
    summary = ", ".join(f"{n} {_PLURALS[k] if n != 1 else _KIND_NAMES[k]}" for k, n in counts.items())
    return (f"<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Beoordelen: {_e(slug)}</title>"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{_STYLE}</style></head>"
            f"<body data-verslag=\"{_e(slug)}\"><header><h1>Voorstellen uit {_e(slug)}</h1><p>{_e(summary)}. Aanvaarden: <code>rbvgraph accept "
            f"{_e(slug)} ID…</code>; afwijzen: <code>rbvgraph reject {_e(slug)} ID…</code> "
            f"In de tekst: <mark class=\"bekend\">bekend</mark> een naam die de graaf al kent, <mark class=\"nieuw\">"
            f"nieuw</mark> een voorgesteld nieuw ding.</p>{_filter()}</header>" + "".join(parts) + _choice()
            + f"<script>{_script()}</script></body></html>\n")


def _choice() -> str:
    """The bar that shows the command lines for the cards ticked (filled in by the page's script)."""
    lines = "".join(f"<label>{verb}: <input name=\"{name}\" readonly></label><button type=\"button\" "
                    f"data-kopieer=\"{name}\">Kopieer</button>" for verb, name in (("Aanvaarden", "aanvaarden"),
                                                                                ("Afwijzen", "afwijzen")))
    return (f"<div id=\"keuze\" hidden><span class=\"aantal\"></span>{lines}"
            "<button type=\"button\" class=\"leeg\">Niets kiezen</button></div>")


def _script() -> str:
    return (resources.files("rbvgraph") / "static" / "beoordelen.js").read_text(encoding="utf-8")


def _filter() -> str:
    """The form that narrows the cards: a lowest confidence and the kinds to show."""
    options = "".join(f"<option value=\"{v}\">{'alle' if v == '0' else v}</option>" for v in _FROM)
    kinds = "".join(f"<label><input type=\"checkbox\" name=\"soort\" value=\"{k}\" checked> {_PLURALS[k]}</label>"
                    for k in _KIND_NAMES)
    return (f"<form class=\"filter\"><label>Zekerheid vanaf <select name=\"vanaf\">{options}</select></label>{kinds}"
            f"<span id=\"getoond\" aria-live=\"polite\"></span></form>")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _heading(part) -> str:
    title = part.title if part.number == "Voorwoord" else f"{part.number} {part.title}"
    if part.first_page is None:  # a text without page breaks
        return title
    pages = f"p. {part.first_page}" + (f"–{part.last_page}" if part.last_page != part.first_page else "")
    return f"{title} ({pages})"


def _text(part, candidates: list[Candidate]) -> str:
    """The section's sentences, each mention of a candidate marked."""
    marks: dict[str, list[tuple[str, str]]] = {}
    for c in candidates:
        if c.kind == "vermelding":
            m = _MATCHED.match(c.reason)
            if m:
                marks.setdefault(c.quote, []).append((m.group(1), "bekend"))
        elif c.kind == "nieuw":  # the name as it stands ('RIEC' for a proposed 'RIEC Oost-Nederland')
            words = c.label.split()
            shown = next((" ".join(words[:n]) for n in range(len(words), 0, -1) if " ".join(words[:n]) in c.quote),
                         c.label)
            marks.setdefault(c.quote, []).append((shown, "nieuw"))
    out = []
    for sentence in part.sentences:
        spans = []
        for name, kind in sorted(marks.get(sentence.text, []), key=lambda x: -len(x[0])):
            at = sentence.text.find(name)
            if at >= 0 and not any(s < at + len(name) and at < e for s, e, _ in spans):
                spans.append((at, at + len(name), kind))
        shown, position = [], 0
        for start, end, kind in sorted(spans):
            shown.append(_e(sentence.text[position:start]))
            shown.append(f"<mark class=\"{kind}\">{_e(sentence.text[start:end])}</mark>")
            position = end
        shown.append(_e(sentence.text[position:]))
        css = ' class="voetnoot"' if sentence.footnote else ""
        out.append(f"<p{css}>{''.join(shown)}</p>")
    return "".join(out) or "<p class=\"leeg\">(geen eigen tekst)</p>"


def _cards(candidates: list[Candidate], names: dict[str, str]) -> str:
    if not candidates:
        return "<p class=\"leeg\">Geen voorstellen.</p>"
    order = sorted(candidates, key=lambda c: ("nrv".index(c.kind[0]), -c.confidence, c.id))
    return "".join(_card(c, names) for c in order)


def _card(c: Candidate, names: dict[str, str]) -> str:
    def name(iri: str) -> str:
        return names.get(iri) or shorten(iri)

    if c.kind == "nieuw":
        what = f"<b>{_e(c.label)}</b> ({_e(c.cls)}" + (f", {_e(c.abbreviation)}" if c.abbreviation else "") + ")"
        if c.alternatives:  # the other readings, any of which 'rbvgraph accept … --naam ID=NAAM' may take
            what += "<span class=\"ook\">ook: " + " · ".join(_e(n) for n in c.alternatives) + "</span>"
    elif c.kind == "vermelding":
        what = f"noemt <b>{_e(name(c.subject))}</b>"
    else:
        what = f"<b>{_e(name(c.subject))}</b> {_e(name(c.predicate))} <b>{_e(name(c.object))}</b>"
    return (f"<div class=\"kandidaat {c.kind}\" id=\"{_e(c.id)}\" data-soort=\"{c.kind}\" "
            f"data-zeker=\"{c.confidence:.2f}\"><div class=\"kop\"><span class=\"id\">{_e(c.id)}</span>"
            f"<span class=\"soort\">{_KIND_NAMES[c.kind]}</span><label class=\"kies\"><input type=\"checkbox\" "
            f"class=\"kies\" value=\"{_e(c.id)}\"> kies</label><span class=\"zeker\">zekerheid {c.confidence:.2f}"
            f"</span></div><p class=\"wat\">{what}</p><blockquote>{_e(c.quote)}</blockquote>"
            f"<p class=\"reden\">{_e(c.reason)}</p></div>")
