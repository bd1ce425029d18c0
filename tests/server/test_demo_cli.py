"""The demo data set, the demo catalogue and the ``dinghuo-server`` commands, run in-process."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync_engine.server import accounts as auth
from sync_engine.server.demo.catalog import ean13_check_digit, generate_products
from sync_engine.server.demo.load import DemoError, load_demo
from sync_engine.server.ops.cli import main
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    ChangeLog,
    Customer,
    CustomerPrice,
    Order,
    Product,
    ServerMeta,
    Shipment,
    Stock,
    User,
)


def test_catalog_is_deterministic_unique_and_valid() -> None:
    products = generate_products(3000, seed=7)
    assert products == generate_products(3000, seed=7)
    assert products != generate_products(3000, seed=8)
    assert len({p["sku"] for p in products}) == len({p["barcode"] for p in products}) == 3000
    for p in products[:500]:
        code = p["barcode"]
        assert len(code) == 13 and code[-1] == ean13_check_digit(code[:12])
        assert p["tax_rate"] in ("0.13", "0.09") and p["base_price"].count(".") == 1
        assert len(p["base_price"].split(".")[1]) == 2
        assert p["min_qty"] % p["pack_size"] == 0 and p["case_qty"] >= p["pack_size"]
    assert ean13_check_digit("690123456789") == "2"


@pytest.mark.slow
def test_demo_loads_and_users_can_log_in(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        summary = load_demo(sessions, products=300, seed=3)
        assert summary.users == ["admin", "rep1", "rep2", "clerk1", "owner1"]
        with sessions() as s:
            count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
            assert count(Product) == 300 and count(Stock) == 600
            assert count(Customer) == summary.customers == 40
            assert count(CustomerPrice) == summary.price_rows > 0
            reps = dict(s.execute(select(User.username, User.id)).all())
            owned = dict(s.execute(select(Customer.rep_id, func.count()).group_by(Customer.rep_id))
                         .all())
            assert owned[reps["rep1"]] == 15 and owned[reps["rep2"]] >= 15
            owner = s.scalars(select(User).where(User.username == "owner1")).one()
            assert s.get(Customer, owner.customer_id).rep_id == reps["rep1"]  # type: ignore[union-attr]
            # Every row is in the change feed.
            per_entity = dict(s.execute(select(ChangeLog.entity, func.count())
                                        .group_by(ChangeLog.entity)).all())
            assert (per_entity["warehouse"], per_entity["customer"], per_entity["product"],
                    per_entity["stock"], per_entity["price"]) == (2, 40, 300, 600,
                                                                  summary.price_rows)
            # The order history went through the real handlers: every order is in the feed,
            # with its shipments, in every status a screen needs.
            assert per_entity["order"] == count(Order) == summary.orders > 20
            assert per_entity["shipment"] == count(Shipment) > 0
            statuses = set(s.scalars(select(Order.status)))
            assert {"confirmed", "partially_shipped", "shipped", "closed", "cancelled",
                    "submitted"} <= statuses
            # One seed, one history: the same orders in the same order of time (no two at the
            # same moment, which listings would order by their random ids).
            history = s.execute(select(Order.number, Order.created_at)
                                .order_by(Order.created_at)).all()
            assert len({at for _, at in history}) == len(history)
            for name in summary.users:
                pair = auth.login(s, name, "demo", f"dev-{name}")
                assert auth.authenticate(s, pair.access_token)[0].username == name
        with pytest.raises(DemoError, match="not empty"):
            load_demo(sessions, products=10)
        again = load_demo(sessions, products=300, seed=3, reset=True)
        with sessions() as s:
            assert s.scalar(select(func.count()).select_from(Product)) == again.products == 300
            timeline = s.scalars(select(Order.number).order_by(Order.created_at)).all()
            # (PostgreSQL's number sequence goes on after a reset: compare places, not numbers.)
            assert [sorted(timeline).index(n) for n in timeline] == [
                sorted(n for n, _ in history).index(n) for n, _ in history]
    finally:
        engine.dispose()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_cli_commands(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(capsys, "migrate", "--db", db_url)[0] == 0
    code, out, err = _run(capsys, "demo", "--db", db_url, "--products", "100")
    assert code == 0 and "100 products" in out, err
    code, _, err = _run(capsys, "demo", "--db", db_url)
    assert code == 1 and "not empty" in err and "Traceback" not in err

    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))  # new passwords need 8
    code, _, err = _run(capsys, "create-user", "--db", db_url, "clerk2", "--role",
                        "warehouse_clerk", "--warehouse", "GZ", "--password-stdin")
    assert code == 1 and err.count("\n") == 1 and "at least 8 characters" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pw\n"))
    code, out, err = _run(capsys, "create-user", "--db", db_url, "clerk2", "--role",
                          "warehouse_clerk", "--warehouse", "GZ", "--password-stdin")
    assert code == 0 and "clerk2" in out, err
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-pw\n"))
    code, _, err = _run(capsys, "create-user", "--db", db_url, "clerk2", "--role", "sales_rep",
                        "--password-stdin")
    assert code == 1 and err.count("\n") == 1 and "already exists" in err

    bad = tmp_path / "stock.csv"
    bad.write_text("sku,warehouse,on_hand\nNOPE,SH,1\nBEV-000001,SH,-3\n", encoding="utf-8")
    code, _, err = _run(capsys, "import", "--db", db_url, "stock", str(bad))
    assert code == 1
    assert f"{bad}:2: sku: no product with SKU 'NOPE'" in err
    assert f"{bad}:3: on_hand:" in err and "nothing was imported" in err
    good = tmp_path / "customers.csv"
    good.write_text("code,name,warehouse\nC9001,新客户,GZ\n", encoding="utf-8")
    code, out, _ = _run(capsys, "import", "--db", db_url, "customers", str(good))
    assert code == 0 and "1 created" in out

    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as s:
            ids = dict(s.execute(select(User.username, User.id)).all())
            customer = s.scalars(select(Customer).where(Customer.code == "C0002")).one()
            assert customer.rep_id == ids["rep1"]
        code, out, err = _run(capsys, "assign-customer", "--db", db_url, "C0002", "rep2")
        assert code == 0 and "rep1 → rep2" in out, err
        with make_session_factory(engine)() as s:
            scope = set(s.execute(select(ChangeLog.op, ChangeLog.user_id, ChangeLog.customer_id)
                                  .where(ChangeLog.entity == "scope")).all())
            assert scope == {("revoke", ids["rep1"], customer.id),
                             ("grant", ids["rep2"], customer.id)}
            assert s.get(Customer, customer.id).version == 2  # type: ignore[union-attr]
        code, _, err = _run(capsys, "assign-customer", "--db", db_url, "C0002", "clerk1")
        assert code == 1 and "not an active sales rep" in err

        assert _run(capsys, "config", "--db", db_url, "auto-confirm", "off")[0] == 0
        code, out, _ = _run(capsys, "config", "--db", db_url, "auto-confirm")
        assert out.strip() == "auto-confirm: off"
        with make_session_factory(engine)() as s:
            assert s.get(ServerMeta, "auto_confirm").value == "false"  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_cli_user_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    code, _, err = _run(capsys, "assign-customer", "--db", url, "NOPE", "rep1")
    assert code == 1 and err == "dinghuo-server: no customer with code 'NOPE'\n"
    code, _, err = _run(capsys, "import", "--db", url, "products", str(tmp_path / "missing.csv"))
    assert code == 1 and "no such file" in err
    code, _, err = _run(capsys, "bogus")
    assert code == 2
