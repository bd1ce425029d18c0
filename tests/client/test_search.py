"""Local product search: every query kind, ranking, maintenance and hostile input."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_engine.client.search import (
    create_search_schema,
    index_products,
    merge_index,
    remove_products,
    search_products,
    set_bulk_load,
)
from sync_engine.domain.search_keys import search_keys
from tests.client.search_check import assert_search_index_consistent
from tests.support.scripts import load_script


def _load_catalog_gen() -> Any:
    """tests/perf is not a package (and not collected); load the generator by path."""
    return load_script(Path(__file__).resolve().parents[1] / "perf" / "catalog_gen.py")


# id, sku, barcode, name_zh, name_en, active
_HAND_MADE = [
    (1, "BEV-000001", "6901234567892", "可口可乐 330ml 罐装", "Coca-Cola 330ml Can", True),
    (2, "BEV-000002", "6901234567809", "可口可乐零度 500ml", "Coca-Cola Zero 500ml", True),
    (3, "BEV-000003", None, "百事可乐 330ml", "Pepsi Cola 330ml", True),
    (4, "NDL-000004", "6920152400012", "康师傅红烧牛肉面 五连包", "Braised Beef Noodles", True),
    (5, "DAI-000005", "6907992500010", "伊利纯牛奶 250ml×24盒", "Yili Pure Milk 250ml x24", True),
    (6, "BER-000006", "6901035600011", "青岛啤酒经典 500ml", "Tsingtao Classic Beer 500ml", True),
    (7, "HOM-000007", "6902088700013", "立白洗衣液 2kg", "Liby Laundry Detergent 2kg", True),
    (8, "PAP-000008", "6922266400017", "心相印纸巾 三层", "Hearttex Tissue 3-ply", True),
    (9, "BEV-000009", "6901234500011", "可乐味汽水（停产）", "Cola Flavoured Soda", False),
    (10, "KO-3301", "6900000000017", "银行专用点钞纸", "Bank Counting Paper", True),
    (11, "KO-3302", "6900000000024", "行李箱 24寸", "Suitcase 24 inch", True),
    (12, "XYZ-1", "6900000000031", "乐", "Le", True),
    (13, "BEV-000013", "6900000000048", "农夫山泉 饮用天然水 550ml", "Nongfu Water 550ml", True),
    (14, "CAF-000014", "6900000000055", "雀巢咖啡 Café 1+2", "Nescafé Coffee 1+2", True),
    (15, "BEV-000015", "6900000000062", "ＡＢＣ可乐３３０ｍｌ", "ABC Cola 330ml", True),
]


def _row(
    product_id: int, sku: str, barcode: str | None, name_zh: str, name_en: str, active: bool
) -> dict[str, Any]:
    pinyin, initials = search_keys(name_zh)
    return {
        "id": product_id,
        "sku": sku,
        "barcode": barcode,
        "name_zh": name_zh,
        "name_en": name_en,
        "pinyin": pinyin,
        "initials": initials,
        "category": "饮料",
        "active": active,
    }


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(*p) for p in _HAND_MADE])
    yield db
    db.close()


@pytest.fixture(scope="module")
def catalog() -> Iterator[tuple[sqlite3.Connection, dict[int, dict[str, Any]]]]:
    """A few hundred generated products, for checks against brute force."""
    gen = _load_catalog_gen()
    rows: dict[int, dict[str, Any]] = {}
    for i, product in enumerate(gen.generate_products(400, seed=7), 1):
        pinyin, initials = search_keys(product["name_zh"])
        rows[i] = {**product, "id": i, "pinyin": pinyin, "initials": initials, "active": True}
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, rows.values())
    yield db, rows
    db.close()


def test_schema_creation_is_idempotent(conn: sqlite3.Connection) -> None:
    create_search_schema(conn)
    assert search_products(conn, "可乐")


# --------------------------------------------------------------------------- query kinds


def test_exact_barcode_is_found_and_ranked_first(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "6901234567892") == [1]
    assert search_products(conn, " 6901234567892 ") == [1]


def test_sku_prefix_ignores_case_and_punctuation(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "KO-33") == [10, 11]
    assert search_products(conn, "ko33") == [10, 11]
    assert search_products(conn, "ko-3302") == [11]
    assert set(search_products(conn, "bev-00000")) == {1, 2, 3}  # 9 is inactive


def test_exact_sku_ranks_first(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "xyz-1")[0] == 12


def test_english_word_prefixes_and_any_order(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "braised") == [4]
    assert search_products(conn, "beef nood") == [4]
    assert search_products(conn, "noodles BEEF") == [4]
    assert set(search_products(conn, "coca-cola")) == {1, 2}
    assert search_products(conn, "coca zero") == [2]
    assert search_products(conn, "beef milk") == []


def test_accents_and_full_width_are_folded(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "nescafe") == [14]
    assert search_products(conn, "NESCAFÉ") == [14]
    assert search_products(conn, "ｃｏｌａ ａｂｃ") == [15]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("牛", {4, 5}),  # one character
        ("牛肉", {4}),  # the usual two-character word, inside the name
        ("可乐", {1, 2, 3, 15}),
        ("红烧牛肉面", {4}),
        ("康师傅红烧牛肉面五连包", {4}),  # spans the space in the name
        ("肉牛", set()),  # characters present, but not adjacent in that order
    ],
)
def test_chinese_substrings(conn: sqlite3.Connection, query: str, expected: set[int]) -> None:
    assert set(search_products(conn, query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kekou", {1, 2}),  # full pinyin, prefix of the name
        ("kekoukele", {1, 2}),
        ("kele", {1, 2, 3, 15}),  # from a syllable inside the name
        ("niurou", {4}),
        ("niuroum", {4}),  # last syllable incomplete
        ("hongshaoniu", {4}),
        ("kkkl", {1, 2}),  # initials
        ("kl", {1, 2, 3, 15}),  # initials inside a longer name
        ("hsnrm", {4}),
        ("yinhang", {10}),  # polyphone 行 read hang in 银行 ...
        ("xingli", {11}),  # ... and xing in 行李
        ("yh", {10}),
        ("xl", {11}),
    ],
)
def test_pinyin_and_initials(conn: sqlite3.Connection, query: str, expected: set[int]) -> None:
    assert set(search_products(conn, query)) == expected


def test_mixed_chinese_and_number(conn: sqlite3.Connection) -> None:
    assert set(search_products(conn, "可乐 330")) == {1, 3, 15}
    assert search_products(conn, "可乐 500") == [2]
    assert search_products(conn, "牛奶 250") == [5]


def test_chinese_and_a_short_number_find_the_size(conn: sqlite3.Connection) -> None:
    # One digit is the start of a size (330ml) or of a SKU number; a name starting with 可乐
    # first, then shorter names first.
    assert search_products(conn, "可乐 3") == [15, 3, 1]
    assert search_products(conn, "3 可乐") == [3, 15, 1]  # no name starts with 3: rank order
    assert search_products(conn, "可乐 5") == [2]
    assert search_products(conn, "可乐 33") == [15, 3, 1]
    assert search_products(conn, "箱 2") == [11]  # 24寸
    assert search_products(conn, "可乐 9") == []
    assert search_products(conn, "可乐 3", include_inactive=True) == [15, 3, 1]
    assert search_products(conn, "可乐 0") == [15, 3, 2, 1]  # their SKU numbers: BEV-0000…


# --------------------------------------------------------------------------- ranking


def test_name_prefix_ranks_before_substring(conn: sqlite3.Connection) -> None:
    # 可口可乐… contains 可乐; 乐 (id 12) starts with 乐; 可乐味汽水 is inactive.
    assert search_products(conn, "乐")[0] == 12
    # The Chinese part of "ＡＢＣ可乐３３０ｍｌ" starts with 可乐 (kl); the others contain it,
    # and among those the shorter name comes first.
    assert search_products(conn, "kl") == [15, 3, 2, 1]
    assert search_products(conn, "可乐") == [15, 3, 2, 1]


def test_shorter_names_first_then_id(conn: sqlite3.Connection) -> None:
    index_products(
        conn,
        [
            _row(100, "T-100", None, "测试商品甲乙丙", "", True),
            _row(101, "T-101", None, "测试商品", "", True),
            _row(102, "T-102", None, "测试商品", "", True),
        ],
    )
    assert search_products(conn, "商品") == [101, 102, 100]


def test_active_before_inactive_when_inactive_included(conn: sqlite3.Connection) -> None:
    # Within a tier (name starts with 可乐: 15 and 9), active first; tiers come before that.
    assert search_products(conn, "可乐", include_inactive=True) == [15, 9, 3, 2, 1]


def test_pagination_is_stable(catalog: tuple[sqlite3.Connection, dict[int, Any]]) -> None:
    db, _ = catalog
    everything = search_products(db, "装", limit=1000)
    assert len(everything) > 60
    pages = [search_products(db, "装", limit=25, offset=o) for o in range(0, len(everything), 25)]
    assert [i for page in pages for i in page] == everything
    assert search_products(db, "装", limit=0) == []


# --------------------------------------------------------------------------- maintenance


def test_reindexing_an_id_replaces_it(conn: sqlite3.Connection) -> None:
    index_products(conn, [_row(7, "HOM-000007", None, "蓝月亮洗手液", "Blue Moon Hand Wash", True)])
    assert search_products(conn, "立白") == []
    assert search_products(conn, "liby") == []
    assert search_products(conn, "6902088700013") == []
    assert search_products(conn, "洗手液") == [7]
    assert search_products(conn, "lyl") == [7]


def test_remove_products(conn: sqlite3.Connection) -> None:
    remove_products(conn, [1, 2, 999])
    assert set(search_products(conn, "可乐")) == {3, 15}
    assert search_products(conn, "6901234567892") == []
    remove_products(conn, [])


def test_inactive_products_are_hidden_by_default(conn: sqlite3.Connection) -> None:
    assert 9 not in search_products(conn, "汽水")
    assert search_products(conn, "汽水", include_inactive=True) == [9]
    index_products(conn, [_row(*_HAND_MADE[8][:5], True)])  # reactivated
    assert search_products(conn, "汽水") == [9]


def test_index_products_accepts_an_empty_batch_and_a_generator(conn: sqlite3.Connection) -> None:
    index_products(conn, [])
    index_products(conn, (_row(*p) for p in _HAND_MADE[:1]))
    assert search_products(conn, "6901234567892") == [1]


def test_works_through_an_sqlalchemy_connection() -> None:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as sa_conn:
        create_search_schema(sa_conn)
        index_products(sa_conn, [_row(*p) for p in _HAND_MADE])
    with engine.connect() as sa_conn:
        assert search_products(sa_conn, "kkkl") == [2, 1]
        driver = sa_conn.connection.driver_connection
        assert search_products(driver, "牛肉") == [4]
    engine.dispose()


def test_rank_keys_follow_the_product_when_it_is_indexed_again(conn: sqlite3.Connection) -> None:
    # The FTS rowid is computed from (active, name length, id), not from insertion order.
    assert search_products(conn, "商品") == []
    index_products(
        conn,
        [
            _row(100, "T-100", None, "测试商品甲乙丙", "", True),
            _row(101, "T-101", None, "测试商品", "", True),
        ],
    )
    assert search_products(conn, "商品") == [101, 100]
    index_products(conn, [_row(101, "T-101", None, "测试商品甲乙丙丁", "", True)])  # longer now
    assert search_products(conn, "商品") == [100, 101]
    index_products(conn, [_row(100, "T-100", None, "测试商品甲乙丙", "", False)])  # deactivated
    assert search_products(conn, "商品") == [101]
    assert search_products(conn, "商品", include_inactive=True) == [101, 100]
    index_products(conn, [_row(100, "T-100", None, "测试商品", "", True)])
    assert search_products(conn, "商品") == [100, 101]


def test_a_batch_may_repeat_an_id_and_come_in_any_order(conn: sqlite3.Connection) -> None:
    index_products(
        conn,
        [
            _row(300, "T-300", None, "长长长长长长长长长长商品", "", True),
            _row(200, "T-200", None, "旧名字", "", True),
            _row(250, "T-250", None, "商品", "", True),
            _row(200, "T-200", None, "新的商品", "", True),  # the last row for an id wins
        ],
    )
    assert search_products(conn, "旧名字") == []
    assert search_products(conn, "商品") == [250, 200, 300]


def test_removing_everything_and_indexing_again(conn: sqlite3.Connection) -> None:
    remove_products(conn, [p[0] for p in _HAND_MADE])  # a full resync empties the index
    assert search_products(conn, "可乐") == []
    assert search_products(conn, "kl") == []
    assert search_products(conn, "6901234567892") == []
    index_products(conn, [_row(*p) for p in _HAND_MADE])
    assert search_products(conn, "可乐") == [15, 3, 2, 1]
    remove_products(conn, [3, 3, 15])
    assert search_products(conn, "可乐") == [2, 1]


def test_many_products_indexed_again_at_once(conn: sqlite3.Connection) -> None:
    # A resumed initial sync sends products again: each replaced text leaves the index.
    renamed = [_row(p[0], p[1], p[2], p[3] + "新装", p[4] + " new", p[5]) for p in _HAND_MADE]
    index_products(conn, renamed)
    assert search_products(conn, "新装", limit=100, include_inactive=True) == \
        search_products(conn, "xz", limit=100, include_inactive=True)
    assert len(search_products(conn, "新装", limit=100, include_inactive=True)) == 15
    assert_search_index_consistent(conn)


def test_a_bulk_load_finds_the_same_products(conn: sqlite3.Connection) -> None:
    before = {q: search_products(conn, q) for q in ("可乐", "kkkl", "6901234567892", "ko33")}
    set_bulk_load(conn, True)
    assert conn.execute("SELECT v FROM product_search_fts_config WHERE k = 'automerge'"
                        ).fetchone() == (0,)
    assert search_products(conn, "6901234567892") == [1]  # no barcode index: a scan
    index_products(conn, [_row(100, "T-100", "6900000000100", "测试可乐", "Test cola", True)])
    assert search_products(conn, "6900000000100") == [100]
    set_bulk_load(conn, False)
    set_bulk_load(conn, False)  # idempotent
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'product_search_barcode'"
                        ).fetchone() is not None
    assert conn.execute("SELECT v FROM product_search_fts_config WHERE k = 'automerge'"
                        ).fetchone() == (4,)
    assert search_products(conn, "6900000000100") == [100]
    for query, found in before.items():
        assert [i for i in search_products(conn, query) if i != 100] == found
    assert_search_index_consistent(conn)


def _segments(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(DISTINCT segid) FROM product_search_fts_idx"
                            ).fetchone()[0])


def test_a_bulk_load_is_merged_in_steps_after_its_end(conn: sqlite3.Connection) -> None:
    # Each committed page of a load is a segment; none is merged while loading, not even past
    # FTS5's usual 16 a level; the end of the load leaves them, and merge_index merges them all
    # into one in steps, so that the everyday writes after it (a few renamed products) never
    # have the whole catalog's index to merge.
    set_bulk_load(conn, True)
    for page in range(20):
        set_bulk_load(conn, True)  # as every page of an initial sync does
        index_products(conn, [_row(1000 + page * 10 + i, f"P-{page}-{i}", None,
                                   f"测试商品{page}号{i}", f"Test item {page} {i}", True)
                              for i in range(10)])
        conn.commit()
    assert _segments(conn) > 20
    assert search_products(conn, "测试商品", limit=500) == list(range(1000, 1200))
    set_bulk_load(conn, False)
    conn.commit()
    assert _segments(conn) > 20  # the end of the load does not merge
    assert conn.execute("SELECT v FROM product_search_fts_config WHERE k = 'crisismerge'"
                        ).fetchone() == (16,)
    assert search_products(conn, "测试商品", limit=500) == list(range(1000, 1200))
    steps = 0
    while merge_index(conn, pages=1):
        conn.commit()
        steps += 1
    conn.commit()
    assert steps > 1  # several short steps, not one long one
    assert _segments(conn) == 1
    assert search_products(conn, "测试商品", limit=500) == list(range(1000, 1200))
    index_products(conn, [_row(1005, "P-0-5", None, "改名商品", "Renamed", True)])
    conn.commit()
    assert _segments(conn) <= 3  # the rename's own small segments (out and in); no merge
    assert not merge_index(conn)  # the everyday state: left to FTS5's own merging
    assert _segments(conn) <= 3
    assert search_products(conn, "改名") == [1005]
    assert 1005 not in search_products(conn, "测试商品", limit=500)
    assert_search_index_consistent(conn)


def test_ids_must_fit_the_rank_key(conn: sqlite3.Connection) -> None:
    with pytest.raises(ValueError):
        index_products(conn, [_row(-1, "T-1", None, "商品", "", True)])
    with pytest.raises(ValueError):
        index_products(conn, [_row(2**52, "T-1", None, "商品", "", True)])
    index_products(conn, [_row(2**52 - 1, "T-1", None, "测试商品", "", True)])
    assert search_products(conn, "测试商品") == [2**52 - 1]


def _replica_of_hand_made_products() -> sqlite3.Connection:
    """A replica's products table holding the hand-made products, with an empty search index
    (a test then makes it look as an older version left it)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT, barcode TEXT,"
                " name_zh TEXT, name_en TEXT, category TEXT, pinyin TEXT, initials TEXT,"
                " active INTEGER)")
    create_search_schema(db)
    for p in _HAND_MADE:
        row = _row(*p)
        db.execute("INSERT INTO products VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)",
                   (row["id"], row["sku"], row["barcode"], row["name_zh"], row["name_en"],
                    row["pinyin"], row["initials"], int(row["active"])))
    return db


def test_an_index_without_the_one_character_starts_or_han_pairs_is_rebuilt() -> None:
    # An index written before name starts had their first character as a token would find
    # nothing in tier 1 of "k", and one written before the pairs of Han characters nothing of
    # "可乐": its changed definition has it rebuilt from the products.
    from sync_engine.client import search, search_index

    db = _replica_of_hand_made_products()
    old = db.execute("SELECT sql FROM sqlite_master WHERE name = 'product_search'").fetchone()[0]
    db.execute("DROP TABLE product_search")
    db.execute("DROP TABLE product_search_fts")
    # the definitions as they were before
    db.execute(old.split(" -- ")[0].rstrip(",") + "\n    )")
    db.execute("CREATE VIRTUAL TABLE product_search_fts USING fts5(han, py, ini, words, head,"
               " tokenize = 'ascii', content = '', columnsize = 0)")
    db.execute(search._BARCODE_INDEX)
    db.row_factory = sqlite3.Row
    assert search_index.ensure_search_index(db)
    assert not search_index.ensure_search_index(db)
    db.row_factory = None
    assert search_products(db, "k") == search_products(db, "k", limit=100)[:50]
    assert search_products(db, "可乐") == [15, 3, 2, 1]
    assert {r[0] for r in db.execute(
        "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH 'head : \"\u00b7k\"'"
    )}
    assert_search_index_consistent(db)


def test_an_index_without_the_number_starts_is_rebuilt() -> None:
    # An index written before the number starts ("¦33") would find no product of "33": its
    # definition, as it was then, has it rebuilt from the products.
    from sync_engine.client import search_index

    db = _replica_of_hand_made_products()
    new = db.execute("SELECT sql FROM sqlite_master WHERE name = 'product_search'").fetchone()[0]
    db.execute("DROP TABLE product_search")
    db.execute(new.replace("-- name starts, the first character of each, number starts",
                           "-- name starts, and the first character of each (see _columns)"))
    db.row_factory = sqlite3.Row
    assert search_index.ensure_search_index(db)
    db.row_factory = None
    assert set(search_products(db, "33")) == {1, 3, 10, 11, 15}
    assert_search_index_consistent(db, products={p[0] for p in _HAND_MADE})


def test_an_index_without_the_vocabulary_is_rebuilt() -> None:
    # An index written before the vocabulary (and before the SKU's words were marked) would
    # find no word of "330" or "cola": the missing table has it rebuilt from the products.
    from sync_engine.client import search_index

    db = _replica_of_hand_made_products()
    db.execute("DROP TABLE product_search_words")
    db.row_factory = sqlite3.Row
    assert search_index.ensure_search_index(db)
    assert not search_index.ensure_search_index(db)
    db.row_factory = None
    assert set(search_products(db, "cola")) == {1, 2, 3, 15}
    assert search_products(db, "000013") == [13]
    assert_search_index_consistent(db, products={p[0] for p in _HAND_MADE})


def test_an_index_in_the_first_layout_is_replaced(conn: sqlite3.Connection) -> None:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE product_search (id INTEGER PRIMARY KEY, sku_key TEXT NOT NULL, "
        "barcode TEXT, name_len INTEGER NOT NULL, active INTEGER NOT NULL)"
    )
    db.execute("CREATE VIRTUAL TABLE product_search_fts USING fts5(han, py, ini, words)")
    create_search_schema(db)
    index_products(db, [_row(*p) for p in _HAND_MADE])
    assert search_products(db, "可乐") == [15, 3, 2, 1]
    db.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kekouk", {1, 2}),  # last syllable one letter: "ke kou" then a syllable in k
        ("kekoukel", {1, 2}),
        ("hongshaon", {4}),
        ("hongshaoniur", {4}),  # last syllable incomplete, longer than one letter
        ("niurouma", set()),  # 牛肉面 is niu rou mian: "ma" is no start of "mian"
        ("kekoux", set()),
    ],
)
def test_incomplete_last_syllable(conn: sqlite3.Connection, query: str, expected: set[int]) -> None:
    assert set(search_products(conn, query)) == expected


def test_one_letter_ranks_names_starting_with_it_first(conn: sqlite3.Connection) -> None:
    found = search_products(conn, "k")
    # 可口可乐 ×2, 康师傅, 可乐 (ＡＢＣ可乐: its pinyin starts with ke), and KO-3301/3302 (SKU)
    assert set(found[:6]) == {1, 2, 4, 10, 11, 15}
    assert found[6:] == [3, 14]  # 百事可乐 (ke), 雀巢咖啡 (ka): a k syllable, shorter name first


# --------------------------------------------------------------------------- odd input


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        '"',
        '""',
        "*",
        "可乐*",
        "(",
        ")",
        "()",
        "NEAR",
        "NEAR(a b)",
        "a AND b",
        "OR",
        "NOT 可乐",
        "^",
        ":",
        "han: 可乐",
        "{han}: x",
        "'",
        "'; DROP TABLE product_search; --",
        "-",
        "+",
        "%",
        "_",
        "\x00",
        "😀",
        "a" * 500,
        "可" * 300,
        "x" * 40,
    ],
)
def test_odd_input_never_raises(conn: sqlite3.Connection, query: str) -> None:
    result = search_products(conn, query)
    assert isinstance(result, list)


def test_syntax_characters_are_ignored_not_interpreted(conn: sqlite3.Connection) -> None:
    assert search_products(conn, "") == []
    assert search_products(conn, "  ") == []
    assert search_products(conn, '"*()') == []
    assert search_products(conn, '"可乐"') == search_products(conn, "可乐")
    assert search_products(conn, "(braised)") == [4]
    assert set(search_products(conn, "NOT 可乐")) == set()  # "not" is a word, matching nothing
    assert search_products(conn, "Zero AND") == []  # "and" must match too: no product has it


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_never_raises(query: str) -> None:
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(*p) for p in _HAND_MADE[:4]])
    assert isinstance(search_products(db, query), list)
    db.close()


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=20))
def test_any_name_can_be_indexed(name: str) -> None:
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(1, name, name or None, name, name, True)])
    index_products(db, [_row(1, name, None, name, name, True)])  # and re-indexed
    assert isinstance(search_products(db, name), list)
    db.close()


# --------------------------------------------------------------------------- brute force


def test_chinese_matches_equal_substring_search(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
) -> None:
    db, rows = catalog
    rng = random.Random(3)
    for _ in range(60):
        name = "".join(c for c in rng.choice(list(rows.values()))["name_zh"] if "一" <= c <= "鿿")
        length = rng.randint(1, 4)
        start = rng.randrange(max(1, len(name) - length + 1))
        query = name[start : start + length]
        expected = {
            i
            for i, row in rows.items()
            if query in "".join(c for c in row["name_zh"] if "一" <= c <= "鿿")
        }
        assert set(search_products(db, query, limit=1000)) == expected, query


def test_small_results_split_into_tiers_here_as_fts5_would(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A query of several terms with few results is fetched whole and split into tiers in
    # Python; the order must be the one the per-tier FTS5 queries give.
    from sync_engine.client import search

    db, rows = catalog
    rng = random.Random(5)
    queries = ["装 1", "可乐 330", "牛奶 250", "kl 5", "康师傅 牛肉", "beef nood", "wet 3-p"]
    for _ in range(40):
        words = str(rng.choice(list(rows.values()))["name_en"]).split()
        queries.append(" ".join(w[:3] for w in rng.sample(words, min(2, len(words)))))
    mixed = 0  # queries whose results have both tiers
    for _ in range(80):
        name = str(rng.choice(list(rows.values()))["name_zh"])
        start = "".join(c for c in name if "一" <= c <= "鿿")[:1]
        query = f"{start} {rng.choice('123456789')}"
        queries.append(query)
        found = search_products(db, query, limit=1000)
        heads = [i for i in found if str(rows[i]["name_zh"]).startswith(start)]
        if heads and len(heads) < len(found):
            assert found[: len(heads)] == heads, query
            mixed += 1
    assert mixed >= 3
    for query in queries:
        fast = search_products(db, query, limit=1000, include_inactive=True)
        monkeypatch.setattr(search, "_SMALL", 0)
        slow = search_products(db, query, limit=1000, include_inactive=True)
        monkeypatch.undo()
        assert fast == slow, query


def test_tier_two_reads_the_other_terms_once() -> None:
    # Tier 2 is every term NOT a name start: the other terms are not repeated in the NOT, or
    # FTS5 would merge the SKU numbers from 45 ("¤45"*, ~9,500 doclists at a million
    # products) twice.
    from sync_engine.client import search

    words = {"柔顺": None, "45": ('words : "45g"', 'words : "\u00a445"*')}
    tier_1, tier_2 = search._Plan(["柔顺", "45"], "45", words).tiers
    assert tier_1.match.count('"\u00a445"*') == 1
    assert tier_2.match.count('"\u00a445"*') == 1
    assert tier_2.match.endswith(' NOT ((head : "\u00b7柔顺"*) OR (head : "\u00a745"*))')


def test_tier_one_past_the_window_is_read_only_when_a_name_starts_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 60 short names with 瓶装 and 100ml rank first and fill the window; the names that start
    # with 瓶装 are long and rank after it. Tier 1 must still come first, found by its own
    # query; a query whose first term starts no name ("庭装") has no tier 1 to look for.
    from sync_engine.client import search

    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    short = [_row(i, f"S-{i}", None, "好瓶装 100ml", "", True) for i in range(1, 61)]
    long = [_row(i, f"L-{i}", None, "瓶装矿泉水家庭装特惠 100ml", "", True) for i in range(61, 64)]
    index_products(db, short + long)
    monkeypatch.setattr(search, "_SMALL", 40)
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    assert search_products(db, "瓶装 100", limit=10) == [61, 62, 63, *range(1, 8)]
    assert any("head : " in s and "100ml" in s for s in statements)  # tier 1's own query
    assert search_products(db, "庭装 100", limit=5) == [61, 62, 63]
    statements.clear()
    assert search_products(db, "装 100", limit=5) == [*range(1, 6)]
    assert not any("head : " in s and "100ml" in s for s in statements)
    db.close()


def test_initials_matches_equal_substring_of_initials(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
) -> None:
    db, rows = catalog

    def han_initials(row: dict[str, Any]) -> str:
        return "".join(
            i for p, i in zip(row["pinyin"].split(), row["initials"].split(), strict=True) if p != i
        )

    rng = random.Random(4)
    for _ in range(40):
        initials = han_initials(rng.choice(list(rows.values())))
        length = rng.randint(2, 4)
        start = rng.randrange(max(1, len(initials) - length + 1))
        query = initials[start : start + length]
        found = set(search_products(db, query, limit=1000))
        # Initials also match word prefixes ("lb" could start an English word), so the set
        # found contains every product whose initials contain the query.
        assert {i for i, row in rows.items() if query in han_initials(row)} <= found, query


def test_every_pypinyin_syllable_is_known_to_the_query_parser() -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    from sync_engine.client import search

    readings: set[str] = set()
    for codepoint in list(pinyin_dict)[::7]:  # a sample keeps this fast; every syllable recurs
        readings.update(s for r in search_keys(chr(codepoint))[0].split() for s in r.split("'"))
    unknown = {r for r in readings if r.isalpha() and r not in search._SYLLABLES}
    assert not unknown


def test_short_numbers_checked_on_the_other_terms_rows_as_fts5_would(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A number of up to three digits among other terms is checked on the rows the others find
    # (a batch at a time, up to a budget, then as an FTS5 term after all): the results must be
    # those of the number as an FTS5 term, page by page.
    from sync_engine.client import search

    db, rows = catalog
    rng = random.Random(13)
    queries = ["装 1", "可乐 3", "3 可乐", "kl 5", "b 1", "装 12", "装 500 1", "1 2", "装 999",
               "wet 3", "装 1 袋", "beef 1 5"]
    for _ in range(40):
        row = rng.choice(list(rows.values()))
        name = "".join(c for c in str(row["name_zh"]) if "一" <= c <= "鿿")
        start = rng.randrange(max(1, len(name) - 1))
        number = rng.choice(["1", "2", "5", "10", "33", "500", "250", "0", "00", "9"])
        queries.append(f"{name[start : start + rng.randint(1, 2)]} {number}")
    checked = 0
    for query in queries:
        for offset, limit, inactive in ((0, 10, False), (0, 50, True), (7, 13, False),
                                        (0, 1000, False)):
            found = search_products(db, query, limit=limit, offset=offset,
                                    include_inactive=inactive)
            monkeypatch.setattr(search, "_NUMBER_BATCH", 3)
            monkeypatch.setattr(search, "_NUMBER_BUDGET", 6)  # rare numbers: as FTS5 terms
            small = search_products(db, query, limit=limit, offset=offset,
                                    include_inactive=inactive)
            monkeypatch.setattr(search, "_NUMBER_DIGITS", 0)  # every number an FTS5 term
            fts5 = search_products(db, query, limit=limit, offset=offset,
                                   include_inactive=inactive)
            monkeypatch.undo()
            assert found == small == fts5, (query, offset, limit)
            checked += bool(found)
    assert checked > 60


def test_words_from_the_vocabulary_find_what_a_prefix_query_finds(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A term is read as the exact words of the vocabulary that start with it (but for the SKU
    # numbers of an all-digit term), not as an FTS5 prefix query: page by page, the results
    # must be the same, also after renames and removals (the vocabulary then knows words no
    # product has any more), with case, accents, full-width letters and punctuation in the
    # names.
    from sync_engine.client import search

    _, rows = catalog
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, rows.values())
    odd = [(1001, "ÉCL-9", None, "闪电泡芙", "ÉCLAIR Choc-Éclair", True),
           (1002, "XR-7a", None, "Ｘ光片", "X-Ray FILM x2", True),
           (1003, "ab-12cd", None, "测试", "Café Crème 1.25L", False)]
    index_products(db, [_row(*p) for p in odd])
    renamed = [{**rows[i], "name_en": f"Renamed Zyx{i} Item", "sku": f"ZZ-{i}"}
               for i in range(1, 40)]
    index_products(db, renamed)
    remove_products(db, [1002, *range(40, 60)])
    assert_search_index_consistent(db)
    rng = random.Random(17)
    queries = ["b", "be", "bee", "beef", "c", "cl", "classic", "zyx1", "zyx", "éc", "ecl", "e",
               "x", "x-r", "xr7", "ray", "cafe", "creme", "renamed item", "bev", "ko33", "a",
               "ab12", "1 25l", "25l", "500ml", "500m", "kl 5", "装 b", "qq", "zz", "v", "1",
               "10", "500", "000", "0000", "00001", "000012", "装 10", "可乐 33", "kl 50",
               "bev 00", "bev-00", "ko-33", "xr-7", "ab-12c", "9", "330", "12", "25", "05",
               "99", "50 装", "10 10", "１０", "可乐 ３３", "00 00001"]
    for _ in range(40):
        words = str(rng.choice(list(rows.values()))["name_en"]).split()
        queries.append(" ".join(w[: rng.randint(1, 5)] for w in rng.sample(words, 2)))
    looked_up = 0
    for query in queries:
        for offset, limit, inactive in ((0, 10, False), (0, 1000, True), (3, 7, False)):
            found = search_products(db, query, limit=limit, offset=offset,
                                    include_inactive=inactive)
            monkeypatch.setattr(search, "_words_from", lambda db, term: None)
            prefix = search_products(db, query, limit=limit, offset=offset,
                                     include_inactive=inactive)
            monkeypatch.undo()
            assert found == prefix, (query, offset, limit)
        looked_up += any("*" not in "".join(search._words_from(db, t) or "*")
                         for t in search._terms(query))
    assert looked_up > 25
    db.close()


def test_a_window_of_many_results_splits_into_tiers_as_fts5_would(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A query of several terms with more results than the window: tier 1 comes from the
    # window, or from FTS5 when the window has too few, and tier 2 from the window; page by
    # page, the order must be the one the per-tier FTS5 queries give.
    from sync_engine.client import search

    db, rows = catalog
    rng = random.Random(11)
    queries = ["装 1", "装 2", "装 5", "kl 5", "包 1", "b 1", "s 1", "z 1"]
    for _ in range(30):
        words = str(rng.choice(list(rows.values()))["name_en"]).split()
        queries.append(" ".join(w[:2] for w in rng.sample(words, min(2, len(words)))))
    windowed = 0
    for query in queries:
        for offset, limit in ((0, 10), (0, 20), (5, 7), (13, 7)):
            monkeypatch.setattr(search, "_SMALL", 40)
            fast = search_products(db, query, limit=limit, offset=offset)
            monkeypatch.setattr(search, "_SMALL", 0)
            slow = search_products(db, query, limit=limit, offset=offset)
            monkeypatch.undo()
            assert fast == slow, (query, offset, limit)
        if len(search_products(db, query, limit=100)) > 41:
            windowed += 1
    assert windowed >= 5


def test_one_character_name_starts_are_tokens_of_their_own(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
) -> None:
    # Tier 1 of a one-character query reads the exact token "·x": it must hold every product
    # one of whose name starts (Chinese, pinyin, initials, English, SKU) begins with x.
    db, rows = catalog
    firsts = {str(r["name_zh"])[0] for r in rows.values()} | set("abcdefghijklmnopqrstuvwxyz0")
    fetch = "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH ?"
    checked = 0
    for first in sorted(firsts):
        exact = {r[0] for r in db.execute(fetch, (f'head : "\u00b7{first}"',))}
        prefix = {r[0] for r in db.execute(fetch, (f'head : "\u00b7{first}"*',))}
        assert exact == prefix, first
        checked += bool(exact)
    assert checked > 20
    found = search_products(db, "k", limit=30)
    assert found and all(i in rows for i in found)


# --------------------------------------------------------------------------- pairs of Han


@contextmanager
def _han_phrases_of_characters(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Chinese terms read as the plain phrase of their characters in ``han`` (the query the
    pairs of ``bi`` stand for), not as pairs."""
    from sync_engine.client import search

    def characters(term: str) -> str:
        return f'han : "{" ".join(term)}"'

    with monkeypatch.context() as patch:
        patch.setattr(search, "_han_phrase", characters)
        search._phrases.cache_clear()
        search._term_check.cache_clear()
        try:
            yield
        finally:
            search._phrases.cache_clear()
            search._term_check.cache_clear()


def _pages(db: sqlite3.Connection, query: str) -> list[list[int]]:
    return [search_products(db, query, limit=limit, offset=offset, include_inactive=inactive)
            for offset, limit, inactive in ((0, 50, False), (0, 1000, True), (3, 7, False))]


def test_a_chinese_term_of_two_characters_is_one_token() -> None:
    # "箱装 500" reads the pair 箱装 (one doclist), not the phrase "箱 装", which FTS5 walks
    # over the positions of every row with both characters (11 ms at a million products).
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(1, "A-1", None, "整箱装 500ml", "", True),
                        _row(2, "A-2", None, "纸箱 装 500ml", "", True),
                        _row(3, "A-3", None, "瓶装 500ml 箱", "", True)])
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    assert search_products(db, "箱装 500") == [1, 2]  # 箱 and 装 adjacent in the Han of 2
    assert search_products(db, "装箱") == [3]
    assert search_products(db, "箱") == [1, 2, 3]
    db.set_trace_callback(None)
    matches = [s for s in statements if "MATCH" in s]
    assert any('bi : "箱装"' in s for s in matches)
    assert any('bi : "装箱"' in s for s in matches)
    assert not any('han : "箱 装"' in s or 'han : "装 箱"' in s for s in matches)
    db.close()


# Few characters, so that names repeat them, next to each other and apart; one outside the
# BMP, one compatibility ideograph (NFKC makes it 豈), full-width digits and letters between.
_FEW_HAN = "可乐口装箱瓶豈\uf900\U00020001"


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.text(alphabet=_FEW_HAN + " 5０3ab", max_size=10), min_size=1, max_size=15),
    query=st.lists(
        st.one_of(st.text(alphabet=_FEW_HAN, min_size=1, max_size=4),
                  st.sampled_from(["5", "５", "3", "30", "5ml", "a"])),
        min_size=1, max_size=3,
    ).map(" ".join),
)
def test_han_pairs_find_what_the_phrase_of_characters_finds(
    names: list[str], query: str
) -> None:
    # Page by page, the same rows in the same order as the phrase of the characters in han;
    # and every product whose Han characters have the term, and only those.
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    rows = [_row(i, f"T-{i}", None, name, "", i % 4 != 0) for i, name in enumerate(names, 1)]
    index_products(db, rows)
    pages = _pages(db, query)
    with _han_phrases_of_characters(pytest.MonkeyPatch()):
        assert pages == _pages(db, query), query
    from sync_engine.client import search

    terms = search._terms(search._normalise(query))
    if all(search._HAN_RUN_RE.fullmatch(t) for t in terms):
        expected = {r["id"] for r in rows
                    if all(t in search._han(r["name_zh"]) for t in terms)}
        assert set(pages[1]) == expected, query
    db.close()


def test_han_pairs_page_as_the_phrase_of_characters_on_a_catalog(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Chinese with numbers (of one digit: checked on the rows; of more: FTS5 terms; full
    # width), repeated terms and one-character terms, on a generated catalog.
    db, rows = catalog
    rng = random.Random(19)
    queries = ["可乐 330", "可乐 ３３０", "箱装 500", "瓶装 1", "装 5", "可乐 可乐", "乐 可乐 1",
               "牛奶 250 牛奶", "可口可乐", "康师傅红烧牛肉面", "纯牛奶 ２５０ml", "装装"]
    for _ in range(60):
        row = str(rng.choice(list(rows.values()))["name_zh"])
        name = "".join(c for c in row if "一" <= c <= "鿿")
        length = rng.randint(1, 5)
        start = rng.randrange(max(1, len(name) - length + 1))
        sizes = [f" {size}" for size in re.findall(r"\d+", row)]  # the row's own, mostly
        number = rng.choice([*sizes, *sizes, "", " 1", " 5", " 10", " 330", " 500", " ５００"])
        queries.append(name[start : start + length] + number)
    expected = {query: _pages(db, query) for query in queries}
    with _han_phrases_of_characters(monkeypatch):
        plain = {query: _pages(db, query) for query in queries}
    assert expected == plain
    assert sum(bool(pages[0]) for pages in expected.values()) > 40


# --------------------------------------------------------------------------- number starts


def test_a_two_digit_number_is_one_token() -> None:
    # "超能 10" reads "¦10", not the words starting with 10 side by side ("10", "100g",
    # "10kg" …) and the merge of every SKU number from 10 (10,000 at a million products).
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(1, "A-000001", None, "超能洗衣粉 100g", "", True),
                        _row(2, "A-104233", None, "超能洗衣粉 2kg", "", True),
                        _row(3, "A-000003", None, "超能洗衣粉", "Detergent 10x", True),
                        _row(4, "A-000004", None, "超能洗衣粉 1.05kg", "", True),
                        _row(5, "A-000005", None, "超能洗衣粉 ¤10", "", True)])
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    # by the length of the name; 5's "¤10" matches as the prefix query "¤10"* would
    assert search_products(db, "超能 10") == [3, 2, 5, 1]
    db.set_trace_callback(None)
    matches = [s for s in statements if "MATCH" in s]
    assert any('head : "\u00a610"' in s for s in matches)
    assert not any("words" in s for s in matches)
    db.close()


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.tuples(st.text(alphabet="0123456789a.-\u00a4 ", max_size=12),
                             st.text(alphabet="0123456789B-\u00a4", max_size=8)),
                   min_size=1, max_size=12),
    query=st.sampled_from(["10", "01", "00", "1", "100", "10 可", "可 10", "a 10", "10a", "１０",
                           "-10", "10.5", "\u00a410"]),
)
def test_two_digit_numbers_find_what_a_prefix_query_finds(
    words: list[tuple[str, str]], query: str
) -> None:
    # Whatever the words and SKUs around the digits (glued, after punctuation, after a
    # "¤" of their own), "¦10" holds the rows of the prefix queries "10"* and "¤10"*.
    from sync_engine.client import search

    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, [_row(i, sku, None, f"可{i}", name, i % 3 != 0)
                        for i, (name, sku) in enumerate(words, 1)])
    pages = _pages(db, query)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "_words_from", lambda db, term: None)  # FTS5 prefix queries
        assert pages == _pages(db, query), query
    db.close()


def test_a_products_index_row_does_not_follow_the_hash_seed() -> None:
    """The index row of a product is the same in every process (a set's order follows
    ``PYTHONHASHSEED``: the ``head`` column's name starts were in a different order per run)."""
    script = (
        "from sync_engine.client.search import index_rows\n"
        "row = {'id': 7, 'sku': 'KO-330-A', 'barcode': '6901234567892',"
        " 'name_zh': '可口可乐 330ml', 'name_en': 'Coca-Cola Classic 330ml',"
        " 'pinyin': 'ke kou ke le 330ml', 'initials': 'k k k l 330ml',"
        " 'category': 'drinks', 'active': True}\n"
        "print(repr(index_rows([row])[7]))\n"
    )
    rows = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in range(1, 7)
    }
    assert len(rows) == 1, rows
