"""Deciding a conflict: keep mine, take theirs, or edit. Nothing is resolved silently.

- **keep mine**: the user's change is sent again as a *new* mutation (new idempotency key) on
  the server's current version; for ``price_changed`` only with the new prices, and only when
  the user says so (``accept_new_prices``). The changes held behind the conflict follow it, in
  their order, re-based on it.
- **take theirs**: the local order becomes the server's state; the held changes are dropped.
  An order the server never accepted (a rejected submit) is removed.
- **edit**: the user's version becomes an editable draft (a copy with a new id when the server
  has the order; the order itself when the server never had it); the original takes the
  server's state.
"""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from typing import Any

from sync_engine import domain as d

from . import orders, outbox
from .errors import NotFound, ResolutionNotPossible
from .ordering import create_draft, order_lines, replace_all_lines
from .orders import replace_lines
from .store import now_iso
from .values import Identity

__all__ = ["KEEPABLE", "edit", "keep_mine", "take_theirs"]

# Reasons where sending the user's change again can succeed.
KEEPABLE = frozenset({"price_changed", "version_mismatch", "insufficient_stock"})


def _open(db: sqlite3.Connection, conflict_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute("SELECT * FROM conflicts WHERE id = ?",
                                         (conflict_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no conflict {conflict_id}.")
    if row["resolved_at"] is not None:
        raise ResolutionNotPossible(f"Conflict {conflict_id} was already resolved "
                                    f"({row['resolution']}).", "already_resolved",
                                    f"冲突 {conflict_id} 已经处理过了（{row['resolution']}）。")
    return row


def _close(db: sqlite3.Connection, conflict_id: int, resolution: str) -> None:
    db.execute("UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
               (now_iso(), resolution, conflict_id))


def _server_state(db: sqlite3.Connection, conflict: sqlite3.Row,
                  order_id: str) -> dict[str, Any] | None:
    """The newest server state known for the order (the feed may be ahead of the conflict)."""
    best: dict[str, Any] | None = None
    if conflict["server"] is not None:
        server = json.loads(conflict["server"])
        if isinstance(server, dict) and "lines" in server:
            best = server
    row = db.execute("SELECT server_data, server_version FROM orders WHERE id = ?",
                     (order_id,)).fetchone()
    if row is not None and row["server_data"] is not None:
        known = json.loads(row["server_data"])
        if best is None or int(known.get("version", 0)) >= int(best.get("version", 0)):
            best = known
    return best


def _order_id(conflict: sqlite3.Row) -> str | None:
    entity = str(conflict["entity"])
    return entity.split(":", 1)[1] if entity.startswith("order:") else None


def keep_mine(db: sqlite3.Connection, conflict_id: int, *, accept_new_prices: bool = False) -> str:
    """Send the user's version again; returns the new mutation's key."""
    conflict = _open(db, conflict_id)
    reason = conflict["reason"]
    if conflict["status"] != "conflict" or reason not in KEEPABLE:
        raise ResolutionNotPossible(
            f"Your version cannot be sent again ({reason}): take the server's version or edit "
            "a copy.", "not_keepable",
            f"您的版本无法重新提交（{reason}）：请采用服务器的版本，或编辑副本。")
    if reason == "price_changed" and not accept_new_prices:
        raise ResolutionNotPossible(
            "Prices changed since the customer was quoted: accept the new prices, take the "
            "server's version, or edit a copy.", "prices_not_accepted",
            "报价后价格已变：请接受新价格、采用服务器的版本，或编辑副本。")
    mine = json.loads(conflict["mine"])
    mutation = mine["mutation"]
    kind = str(mutation["kind"])
    args: dict[str, Any] = dict(mutation["args"])
    order_id = _order_id(conflict)
    base: int | None = None
    current: dict[int, Decimal] = {}
    if order_id is not None:
        lines = order_lines(db, order_id)
        if accept_new_prices:
            current = {int(x["product_id"]): Decimal(str(x["current"]))
                       for x in json.loads(conflict["details"]).get("lines", [])}
            lines = replace_all_lines(lines, current)
            replace_lines(db, order_id, lines)
        server = _server_state(db, conflict, order_id)
        base = int(server["version"]) if server else 0
        line_args = [{"product_id": ln.product_id, "quantity": ln.quantity,
                      "unit_price": d.format_amount(ln.unit_price)} for ln in lines]
        if kind in ("order.submit", "order.update") and "lines" in args:
            args["lines"] = line_args
    held = db.execute("SELECT * FROM outbox WHERE conflict_id = ? AND state = 'held'"
                      " ORDER BY seq", (conflict_id,)).fetchall()
    # Re-queue the held ones *after* the new mutation (the outbox sends in seq order): they
    # were never sent, so they keep their keys; their base versions follow the new one.
    db.executemany("DELETE FROM outbox WHERE seq = ?", [(r["seq"],) for r in held])
    _close(db, conflict_id, "keep_mine")  # first: changes to an open conflict are held
    key = outbox.enqueue(db, kind, args, base)
    chain = 0 if kind == "order.submit" else (base or 0)
    for r in held:
        chain += 1
        held_args = json.loads(r["args"])
        if current and isinstance(held_args.get("lines"), list):
            # The user accepted the new prices: later queued edits quote them too (they were
            # never sent, so changing them under the same key is still exactly-once).
            for line in held_args["lines"]:
                new_price = current.get(int(line.get("product_id", 0)))
                if new_price is not None and line.get("unit_price") is not None:
                    line["unit_price"] = d.format_amount(new_price)
        outbox.enqueue(db, r["kind"], held_args,
                       chain if r["kind"] in outbox.VERSION_BUMPING else r["base_version"],
                       key=r["key"])
    return key


def take_theirs(db: sqlite3.Connection, conflict_id: int) -> None:
    """Make the local data the server's; the user's change and the held ones are dropped."""
    conflict = _open(db, conflict_id)
    db.execute("UPDATE outbox SET state = 'discarded' WHERE conflict_id = ? AND state = 'held'",
               (conflict_id,))
    _close(db, conflict_id, "take_theirs")
    order_id = _order_id(conflict)
    if conflict["kind"] == "shipment.confirm":
        mine = json.loads(conflict["mine"])
        db.execute("DELETE FROM shipments WHERE id = ? AND version = 0",
                   (mine["mutation"]["args"].get("shipment_id"),))
    if conflict["kind"] == "favourite.set":
        _undo_favourite(db, json.loads(conflict["mine"])["mutation"]["args"])
    if order_id is None or orders.has_pending(db, order_id):
        return
    server = _server_state(db, conflict, order_id)
    if server is not None:
        orders.write_from_server(db, server, int(server.get("version") or 0))
    else:  # the server never had this order
        db.execute("DELETE FROM order_lines WHERE order_id = ?", (order_id,))
        db.execute("DELETE FROM shipments WHERE order_id = ? AND version = 0", (order_id,))
        db.execute("DELETE FROM orders WHERE id = ?", (order_id,))


def _undo_favourite(db: sqlite3.Connection, args: dict[str, Any]) -> None:
    """The server refused a favourite (its product is gone there), so it holds none: the local
    mark goes too, unless a later change of the same favourite is still waiting to be sent."""
    product_id = int(args.get("product_id", 0))
    if not args.get("favourite") or db.execute(
        "SELECT 1 FROM outbox WHERE entity = ? AND state IN ('pending', 'held')",
        (outbox.entity_key("favourite.set", {"product_id": product_id}),),
    ).fetchone():
        return
    db.execute("DELETE FROM favourites WHERE product_id = ?", (product_id,))


def edit(db: sqlite3.Connection, identity: Identity, conflict_id: int) -> str:
    """Turn the user's version into an editable draft; returns the draft's id."""
    conflict = _open(db, conflict_id)
    order_id = _order_id(conflict)
    if order_id is None:
        raise ResolutionNotPossible("Only an order's conflict can be edited.", "not_an_order",
                                    "只有订单的冲突可以编辑。")
    row = db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no order {order_id} on this device.")
    lines = order_lines(db, order_id)
    server = _server_state(db, conflict, order_id)
    if server is None:
        # The server never accepted it: the order itself becomes a draft again.
        db.execute("UPDATE outbox SET state = 'discarded' WHERE conflict_id = ?"
                   " AND state = 'held'", (conflict_id,))
        _close(db, conflict_id, "edit")
        db.execute("UPDATE orders SET status = 'draft', updated_at = ? WHERE id = ?",
                   (now_iso(), order_id))
        replace_lines(db, order_id, [d.OrderLine(ln.product_id, ln.quantity, ln.unit_price,
                                                 ln.tax_rate) for ln in lines])
        return order_id
    draft_id = create_draft(db, identity, int(row["customer_id"]), notes=row["notes"])
    replace_lines(db, draft_id, [d.OrderLine(ln.product_id, ln.quantity, ln.unit_price,
                                             ln.tax_rate) for ln in lines])
    take_theirs(db, conflict_id)
    db.execute("UPDATE conflicts SET resolution = 'edit' WHERE id = ?", (conflict_id,))
    return draft_id

