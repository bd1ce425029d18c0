"""The server's log: one line per request with its id, nothing secret, a bug logged once."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server.api.app import create_app
from sync_engine.server.api.logs import JsonFormatter, TextFormatter
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.storage.engine import make_engine
from tests.server.test_metrics import served
from tests.support.api import Api
from tests.support.seed import seed

# A cursor the log must not hold. Not "abc": request ids are 16 hex digits, and about one in
# 300 holds "abc" (a CI run failed so); this one cannot occur in a hex id or a time.
_CURSOR = "zqvxw-kept-out"

def test_one_line_per_request_with_its_id_and_nothing_secret(
        db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    seed(db_url, password="s3cret-pass")
    app = create_app(ServerSettings(db=db_url, push_processes=0))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    caplog.set_level(logging.INFO)
    with served(app) as server, Api(server, "rep1", password="s3cret-pass") as rep:
        token = rep.http.headers["Authorization"].split()[1]
        caplog.clear()
        mine = rep.http.get("/v1/pull", params={"cursor": _CURSOR},
                            headers={"X-Request-Id": "dev-42.pull"})
        assert mine.headers["x-request-id"] == "dev-42.pull"
        assert mine.headers["server-timing"].startswith("app;dur=")  # the server's own time
        made = rep.http.get("/v1/me", headers={"X-Request-Id": "bad id; x"})
        assert made.headers["x-request-id"] != "bad id"
        assert len(made.headers["x-request-id"]) == 16
        with server.client(headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as http:
            bug = http.get("/boom")
        assert bug.status_code == 500
        assert bug.json()["error"]["code"] == "internal_error"
        assert bug.headers["x-request-id"]
        with server.client() as http:
            metrics = http.get("/metrics").text
    # Each request counted once, by route template and status (the bug too).
    assert 'route="/boom",status="500"} 1.0' in metrics

    # (The sign-in's line may land after the clear: it is written once the answer is sent.)
    lines = [r for r in caplog.records if r.name == "dinghuo.requests"
             and r.request["route"] not in ("/v1/auth/login", "/metrics")]  # type: ignore[attr-defined]
    assert [(r.request["route"], r.request["status"]) for r in lines] == [  # type: ignore[attr-defined]
        ("/v1/pull", 200), ("/v1/me", 200), ("/boom", 500)]
    assert lines[0].request_id == "dev-42.pull"  # type: ignore[attr-defined]
    bugs = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(bugs) == 1 and bugs[0].exc_info is not None  # once, with its traceback
    assert bugs[0].request_id == bug.headers["x-request-id"]  # type: ignore[attr-defined]
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    everything = "".join(JsonFormatter().format(r) for r in server)
    for secret in ("s3cret-pass", token, _CURSOR):
        assert secret not in everything

    as_json = json.loads(JsonFormatter().format(lines[0]))
    assert as_json["request_id"] == "dev-42.pull"
    assert as_json["route"] == "/v1/pull" and as_json["status"] == 200
    assert as_json["level"] == "info" and as_json["message"]


def test_database_errors_do_not_carry_parameter_values(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn, pytest.raises(DBAPIError) as raised:
        conn.execute(text("SELECT * FROM no_such_table WHERE x = :v"), {"v": "hunter2-value"})
    engine.dispose()
    assert "hunter2-value" not in str(raised.value)
    assert "hidden" in str(raised.value).lower()


def test_a_database_error_in_the_log_carries_no_row(pg_db_url: str) -> None:
    seed(pg_db_url)
    engine = make_engine(pg_db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO users (username, display_name, password_hash, role,"
                              " active, scope_epoch, created_at) VALUES ('rep1', 'Secret Name',"
                              " 'h', 'sales_rep', true, 1, now())"))
    except DBAPIError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "unhandled error", None,
                                   sys.exc_info())
    engine.dispose()
    assert "Key (username)" in str(record.exc_info[1])  # type: ignore[index]  # it was there
    for formatter in (TextFormatter(), JsonFormatter()):
        logged = formatter.format(record)
        assert "Traceback" in logged and "IntegrityError" in logged
        assert "Key (username)=(rep1)" not in logged
