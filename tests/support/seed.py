"""A small, explicit data set for server tests (the demo loader is for people, this is for asserts).

Two warehouses; rep1 (customers A, B), rep2 (customer C), clerk1 at warehouse 1, owner1 owning
customer A, admin. Products P1..Pn with stock in both warehouses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync_engine.server import accounts as auth
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import (
    record_customer,
    record_price,
    record_product,
    record_stock,
    record_warehouse,
)
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    ChangeLog,
    Customer,
    CustomerPrice,
    MutationRecord,
    Order,
    Product,
    Stock,
    Warehouse,
)


@dataclass
class Seed:
    warehouses: list[int] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)
    customers: dict[str, int] = field(default_factory=dict)
    products: list[int] = field(default_factory=list)


def seed(
    db_url: str,
    *,
    products: int = 5,
    stock: int = 100,
    password: str = "demo",
    credit_limit: Decimal | None = Decimal("100000"),
) -> Seed:
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    out = Seed()
    with sessions() as session:
        uow = UnitOfWork(session)
        whs = [Warehouse(code="SH", name="上海仓"), Warehouse(code="GZ", name="广州仓")]
        session.add_all(whs)
        session.flush()
        out.warehouses = [w.id for w in whs]
        for w in whs:
            record_warehouse(uow, w)
        for name, role in (("rep1", "sales_rep"), ("rep2", "sales_rep"), ("admin", "admin")):
            out.users[name] = auth.create_user(session, name, password, role, commit=False,
                                              demo_account=True).id
        out.users["clerk1"] = auth.create_user(
            session, "clerk1", password, "warehouse_clerk", warehouse_id=whs[0].id, commit=False,
            demo_account=True,
        ).id
        for code, rep, wh in (("A", "rep1", 0), ("B", "rep1", 0), ("C", "rep2", 1)):
            c = Customer(
                code=f"CUST-{code}",
                name=f"客户{code}",
                rep_id=out.users[rep],
                warehouse_id=whs[wh].id,
                credit_limit=credit_limit,
                payment_terms="月结30天",
            )
            session.add(c)
            session.flush()
            out.customers[code] = c.id
            record_customer(uow, c)
        out.users["owner1"] = auth.create_user(
            session, "owner1", password, "store_owner", customer_id=out.customers["A"],
            commit=False, demo_account=True,
        ).id
        for i in range(1, products + 1):
            p = Product(
                sku=f"SKU-{i:04d}",
                barcode=f"69000000{i:05d}",
                name_zh=f"商品{i}",
                name_en=f"Product {i}",
                category="饮料",
                unit="瓶",
                case_unit="箱",
                case_qty=6,
                pack_size=1,
                min_qty=1,
                tax_rate=Decimal("0.13"),
                base_price=Decimal("10.00"),
            )
            session.add(p)
            session.flush()
            out.products.append(p.id)
            record_product(uow, p)
            for w in whs:
                s = Stock(product_id=p.id, warehouse_id=w.id, on_hand=stock, reserved=0)
                session.add(s)
                session.flush()
                record_stock(uow, s)
        # Customer A has a contract price with a break on product 1.
        cp = CustomerPrice(
            customer_id=out.customers["A"],
            product_id=out.products[0],
            breaks=[[1, "9.00"], [12, "8.50"]],
        )
        session.add(cp)
        session.flush()
        record_price(uow, cp)
        uow.commit()
    engine.dispose()
    return out


def set_stock(session: Session, product_id: int, warehouse_id: int, on_hand: int) -> None:
    uow = UnitOfWork(session)
    s = session.get(Stock, (product_id, warehouse_id))
    assert s is not None
    s.on_hand = on_hand
    s.version += 1
    record_stock(uow, s)
    uow.commit()


def totals(db_url: str) -> tuple[int, int, int]:
    """How many orders, stored mutation answers and change-log rows the database holds: what a
    refused request must leave as it found it."""
    engine = make_engine(db_url)
    with make_session_factory(engine)() as session:
        out = tuple(
            int(session.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Order, MutationRecord, ChangeLog)
        )
    engine.dispose()
    return out  # type: ignore[return-value]
