"""Is the replica file sound? Checked before it is used, repaired when it is not.

:func:`open_checked` runs before the store opens the file (the app and ``dinghuo-cli`` both
go through :class:`~.engine.Engine`): the SQLite header, then ``PRAGMA quick_check``. A file
that fails either is never used: it is moved aside as ``dinghuo.sqlite3.damaged-<time>`` (with
its WAL), the newest good backup is put in its place (:mod:`.backups`) or, without one, the
replica starts empty and the next sync rebuilds it from the server; the outbox journal
(:mod:`.journal`) then queues every unsent change again. What happened is returned as a
:class:`~.values.ReplicaRepair`, for the app's recovery dialog and the CLI's one line.

:func:`full_check` (``PRAGMA integrity_check``) is the thorough one, run on a schedule in the
background; it reports, and the repair happens at the next start.

Cost on a 100,000-product replica (52 MB; ``tests/perf/bench_safety.py``, page cache warm, 2
shared cores): ``quick_check`` 0.37 s, ``integrity_check`` 0.49 s. The quick check reads every
page once (O(size)) but skips the index-against-table comparison; a third of a second at
start is kept, rather than a header-only check that would miss damaged pages.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from . import cipher
from .store import DB_FILENAME
from .values import ReplicaRepair

__all__ = ["SQLITE_HEADER", "damage", "full_check", "move_aside", "open_checked"]

log = logging.getLogger(__name__)

SQLITE_HEADER = cipher.SQLITE_HEADER
_COMPANIONS = ("-wal", "-shm")


def damage(path: Path, key: cipher.DatabaseKey, *, full: bool = False) -> str | None:
    """What is wrong with the database file (a short English reason), or None if it is sound
    or absent. ``full``: ``integrity_check`` instead of ``quick_check``. A file encrypted
    under another key (or whose first page, with the salt, is overwritten) cannot be read:
    that is damage too. A plain file from before encryption is checked without the key."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if not header and path.stat().st_size == 0:
        return None  # created but never written: SQLite makes it a database
    plain = header == SQLITE_HEADER
    try:
        conn = cipher.connect(f"file:{path}?mode=rw", None if plain else key, uri=True)
        try:
            # The replica's page cache (32 MB) rather than SQLite's 2 MB: the check walks every
            # index against its table, and each encrypted page read anew costs a decryption.
            conn.execute("PRAGMA cache_size=-32768")
            pragma = "integrity_check" if full else "quick_check"
            rows = conn.execute(f"PRAGMA {pragma}(5)").fetchall()
        finally:
            conn.close()
    except cipher.DatabaseError as exc:
        if not plain and "not a database" in str(exc):
            return "cannot be decrypted (damaged first page, or another key)"
        return str(exc)
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    return "; ".join(problems)[:500] if problems else None


def open_checked(data_dir: Path, key: cipher.DatabaseKey) -> ReplicaRepair | None:
    """Check the replica before it is opened; a damaged one is moved aside and replaced by
    the newest good backup, if any. Returns what was done, or None if the file was sound."""
    from .backups import list_backups, restore_newest  # backups use the check too

    path = Path(data_dir) / DB_FILENAME
    # A restore killed before its rename: the replica is still the old file (or absent).
    path.with_name(path.name + ".restoring").unlink(missing_ok=True)
    if not path.exists():
        if not list_backups(Path(data_dir)):
            return None  # a new device
        reason, moved = "the file is missing", None
    else:
        found = damage(path, key)
        if found is None:
            return None
        log.error("the local database %s is damaged: %s", path, found)
        reason, moved = found, str(move_aside(path))
    restored = restore_newest(Path(data_dir), key)
    return ReplicaRepair(reason=reason, moved_to=moved,
                         restored_from=None if restored is None else str(restored))


def full_check(data_dir: Path, key: cipher.DatabaseKey) -> str | None:
    """The thorough check of the replica (every index against its table); None if sound."""
    return damage(Path(data_dir) / DB_FILENAME, key, full=True)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL and shared memory) out of the way; returns the
    new name of the database."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", *_COMPANIONS):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(target.with_name(target.name + suffix))
    log.error("the local database was damaged; moved aside to %s", target)
    return target
