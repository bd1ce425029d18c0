"""A line about the thing chosen on a page (a customer, a return), looked up in this device's
replica in the background: a customer's account, the damaged goods a warehouse holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QLabel

from ...context import AppContext

__all__ = ["LookupLabel"]

S = TypeVar("S")  # what the line is about
V = TypeVar("V")  # what is looked up about it


class LookupLabel(QLabel, Generic[S, V]):
    """Shows what :meth:`lookup` finds about the thing given to :meth:`show_for`, once found
    (:meth:`found`); hidden for none. An answer about a thing chosen before the last one is
    dropped: the user has moved on."""

    def __init__(self, ctx: AppContext, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self.ctx = ctx
        self.subject: S | None = None
        self.hide()

    def show_for(self, subject: S | None) -> None:
        self.subject = subject
        lookup = None if subject is None else self.lookup(subject)
        if subject is None or lookup is None:
            self.forget()
            self.hide()
            return
        self.ctx.read(lookup, lambda value: self._found(subject, value))

    def _found(self, subject: S, value: V) -> None:
        if subject == self.subject:
            self.found(subject, value)

    def lookup(self, subject: S) -> Callable[[], V] | None:
        """What to read about ``subject`` (in the background); None: nothing to show for it."""
        raise NotImplementedError

    def found(self, subject: S, value: V) -> None:
        """Show ``value``, what was read about ``subject``."""
        raise NotImplementedError

    def forget(self) -> None:
        """Drop what is shown (the line is hidden next)."""
        raise NotImplementedError
