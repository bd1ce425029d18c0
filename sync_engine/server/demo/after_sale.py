"""After the sale, for the demo: open receivables from the "ERP" (some overdue), a payment,
and returns at every step (asked, approved and waiting for the warehouse, partly received,
received and credited), made through the real handlers and the real import like the orders
(:mod:`.orders`), so the rep's credit banner, the back office's review and the clerk's
receipt screen have something to show."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.commands.credit import receive_payment
from sync_engine.server.demo.orders import DEVICE, _Actors, detached_users
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops.importer import import_csv
from sync_engine.server.storage.models import Customer, Order, utcnow

__all__ = ["add_demo_after_sale"]

_SHIPPED = ("shipped", "closed", "partially_shipped")


def add_demo_after_sale(sessions: Callable[[], Session], *, seed: int = 1) -> int:
    """Receivables for the reps' customers and a few returns; returns how many returns."""
    rng = random.Random(seed)
    with sessions() as session:
        users = detached_users(session)
        customers = list(session.scalars(select(Customer).where(Customer.rep_id.is_not(None))
                                         .order_by(Customer.id)))
        shipped = [(o.id, o.customer_id, o.warehouse_id, o.created_by) for o in session.scalars(
            select(Order).where(Order.status.in_(_SHIPPED)).order_by(Order.created_at))]
        _receivables(session, customers, users["owner1"].customer_id, rng)
    actors = _Actors(users, sessions)
    clerk_wh = users["clerk1"].warehouse_id
    owner_customer = users["owner1"].customer_id
    owner_orders = [o for o in shipped if o[1] == owner_customer]
    rep1 = {c.id for c in customers if c.rep_id == users["rep1"].id}
    rep_orders = [o for o in shipped
                  if o[1] != owner_customer and o[1] in rep1 and o[2] == clerk_wh]
    made = 0
    plan = [  # (orders, who asks, reason, note, what then happens)
        (owner_orders, "owner1", "damaged", "外箱压坏，两瓶破损", "received"),
        (owner_orders, "owner1", "expired", "临期商品，保质期不足一个月", "partial"),
        (rep_orders, "rep1", "unsold", "门店滞销，申请退回", "approved"),
        (rep_orders, "rep1", "wrong_goods", "错发规格：要500ml，到货330ml", "requested"),
        (rep_orders, "rep1", "damaged", "运输途中受潮", "requested"),
    ]
    used: set[str] = set()
    for orders, who, reason, note, fate in plan:
        order = next((o for o in reversed(orders) if o[0] not in used), None)
        if order is None:
            continue
        used.add(order[0])
        made += _one_return(actors, order[0], who, reason, note, fate, rng)
    return made


def _one_return(actors: _Actors, order_id: str, who: str, reason: str, note: str, fate: str,
                rng: random.Random) -> int:
    with actors.sessions() as session:
        order = session.get(Order, order_id)
        assert order is not None
        lines = [(ln.product_id, ln.shipped_qty) for ln in order.lines if ln.shipped_qty]
    if not lines:
        return 0
    picked = rng.sample(lines, min(len(lines), 2))
    asked = [{"product_id": p, "quantity": max(1, min(q // 3, 12))} for p, q in picked]
    made = actors.do(who, "return.request", {"return_id": str(uuid.uuid4()),
                                             "order_id": order_id, "reason": reason,
                                             "note": note, "lines": asked})
    rid = made["id"]
    if fate == "requested":
        return 1
    actors.do("admin", "return.decide", {"return_id": rid, "approve": True})
    if fate == "approved":
        return 1
    receipt = [{"product_id": ln["product_id"],
                "quantity": ln["quantity"] - (1 if reason == "damaged" else 0),
                "damaged": 1 if reason == "damaged" else 0} for ln in asked]
    if fate == "partial":
        receipt = [{**receipt[0], "quantity": max(0, receipt[0]["quantity"] - 1)}]
        if not receipt[0]["quantity"] and not receipt[0]["damaged"]:
            receipt[0]["quantity"] = 1
    actors.do("clerk1", "return.receive", {"return_id": rid, "lines": receipt})
    return 1


def _receivables(session: Session, customers: list[Customer], owner_customer: int | None,
                 rng: random.Random) -> None:
    """The ERP's open invoices: each rep customer has one or two, a few long overdue (not the
    store owner's shop, nor the first customers of each list: the demo's own orders and the
    walkthroughs use those, and overdue receivables would hold their orders for review)."""
    today = utcnow().date()
    rows: list[dict[str, Any]] = []
    for i, c in enumerate(customers):
        overdue = i % 5 == 4 and c.id != owner_customer
        for k in range(2 if overdue else 1):
            days = rng.randint(70, 110) if overdue and k == 0 else rng.randint(3, 20)
            doc = today - dt.timedelta(days=days)
            amount = Decimal(rng.randint(800, 9000)) + Decimal(rng.randint(0, 99)) / 100
            rows.append({"customer": c.code, "ref": f"FP{doc:%Y%m}{i:03d}{k}",
                         "doc_date": doc.isoformat(), "amount": f"{amount:.2f}",
                         "open_amount": f"{amount * (Decimal('0.6') if k == 0 else 1):.2f}",
                         "due_date": ""})
    if not rows:
        return
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    report = import_csv(session, "receivables", io.StringIO(out.getvalue()), device_id=DEVICE)
    if report.errors:  # our own data: a bug, not a user error
        raise RuntimeError(f"demo receivables import failed: {report.errors[:5]}")
    # One customer paid part of what it owed last week.
    payer = next((c for c in customers if c.id != owner_customer), None)
    if payer is not None:
        uow = UnitOfWork(session, device_id=DEVICE)
        receive_payment(uow, payer.id, "500.00", ref=f"YH{today:%Y%m%d}01", note="银行转账",
                        date=today - dt.timedelta(days=6))
        uow.commit()
