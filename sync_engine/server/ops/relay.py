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
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync_engine.server.storage.dialect import skip_locked
from sync_engine.server.storage.encoding import dumps
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import EventOutbox, utcnow

log = logging.getLogger(__name__)

EXCHANGE = "dinghuo.events"


class Publisher(Protocol):
    """Where events go. ``publish`` returns only once the broker has them (confirmed)."""

    def publish(self, routing_key: str, body: bytes, message_id: str,
                headers: dict[str, Any]) -> None: ...


class AmqpPublisher:
    """A RabbitMQ publisher (pika, blocking) with publisher confirms on a durable exchange."""

    def __init__(self, url: str, exchange: str = EXCHANGE):
        import pika

        self._pika = pika
        self.connection = pika.BlockingConnection(pika.URLParameters(url))
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


@dataclass
class RelayStats:
    published: int = 0
    batches: int = 0


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


def run_relay(sessions: Callable[[], Session], publisher: Publisher, stop: threading.Event, *,
              idle_wait: float = 1.0, batch: int = 200) -> RelayStats:
    """Relay until ``stop`` is set; a failed batch is retried after a pause, never skipped."""
    stats = RelayStats()
    while not stop.is_set():
        try:
            with sessions() as session:
                n = relay_once(session, publisher, batch=batch)
        except Exception:
            log.exception("event relay batch failed; retrying")
            stop.wait(2 * idle_wait)
            continue
        stats.published += n
        stats.batches += bool(n)
        if n < batch:
            stop.wait(idle_wait)
    return stats


def event_json(raw: bytes) -> dict[str, Any]:
    """Decode a relayed message body (for consumers and tests)."""
    value = json.loads(raw)
    assert isinstance(value, dict)
    return value
