"""Laptop data safety: the outbox journal outside the replica, damage, backups, privacy."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import func, select

from sync_engine.client import backups, cipher, cli, integrity
from sync_engine.client.engine import Engine
from sync_engine.client.journal import JOURNAL_FILENAME, OutboxJournal
from sync_engine.client.store import DB_FILENAME
from sync_engine.server.storage.models import MutationRecord, Order
from tests.client.conftest import Env
from tests.client.server_state import server_session

pytestmark = pytest.mark.live  # the CLI reaches the server over a socket



def _server_orders(env: Env) -> tuple[set[str], int]:
    with server_session(env.db_url) as s:
        ids = set(s.scalars(select(Order.id)))
        keys = int(s.scalar(select(func.count()).select_from(MutationRecord)) or 0)
    return ids, keys


def _unsent_orders(env: Env, data_dir: Path, n: int = 3) -> tuple[list[str], list[str]]:
    """A signed-in, synced device with ``n`` submitted orders (one edited) never sent."""
    device = env.device("rep1", name=data_dir.name)
    device.maintain()  # the upkeep after the first sync: a backup (as the app and CLI run it)
    a = env.seed.customers["A"]
    p1, p2 = env.seed.products[:2]
    ids = []
    for i in range(n):
        draft = device.create_draft(a, {p1: 1 + i})
        device.submit(draft.id)
        ids.append(draft.id)
    device.update_order(ids[0], lines={p2: 2})
    with device.store.read() as db:
        keys = [r[0] for r in db.execute("SELECT key FROM outbox WHERE state = 'pending'")]
    device.close()
    env.engines.remove(device)
    return ids, keys


def _remove_replica(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)


def test_unsent_changes_are_journaled_before_saved(live_env: Env, tmp_path: Path) -> None:
    env = live_env
    _ids, keys = _unsent_orders(env, tmp_path / "lap")
    folder = tmp_path / "lap"
    journaled = OutboxJournal(folder, cipher.database_key(folder)).unsent()
    assert [e.key for e in journaled] == keys
    assert len(keys) == 4  # three submits, one update
    raw = (folder / JOURNAL_FILENAME).read_bytes()  # sealed: neither keys nor arguments show
    assert not any(key.encode() in raw for key in keys) and b"customer_id" not in raw


def test_deleted_replica_unsent_orders_reach_the_server_exactly_once(live_env: Env,
                                                                     tmp_path: Path) -> None:
    env = live_env
    data_dir = tmp_path / "lap"
    ids, keys = _unsent_orders(env, data_dir)
    before_ids, before_keys = _server_orders(env)
    assert not set(ids) & before_ids
    _remove_replica(data_dir)

    with Engine(data_dir) as engine:  # same device, same session: nothing to type again
        assert engine.replayed == len(keys)
        report = engine.sync_once()
        assert report.pushed == len(keys)
        assert {o.id for o in engine.orders() if o.status != "draft"} >= set(ids)
        with engine.store.read() as db:
            answered = {r[0]: r[1] for r in db.execute("SELECT key, state FROM outbox")}
        # Each answered as it would have been without the loss (the server auto-confirms, so
        # the edit is a conflict the user now sees).
        assert {answered[k] for k in keys[:3]} == {"done"}
        assert answered[keys[3]] == "conflict"
    server_ids, server_keys = _server_orders(env)
    assert set(ids) <= server_ids
    assert server_keys == before_keys + len(keys)
    # Sent and acknowledged: the journal forgot them, a second loss replays nothing.
    assert not any(key in (data_dir / JOURNAL_FILENAME).read_text() for key in keys)
    _remove_replica(data_dir)
    with Engine(data_dir) as engine:
        assert engine.replayed == 0
        engine.sync_once()
    assert _server_orders(env) == (server_ids, server_keys)


def test_replica_lost_after_the_push_but_before_the_journal_forgot(live_env: Env,
                                                                   tmp_path: Path) -> None:
    env = live_env
    data_dir = tmp_path / "lap"
    _ids, keys = _unsent_orders(env, data_dir)
    journal = (data_dir / JOURNAL_FILENAME).read_bytes()
    with Engine(data_dir) as engine:
        engine.sync_once()
    server = _server_orders(env)
    _remove_replica(data_dir)
    (data_dir / JOURNAL_FILENAME).write_bytes(journal)  # as if the compaction never ran
    with Engine(data_dir) as engine:
        assert engine.replayed == len(keys)
        engine.sync_once()
        with engine.store.read() as db:
            states = [r[0] for r in db.execute("SELECT state FROM outbox ORDER BY seq")]
        # Answered from the server's idempotency records, as the first time.
        assert states == ["done", "done", "done", "conflict"]
    assert _server_orders(env) == server


def test_replica_commits_are_synced_to_disk(tmp_path: Path) -> None:
    with Engine(tmp_path) as engine, engine.store.read() as db:
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert isinstance(sqlite3.sqlite_version, str)


def _checkpoint(data_dir: Path) -> None:
    conn = cipher.connect(data_dir / DB_FILENAME, cipher.database_key(data_dir))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _truncate_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _garbage_middle(path: Path) -> None:
    with path.open("r+b") as f:
        f.seek(path.stat().st_size // 2 - 32 * 1024)
        f.write(random.Random(7).randbytes(64 * 1024))


def _overwrite_header(path: Path) -> None:
    with path.open("r+b") as f:
        f.write(b"\xff" * 100)


@pytest.mark.parametrize("damage", [_truncate_half, _garbage_middle, _overwrite_header])
@pytest.mark.parametrize("with_backup", [False, True])
def test_damaged_replica_is_repaired_and_unsent_orders_arrive_once(
        live_env: Env, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        damage: Callable[[Path], None], with_backup: bool) -> None:
    env = live_env
    data_dir = tmp_path / "lap"
    ids, keys = _unsent_orders(env, data_dir)  # a backup was taken after the first sync
    if not with_backup:
        shutil.rmtree(data_dir / backups.BACKUP_DIR)
    _, before_keys = _server_orders(env)
    _checkpoint(data_dir)
    damage(data_dir / DB_FILENAME)
    assert integrity.damage(data_dir / DB_FILENAME, cipher.database_key(data_dir)) is not None

    code = cli.main(["--data-dir", str(data_dir), "sync"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_CONFLICTS, err  # the edit of an auto-confirmed order, as before
    repaired = [line for line in err.splitlines() if line.startswith("dinghuo-cli: repaired:")]
    assert len(keys) > 1 and len(repaired) == 1 and f"{len(keys)} unsent changes" in repaired[0]
    assert ("restored from the backup" in repaired[0]) == with_backup
    assert list(data_dir.glob(f"{DB_FILENAME}.damaged-*"))
    server_ids, server_keys = _server_orders(env)
    assert set(ids) <= server_ids
    assert server_keys == before_keys + len(keys)
    with Engine(data_dir) as engine:  # sound now: no second repair, nothing sent twice
        assert engine.repair is None and engine.replayed == 0
        assert set(ids) <= {o.id for o in engine.orders()}
        engine.sync_once()
    assert _server_orders(env)[1] == server_keys


def test_database_damaged_in_use_is_one_line_and_exit_6(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Engine(tmp_path).close()
    damaged = mock.Mock(side_effect=cipher.DatabaseError("malformed"))
    with mock.patch.dict(cli.COMMANDS, {"status": damaged}):
        code = cli.main(["--data-dir", str(tmp_path), "status"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_DAMAGED
    assert len(err.splitlines()) == 1 and "damaged" in err


def test_backup_and_restore_verbs(live_env: Env, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    env = live_env
    data_dir = tmp_path / "lap"
    device = env.device("rep1", name="lap")
    device.close()
    env.engines.remove(device)
    assert not (data_dir / backups.BACKUP_DIR).exists()  # the upkeep comes after the round
    assert cli.main(["--data-dir", str(data_dir), "backup"]) == 0
    assert "backed up to" in capsys.readouterr().out
    ids, keys = _unsent_orders(env, data_dir)
    assert cli.main(["--data-dir", str(data_dir), "restore"]) == 0
    assert "restored" in capsys.readouterr().out
    with Engine(data_dir) as engine:  # the backup had no orders: the journal brought them back
        assert engine.status().pending == len(keys)
        engine.sync_once()
    assert set(ids) <= _server_orders(env)[0]
    assert cli.main(["--data-dir", str(data_dir), "backup", "--list"]) == 0
    assert "manual" in capsys.readouterr().out


def test_scheduled_backups_rotate_and_health_reports_them(tmp_path: Path) -> None:
    with Engine(tmp_path) as engine:
        assert engine.health().newest_backup_age is None
        engine.maintain()
        health = engine.health()
        assert health.backups == 1 and health.integrity == "ok"
        assert health.newest_backup_age is not None and health.newest_backup_age < 3600
        engine.maintain()  # not due yet
        assert engine.health().backups == 1
        for _ in range(6):
            backups.make_backup(engine.store, "recent")
        kinds = [b.kind for b in backups.list_backups(tmp_path)]
        assert kinds.count("recent") == backups.KEEP_RECENT


def test_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "data"
        with Engine(folder) as engine:
            with engine.store.write() as db:
                engine.store.set_meta(db, "probe", "1")
            engine.maintain()
            paths = [folder, *folder.rglob("*")]
            assert {p.name for p in paths} >= {DB_FILENAME, JOURNAL_FILENAME, "backups"}
            for p in paths:
                mode = p.stat().st_mode & 0o777
                assert mode == (0o700 if p.is_dir() else 0o600), (p, oct(mode))
        # A folder made public by someone else is made private again at the next start.
        folder.chmod(0o755)
        (folder / DB_FILENAME).chmod(0o644)
        Engine(folder).close()
        assert folder.stat().st_mode & 0o777 == 0o700
        assert (folder / DB_FILENAME).stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


_KILLED = """
import sys
from pathlib import Path
from sync_engine.client import backups, cipher
from sync_engine.client.engine import Engine
folder, action = Path(sys.argv[1]), sys.argv[2]
if action == "backup":
    with Engine(folder) as engine:
        print("ready", flush=True)
        while True:
            backups.make_backup(engine.store, "recent")
else:
    newest = backups.list_backups(folder)[0].path
    print("ready", flush=True)
    while True:
        backups.restore(folder, newest, cipher.database_key(folder))
"""


@pytest.mark.parametrize("action", ["backup", "restore"])
def test_kill_9_during_backup_or_restore_leaves_a_consistent_start(
        tmp_path: Path, action: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DINGHUO_KEYRING", "file")  # the key is the child processes' too
    folder = tmp_path / "data"
    with Engine(folder) as engine, engine.store.write() as db:
        client_id = engine.client_id
        for i in range(3000):  # a few MB, so that a copy takes a while
            engine.store.set_meta(db, f"filler{i}", "x" * 2000)
    with Engine(folder) as engine:
        backups.make_backup(engine.store, "manual")
    key = cipher.database_key(folder)
    rng = random.Random(99)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(folder), action],
                                stdout=subprocess.PIPE, text=True,
                                cwd=Path(__file__).resolve().parents[2])
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
        with Engine(folder) as engine:
            assert engine.repair is None  # neither a half backup nor a half restore is used
            assert engine.client_id == client_id
            with engine.store.read() as db:
                assert engine.store.get_meta(db, "filler2999") == "x" * 2000
        assert integrity.full_check(folder, key) is None
        for b in backups.list_backups(folder):
            assert integrity.damage(b.path, key) is None, b.path
