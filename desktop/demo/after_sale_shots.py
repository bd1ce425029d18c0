"""After the sale, for ``--screenshots``: the rep's customer with overdue receivables
(``rep-customer-credit``), asking goods of a shipped order back (``rep-return-request``), the
clerk taking a return in (``clerk-returns-receive``), the back office's returns
(``admin-returns``). Each runs with its role signed in, after that role's other screens."""

from __future__ import annotations

from ..views.admin.workspace import AdminWorkspace
from ..views.clerk.workspace import ClerkWorkspace
from ..views.rep.workspace import RepWorkspace
from .camera import RoleShots, Step

__all__ = ["AdminReturnShots", "ClerkReturnShots", "RepAfterSaleShots"]


class RepAfterSaleShots(RoleShots[RepWorkspace]):
    def steps(self) -> list[Step]:
        return [self.customer_credit, self.return_request]

    def customer_credit(self) -> None:
        """A customer who owes money past due: the banner says so before the order."""
        ws = self.ws
        engine = ws.ctx.engine
        ws.show_page("customers")
        page = ws.customers
        overdue = next((i for i, c in enumerate(page.model.rows)
                        if engine.credit(c.id).overdue_amount > 0), 0)
        page.table.selectRow(overdue)
        self.camera.wait(lambda: page.account.account is not None and page.account.isVisible(),
                         lambda: self.camera.settle(self.camera.snap("rep-customer-credit")))

    def return_request(self) -> None:
        ws = self.ws
        engine = ws.ctx.engine
        shipped = [o for o in engine.orders(limit=200) if o.status in ("shipped", "closed")]
        order = next((o for o in shipped if engine.returnable(o.id)), shipped[0])
        self.show_order(ws.orders, order.id, self._ask)

    def _ask(self) -> None:
        detail = self.ws.orders.detail
        detail.ask_return()
        self.camera.wait(lambda: getattr(detail, "return_dialog", None) is not None,
                         self._dialog_shown)

    def _dialog_shown(self) -> None:
        dialog = self.ws.orders.detail.return_dialog
        rows = dialog.model.rows
        if rows:
            dialog.set_count(rows[0].product_id, max(1, rows[0].limit // 3))
            if len(rows) > 1:  # more than may come back: refused, with the rules' message
                dialog.set_count(rows[1].product_id, rows[1].limit + 2)
        dialog.reason.setCurrentIndex(0)
        dialog.note.setPlainText("外箱压坏两箱 / two cases crushed in transport")
        self.camera.grab(dialog, "rep-return-request")
        dialog.close()
        self.camera.next()


class ClerkReturnShots(RoleShots[ClerkWorkspace]):
    def steps(self) -> list[Step]:
        return [self.receive]

    def receive(self) -> None:
        page = self.ws.returns
        self.show_page("returns", lambda: page.current is not None and page.model.rowCount() > 0,
                       self._scan, load=page.reload)

    def _scan(self) -> None:
        page = self.ws.returns
        first = page.model.rows[0]
        page.scan.setText(first.barcode or first.sku)
        page.scanned()
        if first.limit > 1:
            page.per_scan.setCurrentIndex(1)  # the next one is damaged
            page.scan.setText(first.barcode or first.sku)
            page.scanned()
            page.per_scan.setCurrentIndex(0)
        self.camera.settle(self.camera.snap("clerk-returns-receive"))


class AdminReturnShots(RoleShots[AdminWorkspace]):
    def steps(self) -> list[Step]:
        return [self.returns]

    def returns(self) -> None:
        page = self.ws.returns
        self.show_page("returns", lambda: page.current is not None,
                       lambda: self.camera.settle(self.camera.snap("admin-returns")),
                       load=page.reload)
