"""``dinghuo-server webhooks``: the outbox's events POSTed to configured URLs, signed.

The same events as the broker relay (:mod:`sync_engine.server.ops.relay`) and the same body
(``{"id", "type", "at", "payload"}``), read from ``event_outbox`` with a cursor per endpoint
(``last_event_id``), independent of the relay's ``published_at``. Each POST carries

    Content-Type: application/json
    X-Dinghuo-Event: order.submitted
    X-Dinghuo-Event-Id: 42
    X-Dinghuo-Signature: sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>

A 2xx answer delivers the event; anything else (or no answer within 10 s) is retried, the same
event again, after 1, 2, 4, … seconds (at most 5 minutes), so an endpoint sees its events in
order and at least once (the event id lets it drop repeats). Every attempt is written to the
delivery log (``dinghuo-server webhook log``). Several runners may work: each endpoint is taken
by one of them at a time (``FOR UPDATE SKIP LOCKED``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.storage.dialect import skip_locked
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import (
    EventOutbox,
    WebhookDelivery,
    WebhookEndpoint,
    utcnow,
)

__all__ = ["SIGNATURE_HEADER", "add_endpoint", "deliver_once", "run_webhooks", "sign"]

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Dinghuo-Signature"
MAX_BACKOFF = 300.0


def sign(secret: str, body: bytes) -> str:
    """The signature header's value for ``body``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def add_endpoint(session: Session, url: str, secret: str | None = None) -> WebhookEndpoint:
    """A new endpoint that receives events from now on (the secret is made if not given).
    Raises ``ValueError`` for a URL that is not http(s)."""
    if not url.startswith(("http://", "https://")) or len(url) > 500:
        raise ValueError("the URL must start with http:// or https:// (at most 500 characters)")
    last = session.scalar(select(EventOutbox.id).order_by(EventOutbox.id.desc()).limit(1))
    endpoint = WebhookEndpoint(url=url, secret=secret or secrets.token_hex(24),
                               last_event_id=last or 0, failures=0)
    session.add(endpoint)
    session.commit()
    return endpoint


@dataclass
class WebhookStats:
    delivered: int = 0
    failed: int = 0


def deliver_once(session: Session, client: httpx.Client, *, batch: int = 100) -> WebhookStats:
    """One pass over the endpoints that are due: each gets its next events, in order, until
    one fails (then it waits its backoff). One transaction per endpoint, holding its row lock
    while it posts, so no other runner sends the same events meanwhile."""
    stats = WebhookStats()
    done: list[int] = []
    while True:
        now = utcnow()
        stmt = (select(WebhookEndpoint)
                .where(WebhookEndpoint.id.not_in(done) if done else WebhookEndpoint.id > 0)
                .where((WebhookEndpoint.next_attempt_at.is_(None))
                       | (WebhookEndpoint.next_attempt_at <= now))
                .order_by(WebhookEndpoint.id).limit(1))
        endpoint = session.scalars(skip_locked(session, stmt)).first()
        if endpoint is None:
            end_read(session)
            return stats
        done.append(endpoint.id)
        _deliver(session, client, endpoint, batch, stats)
        session.commit()


def _deliver(session: Session, client: httpx.Client, endpoint: WebhookEndpoint, batch: int,
             stats: WebhookStats) -> None:
    events = list(session.scalars(select(EventOutbox).where(
        EventOutbox.id > endpoint.last_event_id).order_by(EventOutbox.id).limit(batch)))
    for event in events:
        body = dumps({"id": event.id, "type": event.type, "at": event.created_at,
                      "payload": event.payload}).encode()
        status: int | None = None
        error = ""
        try:
            r = client.post(endpoint.url, content=body, headers={
                "Content-Type": "application/json", "X-Dinghuo-Event": event.type,
                "X-Dinghuo-Event-Id": str(event.id),
                SIGNATURE_HEADER: sign(endpoint.secret, body)})
            status = r.status_code
            ok = 200 <= status < 300
            if not ok:
                error = r.text[:500]
        except httpx.HTTPError as exc:
            ok, error = False, f"{type(exc).__name__}: {exc}"[:500]
        session.add(WebhookDelivery(endpoint_id=endpoint.id, event_id=event.id,
                                    attempt=endpoint.failures + 1, status_code=status,
                                    error=error, delivered=ok, at=utcnow()))
        if not ok:
            endpoint.failures += 1
            wait = min(MAX_BACKOFF, 2.0 ** (endpoint.failures - 1))
            endpoint.next_attempt_at = utcnow() + dt.timedelta(seconds=wait)
            stats.failed += 1
            log.warning("webhook %s: event %s failed (%s); retry in %.0f s",
                        endpoint.url, event.id, status or error, wait)
            return
        endpoint.last_event_id = event.id
        endpoint.failures = 0
        endpoint.next_attempt_at = None
        stats.delivered += 1


def run_webhooks(sessions: Callable[[], Session], stop: threading.Event, *,
                 idle_wait: float = 0.5, timeout: float = 10.0) -> WebhookStats:
    """Deliver until ``stop`` is set; a failed pass is logged and retried, never skipped."""
    total = WebhookStats()
    with httpx.Client(timeout=timeout) as client:
        while not stop.is_set():
            try:
                with sessions() as session:
                    stats = deliver_once(session, client)
            except Exception:
                log.exception("webhook pass failed; retrying")
                stop.wait(2 * idle_wait)
                continue
            total.delivered += stats.delivered
            total.failed += stats.failed
            if not stats.delivered:
                stop.wait(idle_wait)
    return total
