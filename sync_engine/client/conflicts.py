"""The ``conflicts`` table: changes the server did not apply, recorded with both sides
(:func:`record`), and the user's decision on each: keep mine, take theirs, or edit. Nothing is
resolved silently. Every write to the table is here.

- **keep mine**: the user's change is sent again as a *new* mutation (new idempotency key) on
  the server's current version; for ``price_changed`` only with the new prices, and for
  ``promotion_changed`` only with the server's promotions, and only when the user says so
  (``accept_new_prices``). The changes held behind the conflict follow it, in
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
from sync_engine.protocol import MutationResult

from . import favourites, orders, outbox, quotes, returns, shipments
from .errors import NotFound, ResolutionNotPossible
from .ordering import create_draft, line_args, replace_all_lines, requote
from .orders import order_lines, order_promotions, replace_lines
from .outbox import Claimed
from .store import compact_json, now_iso
from .values import Identity

__all__ = ["KEEPABLE", "REDUCIBLE", "edit", "keep_mine", "record", "reduce_return",
           "take_theirs"]

# Reasons where sending the user's change again can succeed.
KEEPABLE = frozenset({"price_changed", "promotion_changed", "version_mismatch",
                      "insufficient_stock"})


def _mine(db: sqlite3.Connection, row: Claimed) -> dict[str, Any]:
    """The user's side of a conflict: the order as they have it, and the change they sent."""
    mine: dict[str, Any] = {"mutation": {"key": row.key, "kind": row.kind,
                                         "base_version": row.base_version,
                                         "args": json.loads(row.args)}}
    if row.entity.startswith("order:"):
        order_id = row.entity.split(":", 1)[1]
        o = db.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if o is not None:
            mine["order"] = {
                "id": order_id, "customer_id": o["customer_id"], "status": o["status"],
                "notes": o["notes"], "delivery_date": o["delivery_date"],
                "local_number": o["local_number"],
                "totals": {"net": o["net"], "tax": o["tax"], "gross": o["gross"]},
                "promotions": json.loads(o["promotions"] or "[]"),
                "lines": [
                    {"product_id": ln["product_id"], "quantity": ln["quantity"],
                     "unit_price": ln["unit_price"], "shipped_qty": ln["shipped_qty"],
                     "gift": bool(ln["gift"]), "promotion": ln["promotion"]}
                    for ln in db.execute(
                        "SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no",
                        (order_id,))
                ],
            }
    return mine


def record(db: sqlite3.Connection, row: Claimed, result: MutationResult) -> int:
    """Open a conflict for an outbox row the server answered with a conflict or a rejection:
    the user's side as it stands, the server's answer (reason, messages, field errors, its
    current state). Returns the conflict's id."""
    cur = db.execute(
        "INSERT INTO conflicts (entity, outbox_key, kind, status, reason, message,"
        " message_zh, errors, details, mine, server, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row.entity, row.key, row.kind, result.status, result.reason, result.message,
         result.message_zh,
         compact_json([e.model_dump(mode="json", exclude_unset=True) for e in result.errors]),
         compact_json(result.details), compact_json(_mine(db, row)),
         None if result.server is None else compact_json(result.server), now_iso()),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


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
    if reason in ("price_changed", "promotion_changed") and not accept_new_prices:
        raise ResolutionNotPossible(
            "Prices or promotions changed since the customer was quoted: accept the new ones, "
            "take the server's version, or edit a copy.", "prices_not_accepted",
            "报价后价格或促销已变：请接受新的价格和促销、采用服务器的版本，或编辑副本。")
    mine = json.loads(conflict["mine"])
    mutation = mine["mutation"]
    kind = str(mutation["kind"])
    args: dict[str, Any] = dict(mutation["args"])
    order_id = _order_id(conflict)
    base: int | None = None
    current: dict[int, Decimal] = {}
    if order_id is not None:
        lines = order_lines(db, order_id)
        applied = order_promotions(db, order_id)
        details = json.loads(conflict["details"])
        if accept_new_prices:
            current = {int(x["product_id"]): Decimal(str(x["current"]))
                       for x in details.get("lines", [])}
            quote = requote(db, orders.order_row(db, order_id),
                            replace_all_lines(quotes.bought(lines), current))
            lines = list(quote.lines)
            applied = list(quote.applied)
            if reason == "promotion_changed":  # the server's promotions, as it said
                applied = [d.AppliedPromotion.from_dict(p)
                           for p in details["promotions"]["current"]]
            replace_lines(db, order_id, lines, applied)
        server = _server_state(db, conflict, order_id)
        base = int(server["version"]) if server else 0
        if kind in ("order.submit", "order.update") and "lines" in args:
            args["lines"] = [a.model_dump(mode="json") for a in line_args(lines, applied)]
            args["promotions"] = [a.to_dict() for a in applied]
    # Re-queue the held ones *after* the new mutation (the outbox sends in seq order): they
    # were never sent, so they keep their keys; their base versions follow the new one.
    held = outbox.take_held(db, conflict_id)
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


REDUCIBLE = frozenset({"return_exceeds_returnable"})
"""Reasons where the user's return may be sent again asking only what is still returnable."""


def reduce_return(db: sqlite3.Connection, conflict_id: int) -> str:
    """A return that asked for units another return took first: ask again for only what is
    still returnable (as the server said in the conflict), under a new key; the local return
    shows the reduced lines until the server answers. Returns the new mutation's key."""
    conflict = _open(db, conflict_id)
    if conflict["kind"] != "return.request" or conflict["reason"] not in REDUCIBLE:
        raise ResolutionNotPossible(
            f"Only a return asking for units another return took can be reduced "
            f"({conflict['reason']}).", "not_reducible",
            f"只有被其他退货单占用了数量的退货单才能减少数量（{conflict['reason']}）。")
    details = json.loads(conflict["details"])
    left = {int(x["product_id"]): int(x["quantity"]) for x in details.get("returnable", [])}
    args: dict[str, Any] = dict(json.loads(conflict["mine"])["mutation"]["args"])
    lines = [{"product_id": int(ln["product_id"]),
              "quantity": min(int(ln["quantity"]), left.get(int(ln["product_id"]), 0))}
             for ln in args.get("lines", [])]
    lines = [ln for ln in lines if ln["quantity"] > 0]
    if not lines:
        raise ResolutionNotPossible(
            "Nothing of this return can be returned any more: discard it.",
            "nothing_returnable", "此退货单已无可退的数量：请放弃它。")
    returns.reduce_unsent(db, str(args["return_id"]),
                          {ln["product_id"]: ln["quantity"] for ln in lines})
    outbox.discard_held(db, conflict_id)
    _close(db, conflict_id, "reduce")
    return outbox.enqueue(db, "return.request", dict(args, lines=lines))


def take_theirs(db: sqlite3.Connection, conflict_id: int) -> None:
    """Make the local data the server's; the user's change and the held ones are dropped."""
    conflict = _open(db, conflict_id)
    outbox.discard_held(db, conflict_id)
    _close(db, conflict_id, "take_theirs")
    order_id = _order_id(conflict)
    if conflict["kind"] == "shipment.confirm":
        mine = json.loads(conflict["mine"])
        shipments.TABLE.drop_unsent(db, mine["mutation"]["args"].get("shipment_id"))
    if conflict["kind"] == "return.request":
        mine = json.loads(conflict["mine"])
        returns.TABLE.drop_unsent(db, mine["mutation"]["args"].get("return_id"))
    if conflict["kind"] in ("return.decide", "return.receive") and conflict["server"]:
        server = json.loads(conflict["server"])
        returns.TABLE.store_server_states(db, [(server, int(server.get("version") or 0))])
    if conflict["kind"] == "favourite.set":
        favourites.drop_refused(db, json.loads(conflict["mine"])["mutation"]["args"])
    if order_id is None or orders.has_pending(db, order_id):
        return
    server = _server_state(db, conflict, order_id)
    if server is not None:
        orders.write_from_server(db, server, int(server.get("version") or 0))
    else:  # the server never had this order
        shipments.TABLE.drop_unsent_of_order(db, order_id)
        orders.delete(db, order_id)


def edit(db: sqlite3.Connection, identity: Identity, conflict_id: int) -> str:
    """Turn the user's version into an editable draft; returns the draft's id."""
    conflict = _open(db, conflict_id)
    order_id = _order_id(conflict)
    if order_id is None:
        raise ResolutionNotPossible("Only an order's conflict can be edited.", "not_an_order",
                                    "只有订单的冲突可以编辑。")
    row = orders.order_row(db, order_id)
    lines = order_lines(db, order_id)
    server = _server_state(db, conflict, order_id)
    if server is None:
        # The server never accepted it: the order itself becomes a draft again.
        outbox.discard_held(db, conflict_id)
        _close(db, conflict_id, "edit")
        orders.set_status(db, order_id, d.OrderStatus.DRAFT)
        quote = requote(db, row, _as_quoted(lines))
        replace_lines(db, order_id, quote.lines, quote.applied)
        return order_id
    draft_id = create_draft(db, identity, int(row["customer_id"]), notes=row["notes"])
    quote = requote(db, orders.order_row(db, draft_id), _as_quoted(lines))
    replace_lines(db, draft_id, quote.lines, quote.applied)
    take_theirs(db, conflict_id)
    db.execute("UPDATE conflicts SET resolution = 'edit' WHERE id = ?", (conflict_id,))
    return draft_id



def _as_quoted(lines: list[d.OrderLine]) -> list[d.OrderLine]:
    """The user's lines for a draft: the bought ones, nothing shipped; promotions anew."""
    return [d.OrderLine(ln.product_id, ln.quantity, ln.unit_price, ln.tax_rate,
                        tax_included=ln.tax_included, promotion=ln.promotion)
            for ln in quotes.bought(lines)]
