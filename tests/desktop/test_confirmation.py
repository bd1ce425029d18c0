"""The printed order confirmation: the product column takes the width the number columns leave,
so long names wrap in full instead of being squeezed to a few characters a line; the totals and
the tax amount stay in their own cells."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPageSize, QTextDocument

from desktop.confirmation import confirmation_document
from desktop.i18n import Formatter, install_language
from desktop.printing import write_pdf
from tests.desktop.paper_fixtures import CUSTOMER, order_and_shipment, products
from tests.desktop.test_paperwork import pdf_text

LONG_ZH = "达利园法式软面包奶油味家庭超值分享装（特别版）360g×12"
LONG_EN = "Daliyuan French Soft Bread Cream Flavour Family Value Sharing Pack (Special Edition)"
# The width an A4 page gives the document when printed, in 96-dpi pixels: 210 mm less the
# writer's 15 mm margins (printing.print_document lays it out across the whole text width).
MARGIN_MM = 15
A4_TEXT_WIDTH = (210 - 2 * MARGIN_MM) / 25.4 * 96


def _document(fmt: Formatter) -> QTextDocument:
    order, _ = order_and_shipment(3)
    names = products(3)
    names[1] = dataclasses.replace(names[1], name_zh=LONG_ZH, name_en=LONG_EN)
    return confirmation_document(order, names, CUSTOMER, fmt)


def _row_widths(doc: QTextDocument, text: str) -> list[float]:
    """The width of each cell in the lines table's row that holds ``text``."""
    found = doc.find(text)
    table = found.currentTable()
    assert table is not None, text
    row = table.cellAt(found).row()
    layout = doc.documentLayout()
    return [layout.blockBoundingRect(table.cellAt(row, c).firstCursorPosition().block()).width()
            for c in range(table.columns())]


def test_the_product_column_takes_the_room_the_numbers_leave(qapp: Any) -> None:
    doc = _document(Formatter())
    doc.setTextWidth(A4_TEXT_WIDTH)
    widths = _row_widths(doc, "Daliyuan")
    product = widths[1]
    assert product == max(widths) and product > 0.28 * A4_TEXT_WIDTH, widths
    # The whole name is there, wrapped, not cut.
    text = doc.toPlainText()
    assert LONG_ZH in text and LONG_EN in text


def test_the_pdf_gives_the_name_room_and_keeps_the_totals(qapp: Any, tmp_path: Path) -> None:
    doc = _document(Formatter())
    path = tmp_path / "confirmation.pdf"
    write_pdf(path, doc)
    text = pdf_text(path)
    assert "of which VAT" in text and "Daliyuan French" in text
    # A narrow column would give a line a few characters: the Chinese name's first line
    # holds at least ten of them.
    first = next(line for line in text.splitlines() if "达利园" in line)
    assert re.search(r"达利园\S{7,}", first), first


# The lines table's header row is shaded #e8eef6 from its left edge to its right.
_HEADER_SHADE = bytes((0xE8, 0xEE, 0xF6))


def _shaded_span_mm(pdf: Path, dpi: int = 72) -> tuple[float, float]:
    """Where the table's shaded header row begins and ends on page 1, in mm from the left
    edge of the paper (the page rendered by pdftoppm, read as a plain PPM)."""
    ppm = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, check=True).stdout
    magic, width, height, _max, pixels = ppm.split(maxsplit=4)
    assert magic == b"P6"
    w, h = int(width), int(height)
    xs = [x for y in range(h) for x in range(w)
          if pixels[(y * w + x) * 3:(y * w + x) * 3 + 3] == _HEADER_SHADE]
    assert xs, "no shaded header row on page 1"
    return min(xs) / dpi * 25.4, (max(xs) + 1) / dpi * 25.4


@pytest.mark.parametrize(("paper", "width_mm"), [
    (QPageSize.PageSizeId.A4, 210), (QPageSize.PageSizeId.Letter, 215.9)], ids=["A4", "Letter"])
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_lines_table_spans_the_text_width(qapp: Any, tmp_path: Path, paper: Any,
                                              width_mm: float, lang: str) -> None:
    """Qt's own print_() laid the document out 2 cm in from each margin: the table stopped
    4 cm short of the text width. It now runs from margin to margin, pages numbered."""
    install_language(lang)
    try:
        path = tmp_path / "confirmation.pdf"
        write_pdf(path, _document(Formatter()), QPageSize(paper))
    finally:
        install_language("en")
    left, right = _shaded_span_mm(path)
    assert left == pytest.approx(MARGIN_MM, abs=1.5), (left, right)
    assert right == pytest.approx(width_mm - MARGIN_MM, abs=1.5), (left, right)
    assert re.search(r"\b1\s*/\s*1\s*$", pdf_text(path).strip()), "page number"


def test_a_printer_gets_the_same_full_width_pages(qapp: Any, tmp_path: Path) -> None:
    """What "Print…" does after the dialog, on a printer (PDF output standing in for one, at
    the printer's own resolution): the same layout as the saved PDF."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout
    from PySide6.QtPrintSupport import QPrinter

    from desktop.printing import print_document

    path = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                           QPageLayout.Unit.Millimeter)
    print_document(_document(Formatter()), printer)
    del printer  # the file is complete once the printer is gone
    left, right = _shaded_span_mm(path)
    assert left == pytest.approx(MARGIN_MM, abs=1.5), (left, right)
    assert right == pytest.approx(210 - MARGIN_MM, abs=1.5), (left, right)
    assert re.search(r"\b1\s*/\s*1\s*$", pdf_text(path).strip()), "page number"
