"""The push endpoint's work, on a thread of the server process or in push processes.

A push is CPU work in Python and in PostgreSQL, and one Python process runs Python on one core at
a time: with 20 devices pushing at once, its threads queued for the interpreter lock while their
transactions sat open in PostgreSQL (holding customer and stock locks), and a fifth of the
machine stood idle (``tests/perf/bench_server.py``). :class:`PushPool` hands each push to one of
a few single-threaded processes instead. The HTTP process only reads the request and writes the
answer; the pushes queue in arrival order, so no device waits behind a luckier one.

A push process holds nothing another needs: each has its own database connections, and
everything a push decides is decided in PostgreSQL, as with several server instances. If one dies
(killed, out of memory) the pushes it had are answered ``503 unavailable`` and the pool is
started afresh; the device resends, and the idempotency keys make the resend safe whether or not
the lost work had committed.

SQLite serves pushes on threads of the server process (one writer: more processes would only
wait for each other).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import json
import logging
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy import or_, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import PushRequest, PushResponse
from sync_engine.server import accounts as auth
from sync_engine.server.api.errors import (
    ApiError,
    BadRequest,
    ResyncRequired,
    Unavailable,
    auth_refusal,
    database_unavailable,
    internal_error_body,
    validation_error_body,
)
from sync_engine.server.api.logs import request_id
from sync_engine.server.api.metrics import ServerMetrics, start_metrics
from sync_engine.server.commands.apply import Settings, apply_push
from sync_engine.server.feed import pull as feed
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Device, User, utcnow
from sync_engine.server.storage.numbers import skip_numbers_past
from sync_engine.server.storage.sql import Executor

log = logging.getLogger(__name__)

PUSH_NOTE_INTERVAL = dt.timedelta(seconds=30)
"""How stale a device's last-push time may be (sync health reads minutes)."""


def signed_in(session: Executor, token: str) -> tuple[User, str]:
    """The token's user (in no session) and device; 401 if the token is no good."""
    try:
        return auth.authenticate(session, token)
    except auth.AuthError as exc:
        raise auth_refusal(exc) from exc


class PushNotes:
    """Records a device's last push for sync health, which needs minutes, not milliseconds:
    skipped (with its disk flush) when this process noted one in the last half minute; the
    WHERE covers the other processes."""

    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions
        self.recent: dict[str, dt.datetime] = {}  # device → when this process noted a push

    def __call__(self, device_id: str) -> None:
        now = utcnow()
        last = self.recent.get(device_id)
        if last is not None and now - last < PUSH_NOTE_INTERVAL:
            return
        with self.sessions() as session:
            session.execute(
                update(Device)
                .where(Device.id == device_id)
                .where(or_(Device.last_push_at.is_(None),
                           Device.last_push_at < now - PUSH_NOTE_INTERVAL))
                .values(last_push_at=now, last_seen_at=now)
                .execution_options(synchronize_session=False)
            )
            session.commit()
        self.recent[device_id] = now


def answer_push(sessions: sessionmaker[Session], note: Callable[[str], None], token: str,
                raw: bytes, metrics: ServerMetrics | None = None) -> bytes:
    """Apply a push request's body for the holder of ``token``; the answer's JSON.

    Raises :class:`.ApiError` or :class:`RequestValidationError` for a request it refuses. One
    session from the token to the first mutation's commit: the request's reads (who, settings)
    share the first mutation's transaction instead of paying for their own.
    """
    with sessions() as session:
        user, device_id = signed_in(session, token)
        try:
            body = PushRequest.model_validate_json(raw)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None
        if body.client_id != device_id:
            raise BadRequest(
                "client_mismatch",
                "client_id does not match the device this session signed in on.",
                "client_id 与登录设备不一致。",
            )
        if (body.cursor or body.last_applied) and feed.time_travel(
                session, user, body.cursor, body.last_applied):
            if body.highest_number:  # before the resubmissions are numbered
                skip_numbers_past(session, body.highest_number)
            raise resync_required()
        settings = Settings.load(session, request_id.get())
        results = apply_push(sessions, user, device_id, body.mutations, settings,
                             session=session)
    note(device_id)
    if metrics is not None:
        metrics.count_push(results)
    return PushResponse(results=results, server_time=utcnow()).model_dump_json().encode()


def resync_required() -> ResyncRequired:
    return ResyncRequired(
        "resync_required",
        "The server has gone back to an earlier state (restored from a backup or failed over) "
        "and does not have everything this device has seen. Nothing was applied: pull first "
        "(a full resync), then send your changes again with the same keys.",
        "服务器已回到较早的状态（从备份恢复或主备切换），缺少本设备已见过的数据。本次提交未执行："
        "请先拉取（完整重新同步），再用相同的幂等键重新发送更改。",
    )


# --- the push processes ---------------------------------------------------------------------

_worker: tuple[sessionmaker[Session], PushNotes, ServerMetrics] | None = None


def _start_worker(db_url: str, server_pid: int, metrics_dir: str) -> None:
    """Runs first in each push process."""
    global _worker
    _exit_with(server_pid)
    # Ctrl-C in a terminal reaches the whole process group: the server stops its pool itself,
    # after the pushes under way have answered.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING,
                        format="%(asctime)s push process %(process)d %(levelname)s %(message)s")
    metrics = start_metrics(metrics_dir)  # the server's directory: /metrics adds them up
    engine = make_engine(db_url, pool_size=2, max_overflow=4)
    metrics.watch_pool(engine)
    sessions = make_session_factory(engine)
    _worker = (sessions, PushNotes(sessions), metrics)
    gc.collect()
    gc.freeze()  # see app.settle_heap


def _exit_with(server_pid: int) -> None:
    """End this process when the server process ends, however it ends (a killed server does not
    stop its pool, and a push process would wait for work forever)."""
    try:
        handle = os.pidfd_open(server_pid)
    except (AttributeError, OSError):  # not Linux ≥ 5.3: look once a second
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable when the process has ended
        else:
            while _alive(server_pid):
                time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-server", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _ready() -> None:
    """Opens a connection ahead of the first push."""
    assert _worker is not None
    with _worker[0]() as session:
        session.connection()


def _push_in_worker(token: str, raw: bytes, rid: str = "-") -> tuple[int, bytes]:
    """A push in a push process: the HTTP status and body, errors rendered here (an exception
    would have to cross the process boundary by pickle)."""
    assert _worker is not None
    sessions, note, metrics = _worker
    request_id.set(rid)  # this process serves one push at a time: the id stays until the next
    try:
        return 200, answer_push(sessions, note, token, raw, metrics)
    except ApiError as exc:
        return exc.status, _encode(exc.body())
    except RequestValidationError as exc:
        return 422, _encode(validation_error_body(exc.errors()))
    except OperationalError as exc:  # the database went away (failover, restart): retry
        log.warning("database unavailable: %s", str(exc.orig or exc).strip().splitlines()[0])
        answer = database_unavailable()
        return answer.status, _encode(answer.body())
    except Exception:
        log.exception("unhandled error in a push (request %s)", rid)
        return 500, _encode(internal_error_body())


def _encode(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def _cut_off() -> Unavailable:
    return Unavailable(
        "unavailable",
        "The server stopped while working on this push; send it again (the keys make that "
        "safe).",
        "服务器处理本次提交时中断，请重新发送（幂等键保证不会重复）。",
    )


class PushPool:
    """``processes`` single-threaded push processes over the database at ``db_url``."""

    def __init__(self, db_url: str, processes: int, metrics: ServerMetrics):
        if processes < 1:
            raise ValueError("a push pool needs at least one process")
        self.db_url = db_url
        self.metrics = metrics
        self.processes = processes
        methods = multiprocessing.get_all_start_methods()
        # Not fork: the server process has threads (event loop, listener) by now.
        self._context = multiprocessing.get_context(
            "forkserver" if "forkserver" in methods else "spawn")
        if self._context.get_start_method() == "forkserver":
            # Imported once in the fork server: a new push process starts in milliseconds, and
            # shares that memory with the fork server (:mod:`.push_preload`).
            self._context.set_forkserver_preload([f"{__package__}.push_preload"])
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False

    def start(self) -> None:
        """Start the processes now rather than at the first pushes (blocks until they run)."""
        executor = self._current()
        # One task per process, all at once: the pool starts a process per waiting task.
        for future in [executor.submit(_ready) for _ in range(self.processes)]:
            future.result()

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise _cut_off()
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.processes, mp_context=self._context, initializer=_start_worker,
                    initargs=(self.db_url, os.getpid(), str(self.metrics.directory)))
            return self._executor

    async def push(self, token: str, raw: bytes) -> tuple[int, bytes]:
        """The push's HTTP status and body; raises ``503 unavailable`` if the process
        working on it died (the pool is then replaced)."""
        executor = self._current()
        try:
            return await asyncio.wrap_future(executor.submit(_push_in_worker, token, raw,
                                                            request_id.get()))
        except BrokenProcessPool:  # a RuntimeError too: first
            log.error("a push process died; starting the push processes again")
            for pid in self.pids():
                self.metrics.process_ended(pid)
            with self._lock:
                if self._executor is executor:
                    self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
            raise _cut_off() from None
        except RuntimeError:  # submitted after the pool was shut down: the server is stopping
            raise _cut_off() from None

    def pids(self) -> list[int]:
        """The push processes' ids (for tests and diagnostics)."""
        with self._lock:
            executor = self._executor
        processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
        return sorted(processes)

    def close(self) -> None:
        """Stop the processes once the pushes under way have answered."""
        with self._lock:
            executor, self._executor = self._executor, None
            self._closed = True
        if executor is not None:
            pids = sorted(getattr(executor, "_processes", None) or {})
            executor.shutdown(wait=True, cancel_futures=True)
            for pid in pids:
                self.metrics.process_ended(pid)
