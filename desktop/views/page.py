"""What every page of a workspace starts from."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, NamedTuple, TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from ..context import AppContext

__all__ = ["NavEntry", "Page", "WorkspacePage"]

W = TypeVar("W")


class NavEntry(NamedTuple):
    """How a page is listed in a workspace's navigation and Go menu."""

    name: str  # what ``show_page`` takes
    title: str  # marked with QT_TRANSLATE_NOOP("Navigation", …): translated when listed
    icon: str


class Page(QWidget):
    """A page (or a pane of one, as an order's detail): the app's context it reads and writes
    through, and an object name the style sheet, the tests and the screenshots find it by.
    A page a workspace lists says how, in :attr:`nav`, the same for every role that has it."""

    nav: ClassVar[NavEntry | None] = None

    def __init__(self, ctx: AppContext, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.ctx = ctx

    def keep_loaded(self, load: Callable[[], object], *changes: SignalInstance) -> None:
        """``load()`` the page's data now, and again whenever one of ``changes`` (the app
        context's ``orders_changed``, …) is announced."""
        for changed in changes:
            changed.connect(load)
        load()


class WorkspacePage(Page, Generic[W]):
    """A page that asks things of the workspace around it (``W``: the role's workspace, or
    the protocol a shared page is written against)."""

    def __init__(self, ctx: AppContext, name: str, workspace: W) -> None:
        super().__init__(ctx, name)
        self.workspace = workspace
