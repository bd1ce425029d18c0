"""Taking a test database back in time: a snapshot now, put back later (the server stopped
for PostgreSQL, which copies databases only while nobody is connected to them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync_engine.server.ops.backup import backup, restore
from tests.conftest import _pg_admin_exec


@dataclass(frozen=True)
class Snapshot:
    db_url: str
    sqlite_file: Path | None = None
    pg_name: str | None = None


def _pg_name(db_url: str) -> str:
    return db_url.rpartition("/")[2].partition("?")[0]


def take_snapshot(db_url: str, where: Path, request: pytest.FixtureRequest) -> Snapshot:
    """A copy of the database as it is now (SQLite: the online backup of ``dinghuo-server
    backup``; PostgreSQL: a template copy, dropped when the test ends)."""
    if db_url.startswith("sqlite"):
        target = where / f"snapshot-{uuid.uuid4().hex[:8]}.sqlite3"
        backup(db_url, target)
        return Snapshot(db_url, sqlite_file=target)
    name = f"dinghuo_snap_{uuid.uuid4().hex[:12]}"
    _pg_admin_exec(f'CREATE DATABASE "{name}" TEMPLATE "{_pg_name(db_url)}"')
    request.addfinalizer(lambda: _pg_admin_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    return Snapshot(db_url, pg_name=name)


def put_back(snapshot: Snapshot) -> None:
    """Replace the database with the snapshot (SQLite: ``dinghuo-server restore``)."""
    if snapshot.sqlite_file is not None:
        restore(snapshot.db_url, snapshot.sqlite_file)
        return
    live = _pg_name(snapshot.db_url)
    _pg_admin_exec(f'DROP DATABASE "{live}" WITH (FORCE)')
    _pg_admin_exec(f'CREATE DATABASE "{live}" TEMPLATE "{snapshot.pg_name}"')
