"""Words for the back office's codes, in the UI language: why a device needs attention, its
health report, roles, integration scopes, audit actions, and how long ago something was."""

from __future__ import annotations

import datetime as dt

from sync_engine.client.values import AuditEntry, DeviceView
from sync_engine.protocol import parse_time

from ...i18n import domain_lang, translate
from ...labels import code_words

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



def since(when: str | dt.datetime | None, now: dt.datetime) -> dt.timedelta | None:
    """How long before ``now`` ``when`` was: an ISO time, or a protocol model's aware datetime
    (None: never, or not known)."""
    at = (parse_time(when) if when else None) if isinstance(when, str) else when
    return None if at is None else now - at


def how_long(age: dt.timedelta) -> str:
    """A duration in the largest whole unit: "12 min", "5 h", "3 days"."""
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes < 60:
        return translate("Admin", "%1 min").replace("%1", str(minutes))
    if minutes < 48 * 60:
        return translate("Admin", "%1 h").replace("%1", str(minutes // 60))
    return translate("Admin", "%1 days").replace("%1", str(minutes // 1440))


def ago(when: str | dt.datetime | None, now: dt.datetime) -> str:
    """"just now", "12 min ago", "5 h ago", "3 days ago", or "never"."""
    age = since(when, now)
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
    return code_words("attention", "Admin", code)


def reason_short(code: str) -> str:
    """Why a device needs attention, in a few words (for a list column)."""
    return code_words("attention_short", "Admin", code)


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
    return code_words("sync_error", "Admin", code) if code else "—"


def db_check_name(result: str | None) -> str:
    return code_words("db_check", "Admin", result or "", unknown="—")


def role_name(role: str) -> str:
    return code_words("role", "Admin", role)


def scope_name(scope: str) -> str:
    return code_words("scope", "Admin", scope)


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
    """"warehouse clerk (SH 上海仓)", "store owner (C0001 Lianhua …)", "sales rep".

    A warehouse has one name, as entered (data, like a person's name): it is shown after its
    code, which reads the same in every language, and is never translated here."""
    text = role_name(str(detail.get("role") or ""))
    for kind in ("warehouse", "customer"):
        value = detail.get(f"{kind}_id")
        if isinstance(value, int):
            text += f" ({place.get((kind, value), f'#{value}')})"
    return text
