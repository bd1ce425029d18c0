"""Shared fixtures: a fresh database per test on every backend, and offscreen Qt.

Server tests run against SQLite *and* the real PostgreSQL (``DINGHUO_TEST_PG``, default
``postgresql://postgres@127.0.0.1:5432/postgres``). Each test gets its own database, created and
dropped here, so no test leaves one behind.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
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


@pytest.fixture
def fresh_pg_url() -> Iterator[str]:
    """An empty PostgreSQL database, dropped afterwards."""
    name = f"dinghuo_test_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        _pg_admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Migrated template databases, made once per run: copying one beats migrating each time."""
    from sync_engine.server.storage.engine import migrate

    sqlite_path = tmp_path_factory.mktemp("template") / "server.sqlite3"
    migrate(f"sqlite:///{sqlite_path}")
    pg_name = f"dinghuo_tpl_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{pg_name}"')
    try:
        migrate(_pg_url(pg_name))
        yield {"sqlite": str(sqlite_path), "postgres": pg_name}
    finally:
        _pg_admin_exec(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def _make_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
             templates: dict[str, str]) -> str:
    if backend == "sqlite":
        target = tmp_path / "server.sqlite3"
        shutil.copyfile(templates["sqlite"], target)
        return f"sqlite:///{target}"
    name = f"dinghuo_test_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{name}" TEMPLATE "{templates["postgres"]}"')
    request.addfinalizer(lambda: _pg_admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return _pg_url(name)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: dict[str, str]) -> str:
    """A freshly migrated server database URL, once per backend."""
    return _make_db(request.param, tmp_path, request, _templates)


@pytest.fixture
def pg_db_url(request: pytest.FixtureRequest, tmp_path: Path, _templates: dict[str, str]) -> str:
    """A freshly migrated PostgreSQL database (for tests that need real concurrency)."""
    return _make_db("postgres", tmp_path, request, _templates)
