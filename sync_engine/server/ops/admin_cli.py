"""``dinghuo-server``'s back-office commands: devices and user accounts.

    dinghuo-server devices                     every device and its latest health report
    dinghuo-server revoke-device ID [--wipe]   cut a lost device off (--wipe: it deletes its data)
    dinghuo-server sign-out USER               end USER's sign-ins on every device
    dinghuo-server users list                  every user
    dinghuo-server users disable|enable USER
    dinghuo-server users unlock USER           lift a lockout after too many failed sign-ins
    dinghuo-server users reset-password USER   (password from stdin or a prompt)
    dinghuo-server users set-role USER ROLE [--warehouse CODE] [--customer CODE]
    dinghuo-server users set-warehouse USER CODE
    dinghuo-server users set-customer USER CODE
    dinghuo-server users audit [USER]          the recorded changes, newest first

Every change to a user is recorded (``cli:<os user>`` as who made it).
"""

from __future__ import annotations

import argparse
import getpass
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.domain import USER_ROLES
from sync_engine.server import accounts
from sync_engine.server.accounts import management
from sync_engine.server.storage.models import Customer, Warehouse, utcnow

__all__ = ["add_commands"]

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]
Sessions = Callable[[str], AbstractContextManager[Session]]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name for this uid (containers)
        return "cli"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> Iterator[str]:
    cells = [[("-" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    yield "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    for r in cells:
        yield "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()


def _when(value: Any) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M")


def add_commands(add: Add, sessions: Sessions, read_password: Callable[[argparse.Namespace],
                                                                       str]) -> None:
    """Register the back-office commands with ``dinghuo-server``'s parser (``add``)."""

    def devices(args: argparse.Namespace) -> int:
        with sessions(args.db) as session:
            rows = accounts.device_rows(session)
        now = utcnow()
        out = []
        for d in rows:
            r = d.report or {}
            out.append([
                d.id, d.username, d.name, _when(d.last_seen_at), r.get("unsent_changes"),
                _when(r.get("oldest_unsent_at")), r.get("conflicts_waiting"),
                r.get("last_error"), r.get("app_version"), r.get("db_check"),
                _when(r.get("newest_backup_at")),
                None if r.get("encrypted") is None else ("yes" if r["encrypted"] else "no"),
                ("revoked+wipe" if d.revoke_wipe else "revoked") if d.revoked_at else "",
                ",".join(d.needs_attention(now)),
            ])
        for line in _table(["DEVICE", "USER", "NAME", "SEEN", "UNSENT", "OLDEST", "CONFLICTS",
                            "ERROR", "APP", "DB", "BACKUP", "ENCRYPTED", "STATE", "ATTENTION"],
                           out):
            print(line)
        return 0

    def revoke_device(args: argparse.Namespace) -> int:
        with sessions(args.db) as session:
            try:
                ended = accounts.revoke_device(session, args.device, wipe=args.wipe)
            except accounts.UnknownDevice:
                raise accounts.UserValidationError(
                    "device", "device_unknown", f"no device {args.device!r}") from None
        wipe = "; it will delete its local data" if args.wipe else ""
        print(f"device {args.device} revoked ({ended} sign-in tokens ended){wipe}")
        return 0

    def sign_out(args: argparse.Namespace) -> int:
        with sessions(args.db) as session:
            user = management.find_user(session, args.username)
            ended = accounts.sign_out_user(session, user.id)
        print(f"{user.username} signed out on every device ({ended} tokens ended)")
        return 0

    def code_of(session: Session, model: type[Warehouse] | type[Customer],
                code: str | None) -> int | None:
        if code is None:
            return None
        found = session.scalar(select(model.id).where(model.code == code))
        if found is None:
            field = "warehouse" if model is Warehouse else "customer"
            raise accounts.UserValidationError(field, f"{field}_unknown",
                                               f"no {field} with code {code!r}")
        return int(found)

    def users(args: argparse.Namespace) -> int:
        actor = _actor()
        with sessions(args.db) as session:
            if args.action == "list":
                warehouses = {i: c for i, c in
                              session.execute(select(Warehouse.id, Warehouse.code))}
                customers = {i: c for i, c in
                             session.execute(select(Customer.id, Customer.code))}
                rows = [[u.username, u.display_name, u.role,
                         warehouses.get(u.warehouse_id) if u.warehouse_id else None,
                         customers.get(u.customer_id) if u.customer_id else None,
                         "yes" if u.active else "disabled",
                         "locked" if management.is_locked(session, u) else ""]
                        for u in management.users(session)]
                for line in _table(["USER", "NAME", "ROLE", "WAREHOUSE", "CUSTOMER", "ACTIVE",
                                    "SIGN-IN"], rows):
                    print(line)
                return 0
            if args.action == "audit":
                who = management.find_user(session, args.username) if args.username else None
                names = {u.id: u.username for u in management.users(session)}
                trail: list[list[Any]] = [
                    [_when(a.at), a.actor, names.get(a.user_id, a.user_id), a.action,
                     json.dumps(a.detail, ensure_ascii=False) if a.detail else ""]
                    for a in management.audit_trail(session, who)]
                for line in _table(["WHEN", "BY", "USER", "ACTION", "DETAIL"], trail):
                    print(line)
                return 0
            if not args.username:
                raise accounts.UserValidationError("username", "required", "name a user")
            user = management.find_user(session, args.username)
            if args.action in ("disable", "enable"):
                management.set_active(session, actor, user, args.action == "enable")
            elif args.action == "unlock":
                if not management.unlock(session, actor, user):
                    print(f"{user.username}: was not locked")
                    return 0
            elif args.action == "reset-password":
                management.reset_password(session, actor, user, read_password(args))
            elif args.action == "set-role":
                if not args.value:
                    raise accounts.UserValidationError("role", "required", "name a role")
                management.set_assignment(
                    session, actor, user, role=args.value,
                    warehouse_id=code_of(session, Warehouse, args.warehouse),
                    customer_id=code_of(session, Customer, args.customer))
            elif args.action in ("set-warehouse", "set-customer"):
                model = Warehouse if args.action == "set-warehouse" else Customer
                if not args.value:
                    raise accounts.UserValidationError(model.__tablename__, "required",
                                                       "give a code")
                chosen = code_of(session, model, args.value)
                if model is Warehouse:
                    management.set_assignment(session, actor, user, warehouse_id=chosen)
                else:
                    management.set_assignment(session, actor, user, customer_id=chosen)
            print(f"{user.username}: {args.action} done")
        return 0

    add("devices", devices, "list every device and its latest health report")

    p = add("revoke-device", revoke_device,
            "cut a device off now (lost or stolen); it is told at its next contact")
    p.add_argument("device", help="the device id (see dinghuo-server devices)")
    p.add_argument("--wipe", action="store_true",
                   help="the device deletes its local data and keys when told")

    p = add("sign-out", sign_out, "end a user's sign-ins on every device")
    p.add_argument("username")

    p = add("users", users, "list and manage user accounts (every change is recorded)")
    p.add_argument("action", choices=["list", "disable", "enable", "unlock", "reset-password",
                                      "set-role", "set-warehouse", "set-customer", "audit"])
    p.add_argument("username", nargs="?")
    p.add_argument("value", nargs="?", metavar="ROLE|CODE",
                   help=f"set-role: one of {', '.join(USER_ROLES)}; set-warehouse/-customer: "
                        "a code")
    p.add_argument("--warehouse", metavar="CODE", help="set-role warehouse_clerk: the warehouse")
    p.add_argument("--customer", metavar="CODE", help="set-role store_owner: the customer")
    p.add_argument("--password-stdin", action="store_true",
                   help="reset-password: read it from the first line of stdin (else prompt)")
