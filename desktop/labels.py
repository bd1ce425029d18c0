"""Words for the engine's codes (order statuses, sync states), in the UI language."""

from __future__ import annotations

from collections.abc import Iterable

from .i18n import translate

__all__ = ["history_note", "hold_reason_name", "hold_reasons_text", "return_reason_name",
           "return_status_name", "status_name", "sync_state_name"]


def status_name(status: str) -> str:
    """An order status in the UI language."""
    names = {
        "draft": translate("Status", "draft"),
        "submitted": translate("Status", "submitted"),
        "confirmed": translate("Status", "confirmed"),
        "partially_shipped": translate("Status", "partially shipped"),
        "shipped": translate("Status", "shipped"),
        "closed": translate("Status", "closed"),
        "cancelled": translate("Status", "cancelled"),
        "rejected": translate("Status", "rejected"),
    }
    return names.get(status, status)


def sync_state_name(state: str) -> str:
    """An order's sync state in the UI language."""
    names = {
        "local": translate("Status", "not sent (draft)"),
        "pending": translate("Status", "waiting to be sent"),
        "attention": translate("Status", "needs your decision"),
        "synced": translate("Status", "synced"),
    }
    return names.get(state, state)


def hold_reason_name(code: str) -> str:
    """Why the server holds an order for review (``hold_reasons``), in the UI language."""
    names = {
        "credit_exceeded": translate("Admin", "credit limit exceeded"),
        "stock_short": translate("Admin", "stock short"),
        "overdue": translate("Admin", "overdue receivables"),
    }
    return names.get(code, code)


def hold_reasons_text(codes: Iterable[str]) -> str:
    """Several hold reasons as one list, with the UI language's separator ("、" in Chinese)."""
    return translate("Admin", ", ").join(hold_reason_name(c) for c in codes)


def history_note(status: str, reason: str | None) -> str:
    """The note of one entry of an order's status history, in the UI language.

    The server writes a code where it acted by itself or by rule (``auto_confirmed``,
    ``edited``), the tracking number on a shipment, and the person's own words on a cancel,
    a rejection or a receipt: codes get words, the rest is shown as written.
    """
    if not reason:
        return ""
    codes = {
        "auto_confirmed": translate("Status", "confirmed automatically (nothing to review)"),
        "edited": translate("Status", "changed by the rep"),
    }
    if reason in codes:
        return codes[reason]
    if status in ("shipped", "partially_shipped"):
        return translate("Status", "tracking number %1").replace("%1", reason)
    return reason


def return_status_name(status: str) -> str:
    """A return's status (退货) in the UI language."""
    names = {
        "requested": translate("Status", "waiting for approval"),
        "approved": translate("Status", "approved, to receive"),
        "refused": translate("Status", "refused"),
        "partially_received": translate("Status", "partly received"),
        "received": translate("Status", "received"),
    }
    return names.get(status, status)


def return_reason_name(reason: str) -> str:
    """Why goods come back, in the UI language."""
    names = {
        "damaged": translate("Status", "damaged"),
        "expired": translate("Status", "expired"),
        "wrong_goods": translate("Status", "wrong goods"),
        "unsold": translate("Status", "unsold"),
    }
    return names.get(reason, reason)
