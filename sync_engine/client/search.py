"""Local, offline product search over the client's SQLite replica.

Connections
-----------
Every function takes a DB-API ``sqlite3.Connection``; an SQLAlchemy ``Connection`` is accepted
too and unwrapped to ``connection.driver_connection``. The functions run in the caller's
transaction and never commit, so a sync page can update products and their index atomically.

Schema (owned here, created by :func:`create_search_schema`)
-----------------------------------------------------------
``product_search``
    one row per indexed product with what exact matching and ranking need: ``id`` (the
    product id), ``sku_key`` (the SKU lowercased, letters and digits only: "BEV-000123" →
    "bev000123"), ``barcode``, ``name_len`` and ``active``.
``product_search_fts``
    an FTS5 table, rowid = product id, with four columns of tokens separated by spaces:

    ``han``    each Han character of the Chinese name is one token ("可 口 可 乐 罐 装"), so any
               Chinese substring, even one character, is a phrase query ("可 乐");
    ``py``     the pinyin syllables and the latin/digit words of the Chinese name, from the
               server-made key (see :mod:`sync_engine.domain.search_keys`): "ke kou ke le 330ml
               guan zhuang"; full pinyin "kekou" or "niurou" is a phrase of syllables whose last
               one may be incomplete ("ke kou"*);
    ``ini``    overlapping pairs of syllable initials plus the last one ("kk kk kl lg gz z"): the
               initials "kl" are one token, "kkkl" a phrase of three ("kk kk kl"). Pairs rather
               than single letters because a single letter occurs in most names, which makes
               phrase queries over single letters slow;
    ``words``  the English name, the SKU and the SKU key ("coca cola 330ml bev 000123
               bev000123").

    The table uses FTS5's ``ascii`` tokenizer: it splits on ASCII spaces and punctuation only
    and keeps every other character, so what a token is is decided here alone, identically
    when indexing and when querying (``unicode61`` would make its own, version-dependent
    decisions about which characters separate words). Case and accents are folded here too.

Query plan
----------
The query is normalised and split into terms: Han runs, and latin/digit runs ("KO-33" and
"coca-cola" give one term made of two adjacent words). Every term must match (AND, any order);
a term matches as a Han phrase, as initials, as full pinyin, or as the prefix of a word. The
candidates are joined to ``product_search`` and ranked: exact barcode or SKU first, then
products whose name (Chinese, pinyin, English) or SKU *starts* with the first term, then the
rest; within a tier active first, shorter names first, then id. Exact barcodes are looked up in
``product_search`` directly, since they are not tokens.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from operator import add
from typing import Any

__all__ = ["create_search_schema", "index_products", "remove_products", "search_products"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN_RE = re.compile(rf"[{_HAN}]+")
_NOT_HAN_RE = re.compile(rf"[^{_HAN}]+")
_NOT_ALNUM_RE = re.compile(r"[^0-9a-z]+")
_TERM_RE = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")

# Toneless pinyin syllables ("v" for ü, as pypinyin and keyboards write it), as initial × final.
# A few combinations that do not exist in Mandarin are accepted; they only make query
# segmentation try an alternative that matches nothing.
_INITIALS = (
    "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh",
    "r", "z", "c", "s", "y", "w",
)
_FINALS = (
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er",
    "an", "en", "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang", "iong",
    "ua", "uo", "uai", "uan", "uang", "van", "n", "ng", "m",
)
_SYLLABLES = frozenset(i + f for i in _INITIALS for f in _FINALS)
_SYLLABLE_PREFIXES = frozenset(s[:k] for s in _SYLLABLES for k in range(1, len(s) + 1))
# The interjections 嗯/呣 (n, ng, m) are real syllables, but reading "zhuan" as "zhua n" costs
# a query for a name no one orders; they are still found as prefixes ("n" of "niu").
_QUERY_SYLLABLES = _SYLLABLES - {"n", "ng", "m"}
# At most this many readings of one pinyin query are tried ("xian" is 先 or 西安).
_MAX_SEGMENTATIONS = 3

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS product_search (
        id INTEGER PRIMARY KEY,
        sku_key TEXT NOT NULL,
        barcode TEXT,
        name_len INTEGER NOT NULL,
        active INTEGER NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS product_search_barcode ON product_search (barcode)",
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS product_search_fts USING fts5(
        han, py, ini, words, tokenize = 'ascii'
    )
    """,
)


def _driver(conn: Any) -> sqlite3.Connection:
    """Unwrap an SQLAlchemy ``Connection`` to its ``sqlite3.Connection``; pass others through."""
    if isinstance(conn, sqlite3.Connection):
        return conn
    return conn.connection.driver_connection  # type: ignore[no-any-return]


def create_search_schema(conn: Any) -> None:
    """Create the search tables if they do not exist (idempotent; called by the migration)."""
    db = _driver(conn)
    for statement in _SCHEMA:
        db.execute(statement)


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
    """Overlapping pairs plus the last unit: "kkkl" → "kk kk kl l"."""
    return " ".join(map(add, units, units[1:])) + " " + units[-1]


def _han(text: str) -> str:
    """The Han characters of ``text``, in order; NFKC only when needed (compatibility forms)."""
    han = _NOT_HAN_RE.sub("", text)
    if not unicodedata.is_normalized("NFKC", han):
        han = unicodedata.normalize("NFKC", han)
    return han


def _columns(row: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """The ``han``, ``py``, ``ini`` and ``words`` token strings of one product row.

    This runs 100,000 times in an initial sync, so it sticks to a few C-level string calls and
    skips Unicode normalisation for ASCII text (the ascii tokenizer folds its case).
    """
    han = _han(row.get("name_zh") or "")
    pinyin = row.get("pinyin") or ""
    initials_key = row.get("initials") or ""
    if not (pinyin.isascii() and initials_key.isascii()):
        pinyin, initials_key = _normalise(pinyin), _normalise(initials_key)
    # Initials of Han words only: a latin word is the same in both keys and has no initials.
    words = zip(pinyin.split(), initials_key.split(), strict=False)  # malformed keys: no raise
    initials = "".join(i for p, i in words if p != i)
    name_en = row.get("name_en") or ""
    sku = row.get("sku") or ""
    if not (name_en.isascii() and sku.isascii()):
        name_en, sku = _normalise(name_en), _normalise(sku)
    return (
        " ".join(han),
        pinyin.replace("'", " "),
        _pairs(initials.lower()) if initials else "",
        f"{name_en} {sku} {_NOT_ALNUM_RE.sub('', sku.lower())}",
    )


# --------------------------------------------------------------------------- maintenance


def index_products(conn: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """Add or replace products in the search index (upsert by ``id``).

    Each row needs ``id``, ``sku``, ``barcode`` (or None), ``name_zh``, ``name_en``, ``pinyin``
    and ``initials`` (the server-made keys, see :func:`sync_engine.domain.search_keys`),
    ``category`` and ``active`` (``category`` is not searched: it is a filter in the UI).
    Works in the caller's transaction; does not commit.
    """
    db = _driver(conn)
    meta: list[tuple[int, str, str | None, int, int]] = []
    fts: list[tuple[int, str, str, str, str]] = []
    for row in rows:
        product_id = int(row["id"])
        barcode = row.get("barcode")
        meta.append(
            (
                product_id,
                _NOT_ALNUM_RE.sub("", _normalise(row.get("sku") or "")),
                _normalise(barcode).strip() if barcode else None,
                len(row.get("name_zh") or ""),
                1 if row.get("active", True) else 0,
            )
        )
        fts.append((product_id, *_columns(row)))
    if not meta:
        return
    # An FTS5 row cannot be upserted: existing entries must be deleted first. The initial sync
    # fills an empty index, where bulk speed matters, and skips that.
    if db.execute("SELECT 1 FROM product_search LIMIT 1").fetchone() is not None:
        db.executemany("DELETE FROM product_search_fts WHERE rowid = ?", [(m[0],) for m in meta])
    db.executemany("INSERT OR REPLACE INTO product_search VALUES (?, ?, ?, ?, ?)", meta)
    db.executemany(
        "INSERT INTO product_search_fts (rowid, han, py, ini, words) VALUES (?, ?, ?, ?, ?)", fts
    )


def remove_products(conn: Any, ids: Iterable[int]) -> None:
    """Remove products from the search index; unknown ids are ignored. Does not commit."""
    db = _driver(conn)
    params = [(int(i),) for i in ids]
    db.executemany("DELETE FROM product_search_fts WHERE rowid = ?", params)
    db.executemany("DELETE FROM product_search WHERE id = ?", params)


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


@lru_cache(maxsize=256)
def _term_phrases(term: str) -> tuple[str, ...]:
    """The FTS5 phrases (each with its column filter) one query term can match.

    Every piece of text put in a phrase is letters, digits or Han characters only (the query
    was split on everything else), so quoting it needs no escaping and no query syntax from
    the user ever reaches FTS5.
    """
    if _HAN_RUN_RE.fullmatch(term):
        return (f'han : "{" ".join(term)}"',)
    words = term.split()
    if len(words) > 1:  # "ko-33": adjacent words, or one joined SKU key
        return (f'{{words py}} : "{" ".join(words)}"*', f'words : "{"".join(words)}"*')
    phrases = [f'{{words py}} : "{term}"*']
    if term.isalpha():
        pairs = " ".join(map(add, term, term[1:]))
        phrases.append(f'ini : "{pairs}"' if len(term) > 1 else f'ini : "{term}"*')
        phrases.extend(f'py : "{" ".join(r)}"*' for r in _pinyin_readings(term))
    return tuple(phrases)


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
    match = " AND ".join(_or(_term_phrases(t)) for t in terms)
    # The first term at the very start of a column: the name (or SKU) starts with it.
    head = _or(p.replace(' : "', ' : ^"') for p in _term_phrases(terms[0]))
    candidates = "SELECT rowid AS id FROM product_search_fts WHERE product_search_fts MATCH :m"
    if " " not in normalised:
        # Barcodes are not tokens; a scanned code is looked up directly.
        candidates += " UNION SELECT id FROM product_search WHERE barcode = :exact"
    sql = f"""
        SELECT s.id FROM ({candidates}) AS c JOIN product_search AS s ON s.id = c.id
        WHERE s.active OR :inactive
        ORDER BY
            CASE
                WHEN s.barcode = :exact OR s.sku_key = :key THEN 0
                WHEN substr(s.sku_key, 1, length(:key)) = :key OR s.id IN (
                    SELECT rowid FROM product_search_fts WHERE product_search_fts MATCH :head
                ) THEN 1
                ELSE 2
            END,
            s.active DESC, s.name_len, s.id
        LIMIT :limit OFFSET :offset
    """
    params = {
        "m": match,
        "head": head,
        "exact": normalised,
        "key": _NOT_ALNUM_RE.sub("", normalised) or None,
        "inactive": 1 if include_inactive else 0,
        "limit": limit,
        "offset": max(offset, 0),
    }
    return [row[0] for row in _driver(conn).execute(sql, params)]
