"""Client fixtures: an in-memory keyring, a seeded live server, engines on temp directories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from tests.support.live import live_server
from tests.support.seed import Seed, seed


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Tokens never reach the real OS keyring in tests."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


class Env:
    """A seeded server, live on loopback, and a way to make signed-in devices."""

    def __init__(self, db_url: str, url: str, data: Seed, tmp_path: Path) -> None:
        self.db_url = db_url
        self.url = url
        self.seed = data
        self.tmp_path = tmp_path
        self.engines: list[Engine] = []
        self._n = 0

    def device(self, username: str | None = None, *, name: str | None = None,
               **kwargs: Any) -> Engine:
        """A new device (its own data directory); signed in and synced if ``username``."""
        self._n += 1
        engine = Engine(self.tmp_path / (name or f"dev{self._n}"), self.url, **kwargs)
        self.engines.append(engine)
        if username:
            engine.login(username, "demo")
            engine.sync_once()
        return engine

    def close(self) -> None:
        for engine in self.engines:
            engine.close()


def _env(db_url: str, tmp_path: Path, **seed_kwargs: Any) -> Iterator[Env]:
    data = seed(db_url, **seed_kwargs)
    with live_server(db_url) as url:
        env = Env(db_url, url, data, tmp_path)
        try:
            yield env
        finally:
            env.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A freshly migrated SQLite server database (the fast default for client tests)."""
    from sync_engine.server.storage.engine import migrate

    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    migrate(url)
    return url


@pytest.fixture
def env(sqlite_url: str, tmp_path: Path) -> Iterator[Env]:
    """A live server over SQLite with the small seed data set."""
    yield from _env(sqlite_url, tmp_path)


@pytest.fixture
def env_any(db_url: str, tmp_path: Path) -> Iterator[Env]:
    """The same on every server backend (SQLite and PostgreSQL)."""
    yield from _env(db_url, tmp_path)


@pytest.fixture
def env_pg(pg_db_url: str, tmp_path: Path) -> Iterator[Env]:
    """A live server over PostgreSQL."""
    yield from _env(pg_db_url, tmp_path)


EnvFactory = Callable[..., Iterator[Env]]
