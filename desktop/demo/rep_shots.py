"""The sales rep's screens for ``--screenshots`` (``rep-customers.png``, ``rep-catalog.png`` …),
taken on the rep's own device after the demo orders were made there."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ..confirmation import confirmation_document
from ..views.rep.workspace import RepWorkspace
from .camera import RoleShots, Step
from .orders import a_draft

__all__ = ["RepShots"]


class RepShots(RoleShots[RepWorkspace]):
    def steps(self) -> list[Step]:
        return [self.customers, self.catalog, self.order_entry, self.product_finder, self.orders,
                self.order_detail, self.conflicts, self.server_restored, self.confirmation]

    def customers(self) -> None:
        ws = self.ws
        ws.show_page("customers")
        ws.customers.table.selectRow(2)
        self.camera.settle(self.camera.snap("rep-customers"))

    def catalog(self) -> None:
        page = self.ws.catalog
        self.ws.show_page("catalog")
        page.search.setText("可乐" if self.camera.lang == "zh_CN" else "cola")
        page.search.search.emit(page.search.text())

        def found() -> None:
            page.table.selectRow(1)
            self.camera.settle(self.camera.snap("rep-catalog"))

        self.camera.wait(lambda: page.model.rowCount() > 0 and not page.model.loading, found)

    def order_entry(self) -> None:
        ws = self.ws
        ws.edit_order(a_draft(ws.ctx.engine))
        self.camera.wait(lambda: ws.order_entry.order is not None, self._entry_error)

    def _entry_error(self) -> None:
        """A quantity that breaks the pack size, with the rules' message under the field."""
        ws = self.ws
        entry = ws.order_entry.entry
        products = ws.ctx.engine.search_products("可乐", limit=10)
        packed = next((p for p in products if p.pack_size > 1), products[0])
        entry.set_product(packed)
        entry.unit.setCurrentIndex(0)
        entry.quantity.setText(str(max(1, packed.pack_size // 2 + 1)))
        self.camera.settle(self.camera.snap("rep-order-entry", tidy=entry.clear))

    def product_finder(self) -> None:
        """The product field's drop-down: the matches of a name typed, with price and stock."""
        entry = self.ws.order_entry.entry
        entry.clear()
        entry.code.setFocus()
        entry.code.setText("可乐" if self.camera.lang == "zh_CN" else "cola")
        entry.finder.search_now()
        self.camera.wait(lambda: entry.finder.list_shown,
                         self.camera.snap("rep-product-finder", tidy=entry.clear))

    def orders(self) -> None:
        ws = self.ws
        orders = ws.ctx.engine.orders(limit=50)
        shipped = next((o for o in orders if o.status in ("shipped", "partially_shipped")),
                       orders[0])
        ws.orders.show_order(shipped.id)
        self.camera.wait(lambda: ws.orders.detail.order is not None,
                         self.camera.snap("rep-orders"))

    def order_detail(self) -> None:
        page = self.ws.orders
        page.split.setSizes([380, 900])
        page.detail.tabs.setCurrentIndex(1)

        def tidy() -> None:
            page.detail.tabs.setCurrentIndex(0)
            page.split.setSizes([640, 640])

        self.camera.settle(self.camera.snap("rep-order-detail", tidy))

    def conflicts(self) -> None:
        page = self.ws.conflicts
        self.show_page("conflicts", lambda: page.model.rowCount() > 0,
                       self.camera.snap("rep-conflicts"), load=page.reload)

    def server_restored(self) -> None:
        """The notice after a sync found the server restored from a backup."""
        window = self.camera.window
        window.show_server_went_back(3)
        box = window.findChild(QMessageBox, "serverWentBack")
        assert isinstance(box, QMessageBox)
        self.camera.grab(box, "rep-server-restored")
        box.close()
        self.camera.next()

    def confirmation(self) -> None:
        """The order confirmation: the dialog, and the PDF it saves."""
        ws = self.ws
        ws.show_page("orders")
        detail = ws.orders.detail
        detail.show_confirmation()
        dialog = detail.confirmation
        self.camera.grab(dialog, "rep-confirmation")
        assert detail.order is not None
        customer = ws.ctx.engine.customer(detail.order.customer_id)
        self.camera.write_pdf("order-confirmation", confirmation_document(
            detail.order, detail.products, customer, ws.ctx.fmt))
        dialog.close()
        self.camera.next()

    # ------------------------------------------------------------------ offline (the last steps)

    def offline_steps(self) -> list[Step]:
        """Taken last, as they stop the demo server: the app offline with unsent orders."""
        return [self.go_offline, self.offline]

    def go_offline(self) -> None:
        """The server goes away; the next sync finds it gone and the status bar says so."""
        camera = self.camera
        sync = camera.app.sync
        assert sync is not None
        camera.demo.stop()
        sync.sync_now()
        camera.wait(lambda: sync.status is not None and sync.status.online is False
                    and not sync.running, camera.next)

    def offline(self) -> None:
        """The draft submitted while offline: it waits to be sent, and the window says so."""
        ws = self.ws
        engine, sync = ws.ctx.engine, self.camera.app.sync
        assert sync is not None
        draft_id = a_draft(engine)

        def submitted(_warnings: object) -> None:
            sync.refresh_status()
            ws.show_page("orders")
            ws.orders.show_order(draft_id)
            self.camera.wait(lambda: (ws.orders.detail.order is not None
                                      and ws.orders.detail.order.id == draft_id
                                      and ws.orders.detail.order.sync_state == "pending"
                                      and sync.status is not None and sync.status.pending > 0
                                      and not sync.running),
                             self.camera.snap("rep-offline"))

        ws.ctx.write(lambda: engine.submit(draft_id), submitted,
                     lambda exc: self.camera.fail(f"submitting offline: {exc!r}"))
