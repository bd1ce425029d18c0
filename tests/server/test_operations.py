"""Operations: backups of the embedded server (``dinghuo-server backup``/``restore``), HTTPS
with ``serve --ssl-certfile/--ssl-keyfile``, and connection strings naming a primary and its
standbys."""

from __future__ import annotations

import sqlite3
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from sync_engine.server.ops.cli import main
from sync_engine.server.storage.engine import migrate, normalise_url
from tests.conftest import _pg_admin_exec
from tests.support.api import Api, mutation, new_id
from tests.support.live import free_port
from tests.support.seed import Seed, seed
from tests.support.server import app_server


def _submit(s: Seed) -> dict[str, object]:
    return mutation("order.submit", {
        "order_id": new_id(), "customer_id": s.customers["A"],
        "lines": [{"product_id": s.products[0], "quantity": 1, "unit_price": "9.00"}]})


def _orders(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM orders").fetchone()[0])


def test_backup_while_serving_and_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    db = tmp_path / "server.sqlite3"
    url = f"sqlite:///{db}"
    migrate(url)
    s = seed(url)
    backup_file = tmp_path / "backups" / "monday.sqlite3"
    with app_server(url) as server, Api(server, "rep1") as rep:
        # Orders keep arriving while the backup is taken: it holds one consistent state.
        stop = threading.Event()

        def keep_ordering() -> None:
            while not stop.is_set():
                assert rep.push(_submit(s))[0]["status"] == "applied"

        writer = threading.Thread(target=keep_ordering)
        writer.start()
        try:
            while _orders(db) < 3:
                stop.wait(0.01)
            assert main(["backup", "--db", url, str(backup_file)]) == 0
        finally:
            stop.set()
            writer.join()
        assert "backed up" in capsys.readouterr().out
        with sqlite3.connect(backup_file) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counter = copy.execute("SELECT value FROM sync_counter").fetchone()[0]
            assert copy.execute("SELECT MAX(seq) FROM change_log").fetchone()[0] == counter
            orders = copy.execute("SELECT COUNT(*) FROM orders").fetchone()[0]
            logged = copy.execute("SELECT COUNT(*) FROM change_log WHERE entity = 'order'"
                                  ).fetchone()[0]
            assert orders == logged >= 3
        rep.push(_submit(s))
        assert _orders(db) > orders
        # Restored while the server runs: the next request sees the backup's state.
        assert main(["restore", "--db", url, str(backup_file)]) == 0
        assert "restored" in capsys.readouterr().out
        assert _orders(db) == orders
        r = rep.push(_submit(s))[0]
        assert r["status"] == "applied"
        assert _orders(db) == orders + 1


def test_backup_and_restore_refuse_what_they_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    migrate(url)
    taken = tmp_path / "b.sqlite3"
    assert main(["backup", "--db", url, str(taken)]) == 0
    capsys.readouterr()
    # An existing file is never overwritten.
    assert main(["backup", "--db", url, str(taken)]) == 1
    assert "exists already" in capsys.readouterr().err
    # Not a backup: nothing is touched.
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert main(["restore", "--db", url, str(junk)]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert main(["restore", "--db", url, str(other)]) == 1
    assert "not a Dinghuo server database" in capsys.readouterr().err
    assert main(["restore", "--db", url, str(tmp_path / "missing.sqlite3")]) == 1
    assert "no such file" in capsys.readouterr().err
    # PostgreSQL has its own tools.
    assert main(["backup", "--db", "postgresql://u@127.0.0.1/x", str(tmp_path / "pg")]) == 1
    assert "pg_dump" in capsys.readouterr().err


def _self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    cert, key = folder / f"{name}-cert.pem", folder / f"{name}-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def test_serve_refuses_tls_files_it_cannot_use_before_it_says_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:
    cert, key = _self_signed(tmp_path, "one")
    _, other_key = _self_signed(tmp_path, "two")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a key\n")
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    cases = [
        (tmp_path / "missing.pem", key, "missing.pem: no such file"),
        (cert, tmp_path, "a folder, not a PEM file"),
        (cert, garbage, "not a PEM certificate and its private key"),
        (garbage, key, "not a PEM certificate and its private key"),
        (cert, other_key, "not a PEM certificate and its private key"),  # another cert's key
    ]
    for cert_file, key_file, expected in cases:
        assert main(["serve", "--db", url, "--port", str(free_port()), "--ssl-certfile",
                     str(cert_file), "--ssl-keyfile", str(key_file)]) == 1
        err = capsys.readouterr().err
        assert expected in err and len(err.strip().splitlines()) == 1, err
    assert "https" not in caplog.text  # nothing said it serves
    assert not (tmp_path / "server.sqlite3").exists()  # refused before migrating


@pytest.mark.live  # dinghuo-server serve in a process of its own
def test_serve_over_tls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert, key = _self_signed(tmp_path, "server")
    url = f"sqlite:///{tmp_path / 'server.sqlite3'}"
    assert main(["serve", "--db", url, "--ssl-certfile", str(cert)]) == 1
    assert "go together" in capsys.readouterr().err
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sync_engine.server", "serve", "--db", url, "--port", str(port),
         "--ssl-certfile", str(cert), "--ssl-keyfile", str(key), "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        trust = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(verify=trust, timeout=5) as https:
            answer = None
            for _ in range(300):
                try:
                    answer = https.get(f"https://127.0.0.1:{port}/healthz")
                    break
                except httpx.ConnectError:
                    if server.poll() is not None:
                        break
                    time.sleep(0.05)
            assert answer is not None and answer.json()["status"] == "ok"
        # Plain HTTP to the TLS port gets no answer from the API.
        with httpx.Client(timeout=5) as plain, pytest.raises(httpx.HTTPError):
            plain.get(f"http://127.0.0.1:{port}/healthz").raise_for_status()
        # A client that does not trust the certificate is refused.
        with httpx.Client(timeout=5) as untrusting, pytest.raises(httpx.ConnectError):
            untrusting.get(f"https://127.0.0.1:{port}/healthz")
    finally:
        server.terminate()
        server.wait(30)
        assert server.stderr is not None
        server.stderr.close()


def test_several_hosts_as_libpq_writes_them() -> None:
    assert normalise_url(
        "postgresql://dinghuo:pw@db1:5432,db2:5433/dinghuo?target_session_attrs=read-write"
    ) == ("postgresql+psycopg://dinghuo:pw@/dinghuo?host=db1:5432&host=db2:5433"
          "&target_session_attrs=read-write")
    assert normalise_url("postgres://db1,db2/x") == "postgresql+psycopg:///x?host=db1&host=db2"
    assert normalise_url("postgresql://u@h:5432/d") == "postgresql+psycopg://u@h:5432/d"
    assert normalise_url("sqlite:///a,b.sqlite3") == "sqlite:///a,b.sqlite3"


def test_a_database_that_went_away_answers_503_then_serves_again(pg_db_url: str) -> None:
    """As in a failover: every connection of the server is cut. The request that finds its
    connection dead is told to send again (503 unavailable, not a 500 bug), and the server
    connects afresh for the next."""
    s = seed(pg_db_url)
    name = pg_db_url.rpartition("/")[2]
    with app_server(pg_db_url) as server, Api(server, "rep1") as rep:
        rep.pull_all()
        for method, path, body in (("GET", "/v1/pull", None),
                                   ("POST", "/v1/push", {"client_id": rep.client_id,
                                                         "mutations": [_submit(s)]})):
            _pg_admin_exec(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                           f" WHERE datname = '{name}' AND pid <> pg_backend_pid()")
            r = rep.http.request(method, path, json=body)
            assert r.status_code == 503, r.text
            error = r.json()["error"]
            assert error["code"] == "unavailable" and "again" in error["message"]
            assert error["message_zh"]
            # The same request, sent again: served (a push's key makes that safe).
            assert rep.http.request(method, path, json=body).status_code == 200
