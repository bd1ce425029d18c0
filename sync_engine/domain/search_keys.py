"""Pinyin search keys for Chinese product names.

The server computes these once per product at import time and ships them with the product, so
that the offline client can match "kekou" or "kkkl" against 可口可乐 without running pypinyin
over 100,000 names at sync time.

Format (the client's search index relies on it; change both together):

- The name is NFKC-normalised (full-width "３３０ｍｌ" becomes "330ml") and lowercased, then
  split into *words*: each maximal run of Han characters is one word, each maximal run of other
  letters/digits is one word; everything else (spaces, punctuation, "×", brackets) separates
  words and is dropped.
- ``full``: Han words become their toneless pinyin syllables, joined by an apostrophe, the
  standard pinyin syllable separator ("ke'kou'ke'le"; drop the apostrophes for the plain
  "kekoukele"); other words stay as they are ("330ml"). Words are joined by single spaces.
  The apostrophes are there because the client indexes syllables (so "niurou" finds
  康师傅红烧牛肉面) and recovering syllable boundaries from "kangshifuhongshaoniuroumian" on
  the client would cost more than the whole rest of indexing.
- ``initials``: Han words become the first letter of each syllable, exactly one letter per
  syllable ("kkkl"; zh/ch/sh give z/c/s, as users type them); other words stay as they are.
- Both strings have the same number of words, in the same order, so word *i* of ``full`` and
  word *i* of ``initials`` describe the same part of the name.

Example: ``search_keys("可口可乐 330ml 罐装") == ("ke'kou'ke'le 330ml guan'zhuang",
"kkkl 330ml gz")``.

Polyphones: pypinyin picks the reading from its phrase dictionary (银行 → yinhang,
行李 → xingli); when a character is not in a known phrase its most common reading is used.
Only that one reading is emitted — alternative readings would double the keys for every name
with a polyphone to help in the rare case where the phrase dictionary is wrong.
Han characters pypinyin has no reading for are skipped in both keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["search_keys"]

# CJK Unified Ideographs, Extension A, Compatibility Ideographs, and the supplementary-plane
# extensions (B–F and later), which is what pypinyin has readings for.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_WORD_RE = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
_HAN_RE = re.compile(rf"[{_HAN}]")


@lru_cache(maxsize=65_536)
def _han_word(word: str) -> tuple[str, str]:
    """Pinyin and initials for one run of Han characters.

    Cached per word: catalog names reuse the same brands and product words over and over, so
    most words after the first few thousand names are cache hits. The phrase dictionary still
    sees the whole run, which is what resolves polyphones.

    pypinyin is imported here, by the first word that needs it: its dictionaries cost a process
    some 55 MB, which a server that is not importing Chinese product names does not pay (nor the
    app, :mod:`sync_engine.client.customer_search`, until someone types pinyin).
    """
    from pypinyin import Style, lazy_pinyin

    syllables = [
        s for s in lazy_pinyin(word, style=Style.NORMAL, errors="ignore") if s.isascii() and s
    ]
    return "'".join(syllables), "".join(s[0] for s in syllables)


def search_keys(name_zh: str) -> tuple[str, str]:
    """Return ``(full_pinyin, initials)`` for a product name, as described in the module doc.

    >>> search_keys("可口可乐 330ml 罐装")
    ("ke'kou'ke'le 330ml guan'zhuang", 'kkkl 330ml gz')
    >>> search_keys("")
    ('', '')
    """
    full: list[str] = []
    initials: list[str] = []
    for word in _WORD_RE.findall(unicodedata.normalize("NFKC", name_zh).lower()):
        if _HAN_RE.match(word):
            py, ini = _han_word(word)
            if not py:  # only characters without a known reading
                continue
            full.append(py)
            initials.append(ini)
        else:
            full.append(word)
            initials.append(word)
    return " ".join(full), " ".join(initials)
