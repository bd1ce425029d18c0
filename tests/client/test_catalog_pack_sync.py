"""The catalog pack end to end: an admin's device publishes it, a fresh device's first sync
copies it in and pulls the rest; and every way that can go wrong leaves the device with the
server's catalog, nothing lost, nothing twice (the device's own checks are in
``test_catalog_pack.py``, the server's in ``tests/server/test_catalog_pack.py``)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from sqlalchemy import delete

from sync_engine.client import catalog_pack, errors, search
from sync_engine.client.engine import Engine
from sync_engine.client.store import get_meta, set_meta
from sync_engine.protocol import CatalogPackInfo
from sync_engine.server.storage.models import AuthToken, Device
from tests.client.conftest import Env
from tests.client.net import FlakyTransport
from tests.client.search_check import assert_store_search_consistent
from tests.client.server_state import (
    assert_converged,
    rename_product,
    server_session,
    set_base_price,
)

PACK = "/v1/catalog-pack"
FILE = "/v1/catalog-pack/file"
PULL = "/v1/pull"
QUERIES = ("可乐", "水", "新名字", "kele", "P1", "SKU", "New name")


class Watching(FlakyTransport):
    """Counts the product changes the pulls bring; ``spoil`` alters the pack's bytes."""

    def __init__(self, inner: httpx.BaseTransport | None) -> None:
        super().__init__(inner)
        self.products_pulled = 0
        self.spoil = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path not in (PULL, FILE) or response.status_code != 200:
            return response
        body = response.read()
        if request.url.path == PULL:
            self.products_pulled += sum(
                1 for c in json.loads(body)["changes"] if c["entity"] == "product")
        elif self.spoil:
            body = body[:100] + bytes(b ^ 0x5A for b in body[100:200]) + body[200:]
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in ("content-encoding", "content-length")}
        return httpx.Response(response.status_code, headers=headers, content=body)


def _products(engine: Engine) -> list[tuple[Any, ...]]:
    with engine.store.read() as db:
        return [tuple(r) for r in db.execute("SELECT * FROM products ORDER BY id")]


def _search(engine: Engine) -> dict[str, list[int]]:
    with engine.store.read() as db, search.plain_rows(db):
        return {q: search.search_products(db, q) for q in QUERIES}


def _publish(env: Env) -> CatalogPackInfo:
    admin = env.device("admin", name="admin")
    info = admin.publish_catalog_pack()
    assert info.size > 0 and info.gzip_size > 0
    return info


def _device(env: Env, name: str, user: str = "rep1") -> tuple[Engine, Watching]:
    net = Watching(env.transport())
    device = env.device(name=name, transport=net)
    device.login(user, "demo")
    return device, net


def _stopped(env: Env, name: str, lost: str) -> tuple[CatalogPackInfo, Engine, Watching]:
    """A pack published, and a device whose first sync failed with the answer to ``lost``
    lost on the way (the server served it)."""
    info = _publish(env)
    device, net = _device(env, name)
    net.drop_after.add(lost)
    with pytest.raises(errors.NetworkError):
        device.sync_once()
    return info, device, net


def _by_the_feed(env: Env, info: CatalogPackInfo, user: str = "rep1") -> Engine:
    """A device that pulls the whole catalog (it refused this pack before)."""
    device, _ = _device(env, f"feed-{user}", user)
    with device.store.write() as db:
        set_meta(db, catalog_pack.REFUSED, info.sha256)
    device.sync_once()
    return device


def _assert_whole(device: Engine, env: Env, user: str, info: CatalogPackInfo) -> Engine:
    """The device holds what the server holds for it, its catalog and search as a device
    that pulled it all, and nothing of the pack is left lying around."""
    assert_converged(device, env.server, user)
    assert_store_search_consistent(device.store.path)
    plain = _by_the_feed(env, info, user)
    assert _products(device) == _products(plain)
    assert _search(device) == _search(plain)
    with device.store.read() as db:
        assert get_meta(db, catalog_pack.POSITION) is None
    assert not (device.store.data_dir / "catalog-pack.sqlite3").exists()
    return plain


def test_a_first_sync_copies_the_pack_in_and_pulls_only_what_changed_since(env: Env) -> None:
    info = _publish(env)
    first, second = env.seed.products[0], env.seed.products[1]
    rename_product(env.db_url, first, "新名字可乐", "New name cola")
    set_base_price(env.db_url, second, "77.00")
    for user in ("rep1", "clerk1", "owner1"):  # every role sees the whole catalog
        device, net = _device(env, f"pack-{user}", user)
        device.sync_once()
        assert net.paths().count(FILE) == 1
        assert net.products_pulled == 2  # the two changed since the pack, not the catalog
        plain = _assert_whole(device, env, user, info)
        assert first in _search(device)["新名字"]
        with device.store.read() as db:  # FTS5 checks the copied index in the upkeep
            assert get_meta(db, catalog_pack.UNCHECKED) == "1"
        assert device.maintain()
        with device.store.read() as db:
            assert get_meta(db, catalog_pack.UNCHECKED) is None
        assert _search(device) == _search(plain)
        device.close()


def test_a_sync_that_stops_after_the_copy_goes_on_from_it(env: Env) -> None:
    info, device, net = _stopped(env, "stopped", PULL)  # the copy is in, no cursor yet
    with device.store.read() as db:
        assert get_meta(db, catalog_pack.POSITION) == info.position
        assert get_meta(db, "cursor") is None
    device.sync_once()
    assert net.paths().count(FILE) == 1  # not downloaded again
    assert net.products_pulled == 0
    _assert_whole(device, env, "rep1", info)


def test_another_user_signing_in_after_the_copy_gets_the_whole_catalog(env: Env) -> None:
    """The copy is in, then someone else signs in on the laptop: their first pull is a resync
    (it replaces the replica with what it pulls), so it takes every product by the feed."""
    info, device, net = _stopped(env, "switched", PULL)
    device.logout()
    with server_session(env.db_url) as session:  # the back office frees the device for rep2
        session.execute(delete(AuthToken))
        session.execute(delete(Device))
        session.commit()
    device.login("rep2", "demo")
    device.sync_once()
    assert net.products_pulled == len(env.seed.products)
    _assert_whole(device, env, "rep2", info)


def test_a_download_cut_short_copies_nothing_and_the_next_sync_takes_the_pack(
        env: Env) -> None:
    info, device, net = _stopped(env, "cut", FILE)
    with device.store.read() as db:
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == 0
    assert not (device.store.data_dir / "catalog-pack.sqlite3").exists()
    device.sync_once()
    assert net.paths().count(FILE) == 2
    _assert_whole(device, env, "rep1", info)


def test_a_position_the_server_no_longer_holds_brings_the_whole_catalog_by_the_feed(
        env: Env) -> None:
    info, device, net = _stopped(env, "went-back", PULL)
    # As if the server had been restored behind the pack meanwhile: its position's mark is
    # not this database's (the position is opaque to devices; the test reads inside it).
    fields = json.loads(base64.urlsafe_b64decode(info.position + "=" * (-len(info.position) % 4)))
    fields[-1] = "0" * len(str(fields[-1]))
    stale = base64.urlsafe_b64encode(json.dumps(fields).encode()).decode().rstrip("=")
    with device.store.write() as db:
        set_meta(db, catalog_pack.POSITION, stale)
    report = device.sync_once()
    assert report.resync
    assert net.products_pulled == len(env.seed.products)  # all of them, by the feed
    _assert_whole(device, env, "rep1", info)


def test_a_pack_spoiled_on_the_way_is_refused_once_and_the_catalog_comes_by_the_feed(
        env: Env) -> None:
    info = _publish(env)
    device, net = _device(env, "spoiled")
    net.spoil = True
    device.sync_once()
    assert net.products_pulled == len(env.seed.products)
    with device.store.read() as db:
        assert get_meta(db, catalog_pack.REFUSED) == info.sha256
    _assert_whole(device, env, "rep1", info)


def test_a_pack_of_another_schema_is_not_downloaded(env: Env,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    info = _publish(env)
    monkeypatch.setattr(catalog_pack, "schema_id", lambda db: "p1-another-client-version")
    device, net = _device(env, "other-schema")
    device.sync_once()
    assert PACK in net.paths() and FILE not in net.paths()
    assert net.products_pulled == len(env.seed.products)
    monkeypatch.undo()
    _assert_whole(device, env, "rep1", info)


def test_only_an_admin_publishes_and_only_from_a_synced_replica(env: Env) -> None:
    rep = env.device("rep1")
    with pytest.raises(errors.Forbidden):
        rep.publish_catalog_pack()
    admin, _ = _device(env, "admin-unsynced", "admin")
    with pytest.raises(errors.SyncError, match="Sync this device fully"):
        admin.publish_catalog_pack()
    device, net = _device(env, "no-pack")
    leftover = device.store.data_dir / "catalog-pack.sqlite3"
    leftover.write_bytes(b"what a crash mid-download left")  # (the catalog, unencrypted)
    device.sync_once()  # none published: the catalog by the feed, as before packs
    assert not leftover.exists()
    assert PACK in net.paths() and FILE not in net.paths()
    assert_converged(device, env.server, "rep1")
