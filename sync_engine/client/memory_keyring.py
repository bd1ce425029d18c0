"""A keyring that keeps passwords in this process's memory only: for tests and automation.

Never the default: the app uses the OS keyring. Tests install it with
``keyring.set_keyring(MemoryKeyring())``; ``dinghuo-cli`` installs it when the environment says
``DINGHUO_KEYRING=memory`` (then every run signs in again, with ``DINGHUO_PASSWORD``).
"""

from __future__ import annotations

import keyring.backend
import keyring.errors

__all__ = ["MemoryKeyring"]


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Passwords in a dict; gone when the process ends."""

    priority = 0.1  # never chosen automatically over a real one

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored password, or None."""
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a password."""
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a password; raises ``PasswordDeleteError`` if there is none."""
        if self._items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such password")
