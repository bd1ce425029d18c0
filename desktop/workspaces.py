"""One workspace per role: which role gets which, and the extension point for new ones.

A workspace is a :class:`~desktop.views.workspace.Workspace`: pages by name, their titles and
``show_page(name)``. The main window asks :func:`create` for the signed-in user's role; the
built-in ones (rep, clerk, owner, back office) are listed here, and :func:`register` adds or
replaces one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from .context import AppContext
from .views.admin.workspace import AdminWorkspace
from .views.clerk.workspace import ClerkWorkspace
from .views.owner.workspace import OwnerWorkspace
from .views.rep.workspace import RepWorkspace
from .views.workspace import Workspace

__all__ = ["Factory", "Workspace", "create", "register", "registered_roles"]

Factory = Callable[[AppContext], Workspace]

_FACTORIES: dict[str, Factory] = {
    "sales_rep": RepWorkspace,
    "warehouse_clerk": ClerkWorkspace,
    "store_owner": OwnerWorkspace,
    "admin": AdminWorkspace,
}


def register(role: str, factory: Factory) -> None:
    """Make ``factory(ctx)`` build the workspace of ``role`` (e.g. "warehouse_clerk")."""
    _FACTORIES[role] = factory


def registered_roles() -> list[str]:
    return sorted(_FACTORIES)


class _NotYet(Workspace):
    """Shown to a role whose workspace is not built yet: says so, instead of an empty window."""

    def __init__(self, ctx: AppContext, role: str) -> None:
        super().__init__(ctx, "notYetWorkspace")
        self.nav.hide()  # no pages to go to
        text = QCoreApplication.translate(
            "Workspaces", "The workspace for your role ({role}) is not in this version yet. "
            "Your data is synced and safe.").format(role=role)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        self.stack.addWidget(label)


def create(role: str, ctx: AppContext) -> Workspace:
    """The workspace for ``role``."""
    factory = _FACTORIES.get(role)
    return factory(ctx) if factory is not None else _NotYet(ctx, role)
