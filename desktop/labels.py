"""Words for the engine's codes (order statuses, sync states), in the UI language."""

from __future__ import annotations

from .i18n import translate

__all__ = ["status_name", "sync_state_name"]


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
