"""Events out: the outbox reaches RabbitMQ (the real broker on 127.0.0.1:5672), at least once,
in order, and nothing is marked published that the broker did not confirm."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pika
import pytest
from sqlalchemy import func, select

from sync_engine.server.ops.relay import (
    AmqpPublisher,
    RelayStats,
    event_json,
    relay_once,
    run_relay,
)
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import EventOutbox
from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server
from tests.support.tcp_proxy import TcpProxy

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


def _wait_for(what: str, done: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_relay_connects_again_when_the_broker_connection_is_cut(db_url: str) -> None:
    """The connection to the broker is cut in the middle of a batch and new connections are
    refused for a while: the relay keeps trying with growing pauses, connects again when it can,
    and every event arrives — at least once, each with its ``message_id``."""
    exchange = f"dinghuo.test.{uuid.uuid4().hex[:8]}"
    consumer = pika.BlockingConnection(pika.URLParameters(AMQP))
    channel = consumer.channel()
    channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.queue_bind(queue, exchange, routing_key="#")
    host, port = pika.URLParameters(AMQP).host, pika.URLParameters(AMQP).port
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    stop = threading.Event()
    relay: threading.Thread | None = None
    received: dict[int, int] = {}  # event id → how often it arrived
    try:
        with TcpProxy((host, port)) as proxy:
            through_proxy = AMQP.replace(f"{host}:{port}", f"127.0.0.1:{proxy.port}")
            attempts = {"ok": 0, "failed": 0}
            cut_at = {"publish": 7}

            class CutsItsOwnLine:
                """Publishes through the proxy; the 7th publish overall finds the line cut."""

                def __init__(self) -> None:
                    self.inner = AmqpPublisher(through_proxy, exchange)

                def publish(self, routing_key: str, body: bytes, message_id: str,
                            headers: dict[str, Any]) -> None:
                    cut_at["publish"] -= 1
                    if cut_at["publish"] == 0:
                        proxy.refuse()
                        proxy.cut()
                    self.inner.publish(routing_key, body, message_id, headers)

                def close(self) -> None:
                    self.inner.close()

            def connect() -> CutsItsOwnLine:
                try:
                    publisher = CutsItsOwnLine()
                except Exception:
                    attempts["failed"] += 1
                    raise
                attempts["ok"] += 1
                return publisher

            with sessions() as session:
                session.add_all(EventOutbox(type="test.event", payload={"n": n})
                                for n in range(20))
                session.commit()
            stats: list[RelayStats] = []
            relay = threading.Thread(target=lambda: stats.append(run_relay(
                sessions, connect, stop, idle_wait=0.05, batch=5, reconnect_first=0.05,
                reconnect_max=0.4)))
            relay.start()

            def drained() -> int:
                while True:
                    method, props, body = channel.basic_get(queue, auto_ack=True)
                    if method is None:
                        return len(received)
                    event = event_json(body)
                    assert props.message_id == str(event["id"])  # consumers dedupe on it
                    received[event["id"]] = received.get(event["id"], 0) + 1

            # The line was cut in the second batch; the relay tries again and again, refused.
            _wait_for("refused connection attempts", lambda: attempts["failed"] >= 3)
            assert drained() < 20
            with sessions() as session:  # more events while the broker is out of reach
                session.add_all(EventOutbox(type="test.event", payload={"n": n})
                                for n in range(20, 30))
                session.commit()
            proxy.accept()
            _wait_for("every event", lambda: drained() == 30)
            stop.set()
            relay.join(30)
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(EventOutbox)
                                  .where(EventOutbox.published_at.is_(None))) == 0
    finally:
        stop.set()
        if relay is not None:
            relay.join(30)
        channel.exchange_delete(exchange)
        consumer.close()
        engine.dispose()
    assert stats and stats[0].connections == attempts["ok"] >= 2
    ids = sorted(received)
    assert len(ids) == 30
    # The events of the batch that was cut went out again: at least once, never lost.
    assert any(n > 1 for n in received.values())
