"""The main window: the signed-in role's workspace, menus, the sync status bar, notifications
and the one place errors are shown.

It opens at a size that fits the screen, puts the cursor in the first page's main field, lets
Enter press the button that has the focus (as Space does), and says so before quitting with
changes the server has not received yet: they are kept and sent later.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import QAbstractButton, QApplication, QMainWindow, QMessageBox

from sync_engine.client.values import Identity
from sync_engine.version import installed_version

from . import workspaces
from .context import AppContext
from .errors import log_path, present
from .notifier import Notifier
from .resources import icon
from .sync_controller import SyncController
from .views.shortcuts import ShortcutsDialog
from .widgets.status_bar import SyncStatusBar

__all__ = ["MainWindow", "first_size"]

log = logging.getLogger(__name__)

_PREFERRED = QSize(1280, 800)


def first_size(available: QSize, preferred: QSize = _PREFERRED) -> QSize:
    """The window's size: ``preferred``, or as much of the screen as there is (leaving room
    for the window frame) when the screen is smaller."""
    frame = QSize(16, 40)  # title bar and borders the window manager adds around it
    room = available - frame
    return QSize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))


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
        sync.server_went_back.connect(self.show_server_went_back)
        ctx.error.connect(self.show_error)
        ctx.message.connect(lambda text: self.notifier.toast.show_message("", text, 4000))
        self.status.show_status(sync.status)
        self.quit_box: QMessageBox | None = None
        self._quit_confirmed = False
        self._focused_once = False
        geometry, state = ctx.settings.window_state("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.fit_screen(restored=geometry is not None)

    def fit_screen(self, *, restored: bool = False) -> None:
        """Open at the preferred size, or the screen's if that is smaller; a size restored
        from another, larger screen is brought within this one."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        size = first_size(available.size(), self.size() if restored else _PREFERRED)
        self.resize(size)
        if not restored or not available.contains(self.frameGeometry()):
            self.move(available.center() - self.rect().center())

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
        quit_action.triggered.connect(self.request_quit)
        file_menu.addAction(quit_action)
        go_menu = bar.addMenu(self.tr("&Go"))
        for i, (name, title) in enumerate(self.workspace.page_titles.items(), start=1):
            action = QAction(title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _=False, n=name: self.show_page(n))
            go_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        logs = QAction(self.tr("Open the &log folder"), self)
        logs.triggered.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(log_path().parent))))
        help_menu.addAction(logs)
        about = QAction(self.tr("&About Dinghuo"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def show_page(self, name: str) -> None:
        self.workspace.show_page(name)

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        self.shortcuts_dialog = dialog
        dialog.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.workspace.focus_page()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a button that has the focus presses it (Qt does that only in dialogs)."""
        focused = QApplication.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and isinstance(focused, QAbstractButton) and self.isAncestorOf(focused)
                and focused.isEnabled()):
            focused.animateClick()
            return
        super().keyPressEvent(event)

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

    def show_server_went_back(self, resent: int) -> None:
        """Once, after the sync that found it: the server was restored or failed over, what was
        sent again, and where to look for what now needs the user (the conflicts)."""
        title = self.tr("The server was restored")
        text = self.tr(
            "The server was restored from a backup (or switched to its standby) and had lost "
            "recent work. %n change(s) you had sent were sent to it again. Prices or stock may "
            "have changed meanwhile: look in Conflicts for anything that needs your decision.",
            "", resent)
        self.last_message = ("notice", title, text)
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("serverWentBack")
        if "conflicts" in self.workspace.page_titles:
            show = box.addButton(self.tr("Open Conflicts"), QMessageBox.ButtonRole.ActionRole)
            box.buttonClicked.connect(
                lambda button: self.show_page("conflicts") if button is show else None)
        self._box = box
        box.open()  # not exec(): no nested event loop, the app keeps running

    def about_text(self) -> str:
        """What Help ▸ About says: the version (a name and a number, the same in every
        language), what the app is, and where its log is."""
        return f"Dinghuo 订货 {installed_version()}\n\n" + self.tr(
            "Dinghuo 订货 — offline-first ordering.\nLog file: %1").replace("%1", str(log_path()))

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About Dinghuo"), self.about_text())

    # ------------------------------------------------------------------ quitting

    def unsent(self) -> int:
        """Changes the server has not received yet (waiting, or held behind a conflict)."""
        status = self.sync.status
        return 0 if status is None else status.pending + status.held

    def request_quit(self) -> None:
        """Quit (Ctrl+Q, the window's close button); with unsent changes, say first that they
        stay on this computer and are sent later, and let the user stay."""
        self.sync.refresh_status()
        unsent = self.unsent()
        if unsent == 0 or self._quit_confirmed:
            self._quit_confirmed = True
            self.close()
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Quit"), self.tr(
            "%n change(s) have not reached the server yet. They are kept on this computer and "
            "sent the next time Dinghuo runs with a connection.", "", unsent),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("quitWithUnsent")
        quit_button = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(quit_button)
        box.buttonClicked.connect(
            lambda button: self._quit_anyway() if button is quit_button else None)
        self.quit_box = box
        box.open()

    def _quit_anyway(self) -> None:
        self._quit_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._quit_confirmed and self.unsent():
            event.ignore()  # the window's close button: ask as Quit does
            self.request_quit()
            return
        self.ctx.settings.save_window_state("main", self.saveGeometry(), self.saveState())
        self.workspace.save_state()
        super().closeEvent(event)
