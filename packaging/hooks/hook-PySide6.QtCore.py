"""Replaces PyInstaller's hook for PySide6.QtCore: the same, less Qt's translations but the one
the app loads (desktop/i18n.py loads ``qtbase_<lang>``; English needs none). PyInstaller's own
hook ships all 99 of them (7 MB)."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

KEPT_TRANSLATIONS = {"qtbase_zh_CN.qm"}

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
datas = [(src, dest) for src, dest in datas
         if not dest.replace("\\", "/").endswith("/translations")
         or src.replace("\\", "/").rsplit("/", 1)[-1] in KEPT_TRANSLATIONS]
