"""The catalog pack: a device's first sync copies the catalog in instead of building it.

A first sync of 100,000 products spent most of its time turning each product into search-index
rows and FTS5 entries — the same work on every device, for the same catalog. The pack is that
work done once: the catalog tables of a replica (``products`` and the search index's tables,
its FTS5 index merged) exported as a plain SQLite file at the replica's cursor, gzipped and
published to the server by an admin's device (:func:`export`, ``dinghuo-cli catalog-pack``).
A fresh device downloads it (:func:`fetch`), checks it as the hostile input it may be
(:func:`check`), copies it into its encrypted replica in one transaction (:func:`copy_in`), and
pulls everything else with ``catalog_from``: the server leaves out the product changes the pack
already holds, and sends those made since (PROTOCOL.md, "Catalog pack").

Nothing here is a second way to apply a change: the pack's rows are what a replica's own pull
wrote (:mod:`.replica`, :mod:`.search`), copied table to table, and every change after the
pack's position comes through the feed as always. A pack that cannot be used — none offered,
made with another schema, too large, damaged, refused by the checks — leaves the device to pull
the catalog as before; and a position the server no longer holds (restored, failed over) is
answered with a resync, which replaces the whole replica from the feed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import re
import shutil
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sync_engine.protocol import CatalogPackInfo

from . import cipher, replica, search
from .errors import SyncCancelled, SyncError
from .search_index import rebuild_search_index
from .store import Store, get_meta, set_meta

__all__ = [
    "MAX_PACK_BYTES",
    "PackRefused",
    "Published",
    "check",
    "check_copied_index",
    "copy_in",
    "downloaded",
    "expected_definitions",
    "export",
    "fetch",
    "pack_tables",
    "room_for",
    "schema_id",
]

log = logging.getLogger(__name__)

MAX_PACK_BYTES = 8 * 2**30
"""The largest pack (unzipped) a device takes: a million products make about 1.2 GB."""

POSITION = "catalog_pack_position"
"""Meta: the position of the pack copied in, until the first page of the pull is written."""

UNCHECKED = "catalog_pack_index_unchecked"
"""Meta: the search index came with a pack and FTS5 has not checked it yet (the upkeep does)."""

REFUSED = "catalog_pack_refused"
"""Meta: the sha256 of a pack this device refused (it is not downloaded again)."""

_DOWNLOAD = "catalog-pack.sqlite3"
_CHUNK = 1 << 20


class PackRefused(SyncError):
    """A pack that must not be copied in (damaged, not ours, not what the server said)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "catalog_pack_refused")


# ------------------------------------------------------------------ what a pack holds


def pack_tables() -> tuple[str, ...]:
    """The replica's tables a pack carries: the products (:mod:`.replica`'s) and the search
    index's (:mod:`.search`'s, FTS5's own tables of the full-text index among them), each
    copied in by its owner."""
    return replica.CATALOG_TABLES + search.INDEX_TABLES


def _definitions(db: sqlite3.Connection, schema: str = "main") -> dict[str, str]:
    """Every table's and index's ``(type, name) -> sql`` in ``schema``."""
    return {f"{kind} {name}": sql or "" for kind, name, sql in db.execute(
        f"SELECT type, name, sql FROM {schema}.sqlite_master")}


def schema_id(db: sqlite3.Connection) -> str:
    """What a pack made from this replica's schema is named by: a hash of the definitions of
    the tables it carries and of the FTS5 table (its tokenizer and options decide what the
    index's bytes mean). A device with another one pulls the catalog instead."""
    tables = pack_tables()
    marks = ",".join("?" * len(tables))
    text = "\n".join(sql for sql, in db.execute(
        f"SELECT sql FROM sqlite_master WHERE name IN ({marks}, 'product_search_fts')"
        " ORDER BY name", tables))
    return "p1-" + hashlib.sha256(text.encode()).hexdigest()[:32]


# ------------------------------------------------------------------ making one


@dataclass(frozen=True, slots=True)
class Published:
    """A pack made by :func:`export`: the gzipped file, and what the upload names."""

    path: Path
    cursor: str
    schema_id: str
    sha256: str
    size: int


def export(store: Store, folder: Path) -> Published:
    """Write this replica's catalog as a pack into ``folder`` (``catalog-pack.sqlite3.gz``).

    The replica must have finished a pull (its cursor names where its products stand, and the
    server checks it is this user's and this database's). The search index is merged first,
    so every device starts with a merged one. Raises :class:`SyncError` when the replica is
    not ready (never synced, in the middle of a resync)."""
    with store.read() as db:
        if get_meta(db, "initial_sync_done") != "1" or get_meta(db, "resync_active") == "1":
            raise SyncError("Sync this device fully before making a catalog pack.",
                            "not_synced")
    while True:
        with store.write() as db, search.plain_rows(db):
            if not search.merge_index(db):
                break
    raw = folder / _DOWNLOAD
    raw.unlink(missing_ok=True)
    db = _open(store)
    try:
        db.execute("ATTACH ? AS pack KEY ''", (str(raw),))
        db.execute("BEGIN")  # one snapshot: the cursor and the rows it vouches for
        cursor = get_meta(db, "cursor")
        if cursor is None or get_meta(db, "resync_active") == "1":
            raise SyncError("Sync this device fully before making a catalog pack.",
                            "not_synced")
        identity = schema_id(db)
        for name in pack_tables():
            sql, = db.execute("SELECT sql FROM main.sqlite_master WHERE name = ?",
                              (name,)).fetchone()
            # (SQLite keeps the text as written, less "pack.": the same definition)
            db.execute(re.sub(rf"^(CREATE TABLE\s+)(['\"]?){name}\2", rf"\1pack.\2{name}\2",
                              sql, count=1))
            db.execute(f"INSERT INTO pack.{name} SELECT * FROM main.{name}")
        db.execute("COMMIT")
        db.execute("DETACH pack")
    finally:
        db.close()
    zipped = folder / f"{_DOWNLOAD}.gz"
    with raw.open("rb") as source, gzip.open(zipped, "wb", compresslevel=6) as out:
        shutil.copyfileobj(source, out, _CHUNK)
    size = raw.stat().st_size
    raw.unlink()
    digest = hashlib.sha256()
    with zipped.open("rb") as sent:
        while chunk := sent.read(_CHUNK):
            digest.update(chunk)
    return Published(zipped, cursor, identity, digest.hexdigest(), size)


def _open(store: Store) -> sqlite3.Connection:
    """A connection of its own to the replica (ATTACH needs one outside a transaction)."""
    db: sqlite3.Connection = cipher.connect(store.path, store.key)
    db.isolation_level = None
    db.execute("PRAGMA busy_timeout=30000")
    db.execute("PRAGMA trusted_schema=OFF")
    return db


# ------------------------------------------------------------------ taking one


def fetch(info: CatalogPackInfo, folder: Path,
          download: Callable[[Callable[[bytes], None]], None],
          cancel: threading.Event | None = None) -> Path:
    """Download the pack ``info`` names into ``folder`` (``download`` feeds the gzipped
    bytes, chunk by chunk, to the function it is given), unzipped as it arrives: never more
    than ``info.size`` bytes written; what came must hash to ``info.sha256``. Returns the file;
    raises :class:`PackRefused` (the file removed) when what came is not what was named."""
    path = folder / _DOWNLOAD
    unzip = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    digest = hashlib.sha256()
    written = 0

    def take(chunk: bytes) -> None:
        nonlocal written
        if cancel is not None and cancel.is_set():
            raise SyncCancelled()
        if unzip.eof:
            raise PackRefused("The catalog pack has data after its end.")
        digest.update(chunk)  # (of the bytes sent: a sixth of the unzipped ones to hash)
        while chunk:
            try:
                piece = unzip.decompress(chunk, _CHUNK)
            except zlib.error as exc:
                raise PackRefused("The catalog pack is not a valid gzip file.") from exc
            written += len(piece)
            if written > info.size:
                raise PackRefused("The catalog pack is larger than the server said.")
            out.write(piece)
            chunk = unzip.unconsumed_tail
            if unzip.eof and (chunk or unzip.unused_data):
                raise PackRefused("The catalog pack has data after its end.")

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            download(take)
        if not unzip.eof or written != info.size or digest.hexdigest() != info.sha256:
            raise PackRefused("The catalog pack is not the one the server named.")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def check(path: Path, expected: dict[str, str]) -> None:
    """Refuse a pack file that is anything but the catalog tables ``expected`` (the replica's
    own ``(type, name) -> sql`` of them) holding sound rows: it came from outside.

    - exactly those tables, each defined as the replica defines it, and nothing else (no
      trigger, view or index that could run or hide anything when it is read);
    - (a damaged file is found by the copy, which reads every page: :func:`copy_in`);
    - every value of the type its column declares, and a search row for each product and
      for nothing else.
    The FTS5 index's own consistency is checked in the upkeep after the sync
    (:func:`check_copied_index`)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise PackRefused("The catalog pack cannot be opened.") from exc
    try:
        db.execute("PRAGMA trusted_schema=OFF")
        db.execute("PRAGMA cell_size_check=ON")
        found = _definitions(db)
        extra = {k for k, sql in found.items()
                 if k not in expected and not (k.startswith("index sqlite_autoindex_")
                                               and sql == "")}
        if extra or any(found.get(k) != sql for k, sql in expected.items()):
            raise PackRefused("The catalog pack holds other tables than the catalog's.")
        bad, = db.execute(
            f"SELECT {_mistyped(db, 'products')} + {_mistyped(db, 'product_search')}"
            " + (SELECT count(*) FROM product_search s"
            "    WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.id))"
            " + (SELECT count(*) FROM products p"
            "    WHERE NOT EXISTS (SELECT 1 FROM product_search s WHERE s.id = p.id))"
        ).fetchone()
        if bad:
            raise PackRefused("The catalog pack's rows are not sound.")
    except sqlite3.Error as exc:
        raise PackRefused(f"The catalog pack cannot be read ({exc}).") from exc
    finally:
        db.close()


_BROKEN = ("corrupt", "malformed", "constraint", "fts5")


def _the_packs_fault(exc: Exception) -> bool:
    """Whether a database error reading what a pack brought is the pack's fault (damage),
    not the replica's (busy, disk full, …)."""
    return any(word in str(exc).lower() for word in _BROKEN)

_TYPES = {"INTEGER": "integer", "TEXT": "text"}


def _mistyped(db: sqlite3.Connection, table: str) -> str:
    """An expression counting the rows of ``table`` with a value not of its column's type
    (SQLite keeps a blob, say, in a TEXT column: the app reads text there)."""
    tests = [f"typeof({name}) NOT IN ('{_TYPES[kind]}', 'null')"
             for _cid, name, kind, *_ in db.execute(f"PRAGMA table_info({table})")
             if kind in _TYPES]
    return f"(SELECT count(*) FROM {table} WHERE {' OR '.join(tests)})"


def copy_in(store: Store, path: Path, position: str) -> bool:
    """Copy the pack at ``path`` (checked) into the replica in one transaction, its
    ``position`` kept for the pull (meta ``catalog_pack_position``). False, nothing written,
    when the replica is no longer fresh (another sync filled it meanwhile). Raises
    :class:`PackRefused` when reading the pack finds it damaged (nothing written)."""
    db = _open(store)
    try:
        db.execute("PRAGMA cell_size_check=ON")  # (every page of the pack is read here)
        db.execute("ATTACH ? AS pack KEY ''", (f"{path}",))
        db.execute("BEGIN IMMEDIATE")
        try:
            if get_meta(db, "cursor") is not None or get_meta(db, "initial_sync_done") == "1" \
                    or db.execute("SELECT 1 FROM products LIMIT 1").fetchone() is not None:
                db.execute("ROLLBACK")
                return False
            replica.copy_catalog(db)
            search.copy_index(db)
            set_meta(db, POSITION, position)
            set_meta(db, UNCHECKED, "1")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        db.execute("DETACH pack")
    except cipher.DatabaseError as exc:
        if not _the_packs_fault(exc):
            raise
        raise PackRefused(f"The catalog pack could not be copied in ({exc}).") from exc
    finally:
        db.close()
    return True


def check_copied_index(store: Store) -> bool:
    """FTS5's check of a search index that came with a pack (see :func:`copy_in`), once, in
    the upkeep, in a read snapshot (writes go on meanwhile): a damaged one is made again from
    the products (what a pull would have made), and the pack's fault logged. Returns whether
    it checked one."""
    with store.read() as db:
        if get_meta(db, UNCHECKED) is None:
            return False
        try:
            problem = search.check_index(db)
        except cipher.DatabaseError as exc:
            if not _the_packs_fault(exc):
                raise
            problem = str(exc)
    with store.write() as db:
        if problem is not None:
            log.error("the catalog pack's search index is damaged (%s): made again from the "
                      "products", problem)
            rebuild_search_index(db)
        set_meta(db, UNCHECKED, None)
    return True


@contextlib.contextmanager
def downloaded(folder: Path) -> Iterator[None]:
    """Removes the unzipped pack when the block ends: a first sync's attempt wraps its use of
    a pack in it, so what a crash left of one goes at the next attempt."""
    try:
        yield
    finally:
        (folder / _DOWNLOAD).unlink(missing_ok=True)


def expected_definitions(store: Store) -> dict[str, str]:
    """The replica's own definitions of the tables a pack carries (what :func:`check` holds a
    pack to)."""
    with store.read() as db:
        tables = set(pack_tables())
        return {k: sql for k, sql in _definitions(db).items()
                if k.startswith("table ") and k.removeprefix("table ") in tables}


def room_for(folder: Path, size: int) -> bool:
    """Whether the disk holds the unzipped pack and its copy in the replica, with room left."""
    return shutil.disk_usage(folder).free > 2 * size + 256 * 2**20
