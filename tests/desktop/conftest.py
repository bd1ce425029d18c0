"""Desktop fixtures: a demo server (in this process), an app wired to it, a network the test
can cut."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QSettings

from desktop.app import parse_args
from desktop.application import DinghuoApp
from desktop.i18n import install_language
from desktop.settings import Settings
from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from tests.client.net import FlakyTransport
from tests.support.live import live_server
from tests.support.server import Server, app_server


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Tokens never reach the real OS keyring in tests."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A server database with a small demo data set (with order history), made once."""
    from sync_engine.server.demo.load import load_demo
    from sync_engine.server.storage import engine as db

    path = tmp_path_factory.mktemp("demo") / "server.sqlite3"
    url = f"sqlite:///{path}"
    db.migrate(url)
    engine = db.make_engine(url)
    try:
        load_demo(db.make_session_factory(engine), products=300)
    finally:
        engine.dispose()
    return path


@pytest.fixture
def server_db(demo_template: Path, tmp_path: Path) -> str:
    """A fresh copy of the demo database for this test."""
    target = tmp_path / "server.sqlite3"
    shutil.copyfile(demo_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def server(server_db: str) -> Iterator[Server]:
    """The demo server, in this process: devices reach it through ``network`` or
    ``server.transport()``."""
    with app_server(server_db) as running:
        yield running


@pytest.fixture
def server_url(server: Server) -> str:
    return server.url


@pytest.fixture
def live_server_url(server_db: str) -> Iterator[str]:
    """The demo server on loopback, for what only has a URL (a server typed at sign-in)."""
    with live_server(server_db) as url:
        yield url


class Switchable(FlakyTransport):
    """The network to ``inner`` (a real one if None), until the test pulls the plug
    (``online = False``); the answer to a path in ``drop_after`` is lost once, after the
    server handled the request (:class:`~tests.client.net.FlakyTransport`)."""

    @property
    def online(self) -> bool:
        return not self.offline

    @online.setter
    def online(self, value: bool) -> None:
        self.offline = not value


@pytest.fixture
def network(server: Server) -> Switchable:
    return Switchable(server.transport())


def make_app(tmp_path: Path, server_url: str | None, network: Switchable | None = None,
             lang: str = "en", **engine_kwargs: Any) -> DinghuoApp:
    install_language(lang)
    args = parse_args(["--data-dir", str(tmp_path / "client"), "--lang", lang]
                      + (["--server", server_url] if server_url else []))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    engine = Engine(tmp_path / "client", server_url, transport=network, **engine_kwargs)
    return DinghuoApp(args, settings, engine)


@pytest.fixture
def app_factory(qtbot: Any, tmp_path: Path) -> Iterator[Any]:
    made: list[DinghuoApp] = []

    def make(server_url: str | None, network: Switchable | None = None,
             lang: str = "en") -> DinghuoApp:
        app = make_app(tmp_path, server_url, network, lang)
        made.append(app)
        return app

    yield make
    for app in made:
        if app.window is not None:
            app.window.close()
        if app.login is not None:
            app.login.close()
        app.shutdown()
    install_language("en")


@pytest.fixture
def signed_in(app_factory: Any, server_url: str, network: Switchable, qtbot: Any) -> DinghuoApp:
    """rep1 signed in and synced, the main window open."""
    app = app_factory(server_url, network)
    identity = app.engine.login("rep1", "demo")
    app.open_main(identity)
    assert app.sync is not None
    qtbot.waitUntil(lambda: app.sync.status is not None and app.sync.status.initial_sync_done
                    and not app.sync.running, timeout=20000)
    qtbot.waitUntil(lambda: app.tasks.in_flight == 0, timeout=10000)
    return app
