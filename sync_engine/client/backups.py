"""Backups of the replica: SQLite's online backup API, rotated, restored after damage.

Where: ``backups/`` in the data folder, one file per backup, named by kind and UTC time
(``recent-20261204T231500Z.sqlite3``, ``daily-…``, ``migration-…``). When: on a schedule while
the app syncs (:func:`backup_if_due`, on the sync thread, never the UI's), before every local
migration (:mod:`.store`), and on demand (``dinghuo-cli backup``). Kept: the newest
:data:`KEEP_RECENT` recent ones, one a day for :data:`KEEP_DAILY` days, and the migration ones
until :data:`KEEP_MIGRATION` newer exist.

A backup is written to ``*.partial``, fsync'd, checked, and only then renamed into place, so
a process killed in the middle leaves a partial file that is never used (and is removed next
time). A restore copies the backup to ``*.restoring`` beside the replica, fsyncs it, folds the old
replica's WAL into it, keeps it as ``*.replaced-<time>`` (a hard link) and renames the copy
over it: killed at any moment, the replica is either the old file or the whole backup.

Backups are encrypted as the replica is (:mod:`.cipher`, the same key); plain ones from
before encryption are encrypted in place when the engine opens (:func:`encrypt_plain`).

Unsent changes are not lost by restoring an older backup: the outbox journal (:mod:`.journal`)
queues again every change the restored outbox does not know.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from . import cipher
from .fsync import fsync_dir, fsync_file
from .integrity import damage
from .store import DB_FILENAME, Store, small_cache

__all__ = [
    "BACKUP_DIR",
    "Backup",
    "backup_if_due",
    "delete_all",
    "encrypt_plain",
    "list_backups",
    "make_backup",
    "newest_age",
    "restore",
    "restore_newest",
]

log = logging.getLogger(__name__)

BACKUP_DIR = "backups"
KEEP_RECENT = 3
KEEP_DAILY = 7
KEEP_MIGRATION = 2
INTERVAL = 6 * 3600.0  # seconds between scheduled backups
_SUFFIX = ".sqlite3"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file."""

    path: Path
    kind: str  # recent, daily, migration, manual
    taken_at: dt.datetime
    size: int


def backup_dir(data_dir: Path) -> Path:
    """The backups folder of a data folder (created private)."""
    folder = Path(data_dir) / BACKUP_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def delete_all(data_dir: Path) -> None:
    """Delete every backup of a data folder (a device revoked with wipe)."""
    folder = Path(data_dir) / BACKUP_DIR
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file():
                path.unlink(missing_ok=True)


def list_backups(data_dir: Path) -> list[Backup]:
    """The complete backups, newest first."""
    folder = Path(data_dir) / BACKUP_DIR
    out: list[Backup] = []
    if not folder.is_dir():
        return out
    for path in folder.glob(f"*{_SUFFIX}"):
        kind, _, stamp = path.name.removesuffix(_SUFFIX).partition("-")
        try:
            taken = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        out.append(Backup(path, kind, taken, path.stat().st_size))
    out.sort(key=lambda b: b.taken_at, reverse=True)
    return out


def newest_age(data_dir: Path, now: dt.datetime | None = None) -> float | None:
    """Seconds since the newest backup was taken, or None if there is none (for the sync
    health page and device health reports)."""
    backups = list_backups(data_dir)
    if not backups:
        return None
    return ((now or dt.datetime.now(dt.UTC)) - backups[0].taken_at).total_seconds()


def make_backup(store: Store, kind: str = "manual") -> Backup:
    """Back the open replica up now (online: the app keeps working); then rotate."""
    raw = store.engine.raw_connection()
    try:
        source: cipher.Connection = raw.driver_connection
        # The copy reads every page once, and the check of it opens its own connection: the
        # replica's connection need not hold 32 MB of the pages it copied meanwhile.
        with small_cache(source):
            return _copy_from(source, store.data_dir, store.key, kind)
    finally:
        raw.close()


def backup_file(db_path: Path, key: cipher.DatabaseKey, kind: str) -> Backup:
    """Back a replica file up that no store has open (before a migration)."""
    source = cipher.open_file(db_path, key)
    try:
        return _copy_from(source, db_path.parent, key, kind)
    finally:
        source.close()


def encrypt_plain(data_dir: Path, key: cipher.DatabaseKey) -> int:
    """Encrypt the backups made before encryption, in place; returns how many."""
    folder = Path(data_dir) / BACKUP_DIR
    if not folder.is_dir():
        return 0
    return sum(cipher.encrypt_in_place(b.path, key) for b in list_backups(data_dir))


def backup_if_due(store: Store, interval: float = INTERVAL) -> Backup | None:
    """A scheduled backup, if the newest is older than ``interval`` seconds (or none)."""
    age = newest_age(store.data_dir)
    if age is not None and age < interval:
        return None
    return make_backup(store, "recent")


def _copy_from(source: cipher.Connection, data_dir: Path, key: cipher.DatabaseKey,
               kind: str) -> Backup:
    folder = backup_dir(data_dir)
    for stale in folder.glob("*.partial"):
        stale.unlink(missing_ok=True)
    taken = dt.datetime.now(dt.UTC)
    final = folder / f"{kind}-{taken.strftime('%Y%m%dT%H%M%S%fZ')}{_SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    start = time.perf_counter()
    target = cipher.connect(partial, key)
    try:
        source.backup(target)  # one step: a consistent snapshot (WAL: writers go on)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    fsync_file(partial)
    reason = damage(partial, key)
    if reason is not None:
        partial.unlink(missing_ok=True)
        raise OSError(f"the backup failed its check: {reason}")
    partial.replace(final)
    fsync_dir(folder)
    log.info("backup %s in %.2f s", final.name, time.perf_counter() - start)
    _rotate(data_dir)
    return Backup(final, kind, taken, final.stat().st_size)


def _rotate(data_dir: Path) -> None:
    keep: set[Path] = set()
    backups = list_backups(data_dir)
    by_kind: dict[str, list[Backup]] = {}
    for b in backups:
        by_kind.setdefault(b.kind, []).append(b)
    keep |= {b.path for b in by_kind.get("recent", [])[:KEEP_RECENT]}
    keep |= {b.path for b in by_kind.get("migration", [])[:KEEP_MIGRATION]}
    keep |= {b.path for b in by_kind.get("manual", [])[:KEEP_RECENT]}
    days: set[dt.date] = set()
    for b in backups:  # newest first: the newest of each of the last KEEP_DAILY days
        day = b.taken_at.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(b.path)
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)


def restore(data_dir: Path, backup: Path, key: cipher.DatabaseKey) -> None:
    """Put a backup in place of the replica (no store may have it open). The replaced file,
    if any, is kept beside it as ``*.replaced-<time>``."""
    data_dir = Path(data_dir)
    reason = damage(backup, key)
    if reason is not None:
        raise OSError(f"the backup {backup} is damaged: {reason}")
    db_path = data_dir / DB_FILENAME
    staging = db_path.with_name(db_path.name + ".restoring")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    shutil.copyfile(backup, staging)
    fsync_file(staging)
    if db_path.exists():
        # Keep the replaced file (a hard link: no copy, and the replica stays in place until
        # the rename below), with its WAL folded in first: an old WAL must never meet the
        # restored file, and removing one that still held commits would lose them.
        try:
            conn = cipher.open_file(db_path, key)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except cipher.DatabaseError:
            log.warning("cannot checkpoint the replaced database %s", db_path)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        os.link(db_path, db_path.with_name(f"{db_path.name}.replaced-{stamp}"))
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    staging.replace(db_path)
    fsync_dir(data_dir)
    log.warning("restored the local database from %s", backup)


def restore_newest(data_dir: Path, key: cipher.DatabaseKey) -> Path | None:
    """Restore the newest backup that passes the check; returns it, or None if none does."""
    for b in list_backups(data_dir):
        if damage(b.path, key) is None:
            restore(data_dir, b.path, key)
            return b.path
        log.error("backup %s is damaged; trying an older one", b.path)
    return None
