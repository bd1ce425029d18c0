"""Backups of the embedded SQLite server database, with SQLite's online backup API.

``backup`` copies a consistent snapshot of the live database while the server keeps serving
(readers and the writer go on; the copy sees one committed state). ``restore`` checks that a
file is a sound Dinghuo database and copies it over the live one the same way, then brings its
schema up to date. A restored database is an earlier state of the server: devices that saw
later changes notice it at their next sync and send again what it forgot (PROTOCOL.md).

PostgreSQL is backed up with its own tools (``pg_dump``, base backups and WAL archiving, a
streaming standby): see the README's operations section.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from sync_engine.server.storage.engine import migrate, normalise_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    bytes: int
    seconds: float
    seq: int  # the change feed's counter in the copy


def sqlite_path(db_url: str) -> Path:
    """The file of a ``sqlite:///`` URL; :class:`BackupError` for anything else."""
    url = make_url(normalise_url(db_url))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError(
            "backup and restore serve the embedded SQLite database; back up PostgreSQL with "
            "pg_dump or a base backup (see the README's operations section)")
    return Path(url.database)


@contextlib.contextmanager
def _open(path: Path, *, must_exist: bool) -> Iterator[sqlite3.Connection]:
    if must_exist and not path.is_file():
        raise BackupError(f"{path}: no such file")
    uri = f"file:{path}?mode={'rw' if must_exist else 'rwc'}"
    conn = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        yield conn
    finally:
        conn.close()


def _copy(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    # In one step: the source is read in one snapshot (in WAL mode the server's writer goes on
    # meanwhile). Copying in steps would start over after every write of the server's.
    source.backup(target, pages=-1)


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """The counter of a sound Dinghuo server database; :class:`BackupError` otherwise."""
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not a SQLite database ({exc})") from exc
    if verdict != "ok":
        raise BackupError(f"{path}: the file is damaged ({verdict})")
    if not {"sync_counter", "server_meta", "alembic_version"} <= tables:
        raise BackupError(f"{path}: not a Dinghuo server database")
    row = conn.execute("SELECT value FROM sync_counter WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def backup(db_url: str, target: Path) -> BackupReport:
    """Copy the live database at ``db_url`` to ``target`` (a new file) while it serves."""
    started = time.perf_counter()
    source_path = sqlite_path(db_url)
    if target.exists():
        raise BackupError(f"{target}: exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with _open(source_path, must_exist=True) as source, \
                _open(partial, must_exist=False) as copy:
            _check(source, source_path)
            _copy(source, copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            seq = _check(copy, target)
        partial.replace(target)  # a backup file exists only once it is whole
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(target, target.stat().st_size, time.perf_counter() - started, seq)


def restore(db_url: str, source: Path) -> BackupReport:
    """Replace the database at ``db_url`` with the backup in ``source`` (checked first), then
    migrate it. Safe while the server runs: requests see the old state or the restored one."""
    started = time.perf_counter()
    target_path = sqlite_path(db_url)
    with _open(source, must_exist=True) as backup_conn:
        seq = _check(backup_conn, source)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with _open(target_path, must_exist=False) as live:
            _copy(backup_conn, live)
    migrate(db_url)
    return BackupReport(target_path, target_path.stat().st_size,
                        time.perf_counter() - started, seq)
