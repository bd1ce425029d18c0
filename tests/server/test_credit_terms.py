"""Credit terms (账期): receivables imported from the ERP, payments from the back office, the
``credit`` entity on the rep's device, and orders of customers with overdue receivables held
for review or refused, as the server's setting says. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.orm import Session

from sync_engine.server.ops import importer
from sync_engine.server.ops.cli import main
from sync_engine.server.storage.engine import make_engine, make_session_factory
from tests.support.api import Api, new_id
from tests.support.seed import Seed, seed
from tests.support.server import app_server


@contextmanager
def _session(db_url: str) -> Iterator[Session]:
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def _import(db_url: str, text: str) -> importer.ImportReport:
    with _session(db_url) as session:
        return importer.import_csv(session, "receivables", io.StringIO(text))


TODAY = dt.date.today()
OLD = (TODAY - dt.timedelta(days=75)).isoformat()  # 月结30天: due 45 days ago
RECENT = (TODAY - dt.timedelta(days=5)).isoformat()


def _receivables(db_url: str) -> None:
    report = _import(db_url, "customer,ref,doc_date,amount,open_amount,due_date\n"
                             f"CUST-A,INV-001,{OLD},1130.00,800.00,\n"
                             f"CUST-A,INV-002,{RECENT},565.00,,\n"
                             f"CUST-B,INV-003,{RECENT},100.00,,\n")
    assert report.ok, report.errors
    assert report.created == 3


def _order(api: Api, s: Seed, customer: str = "A") -> dict[str, Any]:
    return api.push_one("order.submit", {
        "order_id": new_id(), "customer_id": s.customers[customer],
        "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}]})


def test_the_import_refuses_bad_rows_and_writes_nothing(db_url: str) -> None:
    seed(db_url)
    report = _import(db_url, "customer,ref,doc_date,amount,open_amount\n"
                             "CUST-X,INV-1,2026-01-01,10.00,\n"
                             "CUST-A,INV-2,2026-13-01,10.00,\n"
                             "CUST-A,INV-3,2026-01-01,-5,\n"
                             "CUST-A,INV-4,2026-01-01,10.00,20.00\n"
                             "CUST-A,INV-4,2026-01-01,10.00,\n")
    codes = sorted((e.line, e.code) for e in report.errors)
    assert codes == [(2, "unknown_customer"), (3, "invalid_date"), (4, "out_of_range"),
                     (5, "out_of_range"), (6, "duplicate")]
    assert report.created == 0


def test_overdue_receivables_hold_the_order_for_review(db_url: str) -> None:
    s = seed(db_url)
    _receivables(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep1:
        r = _order(rep1, s, "A")
        assert r["status"] == "applied" and r["data"]["status"] == "submitted", r
        assert r["data"]["hold_reasons"] == ["overdue"]
        assert Decimal(r["details"]["overdue"]["overdue"]) == Decimal("800.00")
        # Customer B owes nothing overdue: its order is confirmed at once.
        r = _order(rep1, s, "B")
        assert r["data"]["status"] == "confirmed", r
        # The rep's device has A's account (as of the import), B's too; not C's (rep2's).
        credit = {c["id"]: c["data"] for c in rep1.pull_all() if c["entity"] == "credit"}
        assert set(credit) == {str(s.customers["A"]), str(s.customers["B"])}
        a = credit[str(s.customers["A"])]
        assert (a["payment_terms"], a["open_amount"], a["overdue_amount"]) == \
            ("月结30天", "1365.00", "800.00")
        assert [i["ref"] for i in a["items"]] == ["INV-001", "INV-002"]
    # Clerks never see customers' accounts.
    with app_server(db_url) as server, Api(server, "clerk1") as clerk:
        assert not [c for c in clerk.pull_all() if c["entity"] == "credit"]


def test_the_block_policy_refuses_and_a_payment_frees_the_customer(
        db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    s = seed(db_url)
    _receivables(db_url)
    assert main(["receivables", "policy", "block", "--db", db_url]) == 0
    with app_server(db_url) as server, Api(server, "rep1") as rep1:
        r = _order(rep1, s, "A")
        assert r["status"] == "rejected", r
        assert r["errors"][0]["code"] == "receivables_overdue_blocked"
        assert r["errors"][0]["field"] == "customer"
        # A bad payment is refused at its field; nothing recorded.
        assert main(["receivables", "pay", "CUST-A", "-3", "--ref", "P1", "--db", db_url]) == 1
        assert "amount" in capsys.readouterr().err
        # 900 paid: the 800 overdue is settled, 100 goes to the newer invoice.
        assert main(["receivables", "pay", "CUST-A", "900", "--ref", "BANK-7781",
                     "--db", db_url]) == 0
        out = capsys.readouterr().out
        assert "open 465.00" in out and "overdue 0.00" in out
        assert main(["receivables", "pay", "CUST-A", "1", "--ref", "BANK-7781",
                     "--db", db_url]) == 1  # the same reference twice
        r = _order(rep1, s, "A")
        assert r["status"] == "applied" and r["data"]["status"] == "confirmed", r
        credit = {c["id"]: c["data"] for c in rep1.pull_all() if c["entity"] == "credit"}
        assert credit[str(s.customers["A"])]["overdue_amount"] == "0.00"
    assert main(["receivables", "policy", "off", "--db", db_url]) == 0
    assert main(["receivables", "policy", "sometimes", "--db", db_url]) == 1
