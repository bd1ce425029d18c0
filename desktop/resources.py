"""Where the app's resources (icons, style sheet, translations) are, in a checkout and when
frozen by PyInstaller (which unpacks them under ``sys._MEIPASS``)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

__all__ = ["icon", "resource_path", "style_sheet"]


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    """The path of a resource file or folder, e.g. ``resource_path("icons")``."""
    return _root() / name


@cache
def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg`` (an empty icon if missing)."""
    path = resource_path("icons") / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def style_sheet() -> str:
    """The app's style sheet (empty if missing, so the app still starts)."""
    path = resource_path("style.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""
