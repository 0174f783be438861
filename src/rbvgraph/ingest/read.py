"""A report's file as normalised text: a PDF (pypdf: pure Python, no system binaries) or a plain UTF-8 text.

The text keeps the PDF's pages: each page after the first starts after a form feed (``\\f``) on a line of its own,
so :func:`page_of_lines` can say on which page a line stands; runs of white space, form feeds included, compare as
one space when quotes are checked. What a PDF prints on every page is no part of the text: a running header or
footer (a line among the first or last two of a page that stands there on three pages or more and on a quarter
of them, digits aside: 'Jaarverslag 2024 | pagina 7'; on the first page it is kept, as the title a report
often repeats) and a page number ('12', '- 12 -', 'Pagina 3 van 40') where the numbers at the pages' edges run
with the pages (a bare number that does not is content: a year on the title page, a figure). Normalising: Unicode NFC, Windows line ends, soft hyphens and the ligatures
PDFs use for *fi* and *fl* taken out, spaces at the end of lines removed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from ..errors import InputError

PAGE_BREAK = "\f"
_LIGATURES = str.maketrans({"\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\u00ad": None, "\u00a0": " "})


_PAGE_NUMBER = re.compile(r"^(?:pagina|blz\.?|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:van|/)\s*\d{1,4})?$", re.IGNORECASE)
_EDGE = 2  # lines at the top and at the bottom of a page where a running header or footer stands


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).translate(_LIGATURES)
    return "\n".join(line.rstrip(" \t") for line in text.split("\n")).strip("\n") + "\n"


def read_report(path: Path) -> str:
    """The normalised text of the PDF or text file at ``path``; an :class:`InputError` (one line: the file and
    what is wrong) for a file that cannot be read, a PDF without text, or a text that is not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(f"{path}: {err.strerror or err}") from None
    if data.startswith(b"%PDF"):
        return _pdf_text(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (byte {err.start} is 0x{data[err.start]:02x}); save it as UTF-8 "
                         "or give the PDF") from None
    if not text.strip():
        raise InputError(f"{path}: the file is empty")
    return normalise_text(text)


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as err:
        raise InputError(f"{path}: not a readable PDF ({err})") from None
    if not pages:
        raise InputError(f"{path}: the PDF has no pages")
    if not any(page.strip() for page in pages):
        raise InputError(f"{path}: the PDF has no text on its {len(pages)} page(s) (scanned images?); "
                         "give a PDF with text or the report's text")
    return normalise_text(f"\n{PAGE_BREAK}\n".join(_without_running_lines(pages)))


def _edges(lines: list[str]) -> list[int]:
    """The indexes of the first and last ``_EDGE`` lines with text."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE] + filled[-_EDGE:]))


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _without_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers and their page numbers (see the module)."""
    split = [page.strip("\n").split("\n") for page in pages]
    seen = Counter(shape for lines in split  # page numbers are told by how they run, not by their shape
                   for shape in {_shape(lines[i]) for i in _edges(lines) if _page_number(lines[i]) is None})
    running = {shape for shape, n in seen.items() if n >= 3 and n >= len(pages) / 4}
    numbering = _numbering(split)
    out = []
    for number, lines in enumerate(split):  # on the first page a running line is the title: it stays
        gone = {i for i in _edges(lines) if (number and _shape(lines[i]) in running) or (
            numbering is not None and _page_number(lines[i]) == number + numbering)}
        out.append("\n".join(line for i, line in enumerate(lines) if i not in gone).strip("\n"))
    return out


def _page_number(line: str) -> int | None:
    m = _PAGE_NUMBER.match(line.strip())
    return int(re.search(r"\d+", m.group(0)).group(0)) if m else None


def _numbering(split: list[list[str]]) -> int | None:
    """How the printed page numbers run: the number of the page with index 0 (page n is numbered n + this), taken
    from the bare numbers at the pages' edges when at least three pages and a quarter of them agree; None when the
    pages carry no numbering (a bare number at an edge is then content: a year on a title page, a figure)."""
    offsets = Counter(n - index for index, lines in enumerate(split) for n in
                      {_page_number(lines[i]) for i in _edges(lines)} - {None})
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 3 and count >= len(split) / 4 else None


def page_of_lines(text: str) -> list[int]:
    """The page (from 1) of every line of ``text`` as ``str.splitlines`` splits it (a form feed ends a line)."""
    pages, page = [], 1
    for line in text.splitlines(keepends=True):
        pages.append(page)
        if line.endswith(PAGE_BREAK):
            page += 1
    return pages
