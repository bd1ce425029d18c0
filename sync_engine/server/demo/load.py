"""A demo data set: two warehouses, five users, ~40 customers, a catalogue, stock and prices.

Everything goes in the way real data does: warehouses and users through a
:class:`~sync_engine.server.feed.changes.UnitOfWork`, customers, products, stock and customer
prices as ERP CSV files through :func:`~sync_engine.server.ops.importer.import_csv`. So every row
is in the change feed, and the demo exercises the import path.

Users (password ``demo``): ``rep1`` and ``rep2`` (sales reps), ``clerk1`` (warehouse clerk in
上海仓 SH), ``owner1`` (store owner of one of rep1's customers) and ``admin``. Orders are not
created by the importer: :mod:`.demo_orders` makes the order history through the real
mutation handlers (``orders=False`` leaves it out).
"""

from __future__ import annotations

import csv
import io
import random
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync_engine.domain import Role
from sync_engine.server import accounts as auth
from sync_engine.server.demo.catalog import generate_products
from sync_engine.server.demo.orders import add_demo_orders
from sync_engine.server.feed import entities
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops.importer import ImportReport, import_csv
from sync_engine.server.storage.models import Base, Customer, Product, ServerMeta, User, Warehouse

__all__ = ["DEMO_PASSWORD", "DemoError", "DemoSummary", "load_demo", "reset_database"]

DEMO_PASSWORD = "demo"


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
    orders: int = 0
    seconds: float = 0.0
    owner_customer_code: str = ""


# (name, English name, city): the first 22 are in Shanghai (warehouse SH), the rest Guangzhou.
_CUSTOMERS: tuple[tuple[str, str, str], ...] = (
    ("上海联华超市(徐汇店)", "Lianhua Supermarket (Xuhui)", "SH"),
    ("好邻居便利店(漕河泾店)", "Good Neighbour Convenience (Caohejing)", "SH"),
    ("华联吉买盛(浦东店)", "Hualian GMS (Pudong)", "SH"),
    ("快客便利(静安寺店)", "Quik Convenience (Jing'an Temple)", "SH"),
    ("可的便利店(长宁路店)", "Kedi Convenience (Changning Rd)", "SH"),
    ("全家便利店(人民广场店)", "FamilyMart (People's Square)", "SH"),
    ("罗森便利店(五角场店)", "Lawson (Wujiaochang)", "SH"),
    ("农工商超市(闵行店)", "Nonggongshang Supermarket (Minhang)", "SH"),
    ("世纪联华(杨浦店)", "Century Lianhua (Yangpu)", "SH"),
    ("老街坊烟杂店", "Old Neighbourhood Sundries", "SH"),
    ("金桥副食品商店", "Jinqiao Groceries", "SH"),
    ("徐家汇食品批发部", "Xujiahui Food Wholesale", "SH"),
    ("宝山区鑫隆百货", "Xinlong Department Store (Baoshan)", "SH"),
    ("松江大学城生活超市", "Songjiang University Town Market", "SH"),
    ("嘉定乐购生活馆", "Jiading Legou Living", "SH"),
    ("浦东新区惠民便利店", "Huimin Convenience (Pudong)", "SH"),
    ("静安区百味食品店", "Baiwei Foods (Jing'an)", "SH"),
    ("虹口区红星烟酒店", "Hongxing Tobacco & Liquor (Hongkou)", "SH"),
    ("闸北区万家福超市", "Wanjiafu Supermarket (Zhabei)", "SH"),
    ("奉贤区海湾商贸有限公司", "Haiwan Trading Co. (Fengxian)", "SH"),
    ("青浦区朱家角百货商店", "Zhujiajiao Department Store", "SH"),
    ("上海申通餐饮管理有限公司", "Shentong Catering Management Co.", "SH"),
    ("广州天河百佳超市", "Park'nShop Tianhe", "GZ"),
    ("美宜佳便利店(珠江新城店)", "Meiyijia (Zhujiang New Town)", "GZ"),
    ("7-Eleven(北京路店)", "7-Eleven (Beijing Rd)", "GZ"),
    ("华润万家(海珠店)", "China Resources Vanguard (Haizhu)", "GZ"),
    ("钱大妈社区店(越秀)", "Qiandama Community Store (Yuexiu)", "GZ"),
    ("天天便利店(番禺店)", "Tiantian Convenience (Panyu)", "GZ"),
    ("岭南食品批发行", "Lingnan Food Wholesale", "GZ"),
    ("白云区家乐多超市", "Jialeduo Supermarket (Baiyun)", "GZ"),
    ("荔湾区广信粮油店", "Guangxin Grain & Oil (Liwan)", "GZ"),
    ("黄埔区旺角百货", "Wangjiao Department Store (Huangpu)", "GZ"),
    ("花都区新华商行", "Xinhua Trading (Huadu)", "GZ"),
    ("增城区绿源生鲜超市", "Lüyuan Fresh Market (Zengcheng)", "GZ"),
    ("南沙区港湾便利店", "Gangwan Convenience (Nansha)", "GZ"),
    ("从化区温泉土特产店", "Wenquan Local Produce (Conghua)", "GZ"),
    ("佛山顺德乐从贸易有限公司", "Lecong Trading Co. (Shunde)", "GZ"),
    ("东莞长安镇好又多超市", "Haoyouduo Supermarket (Chang'an)", "GZ"),
    ("中山小榄镇万佳百货", "Wanjia Department Store (Xiaolan)", "GZ"),
    ("广州大学城学生超市", "Guangzhou University Town Student Market", "GZ"),
)

_STREETS = {
    "SH": ("上海市", ("徐汇区漕溪北路", "浦东新区张杨路", "静安区南京西路", "长宁区长宁路",
                      "杨浦区四平路", "闵行区七莘路", "宝山区牡丹江路", "虹口区四川北路")),
    "GZ": ("广州市", ("天河区天河路", "越秀区北京路", "海珠区江南大道", "荔湾区中山七路",
                      "白云区机场路", "番禺区市桥街", "黄埔区大沙地东路", "花都区新华路")),
}
_AREA_CODE = {"SH": "021", "GZ": "020"}
_TERMS = ("月结30天", "月结60天", "现款现货", "货到付款", "月结30天", "票到15天付款")
_CREDIT = (None, "20000", "50000", "80000", "100000", "200000", "30000", None)

# Customer index ranges per rep: rep1 owns 15 (mostly Shanghai), rep2 18, the rest nobody.
_REP1 = range(0, 15)
_REP2 = range(15, 33)
_OWNER_CUSTOMER = 0  # owner1 runs 上海联华超市(徐汇店), one of rep1's


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
        warehouses = {code: Warehouse(code=code, name=name, version=1)
                      for code, name in (("SH", "上海仓"), ("GZ", "广州仓"))}
        session.add_all(warehouses.values())
        session.flush()
        for w in warehouses.values():
            entities.record_warehouse(uow, w)
        for username, role, display, wh in (
            ("admin", Role.ADMIN, "管理员", None),
            ("rep1", Role.SALES_REP, "王建国", None),
            ("rep2", Role.SALES_REP, "李晓燕", None),
            ("clerk1", Role.WAREHOUSE_CLERK, "张伟(上海仓)", warehouses["SH"].id),
        ):
            auth.create_user(session, username, DEMO_PASSWORD, role.value, display_name=display,
                             warehouse_id=wh, commit=False)
            summary.users.append(username)
        uow.commit()
        summary.warehouses = len(warehouses)

        catalog = generate_products(products, seed)
        customer_rows = _customer_rows(rng)
        summary.customers = _run(session, "customers", customer_rows).created
        owner_code = customer_rows[_OWNER_CUSTOMER]["code"]
        owner_customer = session.scalars(select(Customer).where(Customer.code == owner_code)).one()
        auth.create_user(session, "owner1", DEMO_PASSWORD, Role.STORE_OWNER.value,
                         display_name="联华徐汇店 陈店长", customer_id=owner_customer.id)
        summary.users.append("owner1")
        summary.owner_customer_code = owner_code
        summary.products = _run(session, "products", catalog).created
        summary.stock_rows = _run(session, "stock", _stock_rows(rng, catalog)).created
        prices = _run(session, "prices", _price_rows(rng, catalog, customer_rows))
        summary.price_rows, summary.price_breaks = prices.created, prices.rows
    if orders:
        summary.orders = add_demo_orders(session_factory, seed=seed)
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


def _customer_rows(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for i, (name, name_en, wh) in enumerate(_CUSTOMERS):
        city, streets = _STREETS[wh]
        rep = "rep1" if i in _REP1 else "rep2" if i in _REP2 else ""
        rows.append({
            "code": f"C{i + 1:04d}",
            "name": name,
            "name_en": name_en,
            "address": f"{city}{rng.choice(streets)}{rng.randint(1, 1200)}号",
            "phone": _phone(rng, wh),
            "rep": rep,
            "warehouse": wh,
            "credit_limit": _CREDIT[i % len(_CREDIT)] or "",
            "payment_terms": _TERMS[i % len(_TERMS)],
            "active": "1",
        })
    return rows


def _phone(rng: random.Random, wh: str) -> str:
    if rng.random() < 0.6:  # a landline, else a mobile
        return f"{_AREA_CODE[wh]}-{rng.randint(5000_0000, 6999_9999)}"
    return f"1{rng.choice('358')}{rng.randint(0, 10**9 - 1):09d}"


def _stock_rows(rng: random.Random, catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for wh in ("SH", "GZ"):
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

