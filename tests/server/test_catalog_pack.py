"""The catalog pack (PROTOCOL.md, "Catalog pack"): the back office publishes a client's catalog
as one gzipped SQLite file (``PUT /v1/catalog-pack``), every signed-in user may fetch it, and
a device that copied it in pulls the rest with ``catalog_from``: every change it would get
without, but the products at or before the pack's position, on every page of its chain. An
upload that is not what it says, or whose position does not hold here, is refused and the
previous pack stays served; a pack whose position no longer holds (the server went back) is not
offered, and a pull from it is a resync with every product."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from sync_engine.server.api.pull_groups import PullAsk, answer_pulls
from sync_engine.server.feed import pull as feed
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.feed.entities import record_product, record_stock
from sync_engine.server.feed.scoping import GLOBAL
from sync_engine.server.storage.models import (
    CatalogPack,
    CatalogPackChunk,
    CursorMark,
    Product,
    ServerMeta,
    Stock,
)
from tests.client.server_state import server_session
from tests.server.test_pull_groups import _services, _token
from tests.support.api import Api, mutation, new_id
from tests.support.seed import Seed, seed
from tests.support.server import app_server

SCHEMA = "client-0042"


def _file(size: int, seed_byte: int = 1) -> bytes:
    """A 'SQLite file' of ``size`` bytes that gzip cannot shrink much (several chunks)."""
    return bytes([seed_byte]) + os.urandom(size - 1)


def _final_cursor(api: Api) -> str:
    """The cursor of the last page of a fresh pull by ``api`` (what a builder uploads)."""
    api.cursor = None
    api.pull_all(limit=10_000)
    assert api.cursor is not None
    return api.cursor


def _zipped(raw: bytes) -> bytes:
    return gzip.compress(raw, compresslevel=1, mtime=0)


def _sha(raw: bytes) -> str:
    """The SHA-256 of ``raw`` as :func:`_upload` sends it (gzipped)."""
    return hashlib.sha256(_zipped(raw)).hexdigest()


def _upload(api: Api, cursor: str, raw: bytes, *, body: Any = None,
            sha256: str | None = None, size: int | None = None) -> Any:
    content = _zipped(raw) if body is None else body
    params = {"cursor": cursor, "schema_id": SCHEMA,
              "sha256": sha256 or (hashlib.sha256(content).hexdigest()
                                   if isinstance(content, bytes) else _sha(raw)),
              "size": len(raw) if size is None else size}
    return api.http.put("/v1/catalog-pack", params=params, content=content,
                        headers={"Content-Type": "application/gzip"})


def _info(api: Api) -> Any:
    return api.http.get("/v1/catalog-pack")


def _download(api: Api, sha256: str, **headers: str) -> Any:
    return api.http.get("/v1/catalog-pack/file", params={"sha256": sha256}, headers=headers)


def _chain(api: Api, catalog_from: str | None, limit: int = 3,
           cursor: str | None = None) -> list[dict[str, Any]]:
    """Every page of a pull from the start (or ``cursor``) to the end."""
    pages = []
    params: dict[str, Any] = {"limit": limit}
    if catalog_from is not None:
        params["catalog_from"] = catalog_from
    if cursor is not None:
        params["cursor"] = cursor
    while True:
        r = api.http.get("/v1/pull", params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        pages.append(page)
        if not page["has_more"]:
            return pages
        params = {"limit": limit, "cursor": page["cursor"]}
        if catalog_from is not None:  # (ignored with a cursor: the cursor carries it)
            params["catalog_from"] = catalog_from


def _changes(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for page in pages for c in page["changes"]]


def _keys(changes: list[dict[str, Any]], entity: str | None = None,
          but: str | None = None) -> set[tuple[str, str, str]]:
    return {(c["entity"], c["id"], c["op"]) for c in changes
            if (entity is None or c["entity"] == entity) and c["entity"] != but}


@pytest.fixture
def published(db_url: str) -> Iterator[tuple[Seed, Api, dict[str, Any], bytes]]:
    """A server with a pack published by the admin: (seed, admin, its info, the file)."""
    s = seed(db_url, products=12)
    with app_server(db_url) as server, Api(server, "admin") as admin:
        raw = _file(2 * 1024 * 1024 + 12_345)
        r = _upload(admin, _final_cursor(admin), raw)
        assert r.status_code == 201, r.text
        yield s, admin, r.json(), raw


def test_a_published_pack_is_offered_to_every_role_and_sent_back_whole(
        db_url: str, published: tuple[Seed, Api, dict[str, Any], bytes]) -> None:
    _, admin, info, raw = published
    position = feed.Position.decode(info["position"])
    cursor = feed.Cursor.decode(admin.cursor or "")
    assert position is not None and cursor is not None
    assert (position.seq, position.mark_seq, position.mark) == (cursor.seq, cursor.mark_seq,
                                                                cursor.mark)
    assert info["sha256"] == _sha(raw) and info["size"] == len(raw)
    assert info["schema_id"] == SCHEMA
    with server_session(db_url) as session:
        chunks = session.scalars(select(CatalogPackChunk.data).order_by(CatalogPackChunk.n)).all()
    assert [len(c) for c in chunks[:-1]] == [1024 * 1024] * (len(chunks) - 1) and len(chunks) == 3
    assert info["gzip_size"] == sum(map(len, chunks))
    for name in ("rep1", "clerk1", "owner1", "admin"):
        with Api(admin.server, name) as who:
            r = _info(who)
            assert r.status_code == 200 and r.json() == info, (name, r.text)
            r = _download(who, info["sha256"])
            assert r.status_code == 200 and r.headers["content-type"] == "application/gzip"
            assert int(r.headers["content-length"]) == info["gzip_size"] == len(r.content)
            assert hashlib.sha256(r.content).hexdigest() == info["sha256"]
            assert gzip.decompress(r.content) == raw
            if name != "admin":  # every role reads it; only the back office publishes
                r = _upload(who, _final_cursor(who), _file(1000))
                assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    whole = _download(admin, info["sha256"]).content
    # A download that broke off goes on from where it was.
    r = _download(admin, info["sha256"], Range=f"bytes={1024 * 1024 + 7}-")
    assert r.status_code == 206 and r.content == whole[1024 * 1024 + 7:]
    assert r.headers["content-range"] == f"bytes {1024 * 1024 + 7}-{len(whole) - 1}/{len(whole)}"
    r = _download(admin, info["sha256"], Range=f"bytes={len(whole)}-")
    assert r.status_code == 416 and r.headers["content-range"] == f"bytes */{len(whole)}"
    # Another file than the one offered: none.
    r = _download(admin, "0" * 64)
    assert r.status_code == 404 and r.json()["error"]["code"] == "no_catalog_pack"
    # Without a token: 401, on each of the three.
    anonymous = admin.server.client(headers={"Dinghuo-Protocol": "2"})
    for r in (anonymous.get("/v1/catalog-pack"),
              anonymous.get("/v1/catalog-pack/file", params={"sha256": info["sha256"]}),
              anonymous.put("/v1/catalog-pack", params={"cursor": admin.cursor,
                            "schema_id": SCHEMA, "sha256": info["sha256"], "size": 9},
                            content=b"x")):
        assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"
    anonymous.close()


def test_refused_uploads_leave_the_previous_pack_served(
        db_url: str, published: tuple[Seed, Api, dict[str, Any], bytes]) -> None:
    _, admin, info, _ = published
    good = _final_cursor(admin)
    raw = _file(300_000, 2)
    packed = gzip.compress(raw)
    sha = hashlib.sha256(packed).hexdigest()
    cur = feed.Cursor.decode(good)
    assert cur is not None
    with Api(admin.server, "rep1") as rep:
        foreign = _final_cursor(rep)
    admin.cursor = None
    first_page = admin.http.get("/v1/pull", params={"limit": 2}).json()
    assert first_page["has_more"]

    def forged(**change: Any) -> str:
        fields = {"seq": cur.seq, "user_id": cur.user_id, "scope_epoch": cur.scope_epoch,
                  "log_epoch": cur.log_epoch, "mark_seq": cur.mark_seq, "mark": cur.mark,
                  **change}
        return feed.Cursor(**fields).encode()

    refusals = [
        (_upload(admin, good, raw, body=b"not gzip at all"), 400, "pack_not_gzip"),
        (_upload(admin, good, raw, body=packed[:-9]), 400, "pack_not_gzip"),
        (_upload(admin, good, raw, body=packed + b"junk after"), 400, "pack_not_gzip"),
        (_upload(admin, good, raw, body=packed + gzip.compress(b"a second member")), 400,
         "pack_not_gzip"),
        (_upload(admin, good, raw, body=b""), 400, "pack_not_gzip"),
        (_upload(admin, good, raw, body=packed, sha256="ab" * 32), 400, "pack_sha256_mismatch"),
        (_upload(admin, good, raw, body=packed, size=len(raw) + 1), 400, "pack_size_mismatch"),
        (_upload(admin, good, raw, body=packed, size=len(raw) - 1), 400, "pack_size_mismatch"),
        (_upload(admin, foreign, raw), 400, "pack_cursor_foreign"),
        (_upload(admin, "not-a-cursor", raw), 400, "pack_cursor_invalid"),
        (_upload(admin, first_page["cursor"], raw), 400, "pack_cursor_not_final"),
        (_upload(admin, forged(log_epoch="another-database"), raw), 400, "pack_position_gone"),
        (_upload(admin, forged(mark="0" * 16), raw), 400, "pack_position_gone"),
        (_upload(admin, forged(mark_seq=cur.seq + 50, seq=cur.seq + 50), raw), 400,
         "pack_position_gone"),
        (_upload(admin, good, raw, sha256="NOT-HEX"), 422, "validation_error"),
        (_upload(admin, good, raw, size=0), 422, "validation_error"),
    ]
    for r, status, code in refusals:
        assert (r.status_code, r.json()["error"]["code"]) == (status, code), r.text
        assert _info(admin).json() == info
    reasons = [r.json()["error"]["fields"][0]["params"]["reason"]
               for r, _, code in refusals if code == "pack_position_gone"]
    assert reasons == ["server_changed", "server_restored", "server_restored"]
    with server_session(db_url) as session:  # nothing of the refused uploads was kept
        assert session.scalar(select(func.count()).select_from(CatalogPack)) == 1
        assert session.scalar(select(func.count()).select_from(CatalogPackChunk)) == 3
    # The previous pack is still sent whole; a good upload then replaces it.
    assert hashlib.sha256(_download(admin, info["sha256"]).content
                          ).hexdigest() == info["sha256"]
    r = _upload(admin, good, raw, body=packed)
    assert r.status_code == 201 and r.json()["sha256"] == sha
    assert _info(admin).json()["sha256"] == sha
    assert _download(admin, info["sha256"]).status_code == 404
    assert gzip.decompress(_download(admin, sha).content) == raw
    with server_session(db_url) as session:  # the older pack is gone, chunks and all
        assert session.scalar(select(func.count()).select_from(CatalogPack)) == 1
        assert session.scalar(select(func.count()).select_from(CatalogPackChunk)) == 1


def test_an_upload_has_its_own_body_limit(db_url: str) -> None:
    seed(db_url)
    with app_server(db_url, catalog_pack_max_bytes=50_000, max_body_bytes=20_000) as server, \
            Api(server, "admin") as admin:
        cursor = _final_cursor(admin)
        small = _file(30_000)
        r = _upload(admin, cursor, small)  # over max_body_bytes, under the pack's limit
        assert r.status_code == 201, r.text
        big = _file(60_000)
        r = _upload(admin, cursor, big)  # declared over the limit
        assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
        packed = gzip.compress(big)

        def streamed() -> Iterator[bytes]:  # no length declared: counted as it arrives
            for i in range(0, len(packed), 8000):
                yield packed[i:i + 8000]

        r = _upload(admin, cursor, big, body=streamed())
        assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
        assert _info(admin).json()["sha256"] == _sha(small)
        # The other routes keep the general limit.
        r = admin.http.post("/v1/push", json={"client_id": admin.client_id, "mutations": [],
                                              "pad": "x" * 30_000})
        assert r.status_code == 413
    with server_session(db_url) as session:
        assert session.scalar(select(func.count()).select_from(CatalogPack)) == 1


def test_no_pack_is_offered_when_none_or_after_the_database_went_back(db_url: str) -> None:
    seed(db_url)
    with app_server(db_url) as server, Api(server, "admin") as admin, Api(server, "rep1") as rep:
        r = _info(rep)
        assert r.status_code == 404 and r.json()["error"]["code"] == "no_catalog_pack"
        assert _download(rep, "0" * 64).status_code == 404
        raw = _file(5000)
        info = _upload(admin, _final_cursor(admin), raw).json()
        position = feed.Position.decode(info["position"])
        assert position is not None and _info(rep).status_code == 200

        def went_back(change: Any, back: Any) -> None:
            with server_session(db_url) as session:
                session.execute(change)
                session.commit()
            for who in (rep, admin):
                r = _info(who)
                assert r.status_code == 404 and r.json()["error"]["code"] == "no_catalog_pack"
                assert _download(who, info["sha256"]).status_code == 404
            with server_session(db_url) as session:
                session.execute(back)
                session.commit()
            assert _info(rep).json() == info

        # Restored from a backup taken before the pack's position: its mark is not here.
        went_back(delete(CursorMark).where(CursorMark.seq == position.mark_seq),
                  CursorMark.__table__.insert().values(seq=position.mark_seq,
                                                       mark=position.mark))
        # Another mark for that position: another history.
        went_back(update(CursorMark).where(CursorMark.seq == position.mark_seq)
                  .values(mark="f" * 16),
                  update(CursorMark).where(CursorMark.seq == position.mark_seq)
                  .values(mark=position.mark))
        # Another database altogether (a new log epoch).
        went_back(update(ServerMeta).where(ServerMeta.key == "log_epoch").values(value="other"),
                  update(ServerMeta).where(ServerMeta.key == "log_epoch")
                  .values(value=position.log_epoch))
        # Tombstones forgotten past the position.
        with server_session(db_url) as session:
            session.merge(ServerMeta(key="tombstone_horizon", value=str(position.seq + 1)))
            session.commit()
        assert _info(rep).json()["error"]["code"] == "no_catalog_pack"


def _catalog_changes_after(db_url: str, s: Seed) -> tuple[str, str, str]:
    """After a pack was built: a product renamed, one added, one deleted (their ids)."""
    with server_session(db_url) as session:
        uow = UnitOfWork(session)
        renamed = session.get_one(Product, s.products[0])
        renamed.name_zh = "新名字"
        renamed.version += 1
        record_product(uow, renamed)
        added = Product(sku="SKU-NEW", barcode="6900000099999", name_zh="新品", name_en="New",
                        category="饮料", unit="瓶", case_unit="箱", case_qty=6, pack_size=1,
                        min_qty=1, tax_rate=Decimal("0.13"), base_price=Decimal("5.00"))
        session.add(added)
        session.flush()
        record_product(uow, added)
        gone = session.get_one(Product, s.products[1])
        gone.active = False
        uow.delete("product", gone.id, gone.version + 1, scope=GLOBAL)
        stock = session.get_one(Stock, (s.products[2], s.warehouses[0]))
        stock.on_hand += 5
        stock.version += 1
        record_stock(uow, stock)
        uow.commit()
        return str(renamed.id), str(added.id), str(gone.id)


def test_a_pull_from_a_pack_leaves_out_its_products_on_every_page_of_its_chain(
        db_url: str, published: tuple[Seed, Api, dict[str, Any], bytes]) -> None:
    s, admin, info, _ = published
    position = feed.Position.decode(info["position"])
    assert position is not None
    with Api(admin.server, "rep1") as rep:
        order = mutation("order.submit", {
            "order_id": new_id(), "customer_id": s.customers["A"],
            "lines": [{"product_id": s.products[3], "quantity": 1, "unit_price": "10.00"}]})
        assert rep.push(order)[0]["status"] == "applied"
        renamed, added, gone = _catalog_changes_after(db_url, s)

        plain = _chain(rep, None)
        pages = _chain(rep, info["position"])
        assert len(pages) > 3 and not any(page["resync"] for page in pages)
        # Every page of the chain leaves the pack's products out; later ones arrive.
        for page in pages:
            assert all(c["seq"] > position.seq for c in page["changes"]
                       if c["entity"] == "product"), page
        got = _changes(pages)
        assert _keys(got, "product") == {("product", renamed, "upsert"),
                                         ("product", added, "upsert"),
                                         ("product", gone, "delete")}
        # Everything else is what the pull without a pack gets: stock, customers, prices,
        # orders of the rep's scope (and no other rep's customer).
        assert _keys(got, but="product") == _keys(_changes(plain), but="product")
        assert {"warehouse", "stock", "customer", "price", "order"} <= {
            c["entity"] for c in got}
        assert str(s.customers["C"]) not in {c["id"] for c in got if c["entity"] == "customer"}
        # The pull without the pack is unchanged: every product.
        assert len(_keys(_changes(plain), "product")) == 13
        # The chain's cursors carry the pack's position while products may lie ahead.
        first = feed.Cursor.decode(pages[0]["cursor"])
        assert first is not None and first.catalog_seq == position.seq
        last = feed.Cursor.decode(pages[-1]["cursor"])
        assert last is not None and last.catalog_seq is None  # (none can lie ahead)
        # With a cursor, catalog_from is ignored: the cursor's chain decides.
        plain_first = rep.http.get("/v1/pull", params={"limit": 3}).json()
        ignored = _chain(rep, info["position"], cursor=plain_first["cursor"])
        assert _changes(ignored) == _changes(_chain(rep, None, cursor=plain_first["cursor"]))
        assert len(_keys(_changes([plain_first, *ignored]), "product")) == 13


@pytest.mark.parametrize("how", ["malformed", "server_changed", "server_restored",
                                 "cursor_too_old"])
def test_a_position_that_does_not_hold_resyncs_from_the_start_with_every_product(
        db_url: str, how: str, published: tuple[Seed, Api, dict[str, Any], bytes]) -> None:
    s, admin, info, _ = published
    position = feed.Position.decode(info["position"])
    assert position is not None
    token = {
        "malformed": "bm90IGEgcG9zaXRpb24",
        "server_changed": feed.Position(position.seq, "elsewhere", position.mark_seq,
                                        position.mark).encode(),
        "server_restored": feed.Position(position.seq, position.log_epoch, position.mark_seq,
                                         "0" * 16).encode(),
        "cursor_too_old": info["position"],
    }[how]
    if how == "cursor_too_old":
        with server_session(db_url) as session:
            session.merge(ServerMeta(key="tombstone_horizon", value=str(position.seq + 1)))
            session.commit()
    with Api(admin.server, "rep1") as rep:
        # (one page past a horizon moved by hand: a chain's next cursor would be below it)
        pages = _chain(rep, token, limit=1000 if how == "cursor_too_old" else 3)
        assert pages[0]["resync"] is True
        assert pages[0]["resync_reason"] == ("cursor_invalid" if how == "malformed" else how)
        assert all(not page["resync"] for page in pages[1:])
        assert all(feed.Cursor.decode(p["cursor"]).catalog_seq is None  # type: ignore[union-attr]
                   for p in pages)
        assert len(_keys(_changes(pages), "product")) == 12
        assert str(s.customers["C"]) not in {c["id"] for c in _changes(pages)
                                             if c["entity"] == "customer"}


def test_pulls_with_and_without_a_pack_in_one_snapshot_each_get_what_they_would_alone(
        db_url: str) -> None:
    s = seed(db_url, products=12)
    with app_server(db_url) as server, Api(server, "admin") as admin:
        info = _upload(admin, _final_cursor(admin), _file(4000)).json()
    _catalog_changes_after(db_url, s)
    stale = feed.Position.decode(info["position"])
    assert stale is not None
    stale_token = feed.Position(stale.seq, stale.log_epoch, stale.mark_seq, "1" * 16).encode()
    with _services(db_url) as services:
        rep1 = _token(services, s.users["rep1"], "r1")
        rep2 = _token(services, s.users["rep2"], "r2")
        clerk = _token(services, s.users["clerk1"], "c1")
        asks = [PullAsk(rep1, None, 4, catalog_from=info["position"]),
                PullAsk(rep1, None, 4),
                PullAsk(rep2, None, 1000, catalog_from=info["position"]),
                PullAsk(clerk, None, 1000, catalog_from=stale_token),
                PullAsk(rep2, None, 1000, catalog_from="garbage")]

        def answer(group: list[PullAsk]) -> list[Any]:
            return [json.loads(a) for a in answer_pulls(  # type: ignore[arg-type]
                services.engine, services.pull_notes, services.metrics, group)]

        together = answer(asks)
        alone = [answer([ask])[0] for ask in asks]
    for a, b in zip(together, alone, strict=True):
        assert {k: v for k, v in a.items() if k != "server_time"} == {
            k: v for k, v in b.items() if k != "server_time"}
    with_pack, without, rep2_pack, clerk_stale, rep2_garbage = together
    assert all(c["entity"] != "product" for c in with_pack["changes"][:4])
    assert [c["entity"] for c in without["changes"]][:1] == ["warehouse"]
    assert len(_keys(rep2_pack["changes"], "product")) == 3
    assert {c["id"] for c in rep2_pack["changes"] if c["entity"] == "customer"} == {
        str(s.customers["C"])}
    assert clerk_stale["resync_reason"] == "server_restored"
    assert len(_keys(clerk_stale["changes"], "product")) == 13
    assert rep2_garbage["resync_reason"] == "cursor_invalid"
    assert len(_keys(rep2_garbage["changes"], "product")) == 13


def test_position_tokens_decode_strictly() -> None:
    good = feed.Position(5, "epoch", 7, "abcd")
    assert feed.Position.decode(good.encode()) == good
    import base64

    import orjson

    def token(value: Any) -> str:
        return base64.urlsafe_b64encode(orjson.dumps(value)).decode().rstrip("=")

    for bad in ([2, 5, "epoch", 7, "abcd"], [1, 5, "epoch", 4, "abcd"], [1, -1, "e", 7, "a"],
                [1, 5, 3, 7, "abcd"], [1, 5, "epoch", 7, 9], [1, 5, "epoch", 2**63, "abcd"],
                [1, 5, "epoch", 7], {"seq": 5}, [1, True, "epoch", 7, "abcd"]):
        assert feed.Position.decode(token(bad)) is None, bad
    assert feed.Position.decode("!!!") is None
    assert feed.Position.decode(token([1, 5, "e" * 600, 7, "abcd"])) is None  # over 512
    # A cursor of format 3 carries the pack's position; 1 and 2 still decode.
    c3 = feed.Cursor(5, 1, 0, "epoch", 7, "abcd", 3)
    assert feed.Cursor.decode(c3.encode()) == c3
    assert feed.Cursor.decode(token([3, 5, 1, 0, "epoch", 7, "abcd", -1])) is None
    assert feed.Cursor.decode(token([3, 5, 1, 0, "epoch", 7, "abcd"])) is None
    assert feed.Cursor.decode(token([2, 5, 1, 0, "epoch", 7, "abcd", 3])) is None
    c2 = feed.Cursor(5, 1, 0, "epoch", 7, "abcd")
    assert feed.Cursor.decode(c2.encode()) == c2
    c1 = feed.Cursor(5, 1, 0, "epoch")
    assert feed.Cursor.decode(c1.encode()) == c1


def test_a_device_cut_off_or_a_token_expired_is_refused_the_pack(
        db_url: str, published: tuple[Seed, Api, dict[str, Any], bytes]) -> None:
    import datetime as dt

    from sync_engine.server import accounts
    from sync_engine.server.storage.models import AuthToken

    _, admin, info, _ = published
    with Api(admin.server, "rep1") as lost, Api(admin.server, "rep2") as old:
        assert _info(lost).status_code == 200 and _info(old).status_code == 200
        with server_session(db_url) as session:
            accounts.revoke_device(session, lost.client_id, wipe=True)
            session.execute(update(AuthToken).where(AuthToken.device_id == old.client_id)
                            .values(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
            session.commit()
        for who, code in ((lost, "device_revoked"), (old, "token_expired")):
            for r in (_info(who), _download(who, info["sha256"])):
                assert r.status_code == 401 and r.json()["error"]["code"] == code, r.text
