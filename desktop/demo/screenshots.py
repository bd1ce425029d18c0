"""``dinghuo --demo --screenshots DIR [--lang zh_CN|en] [--demo-user NAME]``: render every main
screen of every role with the demo data to PNG files (and the printed documents to PDF), then
exit. Keeps the README's pictures honest.

The run, in order: the sign-in dialog; the recovery dialog (as after a damaged local database
was repaired at start); a sales rep signed in (the demo user when that is a
rep, else rep1), on whose device the demo orders are made (:mod:`.orders`: history, a draft, a
price conflict); the rep's screens; then clerk1's, owner1's and admin's, each on a device of
their own; last, that rep again, with the demo server stopped: the app offline with an unsent
order (``rep-offline``). So the pictures are the same whoever ``--demo-user`` names, but for
which rep's.
"""

from __future__ import annotations

import logging

from sync_engine import domain as d
from sync_engine.client.store import default_data_dir
from sync_engine.client.values import Identity, ReplicaRepair

from ..recovery import recovery_dialog
from ..views.login import LoginDialog
from .admin_shots import AdminShots
from .after_sale_shots import AdminReturnShots, ClerkReturnShots, RepAfterSaleShots
from .camera import Camera
from .orders import seed_demo_orders
from .paper_shots import AdminPaperShots, ClerkPaperShots, OwnerPaperShots
from .rep_shots import RepShots
from .role_shots import ClerkShots, OwnerShots

__all__ = ["ScreenshotRun"]

log = logging.getLogger(__name__)

FIRST_REP = "rep1"  # the rep whose screens are shot when the demo user is not a rep


class ScreenshotRun(Camera):
    """Connect ``finished`` (the exit code), then call :meth:`begin` on the event loop."""

    rep_user = FIRST_REP  # the rep whose screens are shot (the demo user when a rep)

    def begin(self) -> None:
        self.app.start()
        self.steps = [self.login, self.recovery, self.sign_in_a_rep, self.seed,
                      *RepShots(self).steps(),
                      *RepAfterSaleShots(self).steps(),
                      lambda: self.switch_user("clerk1"), *ClerkShots(self).steps(),
                      *ClerkReturnShots(self).steps(), *ClerkPaperShots(self).steps(),
                      lambda: self.switch_user("owner1"), *OwnerShots(self).steps(),
                      *OwnerPaperShots(self).steps(),
                      lambda: self.switch_user("admin"), *AdminShots(self).steps(),
                      *AdminReturnShots(self).steps(), *AdminPaperShots(self).steps(),
                      lambda: self.switch_user(self.rep_user), *RepShots(self).offline_steps()]
        self.wait(self.synced, self.next)

    def login(self) -> None:
        dialog = LoginDialog(_never_signs_in, _never_runs,
                             server_url="https://dinghuo.example.com", username="rep1")
        dialog.password.setText("demo")
        dialog.server_box.set_hint("")
        dialog.adjustSize()
        dialog.show()
        self.grab(dialog, "login")
        dialog.close()
        self.next()

    def recovery(self) -> None:
        """The dialog of :func:`desktop.recovery.recovery_dialog`, with a realistic repair."""
        folder = default_data_dir()  # where a user's replica is, not the demo's
        dialog = recovery_dialog(ReplicaRepair(
            reason="database disk image is malformed",
            moved_to=str(folder / "dinghuo.sqlite3.damaged-20261205T081502Z"),
            restored_from=str(folder / "backups" / "recent-20261205T021500123456Z.sqlite3"),
            replayed=3))
        dialog.show()
        self.grab(dialog, "recovery")
        dialog.close()
        self.next()

    def sign_in_a_rep(self) -> None:
        """The rep's screens come first, and the demo orders are made on a rep's device."""
        if d.Role(self.window.identity.role) is d.Role.SALES_REP:
            self.rep_user = self.window.identity.username
            self.frame()
            self.next()
        else:
            self.switch_user(FIRST_REP)

    def seed(self) -> None:
        app, demo = self.app, self.demo
        sync = app.sync
        assert sync is not None
        sync.stop()  # the seeding syncs itself; the timer would only interleave

        def seeded(_n: object) -> None:
            sync.start()
            self.wait(self.synced, self.next)

        engine = app.engine
        clerk_dir = demo.directory / "client-clerk1-screens"
        app.tasks.run("sync", lambda: seed_demo_orders(engine, demo, clerk_dir), seeded,
                      lambda exc: self.fail(f"seeding: {exc!r}"))


def _never_signs_in(_url: str, _user: str, _password: str, _plain_http: bool) -> Identity:
    raise AssertionError("the sign-in dialog of the screenshots is never submitted")


def _never_runs(_fn: object, _done: object, _failed: object) -> None:
    raise AssertionError("the sign-in dialog of the screenshots is never submitted")
