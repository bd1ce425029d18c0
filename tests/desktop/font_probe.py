"""Run in a subprocess by test_fonts.py, under a fontconfig set up by the test (no fonts at all,
or only installed ones it chose): set the fonts up as the app does, and print what Qt then does
with Chinese text on screen (in a label styled by the app's style sheet) and on paper as JSON
on stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel

from desktop.fonts import load_bundled_fonts, use_screen_fonts
from desktop.printing import PAPER_CSS, html_document, write_pdf
from desktop.resources import style_sheet

TEXT = "订货单 客户：上海华联超市 合计 ¥1,234.56（含税）黄桃 长城 门店 矿泉水"
# Written in the PDF under TEXT, in the printed documents' style: digits among Latin letters, a
# ligature and a Chinese dash, each of which a font could draw with a glyph without text.
HAN = "".join(c for c in TEXT if "\u4e00" <= c <= "\u9fff")
"""TEXT's hanzi alone."""
LATIN = "Order Confirmation SKU-0042 27 bottles 1,234.56"
PRINTED = "SKU-0042 · 27 bottles · Order Confirmation · 备注——无"


def glyph_runs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """The font family and glyph indexes Qt lays ``text`` out with in ``font`` (glyph 0 is
    "missing")."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes()))
            for run in layout.glyphRuns()]


def main() -> int:
    app = QApplication(sys.argv[:1])
    # As in the English UI (i18n.install_language): Qt shapes the hanzi with no Chinese language,
    # so a face's Chinese forms are only drawn if the face itself is a Chinese one.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    ui_family = QFontInfo(QFont()).family()  # the face Qt draws Latin in unless told otherwise
    screen = use_screen_fonts(app)
    loaded = load_bundled_fonts()
    app.setStyleSheet(style_sheet())
    label = QLabel(TEXT)
    label.setObjectName("detailTitle")  # a bold, larger title: the style sheet sets its font
    label.ensurePolished()
    metrics = QFontMetrics(QFont())
    pdf = Path(sys.argv[1])
    write_pdf(pdf, html_document(f"<html><head><style>{PAPER_CSS}</style></head><body>"
                                 f"<p>{TEXT}</p><p><b>{TEXT}</b></p><p>{PRINTED}</p>"
                                 "</body></html>"))
    print(json.dumps({
        "loaded": loaded,
        "again": load_bundled_fonts(),
        "missing": [c for c in TEXT if not c.isspace() and not metrics.inFontUcs4(ord(c))],
        "ui_family": ui_family,
        "screen": screen,
        "runs": glyph_runs(TEXT, label.font()),
        "bold": label.font().bold(),
        "han": sorted({family for family, _glyphs in glyph_runs(HAN, label.font())}),
        "latin": sorted({family for family, _glyphs in glyph_runs(LATIN, label.font())}),
        "pdf_fonts": sorted({line.split(b"/BaseFont", 1)[1].split()[0].decode()
                             for line in pdf.read_bytes().split(b"\n")
                             if b"/BaseFont" in line}),
    }, ensure_ascii=False))
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
