"""The device's side of a server that goes back in time: what it keeps of what it sent, what it
sends again, and the evidence it carries — its cursor, and the last mutation the server applied
before it could pull (a restore between that push and the next pull must not go unnoticed).
Also: a password is never sent over plain http to another machine without asking."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import httpx
import pytest

from sync_engine.client import cipher, errors, outbox
from sync_engine.client.cli import main as client_cli
from sync_engine.client.engine import Engine
from sync_engine.client.journal import OutboxJournal
from sync_engine.client.store import DB_FILENAME, Store
from sync_engine.server.ops.cli import main as server_cli
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.server_state import assert_converged, server_order


def test_an_applied_order_the_server_forgot_before_the_device_pulled_goes_again(
    env: Env, tmp_path: Path,
) -> None:
    transport = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=transport)
    backup = tmp_path / "backup.sqlite3"
    assert server_cli(["backup", "--db", env.db_url, str(backup)]) == 0

    def no_pulls(request: httpx.Request) -> None:
        if request.url.path == "/v1/pull":
            raise httpx.ConnectError("the line dropped (test)", request=request)

    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[1]: 3})
    rep.submit(order.id)
    transport.on_request = no_pulls
    with pytest.raises(errors.NetworkError):
        rep.sync_once()  # the push was answered "applied"; the pull never happened
    assert server_order(env.db_url, order.id) is not None
    assert rep.status().pending == 0

    # The server is restored from the backup: its counter, and the device's cursor, are as
    # they were before the order. Only the answer the device holds tells.
    assert server_cli(["restore", "--db", env.db_url, str(backup)]) == 0
    assert server_order(env.db_url, order.id) is None
    transport.on_request = None
    sent = len(transport.requests)
    report = rep.sync_once()
    first_pull = next(r for r in transport.requests[sent:] if r.url.path == "/v1/pull")
    assert first_pull.url.params.get("last_applied")  # the evidence went with the pull
    assert report.resync and report.resubmitted >= 1
    restored = server_order(env.db_url, order.id)
    assert restored is not None and restored.status == "confirmed"
    assert_converged(rep, env.server, "rep1")
    # Once a pull has vouched for it, the next pull carries no key.
    sent = len(transport.requests)
    rep.sync_once()
    assert not any(r.url.params.get("last_applied") for r in transport.requests[sent:])


def test_changes_sent_again_after_a_restore_are_journaled_and_survive_a_lost_replica(
    env: Env, tmp_path: Path,
) -> None:
    transport = FlakyTransport(env.transport())
    rep = env.device("rep1", name="lap", transport=transport)
    data_dir = rep.store.data_dir
    backup = tmp_path / "backup.sqlite3"
    assert server_cli(["backup", "--db", env.db_url, str(backup)]) == 0
    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[1]: 3})
    rep.submit(order.id)
    assert rep.sync_once().applied == 1
    with rep.store.read() as db:
        [key] = [r[0] for r in db.execute("SELECT key FROM outbox WHERE state = 'done'")]
    journal = OutboxJournal(data_dir, cipher.database_key(data_dir))
    assert key not in [e.key for e in journal.unsent()]  # acknowledged: forgotten

    assert server_cli(["restore", "--db", env.db_url, str(backup)]) == 0

    def no_pushes(request: httpx.Request) -> None:
        if request.url.path == "/v1/push":
            raise httpx.ConnectError("the line dropped (test)", request=request)

    transport.on_request = no_pushes
    with pytest.raises(errors.NetworkError):
        rep.sync_once()  # resynced and queued the order again; sending it failed
    assert rep.status().pending == 1
    assert key in [e.key for e in journal.unsent()]  # unsent again: journaled again
    rep.close()
    env.engines.remove(rep)
    for suffix in ("", "-wal", "-shm"):  # the laptop's replica is lost
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)

    with Engine(data_dir, transport=env.transport()) as again:
        assert again.replayed == 1
        assert again.sync_once().applied == 1
        with again.store.read() as db:
            assert [r[0] for r in db.execute("SELECT key FROM outbox")] == [key]
        assert_converged(again, env.server, "rep1")
    restored = server_order(env.db_url, order.id)
    assert restored is not None and restored.status == "confirmed"


def _row(db: sqlite3.Connection, key: str) -> dict[str, object]:
    row = db.execute("SELECT state, answered_at, sent_by FROM outbox WHERE key = ?",
                     (key,)).fetchone()
    return dict(row)


def test_sent_changes_are_kept_for_the_window_and_only_the_senders_go_again(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path)
    days_ago = lambda n: (dt.datetime.now(dt.UTC) - dt.timedelta(days=n)).isoformat()  # noqa: E731
    try:
        with store.write() as db:
            keys = {}
            for name in ("recent", "old", "other_user", "refused", "unsent"):
                keys[name] = outbox.enqueue(db, "favourite.set",
                                            {"product_id": len(keys) + 1, "favourite": True})
            rows = {r["key"]: r["seq"] for r in db.execute("SELECT key, seq FROM outbox")}
            outbox.mark_done(db, rows[keys["recent"]], "{}", user_id=7)
            outbox.mark_done(db, rows[keys["old"]], "{}", user_id=7)
            outbox.mark_done(db, rows[keys["other_user"]], "{}", user_id=8)
            claimed = [c for c in outbox.claim(db, "me") if c.key == keys["refused"]]
            outbox.mark_refused(db, claimed[0], "rejected", "{}", conflict_id=1)
            # Answered long ago: past the window.
            db.execute("UPDATE outbox SET answered_at = ? WHERE key = ?",
                       (days_ago(31), keys["old"]))
        with store.write() as db:
            assert _row(db, keys["recent"])["sent_by"] == 7
            assert outbox.resend_applied(db, 7, keep_days=30) == 1
            assert _row(db, keys["recent"])["state"] == "pending"
            assert _row(db, keys["old"])["state"] == "done"  # too old to be sent again
            assert _row(db, keys["other_user"])["state"] == "done"  # never as another user
            assert _row(db, keys["refused"])["state"] == "rejected"  # it changed nothing
            assert outbox.prune(db, keep_days=30) == 1  # the old one goes, nothing else
            remaining = {r["key"] for r in db.execute("SELECT key FROM outbox")}
            assert remaining == set(keys.values()) - {keys["old"]}
            # No window at all: what is done goes; what waits or was refused never does.
            assert outbox.prune(db, keep_days=0) == 1
            assert _row(db, keys["recent"])["state"] == "pending"
    finally:
        store.close()


def test_no_password_over_plain_http_to_another_machine_without_asking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(401, json={"error": {
            "code": "invalid_credentials", "message": "Wrong user name or password.",
            "message_zh": "用户名或密码错误。", "fields": []}})

    mock = httpx.MockTransport(answer)
    with Engine(tmp_path / "a", "http://192.168.1.20:8000", transport=mock) as engine:
        with pytest.raises(errors.PasswordOverPlainHttp) as refused:
            engine.login("rep1", "secret")
        assert refused.value.host == "192.168.1.20" and not seen  # nothing was sent
        assert "http://" in str(refused.value) and "明文" in refused.value.message_zh
        with pytest.raises(errors.InvalidCredentials):
            engine.login("rep1", "secret", allow_plain_http=True)  # the user said yes
        assert len(seen) == 1 and seen[0].url.path == "/v1/auth/login"
    for url in ("https://dinghuo.example.com", "http://127.0.0.1:8000", "http://localhost:8000",
                "http://[::1]:8000"):
        with Engine(tmp_path / url.replace("/", "_").replace(":", "_"), url,
                    transport=mock) as engine, pytest.raises(errors.InvalidCredentials):
            engine.login("rep1", "secret")  # encrypted, or never leaves this machine
    # The command line says how to go on.
    monkeypatch.setenv("DINGHUO_PASSWORD", "secret")
    code = client_cli(["--data-dir", str(tmp_path / "cli"), "--server",
                       "http://192.168.1.20:8000", "login", "--user", "rep1"])
    assert code == 1
    err = capsys.readouterr().err
    assert "unencrypted" in err and "--allow-http" in err
