"""The back office's operations on the server (admins only): the fleet's health, cutting a device
off, user accounts and their audit trail, integration tokens; and a customer's monthly
statement (对账单), which reps (their customers) and store owners (their own) may ask too.

Online only, and nothing here touches the local store: each operation is one request
(:meth:`~.transport.ServerApi.back_office`), with the access token renewed once when it has run
out. The desktop's admin pages call these on the app's network lane; ``Engine.back_office()``
hands out a :class:`BackOffice` for the signed-in session.

Errors: :class:`~.errors.Refused` when the server refuses the input (a name already taken, a
password too short, an unknown device), :class:`~.errors.Forbidden` for a user who is not an
admin, and the other :class:`~.errors.SyncError` kinds when the server cannot be reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from sync_engine.domain import USER_ROLES
from sync_engine.domain import statements as st
from sync_engine.protocol import INTEGRATION_SCOPES, DeviceHealth, UserAccount

from . import errors
from .session import Auth
from .transport import AccessExpired, ServerApi, validated
from .values import (
    AuditEntry,
    DeviceView,
    IntegrationTokenView,
    NewIntegrationToken,
    PaymentAccount,
    PaymentList,
    PaymentView,
    StatementView,
)

__all__ = ["INTEGRATION_SCOPES", "ROLES", "BackOffice", "device_from_json", "statement_from_json"]

ROLES = USER_ROLES
"""The roles a user account may have (the domain's)."""


class BackOffice:
    """The admin's requests, over the signed-in session's connection and tokens."""

    def __init__(self, api: ServerApi, auth: Auth) -> None:
        self._api = api
        self._auth = auth

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        token = self._auth.token()
        try:
            return self._api.back_office(method, path, token, body)
        except AccessExpired:
            return self._api.back_office(method, path, self._auth.refreshed_token(token), body)

    # ------------------------------------------------------------------ statements

    def statement(self, customer_id: int, month: str) -> StatementView:
        """``GET /v1/statements/{customer_id}?month=YYYY-MM`` (admins: any customer; reps:
        theirs; store owners: their own; else :class:`~.errors.Forbidden`)."""
        body = _dict(self._call("GET", f"/v1/statements/{int(customer_id)}?month="
                                       f"{quote(month, safe='')}"))
        return statement_from_json(body)

    # ------------------------------------------------------------------ payments received

    def payments(self, customer_id: int | None = None) -> PaymentList:
        """The latest payments received, newest first; for ``customer_id``, that customer's
        with its open and overdue amounts on the server today."""
        path = "/v1/admin/payments" + ("" if customer_id is None
                                       else f"?customer_id={int(customer_id)}")
        body = _dict(self._call("GET", path))
        return PaymentList(tuple(_payment(p) for p in _dicts(body.get("payments", []))),
                            _account(body.get("account")))

    def record_payment(self, key: str, customer_id: int, amount: str, ref: str, *,
                       date: dt.date, note: str = "") -> PaymentList:
        """Record money ``customer_id`` paid. ``key`` names this payment: the caller keeps it
        until it has an answer and sends it again with a retry, so a payment whose answer was
        lost is recorded once (the answer then says ``replayed``). A refused field raises
        :class:`~.errors.Refused` with the field and the reason."""
        body = _dict(self._call("POST", "/v1/admin/payments", {
            "idempotency_key": key, "customer_id": int(customer_id), "amount": amount,
            "ref": ref, "note": note, "date": date.isoformat()}))
        return PaymentList((_payment(body.get("payment")),), _account(body.get("account")),
                            bool(body.get("replayed")))

    # ------------------------------------------------------------------ devices

    def devices(self) -> list[DeviceView]:
        """Every device with its latest health report; those that need attention first."""
        return [device_from_json(d) for d in self.devices_json()]

    def devices_json(self) -> list[dict[str, Any]]:
        """The device list as the server sent it (what the engine keeps for offline use)."""
        return _dicts(self._call("GET", "/v1/admin/devices"))

    def revoke_device(self, device_id: str, *, wipe: bool) -> int:
        """Cut a device off: its sign-ins end now; at its next contact it stops syncing (and
        with ``wipe`` deletes its local data and keys). Returns how many tokens ended."""
        answer = self._call("POST", f"/v1/admin/devices/{quote(device_id, safe='')}/revoke",
                            {"wipe": wipe})
        return int(_dict(answer).get("tokens_ended") or 0)

    def sign_out_user(self, user_id: int) -> None:
        """End every sign-in of a user on every device (they may sign in again)."""
        self._call("POST", f"/v1/admin/users/{int(user_id)}/sign-out")

    # ------------------------------------------------------------------ users

    def users(self) -> list[UserAccount]:
        """Every user account, by username."""
        return [_user(u) for u in _list(self._call("GET", "/v1/admin/users"))]

    def create_user(self, username: str, password: str, role: str, *, display_name: str = "",
                    warehouse_id: int | None = None,
                    customer_id: int | None = None) -> UserAccount:
        """A new user account (recorded with the admin's name)."""
        body: dict[str, Any] = {"username": username, "password": password, "role": role,
                                "display_name": display_name}
        if warehouse_id is not None:
            body["warehouse_id"] = warehouse_id
        if customer_id is not None:
            body["customer_id"] = customer_id
        return _user(self._call("POST", "/v1/admin/users", body))

    def set_active(self, user_id: int, active: bool) -> UserAccount:
        """Enable or disable a user (disabling signs them out on every device)."""
        return self._change(user_id, {"active": active})

    def reset_password(self, user_id: int, password: str) -> UserAccount:
        """Give a user a new password (their devices are signed out)."""
        return self._change(user_id, {"password": password})

    def set_assignment(self, user_id: int, role: str, *, warehouse_id: int | None = None,
                       customer_id: int | None = None) -> UserAccount:
        """Change a user's role and its warehouse (clerks) or customer (store owners)."""
        body: dict[str, Any] = {"role": role}
        if warehouse_id is not None:
            body["warehouse_id"] = warehouse_id
        if customer_id is not None:
            body["customer_id"] = customer_id
        return self._change(user_id, body)

    def _change(self, user_id: int, body: dict[str, Any]) -> UserAccount:
        return _user(self._call("POST", f"/v1/admin/users/{int(user_id)}", body))

    def audit_trail(self) -> list[AuditEntry]:
        """The latest recorded changes to user accounts, newest first."""
        return [
            AuditEntry(at=str(a.get("at") or ""), actor=str(a.get("actor") or ""),
                       user_id=int(a.get("user_id") or 0), action=str(a.get("action") or ""),
                       detail=a["detail"] if isinstance(a.get("detail"), dict) else {})
            for a in _dicts(self._call("GET", "/v1/admin/audit"))
        ]

    # ------------------------------------------------------------------ integration tokens

    def integration_tokens(self) -> list[IntegrationTokenView]:
        """Every integration token (revoked ones too), by name."""
        return [_token(t) for t in _dicts(self._call("GET", "/v1/admin/integration-tokens"))]

    def create_integration_token(self, name: str,
                                 scopes: Iterable[str]) -> NewIntegrationToken:
        """A token for the system ``name`` that may write ``scopes``; its secret is in the
        answer, and never again."""
        answer = _dict(self._call("POST", "/v1/admin/integration-tokens",
                                  {"name": name, "scopes": sorted(set(scopes))}))
        secret = answer.get("token")
        if not isinstance(secret, str) or not secret:
            raise errors.ProtocolError("The new token's secret is missing.", "bad_token")
        return NewIntegrationToken(_token(answer), secret)

    def revoke_integration_token(self, name: str) -> None:
        """Revoke the token ``name``: the system's next request is refused."""
        self._call("DELETE", f"/v1/admin/integration-tokens/{quote(name, safe='')}")


def device_from_json(d: Any) -> DeviceView:
    """A device of ``GET /v1/admin/devices`` (or of the cached list) as a value."""
    seq = d.get("last_cursor_seq")
    report = d.get("report")
    health = validated(DeviceHealth, report, "bad_device") if isinstance(report, dict) else None
    user_id = d.get("user_id")
    return DeviceView(
        id=str(d.get("id") or ""), name=str(d.get("name") or ""),
        username=str(d.get("username") or ""), last_seen_at=d.get("last_seen_at"),
        last_pull_at=d.get("last_pull_at"), last_push_at=d.get("last_push_at"),
        last_cursor_seq=None if seq is None else int(seq),
        revoked_at=d.get("revoked_at"), revoke_wipe=bool(d.get("revoke_wipe")),
        report=health,
        attention=tuple(str(a) for a in d.get("attention") or ()),
        user_id=None if user_id is None else int(user_id),
    )


def _user(u: Any) -> UserAccount:
    return validated(UserAccount, u, "bad_user")


def _token(t: dict[str, Any]) -> IntegrationTokenView:
    return IntegrationTokenView(
        name=str(t.get("name") or ""), scopes=tuple(str(s) for s in t.get("scopes") or ()),
        created_at=str(t.get("created_at") or ""), last_used_at=t.get("last_used_at"),
        revoked_at=t.get("revoked_at"))


def _payment(p: Any) -> PaymentView:
    p = _dict(p)
    return PaymentView(
        id=int(p["id"]), customer_id=int(p["customer_id"]),
        customer_code=str(p.get("customer_code") or ""),
        customer_name=str(p.get("customer_name") or ""),
        customer_name_en=str(p.get("customer_name_en") or ""), ref=str(p.get("ref") or ""),
        date=dt.date.fromisoformat(str(p["date"])), amount=Decimal(str(p["amount"])),
        unapplied=Decimal(str(p.get("unapplied") or "0")), note=str(p.get("note") or ""),
        recorded_by=str(p.get("recorded_by") or ""),
        recorded_at=str(p.get("recorded_at") or ""))


def _account(a: Any) -> PaymentAccount | None:
    if a is None:
        return None
    a = _dict(a)
    oldest = a.get("oldest_overdue")
    return PaymentAccount(int(a["customer_id"]), str(a.get("payment_terms") or ""),
                          Decimal(str(a["open_amount"])), Decimal(str(a["overdue_amount"])),
                          dt.date.fromisoformat(str(oldest)) if oldest else None)


def _list(answer: Any) -> list[Any]:
    if not isinstance(answer, list):
        raise errors.ProtocolError("The server's answer is not a list.", "bad_list")
    return answer


def _dicts(answer: Any) -> list[dict[str, Any]]:
    return [_dict(item) for item in _list(answer)]


def _dict(answer: Any) -> dict[str, Any]:
    if not isinstance(answer, dict):
        raise errors.ProtocolError("The server's answer is not an object.", "bad_object")
    return answer



def statement_from_json(body: dict[str, Any]) -> StatementView:
    """The server's statement (amounts as strings) as values; hostile text is only text."""
    c = _dict(body.get("customer"))
    lines = []
    for ln in _dicts(body.get("lines", [])):
        entry = st.StatementEntry(dt.date.fromisoformat(str(ln["date"])),
                                  st.EntryKind(str(ln["kind"])), str(ln["ref"]),
                                  Decimal(str(ln["amount"])))
        lines.append(st.StatementLine(entry, Decimal(str(ln["balance"]))))
    amount = {k: Decimal(str(body[k])) for k in ("opening", "shipped", "returned", "paid",
                                                   "closing")}
    statement = st.Statement(str(body["month"]), amount["opening"], amount["shipped"],
                             amount["returned"], amount["paid"], amount["closing"],
                             tuple(lines))
    return StatementView(int(c["id"]), str(c.get("code", "")), str(c.get("name", "")),
                         str(c.get("name_en", "")), str(c.get("address", "")),
                         str(c.get("phone", "")), str(c.get("payment_terms", "")), statement)
