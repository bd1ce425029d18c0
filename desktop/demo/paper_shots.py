"""The printed paperwork after the sale, for ``--screenshots``: the delivery note of a
shipment on each paper (``delivery-note.pdf`` on A4, ``delivery-note-241x140.pdf`` and
``delivery-note-241x93.pdf`` on continuous forms, and the clerk's dialog,
``clerk-delivery-note.png``), and the monthly statement (``statement.pdf``, the back office's
dialog ``admin-statement.png`` and the store owner's ``owner-statement.png``)."""

from __future__ import annotations

from typing import Any

from ..delivery_note import Paper, write_delivery_note
from ..paperwork import DeliveryNoteDialog, load_delivery_note, open_statement
from ..statement import StatementDialog
from ..views.admin.workspace import AdminWorkspace
from ..views.clerk.workspace import ClerkWorkspace
from ..views.owner.workspace import OwnerWorkspace
from .camera import RoleShots, Step

__all__ = ["AdminPaperShots", "ClerkPaperShots", "OwnerPaperShots"]

_FILES = {Paper.A4: "delivery-note", Paper.FORM_HALF: "delivery-note-241x140",
          Paper.FORM_THIRD: "delivery-note-241x93"}


class ClerkPaperShots(RoleShots[ClerkWorkspace]):
    def steps(self) -> list[Step]:
        return [self.delivery_note]

    def delivery_note(self) -> None:
        camera, engine, fmt = self.camera, self.ws.ctx.engine, self.ws.ctx.fmt
        shipped = [o for o in engine.orders(limit=200)
                   if o.status in ("shipped", "partially_shipped", "closed")]
        order = max(shipped, key=lambda o: len(o.lines))
        shipment = max(engine.shipments(order.id), key=lambda s: len(s.lines))
        for paper, name in _FILES.items():
            html_text, number = load_delivery_note(engine, order.id, shipment.id, fmt, paper)
            path = camera.directory / f"{name}{camera.suffix}.pdf"
            write_delivery_note(path, html_text, paper)
            camera.written.append(path)
        html_text, number = load_delivery_note(engine, order.id, shipment.id, fmt,
                                               Paper.FORM_HALF)
        dialog = DeliveryNoteDialog(html_text, number, Paper.FORM_HALF, 2, self.ws)
        dialog.show()
        camera.settle(lambda: self._grab(dialog))

    def _grab(self, dialog: DeliveryNoteDialog) -> None:
        self.camera.grab(dialog, "clerk-delivery-note")
        dialog.close()
        self.camera.next()


class _StatementShots:
    """Open the statement of the busiest customer the role sees for last month (the
    dialog's default: the month a statement is usually sent for)."""

    camera: Any
    ws: Any
    picture = ""
    pdf = ""

    def statement(self) -> None:
        ctx = self.ws.ctx
        engine = ctx.engine
        orders = [o for o in engine.orders(limit=500)
                  if o.status in ("shipped", "partially_shipped", "closed")]
        counts: dict[int, int] = {}
        for o in orders:
            counts[o.customer_id] = counts.get(o.customer_id, 0) + 1
        customers = engine.customers(include_inactive=True)
        customers.sort(key=lambda c: (-counts.get(c.id, 0), c.code))
        dialog = open_statement(ctx, customers, self.ws)
        dialog.load()
        self.camera.wait(lambda: dialog.view is not None or bool(dialog.error.text()),
                         lambda: self.camera.settle(lambda: self._grab(dialog)))

    def _grab(self, dialog: StatementDialog) -> None:
        if dialog.view is None:
            self.camera.fail(f"statement: {dialog.error.text()}")
            return
        self.camera.grab(dialog, self.picture)
        if self.pdf:
            self.camera.write_pdf(self.pdf, dialog.document())
        dialog.close()
        self.camera.next()


class AdminPaperShots(_StatementShots, RoleShots[AdminWorkspace]):
    workspace_type = AdminWorkspace
    picture, pdf = "admin-statement", "statement"

    def steps(self) -> list[Step]:
        return [self.statement]


class OwnerPaperShots(_StatementShots, RoleShots[OwnerWorkspace]):
    workspace_type = OwnerWorkspace
    picture = "owner-statement"

    def steps(self) -> list[Step]:
        return [self.statement]
