"""``dinghuo-cli returns …``: list, show and ask for returns (退货), offline; ``sync`` sends.

A return is named by its server number (``DH00000027-R1``) or its id; the order it comes from
as for ``orders`` (``DH…``, ``L…`` or the id).
"""

from __future__ import annotations

import argparse
import contextlib

from .. import errors
from ..engine import Engine
from ..values import ReturnView
from .orders import customer_id, find_order, product_id
from .output import Column, money, print_json, print_table, status_words
from .parser import UsageError

__all__ = ["find_return", "returns_command"]


def returns_command(engine: Engine, args: argparse.Namespace) -> int:
    """Run ``returns ACTION``."""
    if args.action == "list":
        found = engine.returns(status=args.status, customer_id=None if args.customer is None
                               else customer_id(engine, args.customer))
        if args.json:
            print_json(found)
            return 0
        print_table([Column("Return"), Column("Order"), Column("Customer"), Column("Status"),
                     Column("Reason"), Column("Units", right=True),
                     Column("Credit", right=True)],
                    [[_name(r), r.order_number or r.order_id[:8], r.customer_name,
                      _status(r), r.reason.replace("_", " "), r.units, money(r.credit_amount)]
                     for r in found])
        return 0
    if args.action == "show":
        found_one = find_return(engine, args.ret)
        if args.json:
            print_json(found_one)
            return 0
        _show(found_one)
        return 0
    order = find_order(engine, args.order)
    quantities: dict[int, int] = {}
    for item in args.set:
        sku, sep, units = item.partition("=")
        if not sep or not units.strip().isdigit():
            raise UsageError(f"--set {item!r}: write SKU=QUANTITY, e.g. SKU-0001=6")
        quantities[product_id(engine, {"sku": sku})] = int(units)
    made = engine.request_return(order.id, quantities, args.reason, args.note)
    print(f"return of {made.units} units from {order.number or order.local_number} saved; "
          "`dinghuo-cli sync` sends it")
    return 0


def find_return(engine: Engine, ref: str) -> ReturnView:
    """The return named by its server number or id."""
    ref = ref.strip()
    with contextlib.suppress(errors.NotFound):
        return engine.return_view(ref)
    for r in engine.returns():
        if (r.number or "").upper() == ref.upper():
            return r
    raise errors.NotFound(f"There is no return {ref!r} on this device "
                          "(`dinghuo-cli returns list` lists them).")


def _name(r: ReturnView) -> str:
    return r.number or f"(unsent) {r.id[:8]}"


def _status(r: ReturnView) -> str:
    words = status_words(r.status)
    return f"{words} (pending sync)" if r.sync_state == "pending" else words


def _show(r: ReturnView) -> None:
    print(f"return {_name(r)}  order {r.order_number or r.order_id}  {r.customer_name}")
    print(f"status {_status(r)}  reason {r.reason.replace('_', ' ')}  credited "
          f"{money(r.credit_amount)}")
    if r.note:
        print(f"note: {r.note}")
    print_table([Column("SKU"), Column("Product"), Column("Units", right=True),
                 Column("Received", right=True), Column("Damaged", right=True),
                 Column("Expected", right=True)],
                [[ln.sku, ln.name_zh, ln.quantity, ln.received_qty + ln.pending_received,
                  ln.damaged_qty + ln.pending_damaged, ln.outstanding] for ln in r.lines])
    for h in r.history:
        print(f"  {str(h.get('at', ''))[:16].replace('T', ' ')} UTC  "
              f"{status_words(str(h.get('status')))}"
              + (f"  {h['reason']}" if h.get("reason") else ""))
