"""Finding a customer by what a rep types: the code, a name in either language, or the pinyin
of the Chinese name, full ("lianhua") or initials ("lhcs").

A device holds the customers of one user's scope (a rep's own: tens to a few thousand), so they
are matched here over the rows the caller read, not through an index as the 100,000 products
are (:mod:`.search`). The pinyin keys are the ones products are searched by
(:func:`sync_engine.domain.search_keys`), made once per name and kept — and only for a term
of latin letters that the code and the names do not hold: pypinyin's dictionaries cost the
process some 50 MB, which the app does not pay until someone types pinyin (product keys are
made by the server).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .values import CustomerView

__all__ = ["find_customers"]


def _fold(text: str) -> str:
    """Case, width ("ＫＯ" → "ko") and spacing folded, for matching."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


@lru_cache(maxsize=16_384)
def _keys(name: str) -> tuple[str, str]:
    """The name's pinyin and initials with separators dropped ("shanghailianhua…", "shlh…")."""
    from sync_engine.domain.search_keys import search_keys  # pypinyin: see the module doc

    full, initials = search_keys(name)
    return full.replace("'", "").replace(" ", ""), initials.replace(" ", "")


def _rank(c: CustomerView, terms: list[str]) -> int | None:
    """0 the code is the text, 1 the code starts with it, 2 a name (or its pinyin) starts with
    it, 3 every term is somewhere in the code, the names or the pinyin; None: no match."""
    code, name, name_en = _fold(c.code), _fold(c.name), _fold(c.name_en)
    plain = (code, name, name_en)
    keys: tuple[str, str] | None = None
    for term in terms:
        bare = term.replace(" ", "")
        if any(term in f or bare in f for f in plain):
            continue
        if not (bare.isascii() and bare.isalpha()):
            return None
        keys = keys or _keys(c.name)
        if not any(bare in k for k in keys):
            return None
    first = terms[0]
    if len(terms) == 1 and code == first:
        return 0
    if code.startswith(first):
        return 1
    if any(f.startswith(first) for f in (name, name_en, *(keys or ()))):
        return 2
    return 3


def find_customers(customers: Iterable[CustomerView], text: str,
                   limit: int = 20) -> list[CustomerView]:
    """The customers ``text`` finds, best first (see :func:`_rank`; then by code); every
    whitespace-separated term must match. An empty text finds none."""
    terms = _fold(text).split()
    if not terms or limit <= 0:
        return []
    ranked = []
    for c in customers:
        rank = _rank(c, terms)
        if rank is not None:
            ranked.append((rank, c.code, c))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [c for _rank_, _code, c in ranked[:limit]]
