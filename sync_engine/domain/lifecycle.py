"""The order state machine: which status changes exist, and who may make them.

::

    draft ──▶ submitted ──▶ confirmed ──▶ partially_shipped ──▶ shipped ──▶ closed
      │           │   │         │              │  ▲   │                      ▲
      │           │   │         │              └──┘   └──────────────────────┘ (admin)
      │           │   └──▶ rejected             (more partial shipments)
      ▼           ▼             ▼
    cancelled ◀───┴─────────────┘ (confirmed: only while nothing has shipped)

=============================================  =============================================
transition                                     roles
=============================================  =============================================
draft → submitted, draft → cancelled            sales_rep, store_owner, admin
submitted → confirmed, submitted → rejected     admin, system
submitted → cancelled, confirmed → cancelled    sales_rep, store_owner, admin
confirmed → partially_shipped / shipped,        warehouse_clerk, admin
partially_shipped → partially_shipped / shipped
shipped → closed                                store_owner, sales_rep, admin
partially_shipped → closed                      admin (closes the order, cancelling the
                                                backorder)
=============================================  =============================================

``closed``, ``cancelled`` and ``rejected`` are terminal. Whether a user may act on a
*particular* order (their customer, their warehouse) is the server's scoping, not this table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from .model import OrderLine, OrderStatus, Role
from .validation import Issue, RuleViolation

__all__ = [
    "TERMINAL",
    "TRANSITIONS",
    "allowed",
    "check_reason",
    "check_transition",
    "is_cancellable",
    "is_editable",
    "is_open",
    "next_statuses",
    "require_transition",
    "status_after_shipment",
]

_S = OrderStatus
_R = Role

_ORDERING = frozenset({_R.SALES_REP, _R.STORE_OWNER, _R.ADMIN})
_DECIDING = frozenset({_R.ADMIN, _R.SYSTEM})
_SHIPPING = frozenset({_R.WAREHOUSE_CLERK, _R.ADMIN})
_CLOSING = frozenset({_R.STORE_OWNER, _R.SALES_REP, _R.ADMIN})

TRANSITIONS: Mapping[tuple[OrderStatus, OrderStatus], frozenset[Role]] = MappingProxyType(
    {
        (_S.DRAFT, _S.SUBMITTED): _ORDERING,
        (_S.DRAFT, _S.CANCELLED): _ORDERING,
        (_S.SUBMITTED, _S.CONFIRMED): _DECIDING,
        (_S.SUBMITTED, _S.REJECTED): _DECIDING,
        (_S.SUBMITTED, _S.CANCELLED): _ORDERING,
        (_S.CONFIRMED, _S.CANCELLED): _ORDERING,
        (_S.CONFIRMED, _S.PARTIALLY_SHIPPED): _SHIPPING,
        (_S.CONFIRMED, _S.SHIPPED): _SHIPPING,
        (_S.PARTIALLY_SHIPPED, _S.PARTIALLY_SHIPPED): _SHIPPING,
        (_S.PARTIALLY_SHIPPED, _S.SHIPPED): _SHIPPING,
        (_S.SHIPPED, _S.CLOSED): _CLOSING,
        (_S.PARTIALLY_SHIPPED, _S.CLOSED): frozenset({_R.ADMIN}),
    }
)
"""(from, to) → the roles that may make that change. Anything not listed is impossible."""

TERMINAL: frozenset[OrderStatus] = frozenset({_S.CLOSED, _S.CANCELLED, _S.REJECTED})
"""Statuses an order never leaves."""

_EDITABLE = frozenset({_S.DRAFT, _S.SUBMITTED})
_OPEN = frozenset({_S.SUBMITTED, _S.CONFIRMED, _S.PARTIALLY_SHIPPED})
# Statuses in which goods have left the warehouse: cancelling is no longer the remedy.
_SHIPPED_STATUSES = frozenset({_S.PARTIALLY_SHIPPED, _S.SHIPPED})


def allowed(from_status: OrderStatus, to_status: OrderStatus, role: Role) -> bool:
    """True if ``role`` may move an order from ``from_status`` to ``to_status``.

    Plain strings ("draft", "admin") are accepted too; an unknown one raises ``ValueError``.
    """
    roles = TRANSITIONS.get((OrderStatus(from_status), OrderStatus(to_status)))
    return roles is not None and Role(role) in roles


def check_transition(
    from_status: OrderStatus,
    to_status: OrderStatus,
    role: Role,
    *,
    shipped_any: bool = False,
) -> Issue | None:
    """``None`` if the change is allowed, else the ``Issue`` (field "status") saying why not.

    ``shipped_any`` tells whether any goods of the order have shipped; a cancellation is then
    refused with ``already_shipped``. Codes: ``transition_not_allowed`` (params from, to),
    ``role_not_allowed`` (params role, from, to), ``already_shipped``.
    """
    source, target, actor = OrderStatus(from_status), OrderStatus(to_status), Role(role)
    names = {"from": source.value, "to": target.value}
    if target is _S.CANCELLED and source in _SHIPPED_STATUSES:
        # Not in the table either, but "already shipped" tells the user why and what to do.
        return Issue(field="status", code="already_shipped", params=names)
    roles = TRANSITIONS.get((source, target))
    if roles is None:
        return Issue(field="status", code="transition_not_allowed", params=names)
    if actor not in roles:
        return Issue(field="status", code="role_not_allowed", params={"role": actor.value, **names})
    if target is _S.CANCELLED and shipped_any:
        return Issue(field="status", code="already_shipped", params=names)
    return None


def check_reason(to_status: OrderStatus, reason: str, field: str = "reason") -> Issue | None:
    """A rejection must say why (the rep and the customer read it); other moves need no reason.

    ``None`` when fine, else an ``Issue`` with code ``reason_required``.
    """
    if OrderStatus(to_status) is _S.REJECTED and not reason.strip():
        return Issue(field=field, code="reason_required", params={})
    return None


def require_transition(
    from_status: OrderStatus,
    to_status: OrderStatus,
    role: Role,
    *,
    shipped_any: bool = False,
) -> None:
    """Like ``check_transition``, but raise ``RuleViolation`` instead of returning the issue."""
    issue = check_transition(from_status, to_status, role, shipped_any=shipped_any)
    if issue is not None:
        raise RuleViolation([issue])


def next_statuses(status: OrderStatus, role: Role) -> frozenset[OrderStatus]:
    """The statuses ``role`` may move an order in ``status`` to (e.g. to enable buttons)."""
    source, actor = OrderStatus(status), Role(role)
    return frozenset(
        target
        for (start, target), roles in TRANSITIONS.items()
        if start is source and actor in roles
    )


def is_editable(status: OrderStatus) -> bool:
    """True if the order's lines may still be changed (draft or submitted)."""
    return OrderStatus(status) in _EDITABLE


def is_cancellable(status: OrderStatus, shipped_any: bool) -> bool:
    """True if someone (with a suitable role) may still cancel the order."""
    return (OrderStatus(status), _S.CANCELLED) in TRANSITIONS and not shipped_any


def is_open(status: OrderStatus) -> bool:
    """True if the order is live and counts against the customer's credit limit."""
    return OrderStatus(status) in _OPEN


def status_after_shipment(lines: Sequence[OrderLine]) -> OrderStatus:
    """``SHIPPED`` when nothing remains to ship on any line, else ``PARTIALLY_SHIPPED``.

    Call it with the lines after a shipment was applied (``shipping.apply_shipment``).
    """
    return _S.SHIPPED if all(line.remaining == 0 for line in lines) else _S.PARTIALLY_SHIPPED
