"""The app's own typefaces: every printed document is set in them, and they draw Chinese on a
screen where no installed font does.

``resources/fonts/`` holds DejaVu Sans and Noto Sans CJK SC, each in Regular and Bold, cut down
to the characters an ordering app prints and renamed ``DejaVu Sans Dinghuo`` and ``Noto Sans SC
Dinghuo`` (made by ``packaging/make_font_subset.py``, which says why; their licences travel
beside them). They are loaded as application fonts at start, on every machine:

- **Paper** (``desktop.printing.PAPER_FONTS``) names them first, so a document is set in the
  same faces on every machine, and its PDF reads back the characters that were printed: an
  installed Noto Sans CJK gives 50 common hanzi the text of a radical (户 reads back as ⼾, 黄
  as ⻩), and 175 more that of a Kangxi radical (水 as ⽔); where no DejaVu Sans or Arial is
  installed, its digits among Latin letters had no text at all. The app's cuts have neither
  fault, and a real bold.
- **Screens** name no font of the app's own: an installed font is complete and matches the
  desktop, so Qt's fallback prefers it; on a machine without a Chinese font (a server image, a
  minimal desktop), where Qt would draw every hanzi as a box, it finds the app's.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QGuiApplication

from .resources import resource_path

__all__ = ["BUNDLED_FONTS", "CHINESE_FAMILY", "LATIN_FAMILY", "load_bundled_fonts"]

log = logging.getLogger(__name__)

LATIN_FAMILY = "DejaVu Sans Dinghuo"
"""Latin letters, digits and punctuation on paper."""
CHINESE_FAMILY = "Noto Sans SC Dinghuo"
"""Chinese (and what the Latin face lacks) on paper, and on screens with no Chinese font."""

BUNDLED_FONTS = ("fonts/DejaVuSans-Dinghuo.ttf", "fonts/DejaVuSans-Dinghuo-Bold.ttf",
                 "fonts/NotoSansSC-Dinghuo.otf", "fonts/NotoSansSC-Dinghuo-Bold.otf")
"""The bundled faces, relative to the resources folder."""

_loaded: list[str] | None = None  # the families loaded, once this process has loaded them


def load_bundled_fonts() -> list[str]:
    """Load the app's typefaces as application fonts (once per process); the families that
    loaded. A file missing or unreadable is logged, and its family is then left out: paper
    falls back to the installed fonts.

    Needs a ``QGuiApplication``.
    """
    global _loaded
    if _loaded is not None:
        return _loaded
    if QGuiApplication.instance() is None:
        raise RuntimeError("load_bundled_fonts needs a QGuiApplication")
    families: list[str] = []
    for name in BUNDLED_FONTS:
        path = resource_path(name)
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
        if font_id < 0:
            log.warning("the bundled font %s could not be loaded: printed documents fall back "
                        "to the installed fonts", path)
            continue
        families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                     if f not in families]
    _loaded = families
    return _loaded
