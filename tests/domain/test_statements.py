"""Monthly statements: the balances add up, the month's bounds, the order of the lines."""

import datetime as dt
from decimal import Decimal

import pytest

from sync_engine.domain.statements import (
    EntryKind,
    StatementEntry,
    build_statement,
    month_bounds,
)

D = Decimal


def _e(day: str, kind: EntryKind, amount: str, ref: str = "x") -> StatementEntry:
    return StatementEntry(dt.date.fromisoformat(day), kind, ref, D(amount))


def test_balances_add_up() -> None:
    entries = [
        _e("2026-10-03", EntryKind.SHIPMENT, "1000.00", "S0"),
        _e("2026-10-20", EntryKind.PAYMENT, "400.00", "P0"),
        _e("2026-11-02", EntryKind.SHIPMENT, "1234.56", "S1"),
        _e("2026-11-05", EntryKind.RETURN, "34.56", "R1"),
        _e("2026-11-30", EntryKind.PAYMENT, "600.00", "P1"),
        _e("2026-12-01", EntryKind.SHIPMENT, "99.00", "S2"),  # next month: not on it
    ]
    s = build_statement("2026-11", entries)
    assert s.opening == D("600.00")
    assert (s.shipped, s.returned, s.paid) == (D("1234.56"), D("34.56"), D("600.00"))
    assert s.closing == s.opening + s.shipped - s.returned - s.paid == D("1200.00")
    assert [ln.entry.ref for ln in s.lines] == ["S1", "R1", "P1"]
    assert [ln.balance for ln in s.lines] == [D("1834.56"), D("1800.00"), D("1200.00")]


def test_an_empty_month_carries_the_balance() -> None:
    s = build_statement("2026-12", [_e("2026-10-03", EntryKind.SHIPMENT, "10")])
    assert s.opening == s.closing == D("10")
    assert s.lines == ()


def test_same_day_shipments_come_first() -> None:
    s = build_statement("2026-11", [_e("2026-11-02", EntryKind.PAYMENT, "5", "P"),
                                    _e("2026-11-02", EntryKind.SHIPMENT, "5", "S")])
    assert [ln.entry.ref for ln in s.lines] == ["S", "P"]


def test_month_bounds() -> None:
    assert month_bounds("2026-12") == (dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    assert month_bounds("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 3, 1))


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "26-11", "2026-1", "", "2026-11-01",
                                   "0000-01"])
def test_not_a_month(month: str) -> None:
    with pytest.raises(ValueError, match="not a month"):
        month_bounds(month)


def test_shipped_amounts_at_the_bought_lines_price() -> None:
    from sync_engine.domain import OrderLine
    from sync_engine.domain.shipping import shipped_amounts

    lines = [OrderLine(1, 10, D("9.00"), D("0.13")),
             OrderLine(1, 1, D("0"), D("0.13"), gift=True, promotion="买十赠一"),
             OrderLine(2, 6, D("11.30"), D("0.13"), tax_included=True)]
    assert shipped_amounts(lines, {1: 11, 2: 6}) == {1: D("101.70"), 2: D("67.80")}
    assert shipped_amounts(lines, {1: 4}) == {1: D("40.68")}
    assert shipped_amounts(lines, {9: 3}) == {9: D("0")}
