"""The client engine: the one object the desktop app (and ``dinghuo-cli``) talks to.

Every operation is a small named method. Local operations check the shared rules and write the
change and its outbox row in one SQLite transaction; they work offline, always. Sync
(:meth:`Engine.sync_once`) may run on a background thread while the UI keeps calling the local
operations: each thread uses its own database connection, and WAL lets readers go on while
sync writes. Errors are the typed ones of :mod:`.errors`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from sync_engine import domain as d
from sync_engine.domain import Issue
from sync_engine.protocol import PROTOCOL_VERSION

from . import catalog, conflicts, errors, ordering, outbox, queries, replica, search
from .backoff import Backoff
from .customer_search import find_customers
from .outbox import make_owner
from .role_ops import RoleOperations
from .session import TOKEN_LOCK, Auth
from .store import Store
from .store_rows import plain_rows
from .sync import PULL_LIMIT, Counts, Syncer
from .transport import AccessExpired, ServerApi
from .views import (
    ConflictView,
    CustomerView,
    Identity,
    OrderView,
    PriceQuote,
    ProductView,
    ReorderResult,
    ShipmentView,
    StockView,
    SyncReport,
    SyncStatus,
)

__all__ = ["Engine"]

log = logging.getLogger(__name__)

_UNSET: Any = ordering.UNSET


class Engine(RoleOperations):
    """One device's local store and its sync with one server.

    ``data_dir``: where the database lives (default: the user's data directory).
    ``server_url``: the sync server (default: the one last signed in to). ``transport``: an
    httpx transport (tests use it to drop answers or fake the network). ``clock``/``backoff``:
    injectable for tests.
    """

    def __init__(
        self,
        data_dir: Path | str | None = None,
        server_url: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
        page_limit: int = PULL_LIMIT,
        push_batch: int = 500,
    ) -> None:
        self.store = Store(data_dir)
        self._transport = transport
        self._clock = clock
        self.backoff = backoff or Backoff()
        self._page_limit = page_limit
        self._push_batch = push_batch
        self._owner = make_owner()
        self._sync_lock = threading.Lock()
        with self.store.write() as db:
            client_id = self.store.get_meta(db, "client_id")
            if client_id is None:
                client_id = f"dev-{uuid.uuid4().hex}"
                self.store.set_meta(db, "client_id", client_id)
            if server_url:
                self.store.set_meta(db, "server_url", server_url.rstrip("/"))
            self._server_url = self.store.get_meta(db, "server_url")
        self.client_id: str = client_id
        self._api: ServerApi | None = None
        self._session_lock = threading.Lock()
        self._auth: Auth | None = None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the network client and the database connections."""
        if self._api is not None:
            self._api.close()
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def server_url(self) -> str | None:
        """The sync server's URL, if one is known."""
        return self._server_url

    def _session(self) -> tuple[ServerApi, Auth]:
        if self._server_url is None:
            raise errors.NotSignedIn("No server is configured: sign in first.")
        with self._session_lock:  # the sync worker and the change watcher both get here
            if self._api is None or self._auth is None:
                self._api = ServerApi(self._server_url, transport=self._transport)
                self._auth = Auth(self._api, self.client_id, clock=self._clock,
                                  lock_file=self.store.data_dir / TOKEN_LOCK)
            return self._api, self._auth

    # ------------------------------------------------------------------ identity

    @property
    def identity(self) -> Identity | None:
        """Who is signed in on this device (cached: known offline too), or None."""
        with self.store.read() as db:
            data = self.store.get_json(db, "identity")
        return None if data is None else Identity(**data)

    def _who(self) -> Identity:
        identity = self.identity
        if identity is None:
            raise errors.NotSignedIn("Nobody has signed in on this device yet.")
        return identity

    def login(self, username: str, password: str, device_name: str = "") -> Identity:
        """Sign in (online); the tokens go to the OS keyring, the identity to the database."""
        _api, auth = self._session()
        with self.store.read() as db:
            previous = self.store.get_json(db, "identity")
            waiting = outbox.pending_count(db)
        if (previous is not None and waiting
                and str(previous["username"]).lower() != username.strip().lower()):
            # Checked before the server is asked: the new user's tokens must never carry the
            # previous user's queued changes.
            raise errors.UnsentChangesOfAnotherUser(str(previous["username"]), waiting)
        try:
            user = auth.login(username, password, device_name or "dinghuo desktop")
        except errors.SyncError as exc:
            self._record_error(exc)
            raise
        identity = Identity(
            user_id=int(user["id"]), username=str(user["username"]),
            display_name=str(user.get("display_name") or ""), role=str(user["role"]),
            warehouse_id=user.get("warehouse_id"), customer_id=user.get("customer_id"),
        )
        with self.store.write() as db:
            previous = self.store.get_json(db, "identity")
            if previous is not None and previous["user_id"] != identity.user_id:
                # Another user on this device: replace the replica with their scope (a resync
                # swaps it in whole, so the previous user's customers and orders go).
                replica.clear_stage(db)
                self.store.set_meta(db, "cursor", None)
                self.store.set_meta(db, "resync_active", "1")
            self.store.set_meta(db, "identity", json.dumps(_identity_dict(identity)))
            self.store.set_meta(db, "sign_in_required", None)
            self.store.set_meta(db, "last_error", None)
            self.store.set_meta(db, "last_error_code", None)
        return identity

    def is_session_stored(self) -> bool:
        """True if tokens are stored for this device (they may still be expired or revoked)."""
        if self._server_url is None:
            return False
        return self._session()[1].has_tokens()

    def logout(self) -> None:
        """Sign out on the server (best effort) and forget the tokens; local data stays."""
        _api, auth = self._session()
        auth.logout()

    # ------------------------------------------------------------------ catalog

    def search_products(self, query: str, *, limit: int = 50, offset: int = 0,
                        include_inactive: bool = False) -> list[ProductView]:
        """Products matching ``query`` (SKU, barcode, names, pinyin, initials), best first;
        with an empty query, the whole catalog in SKU order (browsing, a page at a time)."""
        with self.store.read() as db:
            if not query.strip():
                ids = queries.browse_products(db, limit=limit, offset=offset,
                                              include_inactive=include_inactive)
                return queries.product_views(db, ids)
            with plain_rows(db):
                ids = search.search_products(db, query, limit=limit, offset=offset,
                                             include_inactive=include_inactive)
            return queries.product_views(db, ids)

    def product(self, product_id: int) -> ProductView:
        """One product, or :class:`~.errors.NotFound`."""
        with self.store.read() as db:
            found = queries.product_views(db, [product_id])
        if not found:
            raise errors.NotFound(f"There is no product {product_id} on this device.")
        return found[0]

    def stock(self, product_id: int, warehouse_id: int) -> StockView | None:
        """Stock as of the last sync (``as_of`` says when), or None if unknown."""
        with self.store.read() as db:
            return queries.stock_view(db, product_id, warehouse_id)

    def customers(self, text: str = "", *, include_inactive: bool = False) -> list[CustomerView]:
        """The customers in this user's scope; ``text`` filters on code and names."""
        with self.store.read() as db:
            return queries.customers(db, text, include_inactive)

    def customer(self, customer_id: int) -> CustomerView:
        """One customer, or :class:`~.errors.NotFound`."""
        with self.store.read() as db:
            return queries.customer_view(db, customer_id)

    def find_customers(self, text: str, *, limit: int = 20) -> list[CustomerView]:
        """The active customers in scope that ``text`` finds by code, name (either language)
        or the name's pinyin, full or initials; best first (see :mod:`.customer_search`)."""
        return find_customers(self.customers(), text, limit)

    def price(self, customer_id: int, product_id: int, quantity: int) -> PriceQuote:
        """The customer's price for ``quantity`` units of the product (quantity breaks apply)."""
        with self.store.read() as db:
            product = catalog.product(db, product_id)
            if product is None:
                raise errors.NotFound(f"There is no product {product_id} on this device.")
            row = catalog.price_row(db, customer_id, product_id)
        line = d.price_line(product, row, quantity)
        return PriceQuote(customer_id, product_id, quantity, line.unit_price, line.net, line.tax,
                          line.gross, d.applicable_break(row, quantity) is not None)

    def credit_used(self, customer_id: int) -> Decimal:
        """Gross of the customer's open orders, as this device sees them."""
        with self.store.read() as db:
            return catalog.open_orders_total(db, customer_id)

    def favourites(self) -> list[ProductView]:
        """The user's favourite products."""
        who = self._who()
        with self.store.read() as db:
            ids = [r[0] for r in db.execute(
                "SELECT product_id FROM favourites WHERE user_id = ? ORDER BY product_id",
                (who.user_id,))]
            return queries.product_views(db, ids)

    def set_favourite(self, product_id: int, favourite: bool = True) -> None:
        """Mark (or unmark) a favourite."""
        who = self._who()
        with self.store.write() as db:
            ordering.set_favourite(db, who, product_id, favourite)

    # ------------------------------------------------------------------ orders

    def create_draft(self, customer_id: int, lines: Mapping[int, int] | None = None, *,
                     notes: str = "", delivery_date: dt.date | None = None) -> OrderView:
        """A new draft for the customer, optionally with lines (product id → quantity)."""
        who = self._who()
        with self.store.write() as db:
            order_id = ordering.create_draft(db, who, customer_id, notes=notes,
                                             delivery_date=delivery_date)
            if lines:
                ordering.edit_order(db, who, order_id, set_lines=lines)
            return queries.order_view(db, order_id)

    def set_line(self, order_id: str, product_id: int, quantity: int) -> OrderView:
        """Add a product or change its quantity (draft, or a submitted order still editable)."""
        return self.update_order(order_id, lines={product_id: quantity})

    def remove_line(self, order_id: str, product_id: int) -> OrderView:
        """Remove a product's line."""
        who = self._who()
        with self.store.write() as db:
            ordering.edit_order(db, who, order_id, remove=[product_id])
            return queries.order_view(db, order_id)

    def set_notes(self, order_id: str, notes: str) -> OrderView:
        """Set the order's notes."""
        return self.update_order(order_id, notes=notes)

    def set_delivery_date(self, order_id: str, delivery_date: dt.date | None) -> OrderView:
        """Set (or with None, clear) the delivery date."""
        return self.update_order(order_id, delivery_date=delivery_date)

    def update_order(self, order_id: str, *, lines: Mapping[int, int] | None = None,
                     remove: tuple[int, ...] = (), notes: str | None = None,
                     delivery_date: dt.date | None = _UNSET) -> OrderView:
        """Several changes at once; on a submitted order they travel as one ``order.update``."""
        who = self._who()
        with self.store.write() as db:
            ordering.edit_order(db, who, order_id, set_lines=lines, remove=remove, notes=notes,
                                delivery_date=delivery_date)
            return queries.order_view(db, order_id)

    def check_order(self, order_id: str) -> list[Issue]:
        """Every issue the rules find with the order now (errors and warnings); changes nothing."""
        with self.store.read() as db:
            row = ordering.order_row(db, order_id)
            lines = ordering.order_lines(db, order_id)
            return ordering.check_lines(db, row, lines, whole_order=True)

    def accept_current_prices(self, order_id: str) -> list[Issue]:
        """Re-price a draft at today's prices; returns what changed (``price_changed`` issues)."""
        who = self._who()
        with self.store.write() as db:
            return ordering.accept_current_prices(db, who, order_id)

    def submit(self, order_id: str) -> list[Issue]:
        """Submit a draft; returns the warnings (credit, stock). Errors raise ValidationFailed."""
        who = self._who()
        with self.store.write() as db:
            return ordering.submit_order(db, who, order_id)

    def cancel(self, order_id: str, reason: str = "") -> OrderView:
        """Cancel an order (until something has shipped)."""
        who = self._who()
        with self.store.write() as db:
            ordering.cancel_order(db, who, order_id, reason)
            return queries.order_view(db, order_id)

    def reorder(self, order_id: str) -> ReorderResult:
        """A new draft from a past order at today's prices, with the differences."""
        who = self._who()
        with self.store.write() as db:
            draft_id, differences = ordering.reorder(db, who, order_id)
            return ReorderResult(queries.order_view(db, draft_id), tuple(differences))

    def confirm_shipment(self, order_id: str, quantities: Mapping[int, int], *,
                         carrier: str = "", tracking_number: str = "") -> str:
        """Clerk: record a (partial) shipment; returns its id."""
        who = self._who()
        with self.store.write() as db:
            return ordering.confirm_shipment(db, who, order_id, quantities, carrier=carrier,
                                             tracking_number=tracking_number)

    def order(self, order_id: str) -> OrderView:
        """One order as the user sees it."""
        with self.store.read() as db:
            return queries.order_view(db, order_id)

    def orders(self, *, status: str | None = None, customer_id: int | None = None,
               date_from: dt.date | None = None, date_to: dt.date | None = None,
               text: str = "", limit: int = 200, offset: int = 0) -> list[OrderView]:
        """Order history, newest first, filtered (lines not loaded)."""
        with self.store.read() as db:
            return queries.list_orders(db, status=status, customer_id=customer_id,
                                       date_from=date_from, date_to=date_to, text=text,
                                       limit=limit, offset=offset)

    def shipments(self, order_id: str) -> list[ShipmentView]:
        """The order's shipments."""
        with self.store.read() as db:
            return queries.shipments(db, order_id)

    # ------------------------------------------------------------------ conflicts

    def conflicts(self, include_resolved: bool = False) -> list[ConflictView]:
        """The conflicts inbox."""
        with self.store.read() as db:
            return queries.conflicts(db, include_resolved)

    def conflict(self, conflict_id: int) -> ConflictView:
        """One conflict with both sides."""
        with self.store.read() as db:
            return queries.conflict_view(db, conflict_id)

    def keep_mine(self, conflict_id: int, *, accept_new_prices: bool = False) -> None:
        """Send the user's version again (new key, on the server's current version)."""
        with self.store.write() as db:
            conflicts.keep_mine(db, conflict_id, accept_new_prices=accept_new_prices)

    def take_theirs(self, conflict_id: int) -> None:
        """Make the local data the server's version."""
        with self.store.write() as db:
            conflicts.take_theirs(db, conflict_id)

    def edit_conflict(self, conflict_id: int) -> OrderView:
        """Turn the user's version into an editable draft; returns it."""
        who = self._who()
        with self.store.write() as db:
            draft_id = conflicts.edit(db, who, conflict_id)
            return queries.order_view(db, draft_id)

    # ------------------------------------------------------------------ sync

    def sync_once(self, cancel: threading.Event | None = None) -> SyncReport:
        """Push everything pending, then pull everything new. Safe on a background thread;
        ``cancel`` is checked between batches and pages (raises ``SyncCancelled``)."""
        with self.store.read() as db:
            refused = self.store.get_meta(db, "update_required")
        if refused == str(PROTOCOL_VERSION):
            raise errors.UpdateRequired(
                "This app is too old for the server. Please update it; your unsent changes "
                "are kept.", "update_required")
        api, auth = self._session()
        syncer = Syncer(self.store, api, auth, self._owner, page_limit=self._page_limit,
                        push_batch=self._push_batch)
        counts = Counts()
        start = time.perf_counter()
        with self._sync_lock:
            try:
                syncer.push(counts, cancel)
                syncer.pull(counts, cancel)
            except errors.SyncCancelled:
                raise
            except errors.SyncError as exc:
                self._record_error(exc)
                raise
            except Exception as exc:
                log.exception("sync failed")
                self._record_error(exc)
                raise
        self.backoff.succeeded()
        with self.store.write() as db:
            self.store.set_meta(db, "last_success_at", dt.datetime.now(dt.UTC).isoformat())
            self.store.set_meta(db, "online", "1")
            for key in ("last_error", "last_error_code", "sign_in_required"):
                self.store.set_meta(db, key, None)
            outbox.prune(db)
        return SyncReport(pushed=counts.pushed, applied=counts.applied,
                          conflicts=counts.conflicts, rejected=counts.rejected,
                          pulled=counts.pulled, pages=counts.pages, resync=counts.resync,
                          seconds=time.perf_counter() - start, notes=tuple(counts.notes))

    def resync(self, cancel: threading.Event | None = None) -> SyncReport:
        """Replace the replica with a full pull (atomically at the end); keeps outbox/drafts."""
        # Not in the middle of this instance's own pull (another instance's pull notices the
        # moved cursor and stops: see Syncer._write_page).
        with self._sync_lock, self.store.write() as db:
            replica.clear_stage(db)
            self.store.set_meta(db, "cursor", None)
            self.store.set_meta(db, "resync_active", "1")
        return self.sync_once(cancel)

    def _record_error(self, exc: BaseException) -> None:
        if isinstance(exc, errors.Retryable):
            self.backoff.failed()
        code = exc.code if isinstance(exc, errors.SyncError) else "internal"
        message = str(exc) if isinstance(exc, errors.ClientError) else (
            "Something went wrong while syncing; it was logged.")
        with self.store.write() as db:
            self.store.set_meta(db, "last_error", message)
            self.store.set_meta(db, "last_error_code", code)
            if isinstance(exc, errors.Retryable):
                self.store.set_meta(db, "online", "0")
            elif isinstance(exc, errors.SyncError):
                self.store.set_meta(db, "online", "1")
            if isinstance(exc, errors.UpdateRequired):
                self.store.set_meta(db, "update_required", str(PROTOCOL_VERSION))
            if isinstance(exc, errors.SignInRequired):
                self.store.set_meta(db, "sign_in_required", "1")

    def status(self) -> SyncStatus:
        """Pending count, conflicts, last successful sync, last error in words, online."""
        with self.store.read() as db:
            counts = dict(db.execute(
                "SELECT state, COUNT(*) FROM outbox WHERE state IN ('pending', 'held')"
                " GROUP BY state").fetchall())
            open_conflicts = db.execute(
                "SELECT COUNT(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        identity = json.loads(meta["identity"]) if meta.get("identity") else None
        online = meta.get("online")
        return SyncStatus(
            signed_in=identity is not None and not meta.get("sign_in_required"),
            username=identity["username"] if identity else None,
            pending=int(counts.get("pending", 0)), held=int(counts.get("held", 0)),
            conflicts=int(open_conflicts), last_success_at=meta.get("last_success_at"),
            last_error=meta.get("last_error"), last_error_code=meta.get("last_error_code"),
            online=None if online is None else online == "1",
            update_required=meta.get("update_required") == str(PROTOCOL_VERSION),
            sign_in_required=bool(meta.get("sign_in_required")),
            initial_sync_done=meta.get("initial_sync_done") == "1",
        )

    def watch_changes(self, stop: threading.Event, on_changes: Callable[[int], None], *,
                      on_connected: Callable[[], None] | None = None,
                      on_lost: Callable[[], None] | None = None,
                      retry_max: float = 60.0) -> None:
        """Listen to the server's "new changes for you" stream until ``stop`` is set, calling
        ``on_changes(seq)`` (on this thread) for each; run it on a thread of its own.
        ``on_connected()`` is called each time the stream is (re)established.

        The stream is a hint: when it cannot be held (offline, a proxy, an old server) this
        waits and tries again, doubling the pause up to ``retry_max``, and interval syncs carry
        on meanwhile. It ends for good on "sign in again" or "update required".

        Losing the stream to the network (or failing to open it) is also the first sign that
        the device is offline: it is recorded at once, as a failed sync would record it, so
        :meth:`status` says offline within seconds rather than at the next sync, and
        ``on_lost()`` is called.
        """
        pause = 1.0
        while not stop.is_set():
            try:
                api, auth = self._session()
                token = auth.token()
                def handle(name: str, data: dict[str, Any]) -> None:
                    if name == "hello" and on_connected is not None:
                        on_connected()
                    self._on_event(name, data, on_changes)

                try:
                    api.watch(token, handle, stop)
                except AccessExpired:
                    api.watch(auth.refreshed_token(token), handle, stop)
                pause = 1.0  # the stream was up: start the retry pauses afresh
            except (errors.SignInRequired, errors.UpdateRequired, errors.NotSignedIn):
                return
            except errors.SyncError as exc:
                log.info("change stream unavailable (%s); retrying in %.0f s", exc.code, pause)
                if isinstance(exc, errors.Retryable) and not stop.is_set():
                    self._record_error(exc)
                    if on_lost is not None:
                        on_lost()
            stop.wait(pause)
            pause = min(retry_max, pause * 2)

    @staticmethod
    def _on_event(name: str, data: dict[str, Any], on_changes: Callable[[int], None]) -> None:
        if name == "changes":
            seq = data.get("seq")
            on_changes(seq if isinstance(seq, int) else 0)

    def run_sync_loop(self, stop: threading.Event, *, interval: float = 30.0) -> None:
        """Sync until ``stop`` is set: at once, then every ``interval`` seconds, backing off
        after passing failures; stops on "update required" or "sign in again"."""
        while not stop.is_set():
            if self.backoff.due():
                try:
                    self.sync_once(stop)
                except errors.SyncCancelled:
                    return
                except errors.Retryable as exc:
                    log.info("sync failed, retrying in %.0f s: %s", self.backoff.remaining(), exc)
                except (errors.UpdateRequired, errors.SignInRequired):
                    return
            wait = self.backoff.remaining() if not self.backoff.due() else interval
            stop.wait(max(0.05, wait))


def _identity_dict(identity: Identity) -> dict[str, Any]:
    return {name: getattr(identity, name) for name in Identity.__slots__}
