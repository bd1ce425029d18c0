"""Shared fixtures: a fresh database per test on every backend, and offscreen Qt.

Server tests run against SQLite *and* the real PostgreSQL (``DINGHUO_TEST_PG``, default
``postgresql://postgres@127.0.0.1:5432/postgres``). Each test gets its own database, created and
dropped here, so no test leaves one behind.
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ADMIN_URL = os.environ.get("DINGHUO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_admin_exec(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def _pg_url(dbname: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{dbname}"


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> Iterator[object]:
    """Argon2 at its cheapest for the run, as Django's test settings do with their hashers.

    Every seeded user and every sign-in hashes a password; at the production parameters (64 MiB,
    three passes) that is 0.1–0.6 s each on a small machine, and the suite signs in thousands of
    times. What the tests check of hashing — salted, verified, upgraded on sign-in when the
    parameters are outdated — does not depend on the cost; ``production_hashing`` puts the
    production hasher back for the test of the upgrade.
    """
    from argon2 import PasswordHasher

    from sync_engine.server.accounts import passwords

    production = passwords._hasher
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                          parallelism=1))
        yield production


@pytest.fixture
def production_hashing(monkeypatch: pytest.MonkeyPatch, _quick_password_hashing: object) -> None:
    """The server's own Argon2 parameters, for a test about them."""
    from sync_engine.server.accounts import passwords

    monkeypatch.setattr(passwords, "_hasher", _quick_password_hashing)


class _PgDatabases:
    """Fresh PostgreSQL databases, copied from the migrated template, made ahead and dropped on
    a thread of their own. A DROP DATABASE waits for a checkpoint (about 2 s on a busy machine)
    which no test needs to wait for; drops that queue up are run together, so that they share
    their checkpoints. Keeps :data:`AHEAD` copies ready."""

    AHEAD = 2

    def __init__(self) -> None:
        from sync_engine.server.storage.engine import migrate

        self.template = f"dinghuo_tpl_{uuid.uuid4().hex[:12]}"
        _pg_admin_exec(f'CREATE DATABASE "{self.template}"')
        migrate(_pg_url(self.template))
        self._ready: queue.Queue[str] = queue.Queue()
        self._work: queue.Queue[str | None] = queue.Queue()  # "" makes one, a name drops it
        self._errors: list[BaseException] = []
        self._left: list[str] = []
        self._thread = threading.Thread(target=self._run, name="dinghuo-test-databases",
                                        daemon=True)
        self._thread.start()
        for _ in range(self.AHEAD):
            self._work.put("")

    def take(self) -> str:
        """The name of a fresh migrated database (give it back with :meth:`drop`)."""
        try:
            name = self._ready.get_nowait()
        except queue.Empty:
            name = self._create()
        self._work.put("")
        return name

    def drop(self, name: str) -> None:
        self._work.put(name)

    def close(self) -> None:
        """Drop what is left (ready copies, the template) in one go; raise what the thread
        met."""
        self._work.put(None)
        self._thread.join()
        left = [self._ready.get_nowait() for _ in range(self._ready.qsize())]
        _drop_together([*self._left, *left, self.template])
        if self._errors:
            raise self._errors[0]

    def _create(self) -> str:
        name = f"dinghuo_test_{uuid.uuid4().hex[:12]}"
        _pg_admin_exec(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    def _run(self) -> None:
        while True:
            jobs = [self._work.get()]
            while not self._work.empty():
                jobs.append(self._work.get_nowait())
            names = [job for job in jobs if job]
            if None in jobs:
                self._left = names  # close() drops them with the rest
                return
            try:
                _drop_together(names)
                for _ in range(jobs.count("")):
                    if self._ready.qsize() < self.AHEAD:  # tests that found none made their own
                        self._ready.put(self._create())
            except BaseException as exc:  # raised again by close(), at the end of the run
                self._errors.append(exc)


def _drop_together(names: list[str]) -> None:
    """Drop databases on parallel connections (their checkpoints coincide)."""
    if not names:
        return
    with ThreadPoolExecutor(min(8, len(names))) as pool:
        for done in [pool.submit(_pg_admin_exec, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                     for name in names]:
            done.result()


class _Templates:
    """The migrated template databases of the run, made on first use: copying one beats
    migrating each time. ``templates["sqlite"]`` is a file path, ``templates["postgres"]`` a
    database name."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._tmp = tmp_path_factory
        self._sqlite: str | None = None
        self._pg: _PgDatabases | None = None
        self._lock = threading.Lock()

    def __getitem__(self, backend: str) -> str:
        return self.sqlite_template() if backend == "sqlite" else self.pg().template

    def sqlite_template(self) -> str:
        from sync_engine.server.storage.engine import migrate

        with self._lock:
            if self._sqlite is None:
                path = self._tmp.mktemp("template") / "server.sqlite3"
                migrate(f"sqlite:///{path}")
                self._sqlite = str(path)
            return self._sqlite

    def pg(self) -> _PgDatabases:
        with self._lock:
            if self._pg is None:
                self._pg = _PgDatabases()
            return self._pg

    def close(self) -> None:
        if self._pg is not None:
            self._pg.close()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    """The run's template databases (see :class:`_Templates`); dropped at the end."""
    templates = _Templates(tmp_path_factory)
    try:
        yield templates
    finally:
        templates.close()


def _make_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
             templates: _Templates) -> str:
    if backend == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copyfile(templates.sqlite_template(), target)
        return f"sqlite:///{target}"
    databases = templates.pg()
    name = databases.take()
    request.addfinalizer(lambda: databases.drop(name))
    return _pg_url(name)


@pytest.fixture
def fresh_pg_url(_templates: _Templates) -> Iterator[str]:
    """An empty PostgreSQL database, dropped afterwards."""
    name = f"dinghuo_test_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        _templates.pg().drop(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: _Templates) -> str:
    """A freshly migrated server database URL, once per backend."""
    return _make_db(request.param, tmp_path, request, _templates)


@pytest.fixture
def pg_db_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: _Templates) -> str:
    """A freshly migrated PostgreSQL database (for tests that need real concurrency)."""
    return _make_db("postgres", tmp_path, request, _templates)


_PG_FIXTURES = {"pg_db_url", "fresh_pg_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``postgres`` every test that needs the PostgreSQL server (``db_url``'s postgres
    half is marked where it is parametrised)."""
    for item in items:
        if _PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
