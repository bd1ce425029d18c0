"""What every screen shares: the engine, the background runner, settings, formatting, and the
"this changed" signals screens redraw from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from sync_engine.client.engine import Engine

from .i18n import Formatter
from .settings import Settings
from .tasks import Lane, TaskRunner

__all__ = ["AppContext"]


class AppContext(QObject):
    """The app's shared state for one signed-in session.

    Screens read through the engine's named operations (quick local reads) and change things
    through :meth:`write`, which runs the operation on the single write lane and, when it
    succeeds, announces what changed.
    """

    orders_changed = Signal()  # an order was created, edited, submitted, synced …
    catalog_changed = Signal()  # products, prices or stock arrived
    customers_changed = Signal()
    conflicts_changed = Signal()
    changed_locally = Signal()  # the user changed something: worth pushing soon
    error = Signal(object)  # an exception for the main window to present
    message = Signal(str)  # a short notice for the user (toast)
    open_order = Signal(str)  # ask the workspace to open an order (id) for editing or viewing
    new_order_for = Signal(int)  # ask the workspace to start a draft for a customer (id)

    def __init__(self, engine: Engine, tasks: TaskRunner, settings: Settings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.tasks = tasks
        self.settings = settings
        self.fmt = Formatter()

    def run(self, lane: Lane, fn: Callable[[], Any], done: Callable[[Any], None] | None = None,
            failed: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn`` in the background; errors without ``failed`` go to the main window."""
        self.tasks.run(lane, fn, done, failed or self.error.emit)

    def read(self, fn: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        """A local query in the background (for anything that may take more than a frame)."""
        self.run("read", fn, done, failed)

    def write(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None,
              failed: Callable[[BaseException], None] | None = None, *,
              orders: bool = True, conflicts: bool = False) -> None:
        """A local change on the write lane; announces ``orders_changed`` (and
        ``conflicts_changed``) when it succeeded, after ``done`` ran."""

        def finished(result: Any) -> None:
            if done is not None:
                done(result)
            if orders:
                self.orders_changed.emit()
            if conflicts:
                self.conflicts_changed.emit()
            self.changed_locally.emit()

        self.run("write", fn, finished, failed)
