"""The server's database schema (SQLAlchemy 2 typed models).

One schema for PostgreSQL (production, tests) and SQLite (the embedded demo default). Changes
to it go through Alembic migrations in ``storage/migrations``; never edit a released one.

Every synced entity carries a ``version`` that each write bumps; the change feed
(:mod:`sync_engine.server.feed.changes`) records the new state in ``change_log`` in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sync_engine.domain import MONEY_DIGITS, MONEY_PLACES

# Stable constraint names so migrations render identically on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(MONEY_DIGITS, MONEY_PLACES)
"""Unit prices keep four decimals (ERP prices such as 0.1250); amounts are rounded to cents.
The wire schemas and the rules stop every amount at what this holds (``domain.limits``)."""

BigId = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit ids on PostgreSQL; SQLite needs plain INTEGER for rowid aliasing. Entity ids, versions,
quantities and stock levels are plain (32-bit) integers: ``domain.limits`` bounds every one
where it enters (schemas, import), so none can overflow its column."""


def utcnow() -> dt.datetime:
    """Server time: the only clock that orders anything."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: DateTime(timezone=True),
        Decimal: Money,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Versioned:
    """A synced entity's ``version``, which each write bumps (the change feed records the new
    state with it), and when it was last written (server time)."""

    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class InWarehouse:
    """A count of one product in one warehouse: keyed by the two."""

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)


class Warehouse(Base):
    __tablename__ = "warehouses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(default=1)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    # A clerk ships from one warehouse; a store owner owns one customer account.
    warehouse_id: Mapped[int | None] = mapped_column(ForeignKey("warehouses.id"))
    # No FK: users and customers refer to each other (customers.rep_id).
    customer_id: Mapped[int | None] = mapped_column(index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped when the user's role or fixed assignment changes: their cursors then need a resync.
    scope_epoch: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Device(Base):
    """A client installation; its id is made by the client and sent with every push."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime | None]
    last_pull_at: Mapped[dt.datetime | None]
    last_push_at: Mapped[dt.datetime | None]
    last_cursor_seq: Mapped[int | None] = mapped_column(BigId)
    protocol_version: Mapped[int | None]
    # Cut off by the back office (lost, stolen): its tokens end, it is told at its next contact,
    # and with ``wipe`` it deletes its local data and keys.
    revoked_at: Mapped[dt.datetime | None]
    revoke_wipe: Mapped[bool] = mapped_column(default=False)


class DeviceReport(Base):
    """The latest health a device reported of itself (``POST /v1/devices/report``); a field it
    does not know is NULL."""

    __tablename__ = "device_reports"

    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"),
                                           primary_key=True)  # goes with its device
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    unsent_changes: Mapped[int | None]
    oldest_unsent_at: Mapped[dt.datetime | None]
    conflicts_waiting: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    app_version: Mapped[str | None] = mapped_column(String(40))
    protocol_version: Mapped[int | None]
    db_check: Mapped[str | None] = mapped_column(String(20))
    newest_backup_at: Mapped[dt.datetime | None]
    encrypted: Mapped[bool | None]


class UserAudit(Base):
    """Who changed which user account, when, and how (``dinghuo-server users``, the back office)."""

    __tablename__ = "user_audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # a username, or "cli:<os user>"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]]


class SignInThrottle(Base):
    """Failed sign-ins counted per account name (``user:<name>``, whether or not such a user
    exists) and per client address (``addr:<ip>``): the waits and the lockout of
    :mod:`sync_engine.server.accounts.throttle`. In the database, so every server instance
    counts the same attempts."""

    __tablename__ = "signin_throttle"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[dt.datetime]
    blocked_until: Mapped[dt.datetime | None]
    locked_at: Mapped[dt.datetime | None]


class AuthToken(Base):
    """Access and refresh tokens; only a SHA-256 of each token is stored."""

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # "access" | "refresh"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    # All tokens of one sign-in share a family: reuse of a rotated refresh token revokes it.
    family: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class Product(Versioned, Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    barcode: Mapped[str | None] = mapped_column(String(32), index=True)
    name_zh: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    category_en: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(16))
    case_unit: Mapped[str] = mapped_column(String(16))
    case_qty: Mapped[int] = mapped_column(default=1)
    pack_size: Mapped[int] = mapped_column(default=1)
    min_qty: Mapped[int] = mapped_column(default=1)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    base_price: Mapped[Decimal]
    active: Mapped[bool] = mapped_column(default=True)
    sellable: Mapped[bool] = mapped_column(default=True)
    # Search keys computed once here (pypinyin is slow) and shipped to every client.
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(300), default="")


class Stock(Versioned, InWarehouse, Base):
    __tablename__ = "stock"

    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)


class Customer(Versioned, Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    credit_limit: Mapped[Decimal | None]
    payment_terms: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(default=True)
    # The customer's prices are tax-inclusive (含税); see domain.money.
    prices_include_tax: Mapped[bool] = mapped_column(default=False)


class CustomerPrice(Versioned, Base):
    """A customer's price for one product: a list of quantity breaks ``[[min_qty, "price"], …]``."""

    __tablename__ = "customer_prices"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    breaks: Mapped[list[Any]]


OPEN_ORDER_SQL = "status IN ('submitted', 'confirmed', 'partially_shipped')"
"""Open orders (they count against the customer's credit), as SQL: the predicate of
``ix_orders_customer_open``, which a query must state in these words for the index to serve it."""


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        # A customer's open orders and their totals, for the credit check of every submit:
        # read from the index alone, whatever the number of closed orders or of other
        # customers' open ones (the status index alone matched every open order there is).
        Index("ix_orders_customer_open", "customer_id", postgresql_include=["total_gross"],
              postgresql_where=text(OPEN_ORDER_SQL), sqlite_where=text(OPEN_ORDER_SQL)),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the client's UUID
    seq_no: Mapped[int] = mapped_column(BigId, unique=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    hold_reasons: Mapped[list[Any]] = mapped_column(default=list)
    stock_reserved: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    delivery_date: Mapped[dt.date | None] = mapped_column(Date)
    local_number: Mapped[str] = mapped_column(String(64), default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    total_net: Mapped[Decimal] = mapped_column(default=Decimal(0))
    total_tax: Mapped[Decimal] = mapped_column(default=Decimal(0))
    total_gross: Mapped[Decimal] = mapped_column(default=Decimal(0))
    receipt_note: Mapped[str] = mapped_column(Text, default="")
    # What each promotion gave the order (domain.AppliedPromotion.to_dict(), in order).
    promotions: Mapped[list[Any]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)

    lines: Mapped[list[OrderLine]] = relationship(
        order_by="OrderLine.line_no", cascade="all, delete-orphan", lazy="selectin"
    )
    events: Mapped[list[OrderEvent]] = relationship(
        order_by="OrderEvent.id", cascade="all, delete-orphan", lazy="selectin"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"

    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal]
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    shipped_qty: Mapped[int] = mapped_column(default=0)
    tax_included: Mapped[bool] = mapped_column(default=False)
    discount: Mapped[Decimal] = mapped_column(default=Decimal(0))
    promotion: Mapped[str] = mapped_column(String(64), default="")
    gift: Mapped[bool] = mapped_column(default=False)


class Promotion(Versioned, Base):
    """A promotion (促销) as imported: see ``domain.promotions`` for the kinds and fields.

    ``customer_ids`` is a JSON list of customer ids, or NULL for everyone.
    """

    __tablename__ = "promotions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime] = mapped_column(index=True)
    customer_ids: Mapped[list[Any] | None]
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), index=True)
    unit_price: Mapped[Decimal | None]
    price_includes_tax: Mapped[bool] = mapped_column(default=True)
    buy_qty: Mapped[int] = mapped_column(default=0)
    get_qty: Mapped[int] = mapped_column(default=0)
    gift_product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    threshold: Mapped[Decimal | None]
    amount_off: Mapped[Decimal | None]


class OrderEvent(Base):
    """The order's status history: who moved it where, when (server time), and why."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the client's UUID
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    lines: Mapped[list[Any]]  # [{"product_id": 1, "quantity": 6}, …]
    carrier: Mapped[str] = mapped_column(String(100), default="")
    tracking_number: Mapped[str] = mapped_column(String(100), default="")
    shipped_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(default=1)


class Favourite(Base):
    __tablename__ = "favourites"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ChangeLog(Base):
    """The change feed, compacted: one row per entity holding its latest state (or tombstone).

    ``seq`` is taken from :class:`SyncCounter` while holding its row lock until commit, so seq
    order is commit order and a reader's snapshot always sees a gap-free prefix.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        UniqueConstraint("entity", "entity_id", name="uq_change_log_entity"),
        Index("ix_change_log_customer_seq", "customer_id", "seq"),
        Index("ix_change_log_warehouse_seq", "warehouse_id", "seq"),
        Index("ix_change_log_user_seq", "user_id", "seq"),
    )

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(80))
    op: Mapped[str] = mapped_column(String(16))  # "upsert" | "delete" | "grant" | "revoke"
    version: Mapped[int]
    # "global" (catalog, stock: everyone), "customer" (a customer's data), "user" (one user's).
    scope: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int | None]
    warehouse_id: Mapped[int | None]
    user_id: Mapped[int | None]
    data: Mapped[str | None] = mapped_column(Text)  # JSON text, served as is
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[int | None]
    device_id: Mapped[str | None] = mapped_column(String(64))


class SyncCounter(Base):
    """A single row; its lock serialises the last step of every writing transaction."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(BigId, default=0)


class CursorMark(Base):
    """A random mark for a feed position a pull has handed out (one row per position, shared by
    every device that pulled up to it). A cursor carries its position's mark; a database that
    has no such mark, or another one, does not hold the history that cursor came from: it was
    restored from an older backup or failed over to a standby that had not caught up
    (:mod:`sync_engine.server.feed.marks`)."""

    __tablename__ = "cursor_marks"

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    mark: Mapped[str] = mapped_column(String(32))


class CatalogPack(Base):
    """A catalog pack (PROTOCOL.md, "Catalog pack"): the catalog tables of a client replica as
    a gzipped SQLite file, published by the back office for devices' first syncs. Kept in the
    database beside the history its ``position`` belongs to: a restore or a failover brings the
    matching pack, and every server instance serves the same one. Only the newest ``complete``
    pack is served; an upload's chunks are written before it is complete."""

    __tablename__ = "catalog_pack"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    position: Mapped[str] = mapped_column(String(512))
    """Where its products stand in the feed (``feed.pull.Position``'s token)."""
    schema_id: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    """Of the SQLite file, unzipped."""
    size: Mapped[int] = mapped_column(BigInteger)
    """Bytes of the SQLite file, unzipped."""
    gzip_size: Mapped[int] = mapped_column(BigInteger)
    """Bytes of the gzip file as uploaded (its chunks together)."""
    built_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    built_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    complete: Mapped[bool] = mapped_column(default=False)


class CatalogPackChunk(Base):
    """One piece of a catalog pack's gzip file, in order (``n`` from 0), each
    ``feed.catalog_pack.CHUNK`` bytes but the last: read a few at a time to be sent."""

    __tablename__ = "catalog_pack_chunk"

    pack_id: Mapped[int] = mapped_column(BigId, ForeignKey("catalog_pack.id"), primary_key=True)
    n: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ServerMeta(Base):
    """Key/value facts about this database: its log epoch, the tombstone horizon, settings."""

    __tablename__ = "server_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MutationRecord(Base):
    """The stored answer to each mutation, keyed by its idempotency key: replays get it back."""

    __tablename__ = "mutations"
    __table_args__ = (UniqueConstraint("user_id", "idempotency_key", name="uq_mutations_key"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EventOutbox(Base):
    """Business events for ERP/WMS, written in the business transaction, relayed to the broker."""

    __tablename__ = "event_outbox"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    published_at: Mapped[dt.datetime | None] = mapped_column(index=True)


class IntegrationToken(Base):
    """A credential for a system (the ERP, the WMS), not a person: the scopes it may write,
    its last use, and its rate-limit bucket. Only a SHA-256 of the token is stored."""

    __tablename__ = "integration_tokens"
    # Unique among the tokens in use: a revoked token's name may go to its replacement.
    __table_args__ = (Index("uq_integration_tokens_live_name", "name", unique=True,
                            sqlite_where=text("revoked_at IS NULL"),
                            postgresql_where=text("revoked_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))  # comma-separated: catalog,prices,…
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    # Token bucket, in the database so every server instance draws from the same one.
    bucket_level: Mapped[float] = mapped_column(default=0.0)
    bucket_at: Mapped[dt.datetime | None]


class SourceVersion(Base):
    """The source system's version of the last update applied to one entity row, by natural
    key (``sku``, customer ``code``, ``code|sku``, ``sku|warehouse``): older ones are skipped."""

    __tablename__ = "source_versions"

    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    applied_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConsumedMessage(Base):
    """A queue message applied (or dead-lettered): written in the transaction of its upsert,
    so a redelivered or duplicated message is never applied twice."""

    __tablename__ = "consumed_messages"

    message_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))  # "applied" | "dead"
    consumed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class WebhookEndpoint(Base):
    """A URL that receives the outbox's events (signed POSTs), with its own cursor."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_event_id: Mapped[int] = mapped_column(BigId, default=0)
    failures: Mapped[int] = mapped_column(default=0)  # in a row, for the backoff
    next_attempt_at: Mapped[dt.datetime | None]


class WebhookDelivery(Base):
    """One attempt to deliver one event to one endpoint (the admin's delivery log)."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"), index=True)
    event_id: Mapped[int] = mapped_column(BigId)
    attempt: Mapped[int]
    status_code: Mapped[int | None]
    error: Mapped[str] = mapped_column(Text, default="")
    delivered: Mapped[bool]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# ---------------------------------------------------------------- after the sale


class Return(Versioned, Base):
    """Goods asked back from a shipped order (退货): requested, decided by the back office,
    received by the warehouse. ``lines``: ``[{"product_id", "quantity", "unit_price",
    "tax_rate", "received_qty", "damaged_qty"}, …]``; ``history``: ``[{"status", "at",
    "user_id", "reason"}, …]``."""

    __tablename__ = "returns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the client's UUID
    number: Mapped[str] = mapped_column(String(48), unique=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    lines: Mapped[list[Any]]
    history: Mapped[list[Any]] = mapped_column(default=list)
    credit_amount: Mapped[Decimal] = mapped_column(default=Decimal(0))
    requested_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    device_id: Mapped[str] = mapped_column(String(64), default="")


class DamagedStock(InWarehouse, Base):
    """Returned units received damaged: counted per warehouse, never sellable."""

    __tablename__ = "damaged_stock"

    quantity: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Receivable(Base):
    """One document of a customer's account (应收): an invoice from the ERP (``amount`` > 0),
    a payment the back office recorded or a return's credit (``amount`` < 0). ``open_amount``:
    what is still open on it (an invoice's unpaid part; a credit not yet set off, negative)."""

    __tablename__ = "receivables"
    __table_args__ = (UniqueConstraint("customer_id", "ref", name="uq_receivables_customer_ref"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    ref: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # invoice | payment | credit
    doc_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    amount: Mapped[Decimal]
    open_amount: Mapped[Decimal]
    source: Mapped[str] = mapped_column(String(16))  # erp | office | return
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CustomerAccount(Versioned, Base):
    """The version of a customer's ``credit`` entity (its open receivables as synced)."""

    __tablename__ = "customer_accounts"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
