"""Importing promotions (促销) from CSV: ``dinghuo-server import promotions FILE``.

The file rules are those of every import (:mod:`.importer`: UTF-8, a header row, unknown
columns refused, every row checked before anything is written, all or nothing). Columns
(* = required in the header):

code*        the promotion's code (natural key; a row with a known code updates it)
kind*        special_price / 特价, buy_get / 买赠, spend_off / 满减, spend_gift / 满赠
starts_at*   ISO 8601 date or time; without a zone it is China time (UTC+8)
ends_at*     likewise, excluded; a date alone means to the end of that day
name         shown to reps (特价 on 可乐 for 城东 stores…)
customers    customer codes separated by spaces, commas or semicolons; empty = everyone
sku          the product bought (special_price, buy_get)
unit_price   the special price (special_price)
price_includes_tax   whether ``unit_price`` is 含税 (yes)
buy_qty, get_qty     buy this many, get that many free (buy_get); get_qty of ``gift_sku``
                     (spend_gift)
gift_sku     the product given (spend_gift; buy_get: the same product when empty)
threshold    the order amount (价税合计) from which it applies (spend_off, spend_gift)
amount_off   the amount off (spend_off)

A cell filled for a kind that does not use it is an error (``not_for_kind``), so a column
mixed up is never ignored. Promotions not in the file are left as they are: to end one, import
it with an earlier ``ends_at``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sync_engine.domain import PromotionKind
from sync_engine.server.feed import entities
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops.importer import (
    ImportReport,
    Row,
    _duplicates,
    ids_by_code,
    write_by_code,
)
from sync_engine.server.storage.models import Promotion

COLUMNS = {
    "code": True, "kind": True, "starts_at": True, "ends_at": True, "name": False,
    "customers": False, "sku": False, "unit_price": False, "price_includes_tax": False,
    "buy_qty": False, "get_qty": False, "gift_sku": False, "threshold": False,
    "amount_off": False,
}

_KINDS = {
    "special_price": PromotionKind.SPECIAL_PRICE, "特价": PromotionKind.SPECIAL_PRICE,
    "buy_get": PromotionKind.BUY_GET, "买赠": PromotionKind.BUY_GET,
    "spend_off": PromotionKind.SPEND_OFF, "满减": PromotionKind.SPEND_OFF,
    "spend_gift": PromotionKind.SPEND_GIFT, "满赠": PromotionKind.SPEND_GIFT,
}
# Which optional cells each kind uses (a filled cell of another kind is an error).
_USES = {
    PromotionKind.SPECIAL_PRICE: {"sku", "unit_price", "price_includes_tax"},
    PromotionKind.BUY_GET: {"sku", "buy_qty", "get_qty", "gift_sku"},
    PromotionKind.SPEND_OFF: {"threshold", "amount_off"},
    PromotionKind.SPEND_GIFT: {"threshold", "get_qty", "gift_sku"},
}
_NEEDS = {
    PromotionKind.SPECIAL_PRICE: ("sku", "unit_price"),
    PromotionKind.BUY_GET: ("sku", "buy_qty", "get_qty"),
    PromotionKind.SPEND_OFF: ("threshold", "amount_off"),
    PromotionKind.SPEND_GIFT: ("threshold", "get_qty", "gift_sku"),
}
_CHINA = dt.timezone(dt.timedelta(hours=8))
_SPLIT = re.compile(r"[\s,;，；]+")


def _when(row: Row, col: str, *, end: bool) -> dt.datetime | None:
    text = row.cells.get(col, "")
    if not text:
        row.error(col, "required", "a value is required")
        return None
    try:
        if len(text) == 10:  # a date: from its start, or to its end
            day = dt.date.fromisoformat(text)
            value = dt.datetime.combine(day + dt.timedelta(days=1 if end else 0), dt.time())
        else:
            value = dt.datetime.fromisoformat(text)
    except ValueError:
        row.error(col, "invalid_datetime", f"{text!r} is not a date or time (2026-12-01 08:00)")
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=_CHINA)
    return value.astimezone(dt.UTC)


def _fields(row: Row, header: set[str], customers: dict[str, int],
            products: dict[str, int]) -> dict[str, Any] | None:
    f: dict[str, Any] = {"name": row.text("name", 200) if "name" in header else ""}
    raw_kind = row.cells["kind"].strip()
    kind = _KINDS.get(raw_kind.lower())
    if kind is None:
        row.error("kind", "invalid_kind",
                  f"{raw_kind!r} is not special_price, buy_get, spend_off or spend_gift")
        return None
    f["kind"] = kind.value
    f["starts_at"] = _when(row, "starts_at", end=False)
    f["ends_at"] = _when(row, "ends_at", end=True)
    if f["starts_at"] and f["ends_at"] and f["ends_at"] <= f["starts_at"]:
        row.error("ends_at", "out_of_range", "must be after starts_at")
    for col in COLUMNS:
        if not COLUMNS[col] and col not in ("name", "customers") and row.cells.get(col) \
                and col not in _USES[kind]:
            row.error(col, "not_for_kind", f"a {kind.value} promotion has no {col}")
    for col in _NEEDS[kind]:
        if not row.cells.get(col):
            row.error(col, "required", f"a {kind.value} promotion needs {col}")
    codes = [c for c in _SPLIT.split(row.cells.get("customers", "")) if c]
    unknown = [c for c in codes if c not in customers]
    if unknown:
        row.error("customers", "unknown_customer", f"no customer with code {unknown[0]!r}")
    f["customer_ids"] = sorted({customers[c] for c in codes if c in customers}) or None
    for col, key in (("sku", "product_id"), ("gift_sku", "gift_product_id")):
        sku = row.text(col, 64) if col in header else ""
        f[key] = products.get(sku) if sku else None
        if sku and f[key] is None:
            row.error(col, "unknown_product", f"no product with SKU {sku!r}")
    f["unit_price"] = row.decimal("unit_price")
    f["price_includes_tax"] = row.boolean("price_includes_tax")
    f["buy_qty"] = row.integer("buy_qty", 1, default=0) if row.cells.get("buy_qty") else 0
    f["get_qty"] = row.integer("get_qty", 1, default=0) if row.cells.get("get_qty") else 0
    for col in ("threshold", "amount_off"):
        f[col] = row.decimal(col)
        if f[col] is not None and f[col] <= 0:
            row.error(col, "out_of_range", "must be more than 0")
    return f if row.ok else None


def import_promotions(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    """Check every row, then create or update the promotions (see the module docstring)."""
    customers, products = ids_by_code(
        uow.session,
        (code for row in rows for code in _SPLIT.split(row.cells.get("customers", ""))),
        (row.cells.get(col, "") for row in rows for col in ("sku", "gift_sku")))
    parsed = [(row.text("code", 64, required=True), _fields(row, header, customers, products))
              for row in rows]
    _duplicates(rows, lambda r: r.cells["code"], "code")
    if report.errors:
        return
    write_by_code(uow, Promotion, [{"code": code, **f} for code, f in parsed if f is not None],
                  report, new_defaults={},
                  record_new=lambda uow, p: entities.record_promotion(uow, p, was_new=True),
                  record_change=_record_promotion_change)


def _record_promotion_change(uow: UnitOfWork, promotion: Promotion,
                             before: dict[str, Any]) -> None:
    entities.record_promotion(uow, promotion, before.get("customer_ids", promotion.customer_ids))
