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

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
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

from .fonts import ensure_chinese_font

__all__ = ["PreviewParts", "build_preview", "html_document", "lay_out_for", "print_html",
           "save_html_as_pdf", "write_form_pdf", "write_pdf"]


# The style every printed page starts from (a table of lines under a title); each document
# adds its own rules after it.
PAPER_CSS = """
body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;
       font-size: 10pt; color: #111; }
.sub { color: #555; }
table.lines { border-collapse: collapse; width: 100%; }
table.lines th { background: #e8eef6; border-bottom: 1px solid #888; padding: 4px;
                 text-align: left; font-size: 9pt; }
table.lines td { border-bottom: 1px solid #ddd; padding: 4px; }
td.num, th.num { text-align: right; }
"""


def bilingual(zh: str, en: str) -> str:
    """A heading in Chinese with its English under it, smaller (HTML)."""
    return f"{html.escape(zh)}<br><span class='sub'>{html.escape(en)}</span>"


def html_document(html_text: str) -> QTextDocument:
    """A QTextDocument holding ``html_text``, ready to print or write as PDF (in Chinese too on
    a machine with no Chinese font: the bundled one is embedded then)."""
    ensure_chinese_font()
    doc = QTextDocument()
    doc.setHtml(html_text)
    return doc


def write_pdf(path: Path, doc: QTextDocument) -> None:
    """Save the document as an A4 PDF at ``path``."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    # The document's own <title> (confirmation, pick list, …) names the PDF.
    title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title or "Dinghuo 订货")
    writer.setCreator("Dinghuo")
    # No page size on the document: print_() then lays it out on the writer's page and scales
    # from screen points to the writer's resolution itself.
    doc.print_(writer)


def lay_out_for(doc: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay ``doc`` out on the pages of ``device`` edge to edge of its margins, with no page
    numbers or margins of Qt's own (a form has its own page numbers and no room to spare);
    then ``doc.print_(device)`` prints it page for page."""
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    doc.setPageSize(QSizeF(rect.size()))


def write_form_pdf(path: Path, doc: QTextDocument, page: QPageSize, margin_mm: float) -> None:
    """Save a document that lays out its own pages (delivery notes, statements) as a PDF on
    ``page``: see :func:`lay_out_for`."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(page)
    writer.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                          QPageLayout.Unit.Millimeter)
    title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
    writer.setTitle(title or "Dinghuo 订货")
    writer.setCreator("Dinghuo")
    lay_out_for(doc, writer)
    doc.print_(writer)


class PreviewParts(NamedTuple):
    preview: QTextBrowser
    print_button: QPushButton
    pdf_button: QPushButton


def build_preview(dialog: QDialog, html_text: str, *, print_label: str,
                  pdf_label: str) -> PreviewParts:
    """Lay ``dialog`` out as a preview of ``html_text`` with Close and two action buttons.

    The labels come translated from the caller; connecting the buttons is left to it too.
    """
    ensure_chinese_font()
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
    ``page``, ``copies`` and ``margin_mm`` preset the dialog (the app's printer settings)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if page is not None:
        printer.setPageSize(page)
    if margin_mm is not None:
        printer.setPageMargins(QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                               QPageLayout.Unit.Millimeter)
    printer.setCopyCount(max(1, copies))
    if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted:
        doc = html_document(html_text)
        if page is not None:  # a form: its own pages
            lay_out_for(doc, printer)
        doc.print_(printer)


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
