"""The user's settings, in QSettings: server URL, sync interval, language, the delivery notes'
paper and copies (printer settings), window layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["Settings"]

_DEFAULT_INTERVAL = 60  # seconds; the server's change stream is not used yet, so poll


class Settings:
    """Typed access to the app's QSettings (organisation "dinghuo", application "dinghuo")."""

    def __init__(self, store: QSettings | None = None) -> None:
        self._s = store if store is not None else QSettings("dinghuo", "dinghuo")

    @property
    def server_url(self) -> str:
        return str(self._s.value("server/url", "") or "")

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._s.setValue("server/url", value.strip().rstrip("/"))

    @property
    def sync_interval(self) -> int:
        """Seconds between automatic syncs (at least 10)."""
        stored = self._s.value("sync/interval", _DEFAULT_INTERVAL)  # a str in an INI file
        if not isinstance(stored, (int, float, str)):
            return _DEFAULT_INTERVAL
        try:
            return max(10, int(stored))
        except ValueError:
            return _DEFAULT_INTERVAL

    @sync_interval.setter
    def sync_interval(self, seconds: int) -> None:
        self._s.setValue("sync/interval", max(10, int(seconds)))

    @property
    def language(self) -> str | None:
        """"zh_CN", "en", or None (follow the system)."""
        value = self._s.value("ui/language", "")
        return str(value) if value else None

    @language.setter
    def language(self, lang: str) -> None:
        self._s.setValue("ui/language", lang)

    @property
    def delivery_paper(self) -> str:
        """The delivery notes' paper: ``a4``, ``241x140`` or ``241x93`` (continuous forms)."""
        return str(self._s.value("print/delivery_paper", "a4") or "a4")

    @delivery_paper.setter
    def delivery_paper(self, paper: str) -> None:
        self._s.setValue("print/delivery_paper", paper)

    @property
    def delivery_copies(self) -> int:
        """Copies of a delivery note to print (1–6; multi-part paper makes its own)."""
        stored = self._s.value("print/delivery_copies", 1)  # a str in an INI file
        if not isinstance(stored, (int, str)):
            return 1
        try:
            return min(6, max(1, int(stored)))
        except ValueError:
            return 1

    @delivery_copies.setter
    def delivery_copies(self, copies: int) -> None:
        self._s.setValue("print/delivery_copies", min(6, max(1, int(copies))))

    def window_state(self, name: str) -> tuple[QByteArray | None, QByteArray | None]:
        """Saved geometry and state of the window ``name``."""
        geometry = self._s.value(f"window/{name}/geometry")
        state = self._s.value(f"window/{name}/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def save_window_state(self, name: str, geometry: QByteArray, state: QByteArray) -> None:
        self._s.setValue(f"window/{name}/geometry", geometry)
        self._s.setValue(f"window/{name}/state", state)

    def value(self, key: str, default: str = "") -> str:
        """Any other string setting (e.g. a splitter or a table header's state)."""
        return str(self._s.value(key, default) or default)

    def set_value(self, key: str, value: object) -> None:
        self._s.setValue(key, value)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) else None

    def sync(self) -> None:
        """Write to disk now."""
        self._s.sync()
