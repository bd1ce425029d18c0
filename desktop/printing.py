"""Printing and PDF plumbing shared by the printable documents (order confirmation, pick list).

Each document is HTML for a QTextDocument, shown in a preview dialog with "Print…" and
"Save as PDF…". The words on the buttons and in the file dialog stay in the dialogs that use
these helpers (their ``self.tr()`` keeps each dialog's own translation context); only the
plumbing lives here.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .fonts import CHINESE_FAMILY, LATIN_FAMILY, load_bundled_fonts
from .page_breaks import keep_rows_whole, split_paragraphs_at_page_breaks

__all__ = ["PAPER_FONTS", "PreviewParts", "build_preview", "html_document", "paged_copy",
           "paper_font", "print_document", "print_html", "save_html_as_pdf", "write_form_pdf",
           "write_pdf"]


# The typefaces of every printed document, in the order Qt tries them for each character: the
# app's own (desktop/fonts.py), a Latin face first for letters and digits, then a Chinese face.
# With them a document is set in the same faces on every machine, and its PDF reads back
# what was printed: Qt's PDF writer gives a glyph the text of the lowest code point the font's
# character map sends to it, and an installed Noto Sans CJK draws 225 hanzi of GB2312 with the
# glyph of a radical (客户 read back as 客⼾, 黄 as ⻩), and, where no DejaVu Sans or Arial is
# installed, a digit among Latin letters ("SKU-0042") with an alternate no character maps to (no
# text at all). The installed faces after them only draw what the app's lack (a rare hanzi).
PAPER_FONTS = (f"'{LATIN_FAMILY}', '{CHINESE_FAMILY}', 'Noto Sans CJK SC', 'Microsoft YaHei', "
               "'PingFang SC', sans-serif")


# The style every printed page starts from (a table of lines under a title); each document
# adds its own rules after it.
PAPER_CSS = """
body { font-family: """ + PAPER_FONTS + """;
       font-size: 10pt; color: #111; }
.sub { color: #555; }
table.lines { border-collapse: collapse; width: 100%; }
table.lines th { background: #e8eef6; border-bottom: 1px solid #888; padding: 4px;
                 text-align: left; font-size: 9pt; }
table.lines td { border-bottom: 1px solid #ddd; padding: 4px; }
td.num, th.num, table.lines th.num { text-align: right; }
"""


def paper_font(point_size: int) -> QFont:
    """The font of what is drawn on paper outside a document's HTML (its page numbers)."""
    font = QFont()
    font.setFamilies([LATIN_FAMILY, CHINESE_FAMILY])
    font.setPointSize(point_size)
    return font


def bilingual(zh: str, en: str) -> str:
    """A heading in Chinese with its English under it, smaller (HTML)."""
    return f"{html.escape(zh)}<br><span class='sub'>{html.escape(en)}</span>"


def html_document(html_text: str) -> QTextDocument:
    """A QTextDocument holding ``html_text``, ready to print or write as PDF (set in the app's
    own typefaces, which the PDF embeds)."""
    load_bundled_fonts()
    doc = QTextDocument()
    doc.setHtml(html_text)
    return doc


# The margins of a document printed or saved as PDF (a form brings its own).
_MARGIN_MM = 15.0


def write_pdf(path: Path, doc: QTextDocument,
              page: QPageSize | None = None) -> None:
    """Save the document as a PDF at ``path``, on A4 unless ``page`` says otherwise, its pages
    numbered (see :func:`print_document`)."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(page or QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
                          QPageLayout.Unit.Millimeter)
    # The document's own <title> (confirmation, pick list, …) names the PDF.
    title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title or "Dinghuo 订货")
    writer.setCreator("Dinghuo")
    print_document(doc, writer)


def write_form_pdf(path: Path, doc: QTextDocument, page: QPageSize, margin_mm: float) -> None:
    """Save a document that lays out its own pages and numbers them (delivery notes) as a PDF
    on ``page``: see :func:`print_document`."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(page)
    writer.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                          QPageLayout.Unit.Millimeter)
    title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title or "Dinghuo 订货")
    writer.setCreator("Dinghuo")
    print_document(doc, writer, numbered=False)


# Room under the text of each page for its number (the number sits at its foot).
_FOOTER_MM = 8.0
_PAGE_NUMBER_PT = 8


def paged_copy(doc: QTextDocument, device: QPagedPaintDevice, *,
               numbered: bool = True) -> QTextDocument:
    """A copy of ``doc`` laid out on the pages of ``device`` as :func:`print_document` prints
    it (the caller's document keeps its own layout: a preview, a test): the page's text area,
    less the strip for the page number when ``numbered``, no table row cut in two."""
    laid = doc.clone()
    laid.documentLayout().setPaintDevice(device)
    laid.setDocumentMargin(0)
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    footer = round(_FOOTER_MM / 25.4 * device.logicalDpiY()) if numbered else 0
    laid.setPageSize(QSizeF(area.width(), area.height() - footer))
    keep_rows_whole(laid)  # a table row moves whole to the next page, never cut in two
    split_paragraphs_at_page_breaks(laid)  # a line is drawn on its own page only
    return laid


def _page_context(top: float, page: QSizeF) -> QAbstractTextDocumentLayout.PaintContext:
    """What the layout draws of the page that begins at ``top``: the lines on it, not the
    line that begins the next page. Qt draws every line whose top is at or above the bottom
    of the clip, so the line pushed to the next page, whose top is the page's foot, was
    written on this page too, clipped out of sight but read by pdftotext: the clip the layout
    goes by ends a device pixel short of the foot (no line that fits a page begins in that
    pixel). Lines above the page: :func:`~.page_breaks.split_paragraphs_at_page_breaks`."""
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top, page.width(), page.height() - 1)
    return context


def print_document(doc: QTextDocument, device: QPagedPaintDevice, *,
                   numbered: bool = True) -> None:
    """Print ``doc`` on ``device`` page by page, laid out across the whole width of the
    page's text area (inside the device's margins) — THE way every document is printed or
    written as PDF, and the one place page numbers are drawn.

    ``QTextDocument.print_`` would lay an unpaginated document out with 2 cm margins of its
    own inside the printer's, so a table of ``width: 100%`` came out 4 cm narrower than the
    text width. Here the document is laid out on the device itself: ``numbered``, a strip at
    the foot of each page holds "n / N" at the right; a form that numbers its own pages
    (delivery notes) passes ``numbered=False`` and gets every bit of the page. No table row
    is cut by a page break (:func:`~.page_breaks.keep_rows_whole`); a table with a header
    (``<thead>``) repeats it on each page it runs onto. Each line is written on its own page
    only, not also clipped on the page before or after (:func:`_page_context`).
    """
    laid = paged_copy(doc, device, numbered=numbered)
    page = laid.pageSize()
    footer = device.pageLayout().paintRectPixels(device.logicalDpiX()).height() - page.height()
    pages = laid.pageCount()
    painter = QPainter(device)
    try:
        number_font = paper_font(_PAGE_NUMBER_PT)
        for n in range(pages):
            if n and not device.newPage():
                break  # the printer refused a page (out of paper, cancelled): nothing to add
            top = n * page.height()
            painter.save()
            painter.setPen(QColor("black"))  # the layout writes text in the pen's colour
            painter.translate(0, -top)
            painter.setClipRect(QRectF(0, top, page.width(), page.height()))
            laid.documentLayout().draw(painter, _page_context(top, page))
            painter.restore()
            if numbered:
                painter.save()
                painter.setFont(number_font)
                painter.setPen(QColor("#555"))
                painter.drawText(QRectF(0, page.height(), page.width(), footer),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                                 f"{n + 1} / {pages}")
                painter.restore()
    finally:
        painter.end()


class PreviewParts(NamedTuple):
    preview: QTextBrowser
    print_button: QPushButton
    pdf_button: QPushButton


def build_preview(dialog: QDialog, html_text: str, *, print_label: str,
                  pdf_label: str) -> PreviewParts:
    """Lay ``dialog`` out as a preview of ``html_text`` with Close and two action buttons.

    The labels come translated from the caller; connecting the buttons is left to it too.
    """
    load_bundled_fonts()
    preview = QTextBrowser()
    preview.setHtml(html_text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    print_button = buttons.addButton(print_label, QDialogButtonBox.ButtonRole.ActionRole)
    pdf_button = buttons.addButton(pdf_label, QDialogButtonBox.ButtonRole.ActionRole)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(preview)
    layout.addWidget(buttons)
    dialog.resize(900, 760)
    return PreviewParts(preview, print_button, pdf_button)


def print_html(html_text: str, parent: QWidget, page: QPageSize | None = None,
               copies: int = 1, margin_mm: float | None = None) -> None:
    """Ask for a printer and print ``html_text`` on it; nothing happens if the user cancels.
    ``page``, ``copies`` and ``margin_mm`` preset the dialog (the app's printer settings; a
    document without them gets the margins of its PDF)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if page is not None:
        printer.setPageSize(page)
    margin = _MARGIN_MM if margin_mm is None else margin_mm  # as on the PDF, unless a form
    printer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)
    printer.setCopyCount(max(1, copies))
    if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted:
        # A form (a page size given: delivery notes) numbers its own pages.
        print_document(html_document(html_text), printer, numbered=page is None)


def save_html_as_pdf(html_text: str, parent: QWidget, caption: str, suggested_name: str,
                     file_filter: str) -> None:
    """Ask where to save, then write ``html_text`` there as an A4 PDF (nothing if cancelled)."""
    path, _filter = QFileDialog.getSaveFileName(parent, caption, suggested_name, file_filter)
    if path:
        write_pdf(Path(path), html_document(html_text))


class PreviewDialog(QDialog):
    """A preview of a printable page with "Print…" and "Save as PDF…" (A4, under
    ``pdf_name`` unless the user names it otherwise). A paper of its own (a delivery note on
    continuous forms) overrides :meth:`print_` and :meth:`save_pdf`."""

    def __init__(self, html_text: str, name: str, pdf_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.html = html_text
        self.pdf_name = pdf_name
        self.preview, self.print_button, self.pdf_button = build_preview(
            self, html_text, print_label=self.tr("Print…"), pdf_label=self.tr("Save as PDF…"))
        self.print_button.clicked.connect(self.print_)
        self.pdf_button.clicked.connect(self.save_pdf)

    def document(self) -> QTextDocument:
        return html_document(self.html)

    def print_(self) -> None:
        print_html(self.html, self)

    def save_pdf(self) -> None:
        save_html_as_pdf(self.html, self, self.tr("Save as PDF"), self.pdf_name,
                         self.tr("PDF files (*.pdf)"))
