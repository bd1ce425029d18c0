"""The integration's ``dinghuo-server`` subcommands (registered by :mod:`..cli`):

    integration-token create NAME --scopes catalog,prices,stock,customers
    integration-token list | revoke NAME
    consume                       apply upserts from the RabbitMQ queue until stopped
    webhook add URL [--secret S] | list | remove ID | log [--endpoint ID] [--limit N]
    webhooks                      deliver the outbox's events to the webhook URLs until stopped

User errors print one line on stderr and exit 1.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import INTEGRATION_SCOPES
from sync_engine.server.ops.integration import tokens
from sync_engine.server.ops.integration.consumer import QUEUE, run_consumer
from sync_engine.server.ops.integration.webhooks import add_endpoint, run_webhooks
from sync_engine.server.storage import engine as db
from sync_engine.server.storage.models import WebhookDelivery, WebhookEndpoint

__all__ = ["register"]

Add = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


@contextmanager
def _sessions(url: str) -> Iterator[sessionmaker[Session]]:
    url = db.normalise_url(url)
    db.make_location(url)
    db.migrate(url)
    engine = db.make_engine(url)
    try:
        yield db.make_session_factory(engine)
    finally:
        engine.dispose()


def _fail(message: str) -> int:
    print(f"dinghuo-server: {message}", file=sys.stderr)
    return 1


def _when(value: object) -> str:
    return "never" if value is None else str(value)[:19]


def _create_token(session: Session, args: argparse.Namespace) -> int:
    if not args.name:
        return _fail("give the token's NAME")
    try:
        row, secret = tokens.create_token(session, args.name, tokens.parse_scopes(args.scopes))
    except ValueError as exc:
        return _fail(str(exc))
    print(f"created integration token {row.name} (scopes {row.scopes}); it is shown "
          f"once, keep it safe:\n{secret}")
    return 0


def _list_tokens(session: Session, args: argparse.Namespace) -> int:
    for t in tokens.list_tokens(session):
        state = "revoked " + _when(t.revoked_at) if t.revoked_at else "active"
        print(f"{t.name}\t{t.scopes}\t{state}\tlast used {_when(t.last_used_at)}")
    return 0


def _revoke_token(session: Session, args: argparse.Namespace) -> int:
    if not args.name:
        return _fail("give the token's NAME")
    if not tokens.revoke_token(session, args.name):
        return _fail(f"no active integration token {args.name!r}")
    print(f"revoked integration token {args.name}")
    return 0


def _add_webhook(session: Session, args: argparse.Namespace) -> int:
    if not args.target:
        return _fail("give the URL")
    try:
        ep = add_endpoint(session, args.target, args.secret)
    except ValueError as exc:
        return _fail(str(exc))
    print(f"webhook {ep.id}: {ep.url}\nsecret (for X-Dinghuo-Signature): {ep.secret}")
    return 0


def _list_webhooks(session: Session, args: argparse.Namespace) -> int:
    for ep in session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)):
        state = f"failing ×{ep.failures}" if ep.failures else "ok"
        print(f"{ep.id}\t{ep.url}\tlast event {ep.last_event_id}\t{state}")
    return 0


def _remove_webhook(session: Session, args: argparse.Namespace) -> int:
    if not (args.target or "").isdigit():
        return _fail("give the webhook's id (see: webhook list)")
    gone = session.get(WebhookEndpoint, int(args.target))
    if gone is None:
        return _fail(f"no webhook {args.target}")
    session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == gone.id))
    session.delete(gone)
    session.commit()
    print(f"removed webhook {args.target}")
    return 0


def _delivery_log(session: Session, args: argparse.Namespace) -> int:
    stmt = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(args.limit)
    if args.endpoint is not None:
        stmt = stmt.where(WebhookDelivery.endpoint_id == args.endpoint)
    for d in session.scalars(stmt):
        result = "delivered" if d.delivered else f"failed {d.error[:80]!r}"
        print(f"{_when(d.at)}\twebhook {d.endpoint_id}\tevent {d.event_id}\t"
              f"attempt {d.attempt}\t{d.status_code or '-'}\t{result}")
    return 0


Action = Callable[[Session, argparse.Namespace], int]

_TOKEN_ACTIONS: dict[str, Action] = {
    "create": _create_token, "list": _list_tokens, "revoke": _revoke_token}
_WEBHOOK_ACTIONS: dict[str, Action] = {
    "add": _add_webhook, "list": _list_webhooks, "remove": _remove_webhook, "log": _delivery_log}


def _with_actions(actions: dict[str, Action]) -> Callable[[argparse.Namespace], int]:
    """A subcommand whose first argument names one of ``actions``; it runs in a session."""

    def run(args: argparse.Namespace) -> int:
        with _sessions(args.db) as sessions, sessions() as session:
            return actions[args.action](session, args)

    return run


def _cmd_consume(args: argparse.Namespace) -> int:
    with _sessions(args.db) as sessions:
        print(f"applying upserts from {args.queue} at {args.amqp} (Ctrl+C stops)")
        stop = threading.Event()
        try:
            run_consumer(args.amqp, sessions, stop, queue=args.queue,
                         dead_queue=f"{args.queue}.dead")
        except KeyboardInterrupt:
            stop.set()
    return 0


def _cmd_webhooks(args: argparse.Namespace) -> int:
    with _sessions(args.db) as sessions:
        print("delivering events to the webhooks (Ctrl+C stops)")
        stop = threading.Event()
        try:
            run_webhooks(sessions, stop)
        except KeyboardInterrupt:
            stop.set()
    return 0


def register(add: Add, amqp: str) -> None:
    """Add the subcommands through the CLI's ``add(name, func, help)``."""
    p = add("integration-token", _with_actions(_TOKEN_ACTIONS),
            "create, list or revoke the ERP's and WMS's integration tokens")
    p.add_argument("action", choices=list(_TOKEN_ACTIONS))
    p.add_argument("name", nargs="?")
    p.add_argument("--scopes", default=",".join(INTEGRATION_SCOPES),
                   help=f"what it may write, comma-separated: {', '.join(INTEGRATION_SCOPES)}")

    p = add("consume", _cmd_consume, "apply the ERP's upserts from a RabbitMQ queue")
    p.add_argument("--amqp", default=amqp, help="the message broker's URL")
    p.add_argument("--queue", default=QUEUE, help=f"the queue (default {QUEUE}; dead letters "
                                                  "go to QUEUE.dead)")

    p = add("webhook", _with_actions(_WEBHOOK_ACTIONS),
            "add, list or remove webhook URLs, or show the delivery log")
    p.add_argument("action", choices=list(_WEBHOOK_ACTIONS))
    p.add_argument("target", nargs="?", help="the URL (add) or the webhook's id (remove)")
    p.add_argument("--secret", help="the signing secret (add; default: a new random one)")
    p.add_argument("--endpoint", type=int, help="only this webhook's deliveries (log)")
    p.add_argument("--limit", type=int, default=50, help="deliveries to show (log)")

    add("webhooks", _cmd_webhooks, "POST the outbox's events, signed, to the webhook URLs")
