"""The back office's and the receiver's decisions on an order: confirm or reject a held order,
and confirm receipt of a delivery (with a discrepancy, if any).

Like every local operation: the rules first (the shared state machine), then the change and its
outbox row in the caller's one transaction. The server re-checks and answers; an order that
moved meanwhile (cancelled by the rep, confirmed by a colleague) comes back as a conflict.
"""

from __future__ import annotations

import sqlite3

from sync_engine import domain as d
from sync_engine.domain import Issue, OrderStatus, Role

from . import outbox
from .errors import NotAllowed, ValidationFailed
from .ordering import order_lines, order_row
from .store import now_iso
from .values import Identity

__all__ = ["confirm_order", "receive_order", "reject_order"]

MAX_TEXT = 500


def _move(db: sqlite3.Connection, identity: Identity, order_id: str, target: OrderStatus,
          kind: str, args: dict[str, object], *, clear_holds: bool = False) -> str:
    row = order_row(db, order_id)
    issue = d.check_transition(OrderStatus(row["status"]), target, Role(identity.role))
    if issue is not None:
        raise NotAllowed([issue])
    sql = "UPDATE orders SET status = ?, updated_at = ?"
    if clear_holds:
        sql += ", hold_reasons = '[]'"
    db.execute(sql + " WHERE id = ?", (target.value, now_iso(), order_id))
    base = outbox.next_base_version(db, outbox.order_entity(order_id), int(row["server_version"]))
    return outbox.enqueue(db, kind, {"order_id": order_id, **args}, base)


def _text(value: str) -> str:
    return value.strip()[:MAX_TEXT]


def confirm_order(db: sqlite3.Connection, identity: Identity, order_id: str) -> str:
    """Back office: confirm a submitted (held) order; queues ``order.confirm``."""
    return _move(db, identity, order_id, OrderStatus.CONFIRMED, "order.confirm", {},
                 clear_holds=True)


def reject_order(db: sqlite3.Connection, identity: Identity, order_id: str, reason: str) -> str:
    """Back office: reject a submitted order, saying why (required: the rep is told)."""
    missing = d.check_reason(OrderStatus.REJECTED, reason)
    if missing is not None:
        raise ValidationFailed([missing])
    why = _text(reason)
    return _move(db, identity, order_id, OrderStatus.REJECTED, "order.reject", {"reason": why})


def receive_order(db: sqlite3.Connection, identity: Identity, order_id: str,
                  discrepancy: str = "") -> str:
    """The store confirms receipt of a shipped order (closing it), with a note of anything
    missing or damaged; queues ``order.receive``."""
    note = _text(discrepancy)
    if not any(ln.shipped_qty for ln in order_lines(db, order_id)):
        raise NotAllowed([Issue("status", "transition_not_allowed",
                                {"from": order_row(db, order_id)["status"], "to": "closed"})])
    return _move(db, identity, order_id, OrderStatus.CLOSED, "order.receive",
                 {"discrepancy": note})
