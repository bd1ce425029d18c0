"""Words for the engine's codes (order statuses, sync states), in the UI language."""

from __future__ import annotations

from collections.abc import Iterable

from sync_engine.client.values import ReturnView

from .i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["code_words", "history_note", "hold_reason_name", "hold_reasons_text",
           "return_reason_name", "return_state", "return_status_name", "return_title",
           "status_name", "sync_state_name"]


# What each code reads as, by kind of code, in English; translated where it is shown
# (code_words).
_WORDS: dict[tuple[str, str], str] = {
    ("order", "draft"): QT_TRANSLATE_NOOP("Status", "draft"),
    ("order", "submitted"): QT_TRANSLATE_NOOP("Status", "submitted"),
    ("order", "confirmed"): QT_TRANSLATE_NOOP("Status", "confirmed"),
    ("order", "partially_shipped"): QT_TRANSLATE_NOOP("Status", "partially shipped"),
    ("order", "shipped"): QT_TRANSLATE_NOOP("Status", "shipped"),
    ("order", "closed"): QT_TRANSLATE_NOOP("Status", "closed"),
    ("order", "cancelled"): QT_TRANSLATE_NOOP("Status", "cancelled"),
    ("order", "rejected"): QT_TRANSLATE_NOOP("Status", "rejected"),
    ("sync", "local"): QT_TRANSLATE_NOOP("Status", "not sent (draft)"),
    ("sync", "pending"): QT_TRANSLATE_NOOP("Status", "waiting to be sent"),
    ("sync", "attention"): QT_TRANSLATE_NOOP("Status", "needs your decision"),
    ("sync", "synced"): QT_TRANSLATE_NOOP("Status", "synced"),
    ("hold", "credit_exceeded"): QT_TRANSLATE_NOOP("Admin", "credit limit exceeded"),
    ("hold", "stock_short"): QT_TRANSLATE_NOOP("Admin", "stock short"),
    ("hold", "overdue"): QT_TRANSLATE_NOOP("Admin", "overdue receivables"),
    ("return", "requested"): QT_TRANSLATE_NOOP("Status", "waiting for approval"),
    ("return", "approved"): QT_TRANSLATE_NOOP("Status", "approved, to receive"),
    ("return", "refused"): QT_TRANSLATE_NOOP("Status", "refused"),
    ("return", "partially_received"): QT_TRANSLATE_NOOP("Status", "partly received"),
    ("return", "received"): QT_TRANSLATE_NOOP("Status", "received"),
    ("return_reason", "damaged"): QT_TRANSLATE_NOOP("Status", "damaged"),
    ("return_reason", "expired"): QT_TRANSLATE_NOOP("Status", "expired"),
    ("return_reason", "wrong_goods"): QT_TRANSLATE_NOOP("Status", "wrong goods"),
    ("return_reason", "unsold"): QT_TRANSLATE_NOOP("Status", "unsold"),
    ("attention", "database_damaged"): QT_TRANSLATE_NOOP("Admin", "local database check failed"),
    ("attention", "unsent_over_an_hour"): QT_TRANSLATE_NOOP("Admin",
                                                            "changes unsent for over an hour"),
    ("attention", "conflicts_waiting"): QT_TRANSLATE_NOOP("Admin", "conflicts wait for a decision"),
    ("attention", "last_sync_failed"): QT_TRANSLATE_NOOP("Admin", "last sync failed"),
    ("attention", "no_recent_backup"): QT_TRANSLATE_NOOP("Admin", "no backup for over two days"),
    ("attention", "not_encrypted"): QT_TRANSLATE_NOOP("Admin", "local data not encrypted"),
    ("attention_short", "database_damaged"): QT_TRANSLATE_NOOP("Admin", "DB check failed"),
    ("attention_short", "unsent_over_an_hour"): QT_TRANSLATE_NOOP("Admin", "unsent > 1 h"),
    ("attention_short", "conflicts_waiting"): QT_TRANSLATE_NOOP("Admin", "conflicts"),
    ("attention_short", "last_sync_failed"): QT_TRANSLATE_NOOP("Admin", "sync failing"),
    ("attention_short", "no_recent_backup"): QT_TRANSLATE_NOOP("Admin", "backup old"),
    ("attention_short", "not_encrypted"): QT_TRANSLATE_NOOP("Admin", "not encrypted"),
    ("sync_error", "network"): QT_TRANSLATE_NOOP("Admin", "no connection"),
    ("sync_error", "network_error"): QT_TRANSLATE_NOOP("Admin", "no connection"),
    ("sync_error", "unavailable"): QT_TRANSLATE_NOOP("Admin", "server unavailable"),
    ("sync_error", "internal_error"): QT_TRANSLATE_NOOP("Admin", "server failed"),
    ("sync_error", "internal"): QT_TRANSLATE_NOOP("Admin", "error in the app"),
    ("sync_error", "forbidden"): QT_TRANSLATE_NOOP("Admin", "refused by the server"),
    ("sync_error", "update_required"): QT_TRANSLATE_NOOP("Admin", "app update required"),
    ("sync_error", "resync_required"): QT_TRANSLATE_NOOP("Admin", "server went back in time"),
    ("sync_error", "token_revoked"): QT_TRANSLATE_NOOP("Admin", "signed out"),
    ("sync_error", "device_revoked"): QT_TRANSLATE_NOOP("Admin", "device revoked"),
    ("db_check", "ok"): QT_TRANSLATE_NOOP("Admin", "OK"),
    ("db_check", "failed"): QT_TRANSLATE_NOOP("Admin", "failed"),
    ("db_check", "repaired"): QT_TRANSLATE_NOOP("Admin", "repaired"),
    ("role", "sales_rep"): QT_TRANSLATE_NOOP("Admin", "sales rep"),
    ("role", "warehouse_clerk"): QT_TRANSLATE_NOOP("Admin", "warehouse clerk"),
    ("role", "store_owner"): QT_TRANSLATE_NOOP("Admin", "store owner"),
    ("role", "admin"): QT_TRANSLATE_NOOP("Admin", "back office"),
    ("scope", "catalog"): QT_TRANSLATE_NOOP("Admin", "catalog"),
    ("scope", "prices"): QT_TRANSLATE_NOOP("Admin", "prices"),
    ("scope", "stock"): QT_TRANSLATE_NOOP("Admin", "stock"),
    ("scope", "customers"): QT_TRANSLATE_NOOP("Admin", "customers"),
}


def code_words(kind: str, context: str, code: str, unknown: str | None = None) -> str:
    """The words for a ``kind`` of ``code`` (marked for translation in ``context``), in the UI
    language; a code the table does not know is shown as it is (or as ``unknown``)."""
    words = _WORDS.get((kind, code))
    if words is None:
        return code if unknown is None else unknown
    return translate(context, words)


def status_name(status: str) -> str:
    """An order status in the UI language."""
    return code_words("order", "Status", status)


def sync_state_name(state: str) -> str:
    """An order's sync state in the UI language."""
    return code_words("sync", "Status", state)


def hold_reason_name(code: str) -> str:
    """Why the server holds an order for review (``hold_reasons``), in the UI language."""
    return code_words("hold", "Admin", code)


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
    return code_words("return", "Status", status)


def return_title(r: ReturnView) -> str:
    """A return's number, or that it has none yet (the server numbers a return it receives)."""
    return r.number or translate("Returns", "(not yet sent)")


def return_state(r: ReturnView) -> str:
    """A return's status, and where this device's change of it stands until it is synced."""
    return return_status_name(r.status) + (
        " · " + sync_state_name(r.sync_state) if r.sync_state != "synced" else "")


def return_reason_name(reason: str) -> str:
    """Why goods come back, in the UI language."""
    return code_words("return_reason", "Status", reason)
