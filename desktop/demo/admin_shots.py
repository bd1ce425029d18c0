"""The back office's screens for ``--screenshots`` (``admin-review.png``, ``admin-health.png``,
``admin-devices.png`` …), with admin signed in on a device of their own. The demo server's fleet
(``sync_engine.server.demo.fleet``) gives the pages their devices in trouble, a revoked laptop,
a former rep and two integration tokens."""

from __future__ import annotations

from sync_engine.client.values import IntegrationTokenView, NewIntegrationToken

from ..views.admin.integrations import SecretDialog
from ..views.admin.user_dialogs import UserDialog
from ..views.admin.workspace import AdminWorkspace
from .camera import RoleShots, Step

__all__ = ["AdminShots"]

# What a token's secret looks like (the real ones are never shown twice, so none is reused).
_SAMPLE_SECRET = "dhi_Q2xvdWQgY29tcHV0aW5nIGlzIGp1c3QgYW5vdGhlcl9wYw"


class AdminShots(RoleShots[AdminWorkspace]):
    def steps(self) -> list[Step]:
        return [self.review, self.health, self.devices, self.users, self.integrations,
                self.payments]

    def review(self) -> None:
        page = self.ws.review
        self.show_page("review", lambda: page.detail is not None, self.camera.snap("admin-review"))

    def health(self) -> None:
        page = self.ws.health
        self.show_page("health", lambda: page.health is not None and page.health.devices_live,
                       self.camera.snap("admin-health"), load=page.refresh)

    def devices(self) -> None:
        page = self.ws.devices
        self.show_page("devices", lambda: page.loaded, self._devices_loaded)

    def _devices_loaded(self) -> None:
        """The list with the device in trouble chosen, then the wipe's confirmation (never
        confirmed)."""
        page = self.ws.devices
        trouble = next((d for d in page.model.rows if d.attention and not d.revoked_at), None)
        if trouble is not None:
            page.select_device(trouble.id)
        self.camera.grab(self.camera.window, "admin-devices")
        page.ask_revoke(wipe=True)
        box = page.confirm_box
        if box is not None:
            self.camera.grab(box, "admin-revoke-wipe")
            box.close()
        self.camera.next()

    def users(self) -> None:
        page = self.ws.users

        def loaded() -> None:
            disabled = next((u for u in page.model.rows if not u.active), None)
            if disabled is not None:
                page.select_user(disabled.id)
            self.camera.settle(self.camera.snap("admin-users", self._new_user))

        self.show_page("users", lambda: page.loaded, loaded)

    def _new_user(self) -> None:
        """The new user form, filled in for a clerk (never submitted)."""
        page = self.ws.users
        page.ask_create()
        dialog = page.dialog
        if not isinstance(dialog, UserDialog):
            return
        dialog.username.setText("clerk2")
        dialog.display_name.setText("孙磊(上海仓)")
        dialog.password.setText("demo-1234")
        dialog.role.setCurrentIndex(dialog.role.findData("warehouse_clerk"))
        dialog.warehouse.setCurrentIndex(dialog.warehouse.count() - 1)
        dialog.adjustSize()
        self.camera.grab(dialog, "admin-user-new")
        dialog.close()

    def integrations(self) -> None:
        page = self.ws.integrations
        self.show_page("integrations", lambda: page.loaded, self._tokens_loaded)

    def _tokens_loaded(self) -> None:
        """The list, then the dialog a new token's secret is shown in (with a sample secret)."""
        page = self.ws.integrations
        self.camera.grab(self.camera.window, "admin-integrations")
        sample = page.model.rows[0] if page.model.rows else IntegrationTokenView(
            "erp", ("catalog", "prices"), "", None, None)
        dialog = SecretDialog(NewIntegrationToken(sample, _SAMPLE_SECRET), page)
        dialog.show()
        dialog.adjustSize()
        self.camera.grab(dialog, "admin-token-secret")
        dialog.close()
        self.camera.next()

    def payments(self) -> None:
        """The latest payments, then the customer of the newest one chosen and a payment typed
        in (never recorded)."""
        page = self.ws.payments
        self.show_page("payments", lambda: page.loaded, self._payments_loaded)

    def _payments_loaded(self) -> None:
        page = self.ws.payments
        engine = self.ws.ctx.engine
        customers = {c.id: c for c in engine.customers()}
        paid = [customers[p.customer_id] for p in page.model.rows if p.customer_id in customers]
        owing = [c for c in customers.values() if engine.credit(c.id).overdue_amount > 0]
        chosen = next(iter(paid or owing or list(customers.values())), None)
        if chosen is None:
            self.camera.next()
            return
        page.loaded = False
        page.choose_customer(chosen)
        page.amount.setText("2,000.00")
        page.ref.setText("YH-20261205-07")
        page.note.setText("工行转账 / bank transfer")

        def shown() -> bool:
            return page.loaded and page.account_shown is not None

        self.camera.wait(shown, lambda: self.camera.settle(self.camera.snap("admin-payments")))
