"""What the screenshot run is made of: steps on the event loop, each changing the screen; a wait
until the app has settled; a grab of a widget to PNG; and a change of the signed-in demo user.

A step never blocks: it changes the screen, then calls :meth:`Camera.wait` with the condition
to wait for and the step to take then, usually :meth:`Camera.snap` (grab, go on). Waiting also
waits until background work has settled (no tasks in flight), so the screen shows its data.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar, get_args, get_origin

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

from sync_engine.client.values import Identity

from ..application import DinghuoApp, open_engine
from ..main_window import MainWindow
from ..printing import write_pdf
from ..views.shared.orders import OrdersPage
from ..views.workspace import Workspace
from .server import DemoServer

__all__ = ["Camera", "RoleShots", "Step"]

log = logging.getLogger(__name__)

Step = Callable[[], None]
W = TypeVar("W", bound=Workspace)


class Camera(QObject):
    """Runs :attr:`steps` in order and writes the pictures to ``directory``.

    ``finished`` carries the exit code: 0 once every step ran, 1 when one failed or the screens
    did not settle in time (the reason is printed).
    """

    finished = Signal(int)

    def __init__(self, app: DinghuoApp, demo: DemoServer, directory: Path, *, lang: str,
                 timeout_s: float = 180) -> None:
        super().__init__()
        self.app = app
        self.demo = demo
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lang = lang
        self.suffix = "" if lang == "en" else f".{lang}"
        self.steps: list[Step] = []
        self.written: list[Path] = []
        self._deadline = time.monotonic() + timeout_s
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._check)
        self._until: Callable[[], bool] | None = None
        self._then: Step | None = None
        self._quiet = 0

    # ------------------------------------------------------------------ steps

    def wait(self, until: Callable[[], bool], then: Step) -> None:
        """Call ``then`` once ``until()`` holds and the app has no background work left."""
        self._until, self._then, self._quiet = until, then, 0
        self._poll.start()

    def settle(self, then: Step) -> None:
        """Call ``then`` once the app has no background work left."""
        self.wait(lambda: True, then)

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            self.fail("timed out waiting for the screens to settle")
            return
        assert self._until is not None and self._then is not None
        if self._until() and self.app.tasks.in_flight == 0:
            self._quiet += 1
            if self._quiet >= 3:  # still quiet after 150 ms: late signals have landed
                self._poll.stop()
                then, self._then = self._then, None
                then()
        else:
            self._quiet = 0

    def next(self) -> None:
        """Take the next step (or finish after the last)."""
        if not self.steps:
            self.finish()
            return
        step = self.steps.pop(0)
        try:
            step()
        except Exception as exc:  # a screenshot run must end, never hang
            log.exception("screenshot step failed")
            self.fail(f"{getattr(step, '__name__', 'a step')}: {exc}")

    def snap(self, name: str, tidy: Step | None = None) -> Step:
        """A step that grabs the main window as ``name``, then ``tidy`` (putting back what the
        picture changed), then goes on."""

        def step() -> None:
            self.grab(self.window, name)
            if tidy is not None:
                tidy()
            self.next()

        return step

    def grab(self, widget: QWidget, name: str) -> None:
        """Write ``widget`` as it looks now to ``<name>[.<lang>].png`` (toasts hidden)."""
        for toast in widget.findChildren(QWidget, "toast"):
            toast.hide()
        path = self.directory / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        self.written.append(path)
        log.info("wrote %s", path)

    def write_pdf(self, name: str, document: QTextDocument) -> None:
        """Write ``document`` to ``<name>[.<lang>].pdf``."""
        path = self.directory / f"{name}{self.suffix}.pdf"
        write_pdf(path, document)
        self.written.append(path)

    def fail(self, why: str) -> None:
        self._poll.stop()
        self.steps.clear()
        print(f"dinghuo: screenshots failed: {why}", file=sys.stderr)
        self.finished.emit(1)

    def finish(self) -> None:
        for path in self.written:
            print(path)
        self.finished.emit(0)

    # ------------------------------------------------------------------ the app

    @property
    def window(self) -> MainWindow:
        assert self.app.window is not None
        return self.app.window

    def frame(self) -> None:
        """Every picture of the main window at 1280×800, whatever the screen (the window
        opens at the screen's size when that is smaller) or the saved layout; the window is
        the active one, so a field can have the cursor (a drop-down shows only then)."""
        self.window.resize(1280, 800)
        self.window.activateWindow()

    def workspace(self, kind: type[W]) -> W:
        """The signed-in user's workspace, which must be a ``kind``."""
        ws = self.window.workspace
        if not isinstance(ws, kind):
            raise TypeError(f"{type(ws).__name__} is shown, not a {kind.__name__}")
        return ws

    def synced(self) -> bool:
        """The main window is open and its first sync is done (and no sync is running)."""
        sync = self.app.sync
        return (self.app.window is not None and sync is not None and not sync.running
                and sync.status is not None and sync.status.initial_sync_done)

    def switch_user(self, user: str) -> None:
        """Close this user's window and sign ``user`` in on a device of their own."""
        sync = self.app.sync
        assert sync is not None
        sync.stop()
        self.wait(lambda: not sync.running, lambda: self._sign_in(user))

    def _sign_in(self, user: str) -> None:
        app, demo = self.app, self.demo
        QApplication.setQuitOnLastWindowClosed(False)  # the next user's window follows
        app.close_main()
        old = app.engine
        app.engine = open_engine(demo.client_dir(user), demo.url)
        old.close()
        app.args.demo_user = user
        engine = app.engine

        def signed_in(identity: object) -> None:
            assert isinstance(identity, Identity)
            app.open_main(identity)
            QApplication.setQuitOnLastWindowClosed(True)
            self.frame()
            self.wait(self.synced, self.next)

        app.tasks.run("sync", lambda: engine.login(user, demo.password, "dinghuo demo"),
                      signed_in, lambda exc: self.fail(f"signing in {user}: {exc!r}"))


class RoleShots(Generic[W]):
    """The steps that shoot one role's screens, with that role's workspace signed in: the
    workspace a subclass is generic over (``RoleShots[ClerkWorkspace]``)."""

    workspace_type: type[W]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        for base in cls.__dict__.get("__orig_bases__", ()):
            if get_origin(base) is RoleShots:
                cls.workspace_type = get_args(base)[0]

    def __init__(self, camera: Camera) -> None:
        self.camera = camera

    @property
    def ws(self) -> W:
        return self.camera.workspace(self.workspace_type)

    def steps(self) -> list[Step]:
        raise NotImplementedError

    def show_page(self, name: str, ready: Callable[[], bool], then: Step, *,
                  load: Step | None = None) -> None:
        """Bring page ``name`` to the front, ``load`` it anew (when given), and once ``ready()``,
        ``then``."""
        self.ws.show_page(name)
        if load is not None:
            load()
        self.camera.wait(ready, then)

    def show_order(self, orders: OrdersPage, order_id: str, then: Step) -> None:
        """Bring the orders page to the front with ``order_id`` in its detail, then ``then``."""
        self.ws.show_page("orders")
        orders.show_order(order_id)
        detail = orders.detail
        self.camera.wait(lambda: detail.order is not None and detail.order.id == order_id, then)
