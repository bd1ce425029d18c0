"""A query term's FTS5 phrases, checked on one row of ``product_search`` in Python.

Some terms match through many phrases that FTS5 evaluates one by one: "jiuchunsh" is
``py : "°jiu °chun °sha"``, ``… °shai"`` and 17 more, each a walk over the doclists of °jiu and
°chun, and "lay's" is ``words : "lay s"*``, whose prefix token merges the doclist of every word
starting with "s" before a row comes back. :mod:`.search` then asks FTS5 for a cheaper
*cover* of the term, a phrase that every row of those phrases matches ("°jiu °chun", with a
syllable in s after them: ``py : "°jiu °chun" AND ini : "°jc °cs"``), reads its rows in rank
order, and keeps those that match one of the term's phrases, checked here on the row's own
text, until the page is full.

The check reads the phrases :mod:`.search` wrote for FTS5, in the only form it writes them:
``column : "token token …"``, optionally ``*`` (the last token is a prefix), several joined by
`` AND ``. It tokenizes the row's text as the ``ascii`` tokenizer does (ASCII letters and
digits and every non-ASCII character make tokens, ASCII case is folded) and a phrase matches
when its tokens follow one another in that column, as in FTS5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = ["COLUMNS", "TOKEN_RE", "Row", "TermCheck", "tokens"]

#: The columns of ``product_search`` that are indexed, in the full-text table's order.
COLUMNS = ("han", "py", "ini", "words", "head", "bi")
_COLUMN = {name: i for i, name in enumerate(COLUMNS)}
#: A token as the ascii tokenizer makes it: ASCII letters and digits, and any non-ASCII.
TOKEN_RE = re.compile(r"[0-9A-Za-z\x80-\U0010ffff]+")
#: The ascii tokenizer folds the case of ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PART_RE = re.compile(r'(\w+) : "([^"]*)"(\*?)')


def _folded(text: str) -> str:
    """``text`` with its ASCII letters folded to lower case, as the tokenizer folds them.

    ``translate`` walks a text with non-ASCII characters one character at a time (~15 µs for
    the columns of a row); the index's texts but English names have no capital to fold.
    """
    if text.isascii():
        return text.lower()
    return text if text.lower() == text else text.translate(_ASCII_LOWER)


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of ``text`` as the ``ascii`` tokenizer makes them, in order."""
    return tuple(TOKEN_RE.findall(_folded(text)))


class Row:
    """The indexed text of one product (``product_search``'s :data:`COLUMNS`), folded and
    tokenized only as far as a check looks at it."""

    __slots__ = ("_folded", "_texts", "_tokens")

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._folded: dict[int, str] = {}
        self._tokens: dict[int, tuple[str, ...]] = {}

    def folded(self, column: int) -> str:
        """The column's text, its ASCII letters in lower case."""
        if column not in self._folded:
            self._folded[column] = _folded(self._texts[column])
        return self._folded[column]

    def tokens(self, column: int) -> tuple[str, ...]:
        """The column's tokens, in order."""
        if column not in self._tokens:
            self._tokens[column] = tuple(TOKEN_RE.findall(self.folded(column)))
        return self._tokens[column]


class _Phrase(NamedTuple):
    """Phrases of one column that share all their tokens but the last: ``body`` followed by a
    token in ``ends``, or starting with one of ``starts``."""

    column: int
    body: tuple[str, ...]
    ends: frozenset[str]
    starts: tuple[str, ...]

    def found(self, row: Row) -> bool:
        """Whether the phrase is in ``row``."""
        body, ends, starts = self.body, self.ends, self.starts
        if body and body[0] not in row.folded(self.column):  # a token is in the text
            return False
        words = row.tokens(self.column)
        if not body:
            if not ends.isdisjoint(words):
                return True
            return bool(starts) and any(w.startswith(starts) for w in words)
        n = len(body)
        first = body[0]
        for i in range(len(words) - n):
            if words[i] == first and words[i : i + n] == body:
                last = words[i + n]
                if last in ends or last.startswith(starts):
                    return True
        return False


def _parse(part: str) -> tuple[int, tuple[str, ...], bool]:
    match = _PART_RE.fullmatch(part)
    if match is None:  # a phrase search.py does not write: a bug there, not input
        raise ValueError(f"not a phrase of the search index: {part!r}")
    column, text, star = match.groups()
    return _COLUMN[column], tokens(text), bool(star)


class TermCheck:
    """Whether a row matches one of a term's FTS5 phrases (see the module doc)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        grouped: dict[tuple[int, tuple[str, ...]], tuple[set[str], list[str]]] = {}
        #: phrases of several parts (``py : … AND ini : …``): each part must be found
        self._conjunctions: list[tuple[_Phrase, ...]] = []
        for phrase in phrases:
            parts = [_parse(p) for p in phrase.split(" AND ")]
            if len(parts) > 1:
                self._conjunctions.append(tuple(
                    _Phrase(column, words[:-1], frozenset() if star else frozenset(words[-1:]),
                            (words[-1],) if star else ())
                    for column, words, star in parts
                ))
                continue
            column, words, star = parts[0]
            ends, starts = grouped.setdefault((column, words[:-1]), (set(), []))
            (starts.append if star else ends.add)(words[-1])
        #: phrases of one part, grouped by column and all but their last token
        self._phrases = tuple(
            _Phrase(column, body, frozenset(ends), tuple(starts))
            for (column, body), (ends, starts) in grouped.items()
        )

    def __call__(self, row: Row) -> bool:
        """Whether ``row`` has one of the term's phrases."""
        return any(p.found(row) for p in self._phrases) or any(
            all(p.found(row) for p in parts) for parts in self._conjunctions
        )
