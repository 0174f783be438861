"""The server's front page: YASGUI with one tab per named query, links to the graph and the network pages.

Every asset comes from the package (``static/``), so the page works without internet; the server sends it
with a Content-Security-Policy that allows no other origin, so nothing on it can reach out either.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import quote

YASGUI_VERSION = "4.6.2"
YASGUI_JS = f"yasgui-{YASGUI_VERSION}.min.js"
YASGUI_CSS = f"yasgui-{YASGUI_VERSION}.min.css"
MAX_BUILD_LINKS = 200
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Tab:
    name: str
    title: str
    query: str


def static_dir():
    """The package's static files (YASGUI, its licence, the page's own script and style)."""
    return resources.files("rbvgraph") / "static"


def _template() -> Template:
    return Template((resources.files("rbvgraph") / "templates" / "sparql-editor.html").read_text(encoding="utf-8"))


def build_pages(build_dir: Path | None) -> list[tuple[str, str]]:
    """(URL path under /build/, title) of the HTML pages in the build folder, its index first."""
    if build_dir is None or not build_dir.is_dir():
        return []
    pages = []
    for path in sorted(build_dir.rglob("*.html"), key=lambda p: (p.name != "index.html", len(p.parts), str(p))):
        if len(pages) == MAX_BUILD_LINKS:
            break
        relative = path.relative_to(build_dir).as_posix()
        with path.open("rb") as handle:
            head = handle.read(8192)
        found = _TITLE.search(head)
        title = " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split()) if found else relative
        pages.append((relative, title or relative))
    return pages


def _link(href: str, text: str, note: str = "") -> str:
    extra = f' <span class="note">({html.escape(note)})</span>' if note else ""
    return f'<li><a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>{extra}</li>'


def render(tabs: list[Tab], catalogue: dict, build: list[tuple[str, str]], triples: int) -> bytes:
    """The page as UTF-8 bytes; every text from the graph or a file is escaped."""
    links = [
        _link("/rbv.ttl", "De graaf als Turtle", "rbv.ttl"),
        _link("/rbv.trig", "Alle named graphs als TriG", "rbv.trig"),
        _link("/queries", "Benoemde queries", "JSON"),
        _link("/sparql", "Service description", "SPARQL-endpoint /sparql"),
        _link("/void", "Beschrijving van de dataset", "licentie, versie, aantallen; VoID en DCAT"),
        _link("/def", "De ontologie", "alle soorten en relaties"),
    ]
    links += [_link("/build/" + quote(path), title, "netwerk" if path != "index.html" else "overzicht van build/")
              for path, title in build]
    rows = []
    for query in catalogue.values():
        name = quote(query.name)
        params = ", ".join(f"{p.name}=…" for p in query.params)
        rows.append(
            f"<tr><td>{html.escape(query.title)}</td>"
            f'<td><a href="/queries/{name}?format=csv">CSV</a></td>'
            f'<td><a href="/queries/{name}">JSON</a></td>'
            f'<td class="note">{html.escape(params)}</td></tr>')
    config = json.dumps({"endpoint": "/sparql", "tabs": [t.__dict__ for t in tabs]}, ensure_ascii=False)
    config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    about = (f"Een SPARQL 1.1-endpoint over {triples} triples uit het Jaarverslag 2023 Regionaal Beleidsplan "
             "Veiligheid Noord-Nederland. Alleen lezen; elke query heeft een tijds- en groottelimiet.")
    page = _template().substitute(yasgui_js=YASGUI_JS, yasgui_css=YASGUI_CSS, about=html.escape(about),
                                  links="\n".join(links), named="\n".join(rows), config=config)
    return page.encode("utf-8")
