"""Chinese on any machine: the app carries a Chinese font and loads it where none is installed.

A fresh Linux machine (a server image, a minimal desktop) often has no font that covers Chinese,
and Qt then draws every hanzi as a box — in both languages, since the data (customer and
product names) is Chinese. ``resources/fonts/NotoSansSC-Dinghuo.otf`` is Noto Sans CJK SC cut
down to the common characters (made by ``packaging/make_font_subset.py``; SIL Open Font License,
``resources/fonts/OFL.txt``). It is loaded only when the system has no Chinese font of its own:
an installed font is complete and matches the desktop, so it is always preferred.

Once loaded as an application font, Qt's font fallback finds it for every widget and for the
printed documents (their PDFs embed it).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QGuiApplication

from .resources import resource_path

__all__ = ["BUNDLED_FONT", "ensure_chinese_font", "system_has_chinese_font"]

log = logging.getLogger(__name__)

BUNDLED_FONT = "fonts/NotoSansSC-Dinghuo.otf"
"""The bundled font, relative to the resources folder."""

_loaded: list[str] | None = None  # the bundled font's families once this process decided


def system_has_chinese_font() -> bool:
    """Whether a font installed on this machine covers Simplified Chinese."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_chinese_font() -> list[str]:
    """Load the bundled Chinese font unless the system has one; the families it added (empty
    when the system's own font is used, or when the file is missing or unreadable — logged).

    Needs a ``QGuiApplication``. Decides once per process; later calls return the same answer.
    """
    global _loaded
    if _loaded is not None:
        return _loaded
    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_chinese_font needs a QGuiApplication")
    _loaded = []
    if system_has_chinese_font():
        return _loaded
    path = resource_path(BUNDLED_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    if font_id < 0:
        log.warning("no Chinese font on this machine, and the bundled one (%s) could not be "
                    "loaded: Chinese text will show as boxes", path)
        return _loaded
    _loaded = QFontDatabase.applicationFontFamilies(font_id)
    log.info("no Chinese font on this machine: using the bundled %s", ", ".join(_loaded))
    return _loaded
