"""The change feed: scope moves (purge and full arrival), compaction, and explicit resyncs."""

from __future__ import annotations

from sqlalchemy import update

from sync_engine.server.feed.pull import Cursor
from sync_engine.server.storage.engine import make_engine, make_session_factory
from sync_engine.server.storage.models import ServerMeta, User
from tests.support.api import Api, new_id
from tests.support.seed import seed
from tests.support.server import app_server


def test_customer_moved_to_another_rep(db_url: str) -> None:
    s = seed(db_url)
    a = str(s.customers["A"])
    with (
        app_server(db_url) as server,
        Api(server, "rep1") as rep1,
        Api(server, "rep2") as rep2,
        Api(server, "admin") as admin,
    ):
        oid = new_id()
        rep1.push_one(
            "order.submit",
            {
                "order_id": oid,
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 2, "unit_price": "10.00"}],
            },
        )
        rep1.pull_all()
        rep2.pull_all()
        r = admin.push_one(
            "customer.assign", {"customer_id": s.customers["A"], "rep_id": s.users["rep2"]}
        )
        assert r["status"] == "applied"
        # The old rep is told to purge the customer and everything of it.
        old = rep1.pull_all()
        assert [(c["entity"], c["id"], c["op"]) for c in old] == [("customer", a, "purge")]
        # The new rep receives the customer, its prices and its orders in full.
        new = rep2.pull_all()
        got = {(c["entity"], c["id"]) for c in new if c["op"] == "upsert"}
        assert ("customer", a) in got
        assert ("order", oid) in got
        assert ("price", f"{a}:{s.products[0]}") in got
        # The old rep can no longer act on it; the new one can.
        denied = rep1.push_one("order.cancel", {"order_id": oid})
        assert denied["status"] == "rejected" and denied["reason"] == "order_unknown"
        ok = rep2.push_one("order.cancel", {"order_id": oid})
        assert ok["status"] == "applied"
        assert not [c for c in rep1.pull_all() if c["entity"] == "order"]
        # Moving it back: rep1 gets it all again, including the cancellation.
        admin.push_one(
            "customer.assign", {"customer_id": s.customers["A"], "rep_id": s.users["rep1"]}
        )
        back = {(c["entity"], c["id"]): c for c in rep1.pull_all()}
        assert back[("order", oid)]["data"]["status"] == "cancelled"
        customer_rows = [c for c in rep2.pull_all() if c["entity"] not in ("stock", "product")]
        assert [(c["entity"], c["op"]) for c in customer_rows] == [("customer", "purge")]


def test_pull_from_zero_returns_each_entity_once(db_url: str) -> None:
    s = seed(db_url)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        oid = new_id()
        r = rep.push_one(
            "order.submit",
            {
                "order_id": oid,
                "customer_id": s.customers["A"],
                "lines": [{"product_id": s.products[1], "quantity": 1, "unit_price": "10.00"}],
            },
        )
        rep.push_one("order.cancel", {"order_id": oid})
        rep.push_one("favourite.set", {"product_id": s.products[0], "favourite": True})
        changes = rep.pull_all(limit=4)
        keys = [(c["entity"], c["id"]) for c in changes]
        assert len(keys) == len(set(keys))
        order = next(c for c in changes if c["entity"] == "order")
        assert order["version"] == r["version"] + 1
        assert order["data"]["status"] == "cancelled"
        seqs = [c["seq"] for c in changes]
        assert seqs == sorted(seqs)


def test_cursors_the_server_cannot_serve_get_resync(db_url: str) -> None:
    seed(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    with app_server(db_url) as server, Api(server, "rep1") as rep:
        rep.pull_all()
        good = rep.cursor
        assert good is not None
        cur = Cursor.decode(good)
        assert cur is not None

        def pull(cursor: str) -> dict[str, object]:
            page = rep.http.get("/v1/pull", params={"cursor": cursor, "limit": 5}).json()
            assert isinstance(page, dict)
            return page

        assert pull(good)["resync"] is False
        # Restored from an older backup: the client has seen more than the server has.
        ahead = Cursor(cur.seq + 1000, cur.user_id, cur.scope_epoch, cur.log_epoch).encode()
        assert pull(ahead)["resync_reason"] == "server_restored"
        # Another database altogether.
        other = Cursor(cur.seq, cur.user_id, cur.scope_epoch, "0" * 16).encode()
        assert pull(other)["resync_reason"] == "server_changed"
        # Tombstones older than the cursor were compacted away.
        with sessions() as session:
            session.execute(
                update(ServerMeta)
                .where(ServerMeta.key == "tombstone_horizon")
                .values(value=str(cur.seq + 1))
            )
            session.commit()
        assert pull(good)["resync_reason"] == "cursor_too_old"
        # The user's role or fixed assignment changed.
        with sessions() as session:
            session.execute(
                update(ServerMeta).where(ServerMeta.key == "tombstone_horizon").values(value="0")
            )
            session.execute(
                update(User).where(User.id == cur.user_id).values(scope_epoch=User.scope_epoch + 1)
            )
            session.commit()
        page = pull(good)
        assert page["resync_reason"] == "scope_changed"
        assert page["has_more"] is True and len(page["changes"]) == 5  # type: ignore[arg-type]
    engine.dispose()


def test_compacting_old_tombstones_sends_stale_devices_to_resync(db_url: str) -> None:
    import datetime as dt

    from sqlalchemy import func, select

    from sync_engine.server.ops.compaction import compact_tombstones
    from sync_engine.server.storage.models import ChangeLog

    s = seed(db_url)
    engine = make_engine(db_url)
    sessions = make_session_factory(engine)
    with app_server(db_url) as server, Api(server, "owner1") as away, \
            Api(server, "owner1") as fresh:
        away.pull_all()  # this device then stays away
        fresh.push_one("favourite.set", {"product_id": s.products[0], "favourite": True})
        fresh.push_one("favourite.set", {"product_id": s.products[0], "favourite": False})
        fresh.pull_all()
        with sessions() as session:
            assert compact_tombstones(session, dt.timedelta(days=90)) == (0, 0)  # too young
        with sessions() as session:
            deleted, horizon = compact_tombstones(session, dt.timedelta(seconds=-1))
            assert deleted == 1 and horizon > 0
            assert session.scalar(select(func.count()).select_from(ChangeLog)
                                  .where(ChangeLog.op == "delete")) == 0
        # The device that saw everything carries on; the one that was away must resync.
        page = fresh.http.get("/v1/pull", params={"cursor": fresh.cursor}).json()
        assert page["resync"] is False
        page = away.http.get("/v1/pull", params={"cursor": away.cursor}).json()
        assert page["resync"] is True and page["resync_reason"] == "cursor_too_old"
    engine.dispose()
