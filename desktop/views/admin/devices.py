"""Devices: every device signed in to the server, and cutting one off when it is lost or
stolen (revoke; revoke and wipe its local data), or signing a user out of every device."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout

from sync_engine.client.values import DeviceView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, translate
from ...models.base import Column, ListTableModel
from ...widgets.parts import action_button
from ...widgets.tables import fit_columns, make_table, reselect, select_row_of, table_pane
from ..page import NavEntry
from .ask import key, on_server
from .labels import ago, attention_text, device_state
from .server_list import ServerListPage

__all__ = ["DevicesPage"]

_BAD = QBrush(QColor("#b91c1c"))


class DevicesPage(ServerListPage[DeviceView]):
    nav = NavEntry("devices", QT_TRANSLATE_NOOP("Navigation", "Devices"), "devices")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "devicesPage", DeviceView, in_use=lambda d: not d.revoked_at)
        self.now = dt.datetime.now(dt.UTC)
        fmt = ctx.fmt

        self.model: ListTableModel[DeviceView] = ListTableModel(
            [
                Column(lambda: translate("Admin", "User"), lambda d: d.username,
                       foreground=self.muted),
                Column(lambda: translate("Admin", "Device"), lambda d: d.name or d.id,
                       tooltip=lambda d: f"{d.name}\n{d.id}", foreground=self.muted),
                Column(lambda: translate("Admin", "Last seen"),
                       lambda d: ago(d.last_seen_at, self.now),
                       tooltip=lambda d: fmt.timestamp(d.last_seen_at),
                       sort=lambda d: d.last_seen_at or ""),
                Column(lambda: translate("Admin", "State"), device_state,
                       tooltip=lambda d: fmt.timestamp(d.revoked_at) if d.revoked_at else "",
                       foreground=self.muted),
                Column(lambda: translate("Admin", "Needs attention"), attention_text,
                       tooltip=attention_text,
                       foreground=lambda d: self.muted(d) or (_BAD if d.attention else None)),
            ]
        )
        # The reasons take the spare width: elided, whole in the tooltip.
        self.table = make_table(stretch=4, model=self.model, name="deviceList",
                                on_current=self._enable)
        self.empty = QLabel(self.tr("No device has signed in yet."))
        self.empty.setObjectName("hint")
        self.revoke_button = action_button(
            "cancel", self.tr("Revoke…"), lambda: self.ask_revoke(wipe=False),
            name="revokeDevice", tip=self.tr("End this device's sign-in; it can no longer sync"))
        self.wipe_button = action_button(
            "cancel", self.tr("Revoke and wipe…"), lambda: self.ask_revoke(wipe=True),
            name="wipeDevice",
            tip=self.tr("Also delete the device's local data at its next contact"))
        self.sign_out_button = action_button("users", self.tr("Sign out the user everywhere…"),
                                             self.ask_sign_out, name="signOutUser")
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.sign_out_button, self.revoke_button, self.wipe_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(table_pane(self.table, self.empty, empty=True), 1)
        layout.addLayout(buttons)
        key(self.table, QKeySequence.StandardKey.Delete, lambda: self.ask_revoke(wipe=False))
        self._enable()

    def _enable(self) -> None:
        device = self.selected()
        live = device is not None and not device.revoked_at
        self.revoke_button.setEnabled(live)
        self.wipe_button.setEnabled(live)
        self.sign_out_button.setEnabled(device is not None and device.user_id is not None)
        self.sign_out_button.setText(
            self.tr("Sign out %1 everywhere…").replace("%1", device.username) if device
            else self.tr("Sign out the user everywhere…"))

    def refresh(self) -> None:
        """Fetch the device list from the server."""
        self.refresh_button.setEnabled(False)
        on_server(self.ctx, lambda office: office.devices(), self._loaded, self._failed)

    def _loaded(self, devices: object) -> None:
        assert isinstance(devices, list)
        self.refresh_button.setEnabled(True)
        current = self.selected()
        self.now = dt.datetime.now(dt.UTC)
        self.model.set_rows(devices)
        fit_columns(self.table)
        self.loaded = True
        self.state.setText(self.tr("%1 devices, as of %2.")
                           .replace("%1", self.ctx.fmt.integer(len(devices)))
                           .replace("%2", self.ctx.fmt.timestamp(self.now.isoformat())))
        reselect(self.table, devices, lambda d: current is not None and d.id == current.id)
        self._enable()

    def select_device(self, device_id: str) -> None:
        select_row_of(self.table, self.model.rows, lambda d: d.id == device_id)

    def ask_revoke(self, *, wipe: bool) -> None:
        """Say what will happen, then revoke the selected device if the admin agrees."""
        device = self.selected()
        if device is None or device.revoked_at:
            return
        who = f"{device.name or device.id} ({device.username})"
        title = self.tr("Revoke and wipe %1?") if wipe else self.tr("Revoke %1?")
        text = self.tr(
            "%1 is signed out now and can no longer sync. At its next contact with the "
            "server it deletes its local database, its backups and its stored sign-in.\n\n"
            "Changes made on it that were not sent yet are lost. This cannot be undone."
        ) if wipe else self.tr(
            "%1 is signed out now and can no longer sync; at its next contact it tells "
            "its user why. Its local data stays on it (unsent changes are kept but not "
            "sent). This cannot be undone: the device must be set up again.")
        action = self.tr("Revoke and wipe") if wipe else self.tr("Revoke")
        self.ask_first(title, text, action, who, lambda: self.revoke(device, wipe=wipe))

    def revoke(self, device: DeviceView, *, wipe: bool) -> None:
        who = f"{device.name or device.id} ({device.username})"

        def done(_ended: object) -> None:
            self.ctx.message.emit(
                (self.tr("%1 revoked; its data is wiped at its next contact.") if wipe
                 else self.tr("%1 revoked.")).replace("%1", who))
            self.refresh()

        on_server(self.ctx, lambda office: office.revoke_device(device.id, wipe=wipe), done)

    def ask_sign_out(self) -> None:
        device = self.selected()
        if device is None or device.user_id is None:
            return
        user_id, name = device.user_id, device.username
        self.ask_first(self.tr("Sign out %1 everywhere?"),
                       self.tr("Every sign-in of %1 ends now, on every device. They can sign in "
                               "again with their password; nothing on their devices is deleted."),
                       self.tr("Sign out everywhere"), name, lambda: self.sign_out(user_id, name))

    def sign_out(self, user_id: int, name: str) -> None:
        def done(_r: object) -> None:
            self.ctx.message.emit(self.tr("%1 is signed out on every device.").replace("%1", name))
            self.refresh()

        on_server(self.ctx, lambda office: office.sign_out_user(user_id), done)
