"""Shared fixtures: a fresh database per test on every backend, and offscreen Qt.

Server tests run against SQLite *and* the real PostgreSQL (``DINGHUO_TEST_PG``, default
``postgresql://postgres@127.0.0.1:5432/postgres``). Each test gets its own database, created and
dropped here, so no test leaves one behind.
"""

from __future__ import annotations

import os
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


def _make_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite3'}"
    name = f"dinghuo_test_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{name}"')
    request.addfinalizer(lambda: _pg_admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return _pg_url(name)


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A freshly migrated server database URL, once per backend."""
    from sync_engine.server.db import migrate

    url = _make_db(request.param, tmp_path, request)
    migrate(url)
    return url


@pytest.fixture
def pg_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A freshly migrated PostgreSQL database (for tests that need real concurrency)."""
    from sync_engine.server.db import migrate

    url = _make_db("postgres", tmp_path, request)
    migrate(url)
    return url
