"""The catalog pack on the device: made from a replica, checked as hostile input, copied in.

The exchange with a server (publishing, a first sync that copies the pack in, a position the
server no longer holds) is in ``test_catalog_pack_sync.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sync_engine.client import catalog_pack, cipher, replica, search
from sync_engine.client.errors import SyncCancelled
from sync_engine.client.store import Store, get_meta, set_meta
from sync_engine.protocol import CatalogPackInfo
from tests.client.offline import change, product
from tests.client.search_check import assert_store_search_consistent

NAMES = ("可口可乐", "康师傅红烧牛肉面 110g", "海飞丝洗发水", "农夫山泉 550ml", "奥利奥饼干")
QUERIES = ("可乐", "牛肉面 110", "洗发", "kele", "niurou", "kkkl", "SKU-00", "550ml",
           "6900000000007", "Cola 12")


def _catalog(n: int = 60) -> list[dict[str, Any]]:
    return [change("product", str(pid), product(
        pid, name_zh=f"{NAMES[pid % len(NAMES)]}{pid}", name_en=f"Cola {pid}",
        pinyin="ke'kou'ke'le" if pid % 2 else "niu'rou'mian", initials="kkkl"))
        for pid in range(1, n + 1)]


def _synced_store(folder: Path, changes: list[dict[str, Any]] | None = None) -> Store:
    """A replica as a finished pull leaves it: its catalog applied, a cursor, done."""
    store = Store(folder)
    with store.write() as db:
        replica.apply_changes(db, _catalog() if changes is None else changes, fresh=True)
        set_meta(db, "cursor", "cursor-of-the-last-page")
        set_meta(db, "initial_sync_done", "1")
    return store


def _search(store: Store) -> dict[str, list[int]]:
    with store.read() as db, search.plain_rows(db):
        return {q: search.search_products(db, q) for q in QUERIES}


def _unzipped(made: catalog_pack.Published, folder: Path) -> Path:
    path = folder / "pack.sqlite3"
    path.write_bytes(gzip.decompress(made.path.read_bytes()))
    return path


@pytest.fixture
def made(tmp_path: Path) -> tuple[Store, catalog_pack.Published]:
    store = _synced_store(tmp_path / "source")
    out = tmp_path / "out"
    out.mkdir()
    return store, catalog_pack.export(store, out)


def test_a_pack_copied_into_a_fresh_replica_searches_as_the_replica_it_came_from(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    source, pack = made
    sent = pack.path.read_bytes()
    assert (len(gzip.decompress(sent)), hashlib.sha256(sent).hexdigest()) \
        == (pack.size, pack.sha256)
    assert pack.cursor == "cursor-of-the-last-page"
    fresh = Store(tmp_path / "device")
    with fresh.read() as db:
        assert catalog_pack.schema_id(db) == pack.schema_id
    path = _unzipped(pack, tmp_path)
    catalog_pack.check(path, catalog_pack.expected_definitions(fresh))
    assert catalog_pack.copy_in(fresh, path, "the-position")
    with fresh.read() as db:
        assert get_meta(db, catalog_pack.POSITION) == "the-position"
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 60
    with fresh.write() as db, search.plain_rows(db):  # as the end of the initial sync does
        search.set_bulk_load(db, False)
    assert _search(fresh) == _search(source)
    assert all(_search(fresh)[q] for q in ("可乐", "kele", "SKU-00"))
    assert_store_search_consistent(fresh.path)
    # A product changed after the pack comes by the feed and replaces the copied one.
    with fresh.write() as db:
        replica.apply_changes(db, [change("product", "7", product(7, name_zh="雪碧7"), 2)],
                              fresh=True)
    with fresh.read() as db, search.plain_rows(db):
        assert 7 in search.search_products(db, "雪碧")
        assert 7 not in search.search_products(db, "洗发")
    assert_store_search_consistent(fresh.path)


def test_only_a_replica_done_with_its_pull_makes_a_pack(tmp_path: Path) -> None:
    store = Store(tmp_path / "a")
    with pytest.raises(catalog_pack.SyncError, match="Sync this device fully"):
        catalog_pack.export(store, tmp_path)
    store = _synced_store(tmp_path / "b")
    with store.write() as db:
        set_meta(db, "resync_active", "1")
    with pytest.raises(catalog_pack.SyncError, match="Sync this device fully"):
        catalog_pack.export(store, tmp_path)


def test_a_pack_is_copied_into_a_fresh_replica_only(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    _source, pack = made
    path = _unzipped(pack, tmp_path)
    synced = _synced_store(tmp_path / "synced", _catalog(3))
    assert not catalog_pack.copy_in(synced, path, "p")
    with synced.read() as db:
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 3
        assert get_meta(db, catalog_pack.POSITION) is None


# ------------------------------------------------------------------ hostile packs


def _spoiled(pack: Path, folder: Path, *statements: str) -> Path:
    spoiled = folder / "spoiled.sqlite3"
    spoiled.write_bytes(pack.read_bytes())
    db = sqlite3.connect(spoiled)
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()
    return spoiled


@pytest.mark.parametrize(("statements", "why"), [
    (("CREATE TRIGGER t AFTER INSERT ON products BEGIN DELETE FROM products; END",),
     "other tables"),
    (("CREATE VIEW v AS SELECT 1",), "other tables"),
    (("CREATE TABLE orders (id INTEGER)",), "other tables"),
    (("CREATE INDEX i ON products (sku)",), "other tables"),
    (("ALTER TABLE products ADD COLUMN extra TEXT",), "other tables"),
    (("DROP TABLE product_search_words",), "other tables"),
    (("UPDATE products SET name_zh = x'00ff' WHERE id = 3",), "not sound"),
    (("UPDATE product_search SET rk = 'many' WHERE id = 3",), "not sound"),
    (("DELETE FROM product_search WHERE id = 3",), "not sound"),
    (("INSERT INTO product_search SELECT id + 1000, rk, barcode, han, py, ini, words, head, bi"
      " FROM product_search WHERE id = 1",), "not sound"),
])
def test_a_pack_with_anything_but_sound_catalog_tables_is_refused(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published], statements: tuple[str, ...],
        why: str) -> None:
    _source, pack = made
    fresh = Store(tmp_path / "device")
    spoiled = _spoiled(_unzipped(pack, tmp_path), tmp_path, *statements)
    with pytest.raises(catalog_pack.PackRefused, match=why):
        catalog_pack.check(spoiled, catalog_pack.expected_definitions(fresh))


def test_a_damaged_or_foreign_file_is_refused(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    _source, pack = made
    fresh = Store(tmp_path / "device")
    expected = catalog_pack.expected_definitions(fresh)
    good = _unzipped(pack, tmp_path)
    raw = bytearray(good.read_bytes())
    page = 4096
    raw[page * 3: page * 3 + 64] = b"\xff" * 64  # a page's header torn
    torn = tmp_path / "torn.sqlite3"
    torn.write_bytes(bytes(raw))
    not_sqlite = tmp_path / "text.sqlite3"
    not_sqlite.write_text("hello")
    encrypted = fresh.path  # the replica itself: an encrypted file is not a pack
    for path in (not_sqlite, encrypted):
        with pytest.raises(catalog_pack.PackRefused):
            catalog_pack.check(path, expected)


def test_a_pack_whose_search_index_is_damaged_is_made_again_in_the_upkeep(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    source, pack = made
    fresh = Store(tmp_path / "device")
    spoiled = _spoiled(
        _unzipped(pack, tmp_path), tmp_path,
        "UPDATE product_search_fts_data SET block = zeroblob(length(block))"
        " WHERE id = (SELECT max(id) FROM product_search_fts_data)")
    catalog_pack.check(spoiled, catalog_pack.expected_definitions(fresh))  # (its tables fine)
    assert catalog_pack.copy_in(fresh, spoiled, "p")
    with fresh.read() as db:
        assert "corruption" in (search.check_index(db) or "")
    with fresh.write() as db, search.plain_rows(db):
        search.set_bulk_load(db, False)
    assert catalog_pack.check_copied_index(fresh)  # found damaged, made from the products
    assert _search(fresh) == _search(source)
    assert_store_search_consistent(fresh.path)
    with fresh.read() as db:
        assert search.check_index(db) is None
    assert not catalog_pack.check_copied_index(fresh)  # once
    # A sound one is checked once and left as it is.
    other = Store(tmp_path / "other")
    assert catalog_pack.copy_in(other, _unzipped(pack, tmp_path), "p")
    assert catalog_pack.check_copied_index(other)
    assert not catalog_pack.check_copied_index(other)


def test_a_pack_damaged_where_the_copy_reads_is_not_copied_in(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    _source, pack = made
    fresh = Store(tmp_path / "device")
    good = _unzipped(pack, tmp_path)
    raw = bytearray(good.read_bytes())
    db = sqlite3.connect(good)
    root, = db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'product_search'").fetchone()
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    raw[(root - 1) * page + 100: root * page] = b"\xa5" * (page - 100)  # a b-tree page torn
    torn = tmp_path / "torn.sqlite3"
    torn.write_bytes(bytes(raw))
    with pytest.raises(catalog_pack.PackRefused, match="could not be copied in"):
        catalog_pack.copy_in(fresh, torn, "p")
    with fresh.read() as db:  # nothing of it stayed
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 0
        assert get_meta(db, catalog_pack.POSITION) is None


# ------------------------------------------------------------------ the download


def _info(raw: bytes, **over: Any) -> CatalogPackInfo:
    values: dict[str, Any] = {
        "position": "p", "schema_id": "p1-x",
        "sha256": hashlib.sha256(gzip.compress(raw, mtime=0)).hexdigest(),
        "size": len(raw), "gzip_size": 1, "built_at": datetime.now(UTC)}
    values.update(over)
    return CatalogPackInfo(**values)


def _feeding(body: bytes, chunk: int = 1000) -> Callable[[Callable[[bytes], None]], None]:
    def download(take: Callable[[bytes], None]) -> None:
        for start in range(0, len(body), chunk):
            take(body[start:start + chunk])
    return download


def test_a_download_is_unzipped_as_it_arrives_and_must_be_what_the_server_named(
        tmp_path: Path) -> None:
    raw = bytes(range(256)) * 4000
    body = gzip.compress(raw, mtime=0)
    path = catalog_pack.fetch(_info(raw), tmp_path, _feeding(body))
    assert path.read_bytes() == raw
    assert path.stat().st_mode & 0o077 == 0  # private: the catalog, unencrypted, briefly
    refusals = [
        (_info(raw, sha256="0" * 64), body, "not the one"),
        (_info(raw, size=len(raw) - 1), body, "larger than"),
        (_info(raw, size=len(raw) + 1), body, "not the one"),
        (_info(raw), body[:-20], "not the one"),  # cut short
        (_info(raw), body + body, "after its end"),
        (_info(raw), gzip.compress(raw, mtime=1), "not the one"),  # the same unzipped
        (_info(raw), b"plain bytes, not gzip" * 10, "not a valid gzip"),
    ]
    for info, sent, why in refusals:
        with pytest.raises(catalog_pack.PackRefused, match=why):
            catalog_pack.fetch(info, tmp_path, _feeding(sent))
        assert not (tmp_path / "catalog-pack.sqlite3").exists()


def test_a_bomb_is_stopped_at_the_size_the_server_named(tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * (64 * 2**20))  # 64 MB from 64 KB
    with pytest.raises(catalog_pack.PackRefused, match="larger than"):
        catalog_pack.fetch(_info(b"\0" * 1000), tmp_path, _feeding(bomb, 1 << 16))
    assert not (tmp_path / "catalog-pack.sqlite3").exists()


def test_a_cancelled_download_leaves_nothing(tmp_path: Path) -> None:
    raw = b"x" * 100_000
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SyncCancelled):
        catalog_pack.fetch(_info(raw), tmp_path, _feeding(gzip.compress(raw)), cancel)
    assert not (tmp_path / "catalog-pack.sqlite3").exists()


def test_a_pack_carries_every_table_of_the_catalog_and_its_index(tmp_path: Path) -> None:
    """The tables the owners copy in are all those the schema has for the catalog: a table
    added to it (a new FTS5 option's, say) must be added to the pack too."""
    store = Store(tmp_path)
    with store.read() as db:
        scanned = {name for name, in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND (name = 'products' OR name LIKE 'product\\_search%' ESCAPE '\\')"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")}
    assert set(catalog_pack.pack_tables()) == scanned


def test_the_index_is_checked_beside_a_writer(
        tmp_path: Path, made: tuple[Store, catalog_pack.Published]) -> None:
    """The upkeep's check of a copied index reads (8 s for a million products): a sync or an
    order saved meanwhile does not wait for it, nor it for them."""
    source, _pack = made
    writer = cipher.connect(source.path, source.key)
    writer.isolation_level = None
    writer.execute("PRAGMA busy_timeout=0")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE meta SET value = value WHERE key = 'cursor'")
    try:
        with source.read() as db:
            assert search.check_index(db) is None
    finally:
        writer.execute("ROLLBACK")
        writer.close()
