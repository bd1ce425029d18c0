"""The local SQLite database: where it lives, how it is opened, migrated and written; the
``meta`` table of small sync state (cursor, identity, last error, …); and how JSON and times are
kept in it (:func:`compact_json`, :func:`now_iso`).

One file per installation (``dinghuo.sqlite3`` in the user's data directory unless a directory
is given), in WAL mode so the UI reads while sync writes, encrypted with SQLCipher
(:mod:`.cipher`: every connection is made by :func:`.cipher.connect`; a plain file from before
is encrypted in place when the store opens). SQLAlchemy owns the connections and the
transactions; the code works on the DB-API connection underneath (SQLCipher's, with the
interface of ``sqlite3.Connection``, as the annotations say; rows are :data:`.cipher.Row`),
because bulk ``executemany`` on it is what makes a 100,000-product sync fast.

Transactions: :meth:`Store.write` begins ``IMMEDIATE`` (the write lock is taken at ``BEGIN``, so
two writers never deadlock upgrading a read lock, and an outbox claim is atomic across
processes); :meth:`Store.read` begins a deferred transaction, a consistent snapshot that never
waits for a writer. Alembic migrations run when the store opens.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import json
import logging
import os
import platform
import sqlite3
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import orjson
import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from . import cipher
from .errors import NotFound
from .search_index import ensure_search_index

__all__ = [
    "DB_FILENAME",
    "Store",
    "compact_json",
    "default_data_dir",
    "existing_row",
    "get_meta",
    "make_private_dir",
    "now_iso",
    "return_freed_memory",
    "set_meta",
    "small_cache",
]

log = logging.getLogger(__name__)

DB_FILENAME = "dinghuo.sqlite3"
WAL_CHECKPOINT_BYTES = 32 << 20  # checkpoint when the WAL has grown by this much
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def default_data_dir() -> Path:
    """The per-user data directory (e.g. ``~/.local/share/dinghuo`` on Linux)."""
    return Path(platformdirs.user_data_dir("dinghuo", appauthor=False))


def make_private_dir(path: Path) -> None:
    """Create the data folder readable by its user alone (0700 on POSIX), and make an existing
    one so, with the files in it (0600): customer names, prices and tokens live there."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "posix":
        return
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        path.chmod(0o700)
    for child in path.iterdir():
        try:
            if child.is_dir() and not child.is_symlink():
                if stat.S_IMODE(child.stat().st_mode) & 0o077:
                    child.chmod(0o700)
            elif child.is_file() and stat.S_IMODE(child.stat().st_mode) & 0o077:
                child.chmod(0o600)
        except OSError:
            log.warning("cannot make %s private", child)


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


class CommitHook(Protocol):
    """Something written outside the database with every write transaction (the outbox
    journal): :meth:`capture` runs just before the commit, :meth:`persist` just after it,
    before :meth:`Store.write` returns. ``everything``: the transaction put rows back in the
    outbox's queue (see :meth:`Store.journal_everything`), not only added new ones."""

    def capture(self, db: sqlite3.Connection, *, everything: bool = False) -> Any: ...

    def persist(self, captured: Any) -> None: ...


class Store:
    """The open local database. Thread-safe: each thread gets its own pooled connection."""

    commit_hook: CommitHook | None = None
    damage_seen = False  # a database error that may mean damage came out of a transaction

    def __init__(self, data_dir: Path | str | None = None,
                 key: cipher.DatabaseKey | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        make_private_dir(self.data_dir)
        self.path = self.data_dir / DB_FILENAME
        self.key = key = key if key is not None else cipher.database_key(self.data_dir)
        # From before encryption: the replica, and the copies a restore kept beside it.
        for path in (self.path, *sorted(self.data_dir.glob(f"{DB_FILENAME}.replaced-*"))):
            cipher.encrypt_in_place(path, key)
        if not self.path.exists() and os.name == "posix":
            # SQLite creates the file (and its WAL) with the umask's mode: create it private,
            # the WAL and shared memory files copy the database's permissions.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        path = self.path
        self.engine: Engine = create_engine(
            f"sqlite:///{path}",  # the dialect and pool of a file; the creator opens it
            module=cipher.dbapi,
            creator=lambda: cipher.connect(path, key, check_same_thread=False),
            pool_size=4,
            max_overflow=8,
            # The connection used last is warm: its page cache holds decrypted pages, and an
            # encrypted page read anew costs an HMAC and a decryption (a cold read of the whole
            # 100,000-product replica takes three times as long as a plain one).
            pool_use_lifo=True,
        )
        _configure(self.engine)
        self._bulk_lock = threading.Lock()
        self._bulk_loads = 0
        self._checkpointer: threading.Thread | None = None
        self._this_write = threading.local()  # what the thread's write transaction asks for
        self.migrate()

    # ------------------------------------------------------------------ lifecycle

    def migrate(self) -> None:
        """Bring the database to the newest schema (a no-op when it is there already)."""
        cfg = _alembic_config()
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current != head:
            if current is not None:
                from .backups import backup_file  # the backups module opens stores

                self.engine.dispose()
                backup_file(self.path, self.key, "migration")
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        with self.write() as db:
            ensure_search_index(db)

    def revision(self) -> str | None:
        """The schema revision of the database file."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def close(self) -> None:
        """Close every pooled connection (after a checkpoint :meth:`bulk_load` started)."""
        with self._bulk_lock:
            checkpointer = self._checkpointer
        if checkpointer is not None:
            checkpointer.join()
        self.engine.dispose()

    @contextmanager
    def bulk_load(self) -> Iterator[None]:
        """Write transactions in the block do not checkpoint the WAL; it is checkpointed on a
        background thread when the block ends.

        A checkpoint copies the pages written since the last one from the WAL into the
        database file, and syncs it to disk. Every 32 MB of WAL, as usual, that is a fifth of
        an initial sync (which writes 150 MB for 100,000 products), spent while the user
        waits for the catalog and copying pages that the next page rewrites anyway. Commits
        are as durable either way: they are in the WAL.
        """
        with self._bulk_lock:
            self._bulk_loads += 1
        try:
            yield
        finally:
            with self._bulk_lock:
                self._bulk_loads -= 1
                if self._bulk_loads == 0 and self._checkpointer is None:
                    self._checkpointer = threading.Thread(
                        target=self._checkpoint, name="dinghuo-checkpoint", daemon=True)
                    self._checkpointer.start()

    def _checkpoint(self) -> None:
        try:
            raw = self.engine.raw_connection()
            try:
                db: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
                # PASSIVE: copies everything without waiting for, or blocking, anyone. Then
                # TRUNCATE, which has nothing left to copy, starts the WAL over (the next
                # commit would otherwise checkpoint again, and the file would stay 150 MB); it
                # must not hold up a writer, so it waits for readers only for a moment.
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                db.execute("PRAGMA busy_timeout=100")
                try:
                    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    db.execute("PRAGMA busy_timeout=30000")
            finally:
                raw.close()
        except Exception:
            log.exception("checkpoint after a bulk load failed (the next commit will do it)")
        finally:
            with self._bulk_lock:
                self._checkpointer = None

    # ------------------------------------------------------------------ transactions

    def note_error(self, exc: BaseException) -> None:
        """Remember a database error that may mean a damaged file (anything but a busy or
        locked database): then the replica is not marked cleanly closed, and the next open
        checks it (:mod:`.integrity`)."""
        orig = getattr(exc, "orig", None) or exc
        if isinstance(orig, cipher.DatabaseError) and not any(
                word in str(orig).lower() for word in ("locked", "busy")):
            self.damage_seen = True

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed on exit, rolled back on error."""
        try:
            with self._write() as db:
                yield db
        except Exception as exc:
            self.note_error(exc)
            raise

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self.engine.begin() as conn:
            db: sqlite3.Connection = conn.connection.driver_connection  # type: ignore[assignment]
            # Not during a bulk load, nor while its checkpoint runs (a commit would do it again,
            # in the foreground). The setting belongs to the pooled connection: set it when it
            # must change.
            info = conn.connection.info
            wanted = 0 if self._bulk_loads or self._checkpointer else \
                info["wal_autocheckpoint_usual"]
            if info.get("wal_autocheckpoint") != wanted:
                db.execute(f"PRAGMA wal_autocheckpoint={wanted}")
                info["wal_autocheckpoint"] = wanted
            self._this_write.everything = False
            yield db
            hook = self.commit_hook
            captured = None if hook is None else hook.capture(
                db, everything=self._this_write.everything)
        if hook is not None:
            hook.persist(captured)

    def journal_everything(self) -> None:
        """Have the commit hook take every unsent outbox row at the end of this thread's write
        transaction, not only the rows it added: for a transaction that puts rows already
        sent back in the queue (the server went back in time), which must be journaled too."""
        self._this_write.everything = True

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read-only snapshot (deferred ``BEGIN``); never waits for a writer in WAL mode."""
        try:
            with self.engine.connect().execution_options(dinghuo_read=True) as conn, \
                    conn.begin():
                yield conn.connection.driver_connection  # type: ignore[misc]
        except Exception as exc:
            self.note_error(exc)
            raise

    # ------------------------------------------------------------------ small state

    def get_meta(self, db: sqlite3.Connection, key: str) -> str | None:
        """A value of the sync state (cursor, identity, last error, …), or None."""
        return get_meta(db, key)

    def set_meta(self, db: sqlite3.Connection, key: str, value: str | None) -> None:
        """Set (or with None, remove) a value of the sync state, in the caller's transaction."""
        set_meta(db, key, value)

    def get_json(self, db: sqlite3.Connection, key: str) -> Any:
        """A JSON value of the sync state, or None."""
        text = get_meta(db, key)
        return None if text is None else json.loads(text)


def get_meta(db: sqlite3.Connection, key: str) -> str | None:
    """A value of the ``meta`` table, or None."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0]) if row[0] is not None else None


def set_meta(db: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set (or with None, remove) a value of the ``meta`` table, in the caller's transaction."""
    if value is None:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


SMALL_CACHE_KIB = 2048
"""The page cache of a connection in :func:`small_cache` (the usual one: 32 MB)."""


@contextmanager
def small_cache(db: sqlite3.Connection) -> Iterator[None]:
    """``db``'s page cache cut to :data:`SMALL_CACHE_KIB` for the block, then back to its size.

    Cutting it frees the pages beyond the new size at once, and they go back to the operating
    system (:func:`return_freed_memory`, with what else the process freed before); putting it
    back allocates nothing (the cache grows again as reads need it). For work that reads or
    writes much of the file once, which a large cache does not speed up, where the memory it
    holds raises the process's peak:

    - the end of an initial sync, where the search index's barcode index is made: that sorts
      every barcode in memory (SQLCipher keeps temporary data in memory, never in a plain
      file: 45 MB at a million products), and on top of the 32 MB cache of the pages just
      written it was the client's peak memory. Freed first, the cache's memory is the sort's
      (on the same thread, so from the same malloc arena) in part; the sort's larger blocks
      fit neither it nor what the pages' decoded rows had freed, and took the client from
      258 to 281 MB at a million products (270 with both given back first);
    - a backup (:func:`.backups.make_backup`), which reads every page of the file once, then
      checks the copy with a connection of its own and the same 32 MB cache: in the upkeep
      after an initial sync, the replica's connection held 32 MB of the search index's
      merged pages beside the check's cache (30 MB more at a million products). Cut, its
      memory is the check's. (Not for the merge itself: its steps with a 2 MB cache took half
      as long again.)
    """
    size = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size=-{SMALL_CACHE_KIB}")
    return_freed_memory()
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size={size}")


def return_freed_memory() -> None:
    """Give the operating system back the memory the process has freed but its allocator
    keeps (glibc's ``malloc_trim``; elsewhere nothing to do).

    glibc returns freed memory to the system only from the top of its heaps; what is freed
    below memory still in use stays resident, kept for later allocations that rarely fit it.
    After an initial sync of a million products that was 55 MB of the client's 255 (the pages'
    decoded rows, freed across the sync's threads' heaps), and what came after allocated anew
    on top of it: the barcode index's sort (see :func:`small_cache`), and the upkeep's page
    caches (the merge's, the backup check's), which took the client to 305 MB. A few
    milliseconds (it walks the heaps' free lists): :func:`small_cache` calls it, and
    ``Engine.maintain`` first thing after every round."""
    if _GLIBC:
        ctypes.CDLL(None).malloc_trim(0)


_GLIBC = platform.libc_ver()[0] == "glibc"


def existing_row(db: sqlite3.Connection, table: str, row_id: str, what: str) -> sqlite3.Row:
    """The row ``row_id`` of ``table``, or :class:`.errors.NotFound` naming it as ``what``."""
    row: sqlite3.Row | None = db.execute(f"SELECT * FROM {table} WHERE id = ?",
                                         (row_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no {what} {row_id} on this device.")
    return row


def compact_json(value: Any) -> str:
    """JSON text without spaces, non-ASCII kept, anything else (Decimal) as ``str``: how server
    states and answers are kept locally. orjson: a push's answers are recorded while the next
    batch is out, and the standard library took a third of that time."""
    return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()


def now_iso() -> str:
    """The current UTC time, ISO 8601 (local bookkeeping only; never used for ordering)."""
    return dt.datetime.now(dt.UTC).isoformat()


def _configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        # SQLAlchemy (not the driver) decides when transactions begin.
        dbapi_conn.isolation_level = None
        dbapi_conn.row_factory = cipher.Row
        # The page size (16 KB: a catalog's long rows and index texts in fewer pages and WAL
        # frames than 4 KB ones, and its initial sync does less work) is set by the connection
        # factory, with the key.
        dbapi_conn.execute("PRAGMA journal_mode=WAL")
        # FULL in WAL mode: the WAL is synced at every commit, so a commit survives a power cut
        # too, not only a crash of the program (NORMAL may lose the last commits then).
        dbapi_conn.execute("PRAGMA synchronous=FULL")
        dbapi_conn.execute("PRAGMA busy_timeout=30000")
        # A 100,000-product sync rewrites the same B-tree pages page after page: a bigger page
        # cache and fewer, larger checkpoints keep them in memory (a third less time in W1).
        dbapi_conn.execute("PRAGMA cache_size=-32768")
        page_size = int(dbapi_conn.execute("PRAGMA page_size").fetchone()[0])
        pages = WAL_CHECKPOINT_BYTES // page_size
        dbapi_conn.execute(f"PRAGMA wal_autocheckpoint={pages}")
        record.info["wal_autocheckpoint"] = record.info["wal_autocheckpoint_usual"] = pages
        # SQLite reuses a WAL file from its start once every page in it is checkpointed, but
        # never shrinks it: after an initial sync whose closing TRUNCATE met a reader (the user
        # searching), the 250 MB a 100,000-product sync wrote stayed on the laptop's disk.
        # With a limit, the file is cut back to it whenever the WAL starts over.
        dbapi_conn.execute(f"PRAGMA journal_size_limit={WAL_CHECKPOINT_BYTES}")
        dbapi_conn.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get("dinghuo_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
