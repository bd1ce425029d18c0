"""Relay the event outbox to RabbitMQ, for the ERP and the WMS.

Business transactions write events (``order.submitted``, ``order.confirmed``,
``shipment.confirmed``, ``stock.changed``, …) into ``event_outbox`` as part of the same commit,
so an event exists exactly when its change does. This relay publishes them in id order to a
durable topic exchange (routing key = event type) with publisher confirms, and marks them
published only after the broker confirmed. Delivery is therefore *at least once*: a crash
between the broker's confirm and our commit republishes a batch. Every message carries its
outbox id as ``message_id`` so consumers can drop duplicates.

Several relays may run (one per server instance): ``FOR UPDATE SKIP LOCKED`` gives each batch
to one of them on PostgreSQL; SQLite has a single writer anyway.

The broker may go away (restarted, a network cut, a failover of its own): a batch that fails
drops the connection, and :func:`run_relay` connects again with growing pauses (0.5 s doubling
up to 30 s), then publishes that batch again. Heartbeats make a connection that died silently
fail within a minute instead of hanging.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.storage.dialect import skip_locked
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import EventOutbox, utcnow

log = logging.getLogger(__name__)

EXCHANGE = "dinghuo.events"

RECONNECT_FIRST = 0.5
RECONNECT_MAX = 30.0
"""Pauses before connecting again after the broker went away: doubling from the first up to
the longest, so a relay notices a broker back within seconds yet never hammers a dead one."""


class Publisher(Protocol):
    """Where events go. ``publish`` returns only once the broker has them (confirmed)."""

    def publish(self, routing_key: str, body: bytes, message_id: str,
                headers: dict[str, Any]) -> None: ...


class AmqpPublisher:
    """A RabbitMQ publisher (pika, blocking) with publisher confirms on a durable exchange."""

    def __init__(self, url: str, exchange: str = EXCHANGE):
        import pika

        self._pika = pika
        params = pika.URLParameters(url)
        given = parse_qs(urlsplit(url).query)
        if "heartbeat" not in given:
            params.heartbeat = 20  # a connection that died silently fails within a minute
        if "blocked_connection_timeout" not in given:
            params.blocked_connection_timeout = 60  # a broker out of resources counts as gone
        self.connection = pika.BlockingConnection(params)
        self.channel = self.connection.channel()
        self.channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)
        self.channel.confirm_delivery()
        self.exchange = exchange

    def publish(self, routing_key: str, body: bytes, message_id: str,
                headers: dict[str, Any]) -> None:
        props = self._pika.BasicProperties(
            content_type="application/json", delivery_mode=2, message_id=message_id,
            headers=headers,
        )
        # With confirms on, basic_publish raises if the broker nacks or cannot route.
        self.channel.basic_publish(self.exchange, routing_key, body, props, mandatory=False)

    def close(self) -> None:
        if self.connection.is_open:
            self.connection.close()


class Closable(Publisher, Protocol):
    def close(self) -> None: ...


@dataclass
class RelayStats:
    published: int = 0
    batches: int = 0
    connections: int = 0  # 1 + how often the relay connected again after losing the broker


def relay_once(session: Session, publisher: Publisher, *, batch: int = 200) -> int:
    """Publish the oldest unpublished events (up to ``batch``); returns how many."""
    stmt = (
        select(EventOutbox)
        .where(EventOutbox.published_at.is_(None))
        .order_by(EventOutbox.id)
        .limit(batch)
    )
    events = list(session.scalars(skip_locked(session, stmt)))
    if not events:
        end_read(session)
        return 0
    now = utcnow()
    for event in events:
        body = dumps({"id": event.id, "type": event.type, "at": event.created_at,
                      "payload": event.payload}).encode()
        publisher.publish(event.type, body, str(event.id), {"dinghuo-event-id": event.id})
        event.published_at = now
    session.commit()
    return len(events)


def run_relay(sessions: Callable[[], Session], connect: Callable[[], Closable],
              stop: threading.Event, *, idle_wait: float = 1.0, batch: int = 200,
              reconnect_first: float = RECONNECT_FIRST,
              reconnect_max: float = RECONNECT_MAX) -> RelayStats:
    """Relay until ``stop`` is set, over publishers made by ``connect``.

    A failed batch is never skipped: the publisher is dropped (the broker or the connection to
    it may be gone), a new one is connected after a pause that grows while it keeps failing, and
    the batch goes out again. Events published before the failure but not yet marked are
    published twice; consumers drop repeats by ``message_id``.
    """
    stats = RelayStats()
    publisher: Closable | None = None
    pause = reconnect_first
    try:
        while not stop.is_set():
            if publisher is None:
                try:
                    publisher = connect()
                except Exception as exc:  # pika raises several unrelated types
                    log.warning("event relay: cannot reach the broker (%s: %s); retrying in "
                                "%.1f s", type(exc).__name__, exc, pause)
                    stop.wait(pause)
                    pause = min(reconnect_max, pause * 2)
                    continue
                stats.connections += 1
                if stats.connections > 1:
                    log.warning("event relay: connected to the broker again")
            try:
                with sessions() as session:
                    n = relay_once(session, publisher, batch=batch)
            except Exception:
                log.exception("event relay batch failed; connecting again in %.1f s", pause)
                close_quietly(publisher)
                publisher = None
                stop.wait(pause)
                pause = min(reconnect_max, pause * 2)
                continue
            pause = reconnect_first
            stats.published += n
            stats.batches += bool(n)
            if n < batch:
                stop.wait(idle_wait)
    finally:
        if publisher is not None:
            close_quietly(publisher)
    return stats


def close_quietly(publisher: Closable) -> None:
    """Close a publisher whose connection may be dead already (closing it may fail too)."""
    try:
        publisher.close()
    except Exception as exc:
        log.info("event relay: closing the old broker connection failed: %s", exc)


def event_json(raw: bytes) -> dict[str, Any]:
    """Decode a relayed message body (for consumers and tests)."""
    value = json.loads(raw)
    assert isinstance(value, dict)
    return value
