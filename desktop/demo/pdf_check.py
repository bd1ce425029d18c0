"""Does a printed PDF say what was printed? Its text as a reader gets it (search, copy, an ERP
filing the PDF), read back with pypdf, against the document that was printed.

The self-test of the built app asks this of the PDFs it writes: the app carries no pdftotext,
and what goes wrong is in the PDF, not in Qt's layout (a glyph whose ToUnicode names another
character: 户 read back as ⼾ from an installed Noto Sans CJK; a glyph with none: digits among
Latin letters). pypdf is small, pure Python and well kept; it reads the PDF's own ToUnicode
maps, as pdftotext and a PDF viewer's search do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader

__all__ = ["pdf_text", "unreadable"]


def pdf_text(path: Path) -> str:
    """The text of every page of the PDF at ``path``, as a reader extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def unreadable(text: str, printed_text: str, words: Iterable[str]) -> list[str]:
    """What of a printed document its PDF's ``text`` (:func:`pdf_text`, or pdftotext's) does
    not give back: each of ``words`` (an order number, a customer's name) it lacks, and each
    character of ``printed_text`` (the document's plain text) it holds fewer times, as
    ``'户 ×2'``; empty when the PDF reads back whole. Spacing is not compared (a PDF places
    words; how a reader spaces them is its own guess)."""
    squeezed = "".join(text.split())
    lost = [w for w in words if "".join(w.split()) not in squeezed]
    missing = (Counter(c for c in printed_text if not c.isspace())
               - Counter(c for c in text if not c.isspace()))
    return lost + [f"{c} ×{n}" for c, n in sorted(missing.items())]
