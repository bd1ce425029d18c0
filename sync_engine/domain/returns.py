"""Returns (退货): what may come back from a shipped order, the back office's decision, and
the warehouse's receipt (partial receipts allowed; good units back to stock, damaged ones to a
count that is not sellable). One set of rules for the client and the server.

A return's lines are keyed by product: a product appears on one order line only
(``validate_order`` forbids duplicates), so "product 7, 3 units" names what comes back.

Codes (field, params):

- ``return_empty`` ("lines"): nothing to return (every quantity is 0);
- ``return_not_shipped`` (``lines[i].product_id``): the product did not ship on this order;
- ``return_quantity_negative`` / ``over_return`` (``lines[i].quantity``; returnable,
  requested): more than shipped and not yet returned;
- ``return_reason_required`` ("reason"): a refusal says why;
- ``return_reason_unknown`` ("reason"): not one of :class:`ReturnReason`;
- ``return_role_not_allowed`` ("role"; role, action): who may ask back, decide, receive;
- ``receipt_empty``, ``receipt_unknown_product``, ``receipt_quantity_negative``,
  ``over_receive`` (``lines[i].quantity``; outstanding, requested): the clerk's receipt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum

from .model import OrderLine, Role
from .money import line_net, line_tax, require_int, sum_money
from .validation import Issue

__all__ = [
    "ReturnLine",
    "ReturnReason",
    "ReturnStatus",
    "apply_receipt",
    "check_decision",
    "check_reason_code",
    "check_role",
    "claimed_units",
    "return_credit",
    "returnable_units",
    "status_after_receipt",
    "validate_receipt",
    "validate_return",
]


class ReturnReason(StrEnum):
    DAMAGED = "damaged"
    EXPIRED = "expired"
    WRONG_GOODS = "wrong_goods"
    UNSOLD = "unsold"


class ReturnStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"
    PARTIALLY_RECEIVED = "partially_received"
    RECEIVED = "received"


RECEIVABLE = frozenset({ReturnStatus.APPROVED, ReturnStatus.PARTIALLY_RECEIVED})
"""A return the warehouse may receive goods for."""


@dataclasses.dataclass(frozen=True, slots=True)
class ReturnLine:
    """Units of one product coming back, at the price and tax rate they were sold at."""

    product_id: int
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    received_qty: int = 0  # back to stock (sellable)
    damaged_qty: int = 0  # received, not sellable

    @property
    def outstanding(self) -> int:
        """Units the warehouse has not received yet."""
        return self.quantity - self.received_qty - self.damaged_qty


def returnable_units(lines: Sequence[OrderLine], claimed: Mapping[int, int]) -> dict[int, int]:
    """Per product: shipped on the order and not claimed by another (not refused) return."""
    return {ln.product_id: max(0, ln.shipped_qty - claimed.get(ln.product_id, 0))
            for ln in lines if ln.shipped_qty}


def claimed_units(returns: Iterable[tuple[str, Sequence[Mapping[str, int]]]]) -> dict[int, int]:
    """Units per product already asked back by ``returns`` (status, lines); refused ones free
    their units again."""
    out: dict[int, int] = {}
    for status, lines in returns:
        if status == ReturnStatus.REFUSED:
            continue
        for ln in lines:
            pid = int(ln["product_id"])
            out[pid] = out.get(pid, 0) + int(ln["quantity"])
    return out


def validate_return(returnable: Mapping[int, int],
                    requested: Sequence[tuple[int, int]]) -> list[Issue]:
    """Issues with asking back ``requested`` ((product id, units) per line) when ``returnable``
    (from :func:`returnable_units`) is what may come back."""
    issues: list[Issue] = []
    seen: dict[int, int] = {}
    for i, (product_id, quantity) in enumerate(requested):
        require_int(quantity, "returned quantity")
        if product_id not in returnable:
            issues.append(Issue(field=f"lines[{i}].product_id", code="return_not_shipped",
                                params={"product_id": product_id}))
            continue
        if quantity < 0:
            issues.append(Issue(field=f"lines[{i}].quantity", code="return_quantity_negative",
                                params={"product_id": product_id, "requested": quantity}))
            continue
        seen[product_id] = seen.get(product_id, 0) + quantity
        if seen[product_id] > returnable[product_id]:
            issues.append(Issue(field=f"lines[{i}].quantity", code="over_return", params={
                "product_id": product_id, "returnable": returnable[product_id],
                "requested": seen[product_id]}))
    if all(q == 0 for _, q in requested):
        issues.append(Issue(field="lines", code="return_empty"))
    return issues


WHO_MAY: dict[str, frozenset[Role]] = {
    "request": frozenset({Role.SALES_REP, Role.STORE_OWNER, Role.ADMIN}),
    "decide": frozenset({Role.ADMIN}),
    "receive": frozenset({Role.WAREHOUSE_CLERK, Role.ADMIN}),
}
"""Which roles may ask goods back, decide on a return, receive returned goods. Which customers
and warehouses they may do it for is the scope rule's (the server's)."""


def check_role(action: str, role: Role) -> Issue | None:
    if role in WHO_MAY[action]:
        return None
    return Issue(field="role", code="return_role_not_allowed",
                 params={"role": role.value, "action": action})


def check_reason_code(reason: str) -> Issue | None:
    if reason in {r.value for r in ReturnReason}:
        return None
    return Issue(field="reason", code="return_reason_unknown", params={"reason": reason})


def check_decision(approve: bool, reason: str) -> Issue | None:
    """A refusal must say why (the rep and the store read it)."""
    if not approve and not reason.strip():
        return Issue(field="reason", code="return_reason_required")
    return None


def validate_receipt(lines: Sequence[ReturnLine],
                     received: Sequence[tuple[int, int, int]]) -> list[Issue]:
    """Issues with receiving ``received`` ((product id, good units, damaged units) per line)."""
    by_product = {ln.product_id: ln for ln in lines}
    issues: list[Issue] = []
    seen: dict[int, int] = {}
    for i, (product_id, good, damaged) in enumerate(received):
        require_int(good, "received quantity")
        require_int(damaged, "damaged quantity")
        line = by_product.get(product_id)
        if line is None:
            issues.append(Issue(field="lines", code="receipt_unknown_product",
                                params={"product_id": product_id}))
            continue
        if good < 0 or damaged < 0:
            issues.append(Issue(field=f"lines[{i}].quantity", code="receipt_quantity_negative",
                                params={"product_id": product_id, "requested": min(good, damaged)}))
            continue
        seen[product_id] = seen.get(product_id, 0) + good + damaged
        if seen[product_id] > line.outstanding:
            issues.append(Issue(field=f"lines[{i}].quantity", code="over_receive", params={
                "product_id": product_id, "outstanding": line.outstanding,
                "requested": seen[product_id]}))
    if all(g == 0 and d == 0 for _, g, d in received):
        issues.append(Issue(field="lines", code="receipt_empty"))
    return issues


def apply_receipt(lines: Sequence[ReturnLine],
                  received: Sequence[tuple[int, int, int]]) -> list[ReturnLine]:
    """New lines with the receipt added (checked by :func:`validate_receipt` first)."""
    good: dict[int, int] = {}
    bad: dict[int, int] = {}
    for pid, g, d in received:
        good[pid] = good.get(pid, 0) + g
        bad[pid] = bad.get(pid, 0) + d
    return [dataclasses.replace(ln, received_qty=ln.received_qty + good.get(ln.product_id, 0),
                                damaged_qty=ln.damaged_qty + bad.get(ln.product_id, 0))
            for ln in lines]


def status_after_receipt(lines: Sequence[ReturnLine]) -> ReturnStatus:
    if all(ln.outstanding == 0 for ln in lines):
        return ReturnStatus.RECEIVED
    return ReturnStatus.PARTIALLY_RECEIVED


def return_credit(lines: Sequence[ReturnLine], units: Mapping[int, int]) -> Decimal:
    """What the customer is credited (gross, tax included) for ``units`` per product, at the
    prices they bought them at."""
    amounts = []
    for ln in lines:
        qty = units.get(ln.product_id, 0)
        if qty:
            net = line_net(qty, ln.unit_price)
            amounts.append(sum_money((net, line_tax(net, ln.tax_rate))))
    return sum_money(amounts)
