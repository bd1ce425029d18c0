"""The client engine: the one object the desktop app (and ``dinghuo-cli``) talks to.

Every operation is a small named method. Here are the local ones, for every role: the catalog,
the rep's orders, the clerk's shipping queue, the owner's suggestions and receipts, the back
office's decisions, the conflicts inbox. They check the shared rules and write the change and
its outbox row in one SQLite transaction; they work offline, always. What needs the server
(signing in, syncing, the change stream, device health) is in :mod:`.online`, mixed in;
returns and customers' accounts are in :mod:`.after_sale`, mixed in too.

Sync (:meth:`Engine.sync_once`) may run on a background thread while the UI keeps calling the
local operations: each thread uses its own database connection, and WAL lets readers go on
while sync writes. Errors are the typed ones of :mod:`.errors`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from sync_engine import domain as d
from sync_engine.domain import Issue

from . import (
    backups,
    catalog,
    catalog_pack,
    cipher,
    conflicts,
    errors,
    favourites,
    integrity,
    ordering,
    orders,
    queries,
    search,
)
from .after_sale import AfterSaleOperations
from .backoff import Backoff
from .customer_search import find_customers
from .journal import OutboxJournal
from .online import OnlineOperations
from .outbox import SENT_RETENTION_DAYS, make_owner
from .session import Auth
from .store import Store, default_data_dir, make_private_dir, return_freed_memory
from .suggestions import PastOrder, suggest
from .sync import PULL_LIMIT
from .transport import ServerApi
from .values import (
    ConflictView,
    CustomerView,
    Identity,
    OrderView,
    PriceQuote,
    ProductView,
    ReorderResult,
    ReplicaHealth,
    ReplicaRepair,
    ShipmentView,
    ShipQueueItem,
    StockView,
    Suggestion,
    WarehouseView,
)

__all__ = ["Engine"]

log = logging.getLogger(__name__)

_UNSET: Any = ordering.UNSET

FULL_CHECK_INTERVAL = 24 * 3600.0  # seconds between full integrity checks

# Orders that count as the customer's history: what they really ordered.
_HISTORY_STATUSES = ("submitted", "confirmed", "partially_shipped", "shipped", "closed")


class Engine(AfterSaleOperations, OnlineOperations):
    """One device's local store and its sync with one server.

    ``data_dir``: where the database lives (default: the user's data directory).
    ``server_url``: the sync server (default: the one last signed in to). ``transport``: an
    httpx transport (tests use it to drop answers or fake the network). ``clock``/``backoff``:
    injectable for tests. ``keep_sent_days``: how long a change the server applied is kept
    after its answer, to be sent again should the server be restored from a backup or fail
    over to a standby that had not caught up (default 30 days).
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
        keep_sent_days: int = SENT_RETENTION_DAYS,
    ) -> None:
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        make_private_dir(folder)
        key = cipher.database_key(folder)
        # Never use a damaged file: moved aside, the newest good backup in its place.
        self.repair: ReplicaRepair | None = integrity.open_checked(folder, key)
        backups.encrypt_plain(folder, key)  # those from before encryption
        self.store = Store(folder, key)
        # Unsent changes that only the journal still has (a lost or restored replica) are
        # queued again first; from here on every write transaction journals its outbox rows.
        self.journal = OutboxJournal(self.store.data_dir, key)
        self.replayed = self.journal.open(self.store)
        self.store.commit_hook = self.journal
        if self.repair is not None:
            self.repair = dataclasses.replace(self.repair, replayed=self.replayed)
        self._transport = transport
        self._clock = clock
        self.backoff = backoff or Backoff()
        self._page_limit = page_limit
        self._push_batch = push_batch
        self._keep_sent_days = keep_sent_days
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
        self.journal.compact(self.store)
        self.client_id: str = client_id
        self._api: ServerApi | None = None
        self._session_lock = threading.Lock()
        self._auth: Auth | None = None

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the network client and the database connections; a replica known sound (no
        repair at this start, no damage found by a full check, no database error other than
        "busy" or "locked" met while it was open) is marked as cleanly closed,
        so the next open may skip its quick check (:mod:`.integrity`)."""
        if self._api is not None:
            self._api.close()
        try:
            with self.store.read() as db:
                sound = self.store.get_meta(db, "integrity") in (None, "ok")
        except cipher.DatabaseError:
            sound = False
        sound = sound and self.repair is None and not self.store.damage_seen
        self.store.close()
        if sound:
            try:
                integrity.record_clean_close(self.store.data_dir)
            except OSError:
                log.warning("cannot record the clean close", exc_info=True)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, _type: object, exc: BaseException | None, _tb: object) -> None:
        if exc is not None:
            self.store.note_error(exc)
        self.close()

    def maintain(self, *, now: float | None = None,
                 stop: threading.Event | None = None) -> bool:
        """The replica's upkeep: FTS5's check of a search index a catalog pack brought
        (:func:`.catalog_pack.check_copied_index`), merging the search index an initial sync
        loaded (see :func:`.search.merge_index`), a backup when the newest is older than
        :data:`.backups.INTERVAL`, and the full integrity check once a day (a damaged file is
        repaired at the next start). Not part of a sync round (which returns when the data is
        in): the desktop runs it on the sync lane after each successful sync, never on the UI
        thread; ``dinghuo-cli sync`` after printing its result; the sync loop after each
        round. A replica just filled by a full initial sync counts as checked (the sync
        records the time). Failures are logged and recorded, never raised.

        ``stop``, once set, makes the upkeep give way between its steps: between two of the
        merge's short transactions, before the backup and before the full check. The desktop
        sets it when a sync is asked for behind the upkeep on its lane (an order saved just
        after a first sync of a million products waited half a minute for the merge and the
        backup to be sent) and when the app quits; the sync loop when it stops. What is left
        stays due and is done after a later round. Returns False when it gave way."""
        t = self._clock() if now is None else now
        return_freed_memory()
        given_way = (stop or threading.Event()).is_set
        try:
            catalog_pack.check_copied_index(self.store)
        except cipher.Error:
            log.exception("checking the catalog pack's search index failed (checked again "
                          "at the next upkeep)")
        if given_way():
            return False
        try:
            if not self._merge_search_index(given_way):
                return False
        except cipher.Error:
            log.exception("merging the search index failed (FTS5 merges it as it goes)")
        if given_way():
            return False
        try:
            backups.backup_if_due(self.store)
        except (OSError, cipher.Error):
            log.exception("scheduled backup failed")
        with self.store.read() as db:
            last = float(self.store.get_meta(db, "integrity_checked_at") or 0)
        if t - last < FULL_CHECK_INTERVAL:
            return True
        if given_way():
            return False
        found = integrity.full_check(self.store.data_dir, self.store.key)
        if found is not None:
            log.error("the full integrity check found damage: %s", found)
        with self.store.write() as db:
            self.store.set_meta(db, "integrity_checked_at", str(t))
            self.store.set_meta(db, "integrity", found or "ok")
        return True

    def _merge_search_index(self, given_way: Callable[[], bool]) -> bool:
        """What an initial sync left to merge in the search index, in short transactions
        (see :func:`.search.merge_index`), before the backup copies the file; False if it gave
        way before the end (the index stays searchable as it is, and the merge due)."""
        with self.store.read() as db, search.plain_rows(db):
            if not search.merge_due(db):
                return True
        while not given_way():
            with self.store.write() as db, search.plain_rows(db):
                if not search.merge_index(db):
                    return True
        return False

    def health(self) -> ReplicaHealth:
        """The replica's own health: the last full integrity check, the newest backup's age,
        whether the file is encrypted (for the sync-health page and device health reports)."""
        with self.store.read() as db:
            checked = self.store.get_meta(db, "integrity_checked_at")
            result = self.store.get_meta(db, "integrity")
        newest = backups.list_backups(self.store.data_dir)
        return ReplicaHealth(
            integrity=result,
            integrity_checked_at=None if checked is None else dt.datetime.fromtimestamp(
                float(checked), dt.UTC),
            backup_dir=str(self.store.data_dir / backups.BACKUP_DIR),
            newest_backup_age=backups.newest_age(self.store.data_dir),
            backups=len(newest),
            encrypted=not cipher.is_plain(self.store.path),
            repair=self.repair,
        )

    @property
    def server_url(self) -> str | None:
        """The sync server's URL, if one is known."""
        return self._server_url

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
            with search.plain_rows(db):
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

    def warehouses(self) -> list[WarehouseView]:
        """The warehouses the replica knows, by code."""
        with self.store.read() as db:
            return queries.warehouses(db)

    def customers(self, text: str = "", *, include_inactive: bool = False) -> list[CustomerView]:
        """The customers in this user's scope; ``text`` filters on code and names."""
        with self.store.read() as db:
            return queries.customers(db, text, include_inactive)

    def find_customers(self, text: str, *, limit: int = 20) -> list[CustomerView]:
        """The active customers in scope that ``text`` finds by code, name (either language)
        or the name's pinyin, full or initials; best first (see :mod:`.customer_search`)."""
        return find_customers(self.customers(), text, limit)

    def customer(self, customer_id: int) -> CustomerView:
        """One customer, or :class:`~.errors.NotFound`."""
        with self.store.read() as db:
            return queries.customer_view(db, customer_id)

    def price(self, customer_id: int, product_id: int, quantity: int) -> PriceQuote:
        """The customer's price for ``quantity`` units of the product (quantity breaks apply),
        in the basis of the customer's list (含税 or not)."""
        with self.store.read() as db:
            product = catalog.product(db, product_id)
            if product is None:
                raise errors.NotFound(f"There is no product {product_id} on this device.")
            row = catalog.price_row(db, customer_id, product_id)
            customer = catalog.customer(db, customer_id)
        line = d.price_line(product, row, quantity,
                            tax_included=customer is not None and customer.prices_include_tax)
        return PriceQuote(customer_id, product_id, quantity, line.unit_price, line.net, line.tax,
                          line.gross, d.applicable_break(row, quantity) is not None)

    def promotions(self, customer_id: int) -> list[d.Promotion]:
        """The promotions of the last sync for this customer (running now or not)."""
        with self.store.read() as db:
            return catalog.promotions(db, customer_id)

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
            favourites.set_favourite(db, who, product_id, favourite)

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
            row = orders.order_row(db, order_id)
            lines = orders.order_lines(db, order_id)
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

    # ------------------------------------------------------------------ warehouse

    def ship_queue(self, warehouse_id: int | None = None) -> list[ShipQueueItem]:
        """Confirmed and partially shipped orders to ship, with what remains of each line.

        ``warehouse_id`` defaults to the clerk's own warehouse (None for others: every
        warehouse in their scope). Ordered by requested delivery date, then age.
        """
        if warehouse_id is None:
            warehouse_id = self._who().warehouse_id
        with self.store.read() as db:
            return queries.ship_queue(db, warehouse_id)

    # ------------------------------------------------------------------ store owner

    def price_breaks(self, customer_id: int, product_id: int) -> list[tuple[int, Decimal]]:
        """The customer's quantity breaks for the product: (from units, unit price), lowest
        first; empty when the product's base price applies."""
        with self.store.read() as db:
            row = catalog.price_row(db, customer_id, product_id)
        if row is None:
            return []
        return sorted((b.min_qty, b.unit_price) for b in row.breaks)

    def suggestions(self, customer_id: int | None = None,
                    today: dt.date | None = None) -> list[Suggestion]:
        """What the customer (default: the signed-in owner's) usually orders and when it is
        due again, from their order history on this device. Never applied by itself."""
        if customer_id is None:
            customer_id = self._who().customer_id
        if customer_id is None:
            return []
        with self.store.read() as db:
            history = list(_past_orders(db, customer_id))
        return suggest(history, today or dt.date.today())

    def receive(self, order_id: str, discrepancy: str = "") -> OrderView:
        """Confirm receipt of a shipped order (it closes), noting any discrepancy."""
        who = self._who()
        with self.store.write() as db:
            ordering.receive_order(db, who, order_id, discrepancy)
            return queries.order_view(db, order_id)

    # ------------------------------------------------------------------ back office

    def review_queue(self) -> list[OrderView]:
        """Submitted orders waiting for a decision (held: credit exceeded, stock short), the
        oldest first, with their lines."""
        with self.store.read() as db:
            ids = [r[0] for r in db.execute(
                "SELECT id FROM orders WHERE status = 'submitted' AND number IS NOT NULL"
                " ORDER BY created_at, id")]
            return [queries.order_view(db, i) for i in ids]

    def confirm_order(self, order_id: str) -> OrderView:
        """Back office: confirm a held order."""
        who = self._who()
        with self.store.write() as db:
            ordering.confirm_order(db, who, order_id)
            return queries.order_view(db, order_id)

    def reject_order(self, order_id: str, reason: str) -> OrderView:
        """Back office: reject a held order; ``reason`` is required (the rep sees it)."""
        who = self._who()
        with self.store.write() as db:
            ordering.reject_order(db, who, order_id, reason)
            return queries.order_view(db, order_id)

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

    def reduce_return(self, conflict_id: int) -> None:
        """A return another one beat to the same units: ask again for only what is still
        returnable (a new key). :class:`~.errors.ResolutionNotPossible` for another conflict,
        or when nothing is left to return (then discard it: :meth:`take_theirs`)."""
        with self.store.write() as db:
            conflicts.reduce_return(db, conflict_id)

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


def _past_orders(db: sqlite3.Connection, customer_id: int) -> Iterator[PastOrder]:
    marks = ",".join("?" * len(_HISTORY_STATUSES))
    past = db.execute(
        f"SELECT id, created_at FROM orders WHERE customer_id = ? AND status IN ({marks})",
        (customer_id, *_HISTORY_STATUSES)).fetchall()
    for o in past:
        quantities = {r[0]: int(r[1]) for r in db.execute(
            "SELECT product_id, quantity FROM order_lines WHERE order_id = ?", (o["id"],))}
        placed = dt.datetime.fromisoformat(str(o["created_at"])).date()
        yield PastOrder(placed, quantities)
