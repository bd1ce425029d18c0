"""Run in a subprocess by test_fonts.py, under a fontconfig set up by the test (no fonts at all,
or only an installed Chinese one): load what the app loads, and print what Qt then does with
Chinese text on screen and on paper as JSON on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QTextLayout

from desktop.fonts import load_bundled_fonts
from desktop.printing import PAPER_CSS, html_document, write_pdf

TEXT = "订货单 客户：上海华联超市 合计 ¥1,234.56（含税）黄桃 长城 门店 矿泉水"
# Written in the PDF under TEXT, in the printed documents' style: digits among Latin letters, a
# ligature and a Chinese dash, each of which a font could draw with a glyph without text.
PRINTED = "SKU-0042 · 27 bottles · Order Confirmation · 备注——无"


def glyph_runs(text: str) -> list[tuple[str, list[int]]]:
    """The font family and glyph indexes Qt lays ``text`` out with on a screen (glyph 0 is
    "missing")."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes()))
            for run in layout.glyphRuns()]


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    loaded = load_bundled_fonts()
    metrics = QFontMetrics(QFont())
    pdf = Path(sys.argv[1])
    write_pdf(pdf, html_document(f"<html><head><style>{PAPER_CSS}</style></head><body>"
                                 f"<p>{TEXT}</p><p><b>{TEXT}</b></p><p>{PRINTED}</p>"
                                 "</body></html>"))
    print(json.dumps({
        "loaded": loaded,
        "again": load_bundled_fonts(),
        "missing": [c for c in TEXT if not c.isspace() and not metrics.inFontUcs4(ord(c))],
        "runs": glyph_runs(TEXT),
        "pdf_fonts": sorted({line.split(b"/BaseFont", 1)[1].split()[0].decode()
                             for line in pdf.read_bytes().split(b"\n")
                             if b"/BaseFont" in line}),
    }, ensure_ascii=False))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
