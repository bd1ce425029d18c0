"""The ordering rules, shared by the desktop client and the sync server: one set of rules.

Pure Python (standard library only): no Qt, no SQL, no HTTP, and nothing else of ours.

- ``money``: Decimal amounts and the rounding rule.
- ``model``: products, customers, prices, stock, order lines, statuses, roles.
- ``pricing``: which unit price applies (customer prices with quantity breaks).
- ``promotions``: special prices, buy-N-get-M, spend-and-save, and ``quote_order``, the one
  function that prices an order with them (client and server).
- ``validation``: what is wrong with an order, as field-level ``Issue``\\ s.
- ``lifecycle``: the order state machine and who may move an order where.
- ``shipping``: checking and applying (partial) shipments.
- ``returns``: what may come back from a shipped order, its decision and receipt (退货).
- ``credit``: payment terms, open and overdue receivables (账期).
- ``statements``: a customer's monthly statement (对账单): opening, lines, closing.
- ``numerals``: amounts in Chinese capital numerals (大写金额).
- ``text``: the one rule for free text (control characters, broken characters, length).
- ``limits``: the ranges numbers must stay in (what the server's database holds).
- ``messages``: the issues' texts in English and Simplified Chinese.

Errors raised here: ``TypeError`` for a wrong type (above all a float used as money or as a
quantity); ``ValueError`` for an impossible value; ``RuleViolation`` (a ``ValueError`` with
``.issues``) when asked to apply a change the rules forbid. A user's mistakes are not raised:
they are reported as issues.
"""

from .lifecycle import (
    TERMINAL,
    TRANSITIONS,
    allowed,
    check_reason,
    check_transition,
    is_cancellable,
    is_editable,
    is_open,
    next_statuses,
    require_transition,
    status_after_shipment,
)
from .limits import MAX_AMOUNT, MAX_ID, MAX_INTEGER, MAX_QUANTITY, MONEY_DIGITS, MONEY_PLACES
from .messages import LABELS, MESSAGES, render, render_params
from .model import (
    USER_ROLES,
    Customer,
    CustomerPrice,
    OrderLine,
    OrderStatus,
    OrderTotals,
    PriceBreak,
    Product,
    Role,
    StockLevel,
    order_totals,
)
from .money import (
    CENT,
    ZERO,
    format_amount,
    inclusive_price,
    line_amounts,
    line_net,
    line_tax,
    parse_decimal,
    sum_money,
    to_money,
)
from .pricing import applicable_break, price_line, unit_price_for
from .promotions import AppliedPromotion, Promotion, PromotionKind, Quote, quote_order
from .shipping import apply_shipment, validate_shipment
from .text import TEXT_CODES, TextRule
from .validation import (
    Issue,
    LineInput,
    RuleViolation,
    Severity,
    has_errors,
    smallest_valid_quantity,
    validate_line,
    validate_order,
)

__all__ = [
    "CENT",
    "LABELS",
    "MAX_AMOUNT",
    "MAX_ID",
    "MAX_INTEGER",
    "MAX_QUANTITY",
    "MESSAGES",
    "MONEY_DIGITS",
    "MONEY_PLACES",
    "TERMINAL",
    "TEXT_CODES",
    "TRANSITIONS",
    "USER_ROLES",
    "ZERO",
    "AppliedPromotion",
    "Customer",
    "CustomerPrice",
    "Issue",
    "LineInput",
    "OrderLine",
    "OrderStatus",
    "OrderTotals",
    "PriceBreak",
    "Product",
    "Promotion",
    "PromotionKind",
    "Quote",
    "Role",
    "RuleViolation",
    "Severity",
    "StockLevel",
    "TextRule",
    "allowed",
    "applicable_break",
    "apply_shipment",
    "check_reason",
    "check_transition",
    "format_amount",
    "has_errors",
    "inclusive_price",
    "is_cancellable",
    "is_editable",
    "is_open",
    "line_amounts",
    "line_net",
    "line_tax",
    "next_statuses",
    "order_totals",
    "parse_decimal",
    "price_line",
    "quote_order",
    "render",
    "render_params",
    "require_transition",
    "smallest_valid_quantity",
    "status_after_shipment",
    "sum_money",
    "to_money",
    "unit_price_for",
    "validate_line",
    "validate_order",
    "validate_shipment",
]
