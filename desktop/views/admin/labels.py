"""Words for the back office's codes, in the UI language: why a device needs attention, its
health report, roles, integration scopes, audit actions, and how long ago something was."""

from __future__ import annotations

import datetime as dt

from sync_engine.client.values import AuditEntry, DeviceView

from ...i18n import domain_lang, translate

__all__ = [
    "ago",
    "attention_short",
    "attention_text",
    "audit_text",
    "db_check_name",
    "device_state",
    "error_code_name",
    "full_stop",
    "how_long",
    "item_separator",
    "list_separator",
    "reason_name",
    "reason_short",
    "role_name",
    "scope_name",
    "since",
    "unsent_text",
]


def since(iso: str | None, now: dt.datetime) -> dt.timedelta | None:
    """How long before ``now`` the ISO time ``iso`` was (None: never, or not known)."""
    if not iso:
        return None
    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return now - at


def how_long(age: dt.timedelta) -> str:
    """A duration in the largest whole unit: "12 min", "5 h", "3 days"."""
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 60:
        return translate("Admin", "%1 min").replace("%1", str(minutes))
    if minutes < 48 * 60:
        return translate("Admin", "%1 h").replace("%1", str(minutes // 60))
    return translate("Admin", "%1 days").replace("%1", str(minutes // 1440))


def ago(iso: str | None, now: dt.datetime) -> str:
    """"just now", "12 min ago", "5 h ago", "3 days ago", or "never"."""
    age = since(iso, now)
    if age is None:
        return translate("Admin", "never")
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return translate("Admin", "just now")
    if minutes < 60:
        return translate("Admin", "%1 min ago").replace("%1", str(minutes))
    if minutes < 48 * 60:
        return translate("Admin", "%1 h ago").replace("%1", str(minutes // 60))
    return translate("Admin", "%1 days ago").replace("%1", str(minutes // 1440))


def reason_name(code: str) -> str:
    """Why a device needs attention (the server's code), in words."""
    names = {
        "database_damaged": translate("Admin", "local database check failed"),
        "unsent_over_an_hour": translate("Admin", "changes unsent for over an hour"),
        "conflicts_waiting": translate("Admin", "conflicts wait for a decision"),
        "last_sync_failed": translate("Admin", "last sync failed"),
        "no_recent_backup": translate("Admin", "no backup for over two days"),
        "not_encrypted": translate("Admin", "local data not encrypted"),
    }
    return names.get(code, code)


def reason_short(code: str) -> str:
    """Why a device needs attention, in a few words (for a list column)."""
    names = {
        "database_damaged": translate("Admin", "DB check failed"),
        "unsent_over_an_hour": translate("Admin", "unsent > 1 h"),
        "conflicts_waiting": translate("Admin", "conflicts"),
        "last_sync_failed": translate("Admin", "sync failing"),
        "no_recent_backup": translate("Admin", "backup old"),
        "not_encrypted": translate("Admin", "not encrypted"),
    }
    return names.get(code, code)


def attention_short(device: DeviceView) -> str:
    """The worst reason in a few words, and how many more ("OK", "revoked" if none)."""
    if device.revoked_at or not device.attention:
        return attention_text(device)
    text = reason_short(device.attention[0])
    more = len(device.attention) - 1
    if more > 0:
        text = translate("Admin", "%1 (+%2 more)").replace("%1", text).replace("%2", str(more))
    return text


def attention_text(device: DeviceView) -> str:
    """The reasons to look at ``device``, worst first; "revoked" or "OK" when there are none."""
    if device.revoked_at:
        return translate("Admin", "revoked")
    if not device.attention:
        return translate("Admin", "OK")
    return list_separator().join(reason_name(r) for r in device.attention)


def list_separator() -> str:
    """Between the clauses of a list in the UI language ("; ", or "；" in Chinese)."""
    return "；" if domain_lang() == "zh" else "; "


def item_separator() -> str:
    """Between the items of a short list (", ", or "、" in Chinese)."""
    return "、" if domain_lang() == "zh" else ", "


def full_stop() -> str:
    return "。" if domain_lang() == "zh" else "."


def device_state(device: DeviceView) -> str:
    """"active", "revoked" or "revoked, data wiped"."""
    if not device.revoked_at:
        return translate("Admin", "active")
    if device.revoke_wipe:
        return translate("Admin", "revoked, local data wiped")
    return translate("Admin", "revoked")


def unsent_text(device: DeviceView, now: dt.datetime) -> str:
    """"3 · oldest 5 h", "0", or "—" when the device has not said."""
    report = device.report
    if report is None or report.unsent_changes is None:
        return "—"
    if not report.unsent_changes:
        return "0"
    age = since(report.oldest_unsent_at, now)
    if age is None:
        return str(report.unsent_changes)
    return translate("Admin", "%1 · oldest %2").replace("%1", str(report.unsent_changes)) \
        .replace("%2", how_long(age))


def error_code_name(code: str | None) -> str:
    """A device's last sync error (a code), in words; "—" for none."""
    if not code:
        return "—"
    names = {
        "network": translate("Admin", "no connection"),
        "network_error": translate("Admin", "no connection"),
        "unavailable": translate("Admin", "server unavailable"),
        "internal_error": translate("Admin", "server failed"),
        "internal": translate("Admin", "error in the app"),
        "forbidden": translate("Admin", "refused by the server"),
        "update_required": translate("Admin", "app update required"),
        "resync_required": translate("Admin", "server went back in time"),
        "token_revoked": translate("Admin", "signed out"),
        "device_revoked": translate("Admin", "device revoked"),
    }
    return names.get(code, code)


def db_check_name(result: str | None) -> str:
    names = {
        "ok": translate("Admin", "OK"),
        "failed": translate("Admin", "failed"),
        "repaired": translate("Admin", "repaired"),
    }
    return names.get(result or "", "—")


def role_name(role: str) -> str:
    names = {
        "sales_rep": translate("Admin", "sales rep"),
        "warehouse_clerk": translate("Admin", "warehouse clerk"),
        "store_owner": translate("Admin", "store owner"),
        "admin": translate("Admin", "back office"),
    }
    return names.get(role, role)


def scope_name(scope: str) -> str:
    names = {
        "catalog": translate("Admin", "catalog"),
        "prices": translate("Admin", "prices"),
        "stock": translate("Admin", "stock"),
        "customers": translate("Admin", "customers"),
    }
    return names.get(scope, scope)


def audit_text(entry: AuditEntry, place: dict[tuple[str, int], str]) -> str:
    """What a recorded change did, in words; ``place`` names warehouses and customers by
    (``"warehouse"`` or ``"customer"``, id)."""
    detail = entry.detail
    if entry.action == "create":
        return translate("Admin", "created as %1").replace(
            "%1", _assignment(detail, place))
    if entry.action == "enable":
        return translate("Admin", "enabled")
    if entry.action == "disable":
        return translate("Admin", "disabled (signed out everywhere)")
    if entry.action == "reset_password":
        return translate("Admin", "password reset (signed out everywhere)")
    if entry.action == "set_assignment":
        before, after = detail.get("before"), detail.get("after")
        if isinstance(before, dict) and isinstance(after, dict):
            return translate("Admin", "changed from %1 to %2") \
                .replace("%1", _assignment(before, place)) \
                .replace("%2", _assignment(after, place))
    return entry.action


def _assignment(detail: dict[str, object], place: dict[tuple[str, int], str]) -> str:
    """"warehouse clerk (上海仓)", "store owner (C0001 联华)", "sales rep"."""
    text = role_name(str(detail.get("role") or ""))
    for kind in ("warehouse", "customer"):
        value = detail.get(f"{kind}_id")
        if isinstance(value, int):
            text += f" ({place.get((kind, value), f'#{value}')})"
    return text
