"""``dinghuo-server consume``: the integration upserts from a RabbitMQ queue.

A message on the durable queue ``dinghuo.integration`` is one batch, as JSON::

    {"kind": "stock", "mode": "all_or_nothing", "rows": [{"sku": "…", "warehouse": "SH",
     "delta": 200, "version": 1733300000000}]}

``kind`` is ``products``, ``customers``, ``prices`` or ``stock``; ``mode`` (optional)
``all_or_nothing`` or ``per_row``; ``rows`` as the integration API's (the same rules, the same
versions, :mod:`.upserts`). The AMQP ``message_id`` property is required: it is recorded in the
database in the transaction that applies the message, so a message delivered twice (a
redelivery after a lost ack, a duplicate publish, two consumers) is applied once.

A message is acknowledged only after its transaction committed. A message that can never apply
(not JSON, no message id, unknown kind, rows with errors) is published to the durable queue
``dinghuo.integration.dead`` with the reason in its ``x-dinghuo-reason`` header (and the row
errors as JSON in ``x-dinghuo-errors``), then acknowledged; with ``per_row`` the good rows are
applied and only the errors travel to the dead-letter queue. A database that is down makes the
message go back to the queue (nack with requeue) after a pause. When the broker goes away the
consumer reconnects with backoff (0.5 s doubling up to 30 s). Several consumers may run.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync_engine.server.ops.integration.upserts import KINDS, UpsertReport, apply_upserts

__all__ = ["DEAD_QUEUE", "QUEUE", "ConsumerStats", "Outcome", "handle", "run_consumer"]

log = logging.getLogger(__name__)

QUEUE = "dinghuo.integration"
DEAD_QUEUE = "dinghuo.integration.dead"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one message: ``applied``, ``duplicate`` or ``dead`` (with the reason)."""

    status: str
    reason: str = ""
    report: UpsertReport | None = None


@dataclass(slots=True)
class ConsumerStats:
    """What a consumer did until it stopped: its messages counted by their
    :attr:`Outcome.status`, the dead ones' reasons, and how often it connected to the broker."""

    outcomes: Counter[str] = field(default_factory=Counter)
    reasons: list[str] = field(default_factory=list)
    connections: int = 0


def handle(sessions: Callable[[], Session], body: bytes, message_id: str | None) -> Outcome:
    """Apply one message's batch; database errors propagate (the message goes back)."""
    if not message_id:
        return Outcome("dead", "missing message_id: set the AMQP message_id property")
    try:
        message = orjson.loads(body)
    except orjson.JSONDecodeError as exc:  # also invalid UTF-8
        return Outcome("dead", f"not JSON: {exc}")
    if not isinstance(message, dict):
        return Outcome("dead", "the message must be a JSON object {kind, mode, rows}")
    kind, mode, rows = message.get("kind"), message.get("mode", "all_or_nothing"), \
        message.get("rows")
    if kind not in KINDS:
        return Outcome("dead", f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if mode not in ("all_or_nothing", "per_row"):
        return Outcome("dead", f"unknown mode {mode!r}; use all_or_nothing or per_row")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return Outcome("dead", "rows must be a list of objects")
    with sessions() as session:
        report = apply_upserts(session, kind, rows, per_row=mode == "per_row",
                               device_id="integration:queue", message_id=message_id[:200])
    if report.duplicate:
        return Outcome("duplicate", report=report)
    if report.errors:
        return Outcome("dead", f"{len(report.errors)} row error(s)"
                               + ("" if report.applied else "; nothing was applied"),
                       report)
    return Outcome("applied", report=report)


def run_consumer(
    url: str,
    sessions: Callable[[], Session],
    stop: threading.Event,
    *,
    queue: str = QUEUE,
    dead_queue: str = DEAD_QUEUE,
    prefetch: int = 20,
    max_backoff: float = 30.0,
) -> ConsumerStats:
    """Consume until ``stop`` is set, reconnecting after the broker goes away."""
    import pika
    import pika.exceptions

    stats = ConsumerStats()
    backoff = 0.5
    while not stop.is_set():
        try:
            connection = pika.BlockingConnection(pika.URLParameters(url))
        except pika.exceptions.AMQPError as exc:
            log.warning("cannot reach the broker (%s); retrying in %.1f s", exc, backoff)
            stop.wait(backoff)
            backoff = min(max_backoff, backoff * 2)
            continue
        stats.connections += 1
        backoff = 0.5
        try:
            channel = connection.channel()
            channel.queue_declare(queue=queue, durable=True)
            channel.queue_declare(queue=dead_queue, durable=True)
            channel.confirm_delivery()
            channel.basic_qos(prefetch_count=prefetch)
            for method, props, body in channel.consume(queue, inactivity_timeout=0.2):
                if stop.is_set():
                    break
                if method is None:
                    continue
                _one(channel, method, props, body, sessions, stats, dead_queue, stop)
            channel.cancel()
        except pika.exceptions.AMQPError as exc:
            log.warning("lost the broker (%s); reconnecting", exc)
            stop.wait(backoff)
            continue
        finally:
            if connection.is_open:
                try:
                    connection.close()
                except pika.exceptions.AMQPError:
                    log.debug("closing a broken broker connection failed", exc_info=True)
    return stats


def _one(channel: Any, method: Any, props: Any, body: bytes,
         sessions: Callable[[], Session], stats: ConsumerStats, dead_queue: str,
         stop: threading.Event) -> None:
    import pika

    try:
        outcome = handle(sessions, body, props.message_id)
    except DBAPIError:
        log.exception("database error; the message goes back to the queue")
        channel.basic_nack(method.delivery_tag, requeue=True)
        stop.wait(1.0)
        return
    if outcome.status == "dead":
        errors = [e.model_dump() for e in outcome.report.errors] if outcome.report else []
        headers = dict(props.headers or {})
        headers.update({"x-dinghuo-reason": outcome.reason,
                        "x-dinghuo-errors": json.dumps(errors, ensure_ascii=False)})
        channel.basic_publish("", dead_queue, body, pika.BasicProperties(
            content_type="application/json", delivery_mode=2,
            message_id=props.message_id, headers=headers))
        stats.reasons.append(outcome.reason)
        log.warning("message %s dead-lettered: %s", props.message_id, outcome.reason)
    stats.outcomes[outcome.status] += 1
    channel.basic_ack(method.delivery_tag)
