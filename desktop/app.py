"""``dinghuo``: start the desktop app (the entry point; the app itself is
:class:`desktop.application.DinghuoApp`).

    dinghuo                       the app (first run: server and sign-in; later: straight in)
    dinghuo --demo                an embedded demo server with demo data, signed in as rep1
    dinghuo --demo --demo-user rep2
    dinghuo --demo --screenshots DIR [--lang zh_CN|en]   render every screen to PNG and exit

Only this module imports :mod:`desktop.demo`, and only for ``--demo`` (an import contract).
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from .application import DinghuoApp
from .errors import setup_logging
from .fonts import ensure_chinese_font
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
    # For tests/perf/bench_desktop.py: print "ready <max RSS MB>" once the window is usable.
    p.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script ``dinghuo`` (and ``python -m desktop``)."""
    args = parse_args(argv)
    log_file = setup_logging(args.verbose)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("dinghuo")
    qapp.setOrganizationName("dinghuo")
    qapp.setApplicationDisplayName("Dinghuo 订货")
    qapp.setWindowIcon(icon("app"))
    ensure_chinese_font()
    scratch: tempfile.TemporaryDirectory[str] | None = None
    if args.screenshots:
        # A fresh demo and settings of its own: the pictures never depend on (or change) the
        # user's data, window layout or language choice.
        scratch = tempfile.TemporaryDirectory(prefix="dinghuo-screens-")
        args.demo_dir = Path(scratch.name) / "demo"
        settings = Settings(QSettings(str(Path(scratch.name) / "settings.ini"),
                                      QSettings.Format.IniFormat))
    else:
        settings = Settings()
    install_language(args.lang or settings.language or system_language())
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
    if args.screenshots and demo is not None:
        from .demo.screenshots import ScreenshotRun

        run = ScreenshotRun(app, demo, args.screenshots, lang=args.lang or "en")
        run.finished.connect(QApplication.exit)
        QTimer.singleShot(0, run.begin)
    else:
        QTimer.singleShot(0, app.start)
    code = qapp.exec()
    app.shutdown()
    if scratch is not None:
        scratch.cleanup()
    return int(code)
