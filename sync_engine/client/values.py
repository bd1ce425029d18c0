"""The values the engine hands to the desktop app: plain, immutable dataclasses (no SQL, no
sessions). Named ``…View`` where they show a replica row as the user sees it. A value that is
the server's answer as it is (``UserAccount``) is the wire schema itself, from
:mod:`sync_engine.protocol`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sync_engine.domain import Issue, Product
from sync_engine.protocol import DeviceHealth, UserAccount

__all__ = [
    "AuditEntry",
    "ConflictView",
    "CreditView",
    "CustomerView",
    "DeviceView",
    "Identity",
    "IntegrationTokenView",
    "NewIntegrationToken",
    "OrderLineView",
    "OrderView",
    "PaymentAccount",
    "PaymentList",
    "PaymentView",
    "PriceQuote",
    "ProductView",
    "ReorderDifference",
    "ReorderResult",
    "ReplicaHealth",
    "ReplicaRepair",
    "ReturnLineView",
    "ReturnView",
    "ShipQueueItem",
    "ShipmentView",
    "StatementView",
    "StockView",
    "Suggestion",
    "SyncHealth",
    "SyncReport",
    "SyncStatus",
    "UserAccount",
    "WarehouseView",
    "side_lines",
]


@dataclass(frozen=True, slots=True)
class Identity:
    """Who is signed in on this device (cached, so the app starts offline)."""

    user_id: int
    username: str
    display_name: str
    role: str
    warehouse_id: int | None
    customer_id: int | None


# A product as the app shows it is the product the rules check: one type, no copying between.
ProductView = Product


@dataclass(frozen=True, slots=True)
class StockView:
    """Stock of a product in a warehouse as of ``as_of`` (the server's snapshot time)."""

    product_id: int
    warehouse_id: int
    on_hand: int
    reserved: int
    available: int
    as_of: str | None


@dataclass(frozen=True, slots=True)
class CustomerView:
    id: int
    code: str
    name: str
    name_en: str
    address: str
    phone: str
    rep_id: int | None
    warehouse_id: int
    credit_limit: Decimal | None
    payment_terms: str
    active: bool
    prices_include_tax: bool = False  # the customer's prices are 含税


@dataclass(frozen=True, slots=True)
class WarehouseView:
    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PriceQuote:
    """A customer's price for a quantity of a product, and the line it makes."""

    customer_id: int
    product_id: int
    quantity: int
    unit_price: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal
    from_contract: bool  # a customer price break applies (else the product's base price)


@dataclass(frozen=True, slots=True)
class OrderLineView:
    line_no: int
    product_id: int
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    shipped_qty: int
    net: Decimal
    tax: Decimal
    gross: Decimal
    tax_included: bool = False  # unit_price is 含税
    discount: Decimal = Decimal(0)  # the line's share of an amount off the order (满减)
    promotion: str = ""  # the code of the promotion that priced or gave the line
    gift: bool = False  # free goods (赠品), at a unit price of 0

    @property
    def remaining(self) -> int:
        """Units still to ship (the backorder once something has shipped)."""
        return max(0, self.quantity - self.shipped_qty)


@dataclass(frozen=True, slots=True)
class OrderView:
    """An order as the user sees it: the server's state with their pending changes on top.

    ``sync_state``: ``local`` (a draft, never sent), ``pending`` (changes wait for the server),
    ``attention`` (a change conflicted or was rejected: see the conflicts), ``synced``.
    ``display_status`` says both in words, e.g. "submitted (pending sync)".
    """

    id: str
    number: str | None
    local_number: str
    customer_id: int
    customer_name: str
    warehouse_id: int | None
    status: str
    sync_state: str
    display_status: str
    notes: str
    delivery_date: dt.date | None
    created_at: str
    updated_at: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    hold_reasons: tuple[str, ...]
    server_version: int
    lines: tuple[OrderLineView, ...]
    history: tuple[dict[str, Any], ...] = ()
    server: dict[str, Any] | None = None  # the last server state received, when it differs
    customer_name_en: str = ""
    receipt_note: str = ""  # the store's note on receipt (a discrepancy), once closed
    promotions: tuple[Any, ...] = ()  # domain.AppliedPromotion: what each promotion gave

    @property
    def prices_include_tax(self) -> bool:
        """The order's prices are 含税 (its customer's list is tax-inclusive)."""
        return any(ln.tax_included for ln in self.lines)

    def customer_name_in(self, lang: str) -> str:
        """The customer's name in ``lang`` ("en" or "zh"); Chinese when there is no English."""
        return self.customer_name_en if lang == "en" and self.customer_name_en else (
            self.customer_name)

    def line_for(self, product_id: int) -> OrderLineView | None:
        """The line of ``product_id``, if the order has one."""
        return next((ln for ln in self.lines if ln.product_id == product_id), None)


@dataclass(frozen=True, slots=True)
class ShipmentView:
    id: str
    order_id: str
    lines: tuple[tuple[int, int], ...]  # (product id, units)
    carrier: str
    tracking_number: str
    shipped_at: str | None
    pending: bool


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A change the server did not apply, waiting for the user's decision.

    ``mine`` is the user's version (the order as they had it, and the change they sent),
    ``server`` the server's state; ``reason``, ``message`` and ``errors`` say why.
    """

    id: int
    entity: str
    order_id: str | None
    kind: str
    status: str  # "conflict" or "rejected"
    reason: str | None
    message: str
    message_zh: str
    errors: tuple[dict[str, Any], ...]
    details: dict[str, Any]
    mine: dict[str, Any]
    server: dict[str, Any] | None
    created_at: str
    held: int  # later changes of the same order held back until this is decided


def side_lines(side: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The order lines of one side of a conflict: the user's (the lines of the change they sent,
    else of the order as they had it) or the server's order."""
    if not side:
        return []
    if "mutation" in side:
        args = side["mutation"].get("args", {})
        if "lines" in args:
            return list(args["lines"])
        return list((side.get("order") or {}).get("lines", []))
    return list(side.get("lines", []))


@dataclass(frozen=True, slots=True)
class ReorderDifference:
    """How a reordered line differs from the past order.

    ``kind``: ``price_changed`` (old/new unit price), ``product_inactive`` or
    ``product_unknown`` (the line was left out), ``stock_insufficient`` (available/requested),
    or another domain issue code (e.g. ``quantity_not_multiple_of_pack``: line left out).
    """

    product_id: int
    kind: str
    old_unit_price: Decimal | None = None
    new_unit_price: Decimal | None = None
    available: int | None = None
    requested: int | None = None
    issue: Issue | None = None


@dataclass(frozen=True, slots=True)
class ReorderResult:
    """The new draft made from a past order, and what differs from it."""

    draft: OrderView
    differences: tuple[ReorderDifference, ...]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows."""

    signed_in: bool
    username: str | None
    pending: int  # mutations waiting to be sent
    held: int  # mutations held behind a conflict
    conflicts: int  # open conflicts
    last_success_at: str | None
    last_error: str | None  # in words
    last_error_code: str | None
    online: bool | None  # None: not tried yet
    update_required: bool
    sign_in_required: bool
    initial_sync_done: bool


@dataclass(slots=True)
class SyncReport:
    """What one :meth:`Engine.sync_once` did; the sync counts into it as it goes."""

    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    pulled: int = 0
    pages: int = 0
    resync: bool = False
    resubmitted: int = 0  # sent again after the server went back in time
    server_went_back: bool = False  # restored or failed over: this sync found it, resynced
    push_refused: bool = False  # a push was refused for that reason: pulled, then pushed again
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class ShipQueueItem:
    """An order waiting to ship from the clerk's warehouse, with what is left of it."""

    order: OrderView
    customer_code: str
    ordered_units: int
    shipped_units: int
    remaining_units: int
    open_lines: int  # lines with something left to ship


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the owner usually orders of a product, and whether it is due again.

    ``usual_quantity``: the median of the quantities ordered (one of them, so it is a valid
    quantity). ``interval_days``: the median number of days between two orders of it (None
    with fewer than two orders). ``due``: that interval has passed since ``last_ordered``.
    """

    product_id: int
    usual_quantity: int
    times_ordered: int
    last_ordered: dt.date
    interval_days: int | None
    next_due: dt.date | None
    due: bool


@dataclass(frozen=True, slots=True)
class DeviceView:
    """A device as the server knows it (admin): who uses it, when it last synced, its latest
    health report, whether it was revoked, and ``attention``: why the back office should look
    at it, worst first (the server's codes: ``database_damaged``, ``unsent_over_an_hour``,
    ``conflicts_waiting``, ``last_sync_failed``, ``no_recent_backup``, ``not_encrypted``)."""

    id: str
    name: str
    username: str
    last_seen_at: str | None
    last_pull_at: str | None
    last_push_at: str | None
    last_cursor_seq: int | None
    revoked_at: str | None = None
    revoke_wipe: bool = False
    report: DeviceHealth | None = None  # the protocol's model: its times are datetimes (UTC)
    attention: tuple[str, ...] = ()
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One recorded change to a user account: when (ISO 8601), who made it (an admin's name,
    or ``cli:<os user>``), whose account, what (``create``, ``enable``, ``disable``,
    ``reset_password``, ``set_assignment``) and its details (before and after)."""

    at: str
    actor: str
    user_id: int
    action: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IntegrationTokenView:
    """An integration token (for a system, not a person): what it may write, when it was made,
    last used and revoked (ISO 8601, None: never)."""

    name: str
    scopes: tuple[str, ...]
    created_at: str
    last_used_at: str | None
    revoked_at: str | None


@dataclass(frozen=True, slots=True)
class NewIntegrationToken:
    """A token just made: its view and its secret, which the server shows this once."""

    token: IntegrationTokenView
    secret: str


@dataclass(frozen=True, slots=True)
class SyncHealth:
    """Sync at a glance: this device's status, and every device's last sync (admin).

    ``devices`` are the server's list as of ``devices_as_of`` (this device's clock); when the
    server cannot be reached, the last list fetched is returned with ``devices_live`` False
    and ``devices_error`` saying why.
    """

    status: SyncStatus
    devices: tuple[DeviceView, ...]
    devices_as_of: str | None
    devices_live: bool
    devices_error: str | None = None


@dataclass(frozen=True, slots=True)
class ReplicaRepair:
    """The local database was found damaged when it was opened, and repaired.

    ``reason``: what the check found (technical, for the log). ``moved_to``: where the damaged
    file now is. ``restored_from``: the backup put in its place, or None (the replica is
    rebuilt from the server at the next sync). ``replayed``: unsent changes queued again from
    the outbox journal."""

    reason: str
    moved_to: str | None
    restored_from: str | None
    replayed: int = 0

    @property
    def message(self) -> str:
        """One plain English sentence for the user."""
        how = (f"restored from the backup {self.restored_from}" if self.restored_from
               else "it will be rebuilt from the server at the next sync")
        kept = f" The damaged file was kept as {self.moved_to}." if self.moved_to else ""
        changes = "1 unsent change" if self.replayed == 1 else f"{self.replayed} unsent changes"
        return (f"The local database was damaged or missing and has been repaired: {how}; "
                f"{changes} will be sent.{kept}")

    @property
    def message_zh(self) -> str:
        """The same sentence in Chinese."""
        how = (f"已从备份 {self.restored_from} 恢复" if self.restored_from
               else "下次同步时将从服务器重建")
        kept = f"损坏的文件已保留为 {self.moved_to}。" if self.moved_to else ""
        return (f"本地数据库已损坏或丢失，现已修复：{how}；{self.replayed} 项未发送的更改"
                f"将被发送。{kept}")


@dataclass(frozen=True, slots=True)
class ReplicaHealth:
    """The local database's own health (sync-health page, device health reports).

    ``integrity``: "ok", what the last full check found, or None (not checked yet);
    ``newest_backup_age``: seconds, or None without a backup."""

    integrity: str | None
    integrity_checked_at: dt.datetime | None
    backup_dir: str
    newest_backup_age: float | None
    backups: int
    encrypted: bool
    repair: ReplicaRepair | None

    def text(self, lang: str) -> str:
        """One line for the sync-health page, in ``lang`` ("zh" or "en")."""

        def say(en: str, zh: str) -> str:  # each phrase beside its translation
            return zh if lang == "zh" else en

        age = self.newest_backup_age
        when = say("no backup yet", "尚无备份") if age is None else say(
            "newest backup {age} ago ({count} kept)", "最新备份于 {age}前（共 {count} 个）",
        ).format(age=_age_words(age, lang), count=self.backups)
        if self.integrity is None:
            check = say("not checked yet", "尚未检查")
        else:
            check = say("ok", "正常") if self.integrity == "ok" else say("damage found", "发现损坏")
        locked = say("on", "已开启") if self.encrypted else say("off", "未开启")
        return say(
            "Local database: {when}, in {folder}; integrity check: {check}; encryption: {locked}.",
            "本地数据库：{when}，备份位置 {folder}；完整性检查：{check}；加密：{locked}。",
        ).format(when=when, folder=self.backup_dir, check=check, locked=locked)


def _age_words(seconds: float, lang: str) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} 分钟" if lang == "zh" else f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} 小时" if lang == "zh" else f"{minutes // 60} h"
    return f"{minutes // 1440} 天" if lang == "zh" else f"{minutes // 1440} days"


@dataclass(frozen=True, slots=True)
class ReturnLineView:
    """One product of a return: units asked back, received (to stock) and damaged, and what
    the server has not been told yet (this device's unsent receipts)."""

    product_id: int
    sku: str
    name_zh: str
    name_en: str
    unit: str
    barcode: str | None
    quantity: int
    unit_price: Decimal
    tax_rate: Decimal
    received_qty: int
    damaged_qty: int
    pending_received: int = 0
    pending_damaged: int = 0

    @property
    def outstanding(self) -> int:
        """Units still expected, counting this device's unsent receipts as received."""
        return (self.quantity - self.received_qty - self.damaged_qty - self.pending_received
                - self.pending_damaged)

    def name_in(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


@dataclass(frozen=True, slots=True)
class ReturnView:
    """A return (退货) as the user sees it. ``sync_state``: ``pending`` (this device asked
    something the server has not answered: see ``pending``), ``synced``."""

    id: str
    number: str | None
    order_id: str
    order_number: str | None
    customer_id: int
    customer_name: str
    warehouse_id: int | None
    status: str
    reason: str
    note: str
    sync_state: str
    pending: tuple[str, ...]  # kinds of the unanswered actions ("return.decide", …)
    requested_at: str | None
    credit_amount: Decimal
    lines: tuple[ReturnLineView, ...]
    history: tuple[dict[str, Any], ...] = ()
    customer_name_en: str = ""

    def customer_name_in(self, lang: str) -> str:
        return self.customer_name_en if lang == "en" and self.customer_name_en else (
            self.customer_name)

    @property
    def units(self) -> int:
        return sum(ln.quantity for ln in self.lines)


@dataclass(frozen=True, slots=True)
class CreditView:
    """A customer's account (账期) as of the last sync (``as_of``), judged on today's date."""

    customer_id: int
    payment_terms: str
    open_amount: Decimal
    overdue_amount: Decimal
    oldest_overdue: dt.date | None
    overdue_days: int
    overdue_policy: str  # the server's, when it last sent the account: off, review, block
    as_of: dt.datetime | None  # None: the server never sent this customer's account
    items: tuple[Any, ...] = ()  # domain.credit.OpenItem, oldest due first


@dataclass(frozen=True, slots=True)
class StatementView:
    """A customer's monthly statement (对账单) as the server computed it (online only)."""

    customer_id: int
    code: str
    name: str
    name_en: str
    address: str
    phone: str
    payment_terms: str
    statement: Any  # domain.statements.Statement: opening, lines with balances, closing


@dataclass(frozen=True, slots=True)
class PaymentView:
    """A payment received, as the server recorded it (``amount``: what the customer paid;
    ``unapplied``: what no open invoice took, kept as a credit)."""

    id: int
    customer_id: int
    customer_code: str
    customer_name: str
    customer_name_en: str
    ref: str
    date: dt.date
    amount: Decimal
    unapplied: Decimal
    note: str
    recorded_by: str
    recorded_at: str

    def customer_name_in(self, lang: str) -> str:
        return self.customer_name_en if lang == "en" and self.customer_name_en \
            else self.customer_name


@dataclass(frozen=True, slots=True)
class PaymentAccount:
    """A customer's open and overdue amounts on the server, today."""

    customer_id: int
    payment_terms: str
    open_amount: Decimal
    overdue_amount: Decimal
    oldest_overdue: dt.date | None


@dataclass(frozen=True, slots=True)
class PaymentList:
    """The latest payments, and (for one customer) its account; ``replayed``: the answer to a
    payment sent before (nothing new was recorded)."""

    payments: tuple[PaymentView, ...]
    account: PaymentAccount | None
    replayed: bool = False
