"""A comparison of two reports as one HTML page that works offline: a summary of what appeared, disappeared and
continued, then one table per kind and the figures side by side. No script; the one style is inline and allowed by
its hash in the Content-Security-Policy, which forbids everything else (the page loads and sends nothing). Every
name is HTML-escaped."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from .. import __version__
from .diff import CHANGES, Comparison

_STYLE = """body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #1a1a1a; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border-bottom: 1px solid #ccc; padding: .25em .7em; text-align: left; vertical-align: top; }
td.getal { text-align: right; font-variant-numeric: tabular-nums; }
tr.nieuw td:first-child { border-left: 4px solid #1b7837; }
tr.verdwenen td:first-child { border-left: 4px solid #b2182b; }
tr.veranderd td:first-child { border-left: 4px dashed #5e3c99; }
details { margin-bottom: .5em; }
footer { color: #555; font-size: 90%; }
@media print { details { display: block; } }"""

_HEADINGS = {"organisatie": "Organisaties", "programma of activiteit": "Programma's en activiteiten",
             "thema": "Thema's", "relatie": "Relaties", "cijfer": "Cijfers (Bijlage 3)", "doel": "Doelen (Bijlage 3)"}
_FIGURES = ("cijfer", "doel")


def render_comparison(comparison: Comparison) -> str:
    a, b = comparison.first, comparison.second
    csp = "default-src 'none'; style-src 'sha256-%s'; form-action 'none'; base-uri 'none'" % base64.b64encode(
        hashlib.sha256(_STYLE.encode("utf-8")).digest()).decode("ascii")
    title = f"Wat is er veranderd van {a.slug} naar {b.slug}"
    out = ["<!DOCTYPE html>", '<html lang="nl">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
           f"<h1>{escape(title)}</h1>",
           f"<p>Van <strong>{escape(a.label)}</strong> ({escape(a.slug)}) naar <strong>{escape(b.label)}</strong> "
           f"({escape(b.slug)}). Een ding of relatie hoort bij een verslag als het verslag het noemt; een cijfer als "
           "het in de tabel met cijfers van dat verslag staat.</p>",
           "<h2>Samenvatting</h2>", "<table>", "<tr><th>soort</th>" + "".join(f"<th>{c}</th>" for c in CHANGES) + "</tr>"]
    for kind in comparison.kinds():
        counts = "".join(f'<td class="getal">{comparison.count(kind, c)}</td>' for c in CHANGES)
        out.append(f"<tr><td>{escape(_HEADINGS.get(kind, kind))}</td>{counts}</tr>")
    out.append("</table>")
    for kind in comparison.kinds():
        rows = [r for r in comparison.rows if r.kind == kind]
        out.append(f"<h2>{escape(_HEADINGS.get(kind, kind))} ({len(rows)})</h2>")
        changed = [r for r in rows if r.change != "blijft"] if kind not in _FIGURES else rows
        staying = [r for r in rows if r.change == "blijft"] if kind not in _FIGURES else []
        if changed:
            out.append(_table(changed, a.slug, b.slug, kind in _FIGURES))
        if staying:
            out.append(f"<details><summary>{len(staying)} blijven</summary>{_table(staying, a.slug, b.slug, False)}"
                       "</details>")
    out += [f"<footer>Gemaakt met rbvgraph {escape(__version__)} (rbvgraph diff {escape(a.slug)} "
            f"{escape(b.slug)}).</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _table(rows, first: str, second: str, figures: bool) -> str:
    head = (f"<tr><th>naam</th><th>verandering</th><th>{escape(first)}</th><th>{escape(second)}</th></tr>")
    cell = (lambda v: f'<td class="getal">{escape(v)}</td>') if figures else (lambda v: f"<td>{escape(v)}</td>")
    body = "".join(f'<tr class="{r.change}"><td>{escape(r.name)}</td><td>{r.change}</td>{cell(r.first)}{cell(r.second)}'
                   "</tr>" for r in rows)
    return f"<table>{head}{body}</table>"
