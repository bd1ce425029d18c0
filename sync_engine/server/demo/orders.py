"""Order history for the demo, made through the real mutation handlers.

Every order is submitted, confirmed, shipped, received or cancelled by the user who would do it
in life (rep, back office, clerk, store owner), so stock, reservations, numbers and the change
feed are exactly what the server produces. Afterwards the dates are spread over the last four
months, so history screens and the store owner's reorder suggestions have something to show.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import Mutation
from sync_engine.server.commands.apply import Settings, apply_mutation
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_order, record_shipment
from sync_engine.server.storage.models import (
    Customer,
    Order,
    Product,
    Shipment,
    Stock,
    User,
    utcnow,
)

DEVICE = "demo"


@dataclass
class _Actors:
    users: dict[str, User]
    sessions: Callable[[], Session]

    def do(self, who: str, kind: str, args: dict[str, Any],
           base_version: int | None = None) -> dict[str, Any]:
        m = Mutation(key=uuid.uuid4().hex, kind=kind, base_version=base_version, args=args)
        sessions = cast("sessionmaker[Session]", self.sessions)
        result = apply_mutation(sessions, self.users[who], DEVICE, m, Settings(auto_confirm=True))
        if result.status == "conflict" and result.reason == "promotion_changed":
            # The demo's users quote without promotions and accept what the server says
            # they give, as a rep does in the conflict dialog.
            args = {**args, "promotions": result.details["promotions"]["current"]}
            m = Mutation(key=uuid.uuid4().hex, kind=kind, base_version=base_version, args=args)
            result = apply_mutation(sessions, self.users[who], DEVICE, m,
                                    Settings(auto_confirm=True))
        if result.status != "applied":  # our own data: a bug, not a user error
            raise RuntimeError(f"demo {kind} by {who}: {result.status} {result.reason} "
                               f"{result.errors}")
        return result.model_dump(mode="json")


def detached_users(session: Session) -> dict[str, User]:
    """Every user by username, detached from ``session`` so that they can still be read after it
    closes (the actors act as them in sessions of their own)."""
    users = {u.username: u for u in session.scalars(select(User))}
    for u in users.values():
        session.expunge(u)
    return users


def add_demo_orders(sessions: Callable[[], Session], *, seed: int = 1) -> int:
    """Create the demo's order history; returns how many orders were made."""
    rng = random.Random(seed)
    with sessions() as session:
        users = detached_users(session)
        customers = list(session.scalars(select(Customer).order_by(Customer.id)))
        in_stock = _stocked_products(session)
        owner_customer = users["owner1"].customer_id
    actors = _Actors(users, sessions)
    made: list[tuple[str, int]] = []  # (order id, days ago)

    # The store owner reorders a steady basket every two weeks: history for suggestions.
    pool = in_stock.get(customer_warehouse(customers, owner_customer), [])
    basket = rng.sample(pool, min(6, len(pool)))
    for p in basket[:4]:
        actors.do("owner1", "favourite.set", {"product_id": p["id"], "favourite": True})
    for n, days_ago in enumerate(range(112, 0, -14)):
        lines = [{"product_id": p["id"], "quantity": _qty(p, rng.choice((2, 3, 3, 4)))}
                 for p in basket if rng.random() < 0.85]
        if not lines:
            continue
        order = actors.do("owner1", "order.submit", _submit(owner_customer, lines, rng))
        made.append((order["id"], days_ago))
        if order["data"]["status"] != "confirmed":
            continue  # held for review: stays in the queue
        _ship_all(actors, order, "clerk1")
        if n < 6:
            actors.do("owner1", "order.receive", {"order_id": order["id"]})

    # Each rep's customers: a spread of statuses, newest first in each list.
    for c in customers:
        if c.rep_id is None or c.id == owner_customer:
            continue
        rep = "rep1" if c.rep_id == users["rep1"].id else "rep2"
        clerk = "clerk1" if c.warehouse_id == users["clerk1"].warehouse_id else "admin"
        stock = in_stock.get(c.warehouse_id, [])
        for k in range(rng.randint(1, 3) if len(stock) >= 2 else 0):
            lines = [{"product_id": p["id"], "quantity": _qty(p, rng.randint(1, 5))}
                     for p in rng.sample(stock, rng.randint(2, min(7, len(stock))))]
            order = actors.do(rep, "order.submit", _submit(c.id, lines, rng))
            days_ago = rng.randint(0, 60)
            fate = rng.random()
            if order["data"]["status"] == "confirmed":
                if fate < 0.35:
                    pass  # waiting in the warehouse's queue
                elif fate < 0.5:
                    _ship_part(actors, order, clerk, rng)
                elif fate < 0.85:
                    _ship_all(actors, order, clerk)
                    if fate > 0.7:
                        actors.do(rep, "order.receive", {"order_id": order["id"]})
                else:
                    actors.do(rep, "order.cancel", {"order_id": order["id"],
                                                    "reason": "客户改期，取消订单"})
            made.append((order["id"], days_ago + 7 * k))
    made += _held_for_review(actors, customers, users, sessions, rng)
    _spread_dates(sessions, dict(made))
    return len(made)


def _held_for_review(actors: _Actors, customers: list[Customer], users: dict[str, User],
                     sessions: Callable[[], Session],
                     rng: random.Random) -> list[tuple[str, int]]:
    """Orders the auto-confirm rule holds back, for the back office's review queue."""
    rep1 = users["rep1"].id
    mine = [c for c in customers if c.rep_id == rep1 and c.id != users["owner1"].customer_id]
    limited = min((c for c in mine if c.credit_limit is not None),
                  key=lambda c: c.credit_limit or 0)
    with sessions() as session:
        short = session.execute(
            select(Product.id, Product.pack_size, Product.min_qty, Stock.on_hand)
            .join(Stock, Stock.product_id == Product.id)
            .where(Stock.warehouse_id == limited.warehouse_id, Product.active.is_(True),
                   Product.sellable.is_(True), Stock.on_hand - Stock.reserved < 12)
            .order_by(Product.id).limit(1)
        ).first()
        big = session.execute(
            select(Product.id, Product.pack_size, Product.min_qty, Product.base_price)
            .join(Stock, Stock.product_id == Product.id)
            .where(Stock.warehouse_id == limited.warehouse_id, Product.active.is_(True),
                   Product.sellable.is_(True), Stock.on_hand - Stock.reserved >= 2000)
            .order_by(Product.base_price.desc()).limit(1)
        ).first()
    made = []
    if big is not None and limited.credit_limit is not None:
        # Enough units of the dearest well-stocked product to go over the credit limit.
        units = int(limited.credit_limit / big.base_price) + big.pack_size
        qty = _qty({"pack_size": big.pack_size, "min_qty": big.min_qty}, 1)
        qty = max(qty, (units // big.pack_size + 1) * big.pack_size)
        if qty <= 2000:
            order = actors.do("rep1", "order.submit", _submit(
                limited.id, [{"product_id": big.id, "quantity": qty}], rng))
            made.append((order["id"], 1))
    if short is not None:
        qty = _qty({"pack_size": short.pack_size, "min_qty": short.min_qty}, 1)
        while qty <= short.on_hand:
            qty += max(1, short.pack_size)
        order = actors.do("rep1", "order.submit", _submit(
            mine[0].id, [{"product_id": short.id, "quantity": qty}], rng))
        made.append((order["id"], 0))
    return made


def customer_warehouse(customers: list[Customer], customer_id: int | None) -> int:
    return next(c.warehouse_id for c in customers if c.id == customer_id)


def _stocked_products(session: Session) -> dict[int, list[dict[str, Any]]]:
    """Active products with plenty of stock, per warehouse."""
    rows = session.execute(
        select(Product.id, Product.pack_size, Product.min_qty, Stock.warehouse_id)
        .join(Stock, Stock.product_id == Product.id)
        .where(Product.active.is_(True), Product.sellable.is_(True),
               Stock.on_hand - Stock.reserved >= 200)
        .order_by(Product.id)
        .limit(4000)
    ).all()
    out: dict[int, list[dict[str, Any]]] = {}
    for pid, pack, min_qty, wh in rows:
        out.setdefault(wh, []).append({"id": pid, "pack_size": pack, "min_qty": min_qty})
    return out


def _qty(p: dict[str, Any], packs: int) -> int:
    pack = max(1, int(p["pack_size"]))
    qty = pack * packs
    while qty < p["min_qty"]:
        qty += pack
    return qty


_NOTES = ("", "", "请在上午送货", "周五前送达", "仓库后门卸货", "联系人：收货部 刘先生")


def _submit(customer_id: int | None, lines: list[dict[str, Any]],
            rng: random.Random) -> dict[str, Any]:
    return {"order_id": str(uuid.uuid4()), "customer_id": customer_id, "lines": lines,
            "notes": rng.choice(_NOTES)}


def _ship_all(actors: _Actors, order: dict[str, Any], clerk: str) -> None:
    data = order["data"]
    actors.do(clerk, "shipment.confirm", {
        "shipment_id": str(uuid.uuid4()), "order_id": data["id"], "carrier": "顺丰速运",
        "tracking_number": f"SF{uuid.uuid4().int % 10**12:012d}",
        "lines": [{"product_id": ln["product_id"], "quantity": ln["quantity"]}
                  for ln in data["lines"]],
    }, data["version"])


def _ship_part(actors: _Actors, order: dict[str, Any], clerk: str, rng: random.Random) -> None:
    data = order["data"]
    lines = [{"product_id": ln["product_id"], "quantity": ln["quantity"] // 2}
             for ln in data["lines"]]
    if not any(ln["quantity"] for ln in lines):
        lines[0]["quantity"] = 1
    actors.do(clerk, "shipment.confirm", {
        "shipment_id": str(uuid.uuid4()), "order_id": data["id"], "carrier": "德邦物流",
        "tracking_number": f"DB{rng.randrange(10**10):010d}", "lines": lines,
    }, data["version"])


def _spread_dates(sessions: Callable[[], Session], days_ago: dict[str, int]) -> None:
    """Move each order back in time; its later events follow a day or so apart."""
    now = utcnow()
    with sessions() as session:
        uow = UnitOfWork(session, device_id=DEVICE)
        # A time of day from the order's place in the history, not from its id (a fresh UUID
        # each load): one seed, one data set, down to the order of two orders made the same
        # day (no two of the first 600 orders share a minute).
        place = {order_id: i for i, order_id in enumerate(days_ago)}
        for order in session.scalars(select(Order).where(Order.id.in_(list(days_ago)))):
            minutes = place[order.id] * 37 % 600
            created = now - dt.timedelta(days=days_ago[order.id], minutes=minutes)
            order.created_at = created
            for i, event in enumerate(order.events):
                event.at = min(now, created + dt.timedelta(hours=26 * i))
            order.updated_at = order.events[-1].at if order.events else created
            for shipment in session.scalars(select(Shipment).where(Shipment.order_id == order.id)):
                shipment.shipped_at = min(now, created + dt.timedelta(hours=26))
                record_shipment(uow, shipment)
            session.flush()
            record_order(uow, order)
        uow.commit()
