"""The main window: the signed-in role's workspace, menus, the sync status bar, notifications
and the one place errors are shown."""

from __future__ import annotations

import logging

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from sync_engine.client.values import Identity
from sync_engine.version import installed_version

from . import workspaces
from .context import AppContext
from .errors import log_path, present
from .notifier import Notifier
from .resources import icon
from .sync_controller import SyncController
from .widgets.status_bar import SyncStatusBar

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """One window; its central widget is the workspace of the user's role."""

    sign_out_requested = Signal()
    sign_in_requested = Signal()
    settings_requested = Signal()

    def __init__(self, ctx: AppContext, sync: SyncController, identity: Identity) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.sync = sync
        self.identity = identity
        name = identity.display_name or identity.username
        self.setWindowTitle(self.tr("Dinghuo 订货 — %1").replace("%1", name))
        self.setWindowIcon(icon("app"))
        self.workspace = workspaces.create(identity.role, ctx)
        self.setCentralWidget(self.workspace)
        self.status = SyncStatusBar(self)
        self.setStatusBar(self.status)
        self.notifier = Notifier(self)
        self.last_message: tuple[str, str, str] | None = None  # (kind, title, text) last shown
        self._box: QMessageBox | None = None
        self._build_menus()
        self.status.sync_requested.connect(sync.sync_now)
        self.status.sign_in_requested.connect(self.sign_in_requested)
        self.status.conflicts_requested.connect(lambda: self.show_page("conflicts"))
        sync.status_changed.connect(self.status.show_status)
        sync.running_changed.connect(self.status.set_running)
        sync.order_events.connect(self.notifier.order_events)
        ctx.error.connect(self.show_error)
        ctx.message.connect(lambda text: self.notifier.toast.show_message("", text, 4000))
        self.status.show_status(sync.status)
        self.resize(1280, 800)
        geometry, state = ctx.settings.window_state("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        sync_action = QAction(icon("sync"), self.tr("&Sync now"), self)
        sync_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        sync_action.triggered.connect(self.sync.sync_now)
        file_menu.addAction(sync_action)
        settings = QAction(self.tr("Se&ttings…"), self)
        settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        settings.triggered.connect(self.settings_requested)
        file_menu.addAction(settings)
        file_menu.addSeparator()
        sign_out = QAction(self.tr("Sign &out…"), self)
        sign_out.triggered.connect(self.sign_out_requested)
        file_menu.addAction(sign_out)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = bar.addMenu(self.tr("&Go"))
        for i, (name, title) in enumerate(self.workspace.page_titles.items(), start=1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _=False, n=name: self.show_page(n))
            go_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        logs = QAction(self.tr("Open the &log folder"), self)
        logs.triggered.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(log_path().parent))))
        help_menu.addAction(logs)
        about = QAction(self.tr("&About Dinghuo"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_page(self, name: str) -> None:
        self.workspace.show_page(name)

    def show_error(self, exc: object) -> None:
        """Show an error the way its kind asks (silent, a clear message, or "went wrong")."""
        if not isinstance(exc, BaseException):
            return
        shown = present(exc)
        if shown.kind == "cancelled":
            return
        self.last_message = (shown.kind, shown.title, shown.text)
        box = QMessageBox(QMessageBox.Icon.Critical if shown.kind == "bug"
                          else QMessageBox.Icon.Warning, shown.title, shown.text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        self._box = box
        box.open()  # not exec(): no nested event loop, the app keeps running

    def about_text(self) -> str:
        """What Help ▸ About says: the version (a name and a number, the same in every
        language), what the app is, and where its log is."""
        return f"Dinghuo 订货 {installed_version()}\n\n" + self.tr(
            "Dinghuo 订货 — offline-first ordering.\nLog file: %1").replace("%1", str(log_path()))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Dinghuo"), self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.save_window_state("main", self.saveGeometry(), self.saveState())
        self.workspace.save_state()
        super().closeEvent(event)
