"""Payments received, recorded by the back office from the app (``BackOffice.record_payment``,
``POST /v1/admin/payments``): checked at each field, recorded once however often the request
is sent, and seen by the customer's rep after their next sync. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from sync_engine.client import errors
from sync_engine.server.ops import importer
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Receivable
from tests.client.conftest import Env
from tests.client.net import FlakyTransport

TODAY = dt.date.today()
OLD = (TODAY - dt.timedelta(days=75)).isoformat()  # 月结30天: due 45 days ago
RECENT = (TODAY - dt.timedelta(days=5)).isoformat()


def _receivables(env: Env) -> None:
    """CUST-A owes 800.00 overdue and 565.00 not yet due."""
    engine = make_engine(env.db_url)
    try:
        with make_session_factory(engine)() as session:
            report = importer.import_csv(session, "receivables", io.StringIO(
                "customer,ref,doc_date,amount,open_amount,due_date\n"
                f"CUST-A,INV-001,{OLD},1130.00,800.00,\n"
                f"CUST-A,INV-002,{RECENT},565.00,,\n"))
            assert report.ok, report.errors
    finally:
        engine.dispose()


def _payments_on_server(env: Env) -> list[tuple[str, Decimal]]:
    engine = make_engine(env.db_url)
    try:
        with make_session_factory(engine)() as session:
            return [(r.ref, -r.amount) for r in session.scalars(
                select(Receivable).where(Receivable.kind == "payment").order_by(Receivable.id))]
    finally:
        engine.dispose()


def _key() -> str:
    return uuid.uuid4().hex


def test_a_payment_recorded_in_the_app_reaches_the_reps_device(env_any: Env) -> None:
    env = env_any
    _receivables(env)
    rep = env.device("rep1")
    a = env.seed.customers["A"]
    before = rep.credit(a)
    assert (before.open_amount, before.overdue_amount) == (Decimal("1365.00"), Decimal("800.00"))
    office = env.device("admin").back_office()
    shown = office.payments(a)
    assert shown.payments == () and shown.account is not None
    assert shown.account.overdue_amount == Decimal("800.00")

    page = office.record_payment(_key(), a, "1,000.00", "BANK-7781", date=TODAY,
                                 note="工行回单")
    paid = page.payments[0]
    assert (paid.ref, paid.amount, paid.unapplied) == ("BANK-7781", Decimal("1000.00"), 0)
    assert paid.recorded_by == "admin" and paid.customer_code == "CUST-A" and not page.replayed
    assert page.account is not None
    assert (page.account.open_amount, page.account.overdue_amount) == (Decimal("365.00"), 0)
    assert [p.ref for p in office.payments().payments] == ["BANK-7781"]

    # The rep still sees what the last sync brought, until the next one.
    assert rep.credit(a).overdue_amount == Decimal("800.00")
    rep.sync_once()
    after = rep.credit(a)
    assert (after.open_amount, after.overdue_amount) == (Decimal("365.00"), Decimal(0))


def test_a_retried_payment_whose_answer_was_lost_is_recorded_once(env_any: Env) -> None:
    env = env_any
    _receivables(env)
    net = FlakyTransport(env.transport())
    office = env.device("admin", transport=net).back_office()
    key = _key()
    net.drop_after.add("/v1/admin/payments")  # the server commits; its answer is lost
    with pytest.raises(errors.NetworkError):
        office.record_payment(key, env.seed.customers["A"], "300", "SLIP-1", date=TODAY)
    assert ("/v1/admin/payments", 201) in net.answers
    again = office.record_payment(key, env.seed.customers["A"], "300", "SLIP-1", date=TODAY)
    assert again.replayed and again.payments[0].ref == "SLIP-1"
    assert again.account is not None and again.account.overdue_amount == Decimal("500.00")
    assert _payments_on_server(env) == [("SLIP-1", Decimal("300.00"))]

    # Another payment with the same reference is another payment: refused at the reference.
    with pytest.raises(errors.Refused) as twice:
        office.record_payment(_key(), env.seed.customers["A"], "300", "SLIP-1", date=TODAY)
    assert (twice.value.field, twice.value.field_code) == ("ref", "payment_ref_duplicate")
    assert _payments_on_server(env) == [("SLIP-1", Decimal("300.00"))]


@pytest.mark.parametrize(("amount", "ref", "note", "date", "field", "code"), [
    ("0", "R1", "", TODAY, "amount", "payment_amount_out_of_range"),
    ("-5", "R1", "", TODAY, "amount", "payment_amount_out_of_range"),
    ("12.345", "R1", "", TODAY, "amount", "payment_amount_cents"),
    ("NaN", "R1", "", TODAY, "amount", "payment_amount_invalid"),
    ("１００; DROP TABLE receivables", "R1", "", TODAY, "amount", "payment_amount_invalid"),
    ("99999999999", "R1", "", TODAY, "amount", "payment_amount_out_of_range"),
    ("10", "", "", TODAY, "ref", "payment_ref_required"),
    ("10", "R\x001", "", TODAY, "ref", "text_control_char"),
    ("10", "R" * 65, "", TODAY, "ref", "text_too_long"),
    ("10", "R1", "\ud800", TODAY, "note", "invalid_string_unicode"),  # the JSON decoder
    ("10", "R1", "a\x1bb", TODAY, "note", "text_control_char"),
    ("10", "R1", "", TODAY + dt.timedelta(days=1), "date", "payment_date_future"),
])
def test_a_bad_payment_is_refused_at_its_field_and_nothing_is_recorded(
        env: Env, amount: str, ref: str, note: str, date: dt.date, field: str,
        code: str) -> None:
    office = env.device("admin").back_office()
    with pytest.raises(errors.Refused) as refused:
        office.record_payment(_key(), env.seed.customers["A"], amount, ref, date=date,
                              note=note)
    assert (refused.value.field, refused.value.field_code) == (field, code)
    assert refused.value.text("zh") != refused.value.text("en")
    assert _payments_on_server(env) == []


def test_an_unknown_customer_is_refused(env: Env) -> None:
    office = env.device("admin").back_office()
    with pytest.raises(errors.Refused) as unknown:
        office.record_payment(_key(), 999_999, "10", "R1", date=TODAY)
    assert unknown.value.code == "customer_unknown"


@pytest.mark.parametrize("username", ["rep1", "clerk1", "owner1"])
def test_no_one_but_the_back_office_records_or_lists_payments(env: Env, username: str) -> None:
    office = env.device(username).back_office()
    with pytest.raises(errors.Forbidden):
        office.record_payment(_key(), env.seed.customers["A"], "10", "R1", date=TODAY)
    with pytest.raises(errors.Forbidden):
        office.payments(env.seed.customers["A"])
    engine = make_engine(env.db_url)
    try:
        with make_session_factory(engine)() as session:
            assert session.scalar(select(func.count()).select_from(Receivable)) == 0
    finally:
        engine.dispose()


def test_an_idempotency_key_spent_on_something_else_is_refused(env: Env) -> None:
    from sync_engine.server.storage.models import MutationRecord

    key = _key()
    engine = make_engine(env.db_url)
    try:
        with make_session_factory(engine)() as session:
            session.add(MutationRecord(user_id=env.seed.users["admin"], idempotency_key=key,
                                       device_id="d1", kind="order.cancel", status="applied",
                                       result={"status": "applied"}))
            session.commit()
    finally:
        engine.dispose()
    office = env.device("admin").back_office()
    with pytest.raises(errors.Refused) as reused:
        office.record_payment(key, env.seed.customers["A"], "10", "R1", date=TODAY)
    assert (reused.value.field, reused.value.field_code) == ("idempotency_key",
                                                             "idempotency_key_reused")
    assert _payments_on_server(env) == []
