"""Laptop data safety: the outbox journal outside the replica, damage, backups, privacy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from sync_engine.client.engine import Engine
from sync_engine.client.journal import JOURNAL_FILENAME
from sync_engine.client.store import DB_FILENAME
from sync_engine.server.storage.models import MutationRecord, Order
from tests.client.conftest import Env
from tests.client.server_state import server_session


def _server_orders(env: Env) -> tuple[set[str], int]:
    with server_session(env.db_url) as s:
        ids = set(s.scalars(select(Order.id)))
        keys = int(s.scalar(select(func.count()).select_from(MutationRecord)) or 0)
    return ids, keys


def _unsent_orders(env: Env, data_dir: Path, n: int = 3) -> tuple[list[str], list[str]]:
    """A signed-in, synced device with ``n`` submitted orders (one edited) never sent."""
    device = env.device("rep1", name=data_dir.name)
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


def test_unsent_changes_are_journaled_before_saved(env: Env, tmp_path: Path) -> None:
    _ids, keys = _unsent_orders(env, tmp_path / "lap")
    journal = (tmp_path / "lap" / JOURNAL_FILENAME).read_text()
    assert all(key in journal for key in keys)
    assert len(keys) == 4  # three submits, one update


def test_deleted_replica_unsent_orders_reach_the_server_exactly_once(env: Env,
                                                                     tmp_path: Path) -> None:
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


def test_replica_lost_after_the_push_but_before_the_journal_forgot(env: Env,
                                                                   tmp_path: Path) -> None:
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
