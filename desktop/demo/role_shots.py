"""The clerk's and the owner's screens for ``--screenshots``, named after the
role and the screen (``clerk-queue.png``, ``owner-reorder.png`` …). Each role's steps run with
that demo user signed in on a device of their own (:meth:`.Camera.switch_user`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..picklist import pick_list_document
from ..views.clerk.queue import load_pick_data
from ..views.clerk.workspace import ClerkWorkspace
from ..views.owner.workspace import OwnerWorkspace
from .camera import RoleShots, Step

__all__ = ["ClerkShots", "OwnerShots"]


class ClerkShots(RoleShots[ClerkWorkspace]):
    def steps(self) -> list[Step]:
        return [self.queue, self.pick_list, self.ship]

    def queue(self) -> None:
        page = self.ws.queue

        def select() -> None:
            page.select_orders([r.order.id for r in page.model.rows[:3]])
            self.camera.settle(self.camera.snap("clerk-queue"))

        self.show_page("queue", lambda: page.model.rowCount() > 1, select)

    def pick_list(self) -> None:
        """The pick list of the selected orders: the dialog, and the PDF it saves."""
        queue = self.ws.queue
        queue.show_pick_list()
        self.camera.wait(lambda: queue.pick_dialog is not None, self._pick_list_shown)

    def _pick_list_shown(self) -> None:
        ws = self.ws
        dialog = ws.queue.pick_dialog
        assert dialog is not None
        self.camera.grab(dialog, "clerk-picklist")
        items, products, customers = load_pick_data(ws.ctx.engine, ws.queue.selected_items())
        now = ws.ctx.fmt.timestamp(dt.datetime.now(dt.UTC).isoformat())
        self.camera.write_pdf("pick-list", pick_list_document(items, products, customers,
                                                              ws.ctx.fmt, now))
        dialog.close()
        self.camera.next()

    def ship(self) -> None:
        ws = self.ws
        rows = ws.queue.model.rows
        item = next((r for r in rows if r.shipped_units and r.open_lines > 1),
                    next((r for r in rows if len(r.order.lines) > 2), rows[0]))
        ws.ship(item.order.id)
        self.camera.wait(lambda: ws.ship_page.order is not None, self._scanned)

    def _scanned(self) -> None:
        """Every open line counted but the biggest, which is scanned once (a backorder), then
        over-shipped: refused, with the rules' message under the field."""
        page = self.ws.ship_page
        open_rows = sorted((i for i, r in enumerate(page.model.rows) if r.line.remaining),
                           key=lambda i: page.model.rows[i].line.remaining)
        for i in open_rows[:-1]:
            page.model.set_count(i, page.model.rows[i].line.remaining)
        last = page.model.rows[open_rows[-1]]
        if last.product is not None:
            code = last.product.barcode or last.product.sku
            page.scan.setText(code)
            page.scanned()
            page.scan.setText(f"{last.line.remaining + 5}*{code}")
            page.scanned()
        page.tracking.setText("SF1409876543")
        self.camera.settle(self.camera.snap("clerk-ship"))


class OwnerShots(RoleShots[OwnerWorkspace]):
    def steps(self) -> list[Step]:
        return [self.home, self.catalog, self.reorder, self.orders]

    def home(self) -> None:
        home = self.ws.home

        def loaded() -> None:
            home.suggestions.selectRow(0)
            self.camera.snap("owner-home")()

        self.show_page("home", lambda: home.suggestions_model.rowCount() > 0, loaded,
                       load=home.reload)

    def catalog(self) -> None:
        page = self.ws.catalog
        self.ws.show_page("catalog")
        page.search.setText("")
        page.search.search.emit("")

        def found() -> None:
            page.table.selectRow(2)
            self.camera.settle(self.camera.snap("owner-catalog"))

        self.camera.wait(lambda: page.model.rowCount() > 0 and not page.model.loading, found)

    def reorder(self) -> None:
        """"Order again" of a closed order after the ERP raised the price of its first line."""
        engine = self.ws.ctx.engine
        past = next(o for o in engine.orders(limit=100) if o.status == "closed")
        past = engine.order(past.id)
        customer = engine.customer(past.customer_id)
        line = past.lines[0]
        product = engine.product(line.product_id)
        new_price = (line.unit_price * Decimal("1.06")).quantize(Decimal("0.01"))
        camera, demo, sync = self.camera, self.camera.demo, self.camera.app.sync
        assert sync is not None

        def imported(_r: object) -> None:
            sync.sync_now()
            camera.wait(camera.synced, lambda: self._reorder(past.id))

        camera.app.tasks.run("sync", lambda: demo.import_prices([{
            "customer": customer.code, "sku": product.sku, "min_qty": 1,
            "unit_price": str(new_price)}]), imported,
            lambda exc: camera.fail(f"price import: {exc!r}"))

    def _reorder(self, order_id: str) -> None:
        ws = self.ws
        ws.reorder(order_id)
        self.camera.wait(lambda: ws.reorder_page.draft is not None,
                         self.camera.snap("owner-reorder"))

    def orders(self) -> None:
        ws = self.ws
        orders = ws.ctx.engine.orders(limit=100)
        rank = {"shipped": 0, "partially_shipped": 1, "closed": 2}
        shipped = min(orders, key=lambda o: rank.get(o.status, 3))
        self.show_order(ws.orders, shipped.id, self._receipt)

    def _receipt(self) -> None:
        """The owner's orders, then the receipt of a shipped one with something missing."""
        self.camera.grab(self.camera.window, "owner-orders")
        detail = self.ws.orders.detail
        if detail.receive_button.isEnabled():
            detail.confirm_receipt()
            dialog = detail.receipt
            dialog.problem.setChecked(True)
            dialog.note.setPlainText("少了一箱矿泉水，外箱破损 / one case of water missing")
            self.camera.grab(dialog, "owner-receipt")
            dialog.close()
        self.camera.next()
