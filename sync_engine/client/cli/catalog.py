"""``dinghuo-cli search`` and ``customers``: the catalog and customers on this device."""

from __future__ import annotations

import argparse
from decimal import Decimal

from ..engine import Engine
from ..values import CustomerView
from .output import Column, money, print_json, print_table, unit_price

__all__ = ["customers_command", "search_command"]


def search_command(engine: Engine, args: argparse.Namespace) -> int:
    found = engine.search_products(args.query, limit=args.limit)
    if args.json:
        print_json(found)
        return 0
    if not found:
        print(f"no product matches {args.query!r}")
        return 0
    print_table(
        [Column("SKU"), Column("Product", wrap=True), Column("English name", wrap=True),
         Column("Category"), Column("Pack", right=True), Column("List price", right=True)],
        ([p.sku, p.name_zh, p.name_en, p.category,
          f"{p.pack_size} {p.unit}",
          f"{unit_price(p.base_price)}/{p.unit}"] for p in found))
    return 0


def customers_command(engine: Engine, args: argparse.Namespace) -> int:
    found = engine.customers(args.text)
    if args.json:
        print_json(found)
        return 0
    if not found:
        print("no customers" + (f" match {args.text!r}" if args.text else " on this device"))
        return 0
    accounts = {c.id: engine.credit(c.id) for c in found}  # as of the last sync

    def owed(c: CustomerView, amount: Decimal) -> str:
        return money(amount) if accounts[c.id].as_of is not None else "—"

    print_table(
        [Column("Code"), Column("Name", wrap=True), Column("English name", wrap=True),
         Column("Credit limit", right=True), Column("Terms"), Column("Open", right=True),
         Column("Overdue", right=True), Column("Phone")],
        ([c.code, c.name, c.name_en, money(c.credit_limit) if c.credit_limit is not None
          else "no limit", c.payment_terms, owed(c, accounts[c.id].open_amount),
          owed(c, accounts[c.id].overdue_amount), c.phone] for c in found))
    return 0
