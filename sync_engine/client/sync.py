"""One round of sync: push the outbox in order, then pull the feed in pages.

Push: batches of at most 500 claimed rows (see :mod:`.outbox`), sent as a ``PushRequest``; each
batch's answers (``MutationResult``) are recorded in one transaction, each table by its owner:
applied → the row is done and the server state stored; conflict/rejected → a conflict record
with both sides, and later mutations of that entity held behind it. A batch is sent only after
the one before was answered; when all of those answers were "applied", they are recorded while
the server works on the next batch.

Pull: a pipeline of three threads. A fetcher requests page n+1 while the pulling thread decodes
and prepares page n (Python work, which holds the GIL) and a writer commits page n-1 (SQLite
work in bulk statements, which does not). Each page, the search index of its products and its
cursor are committed together, so a crash resumes from the last committed page. An initial
sync is a bulk load (see ``Store.bulk_load`` and ``search.set_bulk_load``). A ``resync`` answer
collects the full pull in a staging table (resumable the same way) and swaps it in atomically.

Where the device stands travels with every push and the first page of every pull: its cursor,
the key of the last mutation the server applied since (``last_applied``, cleared once a
pull that began after it has finished), and the highest order number it holds (a server that
went back numbers no order at or below it). A server that went back in time — restored, failed over
— refuses such a push (:class:`~.errors.ResyncRequired`) and answers the pull with a resync
(``server_restored``). When that resync is swapped in, everything this user had sent that the
outbox still keeps is queued again in the same transaction (:func:`.outbox.resend_applied`),
and the sync pushes it before anything newer (PROTOCOL.md, "When the server goes back in
time").
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import json
import logging
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sync_engine.protocol import MutationResult, PullResponse, PushRequest

from . import catalog_pack, conflicts, orders, outbox, replica, returns, search, shipments
from .errors import ResyncRequired, SyncCancelled
from .outbox import Claimed
from .session import Auth
from .store import Store, get_meta, now_iso, set_meta, small_cache
from .transport import AccessExpired, ServerApi, decode_page
from .values import SyncReport

__all__ = ["Counts", "Syncer", "record_results"]

log = logging.getLogger(__name__)

T = TypeVar("T")

PUSH_BATCH = 500
PULL_LIMIT = 10_000  # the server's maximum: fewer round trips


Counts = SyncReport  # what a sync counts as it goes is its report


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SyncCancelled("sync cancelled")


class Syncer:
    """Pushes and pulls for one store over one server session."""

    def __init__(self, store: Store, api: ServerApi, auth: Auth, owner: str, *,
                 page_limit: int = PULL_LIMIT, push_batch: int = PUSH_BATCH,
                 keep_sent_days: int = outbox.SENT_RETENTION_DAYS) -> None:
        self.store = store
        self.api = api
        self.auth = auth
        self.owner = owner
        self.page_limit = page_limit
        self.push_batch = push_batch
        self.keep_sent_days = keep_sent_days
        self._last_applied_sent: str | None = None  # by the pull under way

    def _authorised(self, call: Callable[[str], T]) -> T:
        token = self.auth.token()
        try:
            return call(token)
        except AccessExpired:
            return call(self.auth.refreshed_token(token))

    # ------------------------------------------------------------------ push

    def push(self, counts: Counts, cancel: threading.Event | None = None) -> None:
        """Send every sendable outbox row, oldest first, until none is left.

        While the server works on a batch, the answers to the one before are recorded. That
        batch must have been applied in full: a conflict or a rejection holds its entity's
        later rows back, so it is recorded before the next batch is chosen.

        A push refused because the server went back in time ends the push, nothing lost
        (``counts.push_refused``): the pull that follows resyncs, and the rows go again after.
        """
        answered: tuple[list[Claimed], list[MutationResult]] | None = None  # not recorded yet

        def record_answered() -> None:
            nonlocal answered
            if answered is not None:
                batch, answered = answered, None
                self._record(batch, counts)

        with _bulk_work(), concurrent.futures.ThreadPoolExecutor(1, "dinghuo-push") as sender:
            try:
                while True:
                    _check(cancel)
                    if answered is not None and not _all_applied(answered[1]):
                        record_answered()
                    in_flight = {c.seq for c in answered[0]} if answered is not None else ()
                    with self.store.write() as db:
                        claimed = outbox.claim(db, self.owner, limit=self.push_batch,
                                               in_flight=in_flight)
                    if not claimed:
                        if answered is None:
                            return
                        # What is left may wait for those answers (same entities): record them
                        # and look again.
                        record_answered()
                        continue
                    sending = sender.submit(self._send_batch, claimed)
                    try:
                        record_answered()  # while the server works on the next batch
                    finally:
                        concurrent.futures.wait([sending])
                    try:
                        answered = (claimed, sending.result())
                    except ResyncRequired as exc:
                        log.warning("push refused, the server went back in time: %s", exc)
                        counts.push_refused = True
                        return
            finally:
                record_answered()

    def _send_batch(self, claimed: list[Claimed]) -> list[MutationResult]:
        def send(token: str) -> list[MutationResult]:
            return self.api.push(token, request)

        try:
            with self.store.read() as db:
                # Where this device stands, for the server to check before it applies anything.
                stands = {key: value for key in ("cursor", "last_applied")
                          if (value := get_meta(db, key)) is not None}
                highest = orders.highest_number(db)
            request = PushRequest(client_id=self.auth.client_id,
                                  mutations=[outbox.mutation(c) for c in claimed],
                                  highest_number=highest, **stands)
            return self._authorised(send)
        except BaseException:
            # Not sent, or the answer was lost: free the rows so the next attempt resends them
            # at once, with the same keys (a replay if the server did apply them).
            with self.store.write() as db:
                outbox.release(db, self.owner, [c.seq for c in claimed])
            raise

    def _record(self, answered: tuple[list[Claimed], list[MutationResult]],
                counts: Counts) -> None:
        claimed, results = answered
        with self.store.write() as db:
            record_results(db, claimed, results, counts)
        counts.pushed += len(claimed)

    # ------------------------------------------------------------------ pull

    def pull(self, counts: Counts, cancel: threading.Event | None = None) -> None:
        """Pull pages until the feed has nothing more; each page committed with its cursor."""
        with self.store.read() as db:
            cursor = self.store.get_meta(db, "cursor")
            # Filling the replica from empty (the initial sync, or its resumption): a bulk load.
            bulk = self.store.get_meta(db, "initial_sync_done") != "1"
            self._last_applied_sent = self.store.get_meta(db, "last_applied")
            highest = orders.highest_number(db)
            # A first sync (not a resync, which replaces the replica with what it pulls) may
            # start from a catalog pack, or go on from one a sync that stopped copied in.
            first = bulk and cursor is None and self.store.get_meta(db, "resync_active") != "1"
            catalog_from = self.store.get_meta(db, catalog_pack.POSITION) if first else None
        with _bulk_work(), self.store.bulk_load() if bulk else contextlib.nullcontext():
            if first:
                with catalog_pack.downloaded(self.store.data_dir):
                    catalog_from = catalog_from or self._take_catalog_pack(cancel)
            fetcher = _Fetcher(self, cursor, self._last_applied_sent, highest, catalog_from)
            writer = _Writer(self, counts)
            try:
                self._pull_pages(fetcher, writer, cancel, bulk=bulk)
            finally:
                writer.stop()
                fetcher.stop()
                if bulk:
                    self._end_bulk_load()

    def _take_catalog_pack(self, cancel: threading.Event | None) -> str | None:
        """Copy in the catalog pack the server offers (:mod:`.catalog_pack`); its position,
        for the pull to leave out the products it holds, or None: the catalog comes by the
        feed (no pack, another schema, no room, or a pack refused — remembered, so that one
        is not downloaded again). A failed connection or a cancel ends the sync as any."""
        folder = self.store.data_dir
        info = self._authorised(self.api.catalog_pack_info)
        if info is None:
            return None
        with self.store.read() as db:
            if self.store.get_meta(db, catalog_pack.REFUSED) == info.sha256:
                return None
            ours = catalog_pack.schema_id(db)
        if info.schema_id != ours or info.size > catalog_pack.MAX_PACK_BYTES \
                or not catalog_pack.room_for(folder, info.size):
            log.info("the catalog pack is not for this device; the catalog comes by the feed")
            return None

        def download(take: Callable[[bytes], None]) -> None:
            self._authorised(lambda token: self.api.catalog_pack_file(token, info.sha256, take))

        try:
            path = catalog_pack.fetch(info, folder, download, cancel)
            catalog_pack.check(path, catalog_pack.expected_definitions(self.store))
            if not catalog_pack.copy_in(self.store, path, info.position):
                return None
        except catalog_pack.PackRefused as exc:
            log.warning("%s The catalog comes by the feed.", exc)
            with self.store.write() as db:
                self.store.set_meta(db, catalog_pack.REFUSED, info.sha256)
            return None
        return info.position

    def _end_bulk_load(self) -> None:
        """After an initial sync that stopped before its last page: the search index back to
        everyday settings (the last page does it otherwise), so that barcodes are looked up
        by index while the app goes on offline; the next sync picks the bulk load up again."""
        try:
            with self.store.read() as db:
                if self.store.get_meta(db, "initial_sync_done") == "1":
                    return
            with self.store.write() as db, search.plain_rows(db):
                search.set_bulk_load(db, False)
        except Exception:
            log.exception("the search index stays in bulk-load mode until the next start")

    def _pull_pages(self, fetcher: _Fetcher, writer: _Writer, cancel: threading.Event | None,
                    *, bulk: bool) -> None:
        while True:
            requested_at, body = fetcher.next(cancel)
            envelope, changes = decode_page(body)
            del body
            fetcher.go_on(envelope.cursor if envelope.has_more else None)
            # The Python work of a page, done while the writer commits the one before.
            prepared = replica.prepare(changes, index=bulk)
            if not writer.write(requested_at, _Page(envelope, changes, prepared)):
                return  # the stored cursor was moved (a resync, another instance): stop
            if not envelope.has_more:
                writer.finish()
                return

    def _write_page(self, page: _Page, counts: Counts, requested_at: str | None) -> bool:
        """Apply one page and its cursor in one transaction; False (nothing written) if the
        stored cursor is no longer the one the page was asked for."""
        envelope, changes = page.envelope, page.changes
        with self.store.write() as db:
            if self.store.get_meta(db, "cursor") != requested_at:
                # A resync was started, or another app instance pulled meanwhile: this page
                # belongs to a stale position. Writing it would mix two pulls (and a resync's
                # swap would then drop rows); the next sync carries on from the stored cursor.
                return False
            staging = self.store.get_meta(db, "resync_active") == "1"
            if envelope.resync:
                # The server starts over from the beginning: collect everything, swap at the end.
                replica.clear_stage(db)
                self.store.set_meta(db, "resync_active", "1")
                self.store.set_meta(db, "resync_reason", str(envelope.resync_reason))
                if envelope.resync_reason == "server_restored":
                    # Kept until the swap, even if this resync is interrupted and starts over.
                    self.store.set_meta(db, "server_went_back", "1")
                staging = True
                counts.resync = True
            if staging:
                replica.stage_changes(db, changes)
                if not envelope.has_more:
                    went_back = self.store.get_meta(db, "server_went_back") == "1"
                    if went_back:
                        counts.resubmitted += self._queue_again(db)
                        counts.server_went_back = True
                    replica.swap_in_stage(db, server_went_back=went_back)
                    self.store.set_meta(db, "resync_active", None)
                    self.store.set_meta(db, "server_went_back", None)
            else:
                fresh = self.store.get_meta(db, "initial_sync_done") != "1"
                if fresh:
                    with search.plain_rows(db):
                        search.set_bulk_load(db, True)
                replica.apply_changes(db, page.prepared, fresh=fresh)
            self.store.set_meta(db, "cursor", envelope.cursor)
            self.store.set_meta(db, catalog_pack.POSITION, None)  # the cursor carries it now
            if not envelope.has_more:
                if self.store.get_meta(db, "last_applied") == self._last_applied_sent:
                    # This pull began after that answer: its cursor vouches for it now.
                    self.store.set_meta(db, "last_applied", None)
                if self.store.get_meta(db, "initial_sync_done") != "1":
                    with search.plain_rows(db), small_cache(db):
                        search.set_bulk_load(db, False)
                    # Just written from the server's answers: nothing to check it against
                    # that this fill did not write. The first backup follows (``maintain``).
                    self.store.set_meta(db, "integrity_checked_at", str(time.time()))
                    self.store.set_meta(db, "integrity", "ok")
                self.store.set_meta(db, "initial_sync_done", "1")
                self.store.set_meta(db, "server_time", envelope.server_time.isoformat())
        counts.pulled += len(changes)
        counts.pages += 1
        return True

    def _queue_again(self, db: sqlite3.Connection) -> int:
        """Before a resync from a server that went back in time is swapped in: everything this
        user sent and the outbox still keeps goes again (same keys, same order), so the orders
        it concerns stay in view. Returns how many."""
        identity = self.store.get_json(db, "identity")
        if identity is None:
            return 0
        n = outbox.resend_applied(db, int(identity["user_id"]), self.keep_sent_days)
        if n:
            self.store.journal_everything()  # unsent again: kept outside the replica too
            log.warning("the server went back in time: %d sent change(s) go again", n)
        return n


@dataclass(frozen=True, slots=True)
class _Page:
    """A pulled page on its way to the writer: its envelope (cursor, ``has_more``, ``resync``;
    see :func:`.transport.decode_page`), its changes, and those made ready to write."""

    envelope: PullResponse
    changes: list[Any]
    prepared: replica.Prepared


class _Fetcher:
    """Requests the pages of a pull on a thread of its own, one ahead of the pulling thread.

    A request needs the cursor of the page before it: the pulling thread hands it over
    (:meth:`go_on`) as soon as it has decoded that page, and prepares it while the server works
    on the next one. Pages travel as bytes: decoding is Python work, which stays on the pulling
    thread. (Reading the cursor off the end of the body, to ask even earlier, was measured:
    the fetcher's reading then competes with the pulling thread for the GIL and the CPU, and
    the sync got slower.)
    """

    def __init__(self, syncer: Syncer, cursor: str | None,
                 last_applied: str | None = None, highest_number: int | None = None,
                 catalog_from: str | None = None) -> None:
        self._syncer = syncer
        self._last_applied = last_applied  # for the first request only
        self._highest_number = highest_number  # (the same)
        self._catalog_from = catalog_from  # (the same)
        self._bodies: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
        self._cursors: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, args=(cursor,), name="dinghuo-pull",
                                        daemon=True)
        self._thread.start()

    def next(self, cancel: threading.Event | None) -> tuple[str | None, bytes]:
        """The next page: the cursor it was asked for, and its body."""
        while True:
            _check(cancel)
            try:
                kind, item = self._bodies.get(timeout=0.2)
            except queue.Empty:
                continue
            if kind == "error":
                raise item
            return item  # type: ignore[no-any-return]

    def go_on(self, cursor: str | None) -> None:
        """Ask for the page after ``cursor`` (None: there is none, stop)."""
        self._cursors.put(cursor)

    def stop(self) -> None:
        """Stop fetching; returns once the thread has finished its request."""
        self._cursors.put(None)
        while self._thread.is_alive():  # it may be waiting to hand over a page
            with contextlib.suppress(queue.Empty):
                self._bodies.get(timeout=0.05)

    def _run(self, at: str | None) -> None:
        api, limit = self._syncer.api, self._syncer.page_limit
        try:
            while True:

                def get(token: str, at: str | None = at,
                        last_applied: str | None = self._last_applied,
                        highest: int | None = self._highest_number,
                        catalog_from: str | None = self._catalog_from) -> bytes:
                    return api.pull_body(token, at, limit, last_applied, highest, catalog_from)

                self._bodies.put(("page", (at, self._syncer._authorised(get))))
                self._last_applied = self._highest_number = self._catalog_from = None
                after = self._cursors.get()
                if after is None:
                    return
                at = after
        except BaseException as exc:  # handed to the pulling thread, which raises it
            self._bodies.put(("error", exc))


class _Writer:
    """Writes the pages of a pull on a thread of its own, one at a time, while the pulling
    thread decodes and prepares the next one (so at most two pages are in memory).

    The writes are multi-row statements that SQLite runs without Python's GIL
    (:func:`.bulk_insert.insert_rows`): they overlap with the Python work of the next page
    instead of following it, and never wait for it between two rows. Each page is one
    transaction with its cursor, as before.
    """

    def __init__(self, syncer: Syncer, counts: Counts) -> None:
        self._syncer = syncer
        self._counts = counts
        self._items: queue.Queue[tuple[str | None, _Page] | None] = queue.Queue(maxsize=1)
        self._idle = threading.Event()
        self._idle.set()
        self._error: BaseException | None = None
        self._stale = False
        self._thread = threading.Thread(target=self._run, name="dinghuo-write", daemon=True)
        self._thread.start()

    def write(self, requested_at: str | None, page: _Page) -> bool:
        """Hand over a page once the one before is committed; False (nothing handed over) if
        the pull must stop because the stored cursor was moved under it."""
        if not self.finish():
            return False
        self._idle.clear()
        self._items.put((requested_at, page))
        return True

    def finish(self) -> bool:
        """Wait for the page handed over last; raise what went wrong writing it; False if the
        stored cursor had moved (that page was not written)."""
        self._idle.wait()
        if self._error is not None:
            error, self._error = self._error, None
            self._stale = True  # nothing more is written after a failed page
            raise error
        return not self._stale

    def stop(self) -> None:
        """Let the thread end, after the page it was handed (if any)."""
        self._items.put(None)
        self._thread.join()
        if self._error is not None:  # the pull failed otherwise before it could raise this
            log.error("writing a pulled page failed", exc_info=self._error)

    def _run(self) -> None:
        while True:
            item = self._items.get()
            if item is None:
                return
            try:
                if not self._stale and self._error is None:
                    requested_at, page = item
                    if not self._syncer._write_page(page, self._counts, requested_at):
                        self._stale = True
            except BaseException as exc:  # raised on the pulling thread
                self._error = exc
            finally:
                del item
                self._idle.set()


_bulk_lock = threading.Lock()
_bulk_users = 0
_bulk_saved: tuple[bool, float] = (True, 0.005)


@contextlib.contextmanager
def _bulk_work() -> Iterator[None]:
    """Tune the interpreter for a pull, which decodes and writes millions of objects, or a
    push, which makes and decodes thousands (mutations and answers as protocol models).

    - The cyclic garbage collector is paused: a page of JSON is acyclic, yet each batch of
      allocations made the collector walk every object alive again (0.6 s of CPU in an
      initial sync of 100,000 products; in a push of 1,000 orders after one, a full
      collection of 65 ms). Automatic collection resumes when the pull or push ends.
    - The GIL switch interval is shortened: the writer and fetcher threads (and the push's
      sender) need the GIL for a moment at a time (to bind a statement's values, to take in
      64 KB of a response), and with the default 5 ms each such moment could wait that long
      behind the pulling thread's Python work (measured: W1 0.1 s shorter).

    Both are process-wide: the first of concurrent pulls and pushes sets them, the last one
    restores them.
    """
    global _bulk_users, _bulk_saved
    with _bulk_lock:
        if _bulk_users == 0:
            _bulk_saved = (gc.isenabled(), sys.getswitchinterval())
            gc.disable()
            sys.setswitchinterval(0.0005)
        _bulk_users += 1
    try:
        yield
    finally:
        with _bulk_lock:
            _bulk_users -= 1
            if _bulk_users == 0:
                enabled, interval = _bulk_saved
                sys.setswitchinterval(interval)
                if enabled:
                    gc.enable()


# ---------------------------------------------------------------------- recording answers


def _all_applied(results: Sequence[MutationResult]) -> bool:
    return all(r.status == "applied" for r in results)


def _kept(result: MutationResult) -> str:
    """The server's answer as the outbox keeps it: JSON text of the fields it sent."""
    return result.model_dump_json(exclude_unset=True)


def record_results(db: sqlite3.Connection, claimed: Sequence[Claimed],
                   results: Sequence[MutationResult], counts: Counts) -> None:
    """Record the server's answers to a pushed batch (caller's transaction)."""
    identity = get_meta(db, "identity")
    user_id = int(json.loads(identity)["user_id"]) if identity else None
    answered_at = now_iso()  # the batch's answers came together
    last_applied: str | None = None
    for row, result in zip(claimed, results, strict=True):
        if result.key != row.key:
            raise ValueError(f"push answer for {result.key!r} where {row.key!r} was sent")
        if outbox.state(db, row.seq) != "pending":
            continue  # answered already (another instance took over an expired lease)
        if result.status == "applied":
            counts.applied += 1
            outbox.mark_done(db, row.seq, _kept(result), user_id=user_id,
                             answered_at=answered_at)
            last_applied = row.key
            _apply_result(db, row, result)
            continue
        if result.status == "conflict":
            counts.conflicts += 1
        else:
            counts.rejected += 1
        conflict_id = conflicts.record(db, row, result)
        outbox.mark_refused(db, row, result.status, _kept(result), conflict_id)
        if row.entity.startswith("return:"):  # the inbox has it now, with the server's side
            returns.drop_pending(db, row.entity.split(":", 1)[1], row.key)
        server = result.server
        if row.entity.startswith("order:") and server is not None and "lines" in server:
            orders.store_server_state(db, server, int(server.get("version") or 0))
        log.info("mutation %s (%s) %s: %s", row.key, row.kind, result.status, result.reason)
    if last_applied is not None:  # the batch's last one applied, until a pull vouches for it
        set_meta(db, "last_applied", last_applied)


def _apply_result(db: sqlite3.Connection, row: Claimed, result: MutationResult) -> None:
    data = result.data
    if (result.entity == "order" and data is not None
            and not orders.store_server_state(db, data, int(result.version or 0))):
        orders.settle(db, str(data["id"]))  # the feed was ahead: the view follows it
    if result.entity == "return" and data is not None:
        returns.TABLE.store_server_states(db, [(data, int(result.version or 1))])
        returns.drop_pending(db, str(data["id"]), row.key)
    shipment = result.details.get("shipment")
    if row.kind == "shipment.confirm" and isinstance(shipment, Mapping):
        shipments.TABLE.store_server_states(db, [(shipment, int(shipment.get("version") or 1))])
