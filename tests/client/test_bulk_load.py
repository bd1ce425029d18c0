"""The initial sync as a bulk load: multi-row writes, the pipeline of threads, the interpreter,
WAL and index settings it changes for a while, and what an interruption leaves."""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from sync_engine.client import backups, replica, search, sync
from sync_engine.client.bulk_insert import insert_rows
from sync_engine.client.cipher import PAGE_SIZE, dbapi
from sync_engine.client.engine import Engine
from sync_engine.client.store import WAL_CHECKPOINT_BYTES, Store
from tests.client.offline import change, offline_engine, product
from tests.client.search_check import assert_store_search_consistent


def test_insert_rows_writes_every_row_in_statements_of_bounded_size(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "t.db")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, version INTEGER)")
    rows = [(i, f"n{i}", 1) for i in range(1, 1235)]
    seen: list[str] = []
    db.set_trace_callback(seen.append)
    assert insert_rows(db, "INSERT INTO t (id, name, version) VALUES", rows) == 1234
    db.set_trace_callback(None)
    assert 1 < len([s for s in seen if s.startswith("INSERT")]) < 10
    assert db.execute("SELECT COUNT(*), SUM(id) FROM t").fetchone() == (1234, 1234 * 1235 // 2)
    # A tail (an upsert) applies row after row, duplicates within one statement included.
    upsert = ("ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version"
              " WHERE excluded.version >= t.version")
    assert insert_rows(db, "INSERT INTO t (id, name, version) VALUES",
                       [(1, "new", 2), (1, "old", 1), (2, "b", 3), (2, "c", 3)], upsert) == 4
    assert db.execute("SELECT name, version FROM t WHERE id IN (1, 2) ORDER BY id").fetchall() \
        == [("new", 2), ("c", 3)]
    assert insert_rows(db, "INSERT INTO t (id, name, version) VALUES", []) == 0
    assert insert_rows(db, "INSERT INTO t (id, name, version) VALUES",
                       (r for r in [(5000, "gen", 1)])) == 1
    db.close()


def _autocheckpoint(store: Store) -> int:
    with store.write() as db:
        return int(db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def test_a_bulk_load_checkpoints_once_in_the_background(tmp_path: Path) -> None:
    store = Store(tmp_path)
    with store.read() as db:
        assert int(db.execute("PRAGMA page_size").fetchone()[0]) == PAGE_SIZE
    usual = WAL_CHECKPOINT_BYTES // PAGE_SIZE
    assert _autocheckpoint(store) == usual
    with store.bulk_load():
        assert _autocheckpoint(store) == 0
        with store.write() as db:
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                           [(f"k{i}", "x" * 2000) for i in range(3000)])
        assert (tmp_path / "dinghuo.sqlite3-wal").stat().st_size > 4_000_000
    store.close()  # waits for the checkpoint, which starts the WAL over
    assert (tmp_path / "dinghuo.sqlite3-wal").stat().st_size < 1_000_000 \
        if (tmp_path / "dinghuo.sqlite3-wal").exists() else True
    again = Store(tmp_path)
    assert _autocheckpoint(again) == usual
    with again.read() as db:
        assert db.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'").fetchone()[0] == 3000
    again.close()


def test_a_wal_left_large_by_a_bulk_load_shrinks_when_it_starts_over(tmp_path: Path) -> None:
    """The checkpoint after a bulk load cannot truncate the WAL while a reader is in it (the
    user searching during the initial sync). SQLite then reuses the file from its start once
    everything in it is checkpointed, and cuts it back to the limit when it does."""
    store = Store(tmp_path)
    wal = tmp_path / "dinghuo.sqlite3-wal"
    reading = threading.Event()
    done = threading.Event()

    def reader() -> None:
        with store.read() as db:
            db.execute("SELECT COUNT(*) FROM meta").fetchone()
            reading.set()
            done.wait(30)

    with store.bulk_load():
        with store.write() as db:
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                           [(f"k{i}", "x" * 4000) for i in range(12_000)])
        thread = threading.Thread(target=reader)
        thread.start()
        assert reading.wait(30)
    checkpointer = store._checkpointer
    if checkpointer is not None:
        checkpointer.join(30)
    done.set()
    thread.join(30)
    assert wal.stat().st_size > WAL_CHECKPOINT_BYTES  # the reader kept TRUNCATE from it
    raw = store.engine.raw_connection()  # as the next commit's automatic checkpoint does
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")  # type: ignore[union-attr]
    finally:
        raw.close()
    with store.write() as db:  # all of it is checkpointed: this write starts the WAL over
        db.execute("INSERT INTO meta (key, value) VALUES ('after', 'x')")
    assert wal.stat().st_size <= WAL_CHECKPOINT_BYTES
    with store.read() as db:
        assert db.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'").fetchone()[0] == 12_000
    store.close()


def test_a_pull_restores_the_interpreter_settings_it_changes() -> None:
    interval = sys.getswitchinterval()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), sync._bulk_work():
        assert not gc.isenabled()
        with sync._bulk_work():  # a second pull at the same time
            pass
        assert not gc.isenabled()  # still the first one's
        raise RuntimeError("a failed pull")
    assert gc.isenabled() and sys.getswitchinterval() == interval
    gc.disable()
    try:
        with sync._bulk_work():
            pass
        assert not gc.isenabled()  # whoever had turned it off keeps it off
    finally:
        gc.enable()


def test_opening_a_store_finishes_what_an_interrupted_bulk_load_left(tmp_path: Path) -> None:
    engine = offline_engine(tmp_path / "dev")
    with engine.store.write() as db, search.plain_rows(db):  # killed in the middle of a bulk load
        search.set_bulk_load(db, True)
    engine.close()
    with Engine(tmp_path / "dev") as engine:  # opening it: no rebuild, the index made again
        assert [p.id for p in engine.search_products("6900000000001")] == [1]
        with engine.store.read() as db:
            assert db.execute("SELECT 1 FROM sqlite_master"
                              " WHERE name = 'product_search_barcode'").fetchone()
            assert db.execute("SELECT v FROM product_search_fts_config WHERE k = 'automerge'"
                              ).fetchone()[0] == 4
    assert_store_search_consistent(tmp_path / "dev" / "dinghuo.sqlite3")


class _Pages:
    """A server whose pull pages are given (bytes), one per cursor; the rest is not called."""

    def __init__(self, pages: list[dict[str, Any]]) -> None:
        import json
        self.bodies = {None if i == 0 else f"c{i}": json.dumps(p).encode()
                       for i, p in enumerate(pages)}
        self.asked: list[str | None] = []

    def pull_body(self, token: str, cursor: str | None, limit: int,
                  last_applied: str | None = None,
                  highest_number: int | None = None, catalog_from: str | None = None) -> bytes:
        self.asked.append(cursor)
        return self.bodies[cursor]

    def catalog_pack_info(self, token: str) -> None:
        return None  # no pack: the catalog comes in these pages


class _Auth:
    def token(self) -> str:
        return "t"


def _page(n: int, changes: list[dict[str, Any]], more: bool) -> dict[str, Any]:
    return {"changes": changes, "cursor": f"c{n + 1}", "has_more": more, "resync": False,
            "resync_reason": None, "server_time": "2026-11-25T08:00:00+00:00"}


def _syncer(store: Store, pages: list[dict[str, Any]]) -> tuple[sync.Syncer, _Pages]:
    api = _Pages(pages)
    return sync.Syncer(store, api, _Auth(), "me"), api  # type: ignore[arg-type]


def test_an_initial_sync_in_pages_ends_with_a_whole_index(tmp_path: Path) -> None:
    store = Store(tmp_path)
    pages = [_page(n, [change("product", str(p), product(p)) for p in range(n * 50 + 1,
                                                                        n * 50 + 51)], n < 5)
             for n in range(6)]
    pages[3]["changes"].append(change("product", "7", product(7, name_zh="雪碧", pinyin="xue'bi",
                                                               initials="xb"), version=2))
    pages[4]["changes"].append(change("product", "8", None, op="delete"))
    syncer, api = _syncer(store, pages)
    counts = sync.Counts()
    syncer.pull(counts)
    assert counts.pages == 6 and api.asked == [None, "c1", "c2", "c3", "c4", "c5"]
    with store.read() as db, search.plain_rows(db):
        assert db.execute("SELECT COUNT(*) FROM products").fetchone()[0] == 299
        assert search.search_products(db, "雪碧") == [7]
        assert search.search_products(db, "SKU-0008") == []
        assert search.search_products(db, "6900000000300") == [300]
        assert db.execute("SELECT v FROM product_search_fts_config WHERE k = 'automerge'"
                          ).fetchone() == (4,)
    store.close()
    assert_store_search_consistent(tmp_path / "dinghuo.sqlite3")


def _segments(db: Any) -> int:
    return int(db.execute("SELECT count(DISTINCT segid) FROM product_search_fts_idx"
                          ).fetchone()[0])


def _loaded_in_six_pages(tmp_path: Path) -> Store:
    """A replica filled by an initial sync of 300 products in six pages (a search index
    segment per page, left for the upkeep to merge)."""
    store = Store(tmp_path)
    pages = [_page(n, [change("product", str(p), product(p)) for p in range(n * 50 + 1,
                                                                        n * 50 + 51)], n < 5)
             for n in range(6)]
    syncer, _ = _syncer(store, pages)
    syncer.pull(sync.Counts())
    return store


def test_the_upkeep_after_an_initial_sync_merges_its_index(tmp_path: Path) -> None:
    # The sync returns with a segment per page (searchable as it is); the upkeep the app runs
    # after it merges them into one, and leaves an everyday index alone.
    store = _loaded_in_six_pages(tmp_path)
    with store.read() as db, search.plain_rows(db):
        assert _segments(db) == 6
        found = search.search_products(db, "SKU", limit=500)
        assert len(found) == 300
    store.close()
    engine = Engine(tmp_path)
    try:
        engine.maintain()
        with engine.store.read() as db, search.plain_rows(db):
            assert _segments(db) == 1
            assert search.search_products(db, "SKU", limit=500) == found
        with engine.store.write() as db:
            replica.apply_changes(db, [change("product", "7", product(
                7, name_zh="雪碧", pinyin="xue'bi", initials="xb"), version=2)])
        with engine.store.read() as db:
            everyday = _segments(db)
        assert 1 < everyday <= 4
        engine.maintain()
        with engine.store.read() as db, search.plain_rows(db):
            assert _segments(db) == everyday  # not the whole index rewritten for one rename
            assert search.search_products(db, "雪碧") == [7]
    finally:
        engine.close()
    assert_store_search_consistent(tmp_path / "dinghuo.sqlite3")


def test_the_upkeep_gives_way_between_its_steps(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # A sync asked for behind the upkeep (or the app quitting) sets ``stop``: the upkeep ends
    # after the merge step it is in, before the backup; the rest stays due for a later round.
    store = _loaded_in_six_pages(tmp_path)
    store.close()
    engine = Engine(tmp_path)
    try:
        stop = threading.Event()
        stop.set()
        assert engine.maintain(stop=stop) is False  # asked to give way before it began
        with engine.store.read() as db:
            assert _segments(db) == 6
        assert backups.list_backups(tmp_path) == []

        steps: list[int] = []
        merge_index = search.merge_index

        def one_step_then_stop(db: Any, pages: int = 10) -> bool:  # small steps: several
            steps.append(_segments(db))
            stop.set()  # a sync is asked for while this step runs
            return merge_index(db, pages)

        stop = threading.Event()
        monkeypatch.setattr(search, "merge_index", one_step_then_stop)
        assert engine.maintain(stop=stop) is False
        assert len(steps) == 1  # the step it was in, then no other
        with engine.store.read() as db, search.plain_rows(db):
            assert search.merge_due(db)  # still due
            assert len(search.search_products(db, "SKU", limit=500)) == 300  # searchable
        assert backups.list_backups(tmp_path) == []  # the backup waits too
        monkeypatch.undo()

        assert engine.maintain(stop=threading.Event()) is True  # a later round: the rest
        with engine.store.read() as db:
            assert _segments(db) == 1
        assert len(backups.list_backups(tmp_path)) == 1
    finally:
        engine.close()
    assert_store_search_consistent(tmp_path / "dinghuo.sqlite3")


@pytest.mark.parametrize(("broken", "error"), [
    ({"sku": None}, KeyError),  # found while the page is prepared
    ({"tax_rate": None}, dbapi.IntegrityError),  # found while the writer writes it
])
def test_a_page_that_cannot_be_written_stops_the_pull_with_its_error(
    tmp_path: Path, broken: dict[str, Any], error: type[Exception],
) -> None:
    store = Store(tmp_path)
    bad = product(60, **broken)
    if broken.get("sku", "") is None:
        del bad["sku"]
    pages = [_page(0, [change("product", "1", product(1))], True),
             _page(1, [change("product", "60", bad)], True),
             _page(2, [change("product", "2", product(2))], False)]
    syncer, _api = _syncer(store, pages)
    with pytest.raises(error):
        syncer.pull(sync.Counts())
    with store.read() as db:
        assert store.get_meta(db, "cursor") == "c1"  # the first page, nothing after it
        assert [r[0] for r in db.execute("SELECT id FROM products")] == [1]
        # Not left in bulk-load mode while the app goes on without the rest.
        assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'product_search_barcode'"
                          ).fetchone()
        assert db.execute("SELECT v FROM product_search_fts_config WHERE k = 'automerge'"
                          ).fetchone()[0] == 4
    store.close()
    assert_store_search_consistent(tmp_path / "dinghuo.sqlite3")


def test_a_pull_stops_when_its_cursor_was_moved_under_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    pages = [_page(0, [change("product", "1", product(1))], True),
             _page(1, [change("product", "2", product(2))], False)]
    syncer, _api = _syncer(store, pages)
    written = threading.Event()
    original = syncer._write_page

    def write_then_move(*args: Any, **kwargs: Any) -> bool:
        done = original(*args, **kwargs)
        if not written.is_set():
            written.set()
            with store.write() as db:  # another instance pulled meanwhile
                store.set_meta(db, "cursor", "elsewhere")
        return done

    syncer._write_page = write_then_move  # type: ignore[method-assign]
    syncer.pull(sync.Counts())
    with store.read() as db:
        assert store.get_meta(db, "cursor") == "elsewhere"
        assert [r[0] for r in db.execute("SELECT id FROM products")] == [1]
    store.close()
    assert_store_search_consistent(tmp_path / "dinghuo.sqlite3")


def test_an_initial_sync_makes_the_search_vocabulary_on_the_pulling_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Python work without the database, done while the writer writes the page before.
    threads: list[str] = []
    vocabulary = search._vocabulary

    def noting_the_thread(texts: Any) -> set[str]:
        threads.append(threading.current_thread().name)
        return vocabulary(texts)

    monkeypatch.setattr(search, "_vocabulary", noting_the_thread)
    store = Store(tmp_path)
    pages = [_page(0, [change("product", "1", product(1))], True),
             _page(1, [change("product", "2", product(2, name_en="Sprite 330ml"))], False)]
    syncer, _api = _syncer(store, pages)
    syncer.pull(sync.Counts())
    assert threads == [threading.current_thread().name] * 2
    with store.read() as db:
        words = sorted(r[0] for r in db.execute("SELECT word FROM product_search_words"))
    assert words == ["1", "330ml", "cola", "sprite", "¤sku"]
    store.close()
