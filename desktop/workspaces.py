"""One workspace per role: the extension point for the clerk's, owner's and admin's screens.

A workspace is a QWidget with ``pages`` (name → widget) and ``show_page(name)``. Register a
factory for a role with :func:`register`; the main window asks :func:`create` for the signed-in
user's role. The built-in ones (rep, clerk, owner, back office) are registered here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .context import AppContext

__all__ = ["Workspace", "create", "register", "registered_roles"]


class Workspace(Protocol):
    """What the main window needs from a role's workspace."""

    pages: dict[str, QWidget]

    def show_page(self, name: str) -> None: ...


Factory = Callable[[AppContext], QWidget]

_FACTORIES: dict[str, Factory] = {}


def register(role: str, factory: Factory) -> None:
    """Make ``factory(ctx)`` build the workspace of ``role`` (e.g. "warehouse_clerk")."""
    _FACTORIES[role] = factory


def registered_roles() -> list[str]:
    return sorted(_FACTORIES)


class _NotYet(QWidget):
    """Shown to a role whose workspace is not built yet: says so, instead of an empty window."""

    def __init__(self, role: str) -> None:
        super().__init__()
        self.pages: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        text = QCoreApplication.translate(
            "Workspaces", "The workspace for your role ({role}) is not in this version yet. "
            "Your data is synced and safe.").format(role=role)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout.addWidget(label)

    def show_page(self, name: str) -> None:
        """No pages to show."""


def create(role: str, ctx: AppContext) -> QWidget:
    """The workspace for ``role``."""
    _load_builtin()
    factory = _FACTORIES.get(role)
    return factory(ctx) if factory is not None else _NotYet(role)


def _load_builtin() -> None:
    # Imported late so the registry has no import cycle with the workspaces themselves.
    from .views.admin import workspace as admin
    from .views.clerk import workspace as clerk
    from .views.owner import workspace as owner
    from .views.rep import workspace as rep

    for role, factory in (("sales_rep", rep.RepWorkspace),
                          ("warehouse_clerk", clerk.ClerkWorkspace),
                          ("store_owner", owner.OwnerWorkspace),
                          ("admin", admin.AdminWorkspace)):
        _FACTORIES.setdefault(role, factory)
