"""The printed order confirmation: the product column takes the width the number columns leave,
so long names wrap in full instead of being squeezed to a few characters a line; the totals and
the tax amount stay in their own cells."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from PySide6.QtGui import QTextDocument

from desktop.confirmation import confirmation_document
from desktop.i18n import Formatter
from desktop.printing import write_pdf
from tests.desktop.paper_fixtures import CUSTOMER, order_and_shipment, products
from tests.desktop.test_paperwork import pdf_text

LONG_ZH = "达利园法式软面包奶油味家庭超值分享装（特别版）360g×12"
LONG_EN = "Daliyuan French Soft Bread Cream Flavour Family Value Sharing Pack (Special Edition)"
# The width an A4 page gives the document when printed (print_() lays it out in 96-dpi
# pixels: 210 mm less 15 mm margins of the writer and 2 cm of Qt's own on each side).
A4_TEXT_WIDTH = (210 - 2 * 15 - 2 * 20) / 25.4 * 96


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
