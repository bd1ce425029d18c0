"""Serving the change feed: paged pulls, scope moves, and "resync" when a cursor can't be served.

The cursor is opaque to clients. Inside it: the last sequence number delivered, the user, the
user's scope epoch and the log epoch of this database. A pull runs in one snapshot (REPEATABLE
READ on PostgreSQL), reads the counter, and returns rows with ``cursor < seq <= counter``. Because
sequence numbers are handed out in commit order (see :mod:`.changes`), everything up to the
counter is visible in that snapshot, so the next cursor can move to the counter even when the
user could see none of the rows in between.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ClauseElement, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler

from sync_engine.server.feed.changes import CUSTOMER, current_seq
from sync_engine.server.feed.scoping import change_filter
from sync_engine.server.storage.dialect import snapshot_reads
from sync_engine.server.storage.models import ChangeLog, Device, ServerMeta, User, utcnow

DEFAULT_PULL_LIMIT = 2000

# A customer moving into scope arrives as these entities, in this order.
_SNAPSHOT_ENTITIES = ("customer", "price", "order", "shipment")


@dataclass(frozen=True, slots=True)
class Cursor:
    seq: int
    user_id: int
    scope_epoch: int
    log_epoch: str

    def encode(self) -> str:
        raw = json.dumps([1, self.seq, self.user_id, self.scope_epoch, self.log_epoch])
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @staticmethod
    def decode(text: str) -> Cursor | None:
        """The cursor in ``text``, or None if it is not one of ours."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            version, seq, user_id, scope_epoch, log_epoch = json.loads(raw)
        except (ValueError, binascii.Error, TypeError):
            return None
        if version != 1 or not all(isinstance(v, int) for v in (seq, user_id, scope_epoch)):
            return None
        if not isinstance(log_epoch, str) or seq < 0:
            return None
        return Cursor(seq, user_id, scope_epoch, log_epoch)


@dataclass(frozen=True, slots=True)
class PullPage:
    """A page of changes as JSON texts, ready to be joined into the response."""

    changes: list[str]
    cursor: str
    has_more: bool
    resync: bool
    resync_reason: str | None


def _meta(session: Session) -> dict[str, str]:
    return {k: v for k, v in session.execute(select(ServerMeta.key, ServerMeta.value))}


def _change_json(
    seq: int, entity: str, entity_id: str, op: str, version: int, data: str | None
) -> str:
    # Entity ids are server-made (integers, "a:b" pairs) or validated UUIDs: no escaping needed.
    return (
        f'{{"seq":{seq},"entity":"{entity}","id":"{entity_id}","op":"{op}",'
        f'"version":{version},"data":{data if data is not None else "null"}}}'
    )


def check_cursor(
    session: Session, user: User, text: str | None, meta: dict[str, str]
) -> tuple[int, str | None]:
    """Where to start from, and the reason for a resync (None when the cursor is fine)."""
    if not text:
        return 0, None
    cursor = Cursor.decode(text)
    if cursor is None or cursor.user_id != user.id:
        return 0, "cursor_invalid"
    if cursor.log_epoch != meta["log_epoch"]:
        return 0, "server_changed"
    if cursor.scope_epoch != user.scope_epoch:
        return 0, "scope_changed"
    if cursor.seq > current_seq(session):
        # The client has seen changes this database doesn't have: restored from a backup.
        return 0, "server_restored"
    if 0 < cursor.seq < int(meta.get("tombstone_horizon", "0")):
        return 0, "cursor_too_old"
    return cursor.seq, None


def pull(session: Session, user: User, cursor_text: str | None, limit: int) -> PullPage:
    """One page of the changes ``user`` may see after ``cursor_text``."""
    snapshot_reads(session)
    meta = _meta(session)
    start, resync_reason = check_cursor(session, user, cursor_text, meta)
    top = current_seq(session)
    stmt = (
        select(
            ChangeLog.seq,
            ChangeLog.entity,
            ChangeLog.entity_id,
            ChangeLog.op,
            ChangeLog.version,
            ChangeLog.data,
            ChangeLog.customer_id,
        )
        .where(ChangeLog.seq > start, ChangeLog.seq <= top, change_filter(user))
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    )
    rows = _fetch_tuples(session, stmt)
    has_more = len(rows) > limit
    rows = rows[:limit]
    out: list[str] = []
    for seq, entity, entity_id, op, version, data, customer_id in rows:
        if entity != "scope":
            out.append(_change_json(seq, entity, entity_id, op, version, data))
        elif op == "revoke":
            out.append(_change_json(seq, "customer", str(customer_id), "purge", 0, None))
        elif customer_id is not None:
            out.extend(_snapshot(session, customer_id, seq, up_to=start))
    next_seq = rows[-1][0] if has_more else top
    cursor = Cursor(next_seq, user.id, user.scope_epoch, meta["log_epoch"]).encode()
    return PullPage(out, cursor, has_more, resync_reason is not None, resync_reason)


def _fetch_tuples(session: Session, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """Run ``stmt`` on the DB-API cursor: a full page is up to 10,000 rows, and plain tuples
    cost a fraction of ORM rows (the pull is the server's hottest path)."""
    compiled = cast(
        SQLCompiler,
        stmt.compile(dialect=session.get_bind().dialect,
                     compile_kwargs={"render_postcompile": True}),
    )
    params: Any = compiled.params
    if compiled.positiontup is not None:
        params = [params[name] for name in compiled.positiontup]
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _snapshot(session: Session, customer_id: int, seq: int, *, up_to: int) -> list[str]:
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


def note_pull(session: Session, device_id: str, cursor_text: str) -> None:
    """Remember when a device last pulled (sync health for the back office)."""
    cursor = Cursor.decode(cursor_text)
    session.execute(
        update(Device)
        .where(Device.id == device_id)
        .values(
            last_pull_at=utcnow(),
            last_seen_at=utcnow(),
            last_cursor_seq=cursor.seq if cursor else None,
        )
    )
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
