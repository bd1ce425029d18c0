"""The entities the ordering rules work on: immutable values, checked when they are built.

Quantities are always whole numbers of **base units** (the small unit, e.g. 瓶 bottle); a case
(箱) is only a way of displaying ``case_qty`` units. Money is ``Decimal`` (see ``money``).

Constructors raise ``TypeError`` for a wrong type (a float price, a float quantity) and
``ValueError`` for an impossible value (a pack size of 0, shipped more than ordered). They do
*not* judge what a user typed: an order line of -3 bottles is a ``LineInput`` that
``validation`` reports on, not an exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from .money import ZERO, line_amounts, line_net, require_decimal, require_int, sum_money

__all__ = [
    "Customer",
    "CustomerPrice",
    "OrderLine",
    "OrderStatus",
    "OrderTotals",
    "PriceBreak",
    "Product",
    "Role",
    "StockLevel",
    "order_totals",
]


class Role(StrEnum):
    """What a user does; decides which order transitions they may make."""

    SALES_REP = "sales_rep"
    WAREHOUSE_CLERK = "warehouse_clerk"
    STORE_OWNER = "store_owner"
    ADMIN = "admin"
    # The server's own automatic actor (e.g. auto-confirmation rules); never a user's role.
    SYSTEM = "system"


USER_ROLES: tuple[str, ...] = tuple(r.value for r in Role if r is not Role.SYSTEM)
"""The roles a user account may have: every one but the server's own."""


class OrderStatus(StrEnum):
    """Where an order is in its life; see ``lifecycle`` for the allowed moves."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"
    PARTIALLY_SHIPPED = "partially_shipped"
    SHIPPED = "shipped"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


def _set(obj: object, name: str, value: object) -> None:
    # Frozen dataclasses normalise their own fields in __post_init__ this way.
    object.__setattr__(obj, name, value)


def _require_rate(value: object, name: str) -> Decimal:
    rate = require_decimal(value, name)
    if not Decimal(0) <= rate <= Decimal(1):
        raise ValueError(f"{name} must be between 0 and 1 (0.13 means 13%), got {rate}")
    return rate


def _require_non_negative_money(value: object, name: str) -> Decimal:
    amount = require_decimal(value, name)
    if amount < 0:
        raise ValueError(f"{name} must not be negative, got {amount}")
    return amount


@dataclass(frozen=True, slots=True)
class Product:
    """A catalogue item.

    ``unit`` is the small unit (瓶), ``case_unit`` the big one (箱) holding ``case_qty`` units.
    ``pack_size`` is the ordering multiple and ``min_qty`` the minimum per line, both in units.
    ``tax_rate`` is a fraction (0.13 = 13%); ``base_price`` is per unit, tax-exclusive.
    """

    id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    case_unit: str
    case_qty: int
    pack_size: int
    min_qty: int
    tax_rate: Decimal
    base_price: Decimal
    active: bool = True
    sellable: bool = True
    barcode: str | None = None
    category: str = ""
    category_en: str = ""

    def __post_init__(self) -> None:
        require_int(self.id, "id")
        for name in ("case_qty", "pack_size"):
            if require_int(getattr(self, name), name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if require_int(self.min_qty, "min_qty") < 0:
            raise ValueError(f"min_qty must not be negative, got {self.min_qty}")
        _set(self, "tax_rate", _require_rate(self.tax_rate, "tax_rate"))
        _set(self, "base_price", _require_non_negative_money(self.base_price, "base_price"))

    def name(self, lang: str = "zh") -> str:
        """The product's name in ``lang`` ("zh…" or anything else for English), or the other."""
        if lang.lower().startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh

    def category_in(self, lang: str = "zh") -> str:
        """The product's category for a UI in ``lang``: in English its English name where the
        data gives one; otherwise (and always in Chinese) the data's word."""
        if lang.lower().startswith("zh"):
            return self.category
        return self.category_en or self.category

    def in_cases(self, quantity: int) -> tuple[int, int]:
        """Split a quantity in units into (whole cases, loose units), e.g. for a pick list."""
        return divmod(require_int(quantity, "quantity"), self.case_qty)


@dataclass(frozen=True, slots=True)
class Customer:
    """A buying customer. ``credit_limit`` ``None`` means no limit.

    ``prices_include_tax``: the customer's price list is tax-inclusive (含税, the usual case in
    China): its unit prices, quotes and promotions' amounts are 价税合计 (see ``money``).
    """

    id: int
    code: str
    name: str
    warehouse_id: int
    credit_limit: Decimal | None = None
    payment_terms: str = ""
    rep_id: int | None = None
    owner_user_id: int | None = None
    active: bool = True
    prices_include_tax: bool = False

    def __post_init__(self) -> None:
        require_int(self.id, "id")
        require_int(self.warehouse_id, "warehouse_id")
        if self.credit_limit is not None:
            limit = _require_non_negative_money(self.credit_limit, "credit_limit")
            _set(self, "credit_limit", limit)


@dataclass(frozen=True, slots=True)
class PriceBreak:
    """From ``min_qty`` units up, the whole line costs ``unit_price`` per unit."""

    min_qty: int
    unit_price: Decimal

    def __post_init__(self) -> None:
        if require_int(self.min_qty, "min_qty") < 0:
            raise ValueError(f"min_qty must not be negative, got {self.min_qty}")
        _set(self, "unit_price", _require_non_negative_money(self.unit_price, "unit_price"))


@dataclass(frozen=True, slots=True)
class CustomerPrice:
    """A customer's price for one product: its quantity breaks, kept sorted by ``min_qty``.

    Two breaks with the same ``min_qty`` would make the price ambiguous, so they are refused.
    """

    customer_id: int
    product_id: int
    breaks: tuple[PriceBreak, ...]

    def __post_init__(self) -> None:
        require_int(self.customer_id, "customer_id")
        require_int(self.product_id, "product_id")
        breaks = tuple(self.breaks)
        for item in breaks:
            if not isinstance(item, PriceBreak):
                raise TypeError(f"breaks must hold PriceBreak, not {type(item).__name__}")
        ordered = tuple(sorted(breaks, key=lambda b: b.min_qty))
        if len({b.min_qty for b in ordered}) != len(ordered):
            raise ValueError(f"two price breaks share a min_qty: {[b.min_qty for b in ordered]}")
        _set(self, "breaks", ordered)


@dataclass(frozen=True, slots=True)
class StockLevel:
    """Stock of one product in one warehouse, as of the snapshot time ``as_of``."""

    product_id: int
    warehouse_id: int
    on_hand: int
    reserved: int
    as_of: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("product_id", "warehouse_id", "on_hand", "reserved"):
            require_int(getattr(self, name), name)

    @property
    def available(self) -> int:
        """Units that can still be promised; never negative, even when the ERP oversold."""
        return max(0, self.on_hand - self.reserved)


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A priced order line; quantities in units.

    ``unit_price`` is per unit, tax-inclusive when ``tax_included`` (含税) and tax-exclusive
    otherwise. ``discount`` is the line's share of an amount off the order, in fen.
    ``promotion`` is the code of the promotion that priced the line (a special price) or gave
    it (a ``gift`` line: free goods at a unit price of 0).
    """

    product_id: int
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    shipped_qty: int = 0
    tax_included: bool = False
    discount: Decimal = ZERO
    promotion: str = ""
    gift: bool = False

    def __post_init__(self) -> None:
        require_int(self.product_id, "product_id")
        if require_int(self.quantity, "quantity") < 0:
            raise ValueError(f"quantity must not be negative, got {self.quantity}")
        if not 0 <= require_int(self.shipped_qty, "shipped_qty") <= self.quantity:
            raise ValueError(
                f"shipped_qty must be between 0 and quantity {self.quantity}, "
                f"got {self.shipped_qty}"
            )
        _set(self, "unit_price", _require_non_negative_money(self.unit_price, "unit_price"))
        _set(self, "tax_rate", _require_rate(self.tax_rate, "tax_rate"))
        discount = _require_non_negative_money(self.discount, "discount")
        if discount and discount > line_net(self.quantity, self.unit_price):
            raise ValueError(f"discount {discount} is more than the line's amount")
        _set(self, "discount", discount)
        if self.gift and self.unit_price:
            raise ValueError(f"a gift line costs nothing, got unit_price {self.unit_price}")

    def amounts(self) -> tuple[Decimal, Decimal, Decimal]:
        """``(net, tax, gross)`` by the rounding rule of ``money``."""
        return line_amounts(self.quantity, self.unit_price, self.tax_rate,
                            tax_included=self.tax_included, discount=self.discount)

    @property
    def net(self) -> Decimal:
        """The tax-exclusive amount (金额), in fen."""
        return self.amounts()[0]

    @property
    def tax(self) -> Decimal:
        """The tax (税额), in fen."""
        return self.amounts()[1]

    @property
    def gross(self) -> Decimal:
        """``net + tax`` (价税合计)."""
        return self.amounts()[2]

    @property
    def remaining(self) -> int:
        """Units still to ship (the backorder once something has shipped)."""
        return self.quantity - self.shipped_qty


@dataclass(frozen=True, slots=True)
class OrderTotals:
    """An order's totals: each the sum of the rounded line amounts."""

    net: Decimal
    tax: Decimal
    gross: Decimal


def order_totals(lines: Iterable[OrderLine]) -> OrderTotals:
    """Sum the lines' rounded net, tax and gross (so ``gross == net + tax`` holds exactly)."""
    nets: list[Decimal] = []
    taxes: list[Decimal] = []
    for line in lines:
        net, tax, _ = line.amounts()
        nets.append(net)
        taxes.append(tax)
    net_total = sum_money(nets)
    tax_total = sum_money(taxes)
    return OrderTotals(net=net_total, tax=tax_total, gross=sum_money((net_total, tax_total)))
