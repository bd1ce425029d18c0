"""Pulls that wait together are served together, in one snapshot ("group read",
:mod:`sync_engine.server.api.pull_groups`): fewer transactions than pulls under concurrency,
and each pull of a group gets exactly what it would alone — its own token judged (a refused
one answered alone), its own user's scope, its own cursor's checks; a database error reaches
every pull of its group and loses nothing; a group holds no more than its caps."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any
from unittest import mock

import orjson
import pytest
from sqlalchemy import column, event, select, table, update
from sqlalchemy.exc import DBAPIError

from sync_engine.server import accounts
from sync_engine.server.accounts.tokens import issue_tokens
from sync_engine.server.api import logs, pull_groups
from sync_engine.server.api.app import create_app
from sync_engine.server.api.deps import Services
from sync_engine.server.api.errors import ApiError
from sync_engine.server.api.pull_groups import PullAsk, PullGroups, answer_pulls
from sync_engine.server.api.settings import ServerSettings
from sync_engine.server.api.thread_lane import ThreadLane
from sync_engine.server.feed import pull as feed
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_product
from sync_engine.server.storage.driver_statements import DriverStatement
from sync_engine.server.storage.models import AuthToken, Product, User
from tests.server.test_metrics import served
from tests.support.api import Api
from tests.support.seed import Seed, seed


@contextmanager
def _services(db_url: str, **settings: Any) -> Iterator[Services]:
    app = create_app(ServerSettings(db=db_url, push_processes=0, **settings))
    services: Services = app.state.services
    try:
        yield services
    finally:
        services.engine.dispose()


def _token(services: Services, user_id: int, device: str) -> str:
    with services.sessions() as session:
        user = session.get(User, user_id)
        assert user is not None
        return issue_tokens(session, user, device).access_token


def _rename_a_product(services: Services, name: str) -> None:
    with services.sessions() as session:
        product = session.scalars(select(Product).order_by(Product.id).limit(1)).one()
        product.name_zh = name
        product.version += 1
        uow = UnitOfWork(session)
        record_product(uow, product)
        uow.commit()


def _answer(services: Services, asks: list[PullAsk]) -> list[Any]:
    """The answers of one snapshot to ``asks``: a page's JSON decoded, or the error."""
    return [json.loads(a) if isinstance(a, str) else a
            for a in answer_pulls(services.engine, services.pull_notes, services.metrics, asks)]


def _customers(page: dict[str, Any]) -> set[str]:
    return {c["id"] for c in page["changes"] if c["entity"] == "customer"}


def test_pulls_at_once_are_served_in_fewer_transactions_than_pulls(db_url: str) -> None:
    seed(db_url)
    app = create_app(ServerSettings(db=db_url, push_processes=0, pull_threads=1))
    services: Services = app.state.services
    begins = 0
    groups: list[int] = []
    real = pull_groups.answer_pulls

    def count_begin(_connection: Any) -> None:
        nonlocal begins
        if threading.current_thread().name == "dinghuo-pull":
            begins += 1

    def slow(*args: Any) -> Any:
        time.sleep(0.05)  # long enough for the others to pile up
        answers = real(*args)
        groups.append(len(answers))
        return answers

    event.listen(services.engine, "begin", count_begin)
    with served(app) as server, Api(server, "rep1") as rep, \
            mock.patch.object(pull_groups, "answer_pulls", slow), ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(
            lambda _: rep.http.get("/v1/pull", params={"limit": 1000}), range(12)))
    assert [r.status_code for r in answers] == [200] * 12
    assert {len(r.json()["changes"]) for r in answers} == {len(answers[0].json()["changes"])}
    assert sum(groups) == 12 and max(groups) > 1
    assert begins < 12  # (a group's one snapshot, and a mark placed once)
    assert begins <= 2 * len(groups)


def test_a_refused_token_in_a_group_is_answered_alone_and_the_others_are_served(
        db_url: str) -> None:
    s = seed(db_url)
    with _services(db_url) as services:
        good = _token(services, s.users["rep1"], "good")
        revoked = _token(services, s.users["rep1"], "lost")
        expired = _token(services, s.users["rep2"], "old")
        cut_off = _token(services, s.users["rep2"], "stolen")
        with services.sessions() as session:
            accounts.sign_out_user(session, s.users["rep1"])  # revokes good too: issue again
        good = _token(services, s.users["rep1"], "good")
        with services.sessions() as session:
            session.execute(update(AuthToken).where(AuthToken.device_id == "old")
                            .values(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
            session.commit()
        with services.sessions() as session:
            accounts.revoke_device(session, "stolen", wipe=True)
        other = _token(services, s.users["rep2"], "fine")
        answers = _answer(services, [PullAsk(good, None, 1000), PullAsk(revoked, None, 1000),
                                     PullAsk("never-issued", None, 1000),
                                     PullAsk(expired, None, 1000), PullAsk(cut_off, None, 1000),
                                     PullAsk(other, None, 1000)])
    codes = [a.code if isinstance(a, ApiError) else None for a in answers]
    assert codes == [None, "token_revoked", "token_invalid", "token_expired",
                     "device_revoked", None]
    assert all(isinstance(a, ApiError) and a.status == 401 for a in answers[1:5])
    assert _customers(answers[0]) == {str(s.customers["A"]), str(s.customers["B"])}
    assert _customers(answers[5]) == {str(s.customers["C"])}


def test_two_reps_in_one_group_each_get_only_their_own_customers(db_url: str) -> None:
    s = seed(db_url)
    with _services(db_url) as services:
        rep1 = _token(services, s.users["rep1"], "r1")
        rep2 = _token(services, s.users["rep2"], "r2")
        admin = _token(services, s.users["admin"], "a")
        answers = _answer(services, [PullAsk(rep1, None, 1000), PullAsk(rep2, None, 1000)] * 3
                          + [PullAsk(admin, None, 1000)])
    mine = {str(s.customers["A"]), str(s.customers["B"])}
    theirs = {str(s.customers["C"])}
    assert [_customers(a) for a in answers[:6]] == [mine, theirs] * 3
    assert mine | theirs <= _customers(answers[6])
    # The cursors are each user's own: one of rep1's, handed to rep2, is not rep2's.
    assert feed.Cursor.decode(answers[0]["cursor"]).user_id == s.users["rep1"]  # type: ignore[union-attr]
    assert feed.Cursor.decode(answers[1]["cursor"]).user_id == s.users["rep2"]  # type: ignore[union-attr]


def test_a_resync_reason_of_one_pull_of_a_group_is_its_own(db_url: str) -> None:
    s = seed(db_url)
    with _services(db_url) as services:
        rep1 = _token(services, s.users["rep1"], "r1")
        rep2 = _token(services, s.users["rep2"], "r2")
        first = _answer(services, [PullAsk(rep1, None, 1000)])[0]
        _rename_a_product(services, "改名")
        answers = _answer(services, [PullAsk(rep2, "not-a-cursor", 1000),
                                     PullAsk(rep1, first["cursor"], 1000),
                                     PullAsk(rep2, first["cursor"], 1000)])  # rep1's cursor
    bad, fine, foreign = answers
    assert bad["resync"] and bad["resync_reason"] == "cursor_invalid"
    assert not fine["resync"] and fine["resync_reason"] is None
    assert [c["entity"] for c in fine["changes"]] == ["product"]
    # Another user's cursor: refused as not its own, served from the start (as alone).
    assert foreign["resync_reason"] == "cursor_invalid"
    assert _customers(foreign) == {str(s.customers["C"])}


def _broken_page_statement(calls: int) -> Any:
    """``feed._page_statement`` whose ``calls``-th statement fails in the database."""
    real = feed._page_statement
    seen = 0

    def page_statement(scope: Any) -> DriverStatement:
        nonlocal seen
        seen += 1
        if seen == calls:
            return DriverStatement(select(table("no_such_table", column("seq"))))
        return real(scope)
    return page_statement


async def _all(groups: PullGroups, asks: list[PullAsk]) -> list[Any]:
    return await asyncio.gather(*(groups.answer(a) for a in asks), return_exceptions=True)


def test_a_database_error_in_a_group_reaches_every_pull_and_loses_nothing(
        db_url: str) -> None:
    s = seed(db_url)
    with _services(db_url) as services:
        tokens = [_token(services, s.users[name], name) for name in ("rep1", "rep2", "admin")]
        cursors = [_answer(services, [PullAsk(t, None, 1000)])[0]["cursor"] for t in tokens]
        services.pull_notes.flush()
        _rename_a_product(services, "改名")
        groups = PullGroups(services.engine, ThreadLane(1), services.pull_notes,
                            services.metrics)
        asks = [PullAsk(t, c, 1000) for t, c in zip(tokens, cursors, strict=True)]
        sizes: list[int] = []
        real = pull_groups.answer_pulls

        def counted(*args: Any) -> Any:
            sizes.append(len(args[3]))
            return real(*args)

        with mock.patch.object(feed, "_page_statement", _broken_page_statement(2)), \
                mock.patch.object(pull_groups, "answer_pulls", counted):
            failed = asyncio.run(_all(groups, asks))
        assert sizes == [3]  # one group
        assert all(isinstance(a, DBAPIError) for a in failed)
        assert services.pull_notes.pending == 0  # nobody noted as having pulled
        again = [json.loads(a) for a in asyncio.run(_all(groups, asks))]
    for answer in again:  # each device pulls again: the change is there
        assert [c["entity"] for c in answer["changes"]] == ["product"]


def test_a_group_holds_at_most_most_pulls_and_stops_at_its_row_budget(db_url: str) -> None:
    s = seed(db_url)
    with _services(db_url) as services:
        token = _token(services, s.users["rep1"], "r1")
        asks = [PullAsk(token, None, 1000)] * 5
        sizes: list[tuple[int, int]] = []  # (pulls taken, pulls served)
        real = pull_groups.answer_pulls

        def counted(*args: Any) -> Any:
            answers = real(*args)
            sizes.append((len(args[3]), len(answers)))
            return answers

        with mock.patch.object(pull_groups, "answer_pulls", counted):
            by_count = PullGroups(services.engine, ThreadLane(1), services.pull_notes,
                                  services.metrics, most_pulls=2)
            counted_answers = asyncio.run(_all(by_count, asks))
            assert sizes == [(2, 2), (2, 2), (1, 1)]
            sizes.clear()
            by_rows = PullGroups(services.engine, ThreadLane(1), services.pull_notes,
                                 services.metrics, row_budget=1)
            budget_answers = asyncio.run(_all(by_rows, asks))
    # Each page holds changes: a group of five serves one, the rest wait for the next.
    assert sizes == [(5, 1), (4, 1), (3, 1), (2, 1), (1, 1)]
    pages = [json.loads(a) for a in counted_answers + budget_answers]
    assert len({len(p["changes"]) for p in pages}) == 1 and pages[0]["changes"]


def test_a_groups_page_queries_are_sent_together_within_its_row_budget(db_url: str) -> None:
    """A woken fleet's pulls (a change each) have their page queries sent together: on
    PostgreSQL in one pipeline, one round trip; a group's row budget still bounds what its
    pages may hold (full pages of first syncs are read one at a time)."""
    s = seed(db_url)
    with _services(db_url) as services:
        tokens = [_token(services, s.users[name], name) for name in ("rep1", "rep2", "admin")]
        firsts = [PullAsk(t, None, 1000) for t in tokens]
        cursors = [_answer(services, [ask])[0]["cursor"] for ask in firsts]
        _rename_a_product(services, "改名")
        woken = [PullAsk(t, c, 1000) for t, c in zip(tokens, cursors, strict=True)]
        batches: list[int] = []  # page queries per call of rows_each
        pipelined: list[int] = []  # statements sent in each pipeline (PostgreSQL)
        real_rows_each = feed.rows_each

        def rows_each(executor: Any, runs: Any) -> Any:
            batches.append(len(runs))
            return real_rows_each(executor, runs)

        def answer(asks: list[PullAsk], budget: int) -> list[Any]:
            batches.clear()
            pipelined.clear()
            return [json.loads(a) for a in answer_pulls(
                services.engine, services.pull_notes, services.metrics, asks, budget)]

        with mock.patch.object(feed, "rows_each", rows_each), _pipelines(db_url, pipelined):
            together = answer(woken, pull_groups.ROW_BUDGET)
            assert batches == [3]
            assert pipelined == ([3] if db_url.startswith("postgresql") else [])
            # A budget of two changes: two pages of one change are read together, then the
            # group stops (the third pull waits for the next group).
            assert len(answer(woken, 2)) == 2 and batches == [2]
            # First syncs' pages may be full: the first is read alone, and fills the budget.
            assert len(answer(firsts, 1)) == 1 and batches == [1] and pipelined == []
    assert [[c["entity"] for c in a["changes"]] for a in together] == [["product"]] * 3


@contextmanager
def _pipelines(db_url: str, sent: list[int]) -> Iterator[None]:
    """On PostgreSQL, count the statements sent in each of psycopg's pipelines in ``sent``."""
    if not db_url.startswith("postgresql"):
        yield
        return
    import psycopg

    real_pipeline, real_execute = psycopg.Connection.pipeline, psycopg.Cursor.execute

    @contextmanager
    def pipeline(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        sent.append(0)
        with real_pipeline(self, *args, **kwargs) as p:
            yield p

    def execute(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.connection._pipeline is not None:
            sent[-1] += 1
        return real_execute(self, *args, **kwargs)

    with mock.patch.object(psycopg.Connection, "pipeline", pipeline), \
            mock.patch.object(psycopg.Cursor, "execute", execute):
        yield


@pytest.mark.parametrize("group", [1, 3])
def test_a_pull_alone_and_in_a_group_answer_the_same(db_url: str, group: int) -> None:
    """One way a pull is served: feed.pull (a snapshot of one) and a group's pages match."""
    s: Seed = seed(db_url)
    with _services(db_url) as services:
        token = _token(services, s.users["rep1"], "r1")
        answers = _answer(services, [PullAsk(token, None, 1000)] * group)
        with services.sessions() as session:
            feed.begin(session)
            user = session.get(User, s.users["rep1"])
            assert user is not None
            alone = feed.pull(session, user, None, 1000)
    for answer in answers:
        assert answer["changes"] == [json.loads(c) for c in alone.changes]
        assert answer["cursor"] == alone.cursor


def test_cursors_at_several_positions_in_one_group_are_each_checked_against_their_mark(
        db_url: str) -> None:
    """Where the feed stands is read once for a group: the marks of every cursor's position
    (two in the one statement, any others in a second), each cursor judged by its own."""
    s = seed(db_url)
    with _services(db_url) as services:
        token = _token(services, s.users["rep1"], "r1")
        cursors = []
        cursor = None
        for n in range(3):
            cursor = _answer(services, [PullAsk(token, cursor, 1000)])[0]["cursor"]
            cursors.append(cursor)
            _rename_a_product(services, f"改名{n}")
        held = feed.Cursor.decode(cursors[-1])
        assert held is not None
        forged = feed.Cursor(held.seq, held.user_id, held.scope_epoch, held.log_epoch,
                             held.mark_seq, "0" * 16).encode()
        answers = _answer(services, [PullAsk(token, c, 1000) for c in [*cursors, forged]])
    assert [a["resync_reason"] for a in answers] == [None, None, None, "server_restored"]
    for answer in answers[:3]:  # (the feed holds a product's latest change only)
        assert [(c["entity"], c["data"]["name_zh"]) for c in answer["changes"]] == [
            ("product", "改名2")]
    assert len({a["cursor"] for a in answers[:3]}) == 1  # one position, one mark


def test_a_group_does_not_carry_the_request_id_of_the_pull_that_started_it(
        db_url: str) -> None:
    """A group serves several requests' pulls: what it logs carries none of their ids (the
    first request's id on every line of its group would send a reader to the wrong request)."""
    s = seed(db_url)
    seen: list[str] = []
    real = pull_groups.answer_pulls

    def recorded(*args: Any) -> Any:
        seen.append(logs.request_id.get())
        return real(*args)

    async def asked_by(groups: PullGroups, ask: PullAsk) -> str:
        logs.request_id.set("req-first")  # (set in this task's own context, as a request's)
        return await groups.answer(ask)

    with _services(db_url) as services:
        token = _token(services, s.users["rep1"], "r1")
        groups = PullGroups(services.engine, ThreadLane(1), services.pull_notes,
                            services.metrics)
        with mock.patch.object(pull_groups, "answer_pulls", recorded):
            answer = asyncio.run(asked_by(groups, PullAsk(token, None, 1000)))
    assert json.loads(answer)["changes"]
    assert seen == ["-"]


def test_a_hostile_cursor_fails_no_other_pull_of_its_group(db_url: str) -> None:
    """A cursor is read before its token is judged (the group's marks are read together): a
    crafted one — positions past what the database's integers hold — is only ever its own
    pull's problem, and a pull with no good token is refused for its token, nothing else."""
    s = seed(db_url)
    huge = [2**63, 2**64 - 1]
    crafted = [base64.urlsafe_b64encode(orjson.dumps(
        [2, seq, s.users["rep1"], 0, "epoch", mark_seq, "mark"])).decode().rstrip("=")
        for seq, mark_seq in ((0, huge[0]), (huge[1], huge[1]))]
    with _services(db_url) as services:
        token = _token(services, s.users["rep1"], "r1")
        answers = _answer(services, [PullAsk(token, None, 1000),
                                     PullAsk("never-issued", crafted[0], 1000),
                                     PullAsk(token, crafted[1], 1000),
                                     PullAsk(token, None, 1000)])
    assert _customers(answers[0]) == _customers(answers[3]) != set()
    assert isinstance(answers[1], ApiError) and answers[1].code == "token_invalid"
    # Not a cursor of this server: a resync from the start, as for any cursor it cannot read.
    assert answers[2]["resync"] and answers[2]["resync_reason"] == "cursor_invalid"
