"""The status bar: online or offline, pending changes, last successful sync, the last error
in words, and "Sync now"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QStatusBar, QWidget

from sync_engine.client.values import SyncStatus

from ..i18n import Formatter
from ..resources import icon

__all__ = ["SyncStatusBar"]


class SyncStatusBar(QStatusBar):
    """Shows a :class:`SyncStatus`; ``sync_requested`` when the user clicks "Sync now"."""

    sync_requested = Signal()
    sign_in_requested = Signal()
    conflicts_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatusBar")
        self.online = QLabel()
        self.online.setObjectName("onlineLabel")
        self.pending = QLabel()
        self.conflicts = QPushButton()
        self.conflicts.setFlat(True)
        self.conflicts.setObjectName("conflictsLink")
        self.conflicts.clicked.connect(self.conflicts_requested)
        self.last_sync = QLabel()
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long message never widens the window: it takes the room left (whole in the tooltip).
        self.error.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sign_in = QPushButton(self.tr("Sign in…"))
        self.sign_in.clicked.connect(self.sign_in_requested)
        self.sign_in.hide()
        self.sync_button = QPushButton(icon("sync"), self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setToolTip(self.tr("Send your changes and fetch new ones now (F5)"))
        self.sync_button.clicked.connect(self.sync_requested)
        self.addWidget(self.online)
        self.addWidget(self.pending)
        self.addWidget(self.conflicts)
        self.addWidget(self.last_sync)
        self.addWidget(self.error, 1)
        self.addPermanentWidget(self.sign_in)
        self.addPermanentWidget(self.sync_button)
        self._running = False
        self._fmt = Formatter()
        self.show_status(None)

    def set_running(self, running: bool) -> None:
        """While a sync runs, the button says so (and does nothing more)."""
        self._running = running
        self.sync_button.setEnabled(not running)
        self.sync_button.setText(self.tr("Syncing…") if running else self.tr("Sync now"))

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None or status.online is None:
            self.online.setText(self.tr("● Connecting…"))
            self.online.setProperty("state", "unknown")
        elif status.online:
            self.online.setText(self.tr("● Online"))
            self.online.setProperty("state", "online")
        else:
            self.online.setText(self.tr("● Offline"))
            self.online.setProperty("state", "offline")
        self.online.style().unpolish(self.online)
        self.online.style().polish(self.online)
        pending = 0 if status is None else status.pending + status.held
        self.pending.setText(self.tr("%n change(s) waiting to be sent", "", pending)
                             if pending else self.tr("All changes sent"))
        open_conflicts = 0 if status is None else status.conflicts
        self.conflicts.setVisible(open_conflicts > 0)
        self.conflicts.setText(self.tr("⚠ %n conflict(s) need a decision", "", open_conflicts))
        when = self._fmt.timestamp(status.last_success_at) if status else ""
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1", when) if when
                               else self.tr("Not synced yet"))
        error = self._error_text(status)
        self.error.setText(error)
        self.error.setToolTip(error)
        self.sign_in.setVisible(bool(status and status.sign_in_required))

    def _error_text(self, status: SyncStatus | None) -> str:
        if status is None:
            return ""
        if status.update_required:
            return self.tr("This app is too old for the server: please update it. Your changes "
                           "are kept.")
        if status.sign_in_required:
            return self.tr("Please sign in again to sync. Your changes are kept.")
        if status.last_error:
            if status.online is False:
                return self.tr("Cannot reach the server; will retry. Your work is saved here.")
            return status.last_error
        return ""
