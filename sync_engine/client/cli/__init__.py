"""``dinghuo-cli``: the client engine from a terminal or a script.

::

    dinghuo-cli [--data-dir DIR] [--server URL] COMMAND ...

    login --server URL --user NAME      sign in (password: $DINGHUO_PASSWORD, stdin, prompt)
    sync [--loop]                       push pending changes, pull new ones
    catalog-pack                        sync, publish the catalog for first syncs (admins)
    status [--json]                     pending, conflicts, last sync, counts
    orders list [--status S] [--customer CODE] [--from DATE] [--to DATE] [--text T] [--json]
    orders show ORDER [--json]          ORDER: DH number, local number or id
    orders create FILE [--draft]        from JSON or CSV (`orders create --help`: the format)
    orders edit ORDER [--set SKU=QTY] [--remove SKU] [--notes T] [--delivery-date D]
    orders submit ORDER | orders cancel ORDER [--reason T] | orders export FILE [filters]
    conflicts [list|show ID|resolve ID keep-mine|reduce|take-theirs|edit]
    customers [TEXT] [--json]           the customers on this device
    search QUERY [--limit N] [--json]   the local catalog
    backup [--list]                     back the local database up now (or list the backups)
    restore [FILE]                      put a backup back (default: the newest good one)

Listings are tables with a header (``--json`` for scripts); money is ``¥1,234.56``. The modules:
:mod:`.parser` (commands, help, exit codes), :mod:`.output` (tables, money, JSON),
:mod:`.session` (login, sync, status), :mod:`.orders`, :mod:`.conflicts`, :mod:`.catalog`.

Exit codes: 0 ok, 1 an error (one line on stderr), 2 bad usage or an unknown value, 3 conflicts
need a decision (``sync``), 4 update required, 5 sign in required, 6 the local database is
damaged (found while in use; the next start moves it aside and repairs it).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from .. import backups, cipher, errors
from ..engine import Engine
from ..store import default_data_dir
from .catalog import customers_command, search_command
from .conflicts import conflicts_command
from .orders import order_command
from .parser import (
    EXIT_CONFLICTS,
    EXIT_DAMAGED,
    EXIT_ERROR,
    EXIT_SIGN_IN,
    EXIT_UPDATE,
    EXIT_USAGE,
    UsageError,
    build_parser,
)
from .returns import returns_command
from .session import catalog_pack_command, login_command, status_command, sync_command

__all__ = ["EXIT_CONFLICTS", "EXIT_DAMAGED", "main"]

log = logging.getLogger("dinghuo.cli")

COMMANDS: dict[str, Callable[[Engine, argparse.Namespace], int]] = {
    "login": login_command,
    "sync": sync_command,
    "catalog-pack": catalog_pack_command,
    "status": status_command,
    "orders": order_command,
    "order": order_command,
    "export": order_command,
    "conflicts": conflicts_command,
    "returns": returns_command,
    "customers": customers_command,
    "search": search_command,
    "backup": lambda engine, args: _backup(engine, args.list),
    "restore": lambda engine, args: 0,  # put back before the engine opened: see main()
}


def _install_test_keyring() -> None:
    if os.environ.get("DINGHUO_KEYRING") == "memory":
        import keyring

        from ..memory_keyring import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage error (exit 2), --help or --version
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.keyring:
        os.environ["DINGHUO_KEYRING"] = args.keyring
    _install_test_keyring()
    server = getattr(args, "login_server", None) or args.server
    try:
        if args.command == "restore":
            _restore(args)
        with Engine(args.data_dir, server) as engine:
            if engine.repair is not None:
                print(f"dinghuo-cli: repaired: {engine.repair.message}", file=sys.stderr)
            return COMMANDS[args.command](engine, args)
    except cipher.DatabaseError as exc:
        log.debug("database error", exc_info=exc)
        print("dinghuo-cli: error: the local database is damaged; run dinghuo-cli again to "
              "repair it (your unsent changes are kept)", file=sys.stderr)
        return EXIT_DAMAGED
    except BrokenPipeError:  # `dinghuo-cli orders list | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except UsageError as exc:
        return _fail(exc, EXIT_USAGE)
    except errors.UpdateRequired as exc:
        return _fail(exc, EXIT_UPDATE)
    except errors.SignInRequired as exc:
        return _fail(exc, EXIT_SIGN_IN)
    except errors.PasswordOverPlainHttp as exc:
        print(f"dinghuo-cli: error: {exc} (--allow-http sends it anyway)", file=sys.stderr)
        return EXIT_ERROR
    except (errors.ClientError, OSError, ValueError) as exc:
        return _fail(exc, EXIT_ERROR)
    except KeyboardInterrupt:
        return 130


def _restore(args: argparse.Namespace) -> None:
    folder = args.data_dir or default_data_dir()
    chosen = args.file
    if chosen is None:
        good = [b.path for b in backups.list_backups(folder)]
        if not good:
            raise ValueError(f"there is no backup in {folder / backups.BACKUP_DIR}")
        chosen = good[0]
    backups.restore(folder, chosen, cipher.database_key(folder))
    print(f"restored {chosen}")


def _backup(engine: Engine, listing: bool) -> int:
    if listing:
        for b in backups.list_backups(engine.store.data_dir):
            print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.kind:9}  {b.size:>12,}  {b.path}")
        return 0
    made = backups.make_backup(engine.store, "manual")
    print(f"backed up to {made.path} ({made.size:,} bytes)")
    return 0


def _fail(exc: BaseException, code: int) -> int:
    log.debug("failed", exc_info=exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    print(f"dinghuo-cli: error: {text}", file=sys.stderr)
    return code
