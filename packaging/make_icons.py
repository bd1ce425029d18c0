"""Render the app icon (``resources/icons/app.svg``) for the standalone build: a 256-pixel PNG
(Linux, and what the macOS .icns and the Windows .ico are made from), ``dinghuo.ico`` and
``dinghuo.icns``, written by Qt's own image plugins (no other tool needed).

    .venv/bin/python packaging/make_icons.py OUT_DIR     (packaging/build.sh runs it)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 256


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make_icons.py OUT_DIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon

    _app = QGuiApplication(sys.argv[:1])
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    image = QIcon(str(ROOT / "resources" / "icons" / "app.svg")).pixmap(QSize(SIZE, SIZE)).toImage()
    if image.isNull():
        print("make_icons.py: could not render resources/icons/app.svg", file=sys.stderr)
        return 1
    for name in ("dinghuo.png", "dinghuo.ico", "dinghuo.icns"):
        if not image.save(str(out / name)):
            print(f"make_icons.py: could not write {name}", file=sys.stderr)
            return 1
    print(f"icons in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
