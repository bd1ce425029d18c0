"""The app's own typefaces, and the faces every screen draws Chinese in.

``resources/fonts/`` holds DejaVu Sans and Noto Sans CJK SC, each in Regular and Bold, cut down
to the characters an ordering app prints and renamed ``DejaVu Sans Dinghuo`` and ``Noto Sans SC
Dinghuo`` (made by ``packaging/make_font_subset.py``, which says why; their licences travel
beside them). They are loaded as application fonts at start, on every machine:

- **Paper** (``desktop.printing.PAPER_FONTS``) names them first, so a document is set in the
  same faces on every machine, and its PDF reads back the characters that were printed: an
  installed Noto Sans CJK gives 50 common hanzi the text of a radical (户 reads back as ⼾, 黄
  as ⻩), and 175 more that of a Kangxi radical (水 as ⽔); where no DejaVu Sans or Arial is
  installed, its digits among Latin letters had no text at all. The app's cuts have neither
  fault, and a real bold; and one line height: the Latin face has the Chinese face's ascent
  and descent, so a cell with Chinese in it stands on its row's baseline.
- **Screens** (``use_screen_fonts``) keep the desktop's own face for Latin letters and digits,
  and draw Chinese in a Simplified Chinese face: the first of ``SCREEN_CHINESE_FAMILIES`` that
  is installed, else the app's own. Left to itself, Qt draws a hanzi the UI face lacks in the
  face fontconfig ranks first for it, and fontconfig ranks the CJK faces by the *process's*
  locale (Qt passes it no language for Han text, and not the app's): under an English or C
  locale every face of Noto Sans CJK claims Chinese alike and the first in its file wins, which
  is Noto Sans CJK JP, whose 直, 骨, 角, 写, 画, 关, 海, 区 ... are the Japanese forms. (In the
  Chinese UI Qt shapes text in the app's language, zh_CN, and the JP face's ``locl`` feature
  swapped in the Chinese forms; the English UI drew Chinese names in the Japanese ones.)
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication

from .resources import resource_path

__all__ = ["BUNDLED_FONTS", "CHINESE_FAMILY", "LATIN_FAMILY", "SCREEN_CHINESE_FAMILIES",
           "load_bundled_fonts", "screen_families", "use_screen_fonts"]

log = logging.getLogger(__name__)

LATIN_FAMILY = "DejaVu Sans Dinghuo"
"""Latin letters, digits and punctuation on paper."""
CHINESE_FAMILY = "Noto Sans SC Dinghuo"
"""Chinese (and what the Latin face lacks) on paper, and on screens with no Chinese font."""

SCREEN_CHINESE_FAMILIES = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",  # Linux
    "Microsoft YaHei UI", "Microsoft YaHei",  # Windows
    "PingFang SC", "Hiragino Sans GB",  # macOS
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",  # older Linux desktops
)
"""Installed faces that draw hanzi in their Simplified Chinese forms, the one preferred first.
A face made for several languages is named by its SC cut: its other cuts (JP, KR, TC) draw
some hanzi differently."""

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


def screen_families(ui_family: str, installed: set[str]) -> list[str]:
    """The families a screen's text is set in, in the order Qt tries them for each character:
    ``ui_family`` (the desktop's face, which draws Latin letters and digits), then each of
    ``SCREEN_CHINESE_FAMILIES`` that is ``installed``, then the app's own Chinese face.

    ``installed`` is compared without case; a family comes once.
    """
    found = {name.casefold() for name in installed}
    chinese = [family for family in SCREEN_CHINESE_FAMILIES if family.casefold() in found]
    families = [ui_family]
    for family in (*chinese, CHINESE_FAMILY):
        if family.casefold() not in {chosen.casefold() for chosen in families}:
            families.append(family)
    return families

def use_screen_fonts(app: QGuiApplication) -> list[str]:
    """Load the app's typefaces and make ``app``'s font draw Chinese in a Simplified Chinese
    face (see the module's docstring); the families it is now set in.

    Every widget, style-sheet rule and ``QFont()`` inherits the application font's families, so
    this one call decides the screens' Chinese. The desktop's face stays first by the name Qt
    resolved for it (``Sans Serif`` is an alias Qt skips in a list of families, which would let
    the Chinese face draw the Latin letters too).
    """
    load_bundled_fonts()
    font = app.font()
    families = screen_families(QFontInfo(font).family(), set(QFontDatabase.families()))
    font.setFamilies(families)
    app.setFont(font)
    log.info("screens are set in %s", ", ".join(families))
    return families
