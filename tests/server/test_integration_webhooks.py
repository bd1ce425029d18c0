"""Webhooks out (signed, retried, logged) and the integration's CLI commands."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync_engine.server.ops.cli import main
from sync_engine.server.ops.integration.webhooks import add_endpoint, deliver_once
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import (
    EventOutbox,
    IntegrationToken,
    WebhookDelivery,
    WebhookEndpoint,
)


class Receiver:
    """An HTTP endpoint that fails its first ``failures`` requests, then accepts; it keeps
    what it received and whether each signature was right."""

    def __init__(self, secret: str, failures: int):
        self.secret = secret
        self.failures = failures
        self.received: list[dict[str, Any]] = []
        self.signatures_ok: list[bool] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(owner.secret.encode(), body,
                                                hashlib.sha256).hexdigest()
                owner.signatures_ok.append(
                    hmac.compare_digest(expected, self.headers["X-Dinghuo-Signature"]))
                if owner.failures > 0:
                    owner.failures -= 1
                    self.send_response(503)
                else:
                    owner.received.append(json.loads(body))
                    self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def session(pg_db_url: str) -> Iterator[Session]:
    engine = make_engine(pg_db_url)
    with make_session_factory(engine)() as s:
        yield s
    engine.dispose()


def _due_now(session: Session) -> None:
    """Let the backoff pass (the fake clock: the retry is due now)."""
    session.execute(update(WebhookEndpoint).values(next_attempt_at=None))
    session.commit()


def test_webhook_retries_until_delivered_signed_and_in_order(session: Session) -> None:
    receiver = Receiver("s3cret", failures=2)
    try:
        endpoint = add_endpoint(session, receiver.url, "s3cret")
        session.add_all([EventOutbox(type="stock.changed", payload={"sku": "A", "on_hand": 5}),
                         EventOutbox(type="order.submitted", payload={"number": "SO-1"})])
        session.commit()
        with httpx.Client(timeout=5) as client:
            first = deliver_once(session, client)
            assert (first.delivered, first.failed) == (0, 1)
            # Not due yet: the backoff holds it back.
            assert deliver_once(session, client).failed == 0
            _due_now(session)
            assert deliver_once(session, client).failed == 1
            _due_now(session)
            last = deliver_once(session, client)
        assert (last.delivered, last.failed) == (2, 0)
        assert [e["type"] for e in receiver.received] == ["stock.changed", "order.submitted"]
        assert receiver.received[0]["payload"] == {"sku": "A", "on_hand": 5}
        assert receiver.signatures_ok == [True] * 4
        log = session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
        assert [(d.attempt, d.status_code, d.delivered) for d in log] == [
            (1, 503, False), (2, 503, False), (3, 200, True), (1, 200, True)]
        session.refresh(endpoint)
        assert endpoint.failures == 0 and endpoint.last_event_id == log[-1].event_id
    finally:
        receiver.close()


def test_a_wrong_secret_fails_the_check() -> None:
    from sync_engine.server.ops.integration.webhooks import sign

    body = b'{"id": 1}'
    assert sign("a", body) != sign("b", body)
    assert sign("a", body) == "sha256=" + hmac.new(b"a", body, hashlib.sha256).hexdigest()


def test_cli_tokens_and_webhooks(pg_db_url: str, session: Session,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["integration-token", "create", "wms", "--scopes", "stock", "--db",
                 pg_db_url]) == 0
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    assert secret.startswith("dhi_")
    assert main(["integration-token", "create", "x", "--scopes", "gold", "--db",
                 pg_db_url]) == 1
    assert "unknown scope 'gold'" in capsys.readouterr().err
    assert main(["integration-token", "list", "--db", pg_db_url]) == 0
    assert "wms\tstock\tactive\tlast used never" in capsys.readouterr().out
    assert main(["integration-token", "revoke", "wms", "--db", pg_db_url]) == 0
    assert main(["integration-token", "revoke", "wms", "--db", pg_db_url]) == 1
    capsys.readouterr()
    row = session.scalars(select(IntegrationToken)).one()
    assert row.revoked_at is not None and row.token_hash != secret

    assert main(["webhook", "add", "ftp://nope", "--db", pg_db_url]) == 1
    assert main(["webhook", "add", "https://erp.example/hook", "--db", pg_db_url]) == 0
    assert "secret (for X-Dinghuo-Signature)" in capsys.readouterr().out
    assert main(["webhook", "list", "--db", pg_db_url]) == 0
    assert "https://erp.example/hook" in capsys.readouterr().out
    assert main(["webhook", "log", "--db", pg_db_url]) == 0
    assert main(["webhook", "remove", "1", "--db", pg_db_url]) == 0
    assert main(["webhook", "remove", "1", "--db", pg_db_url]) == 1
