"""Sync health at a glance: this device's outbox and conflicts, and the fleet: every device's
latest health report from the server (unsent changes and the age of the oldest, conflicts
waiting, last error, app and protocol version, local database check, newest backup,
encryption, last sync). Devices that need attention come first, marked, with the reasons in
words. Offline, the last list fetched is shown, marked with its time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from sync_engine.client.values import DeviceView, ReplicaHealth, SyncHealth

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP, domain_lang, translate
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...resources import icon
from ...widgets.parts import action_button, wrapped_label
from ...widgets.tables import fit_columns, make_table
from ..page import NavEntry, Page
from .labels import (
    ago,
    attention_short,
    attention_text,
    db_check_name,
    error_code_name,
    full_stop,
    list_separator,
    reason_name,
    since,
    unsent_text,
)

__all__ = ["HealthPage", "device_summary", "staleness"]

_STALE = QBrush(QColor("#b45309"))
_OLD = QBrush(QColor("#b91c1c"))
_MUTED = QBrush(QColor("#6b7280"))
_REFRESH_MS = 60_000


def staleness(device: DeviceView, now: dt.datetime) -> str:
    """``ok`` (synced within the hour), ``stale`` (within a day), ``old`` or ``never``."""
    age = since(device.last_pull_at or device.last_seen_at, now)
    if age is None:
        return "never"
    if age <= dt.timedelta(hours=1):
        return "ok"
    return "stale" if age <= dt.timedelta(days=1) else "old"


def _attention_brush(d: DeviceView) -> QBrush | None:
    if d.revoked_at:
        return _MUTED
    return _OLD if d.attention else None


def _attention_icon(d: DeviceView) -> QIcon | None:
    return icon("conflict") if d.attention and not d.revoked_at else None


def _encryption(d: DeviceView) -> str:
    value = d.report.encrypted if d.report else None
    if value is None:
        return "—"
    return translate("Admin", "yes") if value else translate("Admin", "no")


def _versions(d: DeviceView) -> str:
    r = d.report
    if r is None or (r.app_version is None and r.protocol_version is None):
        return "—"
    return f"{r.app_version or '?'} / {r.protocol_version if r.protocol_version else '?'}"


def device_summary(d: DeviceView, now: dt.datetime) -> str:
    """The device's health in sentences (the detail under the list)."""
    head = f"{d.username} · {d.name or d.id} — "
    if d.revoked_at:
        return head + translate("Admin", "revoked %1; it can no longer sync.").replace(
            "%1", ago(d.revoked_at, now))
    r = d.report
    if r is None:
        return head + translate("Admin", "has not reported its health yet.")
    parts = [reason_name(code) for code in d.attention]
    if not parts:
        parts.append(translate("Admin", "nothing needs attention"))
    parts.append(translate("Admin", "reported %1").replace("%1", ago(r.reported_at, now)))
    return head + list_separator().join(parts) + full_stop()


class HealthPage(Page):
    nav = NavEntry("health", QT_TRANSLATE_NOOP("Navigation", "Sync health"), "health")

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "healthPage")
        self.health: SyncHealth | None = None
        self.now = dt.datetime.now(dt.UTC)
        fmt = ctx.fmt

        def color(d: DeviceView) -> QBrush | None:
            if d.revoked_at:
                return _MUTED
            return {"stale": _STALE, "old": _OLD, "never": _OLD}.get(staleness(d, self.now))

        def report_int(d: DeviceView, value: int | None) -> str:
            return "—" if d.report is None or value is None else fmt.integer(value)

        self.model: ListTableModel[DeviceView] = ListTableModel(
            [
                Column(
                    lambda: translate("Admin", "Needs attention"),
                    attention_short,
                    tooltip=attention_text,
                    foreground=_attention_brush,
                    decoration=_attention_icon,
                ),
                Column(
                    lambda: translate("Admin", "Device"),
                    lambda d: f"{d.username} · {d.name or d.id}",
                    tooltip=lambda d: f"{d.username}\n{d.name}\n{d.id}",
                ),
                Column(
                    lambda: translate("Admin", "Last seen"),
                    lambda d: ago(d.last_seen_at or d.last_pull_at, self.now),
                    foreground=color,
                    tooltip=lambda d: translate("Admin", "last seen %1, last sync %2")
                    .replace("%1", fmt.timestamp(d.last_seen_at) or "—")
                    .replace("%2", fmt.timestamp(d.last_pull_at) or "—"),
                    sort=lambda d: d.last_seen_at or "",
                ),
                Column(
                    lambda: translate("Admin", "Unsent"),
                    lambda d: unsent_text(d, self.now),
                    align_right=True,
                    foreground=lambda d: _OLD if "unsent_over_an_hour" in d.attention else None,
                ),
                Column(
                    lambda: translate("Admin", "Conflicts"),
                    lambda d: report_int(d, d.report.conflicts_waiting if d.report else None),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Admin", "Last error"),
                    lambda d: error_code_name(d.report.last_error if d.report else None),
                    tooltip=lambda d: (d.report.last_error or "") if d.report else "",
                ),
                Column(
                    lambda: translate("Admin", "DB check"),
                    lambda d: db_check_name(d.report.db_check if d.report else None),
                    foreground=lambda d: (
                        _OLD if d.report and d.report.db_check == "failed" else None),
                ),
                Column(
                    lambda: translate("Admin", "Backup"),
                    lambda d: (ago(d.report.newest_backup_at, self.now)
                               if d.report and d.report.newest_backup_at else "—"),
                    tooltip=lambda d: fmt.timestamp(
                        d.report.newest_backup_at if d.report else None),
                ),
                Column(lambda: translate("Admin", "Encrypted"), _encryption),
                Column(lambda: translate("Admin", "Version"), _versions,
                       tooltip=lambda d: translate("Admin", "app / protocol")),
            ]
        )
        self.table = make_table(stretch=1, model=self.model, name="devices",
                                on_current=self._selected)
        self.detail = wrapped_label("", "deviceDetail")
        self.tiles: dict[str, QLabel] = {}
        grid = QGridLayout()
        for col, (key, title) in enumerate(
            (
                ("devices", self.tr("Devices")),
                ("attention", self.tr("Need attention")),
                ("stale", self.tr("Not synced for an hour")),
                ("pending", self.tr("Waiting to send (here)")),
                ("conflicts", self.tr("Conflicts (here)")),
            )
        ):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            value = QLabel("—")
            value.setObjectName("tile")
            inner.addWidget(value)
            self.tiles[key] = value
            grid.addWidget(box, 0, col)
        self.state = wrapped_label("", "hint")
        self.replica = QLabel()  # this device's database: backups, integrity
        self.replica.setObjectName("replicaHealth")
        self.replica.setWordWrap(True)
        self.refresh_button = action_button("sync", self.tr("Refresh"), self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(top)
        layout.addWidget(self.replica)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(_REFRESH_MS)
        ctx.conflicts_changed.connect(self.refresh_local)
        self.refresh_local()

    def focus_main_field(self) -> None:
        self.table.setFocus()

    def refresh_local(self) -> None:
        """This device's numbers and the last list known (no network)."""
        engine = self.ctx.engine
        self.ctx.read(lambda: engine.sync_health(fetch_devices=False), self._local_shown)
        self.ctx.read(engine.health, self._replica_shown)

    def _replica_shown(self, health: object) -> None:
        assert isinstance(health, ReplicaHealth)
        self.replica.setText(health.text(domain_lang()))

    def _local_shown(self, health: object) -> None:
        assert isinstance(health, SyncHealth)
        if self.health is not None and self.health.devices_live:
            # Keep the live device list; only this device's numbers are new.
            health = SyncHealth(health.status, self.health.devices, self.health.devices_as_of, True)
        self._shown(health)

    def refresh(self) -> None:
        """Ask the server for the device list (on the sync lane: it is network work)."""
        engine = self.ctx.engine
        self.refresh_button.setEnabled(False)

        def shown(health: object) -> None:
            self.refresh_button.setEnabled(True)
            self._shown(health)

        def failed(exc: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.ctx.error.emit(exc)

        self.ctx.run("sync", engine.sync_health, shown, failed)

    def _shown(self, health: object) -> None:
        assert isinstance(health, SyncHealth)
        self.health = health
        self.now = dt.datetime.now(dt.UTC)
        self.model.set_rows(list(health.devices))
        fit_columns(self.table)
        fmt = self.ctx.fmt
        live = [d for d in health.devices if not d.revoked_at]
        stale = sum(1 for d in live if staleness(d, self.now) != "ok")
        self.tiles["devices"].setText(fmt.integer(len(live)))
        self.tiles["attention"].setText(fmt.integer(sum(1 for d in live if d.attention)))
        self.tiles["stale"].setText(fmt.integer(stale))
        self.tiles["pending"].setText(fmt.integer(health.status.pending + health.status.held))
        self.tiles["conflicts"].setText(fmt.integer(health.status.conflicts))
        if health.devices_live:
            text = self.tr("Devices as of %1 (live from the server).").replace(
                "%1", fmt.timestamp(health.devices_as_of)
            )
        elif health.devices_as_of:
            text = self.tr("Offline: the device list as last fetched, %1.").replace(
                "%1", fmt.timestamp(health.devices_as_of)
            )
        else:
            text = self.tr("The device list needs a connection to the server.")
        text += " " + self.tr("This device last synced %1.").replace(
            "%1", fmt.timestamp(health.status.last_success_at) or self.tr("never")
        )
        self.state.setText(text)
        if health.devices and self.table.currentIndex().row() < 0:
            self.table.selectRow(0)
        self._selected()

    def _selected(self) -> None:
        device = self.table.currentIndex().data(ROW_ROLE)
        self.detail.setText(device_summary(device, self.now)
                            if isinstance(device, DeviceView) else "")
