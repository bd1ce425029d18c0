"""Users: every account with its role and assignment; create one, disable or enable it, give it
a new password, change its role, warehouse or customer; and below, the audit trail: who changed
which account, when, and how."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.admin import BackOffice
from sync_engine.client.engine import Engine
from sync_engine.client.values import AuditEntry, CustomerView, UserAccount, WarehouseView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, translate
from ...models.base import Column, ListTableModel
from ...models.tables import customer_name
from ...widgets.parts import action_button
from ...widgets.tables import fit_columns, make_table, on_row_action, select_row_of
from ..page import NavEntry
from .ask import key, on_server
from .labels import audit_text, role_name
from .server_list import ServerListPage
from .user_dialogs import PasswordDialog, UserDialog

__all__ = ["UsersPage"]

# A change to an account: the request to the server, and what to say once it is done.
Change = tuple[Callable[[BackOffice], object], str]



@dataclass(frozen=True, slots=True)
class Places:
    """The warehouses and customers a user may be assigned to (from this device's replica)."""

    warehouses: list[WarehouseView]
    customers: list[CustomerView]

    def names(self) -> dict[tuple[str, int], str]:
        out = {("warehouse", w.id): f"{w.code} {w.name}" for w in self.warehouses}
        out.update({("customer", c.id): f"{c.code} {customer_name(c)}" for c in self.customers})
        return out


def _places(engine: Engine) -> Places:
    return Places(engine.warehouses(), engine.customers(include_inactive=True))


class UsersPage(ServerListPage[UserAccount]):
    nav = NavEntry("users", QT_TRANSLATE_NOOP("Navigation", "Users"), "users")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "usersPage", UserAccount, in_use=lambda u: u.active)
        self.places = Places([], [])
        self.place_names: dict[tuple[str, int], str] = {}
        self._show_next: int | None = None  # the user to select after the next load
        self.dialog: UserDialog | PasswordDialog | None = None
        fmt = ctx.fmt

        self.model: ListTableModel[UserAccount] = ListTableModel(
            [
                Column(lambda: translate("Admin", "User name"), lambda u: u.username,
                       foreground=self.muted),
                Column(lambda: translate("Admin", "Full name"), lambda u: u.display_name,
                       tooltip=lambda u: u.display_name, foreground=self.muted),
                Column(lambda: translate("Admin", "Role"), lambda u: role_name(u.role),
                       foreground=self.muted),
                Column(lambda: translate("Admin", "Works for"), self._assigned,
                       tooltip=self._assigned, foreground=self.muted),
                Column(lambda: translate("Admin", "State"),
                       lambda u: translate("Admin", "active") if u.active
                       else translate("Admin", "disabled"), foreground=self.muted),
            ]
        )
        self.table = make_table(stretch=1, model=self.model, name="userList",
                                on_current=self._enable)

        self.audit_model: ListTableModel[AuditEntry] = ListTableModel(
            [
                Column(lambda: translate("Admin", "When"), lambda a: fmt.timestamp(a.at)),
                Column(lambda: translate("Admin", "By"), lambda a: a.actor),
                Column(lambda: translate("Admin", "User"), self._username),
                Column(lambda: translate("Admin", "What"),
                       lambda a: audit_text(a, self.place_names),
                       tooltip=lambda a: audit_text(a, self.place_names)),
            ]
        )
        self.audit = make_table(stretch=3, model=self.audit_model, name="auditTrail")

        self.new_button = action_button("add", self.tr("New user…"), self.ask_create,
                                        name="newUser")
        self.role_button = action_button("edit", self.tr("Change role…"), self.ask_role,
                                         name="changeRole")
        self.password_button = action_button("key", self.tr("New password…"), self.ask_password,
                                             name="resetPassword")
        self.active_button = QPushButton(self.tr("Disable…"))
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.ask_toggle_active)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        for button in (self.role_button, self.password_button, self.active_button,
                       self.refresh_button):
            buttons.addWidget(button)

        trail = QGroupBox(self.tr("Changes to user accounts (newest first)"))
        trail_layout = QVBoxLayout(trail)
        trail_layout.addWidget(self.audit)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(trail)
        split.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(split, 1)
        on_row_action(self.table, self.ask_role)
        key(self, "Ctrl+N", self.ask_create)
        self._enable()

    def _assigned(self, u: UserAccount) -> str:
        if u.warehouse_id is not None:
            return self.place_names.get(("warehouse", u.warehouse_id), f"#{u.warehouse_id}")
        if u.customer_id is not None:
            return self.place_names.get(("customer", u.customer_id), f"#{u.customer_id}")
        return ""

    def _username(self, a: AuditEntry) -> str:
        return next((u.username for u in self.model.rows if u.id == a.user_id), f"#{a.user_id}")

    def _enable(self) -> None:
        user = self.selected()
        for button in (self.role_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        self.active_button.setText(self.tr("Enable") if user is not None and not user.active
                                   else self.tr("Disable…"))

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        """The warehouses and customers (local), then the users and the trail (server)."""
        self.refresh_button.setEnabled(False)
        engine = self.ctx.engine
        self.ctx.read(lambda: _places(engine), self._places_loaded, self._failed)

    def _places_loaded(self, places: object) -> None:
        assert isinstance(places, Places)
        self.places, self.place_names = places, places.names()
        on_server(self.ctx, lambda office: (office.users(), office.audit_trail()),
                  self._loaded, self._failed)

    def _loaded(self, answer: object) -> None:
        assert isinstance(answer, tuple)
        users, trail = answer
        self.refresh_button.setEnabled(True)
        current = self.selected()
        self.model.set_rows(users)
        self.audit_model.set_rows(trail)
        fit_columns(self.table)
        fit_columns(self.audit)
        self.loaded = True
        active = sum(1 for u in users if u.active)
        self.state.setText(self.tr("%1 users, %2 of them active.")
                           .replace("%1", self.ctx.fmt.integer(len(users)))
                           .replace("%2", self.ctx.fmt.integer(active)))
        chosen = self._show_next or (current.id if current else None)
        self._show_next = None
        self.select_user(chosen or (users[0].id if users else 0))

    def select_user(self, user_id: int) -> None:
        select_row_of(self.table, self.model.rows, lambda u: u.id == user_id)
        self._enable()

    # ------------------------------------------------------------------ changes

    def _changed(self, text: str, dialog: UserDialog | PasswordDialog | None = None
                 ) -> Callable[[object], None]:
        def done(user: object) -> None:
            if dialog is not None:
                dialog.done_ok()
            self.ctx.message.emit(text)
            if isinstance(user, UserAccount):
                self._show_next = user.id
            self.refresh()

        return done

    def _refused(self, dialog: UserDialog | PasswordDialog
                 ) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if not dialog.show_refusal(exc):
                self.ctx.error.emit(exc)

        return failed

    def _open(self, dialog: UserDialog | PasswordDialog, change: Callable[[], Change]) -> None:
        """Open ``dialog``; when its OK is pressed, send the request ``change()`` makes of its
        fields, and say what it says once the server has done it. The dialog stays open until
        the server answers, and shows a refusal."""

        def submit() -> None:
            request, said = change()
            on_server(self.ctx, request, self._changed(said, dialog), self._refused(dialog))

        dialog.submitted.connect(submit)
        self.dialog = dialog
        dialog.open()

    def ask_create(self) -> None:
        dialog = UserDialog(None, self.places.warehouses, self.places.customers, self)

        def change() -> Change:
            username, name = dialog.username.text().strip(), dialog.display_name.text().strip()
            password, role = dialog.password.text(), dialog.chosen_role()
            wh, cust = dialog.warehouse_id(), dialog.customer_id()
            return (lambda office: office.create_user(username, password, role, display_name=name,
                                                      warehouse_id=wh, customer_id=cust),
                    self.tr("User %1 created.").replace("%1", username))

        self._open(dialog, change)

    def ask_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = UserDialog(user, self.places.warehouses, self.places.customers, self)

        def change() -> Change:
            role, wh, cust = dialog.chosen_role(), dialog.warehouse_id(), dialog.customer_id()
            return (lambda office: office.set_assignment(user.id, role, warehouse_id=wh,
                                                         customer_id=cust),
                    self.tr("%1 is now %2.").replace("%1", user.username)
                    .replace("%2", role_name(role)))

        self._open(dialog, change)

    def ask_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = PasswordDialog(user, self)

        def change() -> Change:
            password = dialog.password.text()
            return (lambda office: office.reset_password(user.id, password),
                    self.tr("%1 has a new password and is signed out everywhere.")
                    .replace("%1", user.username))

        self._open(dialog, change)

    def ask_toggle_active(self) -> None:
        """Enable at once; disable after saying what it does."""
        user = self.selected()
        if user is None:
            return
        if not user.active:
            self.set_active(user, True)
            return
        self.ask_first(self.tr("Disable %1?"),
                       self.tr("%1 can no longer sign in, and is signed out on every device now. "
                               "Their orders and data stay; you can enable the account again "
                               "later."),
                       self.tr("Disable"), user.username, lambda: self.set_active(user, False))

    def set_active(self, user: UserAccount, active: bool) -> None:
        text = (self.tr("%1 is enabled.") if active
                else self.tr("%1 is disabled and signed out everywhere.")).replace(
            "%1", user.username)
        on_server(self.ctx, lambda office: office.set_active(user.id, active),
                  self._changed(text))
