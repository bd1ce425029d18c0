"""The sync client against a live server: each role offline → online, lost answers, sessions,
update required, resumable and atomic pulls, scope moves, convergence."""

from __future__ import annotations

import datetime as dt
import json
import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from sync_engine.client import errors
from sync_engine.client.engine import Engine
from sync_engine.client.memory_keyring import MemoryKeyring
from sync_engine.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync_engine.server import accounts
from sync_engine.server.accounts import ACCESS_TTL
from sync_engine.server.storage.models import utcnow
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.search_check import assert_store_search_consistent
from tests.client.server_state import (
    assert_converged,
    count_orders,
    count_shipments,
    revoke_all_tokens,
    server_order,
    set_auto_confirm,
)
from tests.support.api import Api


def test_rep_submits_offline_and_everything_arrives_once(env_any: Env) -> None:
    set_auto_confirm(env_any.db_url, False)  # stays editable after the submit
    net = FlakyTransport(env_any.transport())
    rep = env_any.device("rep1", transport=net)
    a = env_any.seed.customers["A"]
    p1, p2 = env_any.seed.products[:2]
    net.offline = True
    order = rep.create_draft(a, {p1: 12})
    rep.submit(order.id)
    rep.set_line(order.id, p2, 3)
    with pytest.raises(errors.NetworkError):
        rep.sync_once()
    status = rep.status()
    assert status.online is False and status.pending == 2 and status.last_error
    assert rep.order(order.id).display_status == "submitted (pending sync)"

    net.offline = False
    report = rep.sync_once()
    assert report.applied == 2
    assert count_orders(env_any.db_url) == 1
    server = server_order(env_any.db_url, order.id)
    assert server is not None and server.version == 2
    assert sorted((ln.product_id, ln.quantity) for ln in server.lines) == [(p1, 12), (p2, 3)]
    local = rep.order(order.id)
    assert local.sync_state == "synced" and local.number == server.number
    assert local.lines[0].unit_price == Decimal("8.50")
    rep.sync_once()
    assert count_orders(env_any.db_url) == 1
    assert_converged(rep, env_any.server, "rep1")


def test_clerk_ships_offline(env: Env) -> None:
    a = env.seed.customers["A"]
    p1 = env.seed.products[0]
    rep = env.device("rep1")
    order = rep.create_draft(a, {p1: 10})
    rep.submit(order.id)
    rep.sync_once()
    assert rep.order(order.id).status == "confirmed"  # auto-confirmed: within credit, reserved

    net = FlakyTransport(env.transport())
    clerk = env.device("clerk1", transport=net)
    net.offline = True
    shipment = clerk.confirm_shipment(order.id, {p1: 4}, carrier="SF", tracking_number="SF1")
    assert clerk.order(order.id).display_status == "partially_shipped (pending sync)"
    with pytest.raises(errors.NetworkError):
        clerk.sync_once()
    net.offline = False
    clerk.sync_once()
    clerk.sync_once()
    assert count_shipments(env.db_url) == 1
    server = server_order(env.db_url, order.id)
    assert server is not None and server.status == "partially_shipped"
    assert server.lines[0].shipped_qty == 4
    assert [s.pending for s in clerk.shipments(order.id)] == [False]
    assert [s.id for s in clerk.shipments(order.id)] == [shipment]
    rep.sync_once()
    assert rep.order(order.id).lines[0].shipped_qty == 4
    assert_converged(clerk, env.server, "clerk1")
    assert_converged(rep, env.server, "rep1")


def test_owner_reorders_offline(env: Env) -> None:
    net = FlakyTransport(env.transport())
    owner = env.device("owner1", transport=net)
    a = env.seed.customers["A"]
    first = owner.create_draft(a, {env.seed.products[0]: 2, env.seed.products[1]: 1})
    owner.submit(first.id)
    owner.sync_once()
    net.offline = True
    again = owner.reorder(first.id)
    assert again.differences == ()
    owner.submit(again.draft.id)
    assert owner.order(again.draft.id).sync_state == "pending"
    net.offline = False
    owner.sync_once()
    assert count_orders(env.db_url) == 2
    assert owner.order(again.draft.id).status == "confirmed"
    assert_converged(owner, env.server, "owner1")


def test_dropped_push_response_is_replayed_not_duplicated(env_any: Env) -> None:
    net = FlakyTransport(env_any.transport())
    rep = env_any.device("rep1", transport=net)
    order = rep.create_draft(env_any.seed.customers["A"], {env_any.seed.products[0]: 3})
    rep.submit(order.id)
    net.drop_after.add("/v1/push")
    with pytest.raises(errors.NetworkError):
        rep.sync_once()
    assert count_orders(env_any.db_url) == 1  # the server did commit it
    assert rep.status().pending == 1  # but the device does not know yet
    rep.sync_once()
    assert count_orders(env_any.db_url) == 1
    assert rep.order(order.id).sync_state == "synced"
    with rep.store.read() as db:
        result = db.execute("SELECT result FROM outbox").fetchone()[0]
    assert '"replayed":true' in result
    assert_converged(rep, env_any.server, "rep1")


def test_batches_overlap_and_an_answer_lost_mid_push_loses_nothing(env_any: Env) -> None:
    """Batch n+1 goes out while batch n's answers are recorded; an order's next mutation waits
    for its submit's answer; a lost answer in the middle leaves the earlier batches recorded."""
    set_auto_confirm(env_any.db_url, False)  # stays editable after the submit
    net = FlakyTransport(env_any.transport())
    rep = env_any.device("rep1", transport=net, push_batch=2)
    a = env_any.seed.customers["A"]
    p1, p2 = env_any.seed.products[:2]
    orders = []
    for _ in range(5):
        draft = rep.create_draft(a, {p1: 1})
        rep.submit(draft.id)
        orders.append(draft.id)
    rep.set_line(orders[0], p2, 2)  # waits behind the first order's submit
    pushes: list[list[str]] = []

    def watch(request: httpx.Request) -> None:
        if request.url.path == "/v1/push":
            pushes.append([m["kind"] for m in json.loads(request.content)["mutations"]])
            if len(pushes) == 3:
                net.drop_after.add("/v1/push")  # the server commits; the answer is lost

    net.on_request = watch
    with pytest.raises(errors.NetworkError):
        rep.sync_once()
    assert pushes == [["order.submit"] * 2, ["order.submit"] * 2,
                      ["order.submit", "order.update"]]
    assert [rep.order(o).sync_state for o in orders[:4]] == ["pending", "synced", "synced",
                                                             "synced"]
    assert rep.status().pending == 2  # the batch whose answer was lost

    rep.sync_once()
    assert count_orders(env_any.db_url) == 5
    first = server_order(env_any.db_url, orders[0])
    assert first is not None and first.version == 2
    assert sorted((ln.product_id, ln.quantity) for ln in first.lines) == [(p1, 1), (p2, 2)]
    assert [rep.order(o).sync_state for o in orders] == ["synced"] * 5
    assert_converged(rep, env_any.server, "rep1")


def test_dropped_pull_response_is_pulled_again(env: Env) -> None:
    net = FlakyTransport(env.transport())
    rep = env.device(None, transport=net)
    rep.login("rep1", "demo")
    net.drop_after.add("/v1/pull")
    with pytest.raises(errors.NetworkError):
        rep.sync_once()
    rep.sync_once()
    assert_converged(rep, env.server, "rep1")


def test_expired_access_token_is_refreshed(env: Env, memory_keyring: MemoryKeyring,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's clock passes the access token's lifetime while the device still trusts it:
    the refused request makes the device refresh once, and the sync goes through."""
    net = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=net)
    old = stored_access_token(memory_keyring, rep)
    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[0]: 1})
    rep.submit(order.id)
    later = utcnow() + ACCESS_TTL + dt.timedelta(minutes=1)
    monkeypatch.setattr(accounts.tokens, "utcnow", lambda: later)  # the server's clock
    net.requests.clear()
    net.answers.clear()

    report = rep.sync_once()

    assert net.answers[0] == (net.requests[0].url.path, 401)  # the old token, refused...
    assert bearer(net.requests[0]) == old
    assert net.paths().count("/v1/auth/refresh") == 1  # ...refreshed once...
    new = stored_access_token(memory_keyring, rep)
    assert new != old
    after = net.requests[net.paths().index("/v1/auth/refresh") + 1:]
    assert after and all(bearer(r) == new for r in after)  # ...and the sync went on with it
    assert report.applied == 1 and rep.status().pending == 0
    server = server_order(env.db_url, order.id)
    assert server is not None and server.status == "confirmed"
    with env.server.client(headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)}) as http:
        refused = http.get("/v1/pull", headers={"Authorization": f"Bearer {old}"})
        assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_expired"
        assert http.get("/v1/pull", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_access_token_the_device_believes_expired_is_refreshed_before_use(
        env: Env, memory_keyring: MemoryKeyring) -> None:
    """By the device's own clock the access token has run out: it refreshes before sending
    anything, so the server never sees the old token again."""
    now = [4_000_000_000.0]
    net = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=net, clock=lambda: now[0])
    old = stored_access_token(memory_keyring, rep)
    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[0]: 1})
    rep.submit(order.id)
    now[0] += ACCESS_TTL.total_seconds()  # as long as the server said the token would last
    net.requests.clear()
    net.answers.clear()

    report = rep.sync_once()

    assert net.paths()[0] == "/v1/auth/refresh" and net.paths().count("/v1/auth/refresh") == 1
    assert all(status < 400 for _path, status in net.answers)
    new = stored_access_token(memory_keyring, rep)
    assert new != old
    assert all(bearer(r) == new for r in net.requests[1:]) and len(net.requests) > 1
    assert report.applied == 1 and rep.status().pending == 0
    assert server_order(env.db_url, order.id) is not None


def bearer(request: httpx.Request) -> str:
    return request.headers.get("Authorization", "").removeprefix("Bearer ")


def stored_access_token(ring: MemoryKeyring, device: Engine) -> str:
    """The access token ``device`` keeps in the keyring (its one entry there)."""
    entries = [json.loads(v) for (_service, account), v in ring._items.items()
               if account.endswith(f" {device.client_id}")]
    assert len(entries) == 1
    return str(entries[0]["access_token"])


def test_revoked_session_asks_to_sign_in_and_keeps_the_outbox(env: Env) -> None:
    rep = env.device("rep1")
    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[0]: 1})
    rep.submit(order.id)
    revoke_all_tokens(env.db_url)
    with pytest.raises(errors.SignInRequired):
        rep.sync_once()
    status = rep.status()
    assert status.sign_in_required and status.pending == 1
    # Local work goes on with the cached identity.
    other = rep.create_draft(env.seed.customers["B"], {env.seed.products[1]: 1})
    rep.submit(other.id)
    with pytest.raises(errors.SignInRequired):
        rep.sync_once()
    rep.login("rep1", "demo")
    rep.sync_once()
    assert count_orders(env.db_url) == 2
    assert not rep.status().sign_in_required


def test_app_starts_offline_with_the_cached_identity(env: Env, tmp_path: Path) -> None:
    rep = env.device("rep1", name="laptop")
    rep.close()
    net = FlakyTransport(env.transport())
    net.offline = True
    again = Engine(tmp_path / "laptop", transport=net)
    env.engines.append(again)
    assert again.identity is not None and again.identity.username == "rep1"
    order = again.create_draft(env.seed.customers["A"], {env.seed.products[0]: 1})
    again.submit(order.id)
    with pytest.raises(errors.NetworkError):
        again.sync_once()
    net.offline = False
    again.sync_once()
    assert count_orders(env.db_url) == 1


def test_wrong_password_is_invalid_credentials(env: Env) -> None:
    rep = env.device(None)
    with pytest.raises(errors.InvalidCredentials):
        rep.login("rep1", "wrong")
    assert rep.identity is None


def test_update_required_stops_syncing_and_keeps_the_outbox(env: Env) -> None:
    net = FlakyTransport(env.transport())
    rep = env.device("rep1", transport=net)
    order = rep.create_draft(env.seed.customers["A"], {env.seed.products[0]: 1})
    rep.submit(order.id)
    net.protocol_override = "99"
    with pytest.raises(errors.UpdateRequired):
        rep.sync_once()
    sent = len(net.requests)
    with pytest.raises(errors.UpdateRequired):
        rep.sync_once()
    assert len(net.requests) == sent  # stopped: no more requests
    status = rep.status()
    assert status.update_required and status.pending == 1 and status.last_error
    assert count_orders(env.db_url) == 0


def test_initial_sync_resumes_after_an_interruption(env: Env) -> None:
    net = FlakyTransport(env.transport())
    cancel = threading.Event()
    pulls: list[httpx.Request] = []

    def count(request: httpx.Request) -> None:
        if request.url.path == "/v1/pull":
            pulls.append(request)
            if len(pulls) == 3:
                cancel.set()

    net.on_request = count
    rep = env.device(None, transport=net, page_limit=3)
    rep.login("rep1", "demo")
    with pytest.raises(errors.SyncCancelled):
        rep.sync_once(cancel)
    with rep.store.read() as db:
        cursor = rep.store.get_meta(db, "cursor")
        products = db.execute("SELECT COUNT(*) FROM products").fetchone()[0]
    assert cursor is not None and products > 0
    assert_store_search_consistent(rep.store.path)
    pulls.clear()
    rep.sync_once()
    assert "cursor" in str(pulls[0].url)  # resumed, not started over
    assert rep.status().initial_sync_done
    assert_converged(rep, env.server, "rep1")
    assert_store_search_consistent(rep.store.path)
    with rep.store.read() as db:
        skus = {r[0]: r[1] for r in db.execute("SELECT id, sku FROM products")}
    assert set(skus) == set(env.seed.products)
    for pid, sku in skus.items():
        assert pid in [p.id for p in rep.search_products(sku)]


def test_resync_replaces_the_replica_and_keeps_drafts_and_outbox(env: Env) -> None:
    rep = env.device("rep1")
    a = env.seed.customers["A"]
    draft = rep.create_draft(a, {env.seed.products[0]: 1})
    pending = rep.create_draft(a, {env.seed.products[1]: 1})
    rep.submit(pending.id)
    with rep.store.write() as db:
        # A stale row the server no longer has, and a cursor it cannot serve.
        db.execute("INSERT INTO customers (id, code, name, name_en, address, phone, rep_id,"
                   " warehouse_id, credit_limit, payment_terms, active, version) VALUES"
                   " (999, 'GONE', 'gone', '', '', '', NULL, 1, NULL, '', 1, 1)")
        rep.store.set_meta(db, "cursor", "bm9uc2Vuc2U")
    report = rep.sync_once()
    assert report.resync
    assert 999 not in {c.id for c in rep.customers()}
    assert rep.order(draft.id).status == "draft"
    assert rep.order(pending.id).sync_state == "synced"
    assert count_orders(env.db_url) == 1
    assert_converged(rep, env.server, "rep1")


def test_customer_moved_to_another_rep(env_any: Env) -> None:
    s = env_any.seed
    rep1 = env_any.device("rep1")
    rep2 = env_any.device("rep2")
    order = rep1.create_draft(s.customers["B"], {s.products[0]: 2})
    rep1.submit(order.id)
    rep1.sync_once()
    with Api(env_any.server, "admin") as admin:
        result = admin.push_one("customer.assign",
                                {"customer_id": s.customers["B"], "rep_id": s.users["rep2"]})
    assert result["status"] == "applied"
    rep1.sync_once()
    rep2.sync_once()
    assert s.customers["B"] not in {c.id for c in rep1.customers()}
    assert rep1.orders(customer_id=s.customers["B"]) == []
    assert s.customers["B"] in {c.id for c in rep2.customers()}
    assert [o.id for o in rep2.orders(customer_id=s.customers["B"])] == [order.id]
    assert_converged(rep1, env_any.server, "rep1")
    assert_converged(rep2, env_any.server, "rep2")


def test_everyone_converges(env: Env) -> None:
    s = env.seed
    rep1, rep2, owner, clerk, admin = (env.device(u) for u in
                                       ("rep1", "rep2", "owner1", "clerk1", "admin"))
    o1 = rep1.create_draft(s.customers["A"], {s.products[0]: 5})
    rep1.submit(o1.id)
    o2 = rep2.create_draft(s.customers["C"], {s.products[2]: 5})
    rep2.submit(o2.id)
    o3 = owner.create_draft(s.customers["A"], {s.products[1]: 1})
    owner.submit(o3.id)
    owner.set_favourite(s.products[3])
    for device in (rep1, rep2, owner):
        device.sync_once()
    clerk.sync_once()
    clerk.confirm_shipment(o1.id, {s.products[0]: 5})
    clerk.sync_once()
    for device, user in ((rep1, "rep1"), (rep2, "rep2"), (owner, "owner1"), (clerk, "clerk1"),
                         (admin, "admin")):
        device.sync_once()
        assert_converged(device, env.server, user)
    assert rep1.order(o1.id).status == "shipped"
    assert [p.id for p in owner.favourites()] == [s.products[3]]
