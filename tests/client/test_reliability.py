"""Crashes and concurrency: kill -9 at random moments of a sync, two processes on one database.

The processes reach the server over loopback (``live_env``); threads share it in process."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync_engine.client.engine import Engine
from sync_engine.client.store import DB_FILENAME
from sync_engine.server.storage.models import MutationRecord, Order
from tests.client.conftest import Env
from tests.client.search_check import assert_store_search_consistent
from tests.client.server_state import assert_converged, server_session

DRIVER = Path(__file__).with_name("sync_driver.py")


@pytest.fixture(autouse=True)
def key_in_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drivers are processes of their own: the replica's key (and the tokens) must be where
    each of them, and this test afterwards, finds it."""
    monkeypatch.setenv("DINGHUO_KEYRING", "file")


def _start(env: Env, data_dir: Path, *extra: str) -> subprocess.Popen[str]:
    s = env.seed
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(data_dir), env.url, "rep1", str(s.customers["A"]),
         *(str(p) for p in s.products), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def _wait_ready(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "ready":
        _out, err = proc.communicate(timeout=10)
        raise AssertionError(f"driver did not start: {line!r} {err}")


def _server_facts(db_url: str) -> tuple[set[str], int]:
    with server_session(db_url) as s:
        ids = set(s.scalars(select(Order.id)))
        keys = int(s.scalar(select(func.count()).select_from(MutationRecord)) or 0)
    return ids, keys


def _check(env: Env, data_dir: Path, saved: set[str]) -> None:
    with Engine(data_dir) as engine:
        local = {o.id for o in engine.orders(limit=100_000) if o.status != "draft"}
        with engine.store.read() as db:
            done = db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'done'").fetchone()[0]
        server_ids, keys = _server_facts(env.db_url)
        assert saved <= local, "an order the user saw saved is gone"
        assert local == server_ids, "local and server orders differ"
        assert keys == done, "a mutation was applied more than once or not at all"
        assert_converged(engine, env.server, "rep1")
    assert_store_search_consistent(data_dir / DB_FILENAME)


def _kill_many(env: Env, data_dir: Path, kills: int) -> set[str]:
    saved: set[str] = set()
    rng = random.Random(1234)
    for _ in range(kills):
        proc = _start(env, data_dir)
        _wait_ready(proc)
        time.sleep(rng.uniform(0, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=10)
        saved |= {line.split()[1] for line in out.splitlines() if line.startswith("saved ")}
    # Converge: one clean run to the end.
    proc = _start(env, data_dir, "--once")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    return saved


@pytest.mark.slow
@pytest.mark.live
def test_kill_9_during_sync_loses_nothing_and_duplicates_nothing(live_env: Env,
                                                                 tmp_path: Path) -> None:
    env = live_env
    saved = _kill_many(env, tmp_path / "dev", kills=40)
    assert len(saved) > 40
    _check(env, tmp_path / "dev", saved)


@pytest.mark.slow
@pytest.mark.live
def test_kill_9_on_postgres(live_env_pg: Env, tmp_path: Path) -> None:
    env_pg = live_env_pg
    saved = _kill_many(env_pg, tmp_path / "dev", kills=12)
    _check(env_pg, tmp_path / "dev", saved)


@pytest.mark.live
def test_two_processes_on_one_database_never_push_a_mutation_twice(live_env_pg: Env,
                                                                   tmp_path: Path) -> None:
    env_pg = live_env_pg
    data_dir = tmp_path / "shared"
    s = env_pg.seed
    with Engine(data_dir, env_pg.url) as engine:
        engine.login("rep1", "demo")
        engine.sync_once()
        for i in range(60):
            draft = engine.create_draft(s.customers["A"], {s.products[i % 5]: 1})
            engine.submit(draft.id)
    procs = [_start(env_pg, data_dir, "--once") for _ in range(2)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with server_session(env_pg.db_url) as session:
        keys = list(session.scalars(select(MutationRecord.idempotency_key)))
    assert len(keys) == len(set(keys)) == 60
    # Each mutation was sent once: a second send would have been answered as a replay.
    assert _replayed(data_dir) == 0
    _check(env_pg, data_dir, set())


def _replayed(data_dir: Path) -> int:
    with Engine(data_dir) as engine, engine.store.read() as db:
        return int(db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'done'"
                              " AND json_extract(result, '$.replayed')").fetchone()[0])


def test_two_engines_in_threads_share_the_outbox(env: Env, tmp_path: Path) -> None:
    data_dir = tmp_path / "shared"
    s = env.seed
    first = env.device(None, name="shared")
    first.login("rep1", "demo")
    first.sync_once()
    for i in range(30):
        draft = first.create_draft(s.customers["B"], {s.products[i % 5]: 1})
        first.submit(draft.id)
    second = Engine(data_dir, env.url, transport=env.transport(), push_batch=2)
    env.engines.append(second)
    threads = [threading.Thread(target=e.sync_once) for e in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    first.sync_once()
    server_ids, keys = _server_facts(env.db_url)
    assert len(server_ids) == 30 and keys == 30
    assert _replayed(data_dir) == 0
