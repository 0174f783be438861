"""A report's file as normalised text: a PDF (pypdf: pure Python, no system binaries) or a plain UTF-8 text.

The text keeps the PDF's pages: each page after the first starts after a form feed (``\\f``) on a line of its own,
so :func:`page_of_lines` can say on which page a line stands; runs of white space, form feeds included, compare as
one space when quotes are checked. Normalising: Unicode NFC, Windows line ends, soft hyphens and the ligatures
PDFs use for *fi* and *fl* taken out, spaces at the end of lines removed.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import InputError

PAGE_BREAK = "\f"
_LIGATURES = str.maketrans({"\ufb01": "fi", "\ufb02": "fl", "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\u00ad": None, "\u00a0": " "})


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
    return normalise_text(f"\n{PAGE_BREAK}\n".join(page.strip("\n") for page in pages))


def page_of_lines(text: str) -> list[int]:
    """The page (from 1) of every line of ``text`` as ``str.splitlines`` splits it (a form feed ends a line)."""
    pages, page = [], 1
    for line in text.splitlines(keepends=True):
        pages.append(page)
        if line.endswith(PAGE_BREAK):
            page += 1
    return pages
