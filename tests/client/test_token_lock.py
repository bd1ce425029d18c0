"""Two processes on one device refresh the session at the same moment: one refresh, both go on.

A refresh token works once; the server takes a second use as theft and ends the session. Each
``Auth`` here stands for a process (its own thread lock, its own handle on the lock file); they
share the keyring entry, as processes share the OS keyring. The refresh is slowed down so both
are inside it at once.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sync_engine.client import errors
from sync_engine.client.session import TOKEN_LOCK, Auth
from sync_engine.client.transport import ServerApi
from tests.client.conftest import Env

LATER = 4_000_000_000.0  # both processes believe the access token has run out


def _race(env: Env, lock_file: Path | None) -> tuple[list[Any], int]:
    device = env.device("rep1")
    calls = []
    barrier = threading.Barrier(2)

    def process() -> Any:
        api = ServerApi(env.url, transport=env.transport())
        refresh = api.refresh

        def slow_refresh(token: str, client_id: str) -> Any:
            calls.append(token)
            time.sleep(0.3)
            return refresh(token, client_id)

        api.refresh = slow_refresh  # type: ignore[method-assign]
        auth = Auth(api, device.client_id, clock=lambda: LATER, lock_file=lock_file)
        barrier.wait()
        try:
            token = auth.token()
            api.pull(token, None, 1)  # the token works
            return token
        except errors.SignInRequired as exc:
            return exc
        finally:
            api.close()

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: process(), range(2)))
    return outcomes, len(calls)


def test_the_second_process_waits_and_uses_the_fresh_tokens(env: Env, tmp_path: Path) -> None:
    outcomes, refreshes = _race(env, tmp_path / TOKEN_LOCK)
    assert refreshes == 1
    assert all(isinstance(o, str) for o in outcomes) and outcomes[0] == outcomes[1]


def test_without_the_shared_lock_the_race_ends_the_session(env: Env) -> None:
    """What the lock prevents: both refresh with the same token, the server revokes the family."""
    outcomes, refreshes = _race(env, None)
    assert refreshes == 2
    assert any(isinstance(o, errors.SignInRequired) for o in outcomes)


def test_the_engine_locks_beside_its_database(env: Env) -> None:
    device = env.device("rep1")
    device.sync_once()
    assert (device.store.data_dir / TOKEN_LOCK).exists()

