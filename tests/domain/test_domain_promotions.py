"""Tax-inclusive rounding and promotions (``domain.money``, ``domain.promotions``): examples of
each kind and properties of ``quote_order`` over random orders and promotions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync_engine.domain import (
    AppliedPromotion,
    CustomerPrice,
    OrderLine,
    PriceBreak,
    Product,
    Promotion,
    PromotionKind,
    Quote,
    line_amounts,
    order_totals,
    quote_order,
    sum_money,
    to_money,
)

from .domain_builders import CUSTOMER_ID, customer, simple_product

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
WEEK = (NOW - timedelta(days=1), NOW + timedelta(days=6))

prices_st = st.decimals(min_value=Decimal("0"), max_value=Decimal("9999.9999"), places=4)
rates_st = st.sampled_from([Decimal("0"), Decimal("0.03"), Decimal("0.06"), Decimal("0.09"),
                            Decimal("0.13")])
qty_st = st.integers(min_value=1, max_value=100_000)


def promo(code: str, kind: PromotionKind, **fields: object) -> Promotion:
    return Promotion(code, kind, *WEEK, **fields)  # type: ignore[arg-type]


def quote(lines: list[tuple[int, int]], products: list[Product], promos: list[Promotion],
          *, included: bool = True, prices: dict[int, CustomerPrice] | None = None,
          available: dict[int, int] | None = None, at: datetime = NOW) -> Quote:
    return quote_order(customer(prices_include_tax=included), lines,
                       {p.id: p for p in products}, prices or {}, promos, at, available)


# ------------------------------------------------------------------ the rounding rule


def test_inclusive_line_is_computed_like_a_vat_invoice_line() -> None:
    # 3 × 11.30 含税 at 13%: 价税合计 33.90, 金额 round(33.90 / 1.13) = 30.00, 税额 3.90.
    assert line_amounts(3, Decimal("11.30"), Decimal("0.13"), tax_included=True) == (
        Decimal("30.00"), Decimal("3.90"), Decimal("33.90"))
    # 7 × 1.99 at 13%: 13.93 → 12.33 + 1.60 (the tax is the rest, not rounded on its own).
    assert line_amounts(7, Decimal("1.99"), Decimal("0.13"), tax_included=True) == (
        Decimal("12.33"), Decimal("1.60"), Decimal("13.93"))


@given(qty_st, prices_st, rates_st)
def test_inclusive_line_total_is_the_quoted_total_and_splits_exactly(
    quantity: int, price: Decimal, rate: Decimal
) -> None:
    net, tax, gross = line_amounts(quantity, price, rate, tax_included=True)
    assert gross == to_money(quantity * price)
    assert net + tax == gross
    assert tax >= 0
    # The net is the gross without tax, to the fen.
    assert abs(net * (1 + rate) - gross) <= Decimal("0.005") * (1 + rate)


@given(qty_st, prices_st, rates_st, st.booleans(), st.data())
def test_discount_comes_off_the_amount_in_its_basis(
    quantity: int, price: Decimal, rate: Decimal, included: bool, data: st.DataObject
) -> None:
    amount = to_money(quantity * price)
    off = data.draw(st.decimals(min_value=0, max_value=amount, places=2))
    net, tax, gross = line_amounts(quantity, price, rate, tax_included=included, discount=off)
    assert (gross if included else net) == amount - off
    assert net + tax == gross


def test_a_discount_larger_than_the_line_is_refused() -> None:
    with pytest.raises(ValueError, match="discount"):
        OrderLine(1, 2, Decimal("1.00"), Decimal("0.13"), discount=Decimal("2.01"))
    with pytest.raises(ValueError, match="gift"):
        OrderLine(1, 2, Decimal("1.00"), Decimal("0.13"), gift=True)


# ------------------------------------------------------------------ each kind


DRINK = simple_product(1, sku="DRINK", base_price=Decimal("4.00"))
SNACK = simple_product(2, sku="SNACK", base_price=Decimal("10.00"), tax_rate=Decimal("0.09"))


def test_inclusive_list_shows_the_base_price_with_tax_to_the_fen() -> None:
    q = quote([(1, 10)], [DRINK], [])
    assert q.lines[0].unit_price == Decimal("4.52")  # 4.00 × 1.13
    assert q.totals.gross == Decimal("45.20")
    assert q.applied == ()


def test_special_price_replaces_the_contract_price_for_its_customers_and_dates() -> None:
    special = promo("TJ1", PromotionKind.SPECIAL_PRICE, product_id=1,
                    unit_price=Decimal("4.00"), customer_ids=frozenset({CUSTOMER_ID}))
    q = quote([(1, 10)], [DRINK], [special])
    assert q.lines[0].unit_price == Decimal("4.00")
    assert q.lines[0].promotion == "TJ1"
    assert q.applied == (AppliedPromotion("TJ1", PromotionKind.SPECIAL_PRICE, 1,
                                          unit_price=Decimal("4.00"), saving=Decimal("5.20")),)
    # Another customer, or after the end: the contract price.
    other = promo("TJ1", PromotionKind.SPECIAL_PRICE, product_id=1,
                  unit_price=Decimal("4.00"), customer_ids=frozenset({CUSTOMER_ID + 1}))
    assert quote([(1, 10)], [DRINK], [other]).applied == ()
    assert quote([(1, 10)], [DRINK], [special], at=WEEK[1]).applied == ()
    assert quote([(1, 10)], [DRINK], [special], at=WEEK[0]).applied != ()


def test_special_price_dearer_than_the_contract_is_not_used() -> None:
    dear = promo("TJ2", PromotionKind.SPECIAL_PRICE, product_id=1, unit_price=Decimal("5.00"))
    assert quote([(1, 10)], [DRINK], [dear]).lines[0].unit_price == Decimal("4.52")


def test_buy_ten_get_one_gives_free_lines_of_their_own() -> None:
    b10 = promo("MZ1", PromotionKind.BUY_GET, product_id=1, buy_qty=10, get_qty=1)
    q = quote([(1, 25)], [DRINK], [b10])
    assert [(ln.product_id, ln.quantity, ln.unit_price, ln.gift) for ln in q.lines] == [
        (1, 25, Decimal("4.52"), False), (1, 2, Decimal("0"), True)]
    assert q.lines[1].promotion == "MZ1"
    assert q.totals.gross == Decimal("113.00")  # 25 × 4.52; the gifts cost nothing
    assert q.applied[0].gifts == ((1, 2),)
    assert quote([(1, 9)], [DRINK], [b10]).applied == ()


def test_buy_get_of_another_product_and_out_of_stock_gift() -> None:
    b = promo("MZ2", PromotionKind.BUY_GET, product_id=1, buy_qty=5, get_qty=1,
              gift_product_id=2)
    q = quote([(1, 10)], [DRINK, SNACK], [b])
    assert q.lines[-1].product_id == 2 and q.lines[-1].quantity == 2 and q.lines[-1].gift
    assert q.lines[-1].tax_rate == Decimal("0.09")
    # Stock counts the order's own units of the gift product first.
    assert quote([(1, 10), (2, 3)], [DRINK, SNACK], [b], available={1: 99, 2: 5}).lines[-1].gift
    assert quote([(1, 10), (2, 3)], [DRINK, SNACK], [b], available={1: 99, 2: 4}).applied == ()


def test_spend_off_shares_the_amount_among_the_lines_to_the_fen() -> None:
    off = promo("MJ1", PromotionKind.SPEND_OFF, threshold=Decimal("2000"),
                amount_off=Decimal("100"))
    q = quote([(1, 300), (2, 100)], [DRINK, SNACK], [off])  # 1356.00 + 1090.00
    assert q.totals.gross == Decimal("2346.00")
    assert sum(ln.discount for ln in q.lines) == Decimal("100.00")
    assert q.applied == (AppliedPromotion("MJ1", PromotionKind.SPEND_OFF,
                                          amount_off=Decimal("100.00"),
                                          saving=Decimal("100.00")),)
    assert quote([(1, 300)], [DRINK, SNACK], [off]).applied == ()  # 1356.00 < 2000


def test_spend_gift_and_the_best_spend_promotion_wins() -> None:
    gift = promo("MZ3", PromotionKind.SPEND_GIFT, threshold=Decimal("100"), get_qty=2,
                 gift_product_id=2)  # worth 2 × 10.90 = 21.80
    off = promo("MJ2", PromotionKind.SPEND_OFF, threshold=Decimal("100"),
                amount_off=Decimal("20"))
    q = quote([(1, 30)], [DRINK, SNACK], [off, gift])
    assert [a.code for a in q.applied] == ["MZ3"]
    assert q.lines[-1].gift and q.lines[-1].quantity == 2


def test_one_promotion_per_line_the_best_for_the_customer() -> None:
    special = promo("TJ3", PromotionKind.SPECIAL_PRICE, product_id=1,
                    unit_price=Decimal("4.40"))  # saves 20 × 0.12 = 2.40
    b10 = promo("MZ4", PromotionKind.BUY_GET, product_id=1, buy_qty=10, get_qty=1)  # 9.04
    q = quote([(1, 20)], [DRINK], [special, b10])
    assert [a.code for a in q.applied] == ["MZ4"]
    assert q.lines[0].unit_price == Decimal("4.52")
    q = quote([(1, 9)], [DRINK], [special, b10])  # no gift yet: the special price
    assert [a.code for a in q.applied] == ["TJ3"]


def test_threshold_is_measured_after_special_prices() -> None:
    special = promo("TJ4", PromotionKind.SPECIAL_PRICE, product_id=1,
                    unit_price=Decimal("3.00"))
    off = promo("MJ3", PromotionKind.SPEND_OFF, threshold=Decimal("400"),
                amount_off=Decimal("10"))
    assert [a.code for a in quote([(1, 100)], [DRINK], [off]).applied] == ["MJ3"]  # 452.00
    assert [a.code for a in quote([(1, 100)], [DRINK], [special, off]).applied] == ["TJ4"]


def test_promotion_data_is_checked() -> None:
    with pytest.raises(ValueError, match="time zone"):
        Promotion("X", PromotionKind.SPEND_OFF, datetime(2026, 1, 1), datetime(2026, 2, 1),
                  threshold=Decimal(1), amount_off=Decimal(1))
    with pytest.raises(ValueError, match="ends_at"):
        Promotion("X", PromotionKind.SPEND_OFF, WEEK[1], WEEK[0], threshold=Decimal(1),
                  amount_off=Decimal(1))
    with pytest.raises(ValueError, match="buy_qty"):
        promo("X", PromotionKind.BUY_GET, product_id=1, buy_qty=0, get_qty=1)
    with pytest.raises(ValueError, match="amount_off"):
        promo("X", PromotionKind.SPEND_OFF, threshold=Decimal(1), amount_off=Decimal(0))


# ------------------------------------------------------------------ properties


@st.composite
def orders(draw: st.DrawFn) -> tuple[list[Product], list[tuple[int, int]], list[Promotion],
                                     dict[int, CustomerPrice], dict[int, int] | None]:
    n = draw(st.integers(min_value=1, max_value=8))
    products = [
        simple_product(i + 1, sku=f"P{i}", base_price=draw(prices_st), tax_rate=draw(rates_st))
        for i in range(n)
    ]
    ids = [p.id for p in products]
    lines = [(pid, draw(st.integers(1, 500))) for pid in
             draw(st.lists(st.sampled_from(ids), min_size=1, max_size=n, unique=True))]
    prices = {}
    for pid in draw(st.lists(st.sampled_from(ids), unique=True)):
        prices[pid] = CustomerPrice(CUSTOMER_ID, pid, (PriceBreak(1, draw(prices_st)),))
    promos: list[Promotion] = []
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(list(PromotionKind)))
        common = {"customer_ids": draw(st.none() | st.just(frozenset({CUSTOMER_ID})))}
        if kind is PromotionKind.SPECIAL_PRICE:
            promos.append(promo(f"S{i}", kind, product_id=draw(st.sampled_from(ids)),
                                unit_price=draw(prices_st),
                                price_includes_tax=draw(st.booleans()), **common))
        elif kind is PromotionKind.BUY_GET:
            promos.append(promo(f"B{i}", kind, product_id=draw(st.sampled_from(ids)),
                                buy_qty=draw(st.integers(1, 50)), get_qty=draw(st.integers(1, 5)),
                                gift_product_id=draw(st.none() | st.sampled_from(ids)), **common))
        else:
            threshold = draw(st.decimals(min_value=1, max_value=100_000, places=2))
            extra = ({"amount_off": draw(st.decimals(min_value="0.01", max_value=5000, places=2))}
                     if kind is PromotionKind.SPEND_OFF else
                     {"get_qty": draw(st.integers(1, 10)),
                      "gift_product_id": draw(st.sampled_from(ids))})
            promos.append(promo(f"T{i}", kind, threshold=threshold, **common, **extra))
    available = draw(st.none() | st.dictionaries(st.sampled_from(ids), st.integers(0, 2000)))
    return products, lines, promos, prices, available


@settings(max_examples=200, deadline=None)
@given(orders(), st.booleans(), st.randoms())
def test_quote_properties(
    order: tuple[list[Product], list[tuple[int, int]], list[Promotion],
                 dict[int, CustomerPrice], dict[int, int] | None],
    included: bool,
    rnd: random.Random,
) -> None:
    products, lines, promos, prices, available = order
    q = quote(lines, products, promos, included=included, prices=prices, available=available)

    # The totals are the sums of the lines, and net + tax = gross on each line.
    assert q.totals == order_totals(q.lines)
    assert q.totals.gross == sum_money(ln.gross for ln in q.lines)
    for ln in q.lines:
        assert ln.net + ln.tax == ln.gross and ln.tax_included == included

    # The bought lines come first, in order; at most one promotion per line, one spend.
    assert [(ln.product_id, ln.quantity) for ln in q.lines[:len(lines)]] == lines
    assert all(ln.gift and ln.unit_price == 0 for ln in q.lines[len(lines):])
    line_promos = [a for a in q.applied if a.product_id is not None]
    assert len({a.product_id for a in line_promos}) == len(line_promos)
    assert sum(a.kind in ("spend_off", "spend_gift") for a in q.applied) <= 1

    # Gift lines are what the applied promotions say, and stock covers them.
    assert sorted((ln.product_id, ln.quantity) for ln in q.lines if ln.gift) == sorted(
        g for a in q.applied for g in a.gifts)
    if available is not None:
        need: dict[int, int] = {}
        for ln in q.lines:
            need[ln.product_id] = need.get(ln.product_id, 0) + ln.quantity
        for pid, units in need.items():
            if any(ln.gift and ln.product_id == pid for ln in q.lines):
                assert units <= available.get(pid, 0)

    # An amount off comes off the order exactly.
    off = sum((a.amount_off or 0 for a in q.applied), Decimal(0))
    assert sum(ln.discount for ln in q.lines) == off

    # Promotions never make an order dearer.
    plain = quote(lines, products, [], included=included, prices=prices)
    assert q.totals.gross <= plain.totals.gross

    # The server re-prices what the client quoted: same inputs in another order and through
    # the wire (text) give the same result to the fen.
    shuffled = list(promos)
    rnd.shuffle(shuffled)
    again = quote(lines, products, shuffled, included=included, prices=prices,
                  available=available)
    assert again == q
    # A device requotes keeping the contract prices it showed (not the special ones): the
    # same result, which is what the server computes from the current prices.
    specials = {a.code for a in q.applied if a.kind is PromotionKind.SPECIAL_PRICE}
    kept = {ln.product_id: ln.unit_price for ln in q.lines[:len(lines)]
            if ln.promotion not in specials}
    assert quote_order(customer(prices_include_tax=included), lines,
                       {p.id: p for p in products}, prices, promos, NOW, available, kept) == q
    wire = [AppliedPromotion.from_dict(a.to_dict()) for a in q.applied]
    assert tuple(wire) == q.applied
    stored = [OrderLine(ln.product_id, ln.quantity, Decimal(str(ln.unit_price)),
                        Decimal(str(ln.tax_rate)), tax_included=ln.tax_included,
                        discount=Decimal(str(ln.discount)), promotion=ln.promotion, gift=ln.gift)
              for ln in q.lines]
    assert order_totals(stored) == q.totals
