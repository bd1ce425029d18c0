"""Client fixtures: an in-memory keyring, a seeded server, engines on temp directories.

``env`` and friends serve the app in this process (:mod:`tests.support.asgi`); ``live_env``
serves it with uvicorn on loopback, for tests that need a socket (a second process, a kill).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest

from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from tests.conftest import _make_db
from tests.support.live import live_server
from tests.support.seed import Seed, seed
from tests.support.server import Server, app_server


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Tokens never reach the real OS keyring in tests."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


class Env:
    """A seeded server and a way to make signed-in devices."""

    def __init__(self, db_url: str, server: Server, data: Seed, tmp_path: Path) -> None:
        self.db_url = db_url
        self.server = server
        self.url = server.url
        self.seed = data
        self.tmp_path = tmp_path
        self.engines: list[Engine] = []
        self._n = 0

    def device(self, username: str | None = None, *, name: str | None = None,
               **kwargs: Any) -> Engine:
        """A new device (its own data directory); signed in and synced if ``username``."""
        self._n += 1
        if "transport" not in kwargs:
            kwargs["transport"] = self.transport()
        engine = Engine(self.tmp_path / (name or f"dev{self._n}"), self.url, **kwargs)
        self.engines.append(engine)
        if username:
            engine.login(username, "demo")
            engine.sync_once()
        return engine

    def transport(self) -> httpx.BaseTransport | None:
        """A new connection for one device (``None``: over a socket, to :attr:`url`)."""
        return self.server.transport()

    def close(self) -> None:
        for engine in self.engines:
            engine.close()


def _env(db_url: str, tmp_path: Path, *, live: bool = False, **seed_kwargs: Any
         ) -> Iterator[Env]:
    data = seed(db_url, **seed_kwargs)
    with _serve(db_url, live) as server:
        env = Env(db_url, server, data, tmp_path)
        try:
            yield env
        finally:
            env.close()


@contextmanager
def _serve(db_url: str, live: bool) -> Iterator[Server]:
    if not live:
        with app_server(db_url) as server:
            yield server
        return
    with live_server(db_url) as url:
        yield Server(url)


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: Any) -> str:
    """A freshly migrated SQLite server database (the fast default for client tests): a copy
    of the run's template."""
    return _make_db("sqlite", tmp_path, request, _templates)


@pytest.fixture
def env(sqlite_url: str, tmp_path: Path) -> Iterator[Env]:
    """A server over SQLite with the small seed data set, in this process."""
    yield from _env(sqlite_url, tmp_path)


@pytest.fixture
def live_env(sqlite_url: str, tmp_path: Path) -> Iterator[Env]:
    """The same served on loopback by uvicorn (for a second process, or a kill)."""
    yield from _env(sqlite_url, tmp_path, live=True)


@pytest.fixture
def env_any(db_url: str, tmp_path: Path) -> Iterator[Env]:
    """The same on every server backend (SQLite and PostgreSQL)."""
    yield from _env(db_url, tmp_path)


@pytest.fixture
def live_env_any(db_url: str, tmp_path: Path) -> Iterator[Env]:
    """Served on loopback by uvicorn, on every server backend (SQLite and PostgreSQL)."""
    yield from _env(db_url, tmp_path, live=True)


@pytest.fixture
def env_pg(pg_db_url: str, tmp_path: Path) -> Iterator[Env]:
    """A server over PostgreSQL, in this process."""
    yield from _env(pg_db_url, tmp_path)


@pytest.fixture
def live_env_pg(pg_db_url: str, tmp_path: Path) -> Iterator[Env]:
    """A server over PostgreSQL, on loopback."""
    yield from _env(pg_db_url, tmp_path, live=True)


EnvFactory = Callable[..., Iterator[Env]]
