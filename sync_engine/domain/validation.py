"""The order rules: what is wrong with an order, field by field, in the user's terms.

The client runs these rules as the user types and before saving; the server runs the same
rules again before accepting an order. Each finding is an ``Issue`` with a field path
("lines[3].quantity"), a stable code and params; ``Issue.message`` turns it into text.

Errors block a submit. Warnings (``credit_limit_exceeded``, ``stock_insufficient``) do not: the
server accepts such an order and holds it for back-office review.

Codes, by field:

=================================  ==========================================================
``customer``                       customer_unknown, customer_inactive,
                                   credit_limit_exceeded (warning),
                                   receivables_overdue (warning), receivables_overdue_blocked
``lines``                          lines_empty, too_many_lines, order_total_too_large
``lines[i].product_id``            product_unknown, product_inactive, product_not_sellable,
                                   duplicate_product
``lines[i].quantity``              quantity_not_positive, quantity_too_large,
                                   quantity_below_minimum, quantity_not_multiple_of_pack,
                                   stock_insufficient (warning)
``lines[i].unit_price``            price_changed
``delivery_date``                  delivery_date_in_past
=================================  ==========================================================
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from types import MappingProxyType
from typing import Literal

from .limits import MAX_AMOUNT, MAX_QUANTITY
from .messages import MoneyText, render_params
from .model import Customer, CustomerPrice, Product, StockLevel
from .money import (
    ZERO,
    format_amount,
    line_amounts,
    require_decimal,
    require_int,
    sum_money,
    to_money,
)
from .pricing import unit_price_for

__all__ = [
    "Issue",
    "LineInput",
    "RuleViolation",
    "Severity",
    "has_errors",
    "smallest_valid_quantity",
    "validate_line",
    "validate_order",
]

Severity = Literal["error", "warning"]


@dataclasses.dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with an order, at one field.

    ``params`` are what the message needs (and what a UI may use, e.g. a suggested quantity);
    they are stored read-only.
    """

    field: str
    code: str
    params: Mapping[str, object] = dataclasses.field(default_factory=dict, hash=False)
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.severity not in ("error", "warning"):
            raise ValueError(f"severity must be 'error' or 'warning', got {self.severity!r}")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    @property
    def is_error(self) -> bool:
        """True if this issue blocks the action."""
        return self.severity == "error"

    def message(self, lang: str = "en", *, money: MoneyText = format_amount) -> str:
        """The issue as a sentence in ``lang`` ("en" or "zh"), amounts written by ``money``."""
        return render_params(self.code, lang, self.params, money=money)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: field, code, severity, params, message (en), message_zh."""
        return {
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "params": {name: _json_safe(value) for name, value in self.params.items()},
            "message": self.message("en"),
            "message_zh": self.message("zh"),
        }


def _json_safe(value: object) -> object:
    # Decimals travel as text so no JSON parser turns an amount into a float.
    if isinstance(value, Decimal):
        return format_amount(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    return value


class RuleViolation(ValueError):
    """An operation was asked to do something the rules forbid; ``issues`` say what and where.

    Raised by functions that apply a change (``shipping.apply_shipment``,
    ``lifecycle.require_transition``) rather than report on it.
    """

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__("; ".join(f"{i.field}: {i.message('en')}" for i in self.issues))


@dataclasses.dataclass(frozen=True, slots=True)
class LineInput:
    """An order line as the user entered it.

    ``unit_price`` is the price the user was quoted or shown (``None``: not quoted); if it is
    no longer the current price, validation says so rather than changing it silently.
    """

    product_id: int
    quantity: int
    unit_price: Decimal | None = None

    def __post_init__(self) -> None:
        require_int(self.product_id, "product_id")
        require_int(self.quantity, "quantity")
        if self.unit_price is not None:
            object.__setattr__(self, "unit_price", require_decimal(self.unit_price, "unit_price"))


def has_errors(issues: Iterable[Issue]) -> bool:
    """True if any issue is an error (warnings alone do not block)."""
    return any(issue.is_error for issue in issues)


def _line_field(index: int, name: str) -> str:
    return f"lines[{index}].{name}"


def smallest_valid_quantity(product: Product, at_least: int) -> int:
    """The smallest quantity ≥ ``at_least`` that meets the minimum and is a whole pack."""
    wanted = max(at_least, product.min_qty, 1)
    return -(-wanted // product.pack_size) * product.pack_size


def validate_line(
    index: int,
    line: LineInput,
    product: Product | None,
    customer_price: CustomerPrice | None,
    *,
    tax_included: bool = False,
) -> list[Issue]:
    """Issues with one line on its own (``index`` is its position, for the field paths).

    ``tax_included``: the customer's list is tax-inclusive, so a quoted price is too.

    ``product`` is ``None`` when the catalogue does not have ``line.product_id``;
    ``customer_price`` is the customer's price row for the product, if any. Checks that need
    the whole order (duplicates, stock, credit) are in ``validate_order``.
    """

    def issue(name: str, *, code: str, **params: object) -> Issue:
        # Positional: the codes are the literals at the calls (test_domain_messages reads them).
        return Issue(_line_field(index, name), code, params)

    if product is None:
        return [issue("product_id", code="product_unknown", product_id=line.product_id)]
    # A product that cannot be ordered makes its quantity and price moot: say only that.
    if not product.active:
        return [issue("product_id", code="product_inactive", product_id=product.id,
                      sku=product.sku)]
    if not product.sellable:
        return [issue("product_id", code="product_not_sellable", product_id=product.id,
                      sku=product.sku)]

    quantity = line.quantity
    if quantity <= 0:
        return [issue("quantity", code="quantity_not_positive", quantity=quantity)]
    if quantity > MAX_QUANTITY:
        return [issue("quantity", code="quantity_too_large", quantity=quantity,
                      max_qty=MAX_QUANTITY)]

    issues: list[Issue] = []
    suggestion = smallest_valid_quantity(product, quantity)
    if quantity < product.min_qty:
        issues.append(issue("quantity", code="quantity_below_minimum", min_qty=product.min_qty,
                            unit=product.unit, suggestion=suggestion))
    if quantity % product.pack_size:
        issues.append(issue("quantity", code="quantity_not_multiple_of_pack",
                            pack_size=product.pack_size, unit=product.unit, suggestion=suggestion))

    if line.unit_price is not None:
        current = unit_price_for(product, customer_price, quantity, tax_included=tax_included)
        # Decimal equality is numeric: a quote of 9.5 matches a price of 9.50.
        if line.unit_price != current:
            issues.append(issue("unit_price", code="price_changed", quoted=line.unit_price,
                                current=current))
    return issues


def validate_order(
    *,
    customer: Customer | None,
    lines: Sequence[LineInput],
    products: Mapping[int, Product],
    prices: Mapping[int, CustomerPrice],
    stock: Mapping[int, StockLevel] | None,
    open_orders_total: Decimal = ZERO,
    delivery_date: date | None = None,
    today: date | None = None,
    max_lines: int = 1000,
    overdue: Decimal = ZERO,
    overdue_policy: str = "review",
    order_total: Decimal | None = None,
) -> list[Issue]:
    """Every issue with an order, errors and warnings, in a stable order.

    ``products`` and ``prices`` are keyed by product id (``prices`` holds this customer's rows);
    ``stock`` is keyed by product id for the customer's warehouse, or ``None`` when stock is
    unknown (then it is not checked; a product missing from it is not checked either).
    ``open_orders_total`` is the gross of the customer's other open orders, for the credit
    check. ``today`` defaults to the local date; the server passes its own. ``overdue`` is
    what the customer owes past its due date (``credit.credit_position``): under the policy
    ``review`` a warning (the order waits for the back office), under ``block`` an error, under
    ``off`` nothing. ``order_total``: the order's total as quoted, promotions applied
    (``promotions.quote_order``: what the order shows), which the credit check uses; without
    it, the lines' gross at today's prices (before promotions, which only lower it).

    Raises ``ValueError`` if a price row belongs to another customer or product (a bug in the
    caller's lookup, not a user error).
    """
    issues: list[Issue] = []
    used = to_money(require_decimal(open_orders_total, "open_orders_total"))

    if customer is None:
        issues.append(Issue(field="customer", code="customer_unknown"))
    elif not customer.active:
        issues.append(
            Issue(
                field="customer", code="customer_inactive", params={"customer_code": customer.code}
            )
        )

    if not lines:
        issues.append(Issue(field="lines", code="lines_empty"))
    elif len(lines) > max_lines:
        # Stop here: checking every line of an oversized (maybe hostile) order is wasted work.
        issues.append(
            Issue(
                field="lines",
                code="too_many_lines",
                params={"max_lines": max_lines, "count": len(lines)},
            )
        )
        return issues

    included = customer is not None and customer.prices_include_tax
    first_index: dict[int, int] = {}
    requested: dict[int, int] = {}  # product id -> units over all of its lines
    grosses: list[Decimal] = []
    for index, line in enumerate(lines):
        product = products.get(line.product_id)
        # Only the rows the order needs are touched: callers may pass a lazy mapping over a
        # catalogue of 100,000 products.
        price_row = prices.get(line.product_id)
        if price_row is not None and customer is not None and price_row.customer_id != customer.id:
            raise ValueError(
                f"price row of customer {price_row.customer_id} used for customer {customer.id}"
            )
        if line.product_id in first_index:
            first = first_index[line.product_id]
            issues.append(
                Issue(
                    field=_line_field(index, "product_id"),
                    code="duplicate_product",
                    params={
                        "product_id": line.product_id,
                        "first_index": first,
                        "first_line": first + 1,  # as people count lines
                    },
                )
            )
        else:
            first_index[line.product_id] = index
        issues.extend(validate_line(index, line, product, price_row, tax_included=included))

        # Only lines that could really be ordered count towards stock and credit.
        if (product is not None and product.active and product.sellable
                and 0 < line.quantity <= MAX_QUANTITY):
            requested[product.id] = requested.get(product.id, 0) + line.quantity
            # Without the quoted total, the credit check uses what the server would charge now.
            price = unit_price_for(product, price_row, line.quantity, tax_included=included)
            grosses.append(line_amounts(line.quantity, price, product.tax_rate,
                                        tax_included=included)[2])

    if delivery_date is not None:
        reference = date.today() if today is None else today
        if delivery_date < reference:
            issues.append(
                Issue(
                    field="delivery_date",
                    code="delivery_date_in_past",
                    params={"delivery_date": delivery_date, "today": reference},
                )
            )

    lines_total = sum_money(grosses)
    if lines_total > MAX_AMOUNT:
        # Stored totals are numeric(14, 4): a bigger order could not be recorded anywhere.
        issues.append(
            Issue(
                field="lines",
                code="order_total_too_large",
                params={"total": lines_total, "max_amount": MAX_AMOUNT},
            )
        )

    order_total = lines_total if order_total is None else to_money(
        require_decimal(order_total, "order_total"))
    if customer is not None and customer.credit_limit is not None and grosses:
        exposure = sum_money((used, order_total))
        if exposure > customer.credit_limit:
            issues.append(
                Issue(
                    field="customer",
                    code="credit_limit_exceeded",
                    severity="warning",
                    params={
                        "limit": to_money(customer.credit_limit),
                        "used": used,
                        "order_total": order_total,
                        "over_by": to_money(exposure - customer.credit_limit),
                    },
                )
            )

    overdue_amount = to_money(require_decimal(overdue, "overdue"))
    if customer is not None and overdue_amount > 0 and overdue_policy in ("review", "block"):
        if overdue_policy == "block":
            issues.append(Issue(field="customer", code="receivables_overdue_blocked",
                                params={"overdue": overdue_amount}))
        else:
            issues.append(Issue(field="customer", code="receivables_overdue",
                                severity="warning", params={"overdue": overdue_amount}))

    if stock is not None:
        for product_id, units in requested.items():
            level = stock.get(product_id)
            if level is None or units <= level.available:
                continue
            issues.append(
                Issue(
                    # On the product's first line: with duplicates, the total is what counts.
                    field=_line_field(first_index[product_id], "quantity"),
                    code="stock_insufficient",
                    severity="warning",
                    params={
                        "product_id": product_id,
                        "available": level.available,
                        "requested": units,
                        "unit": products[product_id].unit,
                        "as_of": level.as_of,
                    },
                )
            )
    return issues
