"""The clerk's, the owner's and the back office's screens for ``--screenshots``: the run signs
in as each demo user in turn (a device of their own on the same demo server) and grabs their
screens, named after the role and the screen (``clerk-queue.png``, ``owner-reorder.png`` …)."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from sync_engine.client.values import Identity

from .app import DEMO_PASSWORD, open_engine
from .picklist import pick_list_document
from .printing import write_pdf

if TYPE_CHECKING:
    from .screenshots import ScreenshotRun

__all__ = ["RoleShots"]

log = logging.getLogger(__name__)


class RoleShots:
    """Steps of :class:`~.screenshots.ScreenshotRun` (a mixin: ``self`` is the run)."""

    def role_steps(self: ScreenshotRun) -> list[Any]:
        return [lambda: self.switch_user("clerk1"), self.shoot_clerk_queue,
                self.shoot_clerk_picklist, self.shoot_clerk_ship,
                lambda: self.switch_user("owner1"), self.shoot_owner_home,
                self.shoot_owner_catalog, self.shoot_owner_reorder, self.shoot_owner_orders,
                lambda: self.switch_user("admin"), self.shoot_admin_review,
                self.shoot_admin_health]

    def switch_user(self: ScreenshotRun, user: str) -> None:
        """Close this user's window and sign ``user`` in on a device of their own."""
        app = self.app
        assert app.demo is not None and app.sync is not None
        app.sync.stop()
        self.wait(lambda: not app.sync.running, lambda: self._sign_in(user))  # type: ignore[union-attr]

    def _sign_in(self: ScreenshotRun, user: str) -> None:
        app = self.app
        assert app.demo is not None
        QApplication.setQuitOnLastWindowClosed(False)  # the next user's window follows
        app.close_main()
        old = app.engine
        app.engine = open_engine(app.demo.directory / f"client-{user}", app.demo.url)
        old.close()
        app.args.demo_user = user
        engine = app.engine

        def signed_in(identity: object) -> None:
            assert isinstance(identity, Identity)
            app.open_main(identity)
            QApplication.setQuitOnLastWindowClosed(True)
            if app.window is not None:
                app.window.resize(1280, 800)  # as the rep's pictures, whatever was saved
            self.wait(self._synced, self.next)

        app.tasks.run("sync", lambda: engine.login(user, DEMO_PASSWORD, "dinghuo demo"),
                      signed_in, lambda exc: self.fail(f"signing in {user}: {exc!r}"))

    # ------------------------------------------------------------------ clerk

    def shoot_clerk_queue(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.show_page("queue")
        self.wait(lambda: ws.queue.model.rowCount() > 1, self._clerk_queue_selected)

    def _clerk_queue_selected(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ids = [r.order.id for r in ws.queue.model.rows[:3]]
        ws.queue.select_orders(ids)
        self.wait(lambda: True, lambda: (self.grab(self.window, "clerk-queue"), self.next()))

    def shoot_clerk_picklist(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.queue.show_pick_list()
        self.wait(lambda: ws.queue.pick_dialog is not None, self._clerk_picklist_shown)

    def _clerk_picklist_shown(self: ScreenshotRun) -> None:
        ws = self._workspace()
        dialog = ws.queue.pick_dialog
        self.grab(dialog, "clerk-picklist")
        from .views.clerk.queue import load_pick_data

        items, products, customers = load_pick_data(ws.ctx.engine, ws.queue.selected_items())
        pdf = self.directory / f"pick-list{self.suffix}.pdf"
        write_pdf(pdf, pick_list_document(items, products, customers, ws.ctx.fmt,
                                          ws.ctx.fmt.timestamp(dt.datetime.now(dt.UTC)
                                                               .isoformat())))
        self.written.append(pdf)
        dialog.close()
        self.next()

    def shoot_clerk_ship(self: ScreenshotRun) -> None:
        ws = self._workspace()
        rows = ws.queue.model.rows
        item = next((r for r in rows if r.shipped_units and r.open_lines > 1),
                    next((r for r in rows if len(r.order.lines) > 2), rows[0]))
        ws.ship(item.order.id)
        self.wait(lambda: ws.ship_page.order is not None, self._clerk_scanned)

    def _clerk_scanned(self: ScreenshotRun) -> None:
        page = self._workspace().ship_page
        open_rows = sorted((i for i, r in enumerate(page.model.rows) if r.line.remaining),
                           key=lambda i: page.model.rows[i].line.remaining)
        for i in open_rows[:-1]:
            page.model.set_count(i, page.model.rows[i].line.remaining)
        last = page.model.rows[open_rows[-1]]  # the biggest line: partly, with a backorder
        if last.product is not None:
            code = last.product.barcode or last.product.sku
            page.scan.setText(code)
            page.scanned()
            page.scan.setText(f"{last.line.remaining + 5}*{code}")
            page.scanned()  # over-ship: refused, with the rules' message under the field
        page.tracking.setText("SF1409876543")
        self.wait(lambda: True, lambda: (self.grab(self.window, "clerk-ship"), self.next()))

    # ------------------------------------------------------------------ owner

    def shoot_owner_home(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.show_page("home")
        ws.home.reload()
        self.wait(lambda: ws.home.suggestions_model.rowCount() > 0, lambda: (
            ws.home.suggestions.selectRow(0), self.grab(self.window, "owner-home"),
            self.next()))

    def shoot_owner_catalog(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.show_page("catalog")
        ws.catalog.search.setText("")
        ws.catalog.search.search.emit("")
        self.wait(lambda: ws.catalog.model.rowCount() > 0 and not ws.catalog.model.loading,
                  lambda: (ws.catalog.table.selectRow(2), self.wait(lambda: True, lambda: (
                      self.grab(self.window, "owner-catalog"), self.next()))))

    def shoot_owner_reorder(self: ScreenshotRun) -> None:
        ws = self._workspace()
        engine = ws.ctx.engine
        past = next(o for o in engine.orders(limit=100) if o.status == "closed")
        past = engine.order(past.id)
        customer = engine.customer(past.customer_id)
        line = past.lines[0]
        product = engine.product(line.product_id)
        new_price = (line.unit_price * Decimal("1.06")).quantize(Decimal("0.01"))
        demo, sync = self.app.demo, self.app.sync
        assert demo is not None and sync is not None

        def imported(_r: object) -> None:
            sync.sync_now()
            self.wait(self._synced, lambda: self._owner_reorder(past.id))

        self.app.tasks.run("sync", lambda: demo.import_prices([{
            "customer": customer.code, "sku": product.sku, "min_qty": 1,
            "unit_price": str(new_price)}]), imported,
            lambda exc: self.fail(f"price import: {exc!r}"))

    def _owner_reorder(self: ScreenshotRun, order_id: str) -> None:
        ws = self._workspace()
        ws.reorder(order_id)
        self.wait(lambda: ws.reorder_page.draft is not None,
                  lambda: (self.grab(self.window, "owner-reorder"), self.next()))

    def shoot_owner_orders(self: ScreenshotRun) -> None:
        ws = self._workspace()
        orders = ws.ctx.engine.orders(limit=100)
        rank = {"shipped": 0, "partially_shipped": 1, "closed": 2}
        shipped = min(orders, key=lambda o: rank.get(o.status, 3))
        ws.show_page("orders")
        ws.orders.show_order(shipped.id)
        self.wait(lambda: ws.orders.detail.order is not None
                  and ws.orders.detail.order.id == shipped.id, self._owner_receipt)

    def _owner_receipt(self: ScreenshotRun) -> None:
        ws = self._workspace()
        self.grab(self.window, "owner-orders")
        detail = ws.orders.detail
        if detail.receive_button.isEnabled():
            detail.confirm_receipt()
            dialog = detail.receipt
            dialog.problem.setChecked(True)
            dialog.note.setPlainText("少了一箱矿泉水，外箱破损 / one case of water missing")
            self.grab(dialog, "owner-receipt")
            dialog.close()
        self.next()

    # ------------------------------------------------------------------ back office

    def shoot_admin_review(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.show_page("review")
        self.wait(lambda: ws.review.detail is not None,
                  lambda: (self.grab(self.window, "admin-review"), self.next()))

    def shoot_admin_health(self: ScreenshotRun) -> None:
        ws = self._workspace()
        ws.show_page("health")
        ws.health.refresh()
        self.wait(lambda: ws.health.health is not None and ws.health.health.devices_live,
                  lambda: (self.grab(self.window, "admin-health"), self.next()))
