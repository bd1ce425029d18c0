"""The outbox: mutations waiting for the server, claimed with leases, answered once.

A row is written in the same transaction as the local change it stands for, with its
idempotency key made there and then (so a resend after a crash or a lost answer is a replay).
States: ``pending`` → ``done`` | ``conflict`` | ``rejected``; ``held`` (behind a conflict of
the same entity, never sent blindly); ``discarded`` (held, then dropped because the user took
the server's version). A conflicted row stays as it is; "keep mine" queues a new row.

Sent is not forgotten: a row the server applied stays, key and arguments, for
:data:`SENT_RETENTION_DAYS` after the answer. If the server goes back in time (restored from
a backup, failed over to a standby that had not caught up), those rows are queued again as
they were (:func:`resend_applied`): the server answers what it still knows as a replay and
applies what it forgot under today's rules.

Sending: rows go in the order they were made, at most one per entity per batch, so a mutation
is only sent once the one before it on the same order has been answered. A batch is claimed in
an ``IMMEDIATE`` transaction with a lease (owner and expiry), so two app instances on one
database never send the same mutation at the same time; a lease whose owner process has died
(same host) may be taken over at once, otherwise it expires.

Base versions: each applied mutation bumps an order's version by exactly one, so a queued
mutation's base is the previous queued one's base + 1 (a submit counts as base 0), or the
order's known server version when nothing is queued for it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from sync_engine.protocol import ARGS_BY_KIND, Mutation

from .store import now_iso

__all__ = [
    "VERSION_BUMPING",
    "Claimed",
    "claim",
    "discard_held",
    "enqueue",
    "entity_key",
    "is_waiting",
    "known_keys",
    "last_seq",
    "make_owner",
    "mark_done",
    "mark_refused",
    "mutation",
    "next_base_version",
    "order_entity",
    "pending_count",
    "prune",
    "release",
    "resend_applied",
    "state",
    "take_held",
    "unsent_since",
]

VERSION_BUMPING = frozenset({
    "order.submit", "order.update", "order.cancel", "order.confirm", "order.reject",
    "order.receive", "shipment.confirm", "return.request", "return.decide", "return.receive",
})
# Sent without a base version: the server judges them by the order's state, not its version
# (a cancel stays valid after a confirmation; two partial shipments do not conflict).
_STATE_BASED = frozenset({"order.cancel", "shipment.confirm", "order.submit", "favourite.set",
                          "customer.assign", "return.request", "return.decide",
                          "return.receive"})

DEFAULT_LEASE = 90.0  # longer than one push request may take (timeout 30 s)

SENT_RETENTION_DAYS = 30
"""How long a mutation the server applied is kept after its answer: to explain what happened,
and to send it again if the server is restored from a backup up to this old."""


def order_entity(order_id: str) -> str:
    """The outbox/conflict entity key of an order."""
    return f"order:{order_id}"


def entity_key(kind: str, args: Mapping[str, Any]) -> str:
    """Which entity a mutation acts on: mutations of one entity are sent one at a time."""
    if kind.startswith("order.") or kind == "shipment.confirm":
        return order_entity(str(args["order_id"]))
    if kind == "favourite.set":
        return f"favourite:{args['product_id']}"
    if kind == "customer.assign":
        return f"customer:{args['customer_id']}"
    if kind.startswith("return."):
        return f"return:{args['return_id']}"
    return f"{kind}:{json.dumps(args, sort_keys=True)[:200]}"


def new_key() -> str:
    """A fresh idempotency key."""
    return uuid.uuid4().hex


def next_base_version(db: sqlite3.Connection, entity: str, server_version: int) -> int:
    """The version the server will have when the next mutation of ``entity`` is applied."""
    row = db.execute(
        "SELECT kind, base_version FROM outbox WHERE entity = ? AND state IN ('pending', 'held')"
        " ORDER BY seq DESC LIMIT 1", (entity,)
    ).fetchone()
    if row is None or row["kind"] not in VERSION_BUMPING:
        return server_version
    return int(row["base_version"] or 0) + 1


def enqueue(db: sqlite3.Connection, kind: str, args: BaseModel | Mapping[str, Any],
            base_version: int | None = None, key: str | None = None) -> str:
    """Add a mutation (in the caller's transaction); returns its idempotency key.

    ``args``: the kind's arguments as the protocol's model (``ARGS_BY_KIND``), its fields set
    being those sent; or, for a change sent again (a conflict's "keep mine"), as they were
    stored. They are not validated here: the server does, and answers with field errors.
    """
    if isinstance(args, BaseModel):
        if not isinstance(args, ARGS_BY_KIND[kind]):
            raise TypeError(f"{type(args).__name__} are not the arguments of {kind}")
        args = args.model_dump(mode="json", exclude_unset=True)
    key = key or new_key()
    entity = entity_key(kind, args)
    # A change to an entity with an undecided conflict waits behind it (never sent blindly).
    conflict = db.execute(
        "SELECT id FROM conflicts WHERE entity = ? AND resolved_at IS NULL ORDER BY id LIMIT 1",
        (entity,)).fetchone()
    db.execute(
        "INSERT INTO outbox (key, kind, entity, base_version, args, state, created_at,"
        " conflict_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (key, kind, entity, base_version,
         json.dumps(dict(args), separators=(",", ":"), ensure_ascii=False, default=str),
         "pending" if conflict is None else "held", now_iso(),
         None if conflict is None else conflict[0]),
    )
    return key


def make_owner() -> str:
    """Who claims outbox rows: host, process, and a nonce for this engine instance."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True  # another machine's lease (a shared folder?): let it expire
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True, slots=True)
class Claimed:
    """An outbox row claimed for sending."""

    seq: int
    key: str
    kind: str
    entity: str
    base_version: int | None
    args: str  # JSON text, as stored


def claim(db: sqlite3.Connection, owner: str, *, limit: int = 500, lease: float = DEFAULT_LEASE,
          now: Callable[[], float] = time.time,
          alive: Callable[[str], bool] = _owner_alive,
          in_flight: Collection[int] = ()) -> list[Claimed]:
    """Claim up to ``limit`` sendable rows (caller's IMMEDIATE transaction), oldest first.

    ``in_flight``: rows of ours already sent whose answers are not recorded yet. They are not
    claimed again, and their entities' later rows wait for those answers, as for any row
    still pending."""
    t = now()
    out: list[Claimed] = []
    seen: set[str] = set()
    for row in db.execute(
        "SELECT seq, key, kind, entity, base_version, args, state, claimed_by, lease_until"
        " FROM outbox WHERE state IN ('pending', 'held') AND entity NOT IN"
        " (SELECT entity FROM conflicts WHERE resolved_at IS NULL) ORDER BY seq"
    ):
        if row["entity"] in seen:
            continue
        seen.add(row["entity"])
        if row["state"] != "pending" or row["seq"] in in_flight:
            continue
        holder = row["claimed_by"]
        if (holder and holder != owner and (row["lease_until"] or 0) > t and alive(holder)):
            continue
        out.append(Claimed(row["seq"], row["key"], row["kind"], row["entity"],
                           row["base_version"], row["args"]))
        if len(out) >= limit:
            break
    db.executemany(
        "UPDATE outbox SET claimed_by = ?, lease_until = ?, attempts = attempts + 1 WHERE seq = ?",
        [(owner, t + lease, c.seq) for c in out],
    )
    return out


def state(db: sqlite3.Connection, seq: int) -> str | None:
    """The row's state, or None if it is gone (pruned)."""
    row = db.execute("SELECT state FROM outbox WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row["state"])


def is_waiting(db: sqlite3.Connection, entity: str) -> bool:
    """True if a change of ``entity`` waits to be sent (pending, or held behind a conflict)."""
    return db.execute("SELECT 1 FROM outbox WHERE entity = ? AND state IN ('pending', 'held')",
                      (entity,)).fetchone() is not None


def mark_done(db: sqlite3.Connection, seq: int, answer: str, *, user_id: int | None,
              answered_at: str | None = None) -> None:
    """The server applied the row: it is done, with the server's answer (JSON text) kept, and
    who sent it (only they send it again, should the server forget it). ``answered_at``: when
    the answer came (default: now), one time for the rows of one push's answer."""
    db.execute("UPDATE outbox SET state = 'done', result = ?, claimed_by = NULL,"
               " lease_until = NULL, answered_at = ?, sent_by = ? WHERE seq = ?",
               (answer, answered_at or now_iso(), user_id, seq))


def mark_refused(db: sqlite3.Connection, row: Claimed, status: str, answer: str,
                 conflict_id: int) -> None:
    """The server answered the row with a conflict or a rejection (``status``), recorded as
    ``conflict_id``. The later changes of its entity are held behind that conflict: never
    sent blindly, they wait for the user's decision."""
    db.execute("UPDATE outbox SET state = ?, result = ?, conflict_id = ?, claimed_by = NULL,"
               " lease_until = NULL, answered_at = ? WHERE seq = ?",
               (status, answer, conflict_id, now_iso(), row.seq))
    db.execute("UPDATE outbox SET state = 'held', conflict_id = ? WHERE entity = ?"
               " AND state = 'pending' AND seq > ?", (conflict_id, row.entity, row.seq))


def resend_applied(db: sqlite3.Connection, user_id: int,
                   keep_days: int = SENT_RETENTION_DAYS) -> int:
    """The server went back in time: queue again every row it had applied for ``user_id``
    that is still kept, as it was (same key, same arguments, its place in the order, before
    anything made later). Returns how many. Caller's transaction."""
    cur = db.execute(
        "UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL"
        " WHERE state = 'done' AND sent_by = ? AND COALESCE(answered_at, created_at) >= ?",
        (user_id, _cutoff(keep_days)))
    return int(cur.rowcount)


def _cutoff(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat()


def take_held(db: sqlite3.Connection, conflict_id: int) -> list[sqlite3.Row]:
    """Remove the rows held behind a conflict and return them, oldest first (to be queued
    again, with their keys, after the user's own change is sent again)."""
    held: list[sqlite3.Row] = db.execute(
        "SELECT * FROM outbox WHERE conflict_id = ? AND state = 'held' ORDER BY seq",
        (conflict_id,)).fetchall()
    db.executemany("DELETE FROM outbox WHERE seq = ?", [(r["seq"],) for r in held])
    return held


def discard_held(db: sqlite3.Connection, conflict_id: int) -> None:
    """Drop the rows held behind a conflict (the user took the server's version)."""
    db.execute("UPDATE outbox SET state = 'discarded' WHERE conflict_id = ? AND state = 'held'",
               (conflict_id,))


def pending_count(db: sqlite3.Connection) -> int:
    """Mutations not yet answered by the server (waiting or held behind a conflict)."""
    row = db.execute("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'held')").fetchone()
    return int(row[0])


def prune(db: sqlite3.Connection, keep_days: int = SENT_RETENTION_DAYS) -> int:
    """Forget answered mutations whose answer is older than ``keep_days`` (kept that long to
    explain what happened, and to be sent again if the server forgets them); pending, held and
    conflicted ones are never pruned. Returns how many were removed."""
    cur = db.execute("DELETE FROM outbox WHERE state IN ('done', 'discarded')"
                     " AND COALESCE(answered_at, created_at) < ?", (_cutoff(keep_days),))
    return int(cur.rowcount)


def release(db: sqlite3.Connection, owner: str, seqs: Sequence[int]) -> None:
    """Give up this owner's leases of these rows (after a failed send), so another attempt
    may go at once."""
    db.executemany("UPDATE outbox SET claimed_by = NULL, lease_until = NULL"
                   " WHERE seq = ? AND claimed_by = ? AND state = 'pending'",
                   [(seq, owner) for seq in seqs])


def mutation(row: Claimed) -> Mutation:
    """The row as the protocol's :class:`~sync_engine.protocol.Mutation`, to be pushed."""
    return Mutation(key=row.key, kind=row.kind,
                    base_version=None if row.kind in _STATE_BASED else row.base_version,
                    args=json.loads(row.args))


def unsent_since(db: sqlite3.Connection, seq: int) -> list[sqlite3.Row]:
    """The rows after ``seq`` still waiting for the server (pending or held), oldest first:
    what the outbox journal (:mod:`.journal`) keeps outside the replica."""
    rows: list[sqlite3.Row] = db.execute(
        "SELECT seq, key, kind, entity, base_version, args FROM outbox WHERE seq > ?"
        " AND state IN ('pending', 'held') ORDER BY seq", (seq,)).fetchall()
    return rows


def known_keys(db: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
    """Which of these idempotency keys the outbox has, in any state."""
    known: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        known |= {str(r[0]) for r in db.execute(
            f"SELECT key FROM outbox WHERE key IN ({','.join('?' * len(chunk))})", chunk)}
    return known


def last_seq(db: sqlite3.Connection) -> int:
    """The newest row's seq (0 for an empty outbox)."""
    return int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0])
