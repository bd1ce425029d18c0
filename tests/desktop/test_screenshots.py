"""``dinghuo --demo --screenshots DIR --demo-user NAME`` renders every screen of every role,
whoever NAME is (issue 19: as clerk1 the demo orders could not be made, as owner1 or admin the
run looked for the rep's pages in their workspace)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from desktop.app import parse_args
from desktop.application import DinghuoApp
from desktop.demo.screenshots import ScreenshotRun
from desktop.demo.server import DemoServer
from desktop.settings import Settings
from tests.desktop.roles_helpers import import_prices
from tests.support.live import live_server

PICTURES = [
    "login", "recovery", "rep-customers", "rep-catalog", "rep-order-entry", "rep-product-finder",
    "rep-orders",
    "rep-order-detail", "rep-conflicts", "rep-server-restored", "rep-confirmation",
    "clerk-queue", "clerk-picklist",
    "clerk-ship", "owner-home", "owner-catalog", "owner-reorder", "owner-orders",
    "owner-receipt", "admin-review", "admin-health", "admin-devices", "admin-revoke-wipe",
    "admin-users", "admin-user-new", "admin-integrations", "admin-token-secret",
    "rep-offline",
    # after the sale (issue 21)
    "rep-customer-credit", "rep-return-request", "clerk-returns-receive", "admin-returns",
    "clerk-delivery-note", "owner-statement", "admin-statement", "admin-payments",
]
DOCUMENTS = ["order-confirmation", "pick-list", "delivery-note", "delivery-note-241x140",
             "delivery-note-241x93", "statement"]
MAIN_WINDOW = [p for p in PICTURES if p not in (
    "login", "recovery", "rep-server-restored", "rep-confirmation", "clerk-picklist",
    "owner-receipt",
    "admin-revoke-wipe", "admin-user-new", "admin-token-secret", "rep-return-request",
    "clerk-delivery-note", "owner-statement", "admin-statement")]


class ServedDemo(DemoServer):
    """The demo server, served by the test in this process over a copy of the test's demo
    database: the app's own starts a subprocess that loads the demo data first (tens of
    seconds a run). The demo's users, password, devices and data are the same."""

    def __init__(self, directory: Path, db_url: str, serving: ExitStack) -> None:
        super().__init__(directory)
        self.db_url = db_url
        self.serving = serving
        self.url = serving.enter_context(live_server(db_url))

    def start(self, timeout: float = 30.0) -> str:
        return self.url  # already serving

    def stop(self) -> None:
        """Stop serving (the last pictures show the app offline)."""
        self.serving.close()

    def import_prices(self, rows: Iterable[Mapping[str, object]]) -> None:
        import_prices(self.db_url, [(str(r["customer"]), str(r["sku"]), int(str(r["min_qty"])),
                                     str(r["unit_price"])) for r in rows])


@pytest.fixture
def demo(server_db: str, tmp_path: Path) -> Iterator[ServedDemo]:
    from sync_engine.server.demo.fleet import add_demo_fleet
    from sync_engine.server.storage.engine import make_engine, make_session_factory

    engine = make_engine(server_db)
    try:
        add_demo_fleet(make_session_factory(engine))  # as ``dinghuo-server demo`` does
    finally:
        engine.dispose()
    with ExitStack() as serving:
        yield ServedDemo(tmp_path / "demo", server_db, serving)


@pytest.mark.slow
@pytest.mark.live  # the app makes its own engines, connected by URL
@pytest.mark.parametrize("user", ["rep1", "rep2", "clerk1", "owner1", "admin"])
def test_screenshots_for_every_demo_user(user: str, demo: ServedDemo, qtbot: Any,
                                         tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    args = parse_args(["--demo", "--demo-user", user, "--screenshots", str(shots),
                       "--lang", "en"])
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    app = DinghuoApp(args, settings, demo=demo)
    run = ScreenshotRun(app, demo, shots, lang="en")
    try:
        with qtbot.waitSignal(run.finished, timeout=600000) as finished:
            run.begin()
        assert finished.args == [0]
        assert sorted(p.name for p in shots.iterdir()) == sorted(
            [f"{name}.png" for name in PICTURES] + [f"{name}.pdf" for name in DOCUMENTS])
        for name in MAIN_WINDOW:
            image = QImage(str(shots / f"{name}.png"))
            assert (image.width(), image.height()) == (1280, 800), name
        for name in DOCUMENTS:
            assert (shots / f"{name}.pdf").read_bytes().startswith(b"%PDF"), name
        # The rep's screens are the demo user's own when that is a rep, else rep1's.
        rep = user if user.startswith("rep") else "rep1"
        assert {p.name for p in demo.directory.iterdir() if p.name.startswith("client-rep")} \
            == {f"client-{rep}"}
    finally:
        if app.window is not None:
            app.window.close()
        app.shutdown()
