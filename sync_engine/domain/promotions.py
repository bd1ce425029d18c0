"""Promotions (促销) and the one function that prices an order with them: ``quote_order``.

The client quotes with it offline, on the promotions of its last sync; the server runs it again
at submit, on its own promotions and stock, and a different result is a conflict that shows both
(``promotion_changed``), never a silent change.

Kinds
-----
* ``special_price`` (特价): ``product_id`` costs ``unit_price`` (in the basis that
  ``price_includes_tax`` says; converted to the customer's basis like a base price).
* ``buy_get`` (买赠): every ``buy_qty`` units of ``product_id`` on a line give ``get_qty`` units
  of ``gift_product_id`` (the same product when unset) free.
* ``spend_off`` (满减): an order of at least ``threshold`` gets ``amount_off`` off.
* ``spend_gift`` (满赠): an order of at least ``threshold`` gets ``get_qty`` units of
  ``gift_product_id`` free.

Each runs from ``starts_at`` (included) to ``ends_at`` (excluded), for the customers in
``customer_ids``, or for everyone when that is ``None``.

How they combine
----------------
1. **At most one promotion per line**: of the special prices and buy-N-get-M promotions that
   apply to a line, the one that saves the customer most (a special price saves the line's
   amount at the contract price minus its amount at the special price; a gift saves what the gift
   units would cost this customer). A special price above the contract price saves nothing and
   is not used. Ties go to the smaller code.
2. **At most one spend promotion per order**, the one worth most to the customer (an amount off,
   or a gift valued as in 1), among those whose ``threshold`` the order reaches. The threshold is
   measured on the order's 价税合计 (gross) **after** the line promotions; gift lines count 0.
3. An amount off is in the order's price basis (off the gross of a tax-inclusive order, off the
   net of a tax-exclusive one), at most the order's amount, and is shared among the bought lines
   in proportion to their amounts, to the fen (largest remainders; ties to the earlier line), as
   the 折扣 of each line. Gift lines are never discounted.
4. **Free goods are lines of their own** (``gift``, unit price 0, the promotion's code), after
   the bought lines, and are reserved from stock like any line. When the stock (if known) cannot
   cover a gift on top of the order's bought units, that promotion gives nothing and the next
   best is not tried in its place.
5. A promotion whose product or gift product is unknown, inactive or not sellable gives nothing.

What each promotion gave is an ``AppliedPromotion``; two quotes agree when their applied
promotions are equal, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum
from typing import Any

from .model import Customer, CustomerPrice, OrderLine, OrderTotals, Product, order_totals
from .money import (
    CENT,
    ZERO,
    inclusive_price,
    line_net,
    parse_decimal,
    require_decimal,
    require_int,
    sum_money,
    to_money,
)
from .pricing import unit_price_for

__all__ = [
    "AppliedPromotion",
    "Promotion",
    "PromotionKind",
    "Quote",
    "quote_order",
]


class PromotionKind(StrEnum):
    """What a promotion gives."""

    SPECIAL_PRICE = "special_price"  # 特价
    BUY_GET = "buy_get"  # 买赠
    SPEND_OFF = "spend_off"  # 满减
    SPEND_GIFT = "spend_gift"  # 满赠


_EXACT = Context(prec=38, rounding=ROUND_HALF_UP)
"""Arithmetic here never depends on the caller's decimal context (as in ``money``)."""

LINE_KINDS = (PromotionKind.SPECIAL_PRICE, PromotionKind.BUY_GET)
SPEND_KINDS = (PromotionKind.SPEND_OFF, PromotionKind.SPEND_GIFT)


def _positive(value: object, name: str) -> Decimal:
    amount = require_decimal(value, name)
    if amount <= 0:
        raise ValueError(f"{name} must be more than 0, got {amount}")
    return amount


@dataclass(frozen=True, slots=True)
class Promotion:
    """One promotion as data (see the module docstring for the kinds and their fields).

    Raises ``ValueError`` when a field the kind needs is missing or impossible, and for naive
    datetimes (promotions run on server time, in UTC).
    """

    code: str
    kind: PromotionKind
    starts_at: datetime
    ends_at: datetime
    name: str = ""
    customer_ids: frozenset[int] | None = None
    product_id: int | None = None
    unit_price: Decimal | None = None
    price_includes_tax: bool = True
    buy_qty: int = 0
    get_qty: int = 0
    gift_product_id: int | None = None
    threshold: Decimal | None = None
    amount_off: Decimal | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PromotionKind(self.kind))
        if not self.code:
            raise ValueError("code must not be empty")
        for name in ("starts_at", "ends_at"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise ValueError(f"{name} must be a datetime with a time zone")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if self.customer_ids is not None:
            ids = frozenset(require_int(c, "customer_ids") for c in self.customer_ids)
            object.__setattr__(self, "customer_ids", ids)
        kind = self.kind
        if kind in LINE_KINDS and self.product_id is None:
            raise ValueError(f"a {kind} promotion needs product_id")
        if kind is PromotionKind.SPECIAL_PRICE:
            price = require_decimal(self.unit_price, "unit_price")
            if price < 0:
                raise ValueError(f"unit_price must not be negative, got {price}")
        if kind is PromotionKind.BUY_GET and require_int(self.buy_qty, "buy_qty") < 1:
            raise ValueError(f"buy_qty must be at least 1, got {self.buy_qty}")
        if kind in (PromotionKind.BUY_GET, PromotionKind.SPEND_GIFT) and require_int(
            self.get_qty, "get_qty"
        ) < 1:
            raise ValueError(f"get_qty must be at least 1, got {self.get_qty}")
        if kind is PromotionKind.SPEND_GIFT and self.gift_product_id is None:
            raise ValueError("a spend_gift promotion needs gift_product_id")
        if kind in SPEND_KINDS:
            object.__setattr__(self, "threshold", to_money(_positive(self.threshold, "threshold")))
        if kind is PromotionKind.SPEND_OFF:
            object.__setattr__(self, "amount_off",
                               to_money(_positive(self.amount_off, "amount_off")))

    def applies_to(self, customer_id: int, at: datetime) -> bool:
        """True if the promotion runs at ``at`` for this customer."""
        if not self.starts_at <= at < self.ends_at:
            return False
        return self.customer_ids is None or customer_id in self.customer_ids

    @property
    def gift_product(self) -> int | None:
        """The product given free (buy-N-get-M defaults to the bought product)."""
        if self.kind is PromotionKind.BUY_GET:
            return self.gift_product_id if self.gift_product_id is not None else self.product_id
        return self.gift_product_id


def _money_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    with localcontext(_EXACT):
        cents = value.quantize(CENT)
        return format(cents if cents == value else value.normalize(), "f")


@dataclass(frozen=True, slots=True)
class AppliedPromotion:
    """What one promotion gave an order: the new unit price of its line (special price), the
    amount off (spend_off), the free units ``gifts`` ((product id, units), …), and ``saving``,
    its worth to the customer in the order's price basis."""

    code: str
    kind: PromotionKind
    product_id: int | None = None
    unit_price: Decimal | None = None
    amount_off: Decimal | None = None
    gifts: tuple[tuple[int, int], ...] = ()
    saving: Decimal = ZERO

    def to_dict(self) -> dict[str, Any]:
        """The wire shape: money as text with the decimals that matter, at least two ("9.50",
        "0.125"), so the same amount always reads the same, however it was stored."""
        return {
            "code": self.code,
            "kind": self.kind.value,
            "product_id": self.product_id,
            "unit_price": _money_text(self.unit_price),
            "amount_off": _money_text(self.amount_off),
            "gifts": [{"product_id": p, "quantity": q} for p, q in self.gifts],
            "saving": _money_text(self.saving),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AppliedPromotion:
        """The inverse of ``to_dict``; raises ``ValueError``/``TypeError``/``KeyError`` on a
        malformed shape."""

        def money(value: Any) -> Decimal | None:
            return None if value is None else parse_decimal(value)

        return cls(
            code=str(data["code"]),
            kind=PromotionKind(data["kind"]),
            product_id=data.get("product_id"),
            unit_price=money(data.get("unit_price")),
            amount_off=money(data.get("amount_off")),
            gifts=tuple((require_int(g["product_id"], "product_id"),
                         require_int(g["quantity"], "quantity")) for g in data.get("gifts", ())),
            saving=money(data.get("saving")) or ZERO,
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """An order priced with its promotions: the bought lines in their order, then the gift
    lines; what each promotion gave; the totals (the sums of the lines)."""

    lines: tuple[OrderLine, ...]
    applied: tuple[AppliedPromotion, ...] = ()
    totals: OrderTotals = field(default_factory=lambda: order_totals(()))
    tax_included: bool = False


def _usable(product: Product | None) -> bool:
    return product is not None and product.active and product.sellable


def _in_basis(p: Promotion, product: Product, tax_included: bool) -> Decimal:
    price = p.unit_price
    assert price is not None
    if p.price_includes_tax == tax_included:
        return price
    if tax_included:
        return inclusive_price(price, product.tax_rate)
    # An inclusive special price in an exclusive list: its unrounded exclusive equivalent, to
    # the stored places (four decimals).
    with localcontext(_EXACT):
        return (price / (1 + product.tax_rate)).quantize(Decimal("0.0001"))


@dataclass(slots=True)
class _Line:
    index: int
    product: Product
    quantity: int
    contract: Decimal
    amount: Decimal  # round(quantity × contract)
    unit_price: Decimal = ZERO
    promotion: AppliedPromotion | None = None
    discount: Decimal = ZERO


def quote_order(
    customer: Customer,
    lines: Sequence[tuple[int, int]],
    products: Mapping[int, Product],
    prices: Mapping[int, CustomerPrice],
    promotions: Iterable[Promotion],
    at: datetime,
    available: Mapping[int, int] | None = None,
    quoted: Mapping[int, Decimal] | None = None,
) -> Quote:
    """Price ``lines`` ((product id, units), validated first) for ``customer`` at ``at``, with
    the ``promotions`` that run then, by the rules of the module docstring.

    ``prices`` are the customer's price rows by product id; ``products`` must hold every bought
    product (and may hold gift products); ``available`` is the units in stock per product, or
    ``None`` when stock is not to be checked. ``quoted``: the contract unit price a bought
    product's line was quoted at, where it is to be kept (a device keeps what it showed; the
    server checks it is still the price): the line's price instead of ``prices``' (gifts are
    still valued at ``prices``). Raises ``KeyError`` for a bought product missing from
    ``products``.
    """
    included = customer.prices_include_tax
    running = [p for p in promotions if p.applies_to(customer.id, at)]
    by_product: dict[int, list[Promotion]] = {}
    for p in running:
        if p.kind in LINE_KINDS:
            assert p.product_id is not None
            by_product.setdefault(p.product_id, []).append(p)
    units: dict[int, int] = {}
    for pid, qty in lines:
        units[pid] = units.get(pid, 0) + qty
    given: dict[int, int] = {}

    def gift_value(p: Promotion, qty: int) -> Decimal | None:
        """What ``qty`` free units of the promotion's gift save, or None if it cannot give."""
        gift_id = p.gift_product
        gift = products.get(gift_id) if gift_id is not None else None
        if gift is None or not _usable(gift) or qty < 1:
            return None
        if available is not None:
            need = units.get(gift.id, 0) + given.get(gift.id, 0) + qty
            if available.get(gift.id, 0) < need:
                return None
        price = unit_price_for(gift, prices.get(gift.id), qty, tax_included=included)
        return line_net(qty, price)

    work: list[_Line] = []
    for index, (pid, qty) in enumerate(lines):
        product = products[pid]
        kept = quoted.get(pid) if quoted is not None else None
        contract = kept if kept is not None else unit_price_for(
            product, prices.get(pid), qty, tax_included=included)
        line = _Line(index, product, qty, contract, line_net(qty, contract), contract)
        best: tuple[Decimal, str, AppliedPromotion, Decimal] | None = None
        for p in by_product.get(pid, ()):
            if p.kind is PromotionKind.SPECIAL_PRICE:
                price = _in_basis(p, product, included)
                saving = line.amount - line_net(qty, price)
                applied = AppliedPromotion(p.code, p.kind, pid, unit_price=price, saving=saving)
            else:
                free = qty // p.buy_qty * p.get_qty
                value = gift_value(p, free)
                if value is None:
                    continue
                price, saving = contract, value
                gift_id = p.gift_product
                assert gift_id is not None
                applied = AppliedPromotion(p.code, p.kind, pid, gifts=((gift_id, free),),
                                           saving=saving)
            if _better(saving, p.code, best):
                best = (saving, p.code, applied, price)
        if best is not None:
            line.promotion, line.unit_price = best[2], best[3]
            for gift_id, free in best[2].gifts:
                given[gift_id] = given.get(gift_id, 0) + free
        work.append(line)

    bought = [_order_line(ln, included) for ln in work]
    gross = order_totals(bought).gross
    base = sum_money(line_net(ln.quantity, ln.unit_price) for ln in work)
    spend: tuple[Decimal, str, AppliedPromotion] | None = None
    for p in running:
        if p.kind not in SPEND_KINDS or p.threshold is None or gross < p.threshold:
            continue
        if p.kind is PromotionKind.SPEND_OFF:
            assert p.amount_off is not None
            off = min(p.amount_off, base)
            applied = AppliedPromotion(p.code, p.kind, amount_off=off, saving=off)
        else:
            value = gift_value(p, p.get_qty)
            if value is None:
                continue
            assert p.gift_product_id is not None
            applied = AppliedPromotion(p.code, p.kind, gifts=((p.gift_product_id, p.get_qty),),
                                       saving=value)
        if _better(applied.saving, p.code, spend):
            spend = (applied.saving, p.code, applied)

    applied_all = [ln.promotion for ln in work if ln.promotion is not None]
    if spend is not None:
        applied_all.append(spend[2])
        if spend[2].amount_off:
            _share(work, spend[2].amount_off)
            bought = [_order_line(ln, included) for ln in work]
    gifts = [
        OrderLine(gid, qty, ZERO, products[gid].tax_rate, tax_included=included,
                  promotion=a.code, gift=True)
        for a in applied_all for gid, qty in a.gifts
    ]
    out = tuple(bought + gifts)
    return Quote(out, tuple(applied_all), order_totals(out), included)


def _better(saving: Decimal, code: str, best: tuple[Any, ...] | None) -> bool:
    """More saving wins; on a tie the smaller code (so the result never depends on order)."""
    if saving <= 0:
        return False
    return best is None or saving > best[0] or (saving == best[0] and code < best[1])


def _order_line(ln: _Line, included: bool) -> OrderLine:
    return OrderLine(
        ln.product.id, ln.quantity, ln.unit_price, ln.product.tax_rate, tax_included=included,
        discount=ln.discount, promotion="" if ln.promotion is None else ln.promotion.code,
    )


def _share(work: list[_Line], amount_off: Decimal) -> None:
    """Share ``amount_off`` among the lines in proportion to their amounts, to the fen."""
    amounts = [line_net(ln.quantity, ln.unit_price) for ln in work]
    with localcontext(_EXACT):
        total = sum(amounts, ZERO)
        if not total:
            return
        shares = [amount_off * a / total for a in amounts]
        floors = [s.quantize(CENT, rounding=ROUND_DOWN) for s in shares]
        left = int((amount_off - sum(floors, ZERO)) / CENT)
        order = sorted(range(len(work)), key=lambda i: (floors[i] - shares[i], i))
        for i in order[:left]:
            floors[i] += CENT
    # Each share is at most its line's amount: the amount off is at most their sum.
    for ln, share in zip(work, floors, strict=True):
        ln.discount = share
