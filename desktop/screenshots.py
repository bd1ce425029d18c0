"""``dinghuo --demo --screenshots DIR [--lang zh_CN|en]``: render every main screen with the demo
data to PNG files, then exit. Keeps the README's pictures honest.

Runs as a chain of steps on the event loop: each step changes the screen, then the next one
waits until background work has settled (no tasks in flight) before grabbing the window.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from .app import DinghuoApp
from .confirmation import confirmation_document
from .demo_orders import seed_demo_orders
from .printing import write_pdf
from .screenshots_roles import RoleShots
from .views.login import LoginDialog

__all__ = ["ScreenshotRun"]

log = logging.getLogger(__name__)

Step = Callable[[], None]


class ScreenshotRun(QObject, RoleShots):
    def __init__(self, app: DinghuoApp, directory: Path, timeout_s: float = 180) -> None:
        super().__init__()
        self.app = app
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lang = app.args.lang or "en"
        self.suffix = "" if self.lang == "en" else f".{self.lang}"
        self.steps: list[Step] = []
        self.written: list[Path] = []
        self._deadline = time.monotonic() + timeout_s
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check)
        self._until: Callable[[], bool] | None = None
        self._then: Step | None = None
        self._quiet = 0

    # ------------------------------------------------------------------ machinery

    def wait(self, until: Callable[[], bool], then: Step) -> None:
        """Call ``then`` once ``until()`` holds and the app has no background work left."""
        self._until, self._then, self._quiet = until, then, 0
        self._poll.start()

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            self._poll.stop()
            self.fail("timed out waiting for the screens to settle")
            return
        assert self._until is not None and self._then is not None
        if self._until() and self.app.tasks.in_flight == 0:
            self._quiet += 1
            if self._quiet >= 3:  # still quiet after 150 ms: late signals have landed
                self._poll.stop()
                then, self._then = self._then, None
                then()
        else:
            self._quiet = 0

    def next(self) -> None:
        if not self.steps:
            self.finish()
            return
        step = self.steps.pop(0)
        try:
            step()
        except Exception as exc:  # a screenshot run must end, never hang
            log.exception("screenshot step failed")
            self.fail(f"{step.__name__}: {exc}")

    def settle_then_next(self) -> None:
        self.wait(lambda: True, self.next)

    def grab(self, widget: QWidget, name: str) -> None:
        for toast in widget.findChildren(QWidget, "toast"):
            toast.hide()
        path = self.directory / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        self.written.append(path)
        log.info("wrote %s", path)

    def fail(self, why: str) -> None:
        print(f"dinghuo: screenshots failed: {why}", file=sys.stderr)
        QApplication.exit(1)

    def finish(self) -> None:
        for path in self.written:
            print(path)
        QApplication.exit(0)

    # ------------------------------------------------------------------ the run

    def begin(self) -> None:
        self.app.start()
        self.steps = [self.shoot_login, self.seed, self.shoot_customers, self.shoot_catalog,
                      self.shoot_order_entry, self.shoot_orders, self.shoot_order_detail,
                      self.shoot_conflicts, self.shoot_confirmation, *self.role_steps()]
        self.wait(self._synced, self.next)

    def _synced(self) -> bool:
        sync = self.app.sync
        return (self.app.window is not None and sync is not None and not sync.running
                and sync.status is not None and sync.status.initial_sync_done)

    def shoot_login(self) -> None:
        dialog = LoginDialog(lambda *_a: None,  # type: ignore[arg-type, return-value]
                             lambda *_a: None, server_url="https://dinghuo.example.com",
                             username="rep1")
        dialog.password.setText("demo")
        dialog.server_box.set_hint("")
        dialog.adjustSize()
        dialog.show()
        self.grab(dialog, "login")
        dialog.close()
        self.next()

    def seed(self) -> None:
        app = self.app
        assert app.demo is not None and app.sync is not None
        sync = app.sync
        sync.stop()  # the seeding syncs itself; the timer would only interleave

        def seeded(_n: object) -> None:
            sync.start()
            self.wait(self._synced, self.next)

        engine, demo = app.engine, app.demo
        clerk_dir = demo.directory / "client-clerk1-screens"
        app.tasks.run("sync", lambda: seed_demo_orders(engine, demo, clerk_dir), seeded,
                      lambda exc: self.fail(f"seeding: {exc!r}"))

    @property
    def window(self) -> QWidget:
        assert self.app.window is not None
        return self.app.window

    def _workspace(self):  # type: ignore[no-untyped-def]
        return self.app.window.workspace  # type: ignore[union-attr]

    def shoot_customers(self) -> None:
        ws = self._workspace()
        ws.show_page("customers")
        ws.customers.table.selectRow(2)
        self.wait(lambda: True, lambda: (self.grab(self.window, "rep-customers"), self.next()))

    def shoot_catalog(self) -> None:
        ws = self._workspace()
        ws.show_page("catalog")
        ws.catalog.search.setText("可乐" if self.lang == "zh_CN" else "cola")
        ws.catalog.search.search.emit(ws.catalog.search.text())
        self.wait(lambda: ws.catalog.model.rowCount() > 0 and not ws.catalog.model.loading,
                  self._catalog_select)

    def _catalog_select(self) -> None:
        ws = self._workspace()
        ws.catalog.table.selectRow(1)
        self.wait(lambda: True, lambda: (self.grab(self.window, "rep-catalog"), self.next()))

    def shoot_order_entry(self) -> None:
        ws = self._workspace()
        drafts = ws.ctx.engine.orders(status="draft", limit=5)
        ws.edit_order(drafts[0].id)
        self.wait(lambda: ws.order_entry.order is not None, self._entry_error)

    def _entry_error(self) -> None:
        ws = self._workspace()
        entry = ws.order_entry.entry
        products = ws.ctx.engine.search_products("可乐", limit=10)
        packed = next((p for p in products if p.pack_size > 1), products[0])
        entry.set_product(packed)
        entry.unit.setCurrentIndex(0)
        entry.quantity.setText(str(max(1, packed.pack_size // 2 + 1)))
        self.wait(lambda: True, lambda: (self.grab(self.window, "rep-order-entry"),
                                         entry.clear(), self.next()))

    def shoot_orders(self) -> None:
        ws = self._workspace()
        orders = ws.ctx.engine.orders(limit=50)
        shipped = next((o for o in orders if o.status in ("shipped", "partially_shipped")),
                       orders[0])
        ws.orders.show_order(shipped.id)
        self.wait(lambda: ws.orders.detail.order is not None,
                  lambda: (self.grab(self.window, "rep-orders"), self.next()))

    def shoot_order_detail(self) -> None:
        ws = self._workspace()
        ws.orders.split.setSizes([380, 900])
        ws.orders.detail.tabs.setCurrentIndex(1)
        self.wait(lambda: True, lambda: (self.grab(self.window, "rep-order-detail"),
                                         ws.orders.detail.tabs.setCurrentIndex(0),
                                         ws.orders.split.setSizes([640, 640]), self.next()))

    def shoot_conflicts(self) -> None:
        ws = self._workspace()
        ws.show_page("conflicts")
        ws.conflicts.reload()
        self.wait(lambda: ws.conflicts.model.rowCount() > 0,
                  lambda: (self.grab(self.window, "rep-conflicts"), self.next()))

    def shoot_confirmation(self) -> None:
        ws = self._workspace()
        ws.show_page("orders")
        detail = ws.orders.detail
        detail.show_confirmation()
        dialog = detail.confirmation
        self.grab(dialog, "rep-confirmation")
        assert detail.order is not None
        pdf = self.directory / f"order-confirmation{self.suffix}.pdf"
        customer = ws.ctx.engine.customer(detail.order.customer_id)
        write_pdf(pdf, confirmation_document(detail.order, detail.products, customer,
                                             ws.ctx.fmt))
        self.written.append(pdf)
        dialog.close()
        self.next()
