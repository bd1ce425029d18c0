"""Events out: the outbox reaches RabbitMQ (the real broker on 127.0.0.1:5672), at least once,
in order, and nothing is marked published that the broker did not confirm."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pika
import pytest
from sqlalchemy import func, select

from sync_engine.server.ops.relay import AmqpPublisher, event_json, relay_once
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import EventOutbox
from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server

AMQP = os.environ.get("DINGHUO_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672/%2F")


@pytest.fixture
def broker() -> Iterator[tuple[AmqpPublisher, Any, str]]:
    """A publisher on a throwaway exchange, and a queue bound to all of its events."""
    exchange = f"dinghuo.test.{uuid.uuid4().hex[:8]}"
    publisher = AmqpPublisher(AMQP, exchange)
    conn = pika.BlockingConnection(pika.URLParameters(AMQP))
    channel = conn.channel()
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, exchange, routing_key="#")
    try:
        yield publisher, channel, queue
    finally:
        channel.exchange_delete(exchange)
        conn.close()
        publisher.close()


def drain(channel: Any, queue: str) -> list[dict[str, Any]]:
    out = []
    while True:
        method, props, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            return out
        event = event_json(body)
        assert props.message_id == str(event["id"])
        assert method.routing_key == event["type"]
        out.append(event)


class FlakyPublisher:
    """Fails on the n-th publish, like a broker connection dropping mid-batch."""

    def __init__(self, inner: AmqpPublisher, fail_at: int):
        self.inner, self.fail_at, self.count = inner, fail_at, 0

    def publish(self, routing_key: str, body: bytes, message_id: str,
                headers: dict[str, Any]) -> None:
        self.count += 1
        if self.count == self.fail_at:
            raise ConnectionError("broker went away")
        self.inner.publish(routing_key, body, message_id, headers)


def test_outbox_reaches_the_broker_in_order_at_least_once(
    db_url: str, broker: tuple[AmqpPublisher, Any, str],
) -> None:
    publisher, channel, queue = broker
    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        oid = new_id()
        r = rep.push_one("order.submit", {"order_id": oid, "customer_id": s.customers["A"],
                                          "lines": [{"product_id": s.products[1], "quantity": 2,
                                                     "unit_price": "10.00"}]})
        assert r["status"] == "applied"
        rep.push_one("order.cancel", {"order_id": oid})
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        # The broker drops out in the middle of the first batch: nothing is marked published.
        with sessions() as session, pytest.raises(ConnectionError):
            relay_once(session, FlakyPublisher(publisher, fail_at=2))
        with sessions() as session:
            waiting = session.scalar(select(func.count()).select_from(EventOutbox)
                                     .where(EventOutbox.published_at.is_(None)))
        assert waiting == 5  # submitted, confirmed, stock reserved, cancelled, stock released
        with sessions() as session:
            assert relay_once(session, publisher) == 5
        with sessions() as session:
            assert relay_once(session, publisher) == 0
        events = drain(channel, queue)
    finally:
        engine.dispose()
    # The first event went out twice (before the drop, then with the batch): at least once.
    ids = [e["id"] for e in events]
    assert ids[0] == ids[1] and ids[1:] == sorted(ids[1:]) and len(set(ids)) == 5
    types = [e["type"] for e in events[1:]]
    assert types == ["order.submitted", "stock.changed", "order.confirmed", "stock.changed",
                     "order.cancelled"]
    submitted = next(e for e in events if e["type"] == "order.submitted")
    assert submitted["payload"]["order_id"] == oid
    assert submitted["payload"]["total_gross"] == "22.60"
