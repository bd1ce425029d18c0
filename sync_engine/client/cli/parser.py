"""``dinghuo-cli``'s command line: its commands, options, help texts (file formats, defaults)
and exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from sync_engine.domain import OrderStatus
from sync_engine.domain.returns import ReturnReason, ReturnStatus
from sync_engine.version import version_line

__all__ = [
    "EXIT_CONFLICTS",
    "EXIT_DAMAGED",
    "EXIT_ERROR",
    "EXIT_SIGN_IN",
    "EXIT_UPDATE",
    "EXIT_USAGE",
    "UsageError",
    "build_parser",
]

EXIT_ERROR, EXIT_USAGE, EXIT_CONFLICTS, EXIT_UPDATE, EXIT_SIGN_IN = 1, 2, 3, 4, 5
EXIT_DAMAGED = 6  # the local database was found damaged while in use

STATUSES = [s.value for s in OrderStatus]
RETURN_STATUSES = [s.value for s in ReturnStatus]
RETURN_REASONS = [r.value for r in ReturnReason]


class UsageError(ValueError):
    """The command line asks for something that cannot be done as written (exit 2)."""


class _Formatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Descriptions and epilogs as written (they hold examples); each option's help ends with
    its default — but for flags and options whose absence the help explains in words."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or isinstance(action.default, bool | list):
            return action.help
        return super()._get_help_string(action)


MAIN_EPILOG = """\
An order is named by its server number (DH00000027), its local number (L1A2B-00003) or its id.
Every listing takes --json. Money is in yuan (¥1,234.56).

Environment: DINGHUO_SERVER (the server's URL), DINGHUO_USER and DINGHUO_PASSWORD (sign-in for
scripts: `sync` signs in by itself when no session is stored). Tokens go to the OS keyring;
where none works they go to credentials.json in the data folder, readable by you alone, with a
one-line warning (--keyring or DINGHUO_KEYRING: auto, system, file). For tests only,
DINGHUO_KEYRING=memory keeps them in memory (every run signs in again).

The local database is checked each time it is opened; a damaged one is moved aside, replaced by
the newest good backup (or rebuilt by the next sync), and the unsent changes kept in the outbox
journal are queued again: one line on stderr (`dinghuo-cli: repaired: …`), then the command.

Exit codes: 0 ok, 1 an error (one line on stderr), 2 bad usage or an unknown value, 3 conflicts
need a decision (`sync`), 4 update required, 5 sign in required, 6 the local database is
damaged (found while in use: the next start moves it aside and repairs it).

First time:  dinghuo-cli login --server https://dinghuo.example.com --user rep1
"""

ORDER_FILE_EPILOG = """\
The file is JSON (a .json name) or CSV (any other), in UTF-8.

JSON: one order, or a list of them:
  {"customer": "CUST-A",                        customer code (or id)
   "lines": [{"sku": "SKU-0001", "quantity": 12},
             {"product_id": 7, "quantity": 24}],  product by SKU or id
   "notes": "deliver before noon",             optional
   "delivery_date": "2026-12-01"}              optional, YYYY-MM-DD

CSV: a header row, then a row per order line; the rows of one customer make one order (orders
in the order their customers first appear); notes and delivery_date come from its first row:
  customer,sku,quantity,notes,delivery_date
  CUST-A,SKU-0001,12,deliver before noon,2026-12-01
  CUST-A,SKU-0002,24,,
  CUST-B,SKU-0001,6,,
A product_id column may stand for sku.

Quantities are in the product's unit (瓶, 罐 …): a multiple of its pack size and at least its
minimum. Each order is checked by the same rules as in the app, then submitted (sent with the
next `dinghuo-cli sync`) unless --draft keeps it a draft.
"""

EDIT_EPILOG = """\
A draft changes on this device only. A submitted order's changes travel together with the next
`dinghuo-cli sync`; if the server cannot apply them (the order changed meanwhile, the price
changed, not enough stock), `dinghuo-cli conflicts` shows both sides and lets you decide.

Example: dinghuo-cli orders edit DH00000027 --set SKU-0001=24 --remove SKU-0002 --notes "gate 3"
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dinghuo-cli", formatter_class=_Formatter, epilog=MAIN_EPILOG,
        description="Dinghuo 订货 from a terminal or a script: sign in, sync, list and change "
                    "orders, decide conflicts, search the catalog. Works offline on this "
                    "device's copy; `sync` exchanges changes with the server.")
    p.add_argument("--version", action="version", version=version_line("dinghuo-cli"))
    p.add_argument("--data-dir", type=Path, default=None,
                   help="the local database's directory (default: the user data directory)")
    p.add_argument("--server", default=os.environ.get("DINGHUO_SERVER"), metavar="URL",
                   help="the sync server (default: $DINGHUO_SERVER, else the one last signed "
                        "in to)")
    p.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    p.add_argument("--keyring", choices=("auto", "system", "file"), default=None,
                   help="where to keep the sign-in: the OS keyring, else a private file (auto, "
                        "the default; or $DINGHUO_KEYRING), the keyring only, or the file")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str, **kwargs: object) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, formatter_class=_Formatter,
                              **kwargs)  # type: ignore[arg-type]

    login = command("login", "sign in to the sync server (online)")
    login.add_argument("--server", dest="login_server", metavar="URL",
                       help="the server to sign in to (needed the first time)")
    login.add_argument("--user", default=os.environ.get("DINGHUO_USER"),
                       help="who signs in (default: $DINGHUO_USER)")
    login.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of stdin (else "
                            "$DINGHUO_PASSWORD, else a prompt)")
    login.add_argument("--allow-http", action="store_true",
                       help="send the password even over plain http:// to another machine "
                            "(default: refuse, and say so)")

    sync = command("sync", "send this device's changes, then fetch the server's")
    sync.add_argument("--loop", action="store_true",
                      help="keep syncing (every 30 s, and at once on news) until Ctrl+C")

    command("catalog-pack", "sync, then publish this device's catalog as the pack every "
                            "device's first sync copies in (admins; a few minutes for a "
                            "million products)")

    status = command("status", "who is signed in, what waits to be sent, what needs deciding")
    status.add_argument("--json", action="store_true", help="as JSON")

    _orders(command("orders", "list, show, create, change, submit and cancel orders",
                    aliases=["order"]))

    _returns(command("returns", "returns (退货): list, show, ask goods of a shipped order back"))

    conflicts = command("conflicts", "changes the server did not apply: list, show both "
                        "sides, decide")
    csub = conflicts.add_subparsers(dest="action", metavar="ACTION")
    clist = csub.add_parser("list", help="the open conflicts (the default)",
                            formatter_class=_Formatter)
    for target in (conflicts, clist):
        target.add_argument("--all", action="store_true", help="the decided ones too")
        target.add_argument("--json", action="store_true", help="as JSON")
    show = csub.add_parser("show", help="one conflict: why, yours and the server's",
                           formatter_class=_Formatter)
    show.add_argument("conflict", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="as JSON")
    resolve = csub.add_parser(
        "resolve", formatter_class=_Formatter,
        help="decide: keep-mine (send yours again), reduce (a return another one beat to the "
             "same units: ask only what is still returnable), take-theirs (keep the server's; "
             "a return: discard yours), edit (yours becomes a draft to change and submit)")
    resolve.add_argument("conflict", type=int, metavar="ID")
    resolve.add_argument("decision", choices=["keep-mine", "reduce", "take-theirs", "edit"])
    resolve.add_argument("--accept-new-prices", action="store_true",
                         help="with keep-mine after a price change: send yours at today's "
                              "prices")

    customers = command("customers", "the customers on this device (codes for order files)")
    customers.add_argument("text", nargs="?", default="", help="filter on code and names")
    customers.add_argument("--json", action="store_true", help="as JSON")

    search = command("search", "search the local catalog (SKU, barcode, names, pinyin)")
    search.add_argument("query")
    search.add_argument("--limit", type=_positive, default=20, help="at most this many")
    search.add_argument("--json", action="store_true", help="as JSON")

    backup = command("backup", "back the local database up now")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    restore = command("restore", "replace the local database by a backup (unsent changes are "
                                 "kept)")
    restore.add_argument("file", type=Path, nargs="?", help="default: the newest good backup")

    export = command("export", "orders to CSV (as `orders export`)")
    export.add_argument("file", type=Path)
    _filters(export)
    export.set_defaults(command="orders", action="export")
    return p


def _orders(orders: argparse.ArgumentParser) -> None:
    osub = orders.add_subparsers(dest="action", required=True, metavar="ACTION")

    def action(name: str, text: str, epilog: str | None = None) -> argparse.ArgumentParser:
        return osub.add_parser(name, help=text, description=text, epilog=epilog,
                               formatter_class=_Formatter)

    listing = action("list", "order history, newest first")
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="as JSON")

    show = action("show", "one order with its lines")
    show.add_argument("order", metavar="ORDER", help="number (DH…), local number (L…) or id")
    show.add_argument("--json", action="store_true", help="as JSON")

    create = action("create", "create orders from a JSON or CSV file", ORDER_FILE_EPILOG)
    create.add_argument("file", type=Path, help="the order file (format below)")
    create.add_argument("--draft", action="store_true",
                        help="keep them as drafts (submit later with `orders submit`)")

    edit = action("edit", "change an order's lines, notes or delivery date", EDIT_EPILOG)
    edit.add_argument("order", metavar="ORDER", help="number (DH…), local number (L…) or id")
    edit.add_argument("--set", action="append", metavar="SKU=QUANTITY",
                      help="add a product or change its quantity (repeatable)")
    edit.add_argument("--remove", action="append", metavar="SKU",
                      help="remove a product's line (repeatable)")
    edit.add_argument("--notes", help="the new notes (\"\" clears them)")
    edit.add_argument("--delivery-date", metavar="YYYY-MM-DD",
                      help="the new delivery date, or none to clear it")

    submit = action("submit", "submit a draft (sent with the next sync)")
    submit.add_argument("order", metavar="ORDER", help="number (DH…), local number (L…) or id")

    cancel = action("cancel", "cancel an order (until something has shipped)")
    cancel.add_argument("order", metavar="ORDER", help="number (DH…), local number (L…) or id")
    cancel.add_argument("--reason", default="", help="why (the server and the back office see it)")

    export = action("export", "orders to CSV (UTF-8 with BOM, safe to open in Excel)")
    export.add_argument("file", type=Path)
    _filters(export)


def _returns(command: argparse.ArgumentParser) -> None:
    sub = command.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", formatter_class=_Formatter,
                             help="returns on this device, newest first")
    listing.add_argument("--status", choices=RETURN_STATUSES, help="only returns in this status")
    listing.add_argument("--customer", metavar="CODE|ID", help="only this customer's")
    listing.add_argument("--json", action="store_true", help="as JSON")
    show = sub.add_parser("show", formatter_class=_Formatter, help="one return with its lines")
    show.add_argument("ret", metavar="RETURN", help="number (DH…-R1) or id")
    show.add_argument("--json", action="store_true", help="as JSON")
    request = sub.add_parser(
        "request", formatter_class=_Formatter,
        help="ask goods of a shipped order back (sent with the next sync)",
        epilog="Example: dinghuo-cli returns request DH00000027 --set SKU-0001=6 "
               "--reason damaged --note \"2 cases crushed\"")
    request.add_argument("order", metavar="ORDER", help="number (DH…), local number (L…) or id")
    request.add_argument("--set", action="append", required=True, metavar="SKU=QUANTITY",
                         help="units of a product to return (repeatable)")
    request.add_argument("--reason", required=True, choices=RETURN_REASONS,
                         help="why they come back")
    request.add_argument("--note", default="", help="what the back office should know")


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--status", choices=STATUSES, help="only orders in this status")
    p.add_argument("--customer", metavar="CODE|ID", help="only this customer's orders")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD",
                   help="created on or after this day")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD",
                   help="created on or before this day")
    p.add_argument("--text", default="", help="in the number, customer or notes")
    p.add_argument("--limit", type=_positive, default=1000, help="at most this many")
