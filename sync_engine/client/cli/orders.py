"""``dinghuo-cli orders …``: list, show, create, edit, submit, cancel and export orders.

An order is named on the command line by its server number (``DH00000027``, once the server
has numbered it), its local number (``L1A2B-00003``, given on this device) or its id.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import errors
from ..csv_export import write_csv
from ..engine import Engine
from ..values import OrderView, ProductView
from .output import (
    SYNC_WORDS,
    Column,
    money,
    percent,
    print_fields,
    print_json,
    print_table,
    quantity,
    status_words,
    unit_price,
)
from .parser import UsageError

__all__ = ["find_order", "order_command"]


def order_command(engine: Engine, args: argparse.Namespace) -> int:
    """Run ``orders ACTION``."""
    action = args.action
    if action == "list":
        return _list(engine, args)
    if action == "create":
        return _create(engine, args.file, submit=not args.draft)
    if action == "export":
        found = _find(engine, args)
        _export(found, args.file)
        print(f"exported {len(found)} orders to {args.file}")
        return 0
    order = find_order(engine, args.order)
    if action == "show":
        return _show(engine, order, as_json=args.json)
    if action == "edit":
        return _edit(engine, order, args)
    if action == "submit":
        warnings = engine.submit(order.id)
        print(f"{_name(order)} submitted; `dinghuo-cli sync` sends it")
        for w in warnings:
            print(f"  warning: {w.field}: {w.message('en')}")
        return 0
    if action == "cancel":
        done = engine.cancel(order.id, args.reason)
        print(f"{_name(done)} cancelled"
              + ("; `dinghuo-cli sync` tells the server" if done.sync_state == "pending" else ""))
        return 0
    raise AssertionError(f"unknown orders action {action}")


# --- naming an order -----------------------------------------------------------------------


def find_order(engine: Engine, ref: str) -> OrderView:
    """The order named by its server number, local number or id (see the module)."""
    ref = ref.strip()
    if not ref:
        raise errors.NotFound("Say which order: its number (DH…), local number (L…) or id.")
    with contextlib.suppress(errors.NotFound):
        return engine.order(ref)
    wanted = ref.upper()
    for o in engine.orders(text=ref, limit=100):
        if wanted in ((o.number or "").upper(), o.local_number.upper()):
            return engine.order(o.id)
    raise errors.NotFound(f"There is no order {ref!r} on this device: name it by its number "
                          "(DH…), local number (L…) or id; `dinghuo-cli orders list` shows "
                          "them.")


def _name(order: OrderView) -> str:
    """How an order is called in messages: its server number, else its local number."""
    return f"order {order.number or order.local_number}"


# --- listing and showing -------------------------------------------------------------------


def _find(engine: Engine, args: argparse.Namespace) -> list[OrderView]:
    customer = customer_id(engine, args.customer) if args.customer else None
    return engine.orders(status=args.status, customer_id=customer, date_from=args.date_from,
                         date_to=args.date_to, text=args.text, limit=args.limit)


def _list(engine: Engine, args: argparse.Namespace) -> int:
    found = _find(engine, args)
    if args.json:
        print_json(found)
        return 0
    if not found:
        print("no orders match")
        return 0
    print_table(
        [Column("Order"), Column("Customer", wrap=True), Column("Status"),
         Column("Total", right=True), Column("Created"), Column("Sync")],
        ([o.number or o.local_number, o.customer_name, status_words(o.status), money(o.gross),
          o.created_at[:10], SYNC_WORDS.get(o.sync_state, o.sync_state)] for o in found))
    return 0


def products_of(engine: Engine, product_ids: Iterable[int]) -> dict[int, ProductView]:
    """The products with these ids known on this device (an unknown one is left out)."""
    found: dict[int, ProductView] = {}
    for pid in set(product_ids):
        with contextlib.suppress(errors.NotFound):
            found[pid] = engine.product(pid)
    return found


def _show(engine: Engine, order: OrderView, *, as_json: bool) -> int:
    if as_json:
        print_json(order)
        return 0
    products = products_of(engine, (ln.product_id for ln in order.lines))
    local = f" · local number {order.local_number}" if order.local_number else ""
    print(f"Order {order.number or '(not numbered yet)'}{local} · id {order.id}")
    print_fields([
        ("Customer", order.customer_name),
        ("Status", f"{status_words(order.status)} ({SYNC_WORDS.get(order.sync_state, '')})"),
        ("Created", f"{order.created_at[:16].replace('T', ' ')} UTC"),
        ("Delivery", order.delivery_date.isoformat() if order.delivery_date else None),
        ("Notes", order.notes or None),
        ("On hold", ", ".join(r.replace("_", " ") for r in order.hold_reasons) or None),
    ], align=True)
    print()

    def row(ln: Any) -> list[object]:
        p = products.get(ln.product_id)
        return [ln.line_no, p.sku if p else f"#{ln.product_id}", p.name_zh if p else "",
                quantity(ln.quantity, p), unit_price(ln.unit_price), money(ln.net),
                percent(ln.tax_rate), money(ln.gross),
                quantity(ln.shipped_qty, p) if ln.shipped_qty else ""]

    print_table([Column("#", right=True), Column("SKU"), Column("Product", wrap=True),
                 Column("Quantity", right=True), Column("Unit price", right=True),
                 Column("Net", right=True), Column("Tax", right=True),
                 Column("Total", right=True), Column("Shipped", right=True)],
                (row(ln) for ln in order.lines))
    print(f"Net {money(order.net)}   Tax {money(order.tax)}   Total {money(order.gross)}")
    return 0


# --- changing --------------------------------------------------------------------------------


def _edit(engine: Engine, order: OrderView, args: argparse.Namespace) -> int:
    lines: dict[int, int] = {}
    for item in args.set or []:
        sku, sep, units = item.partition("=")
        if not sep or not units.strip().isdigit():
            raise UsageError(f"--set {item!r}: write SKU=QUANTITY, e.g. --set SKU-0001=12")
        lines[product_id(engine, {"sku": sku})] = int(units)
    changes: dict[str, Any] = {}
    if lines:
        changes["lines"] = lines
    if args.remove:
        changes["remove"] = tuple(product_id(engine, {"sku": sku}) for sku in args.remove)
    if args.notes is not None:
        changes["notes"] = args.notes
    if args.delivery_date is not None:
        changes["delivery_date"] = (None if args.delivery_date.lower() == "none"
                                    else _date(args.delivery_date))
    if not changes:
        raise UsageError("nothing to change: say --set, --remove, --notes or --delivery-date")
    done = engine.update_order(order.id, **changes)
    print(f"{_name(done)} changed; now {money(done.gross)}"
          + ("; `dinghuo-cli sync` sends the change" if done.sync_state == "pending" else ""))
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def customer_id(engine: Engine, value: Any) -> int:
    """A customer named by id or code."""
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    for c in engine.customers(text, include_inactive=True):
        if c.code == text:
            return c.id
    raise errors.NotFound(f"There is no customer {text!r} on this device "
                          "(`dinghuo-cli customers` lists them; sync first?).")


def product_id(engine: Engine, line: dict[str, Any]) -> int:
    """A product named by ``product_id`` or ``sku``."""
    if line.get("product_id") not in (None, ""):
        return int(line["product_id"])
    sku = str(line.get("sku") or "").strip()
    if not sku:
        raise ValueError("each line needs a product_id or a sku")
    for p in engine.search_products(sku, limit=20, include_inactive=True):
        if p.sku.upper() == sku.upper():
            return p.id
    raise errors.NotFound(f"There is no product with SKU {sku!r} on this device (sync first?).")


def read_orders(path: Path) -> list[dict[str, Any]]:
    """The orders in a JSON or CSV order file (the format: ``orders create --help``)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        return list(data) if isinstance(data, list) else [data]
    grouped: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(text.splitlines()):
        key = str(row.get("customer") or "").strip()
        if not key:
            raise ValueError("every CSV row needs a customer")
        order = grouped.setdefault(key, {"customer": key, "lines": [],
                                         "notes": row.get("notes") or "",
                                         "delivery_date": row.get("delivery_date") or None})
        order["lines"].append({"sku": row.get("sku"), "product_id": row.get("product_id"),
                               "quantity": int(str(row.get("quantity") or "0"))})
    return list(grouped.values())


def _create(engine: Engine, path: Path, *, submit: bool) -> int:
    for spec in read_orders(path):
        customer = customer_id(engine, spec.get("customer", spec.get("customer_id")))
        lines = {product_id(engine, ln): int(ln["quantity"]) for ln in spec.get("lines", [])}
        date = spec.get("delivery_date")
        draft = engine.create_draft(customer, lines, notes=str(spec.get("notes") or ""),
                                    delivery_date=dt.date.fromisoformat(date) if date else None)
        warnings = engine.submit(draft.id) if submit else []
        order = engine.order(draft.id)
        print(f"{order.local_number} {order.customer_name}: {status_words(order.status)} "
              f"({SYNC_WORDS.get(order.sync_state, '')}), total {money(order.gross)}")
        for w in warnings:
            print(f"  warning: {w.field}: {w.message('en')}")
    return 0


_EXPORT_COLUMNS = ("id", "number", "local_number", "customer_id", "customer_name", "status",
                   "sync_state", "created_at", "delivery_date", "net", "tax", "gross",
                   "price_basis", "notes")


def _price_basis(order: OrderView) -> str:
    """Which prices the order's lines are in: 含税 (tax-inclusive) or 不含税 (tax-exclusive)."""
    return "含税 tax-inclusive" if order.prices_include_tax else "不含税 tax-exclusive"


def _export(found: list[OrderView], path: Path) -> None:
    # Amounts and ids go out as numbers, names and notes as text a spreadsheet never runs.
    write_csv(path, _EXPORT_COLUMNS,
              ([_price_basis(o) if c == "price_basis" else getattr(o, c) for c in _EXPORT_COLUMNS]
               for o in found))
