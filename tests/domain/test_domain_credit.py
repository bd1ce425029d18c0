"""Credit terms (账期) and returns: the pure rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sync_engine.domain import credit, returns
from sync_engine.domain.model import OrderLine

TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize(("terms", "days"), [
    ("月结30天", 30), ("月结60天", 60), ("net 45", 45), ("现款现货", 0), ("货到付款", 0),
    ("Cash", 0), ("", None), ("看情况", None),
])
def test_terms_days(terms: str, days: int | None) -> None:
    assert credit.terms_days(terms) == days


def test_due_date_follows_the_terms() -> None:
    assert credit.due_date(dt.date(2026, 11, 1), "月结30天") == dt.date(2026, 12, 1)
    assert credit.due_date(dt.date(2026, 11, 1), "???") == dt.date(2026, 11, 1)


def test_position_counts_open_and_overdue_and_unapplied_credits() -> None:
    items = [credit.OpenItem("INV1", dt.date(2026, 10, 1), Decimal("100.00")),
             credit.OpenItem("INV2", dt.date(2026, 12, 30), Decimal("50.00")),
             credit.OpenItem("CR1", None, Decimal("-30.00"))]
    p = credit.credit_position(items, TODAY)
    assert p.open_amount == Decimal("120.00")
    assert p.overdue_amount == Decimal("70.00")
    assert p.oldest_overdue == dt.date(2026, 10, 1) and p.overdue_days == 65
    # Due today is not overdue yet.
    p = credit.credit_position([credit.OpenItem("X", TODAY, Decimal("1"))], TODAY)
    assert p.overdue_amount == 0 and p.oldest_overdue is None


def test_money_received_pays_the_oldest_invoices_first() -> None:
    items = [credit.OpenItem("NEW", dt.date(2026, 12, 30), Decimal("50.00")),
             credit.OpenItem("OLD", dt.date(2026, 10, 1), Decimal("100.00"))]
    after, left = credit.allocate(items, Decimal("120.00"), "PAY1")
    assert left == 0
    assert {i.ref: i.open_amount for i in after} == {"OLD": Decimal("0.00"),
                                                     "NEW": Decimal("30.00")}
    after, left = credit.allocate(after, Decimal("40.00"), "PAY2")
    assert left == Decimal("10.00")
    assert after[-1] == credit.OpenItem("PAY2", None, Decimal("-10.00"))


def test_returnable_is_shipped_less_what_other_returns_claim() -> None:
    lines = [OrderLine(1, 10, Decimal("9.00"), Decimal("0.13"), shipped_qty=8),
             OrderLine(2, 5, Decimal("1.00"), Decimal("0.13"), shipped_qty=0)]
    claimed = returns.claimed_units([("requested", [{"product_id": 1, "quantity": 3}]),
                                     ("refused", [{"product_id": 1, "quantity": 5}])])
    assert returns.returnable_units(lines, claimed) == {1: 5}
    assert returns.validate_return({1: 5}, [(1, 5)]) == []
    assert [i.code for i in returns.validate_return({1: 5}, [(1, 3), (1, 3)])] == ["over_return"]


def test_a_receipt_in_two_parts_and_its_credit() -> None:
    lines = [returns.ReturnLine(1, 4, Decimal("9.00"), Decimal("0.13"))]
    first = returns.apply_receipt(lines, [(1, 2, 1)])
    assert returns.status_after_receipt(first) is returns.ReturnStatus.PARTIALLY_RECEIVED
    assert first[0].outstanding == 1
    done = returns.apply_receipt(first, [(1, 1, 0)])
    assert returns.status_after_receipt(done) is returns.ReturnStatus.RECEIVED
    assert returns.return_credit(lines, {1: 4}) == Decimal("40.68")


@pytest.mark.parametrize(("amount", "expected"), [
    ("1,200.50", Decimal("1200.50")), (" 80 ", Decimal("80.00")), ("0.01", Decimal("0.01")),
    ("9999999999.99", Decimal("9999999999.99")),
])
def test_a_payment_as_typed_is_read_to_the_fen(amount: str, expected: Decimal) -> None:
    payment, issues = credit.check_payment(amount, " BANK-7781 ", "工行", "2026-12-01", TODAY)
    assert issues == []
    assert payment == credit.Payment(expected, "BANK-7781", "工行", dt.date(2026, 12, 1))


@pytest.mark.parametrize(("amount", "code"), [
    ("", "payment_amount_invalid"), ("abc", "payment_amount_invalid"),
    ("NaN", "payment_amount_invalid"), ("Infinity", "payment_amount_invalid"),
    ("1" * 40, "payment_amount_invalid"), ("0", "payment_amount_out_of_range"),
    ("-3", "payment_amount_out_of_range"), ("1e30", "payment_amount_out_of_range"),
    ("10000000000", "payment_amount_out_of_range"), ("0.001", "payment_amount_cents"),
    ("1e-9", "payment_amount_cents"),
])
def test_a_bad_amount_is_refused_at_the_amount(amount: str, code: str) -> None:
    payment, issues = credit.check_payment(amount, "R1", "", TODAY, TODAY)
    assert payment is None
    assert [(i.field, i.code) for i in issues] == [("amount", code)]


def test_every_bad_field_is_named_at_once() -> None:
    payment, issues = credit.check_payment("5", "", "x\x00", "2026-12-06", TODAY)
    assert payment is None
    assert [(i.field, i.code) for i in issues] == [
        ("ref", "payment_ref_required"), ("note", "text_control_char"),
        ("date", "payment_date_future")]
    _, dates = credit.check_payment("5", "R", "", "1999-12-31", TODAY)
    _, garbage = credit.check_payment("5", "R", "", "2026-12-01; DROP", TODAY)
    assert [i.code for i in dates + garbage] == ["payment_date_invalid"] * 2
    _, ref = credit.check_payment("5", "R\n2", "", TODAY, TODAY)
    assert [i.code for i in ref] == ["text_line_break"]
