"""``dinghuo-cli``: the client engine from a terminal or a script.

::

    dinghuo-cli [--data-dir DIR] [--server URL] COMMAND ...

    login [--user NAME] [--password-stdin]   sign in (password: $DINGHUO_PASSWORD, stdin, prompt)
    sync [--loop]                            push pending changes, pull new ones
    status [--json]                          pending, conflicts, last sync, counts
    orders list [--status S] [--customer ID|CODE] [--from DATE] [--to DATE] [--text T] [--json]
    orders show ORDER_ID [--json]
    order create FILE [--draft]              from JSON or CSV (see below); submitted unless --draft
    export FILE [same filters as orders list] orders to CSV (UTF-8 with BOM, safe in Excel)
    search QUERY [--limit N]                 local product search

Order files. JSON: ``{"customer": "CUST-A" or id, "lines": [{"sku": "...", "quantity": 12} or
{"product_id": 7, "quantity": 12}], "notes": "...", "delivery_date": "2026-12-01"}`` (or a list
of such orders). CSV: columns ``customer``, ``sku`` or ``product_id``, ``quantity`` and
optionally ``notes``, ``delivery_date``; one order per customer, in file order.

Automation: the password may come from ``$DINGHUO_PASSWORD`` or stdin (``--password-stdin``);
with ``$DINGHUO_USER`` and ``$DINGHUO_PASSWORD`` set, ``sync`` signs in by itself when no
session is stored. Tokens go to the OS keyring. For tests only, ``DINGHUO_KEYRING=memory`` keeps
them in the process's memory instead (so every run signs in again); never use it otherwise.

Exit codes: 0 ok, 1 an error (one line on stderr), 2 bad usage, 3 conflicts need a decision
(``sync``), 4 update required, 5 sign in required.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import json
import logging
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from . import errors
from .csv_export import write_csv
from .engine import Engine
from .values import OrderView

__all__ = ["main"]

log = logging.getLogger("dinghuo.cli")

EXIT_ERROR, EXIT_USAGE, EXIT_CONFLICTS, EXIT_UPDATE, EXIT_SIGN_IN = 1, 2, 3, 4, 5


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dinghuo-cli", description="Dinghuo client engine CLI.")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="directory of the local database (default: the user data directory)")
    p.add_argument("--server", default=os.environ.get("DINGHUO_SERVER"),
                   help="sync server URL (default: $DINGHUO_SERVER or the last one used)")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = p.add_subparsers(dest="command", required=True)

    login = sub.add_parser("login", help="sign in")
    login.add_argument("--user", default=os.environ.get("DINGHUO_USER"))
    login.add_argument("--password-stdin", action="store_true")

    sync = sub.add_parser("sync", help="push and pull")
    sync.add_argument("--loop", action="store_true", help="keep syncing until interrupted")

    status = sub.add_parser("status", help="sync status and counts")
    status.add_argument("--json", action="store_true")

    orders = sub.add_parser("orders", help="order history")
    osub = orders.add_subparsers(dest="action", required=True)
    listing = osub.add_parser("list")
    _filters(listing)
    listing.add_argument("--json", action="store_true")
    show = osub.add_parser("show")
    show.add_argument("order_id")
    show.add_argument("--json", action="store_true")

    order = sub.add_parser("order", help="create orders")
    order_sub = order.add_subparsers(dest="action", required=True)
    create = order_sub.add_parser("create")
    create.add_argument("file", type=Path)
    create.add_argument("--draft", action="store_true", help="keep as drafts, do not submit")

    export = sub.add_parser("export", help="export orders to CSV")
    export.add_argument("file", type=Path)
    _filters(export)

    search = sub.add_parser("search", help="search the local catalog")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    return p


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status")
    p.add_argument("--customer", help="customer id or code")
    p.add_argument("--from", dest="date_from", type=dt.date.fromisoformat)
    p.add_argument("--to", dest="date_to", type=dt.date.fromisoformat)
    p.add_argument("--text", default="")
    p.add_argument("--limit", type=int, default=1000)


def _install_test_keyring() -> None:
    if os.environ.get("DINGHUO_KEYRING") == "memory":
        import keyring

        from .memory_keyring import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    _install_test_keyring()
    try:
        with Engine(args.data_dir, args.server) as engine:
            return _run(engine, args)
    except errors.UpdateRequired as exc:
        return _fail(exc, EXIT_UPDATE)
    except errors.SignInRequired as exc:
        return _fail(exc, EXIT_SIGN_IN)
    except (errors.ClientError, OSError, ValueError) as exc:
        return _fail(exc, EXIT_ERROR)
    except KeyboardInterrupt:
        return 130


def _fail(exc: BaseException, code: int) -> int:
    log.debug("failed", exc_info=exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    print(f"dinghuo-cli: error: {text}", file=sys.stderr)
    return code


def _password(args: argparse.Namespace) -> str:
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\n")
    env = os.environ.get("DINGHUO_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("Password: ")


def _run(engine: Engine, args: argparse.Namespace) -> int:
    command = args.command
    if command == "login":
        if not args.user:
            raise ValueError("say who signs in: --user NAME (or $DINGHUO_USER)")
        who = engine.login(args.user, _password(args), "dinghuo-cli")
        print(f"signed in as {who.username} ({who.role})")
        return 0
    if command == "sync":
        return _sync(engine, args)
    if command == "status":
        return _status(engine, args.json)
    if command == "orders":
        if args.action == "list":
            found = _find_orders(engine, args)
            if args.json:
                print(json.dumps([_order_json(o) for o in found], ensure_ascii=False, indent=1))
            else:
                for o in found:
                    print(f"{o.id}  {o.number or o.local_number:<12} {o.customer_name:<12} "
                          f"{o.display_status:<28} {o.gross:>12}  {o.created_at[:10]}")
            return 0
        order = engine.order(args.order_id)
        if args.json:
            print(json.dumps(_order_json(order), ensure_ascii=False, indent=1))
        else:
            print(f"order {order.number or '(not yet numbered)'} / {order.local_number} "
                  f"[{order.display_status}] customer {order.customer_name} "
                  f"({order.customer_id})")
            for ln in order.lines:
                print(f"  {ln.line_no:>3}. product {ln.product_id:<8} x {ln.quantity:<6} "
                      f"@ {ln.unit_price}  = {ln.gross}  (shipped {ln.shipped_qty})")
            print(f"  net {order.net}  tax {order.tax}  gross {order.gross}")
        return 0
    if command == "order":
        return _create_orders(engine, args.file, submit=not args.draft)
    if command == "export":
        found = _find_orders(engine, args)
        _export(found, args.file)
        print(f"exported {len(found)} orders to {args.file}")
        return 0
    if command == "search":
        for p in engine.search_products(args.query, limit=args.limit):
            print(f"{p.id:<8} {p.sku:<16} {p.name_zh}  {p.name_en}  {p.base_price}/{p.unit}")
        return 0
    raise ValueError(f"unknown command {command}")


def _sync(engine: Engine, args: argparse.Namespace) -> int:
    user, password = os.environ.get("DINGHUO_USER"), os.environ.get("DINGHUO_PASSWORD")
    if user and password and not engine.is_session_stored():
        engine.login(user, password, "dinghuo-cli")
    if args.loop:
        stop = threading.Event()
        try:
            engine.run_sync_loop(stop)
        except KeyboardInterrupt:
            stop.set()
        return 0
    report = engine.sync_once()
    print(f"pushed {report.pushed} (applied {report.applied}, conflicts {report.conflicts}, "
          f"rejected {report.rejected}); pulled {report.pulled} changes in {report.pages} "
          f"pages{' (full resync)' if report.resync else ''}; {report.seconds:.2f} s")
    return EXIT_CONFLICTS if engine.status().conflicts else 0


def _status(engine: Engine, as_json: bool) -> int:
    status = engine.status()
    with engine.store.read() as db:
        counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("products", "customers", "prices", "orders", "shipments")}
    if as_json:
        print(json.dumps({**asdict(status), "counts": counts}, ensure_ascii=False, indent=1))
        return 0
    print(f"user: {status.username or '(nobody signed in)'}"
          f"{' — sign in again' if status.sign_in_required else ''}")
    print(f"server: {engine.server_url or '(none)'}")
    print(f"pending changes: {status.pending} (held behind conflicts: {status.held})")
    print(f"conflicts: {status.conflicts}")
    print(f"last successful sync: {status.last_success_at or 'never'}")
    if status.last_error:
        print(f"last error: {status.last_error}")
    if status.update_required:
        print("update required: this app is too old for the server")
    print("counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def _customer_id(engine: Engine, value: Any) -> int:
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    for c in engine.customers(text, include_inactive=True):
        if c.code == text:
            return c.id
    raise errors.NotFound(f"no customer with code {text!r} on this device (sync first?)")


def _product_id(engine: Engine, line: dict[str, Any]) -> int:
    if line.get("product_id") not in (None, ""):
        return int(line["product_id"])
    sku = str(line.get("sku") or "").strip()
    if not sku:
        raise ValueError("each line needs a product_id or a sku")
    with engine.store.read() as db:
        row = db.execute("SELECT id FROM products WHERE sku = ?", (sku,)).fetchone()
    if row is None:
        raise errors.NotFound(f"no product with SKU {sku!r} on this device (sync first?)")
    return int(row[0])


def _read_orders(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        return list(data) if isinstance(data, list) else [data]
    grouped: dict[str, dict[str, Any]] = {}
    for row in csv.DictReader(text.splitlines()):
        key = str(row.get("customer") or "").strip()
        if not key:
            raise ValueError("every CSV row needs a customer")
        order = grouped.setdefault(key, {"customer": key, "lines": [],
                                         "notes": row.get("notes") or "",
                                         "delivery_date": row.get("delivery_date") or None})
        order["lines"].append({"sku": row.get("sku"), "product_id": row.get("product_id"),
                               "quantity": int(str(row.get("quantity") or "0"))})
    return list(grouped.values())


def _create_orders(engine: Engine, path: Path, *, submit: bool) -> int:
    for spec in _read_orders(path):
        customer_id = _customer_id(engine, spec.get("customer", spec.get("customer_id")))
        lines = {_product_id(engine, ln): int(ln["quantity"]) for ln in spec.get("lines", [])}
        date = spec.get("delivery_date")
        draft = engine.create_draft(
            customer_id, lines, notes=str(spec.get("notes") or ""),
            delivery_date=dt.date.fromisoformat(date) if date else None)
        warnings = engine.submit(draft.id) if submit else []
        order = engine.order(draft.id)
        print(f"{order.id} {order.local_number} [{order.display_status}] gross {order.gross}")
        for w in warnings:
            print(f"  warning: {w.field}: {w.message('en')}")
    return 0


def _find_orders(engine: Engine, args: argparse.Namespace) -> list[OrderView]:
    customer = _customer_id(engine, args.customer) if args.customer else None
    return engine.orders(status=args.status, customer_id=customer, date_from=args.date_from,
                         date_to=args.date_to, text=args.text, limit=args.limit)


def _order_json(o: OrderView) -> dict[str, Any]:
    data = asdict(o)
    return json.loads(json.dumps(data, default=str))  # type: ignore[no-any-return]


_EXPORT_COLUMNS = ("id", "number", "local_number", "customer_id", "customer_name", "status",
                   "sync_state", "created_at", "delivery_date", "net", "tax", "gross", "notes")


def _export(found: list[OrderView], path: Path) -> None:
    # Amounts and ids go out as numbers, names and notes as text a spreadsheet never runs.
    write_csv(path, _EXPORT_COLUMNS, ([getattr(o, c) for c in _EXPORT_COLUMNS] for o in found))


if __name__ == "__main__":
    raise SystemExit(main())
