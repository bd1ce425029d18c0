"""The running desktop app: the engine, background work, sync, and the windows of a session.

:class:`DinghuoApp` opens the first window (sign-in, or straight into the main window with a
cached identity), signs in and out, switches the language and shuts everything down. The
entry point (:mod:`desktop.app`) parses the command line and builds it; with ``--demo`` it
hands it a :class:`LocalServer` to start, so the app never imports the demo itself.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Protocol

import keyring
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.client.values import Identity

from .context import AppContext
from .i18n import current_language, install_language
from .main_window import MainWindow
from .recovery import recovery_dialog
from .resources import icon
from .settings import Settings
from .sync_controller import SyncController
from .tasks import TaskRunner
from .views.login import LoginDialog
from .views.settings_dialog import SettingsDialog

__all__ = ["DinghuoApp", "LocalServer", "open_engine"]

log = logging.getLogger(__name__)


class LocalServer(Protocol):
    """A sync server the app runs itself (the demo's, ``--demo``). Its users' password is
    known, so the app signs in, and back in when a session ends, without asking."""

    @property
    def url(self) -> str: ...

    @property
    def password(self) -> str: ...

    def client_dir(self, username: str) -> Path:
        """Where ``username``'s local database lives when no ``--data-dir`` is given."""

    def start(self) -> str:
        """Start serving (blocks until the server answers: call it off the UI thread)."""

    def stop(self) -> None: ...


def _ensure_keyring() -> bool:
    """Use the OS keyring; without one (a bare Linux session) the engine keeps the tokens in a
    file readable by the user alone (:class:`sync_engine.client.session.TokenVault`).
    ``DINGHUO_KEYRING=memory`` (tests) keeps them in memory only: returns True then."""
    if os.environ.get("DINGHUO_KEYRING") == "memory":
        keyring.set_keyring(MemoryKeyring())
        return True
    return False


# Pages of 1,000 changes: parsing a page's JSON holds Python's GIL, and at 1,000 rows that is a
# few milliseconds, so the UI thread keeps painting during a 100,000-product initial sync.
PULL_PAGE = 1000


def open_engine(data_dir: Path | None, server_url: str | None) -> Engine:
    """The client engine as the desktop app uses it."""
    return Engine(data_dir, server_url, page_limit=PULL_PAGE)


class DinghuoApp(QObject):
    """The running app: engine, background work, sync, and the windows of one session."""

    demo_failed = Signal(str)
    """The demo server could not start (why, in words); with ``--self-test`` no dialog says
    so: the self-test does."""

    def __init__(self, args: argparse.Namespace, settings: Settings | None = None,
                 engine: Engine | None = None, demo: LocalServer | None = None) -> None:
        super().__init__()
        self.args = args
        self.settings = settings or Settings()
        self.tasks = TaskRunner(self)
        self.volatile_keyring = _ensure_keyring()
        self.demo = demo
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None
        self.splash: QWidget | None = None
        self.ctx: AppContext | None = None
        self.sync: SyncController | None = None
        self.started_at = time.perf_counter()
        self.ready_at: float | None = None  # when a usable window was first shown
        self._quitting = False
        self._quiet_sign_in_at: float | None = None
        self.recovery: QMessageBox | None = None  # shown at start after a repair
        if engine is not None:  # tests bring their own (e.g. with a network they can cut)
            self.engine = engine
        elif demo is not None:
            self.engine = open_engine(args.data_dir or demo.client_dir(args.demo_user), demo.url)
        else:
            self.engine = open_engine(args.data_dir,
                                      args.server or self.settings.server_url or None)
        self.tasks.unhandled.connect(self._unhandled)

    # ------------------------------------------------------------------ start

    def start(self) -> None:
        """Open the right first window: the main window with a cached identity, else sign-in.
        A local database repaired at start is said first, in a dialog."""
        if self.engine.repair is not None:
            self.recovery = recovery_dialog(self.engine.repair)
            self.recovery.open()
        identity = self.engine.identity
        if self.demo is not None:
            demo, user = self.demo, self.args.demo_user
            engine = self.engine

            def start_demo() -> Identity:
                demo.start()
                return engine.login(user, demo.password, "dinghuo demo")

            if identity is None or identity.username != user:
                self._show_splash()
            self.tasks.run("sync", start_demo, self._demo_ready, self._demo_failed)
            if identity is not None and identity.username == user:
                self.open_main(identity, start_sync=False)
            return
        if identity is not None:
            self.open_main(identity)
        else:
            self.show_login()

    def _show_splash(self) -> None:
        label = QLabel(self.tr("Starting the demo server and loading the demo data…"))
        label.setObjectName("splash")
        label.setWindowTitle("Dinghuo 订货")
        label.setWindowIcon(icon("app"))
        label.setMargin(40)
        label.show()
        self.splash = label

    def _demo_ready(self, identity: object) -> None:
        assert isinstance(identity, Identity)
        if self.splash is not None:
            self.splash.close()
            self.splash = None
        if self.window is None:
            self.open_main(identity)
        elif self.sync is not None:
            self.sync.start()

    def _demo_failed(self, exc: BaseException) -> None:
        log.error("demo start failed", exc_info=(type(exc), exc, exc.__traceback__))
        if self.splash is not None:
            self.splash.close()
        self.demo_failed.emit(str(exc))
        if getattr(self.args, "self_test", False):
            return
        QMessageBox.critical(None, self.tr("Demo"), self.tr(
            "The demo server could not start: %1").replace("%1", str(exc)))
        if self.window is None:
            QApplication.quit()

    def show_login(self, username: str = "") -> None:
        engine_url = self.engine.server_url or self.settings.server_url

        def sign_in(url: str, user: str, password: str, allow_plain_http: bool) -> Identity:
            # Runs on the sync lane. The engine is replaced only before any window uses it.
            if url != self.engine.server_url:
                old = self.engine
                self.engine = open_engine(self.args.data_dir, url)
                old.close()
            return self.engine.login(user, password, "dinghuo desktop",
                                     allow_plain_http=allow_plain_http)

        self.login = LoginDialog(sign_in, lambda fn, done, failed: self.tasks.run(
            "sync", fn, done, failed), server_url=engine_url or "", username=username)
        self.login.signed_in.connect(self._signed_in)
        self.login.rejected.connect(self._login_cancelled)
        self.login.show()

    def _signed_in(self, identity: object) -> None:
        assert isinstance(identity, Identity)
        if self.engine.server_url:
            self.settings.server_url = self.engine.server_url
        if self.window is not None and self.window.identity.user_id == identity.user_id:
            # Signed in again after the session ended: just resume syncing.
            assert self.sync is not None
            self.sync.start()
            return
        self.close_main()
        self.open_main(identity)

    def _login_cancelled(self) -> None:
        if self.window is None:
            QApplication.quit()

    # ------------------------------------------------------------------ session

    def open_main(self, identity: Identity, *, start_sync: bool = True) -> None:
        if self.ctx is None or self.ctx.engine is not self.engine:
            self.ctx = AppContext(self.engine, self.tasks, self.settings, self)
            self.sync = SyncController(self.ctx, self)
            self.sync.sign_in_needed.connect(self._session_ended)
        assert self.sync is not None
        self.window = MainWindow(self.ctx, self.sync, identity)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.sign_in_requested.connect(lambda: self.show_login(identity.username))
        self.window.settings_requested.connect(self.edit_settings)
        self.window.show()
        if self.ready_at is None:
            # Everything made so far (modules, Qt wrappers, caches) lives as long as the app.
            # Freezing it keeps Python's full collections from scanning it again: those scans
            # were the 100–200 ms stalls of the UI during a large sync.
            gc.freeze()
            self.ready_at = time.perf_counter()
            log.info("window ready %.3f s after start", self.ready_at - self.started_at)
            if self.args.exit_when_ready:
                QTimer.singleShot(0, self._report_ready)
        if start_sync:
            self.sync.start()
        else:
            self.sync.refresh_status()

    def close_main(self) -> None:
        if self.window is not None:
            window, self.window = self.window, None
            window.close()
            window.deleteLater()

    def _session_ended(self) -> None:
        if self.demo is not None and self.window is not None:
            # The demo knows its password: sign in again quietly, but not in a loop: a session
            # that ends again at once (tokens not kept) is shown, not retried ten times a second.
            now = time.monotonic()
            if self._quiet_sign_in_at is not None and now - self._quiet_sign_in_at < 60:
                log.error("the session ended again just after signing in; not retrying")
                return
            self._quiet_sign_in_at = now
            engine, user, password = self.engine, self.args.demo_user, self.demo.password
            self.tasks.run("sync", lambda: engine.login(user, password, "dinghuo demo"),
                           self._signed_in_again, self._unhandled)

    def _signed_in_again(self, _identity: object) -> None:
        if self.sync is not None:
            self.sync.start()

    def sign_out(self) -> None:
        """Sign out; with unsent work, warn first. Local data is never deleted here."""
        assert self.window is not None and self.sync is not None
        status = self.engine.status()
        drafts = len(self.engine.orders(status="draft", limit=1000))
        if status.pending or status.held or status.conflicts or drafts:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Sign out"), self.tr(
                "Some of your work has not reached the server yet: %1, %2, %3.\n\nIt stays on "
                "this computer and is sent after you sign in again as the same user. Nothing is "
                "deleted.").replace(
                    "%1", self.tr("%Ln change(s) waiting", "", status.pending + status.held))
                .replace("%2", self.tr("%Ln conflict(s)", "", status.conflicts))
                .replace("%3", self.tr("%Ln draft(s)", "", drafts)),
                QMessageBox.StandardButton.Cancel, self.window)
            box.setObjectName("signOutWarning")
            sign_out = box.addButton(self.tr("Sign out anyway"),
                                     QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.buttonClicked.connect(
                lambda button: self._do_sign_out() if button is sign_out else None)
            box.open()
            self.sign_out_box = box
            return
        self._do_sign_out()

    def _do_sign_out(self) -> None:
        assert self.sync is not None and self.window is not None
        username = self.window.identity.username
        self.sync.stop()
        engine = self.engine
        self.tasks.run("sync", engine.logout, lambda _r: None,
                       lambda exc: log.info("server sign-out failed: %s", exc))
        self.close_main()
        self.show_login(username)

    def edit_settings(self) -> None:
        assert self.window is not None
        dialog = SettingsDialog(self.settings, current_language(), self.window)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        dialog.apply()
        if self.sync is not None:
            self.sync.set_interval(self.settings.sync_interval)
        lang = self.settings.language or current_language()
        if lang != current_language():
            self.switch_language(lang)

    def switch_language(self, lang: str) -> None:
        """Change the UI language now: the main window is rebuilt in it."""
        install_language(lang)
        if self.window is not None:
            identity = self.window.identity
            QApplication.setQuitOnLastWindowClosed(False)
            self.close_main()
            self.open_main(identity, start_sync=False)
            QApplication.setQuitOnLastWindowClosed(True)

    def _report_ready(self) -> None:
        # Runs on the first event-loop turn after the window is shown: it has been painted.
        print(f"ready {_peak_rss_mb():.0f}", flush=True)
        QApplication.quit()

    # ------------------------------------------------------------------ errors and exit

    def _unhandled(self, exc: object) -> None:
        if self.window is not None:
            self.window.show_error(exc)
        elif isinstance(exc, BaseException):
            log.error("unhandled", exc_info=(type(exc), exc, exc.__traceback__))

    def excepthook(self, kind: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        """Exceptions escaping a slot: logged, and shown as "something went wrong"."""
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        if self.window is not None and isinstance(exc, Exception):
            self.window.show_error(exc)

    def shutdown(self) -> None:
        """Stop syncing, wait for background work, close the database, stop the demo server."""
        if self._quitting:
            return
        self._quitting = True
        if self.sync is not None:
            self.sync.stop()
        self.tasks.wait_all(10000)
        self.engine.close()
        if self.demo is not None:
            self.demo.stop()


def _peak_rss_mb() -> float:
    """This process's peak resident memory (Linux: VmHWM, which unlike ru_maxrss is not
    inherited across exec from the parent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass  # not Linux: fall back to getrusage
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
