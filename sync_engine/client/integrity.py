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

The open check is skipped when the file is exactly as this app left it at its last clean
close (:func:`record_clean_close`, called by ``Engine.close`` when the replica was sound):
the marker ``dinghuo.sqlite3.clean`` holds the size, inode, mtime and ctime (in ns) of the
database and its WAL. Opening deletes the marker before anything else, so a crash or a kill
leaves none and the next start checks; any write to the file by anyone (a torn write, a disk
error that SQLite saw, garbage written in) moves its ctime, which ``os.utime`` cannot set back
— only changing the system clock (root) could forge it, and root can read the key anyway.
Damage that no write made (bit rot under an unchanged inode) is left to the scheduled full
check. Encrypted, the quick check costs a decryption of every page: on a 100,000-product
replica (``bench_safety.py``, loaded machine) the open with the marker takes 0.13 ms, without
it 0.32–0.72–0.84 s wall and 0.26 s CPU (plain SQLite: 0.15 s wall, 0.05 s CPU).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

from . import cipher
from .store import DB_FILENAME
from .values import ReplicaRepair

__all__ = ["CLEAN_MARKER", "SQLITE_HEADER", "damage", "full_check", "move_aside", "open_checked",
           "record_clean_close"]

log = logging.getLogger(__name__)

SQLITE_HEADER = cipher.SQLITE_HEADER
_COMPANIONS = ("-wal", "-shm")
CLEAN_MARKER = DB_FILENAME + ".clean"  # the file as a clean close left it (see above)


def _fingerprint(path: Path) -> dict[str, list[int] | None]:
    """What a write to the database or its WAL would change (None: the file is absent)."""
    found: dict[str, list[int] | None] = {}
    for suffix in ("", "-wal"):
        try:
            st = path.with_name(path.name + suffix).stat()
        except FileNotFoundError:
            found[suffix or "db"] = None
            continue
        found[suffix or "db"] = [st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]
    return found


def record_clean_close(data_dir: Path) -> None:
    """After the last connection closed cleanly on a sound replica: remember the file as it
    is, so the next open may skip the quick check if nothing has touched it since."""
    marker = Path(data_dir) / CLEAN_MARKER
    tmp = marker.with_name(marker.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(_fingerprint(Path(data_dir) / DB_FILENAME), f)
    tmp.replace(marker)


def _unchanged_since_clean_close(path: Path) -> bool:
    """True if the marker of a clean close matches the file; the marker is used up either way
    (deleted), so only a clean close writes the next one."""
    marker = path.with_name(CLEAN_MARKER)
    try:
        recorded = json.loads(marker.read_text())
    except (OSError, ValueError):
        recorded = None
    try:
        marker.unlink(missing_ok=True)
    except OSError:
        return False
    return recorded is not None and recorded == _fingerprint(path)


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
    clean = _unchanged_since_clean_close(path)
    if not path.exists():
        if not list_backups(Path(data_dir)):
            return None  # a new device
        reason, moved = "the file is missing", None
    elif clean:
        return None
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
