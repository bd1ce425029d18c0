"""A demo data set: two warehouses, five users, ~40 customers, a catalogue, stock, prices and
promotions.

The fixed parts (warehouses, users, customers, the brands of the catalogue) are data files in
:mod:`.data`; addresses, phones, stock and prices are drawn from a seeded random generator, so
one seed always makes the same data set.

Everything goes in the way real data does: warehouses and users through a
:class:`~sync_engine.server.feed.changes.UnitOfWork`, customers, products, stock and customer
prices as ERP CSV files through :func:`~sync_engine.server.ops.importer.import_csv`. So every row
is in the change feed, and the demo exercises the import path.

Users (password ``demo``): ``rep1`` and ``rep2`` (sales reps), ``clerk1`` (warehouse clerk in
上海仓 SH), ``owner1`` (store owner of one of rep1's customers) and ``admin``. Orders are not
created by the importer: :mod:`.orders` makes the order history through the real
mutation handlers (``orders=False`` leaves it out).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync_engine.server import accounts as auth
from sync_engine.server.demo.after_sale import add_demo_after_sale
from sync_engine.server.demo.catalog import generate_products
from sync_engine.server.demo.data import demo_data, demo_rows
from sync_engine.server.demo.orders import add_demo_orders
from sync_engine.server.feed import entities
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops.importer import ImportReport, import_csv
from sync_engine.server.storage.models import Base, Customer, Product, ServerMeta, User, Warehouse

__all__ = ["DEMO_PASSWORD", "DemoError", "DemoSummary", "load_demo", "reset_database"]

DEMO_PASSWORD = auth.DEMO_PASSWORD


class DemoError(Exception):
    """The demo cannot be loaded (e.g. the database already holds data); ``str`` says why."""


@dataclass(slots=True)
class DemoSummary:
    """What :func:`load_demo` created."""

    warehouses: int = 0
    users: list[str] = field(default_factory=list)
    customers: int = 0
    products: int = 0
    stock_rows: int = 0
    price_rows: int = 0  # customer × product prices
    price_breaks: int = 0  # quantity breaks in them
    promotions: int = 0
    orders: int = 0
    seconds: float = 0.0
    owner_customer_code: str = ""


def load_demo(
    session_factory: Callable[[], Session],
    *,
    products: int = 2000,
    seed: int = 1,
    reset: bool = False,
    orders: bool = True,
) -> DemoSummary:
    """Fill an empty, migrated database with the demo data set; returns what it created.

    Raises :class:`DemoError` if the database already holds users, customers, products or
    warehouses, unless ``reset`` is true: then everything but the schema and settings is
    deleted first (:func:`reset_database`) and devices will resync from scratch.
    """
    if products < 1:
        raise DemoError("the demo needs at least one product")
    started = time.perf_counter()
    rng = random.Random(seed)
    with session_factory() as session:
        if reset:
            reset_database(session)
        _require_empty(session)
        summary = DemoSummary()
        uow = UnitOfWork(session, device_id="demo")
        places = {w["code"]: w for w in json.loads(demo_data("warehouses.json"))}
        warehouses = {code: Warehouse(code=code, name=w["name"], version=1)
                      for code, w in places.items()}
        session.add_all(warehouses.values())
        session.flush()
        for w in warehouses.values():
            entities.record_warehouse(uow, w)
        # Users with a customer account come after the customers; the others before them (the
        # customers' file names their reps).
        users = demo_rows("users.csv")
        for user in users:
            if not user["customer"]:
                _add_user(session, user, warehouses, {})
        uow.commit()
        summary.warehouses = len(warehouses)

        catalog = generate_products(products, seed)
        customer_rows = _customer_rows(rng, places)
        summary.customers = _run(session, "customers", customer_rows).created
        codes = [user["customer"] for user in users if user["customer"]]
        customers = {c.code: c for c in session.scalars(
            select(Customer).where(Customer.code.in_(codes)))}
        for user in users:
            if user["customer"]:
                _add_user(session, user, warehouses, customers)
                session.commit()
        summary.users = [user["username"] for user in users]
        summary.owner_customer_code = codes[0] if codes else ""
        summary.products = _run(session, "products", catalog).created
        stock = _stock_rows(rng, warehouses, catalog)
        summary.stock_rows = _run(session, "stock", stock).created
        prices = _run(session, "prices", _price_rows(rng, catalog, customer_rows))
        summary.price_rows, summary.price_breaks = prices.created, prices.rows
        promotion_rows = _promotion_rows(catalog, stock)
        if promotion_rows:
            summary.promotions = _run(session, "promotions", promotion_rows).created
    if orders:
        summary.orders = add_demo_orders(session_factory, seed=seed)
        add_demo_after_sale(session_factory, seed=seed)
    summary.seconds = time.perf_counter() - started
    return summary


def reset_database(session: Session) -> None:
    """Delete all data (not the schema, not the settings) and start a new change-log epoch.

    The new epoch makes every device's cursor invalid, so clients resync instead of keeping
    rows that no longer exist.
    """
    keep = {"server_meta", "sync_counter", "alembic_version"}
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in keep:
            session.execute(table.delete())
    epoch = session.get(ServerMeta, "log_epoch")
    if epoch is None:
        session.add(ServerMeta(key="log_epoch", value=secrets.token_hex(8)))
    else:
        epoch.value = secrets.token_hex(8)
    session.commit()


def _require_empty(session: Session) -> None:
    counts = {
        label: session.scalar(select(func.count()).select_from(model)) or 0
        for label, model in (("users", User), ("warehouses", Warehouse),
                             ("customers", Customer), ("products", Product))
    }
    session.rollback()  # end the read transaction (SQLite holds the write lock in it)
    if any(counts.values()):
        held = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
        raise DemoError(
            f"the database is not empty ({held}); use --reset to delete everything in it first"
        )


def _run(session: Session, kind: str, rows: Sequence[dict[str, Any]]) -> ImportReport:
    report = import_csv(session, kind, io.StringIO(_csv(rows)), device_id="demo")
    if report.errors:  # our own data: a bug, not a user error
        raise RuntimeError(f"demo {kind} import failed: {report.errors[:5]}")
    return report


def _csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _add_user(session: Session, row: dict[str, str], warehouses: dict[str, Warehouse],
              customers: dict[str, Customer]) -> None:
    auth.create_user(session, row["username"], DEMO_PASSWORD, row["role"],
                     display_name=row["display_name"],
                     warehouse_id=warehouses[row["warehouse"]].id if row["warehouse"] else None,
                     customer_id=customers[row["customer"]].id if row["customer"] else None,
                     commit=False, demo_account=True)


def _customer_rows(rng: random.Random, places: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for c in demo_rows("customers.csv"):
        wh = c["warehouse"]
        rows.append({
            "code": c["code"],
            "name": c["name"],
            "name_en": c["name_en"],
            "address": f"{places[wh]['city']}{rng.choice(places[wh]['streets'])}"
                       f"{rng.randint(1, 1200)}号",
            "phone": _phone(rng, places[wh]["area_code"]),
            "rep": c["rep"],
            "warehouse": wh,
            "credit_limit": c["credit_limit"],
            "payment_terms": c["payment_terms"],
            "active": "1",
            "prices_include_tax": c["prices_include_tax"],
        })
    return rows


def _phone(rng: random.Random, area_code: str) -> str:
    if rng.random() < 0.6:  # a landline, else a mobile
        return f"{area_code}-{rng.randint(5000_0000, 6999_9999)}"
    return f"1{rng.choice('358')}{rng.randint(0, 10**9 - 1):09d}"


def _stock_rows(rng: random.Random, warehouses: Iterable[str],
                catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for wh in warehouses:
        for p in catalog:
            r = rng.random()
            case = int(p["case_qty"])
            if r < 0.02:
                on_hand = 0
            elif r < 0.07:  # low: less than two cases
                on_hand = rng.randint(1, 2 * case - 1) if case > 1 else 1
            else:
                on_hand = case * rng.randint(10, 300)
            rows.append({"sku": p["sku"], "warehouse": wh, "on_hand": on_hand})
    return rows


def _price_rows(
    rng: random.Random, catalog: list[dict[str, Any]], customers: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    rows = []
    per_customer = min(20, len(catalog))
    for i, customer in enumerate(customers):
        if i % 4 == 3:  # a quarter of the customers buy at list price
            continue
        for p in rng.sample(catalog, per_customer):
            base = Decimal(p["base_price"])
            price = (base * Decimal(rng.randint(85, 97)) / 100).quantize(Decimal("0.01"))
            breaks = [(1, price)]
            if rng.random() < 0.35:
                case = int(p["case_qty"])
                for cases, off in ((5, 3), (10, 6))[: rng.randint(1, 2)]:
                    cut = (price * (100 - off) / 100).quantize(Decimal("0.01"))
                    breaks.append((case * cases, cut))
            for min_qty, unit_price in breaks:
                rows.append({"customer": customer["code"], "sku": p["sku"],
                             "min_qty": min_qty, "unit_price": f"{unit_price:.2f}"})
    return rows



def _promotion_rows(catalog: list[dict[str, Any]],
                    stock: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The data file's promotions on this catalogue (see :mod:`.data`), each on the first
    product with its word that is well stocked (50 cases in every warehouse: a promotion on
    goods the warehouse lacks would give nothing); one without such a product is left out."""
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    cases = {p["sku"]: int(p["case_qty"]) for p in catalog}
    low = {r["sku"] for r in stock if r["on_hand"] < 50 * cases[r["sku"]]}
    rows = []
    for p in demo_rows("promotions.csv"):
        product = next((c for c in catalog if p["product"] and p["product"] in c["name_zh"]
                        and c["sku"] not in low), None)
        if p["product"] and product is None:
            continue
        row = {"code": p["code"], "kind": p["kind"], "name": p["name"],
               "starts_at": (today + dt.timedelta(days=int(p["starts_days"]))).isoformat(),
               "ends_at": (today + dt.timedelta(days=int(p["ends_days"]))).isoformat(),
               "customers": p["customers"], "sku": product["sku"] if product else "",
               "unit_price": "", "buy_qty": "", "get_qty": "", "threshold": p["threshold"],
               "amount_off": p["amount_off"]}
        if product is not None and p["special_pct"]:
            base = Decimal(product["base_price"]) * (1 + Decimal(product["tax_rate"]))
            row["unit_price"] = f"{base * int(p['special_pct']) / 100:.2f}"
        if product is not None and p["buy_cases"]:
            row["buy_qty"] = str(int(p["buy_cases"]) * int(product["case_qty"]))
            row["get_qty"] = str(int(p["get_cases"]) * int(product["case_qty"]))
        rows.append(row)
    return rows
