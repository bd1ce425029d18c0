"""``dinghuo``: start the desktop app (the entry point; the app itself is
:class:`desktop.application.DinghuoApp`).

    dinghuo                       the app (first run: server and sign-in; later: straight in)
    dinghuo --demo                an embedded demo server with demo data, signed in as rep1
    dinghuo --demo --demo-user rep2
    dinghuo --demo --screenshots DIR [--lang zh_CN|en]   render every screen to PNG and exit
    dinghuo --self-test           start a scratch demo, sync, render the screens offscreen, exit
    dinghuo --version

SIGTERM and SIGINT (Ctrl+C) close the app as Quit does. Only this module imports
:mod:`desktop.demo`, and only for ``--demo`` (an import contract).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import signal
import socket
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QSettings,
    QSocketNotifier,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from sync_engine.version import version_line

from .application import DinghuoApp
from .errors import setup_logging
from .fonts import use_screen_fonts
from .i18n import LANGUAGES, install_language, system_language
from .resources import icon, style_sheet
from .settings import Settings

__all__ = ["main", "parse_args"]

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dinghuo", description="Dinghuo 订货 — ordering desktop app")
    p.add_argument("--demo", action="store_true",
                   help="start an embedded demo server with demo data and sign in as rep1")
    p.add_argument("--demo-user", default="rep1",
                   help="the demo user to sign in as (rep1, rep2, clerk1, owner1, admin)")
    p.add_argument("--demo-products", type=int, default=2000, help=argparse.SUPPRESS)
    p.add_argument("--demo-dir", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--screenshots", type=Path, metavar="DIR",
                   help="render every screen of every role to PNG files in DIR and exit "
                   "(with --demo)")
    p.add_argument("--lang", choices=sorted(LANGUAGES), help="the UI language")
    p.add_argument("--data-dir", type=Path, help="the local database's directory")
    p.add_argument("--server", help="the sync server's URL (first run)")
    p.add_argument("-v", "--verbose", action="store_true", help="log to stderr too")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation: start a scratch demo server, sign in, sync, "
                   "render the main screens offscreen and print one line (exit 0), or why not "
                   "(exit 1)")
    p.add_argument("--version", action="version", version=version_line("dinghuo"))
    # For tests/perf/bench_desktop.py: print "ready <max RSS MB>" once the window is usable.
    p.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def _parse_args_windowed(argv: Sequence[str] | None) -> argparse.Namespace | int:
    """:func:`parse_args` for a windowed build on Windows, which has no console to print to:
    ``--help``, ``--version`` and usage errors are shown in a message box instead."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            return parse_args(argv)
    except SystemExit as exc:
        _qapp = QApplication.instance() or QApplication(sys.argv[:1])
        QMessageBox.information(None, "Dinghuo 订货", out.getvalue())
        return int(exc.code) if isinstance(exc.code, int) else 2


def _without_offscreen_noise(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
    """Qt's messages, less the offscreen platform's note that it cannot honour a window-manager
    hint (once per window: noise around the self-test's one line; the tests ignore it too)."""
    if "propagateSizeHints" not in text:
        print(text, file=sys.stderr)


@contextlib.contextmanager
def _quit_on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT close the app as its Quit does: background work finishes, the local
    database closes, the demo server stops. Python runs a signal handler only when it next runs
    Python code, and the Qt event loop may sleep for long: the signal's byte on a socket pair
    wakes it."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: reader.recv(64))
    old_fd = signal.set_wakeup_fd(writer.fileno())
    handled = (signal.SIGTERM, signal.SIGINT)
    old_handlers = {sig: signal.signal(sig, lambda *_: QApplication.quit()) for sig in handled}
    try:
        yield
    finally:
        for sig, handler in old_handlers.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(old_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()


def main(argv: Sequence[str] | None = None) -> int:
    """The console script ``dinghuo`` (and ``python -m desktop``)."""
    parsed = _parse_args_windowed(argv) if sys.stdout is None else parse_args(argv)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    if not args.self_test:
        return _run(args)
    # Offscreen (CI has no display), with a scratch demo and settings of its own (see _run) and
    # tokens in memory: the self-test never touches the user's data, settings or keyring.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["DINGHUO_KEYRING"] = "memory"
    args.demo = True
    args.demo_products = min(args.demo_products, 300)
    previous = qInstallMessageHandler(_without_offscreen_noise)
    try:
        return _run(args)
    except Exception as exc:  # whatever breaks, the self-test answers in one line
        log.exception("self-test failed")
        print(f"dinghuo: self-test failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        qInstallMessageHandler(previous)


def _run(args: argparse.Namespace) -> int:
    log_file = setup_logging(args.verbose)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("dinghuo")
    qapp.setOrganizationName("dinghuo")
    qapp.setApplicationDisplayName("Dinghuo 订货")
    qapp.setWindowIcon(icon("app"))
    use_screen_fonts(qapp)  # loads the app's faces (paper); screens draw Chinese in an SC face
    scratch: tempfile.TemporaryDirectory[str] | None = None
    if args.screenshots or args.self_test:
        # A fresh demo and settings of its own: the pictures (and the self-test) never depend
        # on (or change) the user's data, window layout or language choice.
        scratch = tempfile.TemporaryDirectory(prefix="dinghuo-screens-")
        args.demo_dir = Path(scratch.name) / "demo"
        settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"),
                                      QSettings.Format.IniFormat))
    else:
        settings = Settings()
    install_language("en" if args.self_test else
                     args.lang or settings.language or system_language())
    qapp.setStyle("Fusion")  # the same look on every platform (and in the screenshots)
    qapp.setStyleSheet(style_sheet())
    if args.screenshots and not args.demo:
        print("dinghuo: --screenshots needs --demo", file=sys.stderr)
        return 2
    demo = None
    if args.demo:
        from .demo.server import DemoServer

        demo = DemoServer(args.demo_dir, products=args.demo_products)
    app = DinghuoApp(args, settings, demo=demo)
    sys.excepthook = app.excepthook
    qapp.aboutToQuit.connect(app.shutdown)
    log.info("dinghuo starting; log file %s", log_file)
    if args.self_test and demo is not None and scratch is not None:
        from .demo.self_test import SelfTest

        test = SelfTest(app, demo, Path(scratch.name))
        test.finished.connect(QApplication.exit)
        sys.excepthook = test.excepthook
        QTimer.singleShot(0, test.begin)
    elif args.screenshots and demo is not None:
        from .demo.screenshots import ScreenshotRun

        run = ScreenshotRun(app, demo, args.screenshots, lang=args.lang or "en")
        run.finished.connect(QApplication.exit)
        QTimer.singleShot(0, run.begin)
    else:
        QTimer.singleShot(0, app.start)
    with _quit_on_signals():
        code = qapp.exec()
    app.shutdown()
    if scratch is not None:
        scratch.cleanup()
    return int(code)
