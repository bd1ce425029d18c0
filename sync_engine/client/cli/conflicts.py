"""``dinghuo-cli conflicts …``: what the server did not apply as sent, both sides, and the three
ways out (as in the app's conflicts inbox): keep mine (send it again on the server's current
version; at today's prices when prices changed, only if the user says so), take the server's,
or edit (the user's version becomes an editable draft). Nothing is decided silently."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from .. import errors
from ..conflicts import KEEPABLE, REDUCIBLE
from ..engine import Engine
from ..values import ConflictView, side_lines
from .orders import products_of
from .output import Column, money, print_json, print_table, quantity, status_words, unit_price
from .parser import UsageError

__all__ = ["conflicts_command"]

KINDS = {
    "order.submit": "submit",
    "order.update": "change",
    "order.cancel": "cancel",
    "order.confirm": "confirm",
    "order.reject": "reject",
    "order.receive": "receipt",
    "shipment.confirm": "shipment",
    "return.request": "return",
    "return.decide": "return decision",
    "return.receive": "return receipt",
}


def conflicts_command(engine: Engine, args: argparse.Namespace) -> int:
    """Run ``conflicts [list|show|resolve]``."""
    action = args.action or "list"
    if action == "list":
        return _list(engine, include_resolved=args.all, as_json=args.json)
    conflict = engine.conflict(args.conflict)
    if action == "show":
        return _show(engine, conflict, as_json=args.json)
    return _resolve(engine, conflict, args.decision, accept_new_prices=args.accept_new_prices)


def _order_label(engine: Engine, c: ConflictView) -> tuple[str, str]:
    """The conflict's order number and customer ("—" when there is no order)."""
    if c.order_id is None:
        return "—", ""
    try:
        order = engine.order(c.order_id)
    except errors.NotFound:
        return c.order_id[:8], ""
    return order.number or order.local_number, order.customer_name


def _reason(c: ConflictView) -> str:
    """Why, in the server's words (its reason code when it said none)."""
    return c.message or (c.reason or c.status).replace("_", " ")


def _list(engine: Engine, *, include_resolved: bool, as_json: bool) -> int:
    found = engine.conflicts(include_resolved)
    if as_json:
        print_json(found)
        return 0
    if not found:
        print("nothing needs your decision")
        return 0

    held = any(c.held for c in found)  # a column only when changes wait behind one

    def row(c: ConflictView) -> list[object]:
        number, customer = _order_label(engine, c)
        cells: list[object] = [c.id, number, customer, KINDS.get(c.kind, c.kind), _reason(c),
                               c.created_at[:16].replace("T", " ")]
        return [*cells, c.held or ""] if held else cells

    columns = [Column("ID", right=True), Column("Order"), Column("Customer", wrap=True),
               Column("Change"), Column("Why", wrap=True), Column("Since (UTC)")]
    print_table([*columns, Column("Held", right=True)] if held else columns,
                (row(c) for c in found))
    print()
    print("`dinghuo-cli conflicts show ID` shows both sides;")
    print("`dinghuo-cli conflicts resolve ID keep-mine|reduce|take-theirs|edit` decides.")
    return 0


def _show(engine: Engine, c: ConflictView, *, as_json: bool) -> int:
    if as_json:
        print_json(c)
        return 0
    number, customer = _order_label(engine, c)
    mine, theirs = side_lines(c.mine), side_lines(c.server)
    products = products_of(engine, (int(ln["product_id"]) for ln in [*mine, *theirs]))
    print(f"Conflict {c.id}: {KINDS.get(c.kind, c.kind)} of order {number} {customer}".rstrip())
    print(f"Why: {_reason(c)}")
    for e in c.errors:
        if c.reason != "price_changed":
            print(f"  {e.get('field', '')}: {e.get('message', '')}")
    if c.reason == "price_changed":
        for ln in c.details.get("lines", []):
            p = products.get(int(ln["product_id"]))
            print(f"  {p.sku + ' ' + p.name_zh if p else ln['product_id']}: quoted "
                  f"{unit_price(Decimal(str(ln['quoted'])))}, now "
                  f"{unit_price(Decimal(str(ln['current'])))}")
    if c.held:
        waits = "change of this order waits" if c.held == 1 else "changes of this order wait"
        print(f"{c.held} later {waits} for this decision.")
    print()
    columns = [Column("SKU"), Column("Product", wrap=True), Column("Quantity", right=True),
               Column("Unit price", right=True), Column("Net", right=True)]

    def rows(lines: list[dict[str, Any]]) -> list[list[object]]:
        out: list[list[object]] = []
        for ln in lines:
            p = products.get(int(ln["product_id"]))
            units = int(ln.get("quantity", 0))
            price = Decimal(str(ln["unit_price"])) if ln.get("unit_price") is not None else None
            out.append([p.sku if p else f"#{ln['product_id']}", p.name_zh if p else "",
                        quantity(units, p), unit_price(price) if price is not None else "—",
                        money(price * units) if price is not None else "—"])
        return out

    print_table(columns, rows(mine), title="Yours")
    if c.reason in REDUCIBLE:
        print_table(columns, rows([x for x in c.details.get("returnable", [])
                                   if x.get("quantity")]),
                    title="Still returnable (what `reduce` sends)")
    elif c.server:
        print_table(columns, rows(theirs),
                    title=f"The server's ({status_words(str(c.server.get('status', '')))})")
    elif c.reason == "price_changed":
        # The server never took the order: what it would take is the user's lines at today's
        # prices, so show exactly that (as the app does).
        current = {int(ln["product_id"]): ln["current"] for ln in c.details.get("lines", [])}
        print_table(columns, rows([dict(ln, unit_price=current.get(int(ln["product_id"]),
                                                                   ln.get("unit_price")))
                                   for ln in mine]),
                    title="At today's prices (what keep-mine --accept-new-prices sends)")
    else:
        print("The server's: it never accepted this order.")
    print()
    reducible = c.status == "conflict" and c.reason in REDUCIBLE
    print("Decide with `dinghuo-cli conflicts resolve "
          f"{c.id} {'keep-mine|' if _keepable(c) else ''}{'reduce|' if reducible else ''}"
          "take-theirs|edit`"
          + (" (keep-mine with --accept-new-prices)" if c.reason == "price_changed" else ""))
    return 0


def _keepable(c: ConflictView) -> bool:
    return c.status == "conflict" and c.reason in KEEPABLE


def _resolve(engine: Engine, c: ConflictView, decision: str, *,
             accept_new_prices: bool) -> int:
    if decision == "keep-mine":
        if c.reason == "price_changed" and not accept_new_prices:
            raise UsageError(f"conflict {c.id}: the prices changed since the quote, so keeping "
                             "yours sends it at today's prices: add --accept-new-prices (or "
                             "take-theirs, or edit)")
        engine.keep_mine(c.id, accept_new_prices=accept_new_prices)
        print(f"conflict {c.id}: yours is sent again with the next `dinghuo-cli sync`")
    elif decision == "reduce":
        engine.reduce_return(c.id)
        print(f"conflict {c.id}: yours asks only what is still returnable, sent with the next "
              "`dinghuo-cli sync`")
    elif decision == "take-theirs":
        engine.take_theirs(c.id)
        print(f"conflict {c.id}: the server's version is kept; yours is dropped")
    else:
        draft = engine.edit_conflict(c.id)
        print(f"conflict {c.id}: yours is now the draft {draft.local_number}: change it with "
              f"`dinghuo-cli orders edit {draft.local_number} …`, then `orders submit`")
    return 0
