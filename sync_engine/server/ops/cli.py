"""``dinghuo-server``: run the sync server and administer its database.

    dinghuo-server migrate          bring the schema up to date
    dinghuo-server serve            migrate, then serve HTTP (uvicorn)
    dinghuo-server create-user      add a user (password from stdin or a prompt)
    dinghuo-server import           import an ERP CSV file (products, customers, prices, stock,
                                    promotions)
    dinghuo-server demo             load the demo data set
    dinghuo-server assign-customer  move a customer to another sales rep
    dinghuo-server config           show or change settings (auto-confirm)
    dinghuo-server integration-token | consume | webhook | webhooks   ERP/WMS integration
    dinghuo-server devices, revoke-device, sign-out, users   the back office (:mod:`.admin_cli`)
    dinghuo-server receivables show|pay|policy  customers' accounts (:mod:`.receivables_cli`)
    dinghuo-server backup           copy the embedded SQLite database while it serves
    dinghuo-server restore          put a backup back (devices notice and resend)

Every command takes ``--db URL``; the default is ``$DINGHUO_DB`` or a SQLite file in the
user data directory. The other ``DINGHUO_*`` settings are read here too, once
(:class:`~sync_engine.server.api.settings.ServerSettings`); options win over them. Commands
other than ``serve --no-migrate`` migrate the database first, so a new SQLite file just works.
User errors print one line on stderr and exit 1 (2 for bad arguments); only bugs print a
traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import ssl
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import UnionType
from typing import Literal, Union, get_args, get_origin

from platformdirs import user_data_dir
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from sync_engine.domain import USER_ROLES, Role
from sync_engine.server import accounts as auth
from sync_engine.server.api.settings import SERVE_OPTIONS, ServerSettings
from sync_engine.server.demo.fleet import add_demo_fleet
from sync_engine.server.demo.load import DEMO_PASSWORD, DemoError, load_demo
from sync_engine.server.feed import entities, scoping
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops import admin_cli, importer, receivables_cli
from sync_engine.server.ops.backup import BackupError
from sync_engine.server.ops.integration import cli as integration_cli
from sync_engine.server.storage import engine as db
from sync_engine.server.storage.models import Customer, ServerMeta, User, Warehouse, utcnow
from sync_engine.version import version_line

__all__ = ["default_db_url", "main"]


class CliError(Exception):
    """A user error: printed as one line, exit status 1."""


def default_db_url(settings: ServerSettings) -> str:
    """``settings.db`` (``$DINGHUO_DB``), else ``sqlite:///<user data dir>/server.sqlite3``."""
    if settings.db:
        return settings.db
    return f"sqlite:///{Path(user_data_dir('dinghuo')) / 'server.sqlite3'}"


@contextmanager
def _session(url: str, *, migrate: bool = True) -> Iterator[Session]:
    url = db.normalise_url(url)
    db.make_location(url)
    if migrate:
        db.migrate(url)
    engine = db.make_engine(url)
    try:
        with db.make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


# --- commands -----------------------------------------------------------------------------


def _cmd_migrate(args: argparse.Namespace) -> int:
    with _session(args.db):
        pass
    print(f"database is up to date: {_display(args.db)}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync_engine.server.api.app import (  # only when serving
        create_app,
        limit_malloc_arenas,
        settle_heap,
    )
    from sync_engine.server.api.logs import configure_logging
    from sync_engine.server.api.metrics import new_metrics_dir

    limit_malloc_arenas()  # before any thread starts
    settings = _serve_settings(args)
    cert, key = _tls_files(settings)  # before anything says it serves on https
    if settings.push_processes is None and getattr(sys, "frozen", False):
        # Not in the packaged app, whose server serves the embedded SQLite demo.
        settings = settings.model_copy(update={"push_processes": 0})
    if settings.push_process_count() and not settings.many_writers():
        raise CliError("--push-processes needs PostgreSQL (SQLite has one writer)")
    configure_logging(settings.log_format, settings.log_level)
    if args.until_stdin_closes:
        _stop_when_stdin_closes()
    if not args.no_migrate:
        db.migrate(args.db)
    if settings.workers > 1:
        # Worker processes build their own app from the environment (nothing is shared in
        # memory between instances; the database is the only state).
        os.environ["DINGHUO_DB"] = args.db
        os.environ["DINGHUO_PUSH_PROCESSES"] = str(settings.push_process_count())
        # One metrics directory for all the workers of this start: /metrics adds them up.
        metrics_dir = new_metrics_dir()
        os.environ["DINGHUO_METRICS_DIR"] = str(metrics_dir)
        os.environ["DINGHUO_LOG_FORMAT"] = settings.log_format
        os.environ["DINGHUO_LOG_LEVEL"] = settings.log_level
        try:
            uvicorn.run("sync_engine.server.api.app:app_from_env", factory=True,
                        host=settings.host, port=settings.port, workers=settings.workers,
                        log_level=settings.log_level, timeout_graceful_shutdown=5,
                        log_config=None, access_log=False, ssl_certfile=cert,
                        ssl_keyfile=key)
        finally:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    else:
        app = create_app(settings)
        settle_heap()
        # Event streams stay open: give them a few seconds at shutdown, then close them.
        uvicorn.run(app, host=settings.host, port=settings.port, log_level=settings.log_level,
                    timeout_graceful_shutdown=5, log_config=None, access_log=False,
                    ssl_certfile=cert, ssl_keyfile=key)
    return 0


def _serve_settings(args: argparse.Namespace) -> ServerSettings:
    """The settings in force (from the environment) with ``serve``'s options and ``--db``
    applied, checked as the environment's are: ``--port 70000`` is refused like
    ``DINGHUO_PORT=70000``."""
    given = {name: getattr(args, name) for name in SERVE_OPTIONS}
    try:
        return ServerSettings.model_validate(args.settings.model_dump() | given | {"db": args.db})
    except ValidationError as exc:
        raise CliError("; ".join(f"--{str(e['loc'][0]).replace('_', '-')}: {e['msg']}"
                                 for e in exc.errors())) from None


def _tls_files(settings: ServerSettings) -> tuple[str | None, str | None]:
    """The certificate and key files to serve HTTPS with (both or neither), or None, None.

    Checked here, before anything is logged or bound: uvicorn reads them only when a worker
    starts, after it has logged that it serves on https (with ``--workers``, in each worker)."""
    cert, key = settings.ssl_certfile, settings.ssl_keyfile
    if bool(cert) != bool(key):
        raise CliError("--ssl-certfile and --ssl-keyfile go together")
    if not cert or not key:
        return None, None
    for name in (cert, key):
        try:
            with open(name, "rb") as file:
                file.read(1)
        except FileNotFoundError:
            raise CliError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise CliError(f"{name}: a folder, not a PEM file") from None
        except OSError as exc:
            raise CliError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, ValueError) as exc:
        raise CliError(f"{cert}, {key}: not a PEM certificate and its private key "
                       f"({getattr(exc, 'reason', None) or exc})") from None
    return cert, key


def _stop_when_stdin_closes(grace_s: float = 15.0) -> None:
    """Stop serving once standard input ends. The program that started the server (the app's
    demo) holds the other end of the pipe; the pipe closes when that program ends, however it
    ends — quit, crash, SIGKILL — so the server never outlives it. Stops as SIGTERM would (open
    requests finish); after ``grace_s`` seconds, at once."""
    import signal
    import threading

    stdin = sys.stdin.buffer if sys.stdin is not None else None

    def watch() -> None:
        try:
            while stdin is not None and stdin.read(4096):
                pass
        except (OSError, ValueError):
            pass  # a closed or broken stdin means the same: nobody holds the other end
        print("dinghuo-server: standard input closed: stopping", file=sys.stderr, flush=True)
        deadline = threading.Timer(grace_s, os._exit, (0,))
        deadline.daemon = True
        deadline.start()
        signal.raise_signal(signal.SIGTERM)

    threading.Thread(target=watch, name="stop-when-stdin-closes", daemon=True).start()


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        raise CliError("the passwords do not match")
    return first


def _cmd_create_user(args: argparse.Namespace) -> int:
    password = _read_password(args)
    with _session(args.db) as session:
        warehouse_id = customer_id = None
        if args.warehouse:
            warehouse = session.scalars(
                select(Warehouse).where(Warehouse.code == args.warehouse)
            ).one_or_none()
            if warehouse is None:
                raise CliError(f"no warehouse with code {args.warehouse!r}")
            warehouse_id = warehouse.id
        if args.customer:
            customer_id = _customer(session, args.customer).id
        user = auth.create_user(session, args.username, password, args.role,
                                display_name=args.display_name, warehouse_id=warehouse_id,
                                customer_id=customer_id)
        print(f"created user {user.username} ({user.role}), id {user.id}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path}: no such file")
    with _session(args.db) as session:
        report = importer.import_csv(session, args.kind, path, device_id="cli-import")
    if report.errors:
        for line in importer.iter_errors(report, str(path)):
            print(line, file=sys.stderr)
        print(f"{path}: {len(report.errors)} error(s); nothing was imported", file=sys.stderr)
        return 1
    print(f"{path}: {report.kind}: {report.rows} rows — {report.created} created, "
          f"{report.updated} updated, {report.unchanged} unchanged "
          f"in {report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s)")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    url = db.normalise_url(args.db)
    with _session(url):
        pass
    engine = db.make_engine(url)
    try:
        sessions = db.make_session_factory(engine)
        summary = load_demo(sessions, products=args.products, seed=args.seed, reset=args.reset)
        add_demo_fleet(sessions)  # the back office's pages: devices, a former rep, tokens
    finally:
        engine.dispose()
    print(f"demo loaded in {summary.seconds:.1f} s: {summary.warehouses} warehouses, "
          f"{summary.customers} customers, {summary.products} products, "
          f"{summary.stock_rows} stock rows, {summary.price_rows} customer prices, "
          f"{summary.promotions} promotions, "
          f"{summary.orders} orders; "
          f"users {', '.join(summary.users)} (password {DEMO_PASSWORD!r})")
    return 0


def _customer(session: Session, code: str) -> Customer:
    customer = session.scalars(select(Customer).where(Customer.code == code)).one_or_none()
    if customer is None:
        raise CliError(f"no customer with code {code!r}")
    return customer


def _cmd_assign_customer(args: argparse.Namespace) -> int:
    with _session(args.db) as session:
        customer = _customer(session, args.customer_code)
        rep_id: int | None = None
        rep_name = "nobody"
        if args.rep_username != "-":
            rep = session.scalars(
                select(User).where(User.username == auth.normalise_username(args.rep_username))
            ).one_or_none()
            if rep is None:
                raise CliError(f"no user {args.rep_username!r}")
            if rep.role != Role.SALES_REP.value or not rep.active:
                raise CliError(f"{rep.username!r} is not an active sales rep")
            rep_id, rep_name = rep.id, rep.username
        if customer.rep_id == rep_id:
            print(f"{customer.code} {customer.name} already belongs to {rep_name}")
            return 0
        old = session.get(User, customer.rep_id) if customer.rep_id is not None else None
        uow = UnitOfWork(session, device_id="cli")
        scoping.reassign_customer(uow, customer, rep_id)
        customer.version += 1
        customer.updated_at = utcnow()
        entities.record_customer(uow, customer)
        uow.commit()
        print(f"{customer.code} {customer.name}: {old.username if old else 'nobody'} → {rep_name}")
    return 0


def _cmd_config(args: argparse.Namespace) -> int:
    with _session(args.db) as session:
        row = session.get(ServerMeta, "auto_confirm")
        if args.value is not None:
            value = "true" if args.value == "on" else "false"
            if row is None:
                session.add(ServerMeta(key="auto_confirm", value=value))
            else:
                row.value = value
            session.commit()
            current = value
        else:
            current = row.value if row is not None else "true"
        print(f"auto-confirm: {'on' if current == 'true' else 'off'}")
    return 0


def _cmd_compact(args: argparse.Namespace) -> int:
    import datetime as dt

    from sync_engine.server.ops.compaction import compact_tombstones

    if args.older_than_days < 1:
        raise CliError("--older-than-days must be at least 1")
    with _session(args.db) as session:
        deleted, horizon = compact_tombstones(session, dt.timedelta(days=args.older_than_days))
    if deleted:
        print(f"removed {deleted} tombstones; devices with cursors before {horizon} will resync")
    else:
        print(f"no tombstones older than {args.older_than_days} days")
    return 0


def _cmd_relay(args: argparse.Namespace) -> int:
    import threading

    from sync_engine.server.ops.relay import AmqpPublisher, close_quietly, relay_once, run_relay

    def connect() -> AmqpPublisher:
        return AmqpPublisher(args.amqp)

    try:
        publisher = connect()  # once now: a wrong address is told at once, not retried
    except Exception as exc:  # pika raises several unrelated types for "cannot connect"
        raise CliError(f"cannot reach the message broker at {args.amqp}: {exc}") from exc
    engine = db.make_engine(args.db)
    sessions = db.make_session_factory(engine)
    try:
        if args.once:
            total = 0
            while n := relay_once(sessions(), publisher):
                total += n
            print(f"relayed {total} events")
        else:
            print(f"relaying events to {args.amqp} (Ctrl+C stops; a lost broker is connected "
                  f"again)")
            first: list[AmqpPublisher] = [publisher]

            def reconnect() -> AmqpPublisher:
                return first.pop() if first else connect()

            stop = threading.Event()
            try:
                run_relay(sessions, reconnect, stop)
            except KeyboardInterrupt:
                stop.set()
    finally:
        close_quietly(publisher)  # (the broker may be gone by now)
        engine.dispose()
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from sync_engine.server.ops.backup import backup

    report = backup(args.db, Path(args.file))
    print(f"backed up {_display(args.db)} to {report.path} ({report.bytes:,} bytes, change "
          f"{report.seq}) in {report.seconds:.1f} s")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from sync_engine.server.ops.backup import restore

    report = restore(args.db, Path(args.file))
    print(f"restored {_display(args.db)} from {args.file} (change {report.seq}) in "
          f"{report.seconds:.1f} s; devices that saw later changes resync and send again what "
          f"they hold")
    return 0


# --- wiring -------------------------------------------------------------------------------


def _display(url: str) -> str:
    return make_url(db.normalise_url(url)).render_as_string(hide_password=True)


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Each option's help ends with its default — but for flags, and options whose absence
    means something the help says in words."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or isinstance(action.default, bool):
            return action.help
        return super()._get_help_string(action)


def _add_setting_option(parser: argparse.ArgumentParser, settings: ServerSettings,
                        name: str) -> None:
    """``--name`` for the setting ``name``, as :class:`ServerSettings` declares it: its help is
    the field's description, its choices a ``Literal``'s values, its default the setting in
    force (the environment's, else the field's). The value is checked by the settings, see
    :func:`_serve_settings`."""
    field = ServerSettings.model_fields[name]
    kind = field.annotation
    if get_origin(kind) in (Union, UnionType):  # "int | None": an int or not given
        kind = next(arg for arg in get_args(kind) if arg is not type(None))
    choices = get_args(kind) if get_origin(kind) is Literal else None
    parser.add_argument("--" + name.replace("_", "-"), default=getattr(settings, name),
                        type=int if kind is int else str, choices=choices,
                        help=field.description)


def _parser(settings: ServerSettings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dinghuo-server", description="Dinghuo sync server",
                                     formatter_class=_HelpFormatter)
    parser.add_argument("--version", action="version", version=version_line("dinghuo-server"))
    parser.set_defaults(settings=settings)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=default_db_url(settings),
                        help="database URL: $DINGHUO_DB, else a SQLite file in the user data "
                             "directory")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(
        name: str, func: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=text, description=text,
                           formatter_class=_HelpFormatter)
        p.set_defaults(func=func)
        return p

    add("migrate", _cmd_migrate, "bring the database schema up to date")

    p = add("serve", _cmd_serve, "migrate the database, then serve the sync API")
    for name in SERVE_OPTIONS:
        _add_setting_option(p, settings, name)
    p.add_argument("--no-migrate", action="store_true", help="do not migrate first")
    p.add_argument("--until-stdin-closes", action="store_true",
                   help="stop when standard input closes: a program that runs the server holds "
                        "it open, so the server ends with that program however it ends")

    p = add("create-user", _cmd_create_user, "create a user")
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=USER_ROLES)
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of stdin (else prompt)")
    p.add_argument("--display-name", default="", help="the name shown in the apps")
    p.add_argument("--warehouse", metavar="CODE", help="the clerk's warehouse")
    p.add_argument("--customer", metavar="CODE", help="the store owner's customer account")

    p = add("import", _cmd_import, "import an ERP CSV file (all or nothing)")
    p.add_argument("kind", choices=importer.KINDS)
    p.add_argument("file")

    p = add("demo", _cmd_demo, "load the demo data set (users' password: demo)")
    p.add_argument("--products", type=int, default=2000, help="how many products to make")
    p.add_argument("--seed", type=int, default=1, help="the random seed (the same data each time)")
    p.add_argument("--reset", action="store_true",
                   help="delete all data in the database first")

    p = add("assign-customer", _cmd_assign_customer, "move a customer to another sales rep")
    p.add_argument("customer_code")
    p.add_argument("rep_username", help="the new rep, or - for nobody")

    p = add("compact", _cmd_compact, "forget tombstones older than N days (devices resync)")
    p.add_argument("--older-than-days", type=int, default=90,
                   help="forget tombstones older than this")

    p = add("relay", _cmd_relay, "publish the event outbox to RabbitMQ (ERP/WMS integration)")
    p.add_argument("--amqp", default=settings.amqp,
                   help="the message broker's URL: $DINGHUO_AMQP, else a local RabbitMQ")
    p.add_argument("--once", action="store_true", help="relay what is waiting, then exit")

    integration_cli.register(add, settings.amqp)
    admin_cli.add_commands(add, _session, _read_password)
    receivables_cli.register(add, _session)

    p = add("backup", _cmd_backup,
            "copy the embedded SQLite database to FILE while the server runs (online backup; "
            "PostgreSQL: use pg_dump or base backups)")
    p.add_argument("file", metavar="FILE", help="the new backup file")

    p = add("restore", _cmd_restore,
            "replace the embedded SQLite database with the backup in FILE (devices that saw "
            "later changes resync and send again what they hold)")
    p.add_argument("file", metavar="FILE", help="a file made by 'backup'")

    p = add("config", _cmd_config, "show or change server settings")
    p.add_argument("setting", choices=["auto-confirm"])
    p.add_argument("value", nargs="?", choices=["on", "off"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 user error, 2 bad arguments)."""
    try:
        settings = ServerSettings()
    except ValidationError as exc:
        problems = "; ".join(f"DINGHUO_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                             for e in exc.errors())
        print(f"dinghuo-server: bad setting in the environment: {problems}", file=sys.stderr)
        return 2
    parser = _parser(settings)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error (or --help)
        return int(exc.code) if isinstance(exc.code, int) else 2
    try:
        return int(args.func(args))
    except (CliError, DemoError, BackupError) as exc:
        print(f"dinghuo-server: {exc}", file=sys.stderr)
    except auth.UserValidationError as exc:
        print(f"dinghuo-server: {exc.field}: {exc.message}", file=sys.stderr)
    except auth.AuthError as exc:
        print(f"dinghuo-server: {exc.message}", file=sys.stderr)
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        print(f"dinghuo-server: cannot use database {_display(args.db)}: {reason}",
              file=sys.stderr)
    except OSError as exc:
        print(f"dinghuo-server: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1
