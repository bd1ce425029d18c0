"""The dialogs of the printed paperwork after the sale: the delivery note of a shipment (the
clerk prints it as soon as the shipment is recorded) and the monthly statement (the back
office for any customer, the store owner for their own account). Both load on the app's
lanes; the layouts are :mod:`.delivery_note` and :mod:`.statement`."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from sync_engine.client import errors as ce
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, StatementView

from .context import AppContext
from .delivery_note import PAPERS, Paper, delivery_note_html, write_delivery_note
from .errors import present
from .i18n import Formatter
from .printing import PreviewDialog, print_html
from .statement import StatementDialog

__all__ = ["DeliveryNoteDialog", "load_delivery_note", "open_delivery_note", "open_statement"]


def load_delivery_note(engine: Engine, order_id: str, shipment_id: str, fmt: Formatter,
                       paper: Paper) -> tuple[str, str]:
    """The note's HTML and its order's number (worker thread); the latest shipment of the
    order when ``shipment_id`` is not (yet) among its shipments."""
    order = engine.order(order_id)
    shipments = engine.shipments(order_id)
    shipment = next((s for s in shipments if s.id == shipment_id), None) or shipments[-1]
    products = {}
    for pid, _units in shipment.lines:
        with contextlib.suppress(ce.NotFound):
            products[pid] = engine.product(pid)
    customer = None
    with contextlib.suppress(ce.NotFound):
        customer = engine.customer(order.customer_id)
    printed = fmt.timestamp(dt.datetime.now(dt.UTC).isoformat())
    return (delivery_note_html(order, shipment, products, customer, fmt, paper, printed),
            order.number or order.local_number)


class DeliveryNoteDialog(PreviewDialog):
    """A preview with "Print…" (on the paper and in the copies of the printer settings) and
    "Save as PDF…"."""

    def __init__(self, html_text: str, name: str, paper: Paper, copies: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(html_text, "deliveryNoteDialog", f"delivery-note-{name}.pdf", parent)
        self.setWindowTitle(self.tr("Delivery note %1").replace("%1", name))
        self.name, self.paper, self.copies = name, paper, copies

    def print_(self) -> None:
        spec = PAPERS[self.paper]
        print_html(self.html, self, spec.page_size(), self.copies, spec.margin_mm)

    def save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save as PDF"), self.pdf_name, self.tr("PDF files (*.pdf)"))
        if path:
            write_delivery_note(Path(path), self.html, self.paper)


def _paper(ctx: AppContext) -> Paper:
    try:
        return Paper(ctx.settings.delivery_paper)
    except ValueError:
        return Paper.A4


def open_delivery_note(ctx: AppContext, order_id: str, shipment_id: str,
                       parent: QWidget) -> None:
    """Load the note and show it (the dialog is kept as ``parent.delivery_note_dialog``)."""
    paper, engine = _paper(ctx), ctx.engine

    def shown(result: Any) -> None:
        html_text, name = result
        dialog = DeliveryNoteDialog(html_text, name, paper, ctx.settings.delivery_copies,
                                    parent)
        parent.delivery_note_dialog = dialog  # type: ignore[attr-defined]
        dialog.open()

    ctx.read(lambda: load_delivery_note(engine, order_id, shipment_id, ctx.fmt, paper), shown)


def open_statement(ctx: AppContext, customers: list[CustomerView],
                   parent: QWidget) -> StatementDialog:
    """The statement dialog over ``customers`` (an owner's one account, or every customer);
    the statement is fetched on the network lane."""
    engine = ctx.engine

    def fetch(customer_id: int, month: str, done: Any, failed: Any) -> None:
        def got(view: object) -> None:
            assert isinstance(view, StatementView)
            done(view)

        def refused(exc: BaseException) -> None:
            failed(present(exc).text)

        # The network lane (named "sync"), as the back office's other requests.
        ctx.run("sync", lambda: engine.back_office().statement(customer_id, month), got,
                refused)

    dialog = StatementDialog(customers, fetch, ctx.fmt, parent)
    parent.statement_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog
