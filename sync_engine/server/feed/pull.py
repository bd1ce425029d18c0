"""Serving the change feed: paged pulls, scope moves, and "resync" when a cursor can't be served.

The cursor is opaque to clients. Inside it: the last sequence number delivered, the user, the
user's scope epoch, the log epoch of this database, and a position with its **mark** (see
:mod:`sync_engine.server.storage.marks`). A pull runs in one snapshot (REPEATABLE READ on
PostgreSQL), reads the counter, and returns rows with ``cursor < seq <= counter``. Because
sequence numbers are handed out in commit order (see :mod:`.changes`), everything up to the
counter is visible in that snapshot, so the next cursor can move to the counter even when the
user could see none of the rows in between.

A server that went back in time — restored from a backup, failed over to a standby that had not
caught up — must be noticed whatever was written since, and by whom: new writes soon push the
counter past any device's cursor, so a sequence number alone cannot tell. The mark can: every
cursor names the counter of the snapshot it came from and that position's random mark, made
after that history had committed. A database without that mark, or with another one for the
same position, does not hold the history the device has seen (``server_restored``). A device
also names the last mutation the server answered ``applied`` since its cursor
(``last_applied``): a database that no longer knows that key has lost work the device holds.
Pushes carry both, so a device learns it before it writes anything on top (see
:func:`time_travel`). With them, a device names the highest order number it holds: the
server numbers no order at or below it once it knows it went back (``storage.numbers``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    ColumnElement,
    bindparam,
    exists,
    false,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from sync_engine.server.feed.changes import CUSTOMER, current_seq
from sync_engine.server.feed.scoping import change_filter
from sync_engine.server.storage.dialect import default_transactions, snapshot_reads
from sync_engine.server.storage.driver_statements import DriverStatement, rows_each
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.marks import place_mark
from sync_engine.server.storage.models import (
    ChangeLog,
    CursorMark,
    Device,
    MutationRecord,
    ServerMeta,
    SyncCounter,
    User,
)
from sync_engine.server.storage.numbers import skip_numbers_past
from sync_engine.server.storage.sql import Executor

DEFAULT_PULL_LIMIT = 2000

PAGE_TEXT = 8_000_000
"""A page ends once its changes hold this many characters of JSON, under its ``limit`` (a page
always holds at least one change, and a row that takes in a customer's snapshot is never cut).
A page of 10,000 products is about 5 million characters, but of 10,000 orders with their lines
three times that, and a device decodes a page whole, one beside the one it writes: a first sync
of a million products and 20,000-25,000 orders peaked at 324-395 MB (the budget is 300), and
at 280-295 MB with pages so bounded. The cursor goes on from the last change sent, as after a
page full by its ``limit``."""

SERVER_RESTORED = "server_restored"

PRODUCT = "product"
"""The entity a catalog pack holds (its search index is the client's, made from these)."""

# A customer moving into scope arrives as these entities, in this order.
_SNAPSHOT_ENTITIES = ("customer", "price", "promotion", "order", "shipment", "return", "credit")


_MOST = 2**63 - 1
"""The largest number a cursor may hold: a position is a ``bigint`` (and so, here, the rest)."""


def _position(value: Any) -> bool:
    """Whether ``value`` is a number a cursor may hold. A cursor is the client's text: a number
    past what the database's integers hold would fail the statement it is read in — shared by
    every pull of a group (:class:`PullSnapshot`), not only the one that sent it."""
    return type(value) is int and 0 <= value <= _MOST


def _unpack(text: str) -> list[Any] | None:
    """The JSON list inside a token of ours (base64url, padding left off), or None."""
    try:
        value = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, binascii.Error, TypeError):
        return None
    return value if isinstance(value, list) else None


def _pack(fields: list[Any]) -> str:
    """``fields`` as a token of ours (what :func:`_unpack` reads)."""
    return base64.urlsafe_b64encode(orjson.dumps(fields)).decode().rstrip("=")


def _feed_position(seq: Any, log_epoch: Any) -> bool:
    """Whether these are a sequence number and a log's epoch as a token names them."""
    return _position(seq) and isinstance(log_epoch, str)


def _marked(seq: int, mark_seq: Any, mark: Any) -> bool:
    """Whether ``mark_seq`` and ``mark`` are the counter of the snapshot position ``seq`` was
    handed out in (at or past it) and that position's mark, as a token names them. The checks
    of :meth:`Cursor.decode` and :meth:`Position.decode` alike."""
    return _position(mark_seq) and isinstance(mark, str) and mark_seq >= seq


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a device stands in the feed. ``mark_seq``/``mark``: the counter of the snapshot
    the cursor was issued in (at or past ``seq``) and that position's mark; None in cursors
    made before marks existed (format 1), which are checked against the counter instead.
    ``catalog_seq``: the position of the catalog pack the device copied in (its pull began
    with ``catalog_from``): the chain's pages leave out the products at or before it (format
    3); None for every other pull."""

    seq: int
    user_id: int
    scope_epoch: int
    log_epoch: str
    mark_seq: int | None = None
    mark: str | None = None
    catalog_seq: int | None = None

    def encode(self) -> str:
        # orjson, not json: every pull decodes a cursor and encodes one, and json's took 7 µs
        # of it against 0.3 µs (the same compact text for our numbers and hex strings).
        fields: list[Any] = [self.seq, self.user_id, self.scope_epoch, self.log_epoch]
        if self.mark is None:
            raw = json.dumps([1, *fields]).encode()
            return base64.urlsafe_b64encode(raw).decode().rstrip("=")
        if self.catalog_seq is None:
            return _pack([2, *fields, self.mark_seq, self.mark])
        return _pack([3, *fields, self.mark_seq, self.mark, self.catalog_seq])

    @staticmethod
    def decode(text: str) -> Cursor | None:
        """The cursor in ``text``, or None if it is not one of ours."""
        value = _unpack(text)
        if value is None or len(value) < 5:
            return None
        version, seq, user_id, scope_epoch, log_epoch, *marked = value
        if not (_feed_position(seq, log_epoch) and _position(user_id)
                and _position(scope_epoch)):
            return None
        if version == 1 and not marked:
            return Cursor(seq, user_id, scope_epoch, log_epoch)
        if (version, len(marked)) not in ((2, 2), (3, 3)):
            return None
        mark_seq, mark, *catalog = marked
        if not _marked(seq, mark_seq, mark):
            return None
        if catalog and not _position(catalog[0]):
            return None
        return Cursor(seq, user_id, scope_epoch, log_epoch, mark_seq, mark,
                      catalog[0] if catalog else None)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a catalog pack's products stand in the feed (PROTOCOL.md, "Catalog pack"): the
    position of the pull that made them, with its mark. Its token (``[1, seq, log_epoch,
    mark_seq, mark]``, opaque to clients like a cursor) names no user: every user sees the
    whole catalog. It is checked as a cursor of the user who presents it would be
    (:meth:`cursor_for`, :func:`check_cursor`)."""

    seq: int
    log_epoch: str
    mark_seq: int
    mark: str

    MAX_TEXT = 512
    """The most characters of a token (the ``catalog_from`` query parameter's bound)."""

    def encode(self) -> str:
        return _pack([1, self.seq, self.log_epoch, self.mark_seq, self.mark])

    @staticmethod
    def decode(text: str) -> Position | None:
        """The position in ``text``, or None if it is not one of ours."""
        value = _unpack(text) if len(text) <= Position.MAX_TEXT else None
        if value is None or len(value) != 5 or type(value[0]) is not int or value[0] != 1:
            return None
        _, seq, log_epoch, mark_seq, mark = value
        if not (_feed_position(seq, log_epoch) and _marked(seq, mark_seq, mark)):
            return None
        return Position(seq, log_epoch, mark_seq, mark)

    @staticmethod
    def of(cursor: Cursor) -> Position | None:
        """Where ``cursor`` stands, or None for a cursor without a mark (format 1)."""
        if cursor.mark_seq is None or cursor.mark is None:
            return None
        return Position(cursor.seq, cursor.log_epoch, cursor.mark_seq, cursor.mark)

    def cursor_for(self, user: User) -> Cursor:
        """This position as a cursor of ``user`` (the scope is theirs as it is now: products
        are in everyone's)."""
        return Cursor(self.seq, user.id, user.scope_epoch, self.log_epoch, self.mark_seq,
                      self.mark)


@dataclass(frozen=True, slots=True)
class PullPage:
    """A page of changes as JSON texts, ready to be joined into the response."""

    changes: list[str]
    cursor: str
    cursor_seq: int
    """The position ``cursor`` stands at (what the device has been sent up to)."""
    has_more: bool
    resync: bool
    resync_reason: str | None


def _meta(session: Executor) -> dict[str, str]:
    return {k: v for k, v in session.execute(select(ServerMeta.key, ServerMeta.value))}


def _change_json(
    seq: int, entity: str, entity_id: str, op: str, version: int, data: str | None
) -> str:
    # Entity ids are server-made (integers, "a:b" pairs) or validated UUIDs: no escaping needed.
    return (
        f'{{"seq":{seq},"entity":"{entity}","id":"{entity_id}","op":"{op}",'
        f'"version":{version},"data":{data if data is not None else "null"}}}'
    )


def _forgot_clause(user: User, last_applied: str | None) -> ColumnElement[bool]:
    """True where the device's last applied mutation is unknown here (the server lost it)."""
    if not last_applied:
        return false()
    return ~exists().where(MutationRecord.user_id == user.id,
                           MutationRecord.idempotency_key == last_applied)


def _forgot(session: Executor, user: User, last_applied: str | None) -> bool:
    """True if the device's last applied mutation is unknown here (the server lost it)."""
    return bool(last_applied) and bool(session.scalar(select(_forgot_clause(user, last_applied))))


def check_cursor(
    session: Executor,
    user: User,
    text: str | None,
    cursor: Cursor | None,
    meta: dict[str, str],
    *,
    top: int,
    marks: dict[int, str],
    last_applied: str | None = None,
) -> tuple[int, str | None]:
    """Where to start from, and the reason for a resync (None when the cursor is fine).

    ``cursor``: ``text`` as the caller decoded it (:meth:`Cursor.decode`; None for no text
    or not a cursor); ``top``: the counter in this snapshot; ``marks``: the marks of ``top``
    and of the cursor's position, as far as they exist. A server gone back in time is named
    before the reasons that would also send the device into a resync, since only that one
    makes the device send again what the server forgot (another database altogether is not a
    server gone back).
    """
    if cursor is not None and cursor.user_id != user.id:
        cursor = None
    if cursor is not None and cursor.log_epoch != meta["log_epoch"]:
        return 0, "server_changed"
    if _forgot(session, user, last_applied):
        return 0, SERVER_RESTORED
    if cursor is None:
        return 0, "cursor_invalid" if text else None
    if cursor.mark is None and cursor.seq > top:
        # A format-1 cursor that has seen changes this database doesn't have.
        return 0, SERVER_RESTORED
    if 0 < cursor.seq < int(meta.get("tombstone_horizon", "0")):
        return 0, "cursor_too_old"  # (marks below the horizon go with the tombstones)
    if cursor.mark_seq is not None and marks.get(cursor.mark_seq) != cursor.mark:
        # This database lacks the history that cursor came from: restored or failed over.
        return 0, SERVER_RESTORED
    if cursor.scope_epoch != user.scope_epoch:
        return 0, "scope_changed"
    return cursor.seq, None


def time_travel(session: Session, user: User, cursor_text: str | None,
                last_applied: str | None) -> str | None:
    """``server_restored`` if this database went back behind what the device has seen or was
    answered (its cursor's mark, its last applied mutation); otherwise None. For pushes, which
    must not build on a past the server forgot: the other reasons for a resync do not stop a
    push, and the pull that follows names them. The usual answer (the mark is ours, the key
    known) costs one read: the mark and the key are looked up in one statement."""
    cursor = Cursor.decode(cursor_text) if cursor_text else None
    if cursor is None or cursor.user_id != user.id:
        return SERVER_RESTORED if _forgot(session, user, last_applied) else None
    if cursor.mark_seq is None:  # a format-1 cursor: checked against the counter
        marks, top = {}, current_seq(session)
    else:
        mark_here = (select(CursorMark.mark).where(CursorMark.seq == cursor.mark_seq)
                     .scalar_subquery())
        mark, forgot = session.execute(
            select(mark_here, _forgot_clause(user, last_applied))).one()
        if mark == cursor.mark and not forgot:
            return None
        # Something is off: the full check names it (rare, so its reads do not matter).
        marks = {} if mark is None else {cursor.mark_seq: str(mark)}
        top = cursor.mark_seq  # (not read: only a format-1 cursor is checked against it)
    _, reason = check_cursor(session, user, cursor_text, cursor, _meta(session), top=top,
                             marks=marks, last_applied=last_applied)
    return reason if reason == SERVER_RESTORED else None


def begin(session: Executor) -> None:
    """Begin the one snapshot a pull reads, before anything else is read in ``session``: the
    caller checks who asks in it (a token revoked before it is refused), and the pull itself
    reads nothing outside it. On SQLite it reads beside the writer, so it must not write.

    The server's pulls read on a plain connection (:data:`.storage.sql.Executor`): they load
    no entities, and a session's own work around the transaction (its state, the checkout
    through it, its commit and close) cost as much again as the connection's handling of it
    (68 µs against 32 µs, SQLite, in process)."""
    snapshot_reads(session)
    if not session.in_transaction():
        session.begin()


def pull(session: Executor, user: User, cursor_text: str | None, limit: int,
         last_applied: str | None = None, highest_number: int | None = None,
         catalog_from: str | None = None) -> PullPage:
    """One page of the changes ``user`` may see after ``cursor_text``: a
    :class:`PullSnapshot` that serves this one pull (read it for what happens)."""
    snapshot = PullSnapshot(session, [cursor_text], [catalog_from])
    snapshot.serve(user, cursor_text, limit, last_applied, highest_number, catalog_from)
    return snapshot.finish()[0]


def catalog_start(session: Executor, user: User, text: str, position: Position | None,
                  meta: dict[str, str], *, top: int, marks: dict[int, str],
                  last_applied: str | None = None) -> str | None:
    """Why the catalog pack at ``text`` cannot stand in for the products ``user`` would pull
    (a resync reason), or None when it can: its position holds in this database, checked as
    ``user``'s cursor at that position would be (:func:`check_cursor`). ``position``: ``text``
    decoded (:meth:`Position.decode`; None for a token that is not one: ``cursor_invalid``);
    ``marks``: the mark of its ``mark_seq`` if this database has one."""
    cursor = position.cursor_for(user) if position is not None else None
    return check_cursor(session, user, text, cursor, meta, top=top, marks=marks,
                        last_applied=last_applied)[1]


class Planned(NamedTuple):
    """One pull checked and its page query made (:meth:`PullSnapshot.plan`), not yet run."""

    user: User
    start: int
    limit: int
    resync_reason: str | None
    highest_number: int | None
    statement: DriverStatement
    params: dict[str, Any]
    catalog_seq: int | None = None
    """The catalog pack's position this chain's pages leave products out up to (None: none)."""

    def most_rows(self, top: int) -> int:
        """The most rows its page query returns: positions are dense sequence numbers, so
        at most ``top - start`` after ``start`` (and ``limit + 1`` are asked for). A scope
        grant's snapshot, read once the page is served, comes on top of these."""
        return max(0, min(self.limit + 1, top - self.start))


class _Served(NamedTuple):
    """One pull's part of a shared snapshot, before its cursor can be made (the mark of the
    snapshot's counter may be placed only after the snapshot ends)."""

    user_id: int
    scope_epoch: int
    changes: list[str]
    next_seq: int
    has_more: bool
    resync_reason: str | None
    skip_past: int | None
    catalog_seq: int | None


class PullSnapshot:
    """One snapshot that serves one or several pulls, each as it would be served alone.

    Pulls that arrive together are served together (the server's "group read",
    :mod:`~sync_engine.server.api.pull_groups`): what only depends on the snapshot is read
    once for all of them — its BEGIN and COMMIT, where the feed stands (:func:`_standing`: the
    counter ``top``, the marks of ``top`` and of the cursors' positions, the log's epoch and
    tombstone horizon), and at most one mark placed for ``top`` — and each pull reads only
    what is its own: its user's scope of the page, its cursor's checks (:func:`check_cursor`),
    a customer snapshot for a scope grant. A pull alone is a snapshot serving one pull
    (:func:`pull`): there is one way a pull is served.

    Made in the snapshot :func:`begin` began in ``session`` (begun here if it has none), with
    the cursors of the pulls it will serve (their positions' marks are read with the rest);
    the caller may read its own things in it too (who asks: a token revoked before the
    snapshot is refused). :meth:`finish` ends it; a position handed out for the first time
    gets its mark in a short transaction of its own afterwards.
    """

    def __init__(self, session: Executor, cursor_texts: Iterable[str | None],
                 catalog_froms: Iterable[str | None] = ()) -> None:
        if not session.in_transaction():
            begin(session)
        self.session = session
        # (decoded once: a cursor's decoding cost as much as a tenth of a woken device's pull)
        self._cursors = {text: Cursor.decode(text) for text in cursor_texts if text}
        self._positions = {text: Position.decode(text) for text in catalog_froms if text}
        mark_seqs = {c.mark_seq for c in self._cursors.values()
                     if c is not None and c.mark_seq is not None}
        mark_seqs |= {p.mark_seq for p in self._positions.values() if p is not None}
        self.meta, self.top, self.marks = _standing(session, mark_seqs)
        self._marks_read = mark_seqs | {self.top}
        self._served: list[_Served] = []
        self.rows = 0
        """How many changes the pulls served so far hold (what the snapshot keeps in memory)."""

    def serve(self, user: User, cursor_text: str | None, limit: int,
              last_applied: str | None = None, highest_number: int | None = None,
              catalog_from: str | None = None) -> None:
        """Read one page of the changes ``user`` may see after ``cursor_text`` (its page
        comes with the others' from :meth:`finish`). ``highest_number``: the highest order
        number the device holds; when the device shows that the server went back in time,
        no order is numbered at or below it from then on (:mod:`~.storage.numbers`).

        The same as :meth:`plan`, then :meth:`read_pages` and :meth:`take` for this pull
        alone; a group plans several and reads their pages together."""
        planned = self.plan(user, cursor_text, limit, last_applied, highest_number,
                            catalog_from)
        self.take(planned, self.read_pages([planned])[0])

    def plan(self, user: User, cursor_text: str | None, limit: int,
             last_applied: str | None = None, highest_number: int | None = None,
             catalog_from: str | None = None) -> Planned:
        """Check one pull's cursor (its own reads) and make its page query, not yet run.

        ``catalog_from``: the position of the catalog pack the device copied in, honoured on a
        pull without a cursor only: when it holds here (:func:`catalog_start`), the chain's
        pages leave out the products at or before it; when not, the pull is a resync from
        the start with every product (the device throws the pack's products away)."""
        top = self.top
        cursor = None
        catalog_seq: int | None = None
        if cursor_text:
            cursor = (self._cursors[cursor_text] if cursor_text in self._cursors
                      else Cursor.decode(cursor_text))
        if cursor_text or not catalog_from:
            start, resync_reason = check_cursor(self.session, user, cursor_text, cursor,
                                                self.meta, top=top, marks=self.marks,
                                                last_applied=last_applied)
            if cursor is not None and resync_reason is None:
                catalog_seq = cursor.catalog_seq
        else:
            position = (self._positions[catalog_from] if catalog_from in self._positions
                        else Position.decode(catalog_from))
            if position is not None:
                self._read_marks({position.mark_seq})
            start, resync_reason = 0, catalog_start(
                self.session, user, catalog_from, position, self.meta, top=top,
                marks=self.marks, last_applied=last_applied)
            if resync_reason is None:
                assert position is not None
                catalog_seq = position.seq
        scope = change_filter(user)
        return Planned(user, start, limit, resync_reason, highest_number,
                       _page_statement(scope.clause),
                       {"start": start, "top": top, "limit": limit + 1,
                        "catalog_seq": catalog_seq or 0, **scope.params},
                       catalog_seq)

    def _read_marks(self, mark_seqs: set[int]) -> None:
        """Read the marks of ``mark_seqs`` not read yet (a position this snapshot was not
        made with)."""
        missing = mark_seqs - self._marks_read
        if missing:
            self.marks.update((int(seq), str(mark)) for seq, mark in self.session.execute(
                select(CursorMark.seq, CursorMark.mark).where(CursorMark.seq.in_(missing))))
            self._marks_read |= missing

    def read_pages(self, planned: Sequence[Planned]) -> list[list[tuple[Any, ...]]]:
        """The page rows of the pulls ``planned``, in order, their queries sent together
        (:func:`~.storage.driver_statements.rows_each`: one round trip on PostgreSQL)."""
        return rows_each(self.session, [(p.statement, p.params) for p in planned])

    def take(self, planned: Planned, rows: list[tuple[Any, ...]]) -> None:
        """Serve the pull ``planned`` with its page ``rows`` (from :meth:`read_pages`): a
        customer that entered its scope is read here, as of what the device was sent."""
        session, top, limit, start = self.session, self.top, planned.limit, planned.start
        out: list[str] = []
        text = taken = 0
        for seq, entity, entity_id, op, version, data, customer_id in rows[:limit]:
            if text >= PAGE_TEXT:
                break  # the page is full by its size (see PAGE_TEXT)
            taken += 1
            if entity != "scope":
                change = _change_json(seq, entity, entity_id, op, version, data)
            elif op == "revoke":
                change = _change_json(seq, "customer", str(customer_id), "purge", 0, None)
            else:
                if customer_id is not None:
                    snapshot = _snapshot(session, customer_id, seq, up_to=start)
                    out += snapshot
                    text += sum(map(len, snapshot))
                continue
            out.append(change)
            text += len(change)
        has_more = len(rows) > taken
        next_seq = rows[taken - 1][0] if has_more else top
        skip_past = (planned.highest_number if planned.resync_reason == SERVER_RESTORED
                     else None)
        # Past the pack's position no product is left out: the cursor need not carry it.
        catalog_seq = planned.catalog_seq
        if catalog_seq is not None and next_seq >= catalog_seq:
            catalog_seq = None
        user = planned.user
        self._served.append(_Served(user.id, user.scope_epoch, out, next_seq, has_more,
                                    planned.resync_reason, skip_past, catalog_seq))
        self.rows += len(out)

    def finish(self) -> list[PullPage]:
        """End the snapshot; the pages of the pulls served, in the order they were served."""
        session = self.session
        end_read(session)
        # The mark goes on the snapshot's counter, at or past every page of these pulls: all
        # of them (and every other device pulling up to it) share one mark.
        mark = self.marks.get(self.top)
        skips = [s.skip_past for s in self._served if s.skip_past]
        if self._served and (mark is None or skips):
            default_transactions(session)  # (these write)
        if self._served and mark is None:
            mark = place_mark(session, self.top)
        for number in skips:
            skip_numbers_past(session, number)
        log_epoch = self.meta["log_epoch"]
        pages = []
        for s in self._served:
            assert mark is not None
            cursor = Cursor(s.next_seq, s.user_id, s.scope_epoch, log_epoch, self.top, mark,
                            s.catalog_seq)
            pages.append(PullPage(s.changes, cursor.encode(), s.next_seq, s.has_more,
                                  s.resync_reason is not None, s.resync_reason))
        return pages


def _meta_value(key: str) -> Any:
    return select(ServerMeta.value).where(ServerMeta.key == key).scalar_subquery()


_COUNTER = select(SyncCounter.value).where(SyncCounter.id == 1).scalar_subquery()
_STANDING = DriverStatement(select(
    _COUNTER,
    select(CursorMark.mark).where(CursorMark.seq == _COUNTER).scalar_subquery(),
    select(CursorMark.mark).where(CursorMark.seq == bindparam("mark_seq")).scalar_subquery(),
    select(CursorMark.mark).where(CursorMark.seq == bindparam("mark_seq2")).scalar_subquery(),
    _meta_value("log_epoch"),
    _meta_value("tombstone_horizon"),
))


def _standing(session: Executor, mark_seqs: Collection[int]
              ) -> tuple[dict[str, str], int, dict[int, str]]:
    """Where this database's feed stands (every snapshot of pulls reads it): the facts a
    cursor is checked against (``log_epoch``, ``tombstone_horizon``), the counter, and the
    marks of the counter and of the positions ``mark_seqs`` as far as they exist. One
    statement when the cursors name at most two positions (a woken fleet's do: the counter of
    the previous wake, and of this one for a device that pulls again), a second for others."""
    first, second = [*sorted(mark_seqs, reverse=True)[:2], -1, -1][:2]
    (top, top_mark, first_mark, second_mark, log_epoch, horizon), = _STANDING.rows(
        session, {"mark_seq": first, "mark_seq2": second})
    meta = {k: str(v) for k, v in (("log_epoch", log_epoch), ("tombstone_horizon", horizon))
            if v is not None}
    marks = {int(seq): str(mark)
             for seq, mark in ((top, top_mark), (first, first_mark), (second, second_mark))
             if seq is not None and mark is not None}
    others = set(mark_seqs) - {first, second, int(top)}
    if others:
        marks.update((int(seq), str(mark)) for seq, mark in session.execute(
            select(CursorMark.seq, CursorMark.mark).where(CursorMark.seq.in_(others))))
    return meta, int(top), marks


@cache
def _page_statement(scope: ColumnElement[bool]) -> DriverStatement:
    """The rows of a page for one kind of user (``scope``: :func:`.change_filter`'s clause),
    everything else a parameter: built once, so SQLAlchemy neither builds nor keys it again per
    pull (building the filter and keying the statement cost a sixth of a woken fleet's pull),
    and run on the driver's cursor (:mod:`~.storage.driver_statements`): a full page is up to
    10,000 rows, and plain tuples cost a fraction of result rows.

    ``catalog_seq`` (0 when unused): a chain that began from a catalog pack leaves out the
    products at or before the pack's position (one statement for both: a fleet's pulls share
    it whether they began from a pack or not)."""
    return DriverStatement(
        select(
            ChangeLog.seq,
            ChangeLog.entity,
            ChangeLog.entity_id,
            ChangeLog.op,
            ChangeLog.version,
            ChangeLog.data,
            ChangeLog.customer_id,
        )
        .where(ChangeLog.seq > bindparam("start"), ChangeLog.seq <= bindparam("top"), scope,
               or_(ChangeLog.entity != PRODUCT, ChangeLog.seq > bindparam("catalog_seq")))
        .order_by(ChangeLog.seq)
        .limit(bindparam("limit"))
    )


def _snapshot(session: Executor, customer_id: int, seq: int, *, up_to: int) -> list[str]:
    """A customer that just entered scope, as of the rows this client has not been sent.

    Rows after ``up_to`` reach the client through the ordinary filter (the customer is in its
    scope now), so only the older ones are repeated here, under the grant's sequence number.
    """
    rows = session.execute(
        select(
            ChangeLog.entity, ChangeLog.entity_id, ChangeLog.op, ChangeLog.version, ChangeLog.data
        )
        .where(
            ChangeLog.scope == CUSTOMER,
            ChangeLog.customer_id == customer_id,
            ChangeLog.seq <= up_to,
            ChangeLog.entity.in_(_SNAPSHOT_ENTITIES),
        )
        .order_by(ChangeLog.seq)
    ).all()
    order = {name: i for i, name in enumerate(_SNAPSHOT_ENTITIES)}
    rows = sorted(rows, key=lambda r: order[r.entity])
    return [_change_json(seq, r.entity, r.entity_id, r.op, r.version, r.data) for r in rows]


@dataclass(frozen=True, slots=True)
class PullNote:
    """A device finished a pull (its last page) at ``at``, reaching ``cursor_seq``."""

    device_id: str
    at: dt.datetime
    cursor_seq: int


_NOTE_PULL = (
    update(Device)
    .where(Device.id == bindparam("device"))
    # Two server instances may note one device: the later pull wins, whichever lands last.
    .where(or_(Device.last_pull_at.is_(None), Device.last_pull_at <= bindparam("at")))
    .values(last_pull_at=bindparam("at"), last_seen_at=bindparam("at"),
            last_cursor_seq=bindparam("seq"))
)


def note_pulls(session: Session, notes: Iterable[PullNote]) -> None:
    """Remember when devices last pulled and how far (sync health for the back office), all
    in one statement and one commit."""
    params = [{"device": n.device_id, "at": n.at, "seq": n.cursor_seq} for n in notes]
    if params:
        session.connection().execute(_NOTE_PULL, params)
    session.commit()


def render_page(page: PullPage, server_time: str) -> str:
    """The JSON body of a pull answer, built from the stored JSON texts without re-parsing."""
    reason = json.dumps(page.resync_reason)
    return (
        '{"changes":[' + ",".join(page.changes) + f'],"cursor":"{page.cursor}",'
        f'"has_more":{"true" if page.has_more else "false"},'
        f'"resync":{"true" if page.resync else "false"},"resync_reason":{reason},'
        f'"server_time":"{server_time}"}}'
    )
