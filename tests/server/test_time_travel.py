"""A server that goes back in time — restored from a backup, failed over to a standby that had
not caught up — is noticed by every device that saw more, whatever was written since and by
whom: its pull answers ``resync`` (``server_restored``) and its push is refused before anything
is applied (409 ``resync_required``). Devices that saw nothing the server forgot carry on."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from sync_engine.server.feed.pull import Cursor, time_travel
from sync_engine.server.ops.compaction import compact_tombstones
from sync_engine.server.storage.models import CursorMark, User
from tests.client.server_state import server_session
from tests.support.api import Api, mutation, new_id
from tests.support.backups import put_back, take_snapshot
from tests.support.live import free_port, live_server
from tests.support.seed import Seed, seed, totals
from tests.support.server import app_server


def _order(s: Seed, customer: str = "A", quantity: int = 1) -> dict[str, Any]:
    return mutation("order.submit", {
        "order_id": new_id(), "customer_id": s.customers[customer],
        "lines": [{"product_id": s.products[1], "quantity": quantity, "unit_price": "10.00"}]})


def _pull(api: Api, cursor: str | None, last_applied: str | None = None,
          limit: int = 1000) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit}
    if cursor:
        params["cursor"] = cursor
    if last_applied:
        params["last_applied"] = last_applied
    r = api.http.get("/v1/pull", params=params)
    assert r.status_code == 200, r.text
    page = r.json()
    assert isinstance(page, dict)
    return page


def _push(api: Api, *mutations: dict[str, Any], cursor: str | None = None,
          last_applied: str | None = None) -> Any:
    body: dict[str, Any] = {"client_id": api.client_id, "mutations": list(mutations)}
    if cursor:
        body["cursor"] = cursor
    if last_applied:
        body["last_applied"] = last_applied
    return api.http.post("/v1/push", json=body)


@pytest.mark.live  # the server stops and starts again on its port around the restore
def test_a_restore_is_noticed_whatever_was_written_since_and_by_whom(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest,
) -> None:
    s = seed(db_url)
    port = free_port()
    with contextlib.ExitStack() as devices:
        _restore_is_noticed(db_url, tmp_path, request, s, port, devices)


def _restore_is_noticed(db_url: str, tmp_path: Path, request: pytest.FixtureRequest, s: Seed,
                        port: int, devices: contextlib.ExitStack) -> None:
    with live_server(db_url, port=port) as url:
        rep1 = devices.enter_context(Api(url, "rep1"))
        rep2 = devices.enter_context(Api(url, "rep2"))
        idle = devices.enter_context(Api(url, "rep1"))
        # Before the backup: rep1 sends an order and pulls; a second rep1 device pulls too.
        first = _order(s)
        assert rep1.push(first)[0]["status"] == "applied"
        rep1.pull_all()
        before_backup = rep1.cursor
        idle.pull_all()
        rep2.pull_all()
    snapshot = take_snapshot(db_url, tmp_path, request)
    with live_server(db_url, port=port):
        # After the backup: rep1 sends another order (answered "applied") and pulls it.
        second = _order(s, "B")
        assert rep1.push(second)[0]["status"] == "applied"
        rep1.pull_all()
        after_backup = rep1.cursor
        assert Cursor.decode(after_backup or "").seq > Cursor.decode(before_backup or "").seq
    put_back(snapshot)  # the server is restored from the backup: the second order is gone
    with live_server(db_url, port=port):
        # Someone else writes first, until the counter is far past rep1's cursor: the old
        # check (a cursor ahead of the counter) would no longer see anything wrong.
        for _ in range(6):
            rep2.push(_order(s, "C"))
        rep2.pull_all()
        assert Cursor.decode(rep2.cursor or "").seq > Cursor.decode(after_backup or "").seq + 5

        # rep1's push names where it stands: refused before anything is applied.
        held = totals(db_url)
        r = _push(rep1, _order(s), cursor=after_backup, last_applied=second["key"])
        assert r.status_code == 409, r.text
        error = r.json()["error"]
        assert error["code"] == "resync_required"
        assert "restored" in error["message"] and "恢复" in error["message_zh"]
        assert totals(db_url) == held
        # The cursor alone says it too, and so does the forgotten key alone.
        assert _push(rep1, _order(s), cursor=after_backup).status_code == 409
        assert _push(rep1, _order(s), last_applied=second["key"]).status_code == 409
        assert totals(db_url) == held

        # rep1's pull: a resync from the beginning, because the server went back.
        page = _pull(rep1, after_backup, last_applied=second["key"])
        assert page["resync"] is True and page["resync_reason"] == "server_restored"
        ids = {c["id"] for c in page["changes"] if c["entity"] == "order"}
        assert first["args"]["order_id"] in ids and second["args"]["order_id"] not in ids

        # A cursor from before the backup is served, unless the device names a mutation
        # answered since that the server forgot.
        assert _pull(rep1, before_backup)["resync"] is False
        page = _pull(rep1, before_backup, last_applied=second["key"])
        assert page["resync_reason"] == "server_restored"
        assert _pull(rep1, before_backup, last_applied=first["key"])["resync"] is False

        # A device that saw nothing the server forgot carries on, and may push.
        assert _pull(idle, idle.cursor)["resync"] is False
        r = _push(idle, _order(s), cursor=idle.cursor, last_applied=first["key"])
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"

        # Once resynced, rep1 carries on as usual: pushes with the new cursor are applied.
        rep1.cursor = None
        rep1.pull_all()
        r = _push(rep1, second, cursor=rep1.cursor)  # sent again with the same key
        assert r.status_code == 200
        result = r.json()["results"][0]
        assert result["status"] == "applied" and result["replayed"] is False
        assert _pull(rep1, rep1.cursor, last_applied=second["key"])["resync"] is False


def test_a_position_gets_one_mark_shared_by_every_device_and_page(db_url: str) -> None:
    s = seed(db_url, products=12)
    with app_server(db_url) as server, Api(server, "rep1") as a, Api(server, "rep2") as b:
        a.pull_all(limit=5)  # several pages: one mark, on the position the pull reached
        b.pull_all(limit=3)
        with server_session(db_url) as session:
            assert session.scalar(select(func.count()).select_from(CursorMark)) == 1
        ca, cb = Cursor.decode(a.cursor or ""), Cursor.decode(b.cursor or "")
        assert ca is not None and cb is not None
        assert (ca.mark_seq, ca.mark) == (cb.mark_seq, cb.mark) == (ca.seq, ca.mark)
        # Pulling again with nothing new makes no new mark.
        a.pull_all()
        a.push(_order(s))
        a.pull_all()
        b.pull_all()
        with server_session(db_url) as session:
            marks = session.scalars(select(CursorMark.seq).order_by(CursorMark.seq)).all()
        assert marks == [ca.seq, Cursor.decode(a.cursor or "").seq]  # type: ignore[union-attr]
        # A cursor whose mark differs from this database's is one from another past.
        cur = Cursor.decode(a.cursor or "")
        assert cur is not None
        forged = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch, cur.mark_seq,
                        "0" * 16).encode()
        assert _pull(a, forged)["resync_reason"] == "server_restored"
        # A cursor made before marks existed (format 1) is still served, and replaced.
        old = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch).encode()
        page = _pull(a, old)
        assert page["resync"] is False
        assert Cursor.decode(page["cursor"]).mark == cur.mark  # type: ignore[union-attr]
        assert _push(a, _order(s), cursor=old).status_code == 200


def test_compaction_forgets_marks_below_the_horizon_and_those_cursors_are_too_old(
    db_url: str,
) -> None:
    import datetime as dt

    from sync_engine.server.feed.changes import UnitOfWork

    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep, \
            Api(server, "rep1") as away:
        away.pull_all()
        rep.push(_order(s))
        rep.pull_all()
        with server_session(db_url) as session:
            assert session.scalar(select(func.count()).select_from(CursorMark)) == 2
            # A removal, compacted: the horizon moves past both devices' positions.
            uow = UnitOfWork(session)
            uow.delete("favourite", f"{s.users['rep1']}:{s.products[0]}", 1, scope="user",
                       user_id=s.users["rep1"])
            uow.commit()
            deleted, horizon = compact_tombstones(session, dt.timedelta(seconds=-60))
            assert deleted == 1
            assert session.scalar(select(func.count()).select_from(CursorMark)
                                  .where(CursorMark.seq < horizon)) == 0
        assert _pull(away, away.cursor)["resync_reason"] == "cursor_too_old"
        # Too old is not "restored": a push with that cursor is not refused.
        assert _push(away, _order(s), cursor=away.cursor).status_code == 200


def test_the_position_check_of_a_push_costs_one_read(db_url: str) -> None:
    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        order = _order(s)
        rep.push(order)
        rep.pull_all()
    with server_session(db_url) as session:
        user = session.scalars(select(User).where(User.username == "rep1")).one()
        statements: list[str] = []

        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements.append(statement)

        bind = session.get_bind()
        event.listen(bind, "before_cursor_execute", count)
        try:
            assert time_travel(session, user, rep.cursor, order["key"]) is None
            assert len(statements) == 1, statements
            statements.clear()
            assert time_travel(session, user, rep.cursor, None) is None
            assert len(statements) == 1, statements
            # Both kinds of evidence still tell (the rare path may read more).
            assert time_travel(session, user, rep.cursor, "k" * 20) == "server_restored"
            cur = Cursor.decode(rep.cursor or "")
            assert cur is not None
            forged = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch, cur.mark_seq,
                            "0" * 16).encode()
            assert time_travel(session, user, forged, order["key"]) == "server_restored"
            gone = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch,
                          cur.mark_seq + 1000, cur.mark).encode()  # type: ignore[operator]
            assert time_travel(session, user, gone, None) == "server_restored"
            # A crafted position past the database's integers is not a cursor of this server
            # (before: the push's read failed on it, a 500).
            huge = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch, 2**63,
                          cur.mark).encode()
            assert Cursor.decode(huge) is None
            assert time_travel(session, user, huge, None) is None
        finally:
            event.remove(bind, "before_cursor_execute", count)


def test_order_numbers_go_on_past_the_highest_a_device_held_once_it_shows_the_server_went_back(
    db_url: str,
) -> None:
    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        [first] = rep.push(_order(s))
        assert first["data"]["number"] == "DH00000001"
        rep.pull_all()
        # Without evidence that the server went back, a device's number moves nothing.
        r = rep.http.get("/v1/pull", params={"cursor": rep.cursor, "highest_number": 500})
        assert r.status_code == 200 and r.json()["resync"] is False
        [second] = rep.push(_order(s))
        assert second["data"]["number"] == "DH00000002"
        rep.pull_all()
        cur = Cursor.decode(rep.cursor or "")
        assert cur is not None
        forged = Cursor(cur.seq, cur.user_id, cur.scope_epoch, cur.log_epoch, cur.mark_seq,
                        "0" * 16).encode()
        # A pull that shows it: numbering goes on after the device's highest number.
        r = rep.http.get("/v1/pull", params={"cursor": forged, "highest_number": 40})
        assert r.json()["resync_reason"] == "server_restored"
        [third] = rep.push(_order(s))
        assert third["data"]["number"] == "DH00000041"
        # A push refused for it does the same, before anything is numbered; never backwards.
        r = rep.http.post("/v1/push", json={"client_id": rep.client_id, "cursor": forged,
                                            "highest_number": 60, "mutations": [_order(s)]})
        assert r.status_code == 409 and r.json()["error"]["code"] == "resync_required"
        r = rep.http.post("/v1/push", json={"client_id": rep.client_id, "cursor": forged,
                                            "highest_number": 3, "mutations": [_order(s)]})
        assert r.status_code == 409
        [fourth] = rep.push(_order(s))
        assert fourth["data"]["number"] == "DH00000061"
        # Out of range is refused as any bad field.
        r = rep.http.get("/v1/pull", params={"cursor": forged, "highest_number": -1})
        assert r.status_code == 422
