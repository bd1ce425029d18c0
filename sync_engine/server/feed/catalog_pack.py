"""The catalog pack (PROTOCOL.md, "Catalog pack"): the catalog tables of a client replica as one
gzipped SQLite file, published by the back office and copied in by a device's first sync, which
then pulls everything else with ``catalog_from`` (:meth:`.pull.PullSnapshot.plan`).

The pack lives in the database (``catalog_pack``, its gzip bytes in ``catalog_pack_chunk``
rows of :data:`CHUNK` bytes), beside the history its position belongs to: a restore or a
failover to a standby brings the pack that matches it, and every server instance serves the
same one. An upload writes its chunks each in a short transaction of its own (a server on
SQLite has one writer, and an upload may take minutes), then, once the file was checked whole,
marks the pack complete and forgets the older ones in one commit: nothing is served before
that, and a failed upload leaves the previous pack served.

A pack's position is checked as a cursor of the user at that position would be
(:func:`.pull.catalog_start`, :func:`.pull.check_cursor`): a pack from another database, from a
history this database lacks or below the tombstone horizon is not offered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Iterator

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from sync_engine.protocol import CatalogPackInfo
from sync_engine.server.feed.changes import current_seq
from sync_engine.server.feed.pull import Cursor, Position, catalog_start
from sync_engine.server.storage.dialect import snapshot_reads
from sync_engine.server.storage.engine import end_read
from sync_engine.server.storage.models import (
    CatalogPack,
    CatalogPackChunk,
    CursorMark,
    ServerMeta,
    User,
    utcnow,
)

CHUNK = 1024 * 1024
"""Bytes of gzip per stored chunk (the last may hold fewer)."""

SEND_BATCH = 4
"""Chunks read from the database at a time while a pack is sent: a download holds about this
many MiB, whatever the pack's size."""

_INFLATE = 1024 * 1024
"""The most unzipped bytes made from one step of an upload's check (a small gzip may unzip to
far more than it is)."""


class PackRefused(Exception):
    """An upload the server does not take: ``code`` at ``field`` (``params``: the details)."""

    def __init__(self, code: str, field: str, message: str, message_zh: str,
                 params: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message
        self.message_zh = message_zh
        self.params = params or {}


def position_reason(session: Session, user: User, text: str) -> str | None:
    """Why the pack position ``text`` does not hold in this database for ``user`` (a resync
    reason: ``cursor_invalid``, ``server_changed``, ``server_restored``, ``cursor_too_old``),
    or None when it does."""
    position = Position.decode(text)
    meta = {k: v for k, v in session.execute(select(ServerMeta.key, ServerMeta.value))}
    marks: dict[int, str] = {}
    if position is not None:
        mark = session.scalar(select(CursorMark.mark).where(CursorMark.seq == position.mark_seq))
        if mark is not None:
            marks[position.mark_seq] = mark
    return catalog_start(session, user, text, position, meta, top=current_seq(session),
                         marks=marks)


def upload_position(session: Session, user: User, cursor_text: str) -> Position:
    """The position of a pack built by ``user``'s pull that ended at ``cursor_text`` (the
    cursor of its last page); raises :class:`PackRefused` for a cursor that is not ``user``'s,
    not that of a last page, or whose position does not hold here."""
    cursor = Cursor.decode(cursor_text)
    position = Position.of(cursor) if cursor is not None else None
    if cursor is None or position is None:
        raise PackRefused("pack_cursor_invalid", "cursor", "This is not a cursor of this server.",
                          "这不是本服务器的游标。")
    if cursor.user_id != user.id:
        raise PackRefused("pack_cursor_foreign", "cursor",
                          "The cursor is another user's: send your own pull's.",
                          "该游标属于其他用户，请发送您自己的同步游标。")
    if cursor.seq != cursor.mark_seq:
        # A page with more after it stands before its snapshot's counter.
        raise PackRefused("pack_cursor_not_final", "cursor",
                          "The cursor is not that of a pull's last page: pull to the end.",
                          "该游标不是同步最后一页的游标，请同步完成后再上传。")
    reason = position_reason(session, user, position.encode())
    if reason is not None:
        raise PackRefused("pack_position_gone", "cursor",
                          f"The pack's position does not hold in this database ({reason}): "
                          "build it again from a fresh pull.",
                          f"目录包的同步位置在本数据库中已无效（{reason}），请重新同步后再生成。",
                          {"reason": reason})
    return position


class GzipCheck:
    """Checks an upload's gzip bytes as they arrive: one whole gzip member (what devices take),
    exactly ``size`` bytes unzipped, the bytes sent with the SHA-256 ``sha256`` (what devices
    check a download against). Holds at most a step's worth of unzipped bytes at a time."""

    def __init__(self, size: int, sha256: str) -> None:
        self.size = size
        self.sha256 = sha256
        self._inflate = zlib.decompressobj(wbits=31)
        self._hash = hashlib.sha256()
        self._unzipped = 0

    def feed(self, data: bytes) -> None:
        """Check the next gzip bytes; raises :class:`PackRefused` as soon as they cannot be."""
        inflate = self._inflate
        self._hash.update(data)
        while data:
            if inflate.eof:  # bytes after the gzip member
                raise _not_gzip()
            try:
                out = inflate.decompress(data, _INFLATE)
                while not inflate.eof and (inflate.unconsumed_tail or len(out) == _INFLATE):
                    self._take(out)
                    out = inflate.decompress(inflate.unconsumed_tail, _INFLATE)
            except zlib.error:
                raise _not_gzip() from None
            self._take(out)
            data = inflate.unused_data if inflate.eof else b""

    def finish(self) -> None:
        """After the last bytes: raises :class:`PackRefused` unless the file was whole and is
        the one announced."""
        if not self._inflate.eof:
            raise _not_gzip()
        if self._unzipped != self.size:
            raise _size_differs(self.size, self._unzipped)
        if self._hash.hexdigest() != self.sha256:
            raise PackRefused("pack_sha256_mismatch", "sha256",
                              "The file sent does not have this SHA-256.",
                              "所传文件与所给 SHA-256 不符。",
                              {"sha256": self._hash.hexdigest()})

    def _take(self, out: bytes) -> None:
        self._unzipped += len(out)
        if self._unzipped > self.size:
            raise _size_differs(self.size, self._unzipped)


def _not_gzip() -> PackRefused:
    return PackRefused("pack_not_gzip", "body", "The body is not one whole gzip file.",
                       "请求内容不是一个完整的 gzip 文件。")


def _size_differs(size: int, seen: int) -> PackRefused:
    return PackRefused("pack_size_mismatch", "size",
                       f"The unzipped file does not have {size} bytes.",
                       f"解压后的文件不是 {size} 字节。",
                       {"size": str(size), "unzipped_at_least": str(seen)})


def start_upload(session: Session, user: User, position: Position, schema_id: str,
                 sha256: str, size: int) -> int:
    """A new pack, not complete (served by nobody), committed; its id."""
    pack = CatalogPack(position=position.encode(), schema_id=schema_id, sha256=sha256,
                       size=size, gzip_size=0, built_by=user.id, complete=False)
    session.add(pack)
    session.commit()
    return pack.id


def add_chunk(session: Session, pack_id: int, n: int, data: bytes) -> None:
    """Store chunk ``n`` of the pack being uploaded, in a transaction of its own."""
    session.add(CatalogPackChunk(pack_id=pack_id, n=n, data=data))
    session.commit()


def finish_upload(session: Session, user: User, pack_id: int, gzip_size: int) -> CatalogPackInfo:
    """Mark the pack complete (from now on it is served) and forget the packs before it, in
    one commit, once its position still holds (raises :class:`PackRefused` if not)."""
    pack = session.get_one(CatalogPack, pack_id)
    reason = position_reason(session, user, pack.position)
    if reason is not None:
        raise PackRefused("pack_position_gone", "cursor",
                          f"The pack's position no longer holds in this database ({reason}).",
                          f"目录包的同步位置在本数据库中已无效（{reason}）。", {"reason": reason})
    pack.gzip_size = gzip_size
    pack.built_at = utcnow()
    pack.complete = True
    session.flush()
    older = select(CatalogPack.id).where(CatalogPack.id < pack_id).scalar_subquery()
    session.execute(delete(CatalogPackChunk).where(CatalogPackChunk.pack_id.in_(older)))
    session.execute(delete(CatalogPack).where(CatalogPack.id < pack_id))
    info = pack_info_of(pack)
    session.commit()
    return info


def drop_upload(session: Session, pack_id: int) -> None:
    """Forget a pack whose upload failed (the previous one stays served)."""
    session.rollback()
    session.execute(delete(CatalogPackChunk).where(CatalogPackChunk.pack_id == pack_id))
    session.execute(delete(CatalogPack).where(CatalogPack.id == pack_id,
                                              CatalogPack.complete.is_(False)))
    session.commit()


def current_pack(session: Session) -> CatalogPack | None:
    """The newest complete pack, whether or not its position holds."""
    newest = select(func.max(CatalogPack.id)).where(CatalogPack.complete.is_(True))
    return session.scalars(select(CatalogPack).where(CatalogPack.id == newest.scalar_subquery())
                           ).one_or_none()


def offered_pack(session: Session, user: User) -> CatalogPack | None:
    """The pack offered to ``user``: the newest complete one, if its position holds in this
    database (a server restored or failed over behind it offers none)."""
    pack = current_pack(session)
    if pack is None or position_reason(session, user, pack.position) is not None:
        return None
    return pack


def pack_info_of(pack: CatalogPack) -> CatalogPackInfo:
    """What ``GET /v1/catalog-pack`` says of ``pack``."""
    built_at = pack.built_at  # (SQLite gives it back without its zone: it is UTC)
    if built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=dt.UTC)
    return CatalogPackInfo(position=pack.position, schema_id=pack.schema_id, sha256=pack.sha256,
                           size=pack.size, gzip_size=pack.gzip_size, built_at=built_at)


def pack_bytes(sessions: sessionmaker[Session], pack_id: int, start: int = 0
               ) -> Iterator[bytes]:
    """The gzip bytes of pack ``pack_id`` from byte ``start``, chunk by chunk, read
    :data:`SEND_BATCH` chunks at a time, each read in a short transaction of its own.
    Raises ``LookupError`` if the pack goes away meanwhile (replaced by a newer one): the
    answer then ends short of its length, and the device downloads again."""
    n, skip = divmod(start, CHUNK)
    while True:
        with sessions() as session:
            snapshot_reads(session)  # (beside SQLite's writer, not queued for its lock)
            rows = session.execute(
                select(CatalogPackChunk.n, CatalogPackChunk.data)
                .where(CatalogPackChunk.pack_id == pack_id, CatalogPackChunk.n >= n,
                       CatalogPackChunk.n < n + SEND_BATCH)
                .order_by(CatalogPackChunk.n)).all()
            last = session.scalar(select(func.max(CatalogPackChunk.n))
                                  .where(CatalogPackChunk.pack_id == pack_id))
            end_read(session)
        expected = [] if last is None else list(range(n, min(n + SEND_BATCH, last + 1)))
        if last is None or not expected or [row.n for row in rows] != expected:
            raise LookupError(f"catalog pack {pack_id} went away while it was sent")
        for row in rows:
            yield bytes(row.data[skip:]) if skip else bytes(row.data)
            skip = 0
        n += len(rows)
        if n > last:
            return


__all__ = [
    "CHUNK",
    "GzipCheck",
    "PackRefused",
    "add_chunk",
    "current_pack",
    "drop_upload",
    "finish_upload",
    "offered_pack",
    "pack_bytes",
    "pack_info_of",
    "position_reason",
    "start_upload",
    "upload_position",
]
