"""The catalog pack (PROTOCOL.md, "Catalog pack"): ``PUT /v1/catalog-pack`` (the back office
publishes one), ``GET /v1/catalog-pack`` (what is offered) and ``GET /v1/catalog-pack/file``
(its gzip bytes). What is stored and checked is :mod:`sync_engine.server.feed.catalog_pack`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from sync_engine.protocol import CatalogPackInfo, ErrorBody
from sync_engine.server.api.deps import AppServices, Current, Db, query_of
from sync_engine.server.api.errors import (
    ERROR_RESPONSES,
    BadRequest,
    NotFound,
    error_body,
    too_large,
)
from sync_engine.server.api.openapi import query_parameters
from sync_engine.server.api.routes.admin import require_admin
from sync_engine.server.feed import catalog_pack as packs
from sync_engine.server.feed.pull import Position
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import CatalogPack, User

router = APIRouter(tags=["catalog pack"], responses=ERROR_RESPONSES)

_INFO = CatalogPackInfo.model_fields


class PackUpload(BaseModel):
    """The query of ``PUT /v1/catalog-pack``: the cursor of the last page of the pull that
    built the pack, and the file's fields as :class:`CatalogPackInfo` checks them."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cursor: Annotated[str, Field(min_length=1, max_length=Position.MAX_TEXT)]
    schema_id: Annotated[str, _INFO["schema_id"]]
    sha256: Annotated[str, _INFO["sha256"]]
    size: Annotated[int, _INFO["size"]]


NONE: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no catalog pack (`no_catalog_pack`)"}}

_RANGE = re.compile(r"bytes=(\d{1,19})-")

_T = TypeVar("_T")


def _no_pack() -> NotFound:
    return NotFound("no_catalog_pack", "This server offers no catalog pack: pull instead.",
                    "服务器没有可用的目录包，请直接同步。")


async def _run(work: Callable[[], _T]) -> _T:
    """``work`` on a worker thread (database and CPU work, off the event loop); a refused
    upload answered 400 with its code."""
    try:
        return await anyio.to_thread.run_sync(work)
    except packs.PackRefused as refused:
        field = {"field": refused.field, "code": refused.code, "severity": "error",
                 "params": refused.params, "message": refused.message,
                 "message_zh": refused.message_zh}
        raise BadRequest(refused.code, refused.message, refused.message_zh, [field]) from None


@router.put(
    "/v1/catalog-pack", status_code=201, response_model=CatalogPackInfo,
    responses={413: {"model": ErrorBody,
                     "description": "over `DINGHUO_CATALOG_PACK_MAX_BYTES` (gzipped)"}},
    openapi_extra={"parameters": query_parameters(PackUpload), "requestBody": {
        "required": True,
        "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}}}},
)
async def upload(request: Request, who: Current, app: AppServices) -> Response:
    """Publish a catalog pack (the back office): the body is the gzipped SQLite file, read as
    it arrives into the database's chunks and checked (gzip, ``size``, ``sha256``) on the
    way; the pack is served from its commit on, and the previous one until then."""
    user = who[0]
    require_admin(user)
    query = query_of(PackUpload, request)
    limit = app.settings.catalog_pack_max_bytes
    sessions = app.sessions

    def start() -> int:
        with sessions() as session:
            position = packs.upload_position(session, user, query.cursor)
            return packs.start_upload(session, user, position, query.schema_id, query.sha256,
                                      query.size)

    pack_id = await _run(start)
    check = packs.GzipCheck(query.size, query.sha256)

    def store(n: int, data: bytes) -> None:
        check.feed(data)
        with sessions() as session:
            packs.add_chunk(session, pack_id, n, data)

    def finish(gzip_size: int) -> CatalogPackInfo:
        check.finish()
        with sessions() as session:
            return packs.finish_upload(session, user, pack_id, gzip_size)

    try:
        pending = bytearray()
        seen = stored = 0
        async for data in request.stream():
            seen += len(data)
            if seen > limit:
                raise too_large(limit)
            rest = memoryview(data)  # (a message may be large: cut, not copied whole)
            while len(pending) + len(rest) >= packs.CHUNK:
                take = packs.CHUNK - len(pending)
                piece = bytes(pending) + bytes(rest[:take])
                pending.clear()
                rest = rest[take:]
                await _run(partial(store, stored, piece))
                stored += 1
            pending += rest
        if pending or not stored:
            await _run(partial(store, stored, bytes(pending)))
        info = await _run(partial(finish, seen))
    except BaseException:
        with anyio.CancelScope(shield=True):  # (a client that hung up: forget its chunks)
            await anyio.to_thread.run_sync(_drop, sessions, pack_id)
        raise
    return Response(info.model_dump_json(), status_code=201, media_type="application/json")


def _drop(sessions: Any, pack_id: int) -> None:
    with sessions() as session:
        packs.drop_upload(session, pack_id)


def _offered(session: Any, user: User) -> CatalogPack:
    pack = packs.offered_pack(session, user)
    if pack is None:
        raise _no_pack()
    return pack


@router.get("/v1/catalog-pack", response_model=CatalogPackInfo, responses=NONE)
def info(who: Current, session: Db) -> CatalogPackInfo:
    """The catalog pack offered for a first sync, or 404 ``no_catalog_pack``: none was
    published, or its position does not hold in this database (restored, failed over)."""
    return packs.pack_info_of(_offered(session, who[0]))


@router.get(
    "/v1/catalog-pack/file", response_class=StreamingResponse, responses={
        **NONE, 200: {"content": {"application/gzip": {}}},
        206: {"content": {"application/gzip": {}}, "description": "from `Range: bytes=N-`"},
        416: {"model": ErrorBody, "description": "a range past the end"}})
def file(
    who: Current, app: AppServices,
    sha256: Annotated[str, Query(max_length=64)],
    range_: Annotated[str | None, Header(alias="range")] = None,
) -> Response:
    """The gzip bytes of the offered pack whose SHA-256 is ``sha256`` (404
    ``no_catalog_pack`` for another), sent as they are read, a few chunks at a time.
    ``Range: bytes=N-`` sends them from byte N (206); other ranges get the whole file."""
    with app.sessions() as session:  # (ended before the bytes are sent, a few chunks a read)
        pack = _offered(session, who[0])
        end_read(session)
    if pack.sha256 != sha256:
        raise _no_pack()
    size, start = pack.gzip_size, 0
    match = _RANGE.fullmatch(range_.strip()) if range_ else None
    if match:
        start = int(match.group(1))
        if start >= size:
            return JSONResponse(
                error_body("range_not_satisfiable", f"The file has {size} bytes.",
                           f"文件只有 {size} 字节。"),
                status_code=416, headers={"Content-Range": f"bytes */{size}"})
    headers = {"Content-Length": str(size - start), "Accept-Ranges": "bytes"}
    if match:
        headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    return StreamingResponse(packs.pack_bytes(app.sessions, pack.id, start),
                             status_code=206 if match else 200, headers=headers,
                             media_type="application/gzip")
