"""Sync health at a glance: this device's outbox and conflicts, and every device's last sync
(from the server; offline, the last list fetched, marked with its time)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.values import DeviceView, ReplicaHealth, SyncHealth

from ...context import AppContext
from ...i18n import domain_lang, translate
from ...models.base import Column, ListTableModel
from ...resources import icon
from ...widgets.tables import fit_columns, make_table

__all__ = ["HealthPage", "staleness"]

_STALE = QBrush(QColor("#b45309"))
_OLD = QBrush(QColor("#b91c1c"))
_REFRESH_MS = 60_000


def _age(iso: str | None, now: dt.datetime) -> dt.timedelta | None:
    if not iso:
        return None
    at = dt.datetime.fromisoformat(iso)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return now - at


def staleness(device: DeviceView, now: dt.datetime) -> str:
    """``ok`` (synced within the hour), ``stale`` (within a day), ``old`` or ``never``."""
    age = _age(device.last_pull_at or device.last_seen_at, now)
    if age is None:
        return "never"
    if age <= dt.timedelta(hours=1):
        return "ok"
    return "stale" if age <= dt.timedelta(days=1) else "old"


def _ago(iso: str | None, now: dt.datetime) -> str:
    age = _age(iso, now)
    if age is None:
        return translate("Admin", "never")
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return translate("Admin", "just now")
    if minutes < 60:
        return translate("Admin", "%1 min ago").replace("%1", str(minutes))
    if minutes < 48 * 60:
        return translate("Admin", "%1 h ago").replace("%1", str(minutes // 60))
    return translate("Admin", "%1 days ago").replace("%1", str(minutes // 1440))


class HealthPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("healthPage")
        self.ctx = ctx
        self.health: SyncHealth | None = None
        self.now = dt.datetime.now(dt.UTC)
        fmt = ctx.fmt

        def color(d: DeviceView) -> QBrush | None:
            return {"stale": _STALE, "old": _OLD, "never": _OLD}.get(staleness(d, self.now))

        self.model: ListTableModel[DeviceView] = ListTableModel(
            [
                Column(lambda: translate("Admin", "User"), lambda d: d.username),
                Column(
                    lambda: translate("Admin", "Device"),
                    lambda d: d.name or d.id,
                    tooltip=lambda d: d.id,
                ),
                Column(
                    lambda: translate("Admin", "Last sync"),
                    lambda d: _ago(d.last_pull_at, self.now),
                    foreground=color,
                    sort=lambda d: d.last_pull_at or "",
                ),
                Column(
                    lambda: translate("Admin", "Last pull"), lambda d: fmt.timestamp(d.last_pull_at)
                ),
                Column(
                    lambda: translate("Admin", "Last push"), lambda d: fmt.timestamp(d.last_push_at)
                ),
                Column(
                    lambda: translate("Admin", "Last seen"), lambda d: fmt.timestamp(d.last_seen_at)
                ),
                Column(
                    lambda: translate("Admin", "Feed position"),
                    lambda d: (
                        fmt.integer(d.last_cursor_seq) if d.last_cursor_seq is not None else "—"
                    ),
                    align_right=True,
                ),
            ]
        )
        self.table = make_table(stretch=1)
        self.table.setObjectName("devices")
        self.table.setModel(self.model)
        self.tiles: dict[str, QLabel] = {}
        grid = QGridLayout()
        for col, (key, title) in enumerate(
            (
                ("devices", self.tr("Devices")),
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
        self.state = QLabel()
        self.state.setObjectName("hint")
        self.state.setWordWrap(True)
        self.replica = QLabel()  # this device's database: backups, integrity
        self.replica.setObjectName("replicaHealth")
        self.replica.setWordWrap(True)
        self.refresh_button = QPushButton(icon("sync"), self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(top)
        layout.addWidget(self.replica)
        layout.addWidget(self.table, 1)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(_REFRESH_MS)
        ctx.conflicts_changed.connect(self.refresh_local)
        self.refresh_local()

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
        stale = sum(1 for d in health.devices if staleness(d, self.now) != "ok")
        self.tiles["devices"].setText(fmt.integer(len(health.devices)))
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
