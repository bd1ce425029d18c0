"""The pull's hot statements run on the driver's cursor (:mod:`.storage.driver_statements`):
the answer is the same, byte for byte, as through SQLAlchemy's own execution, for every role,
page by page, across a customer that moves from one rep to another; and a driver's error is
raised as SQLAlchemy's, as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import Engine, func, literal_column, select, table, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.server.accounts.tokens import issue_tokens
from sync_engine.server.api.errors import ApiError
from sync_engine.server.api.push_pool import signed_in
from sync_engine.server.feed import pull as feed
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_customer
from sync_engine.server.feed.scoping import reassign_customer
from sync_engine.server.storage.driver_statements import DriverStatement
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import AuthToken, CursorMark, Customer, User
from tests.support.seed import Seed, seed

USERS = ("rep1", "rep2", "admin", "clerk1", "owner1")


def _through_sqlalchemy(self: DriverStatement, session: Session,
                        params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """What :meth:`DriverStatement.rows` stands for: the statement executed by SQLAlchemy."""
    return [tuple(row) for row in session.connection().execute(self.statement, dict(params))]


def _feed_pages(sessions: Any, user_id: int, limit: int) -> list[feed.PullPage]:
    """Every page of the user's feed from the start, as pulled."""
    pages: list[feed.PullPage] = []
    cursor = None
    while True:
        with sessions() as session:
            feed.begin(session)
            user = session.get(User, user_id)
            assert user is not None
            page = feed.pull(session, user, cursor, limit)
        pages.append(page)
        cursor = page.cursor
        if not page.has_more:
            return pages


def _pages(sessions: Any, user_id: int, limit: int) -> list[str]:
    """Every page of the user's feed from the start, rendered (one server time for all)."""
    return [feed.render_page(page, "2026-01-01T00:00:00+00:00")
            for page in _feed_pages(sessions, user_id, limit)]


def _pages_on_connections(engine: Engine, user_id: int, limit: int) -> list[str]:
    """:func:`_pages`, each page pulled on a plain connection as the server pulls (its token
    checked in the pull's snapshot)."""
    with make_session_factory(engine)() as session:
        user = session.get(User, user_id)
        assert user is not None
        token = issue_tokens(session, user, f"device-{user_id}").access_token
    pages: list[str] = []
    cursor = None
    while True:
        with engine.connect() as connection:
            feed.begin(connection)
            signed, _ = signed_in(connection, token)
            page = feed.pull(connection, signed, cursor, limit)
            assert not connection.in_transaction()
        pages.append(feed.render_page(page, "2026-01-01T00:00:00+00:00"))
        cursor = page.cursor
        if not page.has_more:
            return pages


def _give_b_to_rep2(sessions: sessionmaker[Session], s: Seed) -> None:
    """rep1's customer B goes to rep2: rep1's feed gets a purge, rep2's a snapshot."""
    with sessions() as session:
        uow = UnitOfWork(session)
        customer = session.get(Customer, s.customers["B"])
        assert customer is not None
        reassign_customer(uow, customer, s.users["rep2"])
        customer.version += 1
        record_customer(uow, customer)
        uow.commit()


def test_every_role_pulls_the_same_bytes_as_through_sqlalchemy(db_url: str) -> None:
    s = seed(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        _give_b_to_rep2(sessions, s)
        for name in USERS:
            for limit in (1, 3, 1000):
                # The reference first: it places the marks both then share.
                with mock.patch.object(DriverStatement, "rows", _through_sqlalchemy):
                    expected = _pages(sessions, s.users[name], limit)
                got = _pages(sessions, s.users[name], limit)
                assert got == expected, (name, limit)
                assert len(got) > 1 or limit == 1000
        # The feed did carry what makes the roles differ.
        admin = "".join(_pages(sessions, s.users["admin"], 1000))
        rep1 = "".join(_pages(sessions, s.users["rep1"], 1000))
        rep2 = "".join(_pages(sessions, s.users["rep2"], 1000))
        assert '"op":"purge"' in rep1 and '"op":"purge"' not in rep2
        assert f'"entity":"customer","id":"{s.customers["B"]}"' in rep2
        assert admin.count('"entity":"customer"') >= 3
    finally:
        engine.dispose()


def test_a_pull_on_a_plain_connection_answers_as_on_a_session(db_url: str) -> None:
    """The server pulls on a connection, not a session: the same pages, byte for byte, for
    every role, page by page; the marks of new positions placed on that connection after its
    snapshot (a transaction that writes); a revoked token refused in the pull's snapshot."""
    s = seed(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        _give_b_to_rep2(sessions, s)
        for name in USERS:
            for limit in (1, 3, 1000):
                with sessions() as session:
                    marks_before = session.scalar(select(func.count()).select_from(CursorMark))
                got = _pages_on_connections(engine, s.users[name], limit)
                with sessions() as session:
                    marks_after = session.scalar(select(func.count()).select_from(CursorMark))
                expected = _pages(sessions, s.users[name], limit)
                assert got == expected, (name, limit)
                if name == USERS[0] and limit == 1:
                    assert marks_after == (marks_before or 0) + 1  # placed on a connection
        with sessions() as session:
            rep1 = session.get(User, s.users["rep1"])
            assert rep1 is not None
            token = issue_tokens(session, rep1, "revoked-device").access_token
            session.execute(update(AuthToken).values(revoked_at=func.now()))
            session.commit()
        with engine.connect() as connection, pytest.raises(ApiError) as refused:
            feed.begin(connection)
            signed_in(connection, token)
        assert refused.value.status == 401
    finally:
        engine.dispose()


def test_a_drivers_error_is_raised_as_sqlalchemys_with_its_parameters_hidden(
        db_url: str) -> None:
    engine = make_engine(db_url)
    statement = DriverStatement(select(literal_column("1")).select_from(table("no_such_table"))
                                .where(literal_column("2") == 2))
    try:
        with make_session_factory(engine)() as session, pytest.raises(DBAPIError) as raised:
            statement.rows(session, {})
        assert "no_such_table" in str(raised.value)
        assert "hidden" in str(raised.value)  # SQLAlchemy's words for hide_parameters
    finally:
        engine.dispose()


def test_columns_come_back_typed_as_through_sqlalchemy(db_url: str) -> None:
    """SQLite keeps times as text and truth as integers: the statement's column types make
    them Python's, as SQLAlchemy's execution does."""
    seed(db_url)
    statement = select(User.id, User.username, User.active, User.created_at).order_by(User.id)
    engine = make_engine(db_url)
    try:
        with make_session_factory(engine)() as session:
            got = DriverStatement(statement).rows(session, {})
            expected = [tuple(row) for row in session.execute(statement)]
        assert got == expected and len(got) >= 5
        assert all(isinstance(row[2], bool) and isinstance(row[3], dt.datetime) for row in got)
    finally:
        engine.dispose()




def _raw_pages(sessions: Any, user_id: int, limit: int) -> list[list[str]]:
    """Every page of the user's feed from the start: its changes as the server sends them."""
    return [page.changes for page in _feed_pages(sessions, user_id, limit)]

@pytest.mark.parametrize("text", [1, 600, 2500])
def test_a_page_ends_at_its_size_and_the_next_goes_on_from_there(
        db_url: str, monkeypatch: pytest.MonkeyPatch, text: int) -> None:
    # A page of 10,000 orders with their lines is three times one of products, and a device
    # decodes a page whole: a page also ends by its size (feed.PAGE_TEXT), under its limit.
    s = seed(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    try:
        _give_b_to_rep2(sessions, s)  # a purge and a customer's snapshot in the feed too
        for name in ("admin", "rep1", "rep2"):
            whole = _raw_pages(sessions, s.users[name], 1000)
            assert len(whole) == 1
            monkeypatch.setattr(feed, "PAGE_TEXT", text)
            pages = _raw_pages(sessions, s.users[name], 1000)
            monkeypatch.undo()
            assert len(pages) > 1
            assert [c for page in pages for c in page] == whole[0]  # none lost or twice, in order
            for page in pages[:-1]:  # each ended because it was full, not before
                assert page and sum(map(len, page)) >= text
    finally:
        engine.dispose()
