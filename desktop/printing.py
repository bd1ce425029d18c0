"""Printing and PDF plumbing shared by the printable documents (order confirmation, pick list).

Each document is HTML for a QTextDocument, shown in a preview dialog with "Print…" and
"Save as PDF…". The words on the buttons and in the file dialog stay in the dialogs that use
these helpers (their ``self.tr()`` keeps each dialog's own translation context); only the
plumbing lives here.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
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

__all__ = ["PreviewParts", "build_preview", "html_document", "print_html", "save_html_as_pdf",
           "write_pdf"]


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


def print_html(html_text: str, parent: QWidget) -> None:
    """Ask for a printer and print ``html_text`` on it; nothing happens if the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() == QDialog.DialogCode.Accepted:
        html_document(html_text).print_(printer)


def save_html_as_pdf(html_text: str, parent: QWidget, caption: str, suggested_name: str,
                     file_filter: str) -> None:
    """Ask where to save, then write ``html_text`` there as an A4 PDF (nothing if cancelled)."""
    path, _filter = QFileDialog.getSaveFileName(parent, caption, suggested_name, file_filter)
    if path:
        write_pdf(Path(path), html_document(html_text))
