"""What users do with returns (退货), offline: the rep or the store owner asks goods back from
a shipped order, the back office decides, the warehouse clerk receives (partial receipts
allowed). Each checks the shared rules (``domain.returns``) on what this device knows, then
writes the change (through :mod:`.returns`, which owns the table) and its outbox row in the
caller's one transaction. The server checks everything again, scope included, and answers.

What may still come back counts every return this device knows of the order, its own unsent
ones included; two devices asking for the same units are told apart by the server (the second
is a ``return_exceeds_returnable`` conflict in the inbox).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

from sync_engine.domain import Issue, Role
from sync_engine.domain import returns as rules
from sync_engine.domain import text as text_rules
from sync_engine.protocol import (
    DecideReturnArgs,
    ReceiptLineArgs,
    ReceiveReturnArgs,
    RequestReturnArgs,
    ReturnLineArgs,
)

from . import outbox, returns
from .errors import NotAllowed, ValidationFailed
from .ordering import require_text
from .orders import order_lines, order_row
from .values import Identity, ReturnLineView, ReturnView

__all__ = [
    "decide_return",
    "receive_return",
    "request_return",
    "return_entity",
    "return_view",
    "return_views",
    "returnable",
]


def return_entity(return_id: str) -> str:
    """The outbox/conflict entity key of a return (see :func:`.outbox.entity_key`)."""
    return f"return:{return_id}"


def _require(identity: Identity, action: str) -> None:
    issue = rules.check_role(action, Role(identity.role))
    if issue is not None:
        raise NotAllowed([issue])


def returnable(db: sqlite3.Connection, order_id: str) -> dict[int, int]:
    """Units per product that may still be asked back from the order, as this device knows."""
    return rules.returnable_units(order_lines(db, order_id),
                                  rules.claimed_units(returns.claimed_units(db, order_id)))


def request_return(db: sqlite3.Connection, identity: Identity, order_id: str,
                   quantities: Mapping[int, int], reason: str, note: str = "") -> str:
    """Ask back ``quantities`` (product id → units) of a shipped order; queues
    ``return.request``. Returns the new return's id."""
    _require(identity, "request")
    order = order_row(db, order_id)
    bad_reason = rules.check_reason_code(reason)
    if bad_reason is not None:
        raise ValidationFailed([bad_reason])
    require_text(("note", note, text_rules.NOTES))
    requested = [(pid, q) for pid, q in quantities.items()]
    issues = rules.validate_return(returnable(db, order_id), requested)
    if issues:
        raise ValidationFailed(issues)
    by_product = {ln.product_id: ln for ln in order_lines(db, order_id)}
    lines = [rules.ReturnLine(pid, q, by_product[pid].unit_price, by_product[pid].tax_rate)
             for pid, q in sorted(quantities.items()) if q]
    return_id = str(uuid.uuid4())
    returns.TABLE.record_unsent(db, {
        "id": return_id, "number": None, "order_id": order_id,
        "customer_id": order["customer_id"], "warehouse_id": order["warehouse_id"],
        "status": rules.ReturnStatus.REQUESTED.value, "reason": reason, "note": note,
        "lines": [{"product_id": ln.product_id, "quantity": ln.quantity,
                   "unit_price": str(ln.unit_price), "tax_rate": str(ln.tax_rate),
                   "received_qty": 0, "damaged_qty": 0} for ln in lines],
        "history": [], "credit_amount": "0", "requested_by": identity.user_id,
        "requested_at": None})
    outbox.enqueue(db, "return.request", RequestReturnArgs.model_construct(
        return_id=return_id, order_id=order_id, reason=cast(Any, reason),  # checked above
        note=note,
        lines=[ReturnLineArgs.model_construct(product_id=ln.product_id, quantity=ln.quantity)
               for ln in lines]))
    return return_id


def decide_return(db: sqlite3.Connection, identity: Identity, return_id: str, approve: bool,
                  reason: str = "") -> str:
    """Back office: approve a requested return, or refuse it saying why; queues
    ``return.decide``. Returns the mutation's key."""
    _require(identity, "decide")
    row = returns.return_row(db, return_id)
    pending = [p["kind"] for p in json.loads(row["pending"])]
    if row["status"] != rules.ReturnStatus.REQUESTED or "return.decide" in pending:
        raise NotAllowed([Issue(field="status", code="transition_not_allowed", params={
            "from": row["status"], "to": "approved" if approve else "refused"})])
    missing = rules.check_decision(approve, reason)
    if missing is not None:
        raise ValidationFailed([missing])
    why = reason.strip()
    require_text(("reason", why, text_rules.REASON))
    args = DecideReturnArgs.model_construct(return_id=return_id, approve=approve, reason=why)
    key = outbox.enqueue(db, "return.decide", args)
    returns.add_pending(db, return_id, {"key": key, "kind": "return.decide",
                                        "args": args.model_dump(mode="json")})
    return key


def receive_return(db: sqlite3.Connection, identity: Identity, return_id: str,
                   received: Mapping[int, tuple[int, int]]) -> str:
    """Warehouse: goods of an approved return came in — product id → (good units, damaged
    units); partial receipts allowed. Queues ``return.receive``; returns its key."""
    _require(identity, "receive")
    row = returns.return_row(db, return_id)
    if row["status"] not in rules.RECEIVABLE:
        raise NotAllowed([Issue(field="status", code="transition_not_allowed", params={
            "from": row["status"], "to": "received"})])
    view = return_view(db, return_id)
    lines = [rules.ReturnLine(ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate,
                              ln.received_qty + ln.pending_received,
                              ln.damaged_qty + ln.pending_damaged) for ln in view.lines]
    receipt = [(pid, good, bad) for pid, (good, bad) in sorted(received.items())]
    issues = rules.validate_receipt(lines, receipt)
    if issues:
        raise ValidationFailed(issues)
    args = ReceiveReturnArgs.model_construct(return_id=return_id, lines=[
        ReceiptLineArgs.model_construct(product_id=pid, quantity=good, damaged=bad)
        for pid, good, bad in receipt if good or bad])
    key = outbox.enqueue(db, "return.receive", args)
    returns.add_pending(db, return_id, {"key": key, "kind": "return.receive",
                                        "args": args.model_dump(mode="json")})
    return key


# ---------------------------------------------------------------------- reading


def return_view(db: sqlite3.Connection, return_id: str) -> ReturnView:
    """The return as the user sees it (:class:`~.errors.NotFound` if unknown here)."""
    return _view(db, returns.return_row(db, return_id))


def return_views(db: sqlite3.Connection, *, status: str | None = None,
                 customer_id: int | None = None, order_id: str | None = None) -> list[ReturnView]:
    rows = (returns.for_order(db, order_id) if order_id is not None
            else returns.listed(db, status=status, customer_id=customer_id))
    return [_view(db, r) for r in rows if status is None or r["status"] == status]


def _view(db: sqlite3.Connection, row: sqlite3.Row) -> ReturnView:
    data: dict[str, Any] = json.loads(row["data"])
    pending = json.loads(row["pending"])
    good: dict[int, int] = {}
    bad: dict[int, int] = {}
    for p in pending:
        if p["kind"] == "return.receive":
            for ln in p["args"]["lines"]:
                pid = int(ln["product_id"])
                good[pid] = good.get(pid, 0) + int(ln.get("quantity", 0))
                bad[pid] = bad.get(pid, 0) + int(ln.get("damaged", 0))
    lines = []
    for ln in data.get("lines", []):
        pid = int(ln["product_id"])
        p = db.execute("SELECT sku, name_zh, name_en, unit, barcode FROM products WHERE id = ?",
                       (pid,)).fetchone()
        lines.append(ReturnLineView(
            pid, p["sku"] if p else str(pid), p["name_zh"] if p else "",
            p["name_en"] if p else "", p["unit"] if p else "", p["barcode"] if p else None,
            int(ln["quantity"]), Decimal(str(ln["unit_price"])), Decimal(str(ln["tax_rate"])),
            int(ln.get("received_qty", 0)), int(ln.get("damaged_qty", 0)),
            good.get(pid, 0), bad.get(pid, 0)))
    customer = db.execute("SELECT name, name_en FROM customers WHERE id = ?",
                          (row["customer_id"],)).fetchone()
    order = db.execute("SELECT number FROM orders WHERE id = ?", (row["order_id"],)).fetchone()
    unsent = row["version"] == 0
    kinds = tuple(["return.request"] if unsent else []) + tuple(p["kind"] for p in pending)
    return ReturnView(
        id=row["id"], number=data.get("number"), order_id=row["order_id"],
        order_number=order["number"] if order is not None else None,
        customer_id=int(row["customer_id"] or 0),
        customer_name=customer["name"] if customer is not None else "",
        warehouse_id=row["warehouse_id"], status=row["status"],
        reason=str(data.get("reason") or ""), note=str(data.get("note") or ""),
        sync_state="pending" if kinds else "synced", pending=kinds,
        requested_at=data.get("requested_at"),
        credit_amount=Decimal(str(data.get("credit_amount") or "0")), lines=tuple(lines),
        history=tuple(data.get("history") or ()),
        customer_name_en=customer["name_en"] if customer is not None else "")
