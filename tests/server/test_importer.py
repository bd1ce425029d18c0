"""ERP CSV import: all or nothing, line-numbered errors, no-op re-imports, on every backend."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync_engine.domain.search_keys import search_keys
from sync_engine.server import accounts as auth
from sync_engine.server.feed.changes import UnitOfWork, current_seq
from sync_engine.server.feed.entities import record_warehouse
from sync_engine.server.ops.importer import ImportReport, import_csv
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    ChangeLog,
    Customer,
    CustomerPrice,
    Product,
    Stock,
    User,
    Warehouse,
)

PRODUCTS = (
    "\ufeffsku,barcode,name_zh,name_en,category,unit,case_unit,case_qty,pack_size,min_qty,"
    "tax_rate,base_price,active,sellable\n"
) + """\
BEV-1,6901234567892,可口可乐 330ml,Coca-Cola 330ml,饮料,罐,箱,24,24,24,0.13,2.50,1,1
BEV-2,,农夫山泉 550ml,Nongfu Spring 550ml,饮料,瓶,箱,24,1,1,13%,1.2,yes,是
DAI-1,,伊利纯牛奶 250ml,Yili Pure Milk,乳制品,盒,提,12,12,12,0.09,3.125,true,no
"""


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    with make_session_factory(engine)() as s:
        uow = UnitOfWork(s)
        for code, name in (("SH", "上海仓"), ("GZ", "广州仓")):
            w = Warehouse(code=code, name=name, version=1)
            s.add(w)
            s.flush()
            record_warehouse(uow, w)
        uow.commit()
        auth.create_user(s, "rep1", "demo", "sales_rep", demo_account=True)
        auth.create_user(s, "rep2", "demo", "sales_rep", demo_account=True)
        auth.create_user(s, "admin", "demo", "admin", demo_account=True)
        yield s
    engine.dispose()


def _imp(session: Session, kind: str, text: str) -> ImportReport:
    return import_csv(session, kind, io.BytesIO(text.encode("utf-8")))


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_products_import_records_changes(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(PRODUCTS, encoding="utf-8")
    report = import_csv(session, "products", path)
    assert report.errors == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    p = session.scalars(select(Product).where(Product.sku == "BEV-1")).one()
    assert (p.pinyin, p.initials) == search_keys("可口可乐 330ml")
    assert p.barcode == "6901234567892" and p.case_qty == 24 and p.version == 1
    bev2 = session.scalars(select(Product).where(Product.sku == "BEV-2")).one()
    assert bev2.barcode is None and bev2.tax_rate == Decimal("0.13") and bev2.sellable
    dai = session.scalars(select(Product).where(Product.sku == "DAI-1")).one()
    assert dai.base_price == Decimal("3.125") and not dai.sellable
    logged = session.scalars(select(ChangeLog.entity_id).where(ChangeLog.entity == "product"))
    assert sorted(logged) == sorted(str(x) for x in (p.id, bev2.id, dai.id))


def test_reimport_unchanged_changes_nothing_and_update_bumps(session: Session) -> None:
    _imp(session, "products", PRODUCTS)
    seq = current_seq(session)
    session.rollback()
    report = import_csv(session, "products", io.StringIO(PRODUCTS))
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert current_seq(session) == seq
    assert set(session.scalars(select(Product.version))) == {1}
    session.rollback()
    changed = PRODUCTS.replace("2.50,1,1", "2.60,1,1").replace("伊利纯牛奶", "蒙牛纯牛奶")
    report = import_csv(session, "products", io.StringIO(changed))
    assert (report.created, report.updated, report.unchanged) == (0, 2, 1)
    versions = dict(session.execute(select(Product.sku, Product.version)).all())
    assert versions == {"BEV-1": 2, "BEV-2": 1, "DAI-1": 2}
    dai = session.scalars(select(Product).where(Product.sku == "DAI-1")).one()
    assert (dai.pinyin, dai.initials) == search_keys("蒙牛纯牛奶 250ml")
    entry = session.scalars(
        select(ChangeLog).where(ChangeLog.entity == "product", ChangeLog.entity_id == str(dai.id))
    ).one()
    assert entry.version == 2 and entry.seq > seq


def test_partial_columns_keep_existing_values(session: Session) -> None:
    _imp(session, "products", PRODUCTS)
    report = _imp(session, "products", "sku,name_zh,unit,tax_rate,base_price\n"
                                        "BEV-1,可口可乐 330ml,罐,0.13,2.50\n")
    assert report.unchanged == 1
    p = session.scalars(select(Product).where(Product.sku == "BEV-1")).one()
    assert p.case_qty == 24 and p.barcode == "6901234567892"


def test_category_en_column_is_imported_and_sent_in_the_change_feed(session: Session) -> None:
    _imp(session, "products", PRODUCTS)
    seq = current_seq(session)
    session.rollback()
    report = _imp(session, "products", "sku,name_zh,unit,tax_rate,base_price,category_en\n"
                                        "BEV-1,可口可乐 330ml,罐,0.13,2.50,Beverages\n"
                                        "BEV-2,农夫山泉 550ml,瓶,0.13,1.2,\n")
    assert report.errors == []
    assert (report.updated, report.unchanged) == (1, 1)
    p = session.scalars(select(Product).where(Product.sku == "BEV-1")).one()
    assert (p.category, p.category_en, p.version) == ("饮料", "Beverages", 2)
    entry = session.scalars(
        select(ChangeLog).where(ChangeLog.entity == "product", ChangeLog.entity_id == str(p.id))
    ).one()
    assert entry.seq > seq
    assert json.loads(entry.data or "{}")["category_en"] == "Beverages"
    # A file without the column leaves it alone; one too long for its column is a row error.
    _imp(session, "products", "sku,name_zh,unit,tax_rate,base_price\n"
                              "BEV-1,可口可乐 330ml,罐,0.13,2.60\n")
    session.refresh(p)
    assert p.category_en == "Beverages" and p.version == 3
    report = _imp(session, "products", "sku,name_zh,unit,tax_rate,base_price,category_en\n"
                                       f"BEV-1,可口可乐 330ml,罐,0.13,2.60,{'x' * 101}\n")
    assert [(e.line, e.column) for e in report.errors] == [(2, "category_en")]


def test_product_row_errors_are_all_reported_and_nothing_is_written(session: Session) -> None:
    bad = (
        "sku,name_zh,unit,case_qty,pack_size,min_qty,tax_rate,base_price,active\n"
        "A-1,好,瓶,12,12,12,0.13,1.00,1\n"        # 2: fine
        ",无编号,瓶,1,1,1,0.13,1.00,1\n"           # 3: sku required
        "A-2,,瓶,1,1,1,0.13,1.00,1\n"              # 4: name required
        "A-3,名,瓶,0,1,1,0.13,1.00,1\n"            # 5: case_qty >= 1
        "A-4,名,瓶,1,x,1,0.13,1.00,1\n"            # 6: pack_size not an integer
        "A-5,名,瓶,1,1,0,0.13,1.00,1\n"            # 7: min_qty >= 1
        "A-6,名,瓶,1,1,1,1.5,1.00,1\n"             # 8: tax rate > 1
        "A-7,名,瓶,1,1,1,0.13,abc,1\n"             # 9: price not a number
        "A-8,名,瓶,1,1,1,0.13,-1,1\n"              # 10: negative price
        "A-9,名,瓶,1,1,1,0.13,1.123456,1\n"        # 11: too many decimals
        "A-10,名,瓶,1,1,1,0.13,1,maybe\n"          # 12: not a boolean
        "A-1,重复,瓶,1,1,1,0.13,1.00,1\n"          # 13: duplicate sku
        "A-11,名,瓶,1,1,1,0.13,1,1,extra\n"        # 14: extra field
    )
    report = _imp(session, "products", bad)
    got = {(e.line, e.column, e.code) for e in report.errors}
    assert got == {
        (3, "sku", "required"), (4, "name_zh", "required"), (5, "case_qty", "out_of_range"),
        (6, "pack_size", "invalid_integer"), (7, "min_qty", "out_of_range"),
        (8, "tax_rate", "out_of_range"), (9, "base_price", "invalid_number"),
        (10, "base_price", "out_of_range"), (11, "base_price", "too_many_decimals"),
        (12, "active", "invalid_boolean"), (13, "sku", "duplicate"), (14, "", "extra_fields"),
    }
    assert report.created == 0
    assert _count(session, Product) == 0 and _count(session, ChangeLog) == 2  # the warehouses


def test_header_and_encoding_errors(session: Session) -> None:
    report = _imp(session, "products", "sku,name,unit,tax_rate,base_price\n")
    codes = {(e.line, e.column, e.code) for e in report.errors}
    assert codes == {(1, "name", "unknown_column"), (1, "name_zh", "missing_column")}
    gbk = "sku,name_zh,unit,tax_rate,base_price\nA,可乐,瓶,0.13,1\n".encode("gbk")
    report = import_csv(session, "products", io.BytesIO(gbk))
    assert [(e.line, e.code) for e in report.errors] == [(2, "encoding")]
    report = import_csv(session, "products", io.BytesIO(b""))
    assert [e.code for e in report.errors] == ["empty_file"]


def test_customers_import_with_reps_and_reassignment(session: Session) -> None:
    text = ("code,name,address,phone,rep,warehouse,credit_limit,payment_terms,active\n"
            "C1,好邻居便利店,上海市,021-1,rep1,SH,50000,月结30天,1\n"
            "C2,华润万家,广州市,020-1,,GZ,,现款现货,1\n")
    report = _imp(session, "customers", text)
    assert report.created == 2 and not report.errors
    c1 = session.scalars(select(Customer).where(Customer.code == "C1")).one()
    c2 = session.scalars(select(Customer).where(Customer.code == "C2")).one()
    assert c2.credit_limit is None and c2.rep_id is None and c1.credit_limit == Decimal(50000)
    report = _imp(session, "customers", text.replace(",rep1,", ",rep2,"))
    assert (report.updated, report.unchanged) == (1, 1)
    session.refresh(c1)
    assert c1.version == 2
    scope = set(session.execute(
        select(ChangeLog.op, ChangeLog.user_id).where(ChangeLog.entity == "scope")
    ).all())
    rep1 = session.scalars(select(User.id).where(User.username == "rep1")).one()
    rep2 = session.scalars(select(User.id).where(User.username == "rep2")).one()
    assert scope == {("revoke", rep1), ("grant", rep2)}


def test_customer_reference_errors(session: Session) -> None:
    text = ("code,name,rep,warehouse,credit_limit\n"
            "C1,甲,ghost,SH,\n"
            "C2,乙,admin,XX,-5\n"
            "C1,丙,,SH,\n")
    report = _imp(session, "customers", text)
    got = {(e.line, e.column, e.code) for e in report.errors}
    assert got == {(2, "rep", "unknown_rep"), (3, "rep", "not_a_rep"),
                   (3, "warehouse", "unknown_warehouse"), (3, "credit_limit", "out_of_range"),
                   (4, "code", "duplicate")}
    assert _count(session, Customer) == 0


def _setup_catalog(session: Session) -> None:
    _imp(session, "products", PRODUCTS)
    _imp(session, "customers", "code,name,rep,warehouse\nC1,好邻居,rep1,SH\nC2,联华,rep2,SH\n")


def test_prices_replace_breaks(session: Session) -> None:
    _setup_catalog(session)
    text = ("customer,sku,min_qty,unit_price\n"
            "C1,BEV-1,1,2.30\nC1,BEV-1,48,2.20\nC1,BEV-1,240,2.1\nC2,BEV-2,1,1.125\n")
    report = _imp(session, "prices", text)
    assert report.created == 2 and report.rows == 4
    breaks = {(cp.customer_id, cp.product_id): cp.breaks
              for cp in session.scalars(select(CustomerPrice))}
    assert sorted(map(str, breaks.values())) == sorted(
        [str([[1, "2.30"], [48, "2.20"], [240, "2.10"]]), str([[1, "1.125"]])]
    )
    seq = current_seq(session)
    session.rollback()
    report = _imp(session, "prices", text)
    assert report.unchanged == 2 and current_seq(session) == seq
    report = _imp(session, "prices", "customer,sku,min_qty,unit_price\nC1,BEV-1,1,2.25\n")
    assert report.updated == 1
    cp = session.scalars(select(CustomerPrice).where(CustomerPrice.version == 2)).one()
    assert cp.breaks == [[1, "2.25"]]


def test_price_errors(session: Session) -> None:
    _setup_catalog(session)
    text = ("customer,sku,min_qty,unit_price\n"
            "C9,BEV-1,1,2\n"        # unknown customer
            "C1,NOPE,1,2\n"         # unknown product
            "C1,BEV-1,0,2\n"        # min_qty >= 1
            "C1,BEV-1,6,\n"         # price required
            "C1,BEV-2,6,1\n"
            "C1,BEV-2,6,2\n")       # duplicate break
    report = _imp(session, "prices", text)
    got = {(e.line, e.column, e.code) for e in report.errors}
    assert got == {(2, "customer", "unknown_customer"), (3, "sku", "unknown_product"),
                   (4, "min_qty", "out_of_range"), (5, "unit_price", "required"),
                   (7, "min_qty", "duplicate")}
    assert _count(session, CustomerPrice) == 0


def test_stock_sets_on_hand_and_respects_reserved(session: Session) -> None:
    _setup_catalog(session)
    report = _imp(session, "stock", "sku,warehouse,on_hand\nBEV-1,SH,100\nBEV-1,GZ,0\n")
    assert report.created == 2
    stock = session.scalars(select(Stock).where(Stock.on_hand == 100)).one()
    stock.reserved = 40
    session.commit()
    report = _imp(session, "stock", "sku,warehouse,on_hand\nBEV-1,SH,30\nBEV-1,XX,1\n"
                                    "NOPE,SH,1\nBEV-2,SH,-1\nBEV-1,GZ,1\nBEV-1,GZ,2\n")
    got = {(e.line, e.column, e.code) for e in report.errors}
    assert got == {(2, "on_hand", "below_reserved"), (3, "warehouse", "unknown_warehouse"),
                   (4, "sku", "unknown_product"), (5, "on_hand", "out_of_range"),
                   (7, "warehouse", "duplicate")}
    report = _imp(session, "stock", "sku,warehouse,on_hand\nBEV-1,SH,50\nBEV-1,GZ,0\n")
    assert (report.updated, report.unchanged) == (1, 1)
    session.refresh(stock)
    assert (stock.on_hand, stock.reserved, stock.version) == (50, 40, 2)


def test_text_the_database_cannot_store_is_a_row_error(session: Session) -> None:
    # A NUL used to reach PostgreSQL, which refused the whole file with a traceback.
    bad = ("sku,name_zh,name_en,unit,tax_rate,base_price\n"
           "A-1,可乐\x00,Cola,瓶,0.13,1.00\n"
           "A-2,雪碧,Sprite\x1b[0m,瓶,0.13,1.00\n"
           "A-3,芬达,\"two\nlines\",瓶,0.13,1.00\n"
           f"A-4,{'长' * 301},Long,瓶,0.13,1.00\n"
           "A-5,好,Fine,瓶,0.13,1.00\n")
    report = _imp(session, "products", bad)
    got = {(e.line, e.column, e.code) for e in report.errors}
    assert got == {(2, "name_zh", "text_control_char"), (3, "name_en", "text_control_char"),
                   (4, "name_en", "text_line_break"), (6, "name_zh", "text_too_long")}
    nul = next(e for e in report.errors if e.line == 2)
    assert "U+0000" in nul.message and str(nul) == f"2: name_zh: {nul.message}"
    assert _count(session, Product) == 0
    # Addresses take several lines; a NUL is refused there too.
    customers = ("code,name,address,warehouse\n"
                 "C1,好邻居,\"上海市\n浦东新区\",SH\n"
                 "C2,联华,\"广州市\x00\",SH\n")
    report = _imp(session, "customers", customers)
    assert [(e.line, e.column, e.code) for e in report.errors] == [
        (4, "address", "text_control_char")]
    report = _imp(session, "customers", customers.replace("\x00", ""))
    assert report.ok and report.created == 2
    c1 = session.scalars(select(Customer).where(Customer.code == "C1")).one()
    assert c1.address == "上海市\n浦东新区"


def test_numbers_beyond_the_columns_name_the_real_bound(session: Session) -> None:
    _setup_catalog(session)
    report = _imp(session, "stock", "sku,warehouse,on_hand\nBEV-1,SH,99999999999\nBEV-2,SH,-1\n")
    assert [(e.line, e.column, e.code, e.message) for e in report.errors] == [
        (2, "on_hand", "out_of_range", "must be between 0 and 2147483647, got 99999999999"),
        (3, "on_hand", "out_of_range", "must be between 0 and 2147483647, got -1"),
    ]
    # numeric(14, 4) holds 9999999999.9999 at most: 10^10 used to reach the database.
    report = _imp(session, "customers", "code,name,warehouse,credit_limit\n"
                                        "C3,甲,SH,10000000000\nC4,乙,SH,9999999999.9999\n")
    assert [(e.line, e.column, e.code) for e in report.errors] == [(2, "credit_limit",
                                                                    "out_of_range")]
    assert "9999999999.9999" in report.errors[0].message
    report = _imp(session, "customers", "code,name,warehouse,credit_limit\n"
                                        "C4,乙,SH,9999999999.9999\n")
    assert report.ok
    c4 = session.scalars(select(Customer).where(Customer.code == "C4")).one()
    assert c4.credit_limit == Decimal("9999999999.9999")
