"""Replaces PyInstaller's hook for PySide6.QtGui: the same, less the Qt plugins a desktop
ordering app never loads — embedded-Linux platforms (eglfs, linuxfb, vnc, …) and their input
plugins, image formats it never reads, the GTK 3 theme (which brings GTK, cairo and pango along;
the app draws itself with Fusion), and Wayland's server-side GL integrations. Kept: the desktop
platforms (xcb, wayland, windows, cocoa) and offscreen (``--self-test``), the SVG icon engine and
image format (the icons are SVG), input methods (ibus, compose: Chinese input), the XDG portal
theme (native file dialogs) and the xcb GL integrations."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

DROPPED_PLUGIN_TYPES = {"egldeviceintegrations", "generic", "wayland-graphics-integration-client"}
DROPPED_PLUGINS = {
    "platforms": {"qeglfs", "qlinuxfb", "qminimal", "qminimalegl", "qvnc", "qvkkhrdisplay",
                  "qdirect2d"},
    "platformthemes": {"qgtk3"},
    "imageformats": {"qgif", "qicns", "qtga", "qtiff", "qwbmp", "qwebp", "qpdf"},
    "platforminputcontexts": {"qtvirtualkeyboardplugin"},
}


def _kept(src: str, dest: str) -> bool:
    parts = dest.replace("\\", "/").split("/")
    if "plugins" not in parts:
        return True
    kind = "/".join(parts[parts.index("plugins") + 1:])
    if kind in DROPPED_PLUGIN_TYPES:
        return False
    stem = src.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
    return stem.removeprefix("lib") not in DROPPED_PLUGINS.get(kind, set())


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if _kept(src, dest)]
