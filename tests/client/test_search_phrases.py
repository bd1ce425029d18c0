"""A term's phrases checked in Python on a row (search_phrases) match what FTS5 matches, and a
search through their covers finds, page by page, what the phrases themselves find."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from sync_engine.client import search
from sync_engine.client.search import create_search_schema, index_products, search_products
from sync_engine.client.search_phrases import COLUMNS, Row, TermCheck, tokens
from tests.client.test_search import _HAND_MADE, _load_catalog_gen, _row

# Names with what the tokenizer must get right: capitals (ASCII and not), accents, full-width
# letters, punctuation inside words, a polyphone, several spaces.
_ODD = [
    (2001, "ÉCL-9", None, "闪电泡芙", "ÉCLAIR Choc-Éclair", True),
    (2002, "XR-7a", None, "Ｘ光片  三层", "X-Ray FILM x2  Lay's", True),
    (2003, "ab-12cd", None, "测试 1.25L", "Café Crème 1.25L", False),
    (2004, "LAY-1", None, "乐事薯片 原味 4-ply", "Lay's Chips 4-Pack Original", True),
    (2005, "C&S-2", None, "洁柔纸巾 12卷", "C&S Tissue 12 rolls", True),
]


@pytest.fixture(scope="module")
def catalog() -> Iterator[tuple[sqlite3.Connection, dict[int, dict[str, Any]]]]:
    gen = _load_catalog_gen()
    rows: dict[int, dict[str, Any]] = {}
    for i, product in enumerate(gen.generate_products(600, seed=19), 1):
        rows[i] = _row(i, product["sku"], product["barcode"], product["name_zh"],
                       product["name_en"], i % 9 != 0)
    for product in [*_HAND_MADE, *_ODD]:
        rows[product[0]] = _row(*product)
    db = sqlite3.connect(":memory:")
    create_search_schema(db)
    index_products(db, rows.values())
    yield db, rows
    db.close()


def _terms(rows: dict[int, dict[str, Any]], rng: random.Random) -> list[str]:
    """Terms of every kind, most of them found in the catalog."""
    terms = ["jiuchunsh", "zhuangsh", "xiangxi", "kekoukel", "hongshaoniur", "niuroumian",
             "lay s", "c s", "4 p", "1 2", "1 25l", "6 pa", "x r", "choc e", "bev 0", "ko 3",
             "lay", "dish", "fami", "jiaji", "500", "45", "1", "ko33", "ab12", "可乐", "装",
             "éc", "ecl", "crème", "x2", "shi", "sh", "zh", "a", "lv"]
    for row in rng.sample(list(rows.values()), 60):
        pinyin = "".join(str(row["pinyin"]).replace("'", " ").split())
        start = rng.randrange(max(1, len(pinyin) - 3))
        terms.append(pinyin[start : start + rng.randint(3, 10)])
        english = search._terms(search._normalise(str(row["name_en"])))
        if english:
            word = rng.choice(english)
            terms.append(word[: rng.randint(1, len(word))])
    return terms


def _checked(db: sqlite3.Connection, check: TermCheck) -> set[int]:
    columns = ", ".join(COLUMNS)
    return {r[0] for r in db.execute(f"SELECT id, {columns} FROM product_search")
            if check(Row(r[1:]))}


def test_a_term_check_matches_the_rows_fts5_matches(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
) -> None:
    db, rows = catalog
    matched = 0
    for term in _terms(rows, random.Random(23)):
        phrases = search._term_phrases(term, search._words_from(db, term))
        fts5 = {r[0] & search._ID_MASK for r in db.execute(
            "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH ?",
            (search._or(phrases),),
        )}
        assert _checked(db, TermCheck(phrases)) == fts5, term
        matched += bool(fts5)
    assert matched > 100


def test_a_cover_holds_every_row_of_its_phrases(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
) -> None:
    db, rows = catalog
    covered = narrower = 0
    for term in _terms(rows, random.Random(29)):
        phrases = search._phrases(term, search._words_from(db, term))

        def find(alternatives: tuple[str, ...]) -> set[int]:
            return {r[0] for r in db.execute(
                "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH ?",
                (search._or(alternatives),),
            )}

        exact, cover = find(phrases.exact), find(phrases.cover)
        assert exact <= cover, term
        covered += phrases.cover != phrases.exact
        narrower += exact < cover
    assert covered > 15
    assert narrower > 5  # the checks have rows to turn away


def test_many_completions_of_a_last_syllable_are_one_phrase_and_a_check() -> None:
    # "jiuchunsh": 19 syllables start with sh, each a phrase FTS5 walks on its own.
    phrases = search._phrases("jiuchunsh")
    assert sum("°jiu °chun °sh" in p for p in phrases.exact) == 19
    assert [p for p in phrases.cover if p.startswith("py")] == [
        'py : "°jiu °chun" AND ini : "°jc °cs"']
    # Few completions stay phrases: "zhuan" is zhuan or zhuang.
    assert search._phrases("lihezhuan").cover == search._phrases("lihezhuan").exact
    # The last word is not a prefix any more: "lay s" is "lay", its rows checked.
    assert search._phrases("lay s").cover[:2] == ('words : "lay"', 'words : "¤lay"')
    # But for the number of a SKU: "bev" would be a whole category.
    assert search._phrases("bev 00").cover == search._phrases("bev 00").exact


def test_covers_find_what_the_phrases_find_page_by_page(
    catalog: tuple[sqlite3.Connection, dict[int, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, rows = catalog
    rng = random.Random(31)
    queries = ["jiuchunsh", "kekoukel", "zhuangsh", "lay's", "Lay's Chips", "c&s tiss", "4-p",
               "4-pack orig", "1.2", "1.25l", "choc-e", "bev-0", "ko-3", "drink 1.2", "可乐 lay",
               "装 sh", "dish moon", "x-r film", "sparkling 6-pa", "6-pac"]
    for _ in range(40):
        row = rng.choice(list(rows.values()))
        pinyin = "".join(str(row["pinyin"]).replace("'", " ").split())
        start = rng.randrange(max(1, len(pinyin) - 3))
        queries.append(pinyin[start : start + rng.randint(4, 10)])
        words = str(row["name_en"]).split()
        queries.append(" ".join(w[: max(1, len(w) - rng.randint(0, 3))]
                                for w in rng.sample(words, min(2, len(words)))))
    exact_phrases = search._phrases

    def no_cover(term: str, words: tuple[str, ...] | None = None) -> search._Phrases:
        phrases = exact_phrases(term, words)
        return phrases._replace(cover=phrases.exact)

    checks = {"rejected": 0, "covered": 0}
    original_call = TermCheck.__call__

    def counted(self: TermCheck, row: Row) -> bool:
        found = original_call(self, row)
        checks["rejected"] += not found
        return found

    monkeypatch.setattr(TermCheck, "__call__", counted)
    for query in queries:
        checks["covered"] += any(
            exact_phrases(t, search._words_from(db, t)).cover
            != exact_phrases(t, search._words_from(db, t)).exact
            for t in search._terms(search._normalise(query)))
        for offset, limit, inactive in ((0, 10, False), (0, 50, True), (7, 13, False),
                                        (0, 1000, False)):
            found = search_products(db, query, limit=limit, offset=offset,
                                    include_inactive=inactive)
            with monkeypatch.context() as patched:  # small batches, and covers given up
                patched.setattr(search, "_NUMBER_BATCH", 3)
                patched.setattr(search, "_MIN_BATCH", 1)
                patched.setattr(search, "_NUMBER_BUDGET", 6)
                small = search_products(db, query, limit=limit, offset=offset,
                                        include_inactive=inactive)
            with monkeypatch.context() as patched:
                patched.setattr(search, "_phrases", no_cover)
                exact = search_products(db, query, limit=limit, offset=offset,
                                        include_inactive=inactive)
            assert found == small == exact, (query, offset, limit, inactive)
    assert checks["covered"] > 15
    assert checks["rejected"] > 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Coca-Cola 330ML", ("coca", "cola", "330ml")),
        ("ÉCLAIR Choc-Éclair", ("Éclair", "choc", "Éclair")),  # only ASCII is folded
        ("°ke  °kou", ("°ke", "°kou")),
        ("可 乐", ("可", "乐")),
        ("x\u3000y", ("x\u3000y",)),  # a non-ASCII space is a token character
        ("", ()),
    ],
)
def test_tokens_as_the_ascii_tokenizer_makes_them(text: str, expected: tuple[str, ...]) -> None:
    assert tokens(text) == expected
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'ascii')")
    db.execute("INSERT INTO t VALUES (?)", (text,))
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    assert tuple(r[0] for r in db.execute("SELECT term FROM v ORDER BY offset")) == expected
    db.close()


def test_a_check_reads_only_the_phrases_search_writes() -> None:
    with pytest.raises(ValueError, match="not a phrase"):
        TermCheck(['words : "a" OR words : "b"'])
    with pytest.raises(ValueError, match="not a phrase"):
        TermCheck(["NEAR(a b)"])
