"""The queue consumer: a fake ERP publishes batches to RabbitMQ; they apply once, in version
order, poison goes to the dead-letter queue, and a cut connection is survived."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pika
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.server.ops.integration.consumer import ConsumerStats, run_consumer
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import ConsumedMessage, Stock
from tests.support.seed import Seed, seed
from tests.support.tcp_proxy import TcpProxy

AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F"


class Broker:
    """The fake ERP's side of the broker: publish batches, read the dead letters."""

    def __init__(self, queue: str):
        self.queue = queue
        self.connection = pika.BlockingConnection(pika.URLParameters(AMQP))
        self.channel = self.connection.channel()
        for q in (queue, f"{queue}.dead"):
            self.channel.queue_declare(queue=q, durable=True)
        self.channel.confirm_delivery()

    def publish(self, body: dict[str, Any] | bytes, message_id: str | None = None) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.channel.basic_publish("", self.queue, raw, pika.BasicProperties(
            delivery_mode=2, message_id=message_id or uuid.uuid4().hex))

    def stock(self, level: int, version: int, message_id: str | None = None,
              sku: str = "SKU-0001") -> None:
        self.publish({"kind": "stock", "rows": [{"sku": sku, "warehouse": "SH",
                                                 "on_hand": level, "version": version}]},
                     message_id)

    def dead(self) -> list[tuple[bytes, dict[str, Any]]]:
        out = []
        while True:
            method, props, body = self.channel.basic_get(f"{self.queue}.dead", auto_ack=True)
            if method is None:
                return out
            out.append((body, dict(props.headers or {})))

    def waiting(self) -> int:
        ok = self.channel.queue_declare(queue=self.queue, durable=True, passive=True)
        return int(ok.method.message_count)

    def close(self) -> None:
        for q in (self.queue, f"{self.queue}.dead"):
            self.channel.queue_delete(q)
        self.connection.close()


@pytest.fixture
def world(pg_db_url: str) -> Iterator[tuple[Seed, sessionmaker[Session], Broker]]:
    data = seed(pg_db_url, products=3, stock=100)
    engine = make_engine(pg_db_url)
    broker = Broker(f"test.integration.{uuid.uuid4().hex[:8]}")
    yield data, make_session_factory(engine), broker
    broker.close()
    engine.dispose()


class Consumers:
    """Consumers running in threads until :meth:`stop`."""

    def __init__(self, url: str, sessions: sessionmaker[Session], queue: str, n: int = 1):
        self.stop_event = threading.Event()
        self.stats: list[ConsumerStats] = []
        self.threads = [threading.Thread(target=self._run, args=(url, sessions, queue))
                        for _ in range(n)]
        for t in self.threads:
            t.start()

    def _run(self, url: str, sessions: sessionmaker[Session], queue: str) -> None:
        self.stats.append(run_consumer(url, sessions, self.stop_event, queue=queue,
                                       dead_queue=f"{queue}.dead", max_backoff=0.5))

    def stop(self) -> list[ConsumerStats]:
        self.stop_event.set()
        for t in self.threads:
            t.join(timeout=30)
        return self.stats


def wait_for(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def _on_hand(sessions: sessionmaker[Session], data: Seed, i: int = 0) -> int:
    with sessions() as s:
        stock = s.get(Stock, (data.products[i], data.warehouses[0]))
        assert stock is not None
        return stock.on_hand


def _consumed(sessions: sessionmaker[Session]) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(ConsumedMessage)) or 0)


def test_out_of_order_and_repeated_messages_apply_once(
    world: tuple[Seed, sessionmaker[Session], Broker],
) -> None:
    data, sessions, broker = world
    broker.stock(60, version=3, message_id="m3")
    broker.stock(40, version=2, message_id="m2")  # late: older than m3
    broker.stock(60, version=3, message_id="m3")  # published twice
    broker.publish({"kind": "stock", "rows": [{"sku": "SKU-0002", "warehouse": "SH",
                                               "delta": 5, "version": 1}]}, "d1")
    broker.publish({"kind": "stock", "rows": [{"sku": "SKU-0002", "warehouse": "SH",
                                               "delta": 5, "version": 1}]}, "d1-again")
    # Two consumers at once: still each message once, each delta once.
    consumers = Consumers(AMQP, sessions, broker.queue, n=2)
    try:
        wait_for(lambda: broker.waiting() == 0 and _consumed(sessions) == 4)
    finally:
        stats = consumers.stop()
    assert _on_hand(sessions, data) == 60
    assert _on_hand(sessions, data, 1) == 105
    assert sum(s.outcomes["duplicate"] for s in stats) == 1
    assert sum(s.outcomes["applied"] for s in stats) == 4
    assert broker.dead() == []


def test_poison_is_dead_lettered_and_the_rest_flow(
    world: tuple[Seed, sessionmaker[Session], Broker],
) -> None:
    data, sessions, broker = world
    broker.stock(10, version=1)
    broker.publish(b"{not json")
    broker.publish({"kind": "stock", "rows": [{"sku": "NOPE", "warehouse": "SH",
                                               "on_hand": 1, "version": 1}]}, "bad-sku")
    broker.publish({"kind": "unicorns", "rows": []})
    broker.stock(20, version=2)
    consumers = Consumers(AMQP, sessions, broker.queue)
    try:
        wait_for(lambda: _on_hand(sessions, data) == 20 and broker.waiting() == 0)
        dead: list[tuple[bytes, dict[str, Any]]] = []

        def three_dead() -> bool:
            dead.extend(broker.dead())
            return len(dead) == 3

        wait_for(three_dead)
    finally:
        consumers.stop()
    reasons = [h["x-dinghuo-reason"] for _, h in dead]
    assert reasons[0].startswith("not JSON")
    assert reasons[1] == "1 row error(s); nothing was applied"
    assert json.loads(dead[1][1]["x-dinghuo-errors"])[0]["code"] == "unknown_product"
    assert reasons[2].startswith("unknown kind 'unicorns'")
    assert dead[0][0] == b"{not json"


def test_a_cut_connection_is_survived(
    world: tuple[Seed, sessionmaker[Session], Broker],
) -> None:
    data, sessions, broker = world
    proxy = TcpProxy(("127.0.0.1", 5672))
    url = f"amqp://guest:guest@127.0.0.1:{proxy.port}/%2F?heartbeat=2"
    consumers = Consumers(url, sessions, broker.queue)
    try:
        for v in range(1, 11):
            broker.stock(v, version=v, message_id=f"a{v}")
        wait_for(lambda: _on_hand(sessions, data) == 10)
        assert proxy.cut() >= 1  # the broker "restarts" mid-stream
        for v in range(11, 21):
            broker.stock(v, version=v, message_id=f"a{v}")
        wait_for(lambda: _on_hand(sessions, data) == 20 and broker.waiting() == 0)
    finally:
        stats = consumers.stop()
        proxy.close()
    assert stats[0].connections >= 2
    assert _consumed(sessions) == 20
