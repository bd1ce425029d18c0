"""``dinghuo-cli login``, ``sync`` and ``status``: the device's session with the server."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import threading
from dataclasses import asdict

from .. import errors
from ..engine import Engine
from .output import print_fields, print_json
from .parser import EXIT_CONFLICTS, UsageError

__all__ = ["login_command", "status_command", "sync_command"]

NO_SERVER = ("no server is configured on this device: sign in first with "
             "`dinghuo-cli login --server URL --user NAME`")


class NoServer(errors.NotSignedIn):
    """A command that needs the server, on a device that knows none."""


def login_command(engine: Engine, args: argparse.Namespace) -> int:
    if engine.server_url is None:
        raise UsageError("say which server to sign in to: "
                         "dinghuo-cli login --server URL --user NAME")
    if not args.user:
        raise UsageError("say who signs in: --user NAME (or $DINGHUO_USER)")
    who = engine.login(args.user, _password(args), "dinghuo-cli",
                       allow_plain_http=args.allow_http)
    print(f"signed in to {engine.server_url} as {who.username} ({who.role.replace('_', ' ')})")
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    env = os.environ.get("DINGHUO_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("Password: ")


def sync_command(engine: Engine, args: argparse.Namespace) -> int:
    if engine.server_url is None:
        raise NoServer(NO_SERVER)
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
    again = (f"; {report.resubmitted} sent again (the server had gone back in time)"
             if report.resubmitted else "")
    print(f"pushed {report.pushed} (applied {report.applied}, conflicts {report.conflicts}, "
          f"rejected {report.rejected}); pulled {report.pulled} changes in {report.pages} "
          f"pages{' (full resync)' if report.resync else ''}{again}; {report.seconds:.2f} s")
    waiting = engine.status().conflicts
    if waiting:
        print(f"{waiting} conflict{' needs' if waiting == 1 else 's need'} your decision: "
              "`dinghuo-cli conflicts`")
    # Upkeep after the result is out (the sync round itself never waits for it): the
    # scheduled backup and full check, when due, so a cron'd `sync` keeps backups too.
    sys.stdout.flush()
    engine.maintain()
    return EXIT_CONFLICTS if waiting else 0


def catalog_pack_command(engine: Engine, args: argparse.Namespace) -> int:
    """``catalog-pack``: sync, then publish this replica's catalog (see ``catalog_pack``)."""
    if engine.server_url is None:
        raise NoServer(NO_SERVER)
    engine.sync_once()
    info = engine.publish_catalog_pack()
    print(f"published the catalog pack: {info.size / 2**20:.1f} MB "
          f"({info.gzip_size / 2**20:.1f} MB to download), sha256 {info.sha256[:12]}")
    return 0


def status_command(engine: Engine, args: argparse.Namespace) -> int:
    status = engine.status()
    with engine.store.read() as db:
        counts = {table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("products", "customers", "prices", "orders", "shipments")}
    if args.json:
        print_json({**asdict(status), "server": engine.server_url, "counts": counts})
        return 0
    print_fields([
        ("user", f"{status.username or '(nobody signed in)'}"
                 f"{' — sign in again' if status.sign_in_required else ''}"),
        ("server", engine.server_url or "(none: dinghuo-cli login --server URL)"),
        ("pending changes", f"{status.pending} (held behind conflicts: {status.held})"),
        ("conflicts", status.conflicts),
        ("last successful sync", status.last_success_at or "never"),
        ("last error", status.last_error or None),
        ("update required",
         "this app is too old for the server" if status.update_required else None),
        ("on this device", ", ".join(f"{v:,} {k}" for k, v in counts.items())),
    ])
    return 0
