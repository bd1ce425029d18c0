"""The pull path made cheap for a fleet (issue 18 §5): the token checked in the pull's own
snapshot (a revocation is refused at once, wherever it was written), the devices' last pulls
written behind in one statement, a pull on SQLite reading beside a writer, and one wake-up
hop per event loop for a change that wakes everyone."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from fastapi.dependencies import utils as fastapi_utils
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.domain import Role
from sync_engine.server import accounts
from sync_engine.server.api import pull_groups
from sync_engine.server.api.app import create_app
from sync_engine.server.api.pull_notes import PullNotes
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.feed.notify import Announcement, Hub, Subscriber
from sync_engine.server.feed.pull import PullNote, note_pulls
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import Device, utcnow
from tests.server.test_metrics import served
from tests.support.api import Api
from tests.support.seed import seed


def _pull(api: Api) -> Any:
    return api.http.get("/v1/pull", params={"limit": 1000})


def test_a_pull_is_refused_at_once_when_its_device_or_token_is_revoked_anywhere(
        db_url: str) -> None:
    """Revocations written by another process (the CLI, another server instance) straight into
    the database: the very next pull is refused; nobody else's is."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        with served(app) as server, Api(server, "rep1") as lost, Api(server, "rep1") as out, \
                Api(server, "rep2") as bystander:
            for api in (lost, out, bystander):
                assert _pull(api).status_code == 200
            with sessions() as session:
                accounts.revoke_device(session, lost.client_id, wipe=True)
            r = _pull(lost)
            assert r.status_code == 401
            assert r.json()["error"]["code"] == "device_revoked" and r.json()["error"]["wipe"]
            with sessions() as session:
                accounts.sign_out_user(session, out.user["id"])
            r = _pull(out)
            assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
            assert _pull(bystander).status_code == 200
            # No token, or one never issued: refused too, before any query is read.
            bad = bystander.http.get("/v1/pull", headers={"Authorization": "Bearer nope"})
            assert bad.status_code == 401 and bad.json()["error"]["code"] == "token_invalid"
            none = bystander.http.get("/v1/pull", headers={"Authorization": ""},
                                      params={"limit": 0})
            assert none.status_code == 401
    finally:
        engine.dispose()


def test_a_pull_is_noted_behind_it_and_the_back_office_sees_it(db_url: str) -> None:
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    notes: PullNotes = app.state.services.pull_notes
    with served(app) as server, Api(server, "rep1") as rep, Api(server, "admin") as admin:
        notes.stop()  # no flush by the clock in this test: only the ones it asks for
        before = {d["id"]: d for d in admin.http.get("/v1/admin/devices").json()}
        assert before[rep.client_id]["last_pull_at"] is None
        rep.pull_all()
        rep.pull_all()
        assert notes.pending == 1  # two pulls of one device: one note, the later one
        rows = {d["id"]: d for d in admin.http.get("/v1/admin/devices").json()}
        assert notes.pending == 0
        assert rows[rep.client_id]["last_pull_at"] is not None
        assert rows[rep.client_id]["last_cursor_seq"] > 0
        assert rows[admin.client_id]["last_pull_at"] is None  # it never pulled


@contextmanager
def _one_device(db_url: str) -> Iterator[tuple[sessionmaker[Session], str, str]]:
    """Sessions on a seeded database, and a device of rep1 with the cursor of its pull."""
    seed(db_url)
    engine = make_engine(db_url)
    try:
        with served(create_app(ServerSettings(db=db_url, push_processes=0))) as server, \
                Api(server, "rep1") as rep:
            rep.pull_all()
        assert rep.cursor is not None
        yield make_session_factory(engine), rep.client_id, rep.cursor
    finally:
        engine.dispose()


def test_an_older_note_never_overwrites_a_newer_one(db_url: str) -> None:
    """Two server instances note one device: whichever flush lands last, the later pull
    stays."""
    with _one_device(db_url) as (sessions, device_id, _cursor):
        now = utcnow()
        with sessions() as session:
            note_pulls(session, [PullNote(device_id, now, 40)])
            note_pulls(session, [PullNote(device_id, now - dt.timedelta(seconds=5), 10)])
        with sessions() as session:
            row = session.get(Device, device_id)
            assert row is not None and row.last_cursor_seq == 40


def test_notes_that_fail_to_be_written_wait_for_the_next_flush(db_url: str) -> None:
    with _one_device(db_url) as (sessions, device_id, _cursor):
        notes = PullNotes(sessions)
        notes(device_id, 7)
        assert notes.pending == 1
        failing = mock.patch("sync_engine.server.api.pull_notes.note_pulls",
                             side_effect=OperationalError("UPDATE", {}, Exception("gone")))
        with failing, pytest.raises(OperationalError):
            notes.flush()
        assert notes.pending == 1  # kept
        notes.flush()
        assert notes.pending == 0
        with sessions() as session:
            row = session.get(Device, device_id)
            assert row is not None and row.last_pull_at is not None
            assert row.last_cursor_seq == 7


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_pull_on_sqlite_reads_beside_a_writer_holding_the_lock(db_url: str) -> None:
    """A pull begins its snapshot deferred: it does not queue for SQLite's one write lock (a
    fleet of pulls used to, behind every write and behind each other)."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    engine = make_engine(db_url)
    try:
        with served(app) as server, Api(server, "rep1") as rep:
            before = rep.pull_all()
            assert before
            with engine.connect() as writer:
                writer.execute(text("SELECT 1"))  # (BEGIN IMMEDIATE: the write lock, held)
                assert writer.in_transaction()
                r = _pull(rep)
                assert r.status_code == 200, r.text
                # A write in that pull's place would wait: the lock is really held.
                other = sqlite3.connect(str(make_url(db_url).database), timeout=0.05)
                try:
                    with pytest.raises(sqlite3.OperationalError, match="locked"):
                        other.execute("BEGIN IMMEDIATE")
                finally:
                    other.close()
                writer.rollback()
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_refused_sqlite_begin_is_raised_as_sqlalchemys_error(db_url: str) -> None:
    """SQLite's BEGIN goes to the driver's cursor, not through SQLAlchemy's execution: a BEGIN
    the database refuses (another writer holds the lock past the wait) is still raised as
    SQLAlchemy's ``OperationalError``, which callers catch."""
    seed(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as writer:
            writer.execute(text("SELECT 1"))  # (BEGIN IMMEDIATE: the write lock, held)
            with engine.connect() as other:
                other.connection.driver_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA busy_timeout=0")
                with pytest.raises(OperationalError, match="locked"):
                    other.execute(text("SELECT 1"))
            writer.rollback()
    finally:
        engine.dispose()


def _subscriber(loop: asyncio.AbstractEventLoop, user_id: int, role: Role,
                customers: set[int]) -> Subscriber:
    return Subscriber(user_id, role, None, customers, loop)


def test_a_change_for_everyone_wakes_every_stream_in_one_hop_per_loop() -> None:
    loop = asyncio.new_event_loop()
    try:
        hub = Hub()
        reps = [_subscriber(loop, i, Role.SALES_REP, {i}) for i in range(1, 201)]
        for sub in reps:
            hub.subscribe(sub)
        with mock.patch.object(loop, "call_soon_threadsafe",
                               wraps=loop.call_soon_threadsafe) as hop:
            hub.publish(Announcement(10, everyone=True))
            assert hop.call_count == 1
            hub.publish(Announcement(11, customers=frozenset({7})))
            assert hop.call_count == 2
            hub.publish(Announcement(10, everyone=True))  # not news: nobody, no hop
            hub.publish(Announcement(12, customers=frozenset({999})))  # nobody's customer
            assert hop.call_count == 2
        loop.run_until_complete(asyncio.sleep(0))
        assert all(sub.wake.is_set() for sub in reps)
        assert [sub.user_id for sub in reps if sub.latest == 11] == [7]  # rep 7 alone
        assert {sub.latest for sub in reps if sub.user_id != 7} == {10}
    finally:
        loop.close()


def test_streams_on_two_loops_are_each_woken_on_their_own() -> None:
    loops = [asyncio.new_event_loop() for _ in range(2)]
    woken: list[asyncio.AbstractEventLoop] = []
    try:
        hub = Hub()
        subs = [_subscriber(loop, n, Role.ADMIN, set()) for n, loop in enumerate(loops * 3)]
        for sub in subs:
            hub.subscribe(sub)
        done = threading.Event()

        def publish() -> None:
            hub.publish(Announcement(5, everyone=True))
            done.set()

        with mock.patch.object(loops[0], "call_soon_threadsafe",
                               side_effect=lambda *a: woken.append(loops[0])), \
                mock.patch.object(loops[1], "call_soon_threadsafe",
                                  side_effect=lambda *a: woken.append(loops[1])):
            threading.Thread(target=publish).start()
            assert done.wait(10)
        assert sorted(map(id, woken)) == sorted(map(id, loops))
    finally:
        for loop in loops:
            loop.close()


def test_pulls_are_worked_on_at_most_pull_threads_at_once(db_url: str) -> None:
    """A fleet woken at once queues on the event loop, not in forty threads fighting over the
    GIL and opening database connections past the pool's size; each pull is answered."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0, pull_threads=2))
    real = pull_groups.answer_pulls
    lock = threading.Lock()
    running, most = 0, 0

    def counted(*args: Any) -> Any:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            time.sleep(0.05)  # long enough for the others to pile up
            return real(*args)
        finally:
            with lock:
                running -= 1

    with served(app) as server, Api(server, "rep1") as rep, \
            mock.patch.object(pull_groups, "answer_pulls", counted), \
            ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _pull(rep), range(8)))
    assert [r.status_code for r in answers] == [200] * 8
    assert most == 2


def test_the_pull_threads_default_to_two_per_core_and_two_more() -> None:
    cores = os.cpu_count() or 1
    assert ServerSettings().pull_threads == 2 * cores + 2
    assert ServerSettings(pull_threads=0).pull_threads == 2 * cores + 2
    assert ServerSettings(pull_threads=3).pull_threads == 3


def test_pulls_of_two_reps_at_once_each_get_their_own_customers_only(db_url: str) -> None:
    """One page statement serves every rep (their own values are its parameters): pulls of two
    reps interleaved on the server's threads never hand one the other's customers."""
    s = seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0, pull_threads=4))
    mine = {"rep1": {str(s.customers["A"]), str(s.customers["B"])},
            "rep2": {str(s.customers["C"])}}
    with served(app) as server, Api(server, "rep1") as rep1, Api(server, "rep2") as rep2:

        def customers(api: Api) -> set[str]:
            r = api.http.get("/v1/pull", params={"limit": 1000})  # from the start each time
            assert r.status_code == 200, r.text
            return {c["id"] for c in r.json()["changes"] if c["entity"] == "customer"}

        with ThreadPoolExecutor(8) as pool:
            seen = list(pool.map(customers, [rep1, rep2] * 12))
    assert seen == [mine["rep1"], mine["rep2"]] * 12


def test_pull_and_push_are_answered_without_fastapis_request_handler(db_url: str) -> None:
    """The endpoints a woken fleet calls at once hand their request straight to their own
    checks (:class:`.LeanRoute`): no dependency is solved for them, as one is for any other
    route; and they still describe themselves in the OpenAPI document."""
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0))
    solved = mock.Mock(wraps=fastapi_utils.solve_dependencies)
    with served(app) as server, Api(server, "rep1") as rep, \
            mock.patch("fastapi.routing.solve_dependencies", solved):
        assert _pull(rep).status_code == 200
        assert rep.http.post("/v1/push", json={"mutations": []}).status_code == 422
        assert solved.call_count == 0
        assert rep.http.get("/healthz").status_code == 200
        assert solved.call_count > 0
        schema = rep.http.get("/openapi.json").json()
    assert {p["name"] for p in schema["paths"]["/v1/pull"]["get"]["parameters"]} >= {
        "cursor", "limit"}
    assert "requestBody" in schema["paths"]["/v1/push"]["post"]
