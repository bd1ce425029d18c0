"""Local, offline product search over the client's SQLite replica.

Connections
-----------
Every function takes a DB-API ``sqlite3.Connection``; an SQLAlchemy ``Connection`` is accepted
too and unwrapped to ``connection.driver_connection``. The functions run in the caller's
transaction and never commit, so a sync page can update products and their index atomically.
They are written against the bare DB-API's tuple rows: the store's connections return
``sqlite3.Row``, so callers wrap them in :func:`plain_rows`.

Schema (owned here, created by :func:`create_search_schema`)
-----------------------------------------------------------
``product_search_fts``
    a contentless FTS5 table whose rowid is the product's *rank key* (below), with six
    columns of tokens separated by spaces:

    ``han``    each Han character of the Chinese name is one token ("可 口 可 乐 罐 装"): a
               query of one Chinese character is one token;
    ``py``     the pinyin syllables of the Chinese name's Han words, from the server-made key
               (see :mod:`sync_engine.domain.search_keys`), each marked with "°": "°ke °kou °ke
               °le °guan °zhuang"; full pinyin "kekou" or "niurou" is a phrase of syllables;
    ``ini``    overlapping pairs of the initials of those syllables plus the last one, marked:
               "°kk °kk °kl °lg °gz °z"; the initials "kl" are one token, "kkkl" a phrase of
               three. Pairs because a single letter occurs in most names;
    ``words``  the English name, the SKU's words marked "¤" and the latin/digit words of the
               Chinese name ("coca cola 330ml ¤bev ¤000123 330ml"): the SKU numbers, one
               per product, are kept apart from the sizes and other words;
    ``head``   how the name starts, as whole tokens marked "·": the first four Han characters,
               the first ten letters of the pinyin and of the initials, the first English word
               and the SKU's first word ("·可口可乐 ·kekoukeleg ·kkklgz ·coca ·bev"), and the
               first character of each ("·可 ·k ·c ·b": a one-character query reads one term);
               and the SKU key, marked "§" ("§bev000123": the SKU lowercased, letters and
               digits only); and the first two digits of each word of ``words`` (a SKU word
               too) that starts with two, marked "¦" ("¦33 ¦00" for "330ml ¤bev ¤000123"):
               a query of a two-digit number reads one token;
    ``bi``     each pair of adjacent Han characters of the name is one token ("可口 口可 可乐 乐罐
               罐装"): a Chinese substring of two characters is one token ("可乐"), of more a
               phrase of its overlapping pairs ("可口 口可 可乐"), which matches where the same
               characters follow one another in ``han``. As a phrase of ``han`` ("可 乐"),
               FTS5 would walk the position lists of every row with both characters (可 and
               乐, 箱 and 装 are each in a large share of the names) to find the few where
               they are adjacent; a pair's doclist holds just those rows.

    The markers keep terms of different kinds apart: an FTS5 prefix query ("s"*) merges the
    doclists of *every* term with that prefix, in any column, before it returns a row, so the
    syllables (装 zhuang is in most names) and the unique SKU keys must not share a prefix
    with the English words. No marker is a letter or digit, so no query term contains one.

    The table uses FTS5's ``ascii`` tokenizer: it splits on ASCII spaces and punctuation only
    and keeps every other character, so what a token is is decided here alone, identically
    when indexing and when querying (``unicode61`` would make its own, version-dependent
    decisions about which characters separate words). Case and accents are folded here too.
``product_search``
    one row per indexed product: ``id``, ``rk`` (its FTS rowid), ``barcode`` (exact lookups;
    barcodes are not tokens) and the six token strings. A contentless FTS5 table (SQLite
    3.40 has no ``contentless_delete``) can only delete a row when given the text it indexed.
``product_search_words``
    the vocabulary of ``words``: every token of that column but the SKU numbers (English
    words, sizes such as "500ml", the letters of SKUs: a few hundred at a million products),
    added as products are indexed and only dropped with the whole index (a word no product has
    any more matches nothing). A query term is read as these words, exact, rather than as an
    FTS5 prefix query (see :func:`_words_from`).

Rank keys
---------
FTS5 returns matches in rowid order and can stop after a page. The rowid is therefore the
ranking within a tier: ``inactive << 62 | min(len(name_zh), 1023) << 52 | id`` (ids must be in
0..2**52-1). It is computed from the product, not from the time it was indexed, so a product
indexed again later (renamed, deactivated) gets the key its new data ranks it at, and two
products never share one (the id is part of it). Inactive products all rank after active ones,
and ``rowid < 2**62`` leaves them out.

Query plan
----------
The query is normalised and split into terms: Han runs, and latin/digit runs ("KO-33" and
"coca-cola" give one term made of two adjacent words). Every term must match (AND, any order);
a term matches as Chinese (a character of ``han``, or a phrase of the pairs of ``bi``), as
initials, as full pinyin (from any syllable; the last one may be incomplete), as the prefix of
a word (the vocabulary's words that start with it, and for an all-digit term the SKU numbers
so starting; for a number of two digits, the one token of the words that start with it), or,
when it mixes letters and digits, as the prefix of a SKU key. Results are
ranked in tiers, each fetched with ``ORDER BY rowid LIMIT``:

0. exact barcode, or exact SKU key (a handful of rows);
1. the name (Chinese, pinyin, initials, first English word) or the SKU starts with the first
   term: a prefix query over the ``head`` tokens (a few distinct terms, not a "^" check on
   every row of a large doclist), plus the other terms;
2. the rest: everything NOT tier 1.

A one-digit number among other terms ("可乐 1") is not an FTS5 term but checked on the rows the
others find, in rank order (see ``_NUMBER_DIGITS``). A term whose phrases cost FTS5 a walk each
(a pinyin prefix whose last syllable has many completions) or a merge of many doclists (a
short last word: "lay's") is its *cover* in FTS5, a cheaper phrase that finds all their rows
and a few more, and the rows it finds are checked against the phrases in Python, in rank
order, until the page is full (see :class:`_Phrases` and :mod:`.search_phrases`). A number or
a cover that matches too few of the rows gives way to the plain FTS5 query.

Within a tier, rank-key order: active first, shorter names first, then id. The next tier is
only queried when a tier has fewer rows than the page needs. Full pinyin never uses an FTS5
prefix on a syllable (see :func:`_py_phrases`).
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from operator import add
from typing import Any, NamedTuple

from sqlalchemy.engine import Connection as SAConnection

from .bulk_insert import insert_rows
from .search_phrases import COLUMNS, Row, TermCheck, tokens
from .search_phrases import TOKEN_RE as _TOKEN_RE

__all__ = [
    "IndexRows",
    "create_search_schema",
    "index_products",
    "index_rows",
    "merge_due",
    "merge_index",
    "plain_rows",
    "remove_products",
    "search_products",
    "set_bulk_load",
    "write_index",
]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN_RE = re.compile(rf"[{_HAN}]+")
_NOT_HAN_RE = re.compile(rf"[^{_HAN}]+")
_NOT_ALNUM_RE = re.compile(r"[^0-9a-z]+")
_TERM_RE = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")

# Every toneless pinyin syllable pypinyin writes ("v" for ü, as pypinyin and keyboards write
# it), taken from its dictionary; the test suite checks that none is missing.
_SYLLABLE_LIST = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong bu
    ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou
    chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang
    dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en
    eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong
    gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou
    hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan
    jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la
    lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo long lou lu
    luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo
    mou mu n na nai nan nang nao ne nei nen neng ng ni nia nian niang niao nie nin ning niu
    nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin
    ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao
    re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai
    shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si
    song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong
    tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao xie
    xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue
    yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi
    zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
_SYLLABLES = frozenset(_SYLLABLE_LIST.split())
_SYLLABLE_PREFIXES = frozenset(s[:k] for s in _SYLLABLES for k in range(1, len(s) + 1))
# The interjections 嗯/呣 (n, ng, m) are real syllables, but reading "zhuan" as "zhua n" costs
# a query for a name no one orders; they are still found as prefixes ("n" of "niu").
_QUERY_SYLLABLES = _SYLLABLES - {"n", "ng", "m"}
_COMPLETIONS: dict[str, list[str]] = {
    p: sorted(s for s in _SYLLABLES if s.startswith(p)) for p in _SYLLABLE_PREFIXES
}
# At most this many readings of one pinyin query are tried ("xian" is 先 or 西安).
_MAX_SEGMENTATIONS = 3

# FTS rowids are rank keys: (inactive, name length, product id) packed into one positive
# 63-bit integer, so that FTS5, which returns matches in rowid order, returns them best first
# and a page of results needs no sort (see "Query plan" above).
_ID_BITS = 52
_ID_MASK = (1 << _ID_BITS) - 1
_LEN_BITS = 10
_MAX_LEN = (1 << _LEN_BITS) - 1
_INACTIVE = 1 << (_ID_BITS + _LEN_BITS)  # 2**62; every active product's key is below it
# Markers of the ``head`` tokens. Neither is a letter or digit (so no query term contains one)
# nor ASCII (so the ascii tokenizer keeps it inside the token).
_START = "\u00b7"  # "·kekoukele": the name's pinyin (initials, English, SKU …) starts so
_SKU = "\u00a7"  # "§bev000123": the SKU key
# Marks the tokens of ``py`` and ``ini``: they never share a term with a latin word in
# ``words``, so a prefix query there ("s"*) does not have to merge every "shui" and "sh".
_PY = "\u00b0"
# Marks the SKU's words in ``words`` ("¤bev ¤000123").
_SKU_WORD = "\u00a4"
# Marks, in ``head``, the first digits of the words of ``words`` that start with this many
# ("¦10" for 100g, 10kg and the SKU number 104233; see _words_from).
_NUMBER_START = "\u00a6"
_NUMBER_START_DIGITS = 2
_NUMBER_START_RE = re.compile(
    rf"(?<![0-9A-Za-z\x80-\U0010ffff]){_SKU_WORD}?([0-9]{{{_NUMBER_START_DIGITS}}})"
)
# ``head`` holds the first characters of the name as tokens, up to these lengths.
_HEAD_HAN = 4
_HEAD_LATIN = 10

_BARCODE_INDEX = "CREATE INDEX IF NOT EXISTS product_search_barcode ON product_search (barcode)"
_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS product_search (
        id INTEGER PRIMARY KEY,
        rk INTEGER NOT NULL,
        barcode TEXT,
        han TEXT NOT NULL,
        py TEXT NOT NULL,
        ini TEXT NOT NULL,
        words TEXT NOT NULL,
        head TEXT NOT NULL, -- name starts, the first character of each, number starts
        bi TEXT NOT NULL -- adjacent pairs of Han characters (see _columns)
    )
    """,
    _BARCODE_INDEX,
    """
    CREATE TABLE IF NOT EXISTS product_search_words (
        word TEXT PRIMARY KEY -- every token of ``words`` but the SKU numbers (see _vocabulary)
    ) WITHOUT ROWID
    """,
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS product_search_fts USING fts5(
        han, py, ini, words, head, bi, tokenize = 'ascii', content = '', columnsize = 0
    )
    """,
)


@contextmanager
def plain_rows(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The connection with plain tuple rows, as the functions here expect them (the store's
    connections otherwise return ``sqlite3.Row``)."""
    previous = db.row_factory
    db.row_factory = None
    try:
        yield db
    finally:
        db.row_factory = previous


def _driver(conn: Any) -> sqlite3.Connection:
    """Unwrap an SQLAlchemy ``Connection`` to its DB-API connection (SQLCipher's, or
    ``sqlite3``'s in tests); pass those through."""
    if isinstance(conn, SAConnection):
        return conn.connection.driver_connection  # type: ignore[return-value]
    return conn  # type: ignore[no-any-return]


def create_search_schema(conn: Any) -> None:
    """Create the search tables if they do not exist (idempotent; called by the migration).

    An index in the first layout (before rank-key rowids) is dropped and created empty: the
    caller must index the products again.
    """
    db = _driver(conn)
    columns = {row[1] for row in db.execute("PRAGMA table_info(product_search)")}
    if columns and "rk" not in columns:
        db.execute("DROP TABLE IF EXISTS product_search_fts")
        db.execute("DROP TABLE product_search")
    new = not db.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'product_search_fts'"
    ).fetchone()
    for statement in _SCHEMA:
        db.execute(statement)
    if new:
        # FTS5 writes its in-memory terms to a new segment every 1 MB by default, and merges
        # segments as they pile up; 16 MB keeps a page of a few thousand products in one.
        db.execute(
            "INSERT INTO product_search_fts (product_search_fts, rank) VALUES ('hashsize', ?)",
            (16 << 20,),
        )


# --------------------------------------------------------------------------- normalisation


def _normalise(text: str) -> str:
    """Fold text the same way for indexing and querying.

    NFKC turns full-width "ＫＯ－３３" into "ko-33"; lowercasing makes matching case-insensitive;
    stripping combining marks makes "café" match "cafe". Plain ASCII, the common case, skips
    the Unicode work.
    """
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _pairs(units: str) -> str:
    """Overlapping pairs plus the last unit, marked: "kkkl" → "°kk °kk °kl °l"."""
    return _PY + f" {_PY}".join([*map(add, units, units[1:]), units[-1]])


def _han(text: str) -> str:
    """The Han characters of ``text``, in order; NFKC only when needed (compatibility forms)."""
    han = _NOT_HAN_RE.sub("", text)
    if not unicodedata.is_normalized("NFKC", han):
        han = unicodedata.normalize("NFKC", han)
    return han


def _columns(row: Mapping[str, Any], sku_key: str) -> tuple[str, str, str, str, str, str]:
    """The ``han``, ``py``, ``ini``, ``words``, ``head`` and ``bi`` token strings of one
    product row.

    This runs 100,000 times in an initial sync, so it sticks to a few C-level string calls and
    skips Unicode normalisation for ASCII text (the ascii tokenizer folds its case).
    """
    han = _han(row.get("name_zh") or "")
    pinyin = row.get("pinyin") or ""
    initials_key = row.get("initials") or ""
    if not (pinyin.isascii() and initials_key.isascii()):
        pinyin, initials_key = _normalise(pinyin), _normalise(initials_key)
    py = ini = latin = letters = py_start = ""
    if pinyin == initials_key:  # no Han word at all (or no keys)
        latin = pinyin
    else:
        # A Han word differs between the keys ("ke'kou" / "kk"); a latin word is the same in
        # both and goes to ``words``.
        syllables: list[str] = []
        initials: list[str] = []
        others: list[str] = []
        for p, i in zip(pinyin.split(), initials_key.split(), strict=False):  # malformed: ok
            if p == i:
                others.append(p)
            else:
                syllables.append(p)
                initials.append(i)
        if syllables:
            joined = " ".join(syllables).replace("'", " ")
            py = _PY + joined.replace(" ", " " + _PY)
            py_start = joined.replace(" ", "")[:_HEAD_LATIN]
            letters = "".join(initials).lower()
            ini = _pairs(letters)
        latin = " ".join(others)
    name_en = row.get("name_en") or ""
    sku = row.get("sku") or ""
    if not (name_en.isascii() and sku.isascii()):
        name_en, sku = _normalise(name_en), _normalise(sku)
    # ``head``: how the name starts, as tokens (see _head): the first four Han characters,
    # the first ten letters of the pinyin and of the initials, the first English word and
    # the SKU's first word; then the whole SKU key.
    en = _TOKEN_RE.search(name_en)
    en_word = en.group().lower()[:_HEAD_LATIN] if en else ""
    sku_word = _TOKEN_RE.search(sku)
    # (A dict, not a set: its order, and so the index's bytes, does not follow the process's
    # hash seed.)
    starts = dict.fromkeys(filter(None, (
        han[:_HEAD_HAN], py_start, letters[:_HEAD_LATIN], en_word,
        sku_word.group().lower()[:_HEAD_LATIN] if sku_word else sku_key[:_HEAD_LATIN],
    )))
    # And the first character of each, a token too: a one-character query (tier 1 of "h" or
    # "可") is then one exact term, read in rank order up to a page, not a prefix that merges
    # the doclists of every name start with that letter.
    starts.update(dict.fromkeys([start[0] for start in starts]))
    head = _START + f" {_START}".join(starts) if starts else ""
    if sku_key:
        head += f" {_SKU}{sku_key}"
    # The SKU's words are marked: its number is unique to the product, and a prefix query
    # over the other words ("10"*) must not merge a doclist per SKU number (see _words_from).
    sku_words = _SKU_WORD + f" {_SKU_WORD}".join(_TOKEN_RE.findall(sku)) if sku else ""
    words_col = f"{name_en} {sku_words} {latin}"
    # The first digits of its words that start with two (see _NUMBER_START), by the one
    # pattern: the SKU's words read at once, the others per piece, cached (sizes and English
    # words recur).
    numbers = set(_NUMBER_START_RE.findall(sku_words))
    for piece in f"{name_en} {latin}".split():
        if piece[0] in _DIGITS or not piece.isalpha():
            numbers.update(_number_starts(piece))
    if numbers:
        head = " ".join([*filter(None, [head]), *(_NUMBER_START + n for n in sorted(numbers))])
    return " ".join(han), py, ini, words_col, head, " ".join(map(add, han, han[1:]))


_DIGITS = frozenset("0123456789")


@lru_cache(maxsize=4096)
def _number_starts(piece: str) -> list[str]:
    """The first two digits of the tokens of ``piece`` (text without a space) that start with
    two ASCII digits, after a "¤" of their own too (as an FTS5 prefix query "¤10"* finds)."""
    return _NUMBER_START_RE.findall(piece)


def _rank_key(product_id: int, name_len: int, active: bool) -> int:
    """The FTS rowid of a product: inactive last, then shorter names, then lower ids."""
    if not 0 <= product_id <= _ID_MASK:
        raise ValueError(f"product id {product_id} is outside 0..2**{_ID_BITS}-1")
    return (0 if active else _INACTIVE) | (min(name_len, _MAX_LEN) << _ID_BITS) | product_id


# --------------------------------------------------------------------------- maintenance

# A contentless FTS5 table forgets the text it indexed; deleting a row means handing it the
# same text again, so product_search keeps it. Rows go in and out in rowid order: FTS5 starts a
# new segment whenever a rowid is not above the last one it was given.
_FTS_INSERT = (
    "INSERT INTO product_search_fts (rowid, han, py, ini, words, head, bi)"
    " SELECT rk, han, py, ini, words, head, bi FROM product_search"
    " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rk"
)
_FTS_DELETE = (
    "INSERT INTO product_search_fts (product_search_fts, rowid, han, py, ini, words, head, bi)"
    " SELECT 'delete', rk, han, py, ini, words, head, bi FROM product_search"
    " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY rk"
)
_AUTOMERGE = 4  # FTS5's default
_CRISISMERGE = 16  # FTS5's default
# During a load: no merge before 1,000 segments (10 million products); FTS5 allows 2,000.
_CRISISMERGE_MAX = 1000
# Pages of merged index one step of merge_index writes (FTS5 leaf pages of about 4 KB).
_MERGE_PAGES = 1000
_CHUNK = 500  # ids per "IN (...)" lookup, well below SQLite's limit on variables

class IndexRows(dict[int, tuple[Any, ...]]):
    """What :func:`write_index` stores for a batch of products: id → ``product_search`` row,
    and the batch's ``words`` for ``product_search_words`` (see :func:`_vocabulary`).

    Both are made by :func:`index_rows`, without the database: in an initial sync that is the
    thread preparing pages, not the writer's, which is the pipeline's longer thread (the
    vocabulary of 100,000 products is 0.13 s of Python work).
    """

    __slots__ = ("words",)

    def __init__(self) -> None:
        super().__init__()
        self.words: list[tuple[str]] = []


def index_rows(rows: Iterable[Mapping[str, Any]]) -> IndexRows:
    """The index rows of products, computed without touching the database (so a sync can
    prepare one page while another is being written); :func:`write_index` stores them.

    Each row needs ``id``, ``sku``, ``barcode`` (or None), ``name_zh``, ``name_en``, ``pinyin``
    and ``initials`` (the server-made keys, see :func:`sync_engine.domain.search_keys`),
    ``category`` and ``active`` (``category`` is not searched: it is a filter in the UI).
    Ids must be in 0..2**52-1 (ValueError otherwise). If a batch repeats an id, its last row
    wins.
    """
    table = IndexRows()
    for row in rows:
        product_id = int(row["id"])
        sku = row.get("sku") or ""
        sku_key = _NOT_ALNUM_RE.sub("", sku.lower() if sku.isascii() else _normalise(sku))
        barcode = row.get("barcode")
        rank = _rank_key(product_id, len(row.get("name_zh") or ""), bool(row.get("active", True)))
        table[product_id] = (
            product_id,
            rank,
            _normalise(barcode).strip() if barcode else None,
            *_columns(row, sku_key),
        )
    table.words = [(word,) for word in _vocabulary(row[6] for row in table.values())]
    return table


def index_products(conn: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """Add or replace products in the search index (upsert by ``id``); see :func:`index_rows`
    for what a row needs. Works in the caller's transaction; does not commit."""
    write_index(conn, index_rows(rows))


def write_index(conn: Any, rows: IndexRows) -> None:
    """Store index rows made by :func:`index_rows` (caller's transaction; does not commit).

    Bulk statements, not one per row: the rows go in with a few multi-row inserts, and into
    (and, replaced, out of) the full-text index with one ``INSERT ... SELECT`` each. SQLite
    runs each without Python's GIL, so on a writing thread this overlaps with Python work on
    another (the sync preparing its next page) and never waits for it between two rows.
    """
    db = _driver(conn)
    if not rows:
        return
    ids = json.dumps(list(rows))
    # The initial sync fills an empty index, where bulk speed matters, and skips the lookup.
    if db.execute("SELECT 1 FROM product_search LIMIT 1").fetchone() is not None:
        db.execute(_FTS_DELETE, (ids,))  # the text the replaced products were indexed with
    insert_rows(db, "INSERT OR REPLACE INTO product_search VALUES", rows.values())
    db.execute(_FTS_INSERT, (ids,))
    insert_rows(db, "INSERT OR IGNORE INTO product_search_words VALUES", rows.words)


def _vocabulary(texts: Iterable[str]) -> set[str]:
    """The tokens of ``texts`` (``words`` columns) as the ascii tokenizer makes them, but for
    the SKU's all-digit words (see ``product_search_words``).

    Tokens repeat across a page (English words, sizes): the text is split on spaces first,
    and only the distinct pieces are tokenized. The SKU numbers (one per product) are never
    words of the vocabulary and are dropped before that.
    """
    pieces = " ".join(p for p in set(" ".join(texts).split())
                      if not (p[0] == _SKU_WORD and p[1:].isdigit()))
    return set(tokens(pieces))


INDEX_TABLES = ("product_search", "product_search_words", "product_search_fts_config",
                "product_search_fts_data", "product_search_fts_idx")
"""The index's tables a catalog pack carries (:mod:`.catalog_pack`): its rows, its
vocabulary, and FTS5's own tables of the full-text index (contentless: those are all of it)."""


def copy_index(conn: Any) -> None:
    """Replace the index with that of the catalog pack attached as ``pack`` (checked, same
    definitions; caller's transaction). The barcode index is dropped, made again at the end
    of the initial sync in one sort, and the index is left in bulk-load mode (see
    :func:`set_bulk_load`), as a pull leaves it. The full-text index's bytes came from
    outside: :func:`check_index` checks them, in the upkeep after the sync."""
    db = _driver(conn)
    db.execute("DROP INDEX IF EXISTS product_search_barcode")
    db.execute("DELETE FROM main.product_search")
    db.execute("INSERT INTO main.product_search SELECT * FROM pack.product_search")
    db.execute("DELETE FROM main.product_search_words")
    db.execute("INSERT INTO main.product_search_words SELECT * FROM pack.product_search_words")
    db.execute("DELETE FROM main.product_search_fts_config")
    db.execute("INSERT INTO main.product_search_fts_config"
               " SELECT * FROM pack.product_search_fts_config")
    db.execute("DELETE FROM main.product_search_fts_data")
    db.execute("INSERT INTO main.product_search_fts_data"
               " SELECT * FROM pack.product_search_fts_data")
    db.execute("DELETE FROM main.product_search_fts_idx")
    db.execute("INSERT INTO main.product_search_fts_idx"
               " SELECT * FROM pack.product_search_fts_idx")
    set_bulk_load(db, True)  # (the pack's settings are the everyday ones)


def check_index(conn: Any) -> str | None:
    """FTS5's own check of the full-text index's structure and entries: what is wrong with
    it, or None. A read (SQLite's ``integrity_check`` of the table, which runs FTS5's): it
    takes no write lock, for it reads the whole index (0.8 s for 100,000 products, 8 s for a
    million), which is also why a copied index is checked in the upkeep, not while the user
    waits for the catalog."""
    rows = _driver(conn).execute("PRAGMA integrity_check(product_search_fts)").fetchall()
    problems = [str(row[0]) for row in rows if row[0] != "ok"]
    return "; ".join(problems)[:500] if problems else None


def set_bulk_load(conn: Any, on: bool) -> None:
    """Tune the index for loading a whole catalog (``on``), or back for everyday updates
    (caller's transaction; idempotent).

    - FTS5 merges its segments as they pile up (``automerge``, and all of a level's at once
      when it holds ``crisismerge``). During an initial sync each page adds one large segment,
      and merging them as they come rewrites the index again and again (a fifth of its cost).
      Loaded without merging, the index has a segment per page; a query reads them all, a
      little slower, until they are merged.
    - The barcode index is dropped, and made again at the end in one sort: inserting 100,000
      random barcodes one by one into it cost more than the rest of ``product_search``. Until
      then a barcode is found by a scan.

    The segments of the load are merged into one afterwards by :func:`merge_index`, in short
    steps, as upkeep (``Engine.maintain``), not while the user waits for the catalog: merging
    them at the end of the load was a third of the index's cost in an initial sync, paid on
    the last page, when nothing else overlaps with it.
    """
    db = _driver(conn)
    for option, loading, everyday in (("automerge", 0, _AUTOMERGE),
                                      ("crisismerge", _CRISISMERGE_MAX, _CRISISMERGE)):
        db.execute(
            "INSERT INTO product_search_fts (product_search_fts, rank) VALUES (?, ?)",
            (option, loading if on else everyday),
        )
    db.execute("DROP INDEX IF EXISTS product_search_barcode" if on else _BARCODE_INDEX)


def merge_due(conn: Any) -> bool:
    """Whether the index has more segments than its everyday state (a bulk load's), which
    :func:`merge_index` merges; a read, so the upkeep takes no write lock for nothing."""
    db = _driver(conn)
    segments = db.execute("SELECT count(DISTINCT segid) FROM product_search_fts_idx").fetchone()
    return int(segments[0]) > _AUTOMERGE


def merge_index(conn: Any, pages: int = _MERGE_PAGES) -> bool:
    """One step of merging the segments a bulk load left (see :func:`set_bulk_load`) into one
    (caller's write transaction; call again, in a new transaction, while it returns True).

    Each step writes about ``pages`` pages of merged index (a few MB), so no step holds the
    write lock for long. An index of at most ``automerge`` segments, its everyday state (FTS5's
    own merging keeps it so), is left alone: nothing rewrites the whole catalog's index for a
    few renamed products. Left unmerged (the upkeep did not run), the index still answers
    every query alike, and FTS5's own merging takes the segments up at later writes.
    """
    db = _driver(conn)
    if not merge_due(db):
        return False
    before = db.total_changes
    # A negative size merges all segments into one, as 'optimize' does, but in steps.
    db.execute("INSERT INTO product_search_fts (product_search_fts, rank) VALUES ('merge', ?)",
               (-pages,))
    # Less than two changes: nothing was left to merge (FTS5's documented signal).
    return db.total_changes - before >= 2


def remove_products(conn: Any, ids: Iterable[int]) -> None:
    """Remove products from the search index; unknown ids are ignored. Does not commit."""
    db = _driver(conn)
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return
    as_json = json.dumps(wanted)
    if db.execute(
        "SELECT 1 FROM product_search WHERE id NOT IN (SELECT value FROM json_each(?)) LIMIT 1",
        (as_json,),
    ).fetchone() is None:
        # Everything goes (a full resync): dropping all FTS data beats deleting row by row.
        db.execute("INSERT INTO product_search_fts (product_search_fts) VALUES ('delete-all')")
        db.execute("DELETE FROM product_search_words")
    else:
        db.execute(_FTS_DELETE, (as_json,))
    db.execute("DELETE FROM product_search WHERE id IN (SELECT value FROM json_each(?))",
               (as_json,))


# --------------------------------------------------------------------------- search


def _pinyin_readings(text: str) -> Iterator[tuple[str, ...]]:
    """Ways to read ``text`` as two or more syllables, the last one possibly incomplete.

    Longest syllables first, so the usual reading comes first ("xian" before "xi an").
    """

    def walk(pos: int) -> Iterator[tuple[str, ...]]:
        for end in range(min(len(text), pos + 6), pos, -1):
            piece = text[pos:end]
            if end == len(text):
                if piece in _SYLLABLE_PREFIXES:
                    yield (piece,)
            elif piece in _QUERY_SYLLABLES:
                for rest in walk(end):
                    yield (piece, *rest)

    count = 0
    for reading in walk(0):
        if len(reading) > 1:
            yield reading
            count += 1
            if count == _MAX_SEGMENTATIONS:
                return


# A last syllable with at least this many completions is read through the cover of its
# phrases (see _py_phrases): with fewer, the phrases cost less than checking the cover's rows.
_COVERED = 4


def _py_phrases(syllables: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``py`` phrases for syllables whose last one may be incomplete, and their cover (see
    :class:`_Phrases`).

    An incomplete last syllable is not made an FTS5 prefix: a prefix query merges the doclists
    of every matching term before it returns a row ("z"* or "zhu"* includes 装 zhuang, in most
    names), while exact phrases stream in rowid order and stop after a page. A last syllable
    of one letter becomes the last initial: "jiah" is "jia" followed by a syllable starting
    with h, i.e. ``py : "jia"`` and ``ini : "jh"`` (in practice at the same place in the name).
    Longer ones are completed to each syllable they can start ("zhua" → zhua … zhuang).

    Those completions are many phrases with the same start ("jiuchunsh": "°jiu °chun" and 19
    syllables in sh), each a walk of its own over the doclists of that start, and a rare one
    walks them to the end. From ``_COVERED`` completions on, their cover is the start with the
    initial of the last syllable, as for one letter: ``py : "°jiu °chun" AND ini : "°jc °cs"``
    (the initials key has one letter per syllable, the first, see
    :mod:`sync_engine.domain.search_keys`).
    """
    last = syllables[-1]
    letters = "".join(s[0] for s in syllables)
    pairs = f" {_PY}".join(map(add, letters, letters[1:]))
    start = " ".join(f"{_PY}{s}" for s in syllables[:-1])
    by_initial = [f'py : "{start}" AND ini : "{_PY}{pairs}"'] if len(syllables) > 1 else []
    if len(last) == 1 and by_initial:
        return by_initial, by_initial
    body = "".join(f"{_PY}{s} " for s in syllables[:-1])
    phrases = [f'py : "{body}{_PY}{s}"' for s in _COMPLETIONS.get(last, ())]
    return phrases, by_initial if by_initial and len(phrases) >= _COVERED else phrases


# A term is looked up in the vocabulary when at most this many words start with it; it is
# an FTS5 prefix query otherwise (see _words_from).
_MAX_WORDS = 64


def _words_from(db: sqlite3.Connection, term: str) -> tuple[str, ...] | None:
    """The phrases of ``words`` that find the words starting with ``term``, mostly from the
    vocabulary ``product_search_words``; None for a term of several words or Han.

    An FTS5 prefix query ("gift"*) merges the whole doclists of every term so starting
    (94,000 rows for "gift" at a million products, 2.7 ms) before it returns a row, even when
    the page needs 50; the same words as exact terms are read in rank order and stop after
    the page. The vocabulary holds every token of ``words`` but the SKU numbers, so it knows
    every word starting with the term, and every SKU word, marked, but the all-digit ones;
    those of an all-digit term are a prefix query over the SKU numbers alone ("¤10"*: a
    doclist of one row each). A term that starts more than ``_MAX_WORDS`` words is a prefix
    query.

    A number of two digits ("10") is one token of ``head`` instead, "¦10", which every row
    has one of whose words (or SKU words) starts with those digits: the SKU numbers so
    starting are a tenth of a percent of the catalog each (10,000 doclists at a million
    products, merged in 1.5 ms), and the words of the vocabulary a few large doclists
    ("10", "100", "100g", "105g" …) that FTS5 reads side by side.
    """
    if " " in term or _HAN_RUN_RE.match(term) or term[-1] == "\U0010ffff":
        return None
    if len(term) == _NUMBER_START_DIGITS and term.isascii() and term.isdigit():
        return (f'head : "{_NUMBER_START}{term}"',)

    def starting(start: str) -> list[str]:
        after = start[:-1] + chr(ord(start[-1]) + 1)  # the first text past every such word
        words = [row[0] for row in db.execute(
            "SELECT word FROM product_search_words WHERE word >= ? AND word < ? LIMIT ?",
            (start, after, _MAX_WORDS + 1),
        )]
        if len(words) > _MAX_WORDS:
            return [f'words : "{start}"*']
        return [f'words : "{word}"' for word in words]

    sku_start = _SKU_WORD + term
    phrases = starting(term) + ([f'words : "{sku_start}"*'] if term.isdigit()
                                else starting(sku_start))
    # No word starts with it: the term itself, which matches nothing there.
    return tuple(phrases) or (f'words : "{term}"',)


def _han_phrase(term: str) -> str:
    """The FTS5 phrase of a Chinese term: one character is a token of ``han``; more are the
    phrase of their overlapping pairs in ``bi`` ("可口可乐": ``bi : "可口 口可 可乐"``), which
    finds the rows of the phrase of the characters in ``han`` (``han : "可 口 可 乐"``) from
    the pairs' doclists alone, without a walk of the characters' positions (see ``bi``)."""
    if len(term) == 1:
        return f'han : "{term}"'
    return f'bi : "{" ".join(map(add, term, term[1:]))}"'


class _Phrases(NamedTuple):
    """The FTS5 phrases (each with its column filter) one query term can match (``exact``),
    and a *cover* of them: phrases that every row they match matches too, and that FTS5
    evaluates at a fraction of their cost (see :mod:`.search_phrases`). The rows of the cover
    are checked against the exact phrases; a term without a cheaper cover has its phrases as
    their own cover."""

    exact: tuple[str, ...]
    cover: tuple[str, ...]


def _term_phrases(term: str, words: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The FTS5 phrases one query term can match; see :func:`_phrases`."""
    return _phrases(term, words).exact


@lru_cache(maxsize=256)
def _phrases(term: str, words: tuple[str, ...] | None = None) -> _Phrases:
    """The FTS5 phrases (each with its column filter) one query term can match, and their
    cover; ``words``: its phrases of the ``words`` column (see :func:`_words_from`), or None
    for prefix queries.

    Every piece of text put in a phrase is letters, digits or Han characters only (the query
    was split on everything else, and words are tokens), so quoting it needs no escaping and
    no query syntax from the user ever reaches FTS5.
    """
    if _HAN_RUN_RE.fullmatch(term):
        han = (_han_phrase(term),)
        return _Phrases(han, han)
    parts = term.split()
    if len(parts) > 1:  # "ko-33": adjacent words (of the SKU too), or the start of a SKU key
        sku_words = [_SKU_WORD + part for part in parts]
        sku_key = f'head : "{_SKU}{"".join(parts)}"*'
        exact = (f'words : "{" ".join(parts)}"*', f'words : "{" ".join(sku_words)}"*',
                 sku_key)
        last = parts[-1]
        if last.isdigit() and len(last) > 1:
            # The number of a SKU ("bev-00"): the SKU's letters would cover a whole category,
            # and a few SKU numbers merged cost less.
            return _Phrases(exact, exact)
        # The last word is a prefix that merges the doclists of every word so starting before
        # FTS5 returns a row ("lay s"*: every word in s, 430,000 rows at a million products;
        # "6 pac"*: every "6-pack"; "¤1"*: a tenth of the SKU numbers); the words before it
        # are the cover.
        return _Phrases(exact, (f'words : "{" ".join(parts[:-1])}"',
                                f'words : "{" ".join(sku_words[:-1])}"', sku_key))
    if words is None:
        phrases = [f'words : "{term}"*', f'words : "{_SKU_WORD}{term}"*']
    else:
        phrases = list(words)
    if not term.isalpha() and not term.isdigit():
        # "ko33" typed for KO-3301. Only mixed terms: a prefix of a SKU's first word (letters)
        # or of its number (digits) is a word prefix already, and a short one would merge the
        # doclists of thousands of unique SKU keys.
        phrases.append(f'head : "{_SKU}{term}"*')
    cover = list(phrases)
    if term.isalpha():
        # One letter as initials is the start of a syllable: the py phrases cover it.
        if len(term) > 1:
            pairs = f" {_PY}".join(map(add, term, term[1:]))
            phrases.append(f'ini : "{_PY}{pairs}"')
            cover.append(phrases[-1])
        for reading in ((term,), *_pinyin_readings(term)):
            read_as, covering = _py_phrases(reading)
            phrases += read_as
            cover += [p for p in covering if p not in cover]
    return _Phrases(tuple(phrases), tuple(cover))


def _terms(query: str) -> list[str]:
    """Split a normalised query into terms; words joined by punctuation stay one term."""
    terms: list[str] = []
    for chunk in query.split():
        parts = _TERM_RE.findall(chunk)
        if len(parts) > 1 and not any(_HAN_RUN_RE.match(p) for p in parts):
            terms.append(" ".join(parts))
        else:
            terms.extend(parts)
    return terms


def _or(phrases: Iterable[str]) -> str:
    return "(" + " OR ".join(f"({p})" for p in phrases) + ")"


def _head(term: str, words: tuple[str, ...] | None = None) -> str | None:
    """FTS5 query: the name (Chinese, pinyin, initials or English) or SKU starts with ``term``.

    Uses the ``head`` tokens (see :func:`_columns`): a prefix query over the few distinct name
    starts, instead of "^" phrases checked on every row of a large doclist.
    A term of several words ("ko-33") only counts as the start of a SKU. ``words``: see
    :func:`_term_phrases`.
    """
    if " " in term:
        return None
    if len(term) == 1:  # every name start's first character is a token of its own
        return f'head : "{_START}{term}"'
    cap = _HEAD_HAN if _HAN_RUN_RE.match(term) else _HEAD_LATIN
    if len(term) <= cap:
        return f'head : "{_START}{term}"*'
    return f'head : "{_START}{term[:cap]}" AND ' + _or(
        p.replace(' : "', ' : ^"') for p in _term_phrases(term, words)
    )


# A one-digit number in a query of several terms ("可乐 1", "香皂 2") is usually the start of a
# size or spec, and as an FTS5 prefix query ("1"*) it merges the doclists of every word so
# starting (every size and SKU number from 1: ~450,000 rows at a million products, 50 ms)
# before it returns a row. It is therefore checked on the rows the other terms find (see
# _fetch), of which it matches many (a tenth of all SKU numbers start with each digit). Longer
# numbers match few of those rows, and merge far fewer words: they stay FTS5 terms.
_NUMBER_DIGITS = 1
# The check reads at most this many rows of the other terms (a look-up each, ~5 µs at a
# million products); a digit that rare among them is then an FTS5 term after all. A cover
# (see _Phrases) gives up as soon as the rows it matched so far say the page would take more.
_NUMBER_BUDGET = 1000


class _TooRare(Exception):
    """A number or a cover checked on the rows an FTS5 query finds matched too few of them."""


class _Query(NamedTuple):
    """An FTS5 query, the numbers a row it finds must also have a word starting with, and the
    checks of the terms it has as their cover (see :class:`_Phrases`)."""

    match: str
    numbers: tuple[str, ...] = ()
    checks: tuple[TermCheck, ...] = ()


def _is_number(term: str) -> bool:
    return term.isascii() and term.isdigit() and len(term) <= _NUMBER_DIGITS


@lru_cache(maxsize=256)
def _term_check(term: str, words: tuple[str, ...] | None) -> TermCheck:
    return TermCheck(_term_phrases(term, words))


class _Plan:
    """The FTS5 queries for one search (see the module doc). With ``checks``, a short number
    among several terms is not an FTS5 term but checked on the rows of the others, and a term
    with a cover (see :class:`_Phrases`) is that cover, its rows checked."""

    def __init__(self, terms: list[str], key: str | None,
                 words: Mapping[str, tuple[str, ...] | None], *, checks: bool = True) -> None:
        checked = [checks and _is_number(t) for t in terms]
        if all(checked):  # nothing else to find the rows by ("500 1")
            checked = [False] * len(terms)
        phrases = [_phrases(t, words[t]) for t in terms]
        covered = [checks and p.cover != p.exact for p in phrases]
        groups = [_or(p.cover if c else p.exact) for p, c in zip(phrases, covered, strict=True)]

        def query(indexes: range) -> _Query:
            kept = [groups[i] for i in indexes if not checked[i]]
            return _Query(" AND ".join(kept), tuple(terms[i] for i in indexes if checked[i]),
                          tuple(_term_check(terms[i], words[terms[i]])
                                for i in indexes if covered[i]))

        #: every term
        self.everything = query(range(len(terms)))
        #: tier 0: the exact SKU key
        self.exact = f'head : "{_SKU}{key}"' if key else None
        head = _head(terms[0], words[terms[0]])
        starts = [head] if head else []
        #: the head tokens of which a tier-1 row has one starting with one of these, when
        #: prefixes say it all (None when the head condition needs phrases)
        prefixes: list[str] | None = []
        cap = _HEAD_HAN if _HAN_RUN_RE.match(terms[0]) else _HEAD_LATIN
        if head:
            prefixes = [_START + terms[0]] if len(terms[0]) <= cap else None
        if key and (" " in terms[0] or not (key.isalpha() and len(key) <= _HEAD_LATIN)):
            # The SKU starts with the key ("ko33", "bev-00"); a key of letters only is a
            # prefix of the SKU's first word, which the head tokens hold.
            starts.append(f'head : "{_SKU}{key}"*')
            if prefixes is not None:
                prefixes.append(_SKU + key)
        self.prefixes = tuple(prefixes) if prefixes else None
        #: tiers 1 and 2. The "starts with" condition of a one-term query is used alone: a
        #: name whose Chinese, pinyin, initials or English starts with the term matches it.
        self.tiers = [self.everything]
        #: the "starts with" condition alone (None when there is none)
        self.start: str | None = None
        if starts:  # not e.g. "đ-ħ": neither a name start nor a SKU key
            self.start = start = first = _or(starts)
            rest = query(range(1, len(terms)))
            if rest.match:
                first = f"{first} AND {rest.match}"
            # A row with every term that does not start so is tier 2: tier 1's other terms,
            # numbers and checks can be left out of the NOT (every row of tier 2 has them, and
            # a row without one is in neither tier). FTS5 then reads the other terms once: a
            # number's prefix ("¤45"*: ~9,500 SKU numbers at a million products) is merged
            # once, not twice (1.3 ms).
            self.tiers = [
                rest._replace(match=first),
                self.everything._replace(match=f"({self.everything.match}) NOT {start}"),
            ]


# A query of several terms is first fetched this far (its first rows in rank order), and split
# into tiers here: FTS5 then evaluates its terms once rather than once per tier. When it
# matches no more, that is the whole answer; when it matches more, the window's rows that are
# not tier 1 are tier 2's first ones (see search_products). Twice the desktop's page of 100, so
# its first page comes from the window; every row of the window costs a look-up of its head
# (a window of 1,000 was 2-3 ms of a query at a million products).
_SMALL = 200


def _starting(db: sqlite3.Connection, rows: list[int], prefixes: tuple[str, ...]) -> set[int]:
    """Those of ``rows`` (rank keys) whose head tokens start with one of ``prefixes``.

    The tokens of ``head`` are separated by single spaces and no prefix has one (the first
    term has none, nor has a SKU key), so a token starts with a prefix where the text, after
    a space, has it: one substring search a prefix (splitting 200 heads into their tokens
    took 0.4 ms of a query at a million products).
    """
    heads: set[int] = set()
    ids = [r & _ID_MASK for r in rows]
    needles = [f" {prefix}" for prefix in prefixes]
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for rank, head in db.execute(
            "SELECT rk, head FROM product_search"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            text = f" {head.lower()}"
            if any(needle in text for needle in needles):
                heads.add(rank)
    return heads


_FETCH = (
    "SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH ? AND rowid < ?"
    " ORDER BY rowid LIMIT ?"
)
_NUMBER_BATCH = 200  # rows of the other terms checked for numbers at a time
_MIN_BATCH = 16  # and at least this many, so that a rare match takes a few batches, not many


@lru_cache(maxsize=64)
def _word_start(number: str) -> re.Pattern[str]:
    """Finds ``number`` at the start of a word (a token of the ascii tokenizer), or of a
    SKU word after its mark."""
    return re.compile(rf"(?<![0-9A-Za-z\x80-\U0010ffff]){_SKU_WORD}?{number}")


def _fetch(db: sqlite3.Connection, query: _Query, below: int, limit: int) -> list[int]:
    """The first ``limit`` (-1: all) rank keys of the rows ``query`` finds, best first.

    Its numbers and checks are tried on the rows its FTS5 query finds, a batch at a time in
    rank order, as FTS5 would match them: for a number, a word of ``words`` starts with it;
    for a check, one of its term's phrases is in the row's text. Raises :class:`_TooRare`
    after reading ``_NUMBER_BUDGET`` rows without completing the page, or with checks, as
    soon as the rows matched so far say the page would need more.
    """
    checked = query.numbers or query.checks
    cursor = db.execute(_FETCH, (query.match, below, -1 if checked else limit))
    if not checked:
        return [r[0] for r in cursor]
    starts = [_word_start(n).search for n in query.numbers]
    checks = query.checks
    names = "".join(f", {column}" for column in COLUMNS) if checks else ""
    found: list[int] = []
    read = 0
    size = _NUMBER_BATCH if limit < 0 else min(max(limit, _MIN_BATCH), _NUMBER_BATCH)
    while rows := [r[0] for r in cursor.fetchmany(size)]:  # _NUMBER_BATCH < _CHUNK
        ids = [r & _ID_MASK for r in rows]
        texts = {r[0]: r[1:] for r in db.execute(
            f"SELECT rk, words{names} FROM product_search"
            f" WHERE id IN ({','.join('?' * len(ids))})",
            ids,
        )}
        for rank in rows:
            text = texts.get(rank)
            if text is None or not all(start(text[0]) for start in starts):
                continue
            if checks:
                row = Row(text[1:])
                if not all(check(row) for check in checks):
                    continue
            found.append(rank)
        if 0 <= limit <= len(found):
            cursor.close()
            return found[:limit]
        read += len(rows)
        if read >= _NUMBER_BUDGET or (
            checks and limit >= 0 and read * limit > _NUMBER_BUDGET * max(len(found), 1)
        ):
            cursor.close()
            raise _TooRare
        if limit >= 0:  # as many rows as the rate so far says the page needs
            size = (limit - len(found)) * read // max(len(found), 1)
            size = min(max(size, _MIN_BATCH), _NUMBER_BATCH)
    return found


def search_products(
    conn: Any,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    include_inactive: bool = False,
) -> list[int]:
    """Return the ids of the products matching ``query``, best first.

    Matches barcodes (exact), SKUs (prefix, ignoring case and punctuation: "ko33" and "KO-33"
    find "KO-3301"), English and latin words (prefix of each word), Chinese (any substring,
    from one character), full pinyin from any syllable ("kekou", "kele", "niurou") and initials
    from any character ("kl" finds 可口可乐). Several words must all match, in any order.
    Any input is accepted: an empty query, or one without letters, digits or Han characters,
    returns no results; FTS5 syntax in the query is treated as text.
    """
    normalised = _normalise(query).strip()
    terms = _terms(normalised)
    if not terms or limit <= 0:
        return []
    db = _driver(conn)
    offset = max(offset, 0)
    wanted = offset + limit
    below = (1 << 63) - 1 if include_inactive else _INACTIVE
    key = _NOT_ALNUM_RE.sub("", normalised) or None
    words = {t: _words_from(db, t) for t in terms}
    try:
        found = _search(db, normalised, terms, _Plan(terms, key, words), wanted, below)
    except _TooRare:  # a number or cover that matches too few rows: FTS5 matches every term
        plan = _Plan(terms, key, words, checks=False)
        found = _search(db, normalised, terms, plan, wanted, below)
    return [r & _ID_MASK for r in found[offset:wanted]]


def _search(
    db: sqlite3.Connection, normalised: str, terms: list[str], plan: _Plan, wanted: int,
    below: int,
) -> list[int]:
    """The first ``wanted`` rank keys of :func:`search_products` (a few more at times)."""
    # Tier 0, exact barcode or SKU: a handful of rows at most.
    first: set[int] = set()
    if " " not in normalised:  # barcodes are not tokens: a scanned code is looked up directly
        first.update(r[0] for r in db.execute(
            "SELECT rk FROM product_search WHERE barcode = ? AND rk < ?", (normalised, below)
        ))
    if plan.exact is not None:
        exact_rows = [r[0] for r in db.execute(_FETCH, (plan.exact, below, -1))]
        if exact_rows and any(_HAN_RUN_RE.match(t) for t in terms):
            # "可乐 330" must not put a product whose SKU is "330" first unless it is a 可乐
            check = plan.everything._replace(match=f"{plan.exact} AND {plan.everything.match}")
            exact_rows = _fetch(db, check, below, -1)
        first.update(exact_rows)
    found = sorted(first)
    # Numbers and covers to check read rows until the page is full, not a window's worth: no
    # window.
    everything = plan.everything
    checked = everything.numbers or everything.checks
    if len(terms) > 1 and plan.prefixes is not None and not checked:
        rows = _fetch(db, everything, below, _SMALL + 1)
        whole = len(rows) <= _SMALL
        if whole or wanted <= _SMALL // 2:
            window = [r for r in rows if r not in first]
            starting = _starting(db, window, plan.prefixes)
            tier1 = [r for r in window if r in starting]
            if not whole and len(found) + len(tier1) < wanted and plan.start and _fetch(
                db, _Query(plan.start), below, 1
            ):
                # Tier 1 may go on past the window (its rows rank anywhere among the matches),
                # if any name starts so: a query of those few name starts tells (家庭装 is
                # not 庭装…), where tier 1's own query would read the other terms again.
                ask = wanted - len(found) + len(first)
                tier1 = [r for r in _fetch(db, plan.tiers[0], below, ask) if r not in first]
            # Tier 2 ranks in the window as in all the matches; past the window are only rows
            # ranked after all of it, and the window holds more than the page needs.
            return found + tier1 + [r for r in window if r not in starting]
    # Tiers 1 and 2 come in rank order from FTS5, which stops after the rows asked for.
    for tier in plan.tiers:
        if len(found) >= wanted:
            break
        ask = wanted - len(found) + len(first)
        rows = _fetch(db, tier, below, ask)
        found += [r for r in rows if r not in first] if first else rows
    return found
