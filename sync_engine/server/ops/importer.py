"""Importing the ERP's CSV exports: products, customers, customer prices, stock, promotions.

Files are UTF-8 (with or without the BOM Excel writes), comma-separated, with a header row.
Column names are case-insensitive; an unknown column is an error (a typo must not be ignored
silently). Columns marked * must be in the header; a missing optional column leaves existing
rows' values alone and gives new rows the default shown.

products   sku*, name_zh*, unit*, tax_rate* (0.13 or 13%), base_price* (per unit, excl. tax),
           barcode, name_en, category, category_en (the category in English), case_unit
           (= unit), case_qty (1), pack_size (1), min_qty (1), active (yes), sellable (yes)
customers  code*, name*, warehouse* (code), name_en, address, phone, rep (username; empty =
           nobody), credit_limit (empty = no limit), payment_terms, active (yes),
           prices_include_tax (no: the customer's prices are 含税 when yes)
prices     customer* (code), sku*, min_qty*, unit_price*: one row per quantity break; the rows
           of one customer+sku replace all its breaks
stock      sku*, warehouse* (code), on_hand*: sets on hand; reserved stock is left alone
promotions see :mod:`.promotion_import`
receivables  customer* (code), ref*, doc_date*, amount*, open_amount, due_date: the ERP's open
           invoices (:mod:`.receivables`)

Booleans accept 1/0, true/false, yes/no, y/n, 是/否. Money has at most 4 decimals and at most
9999999999.9999; whole numbers fit the database's integers (``domain.limits``). Text cells follow
the domain's text rule (``domain.text``): no control characters (tab and line breaks only in an
address), no broken characters, no longer than their column.

Rows are matched to existing data by natural key (sku, code, customer+sku, sku+warehouse) and
created or updated. Every row is checked first; if any row is wrong, nothing is written and
every problem is reported as a :class:`RowError` with its line number. Otherwise the whole
file is written in one :class:`~sync_engine.server.feed.changes.UnitOfWork`: only rows whose values
actually change get a new version and a change-feed entry, so re-importing the same file is a
no-op for clients.

Large files are handled in bulk: existing rows are loaded into dictionaries once, new rows are
inserted with multi-row statements, and no query runs per row.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any, TypeVar, cast

from sqlalchemy import Select, insert, select
from sqlalchemy.orm import Session

from sync_engine.domain import MAX_AMOUNT, MAX_INTEGER, MONEY_PLACES, Role, TextRule, parse_decimal
from sync_engine.domain.search_keys import search_keys
from sync_engine.server.feed import entities, scoping
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops import receivables, stock_levels
from sync_engine.server.storage.dialect import refresh_statistics
from sync_engine.server.storage.models import (
    Customer,
    CustomerPrice,
    Product,
    Promotion,
    Stock,
    User,
    Warehouse,
    utcnow,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "ImportReport",
    "Row",
    "RowError",
    "check_and_write",
    "ids_by_code",
    "import_csv",
    "iter_errors",
    "locked_by_code",
    "new_version",
    "write_by_code",
]

KINDS = ("products", "customers", "prices", "stock", "promotions", "receivables")

# Column name → required in the header.
COLUMNS: dict[str, dict[str, bool]] = {
    "products": {
        "sku": True, "barcode": False, "name_zh": True, "name_en": False, "category": False,
        "category_en": False, "unit": True, "case_unit": False, "case_qty": False,
        "pack_size": False, "min_qty": False, "tax_rate": True, "base_price": True,
        "active": False, "sellable": False,
    },
    "customers": {
        "code": True, "name": True, "name_en": False, "address": False, "phone": False,
        "rep": False, "warehouse": True, "credit_limit": False, "payment_terms": False,
        "active": False, "prices_include_tax": False,
    },
    "prices": {"customer": True, "sku": True, "min_qty": True, "unit_price": True},
    "stock": {"sku": True, "warehouse": True, "on_hand": True},
    "receivables": receivables.COLUMNS,
}

_QUANT = Decimal(1).scaleb(-MONEY_PLACES)
_TRUE = {"1", "true", "yes", "y", "t", "是"}
_FALSE = {"0", "false", "no", "n", "f", "否"}
_CHUNK = 500  # ids per IN (…) list; SQLite limits bound parameters
_M = TypeVar("_M", Product, CustomerPrice, Stock)
_C = TypeVar("_C", Customer, Promotion)
_S = TypeVar("_S", bound="Select[Any]")


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in the file: where (``line``, 1 = header; ``column``), what (``code``), why.

    ``column`` is "" when the problem is the whole row or file. Codes are stable: ``required``,
    the text rule's (``text_too_long``, ``text_control_char``, ``text_line_break``,
    ``text_lone_surrogate``), ``invalid_number``, ``invalid_integer``, ``invalid_boolean``,
    ``out_of_range``,
    ``too_many_decimals``, ``duplicate``, ``unknown_warehouse``, ``unknown_rep``, ``not_a_rep``,
    ``unknown_customer``, ``unknown_product``, ``below_reserved``, ``missing_column``,
    ``unknown_column``, ``extra_fields``, ``encoding``, ``empty_file``, ``invalid_date``; for
    promotions ``invalid_kind``, ``invalid_datetime``, ``not_for_kind``.
    """

    line: int
    column: str
    code: str
    message: str

    @property
    def message_zh(self) -> str:
        """The problem in Chinese (by its code; the English message carries the details)."""
        return f"{MESSAGES_ZH.get(self.code, '数据有误')}（{self.message}）"

    def __str__(self) -> str:
        if self.column:
            return f"{self.line}: {self.column}: {self.message}"
        return f"{self.line}: {self.message}"


MESSAGES_ZH = {
    "required": "必须填写",
    "invalid_date": "日期格式有误（应为 YYYY-MM-DD）",
    "text_too_long": "文字过长",
    "text_control_char": "含有控制字符",
    "text_line_break": "不能换行",
    "text_lone_surrogate": "含有损坏的字符",
    "invalid_number": "不是数字",
    "invalid_integer": "不是整数",
    "invalid_boolean": "不是“是/否”",
    "invalid_version": "版本号无效（应为整数或 ISO 8601 时间）",
    "out_of_range": "超出允许范围",
    "too_many_decimals": "小数位过多",
    "duplicate": "重复",
    "unknown_warehouse": "仓库代码不存在",
    "unknown_rep": "用户不存在",
    "not_a_rep": "不是在职的销售代表",
    "unknown_customer": "客户代码不存在",
    "unknown_product": "商品编码（SKU）不存在",
    "below_reserved": "库存低于订单已预留的数量",
    "missing_column": "缺少必需的列",
    "unknown_column": "未知的列",
    "extra_fields": "字段数多于表头",
    "encoding": "文件不是 UTF-8 编码（在 Excel 中另存为“CSV UTF-8”）",
    "empty_file": "文件为空，需要表头行",
    "invalid_kind": "促销类型无效（特价、买赠、满减、满赠）",
    "invalid_datetime": "不是日期或时间（如 2026-12-01 08:00）",
    "not_for_kind": "此促销类型不使用该列",
}
"""Each row error code in Chinese; every code a :class:`RowError` may carry is here."""


@dataclass(slots=True)
class ImportReport:
    """What an import did; if ``errors`` is not empty, nothing was written."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


Source = str | os.PathLike[str] | IO[str] | IO[bytes]


def import_csv(
    session: Session,
    kind: str,
    path_or_file: Source,
    *,
    user_id: int | None = None,
    device_id: str | None = "import",
) -> ImportReport:
    """Import one ERP file of ``kind`` (see :data:`KINDS`); all or nothing.

    ``user_id``/``device_id`` are recorded as the author of the changes. Raises ``ValueError``
    for an unknown ``kind``; database failures propagate after a rollback.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}; use one of {', '.join(KINDS)}")
    started = time.perf_counter()
    report = ImportReport(kind)
    parsed = _parse(path_or_file, _columns(kind), report.errors)
    if parsed is not None:
        header, rows = parsed
        uow = UnitOfWork(session, user_id=user_id, device_id=device_id)
        try:
            _IMPORTERS[kind](uow, header, rows, report)
            report.rows = len(rows)
            if report.errors:
                uow.rollback()
            else:
                uow.commit()
                _refresh_statistics(session, len(rows))
        except BaseException:
            uow.rollback()
            raise
    if report.errors:
        report.created = report.updated = report.unchanged = 0
    report.seconds = time.perf_counter() - started
    return report


def _columns(kind: str) -> dict[str, bool]:
    if kind == "promotions":
        from sync_engine.server.ops.promotion_import import COLUMNS as PROMOTION_COLUMNS

        return PROMOTION_COLUMNS
    return COLUMNS[kind]


_BIG_TABLES = ("change_log", "products", "stock", "customers", "customer_prices")


def _refresh_statistics(session: Session, rows: int) -> None:
    """After a big import, let PostgreSQL's planner see the new sizes at once.

    Without it the change feed's ``ORDER BY seq LIMIT n`` is planned for a tiny table (a sort
    of the whole range instead of an index scan) until autovacuum gets round to it.
    """
    if rows >= 1000:
        refresh_statistics(session, _BIG_TABLES)


# --- reading ------------------------------------------------------------------------------


def _read_text(source: Source, errors: list[RowError]) -> str | None:
    if isinstance(source, str | os.PathLike):
        data: str | bytes = Path(source).read_bytes()
    else:
        data = source.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        errors.append(RowError(line, "", "encoding",
                               "the file is not UTF-8 (in Excel: save as “CSV UTF-8”)"))
        return None


def _parse(
    source: Source, spec: dict[str, bool], errors: list[RowError]
) -> tuple[set[str], list[Row]] | None:
    text = _read_text(source, errors)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_header = next(reader)
    except StopIteration:
        errors.append(RowError(1, "", "empty_file", "the file is empty; expected a header row"))
        return None
    header = [h.strip().lower() for h in raw_header]
    seen: set[str] = set()
    for name in header:
        if name not in spec:
            errors.append(RowError(1, name, "unknown_column",
                                   f"unknown column; expected: {', '.join(spec)}"))
        elif name in seen:
            errors.append(RowError(1, name, "duplicate", "column appears twice"))
        seen.add(name)
    for name, required in spec.items():
        if required and name not in seen:
            errors.append(RowError(1, name, "missing_column", "required column is missing"))
    if errors:
        return None
    rows: list[Row] = []
    end = reader.line_num
    for cells in reader:
        line, end = end + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            errors.append(RowError(line, "", "extra_fields",
                                   f"{len(cells)} fields, but the header has {len(header)}"))
            continue
        values = {name: (cells[i].strip() if i < len(cells) else "")
                  for i, name in enumerate(header)}
        rows.append(Row(line, values, errors))
    return seen, rows


@functools.cache
def _text_rule(max_len: int, lines: bool) -> TextRule:
    return TextRule(max_len, lines=lines)


class Row:
    """One data row's cells, parsed on demand; problems go to the shared error list."""

    __slots__ = ("_errors", "cells", "line", "ok")

    def __init__(self, line: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.line = line
        self.cells = cells
        self._errors = errors
        self.ok = True

    def error(self, column: str, code: str, message: str) -> None:
        self.ok = False
        self._errors.append(RowError(self.line, column, code, message))

    def text(self, col: str, max_len: int, *, required: bool = False, lines: bool = False) -> str:
        value = self.cells.get(col, "")
        if required and not value:
            self.error(col, "required", "a value is required")
            return value
        issue = _text_rule(max_len, lines).check(col, value)
        if issue is not None:
            self.error(col, issue.code, issue.message("en"))
        return value

    def integer(self, col: str, minimum: int, default: int | None = None) -> int | None:
        value = self.cells.get(col, "")
        if not value:
            if default is None:
                self.error(col, "required", "a value is required")
            return default
        try:
            number = int(value)
        except ValueError:
            self.error(col, "invalid_integer", f"{value!r} is not a whole number")
            return None
        if not minimum <= number <= MAX_INTEGER:
            self.error(col, "out_of_range", f"must be between {minimum} and {MAX_INTEGER}, "
                                            f"got {number}")
            return None
        return number

    def decimal(
        self, col: str, *, maximum: Decimal = MAX_AMOUNT, percent: bool = False
    ) -> Decimal | None:
        """A non-negative amount (empty → None, the caller decides whether that is allowed)."""
        value = self.cells.get(col, "")
        if not value:
            return None
        scale = Decimal(1)
        if percent and value.endswith("%"):
            value, scale = value[:-1], Decimal("0.01")
        try:
            number = parse_decimal(value.replace(",", "")) * scale
        except ValueError:
            self.error(col, "invalid_number", f"{self.cells[col]!r} is not a number")
            return None
        if not Decimal(0) <= number <= maximum:
            self.error(col, "out_of_range", f"must be between 0 and {maximum}, got {number}")
            return None
        if number != number.quantize(_QUANT):
            self.error(col, "too_many_decimals", f"at most {MONEY_PLACES} decimals")
            return None
        return number.quantize(_QUANT)

    def boolean(self, col: str) -> bool:
        value = self.cells.get(col, "").lower()
        if not value or value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.error(col, "invalid_boolean", f"{self.cells[col]!r} is not yes/no (1/0, true/false)")
        return True


def _locked(stmt: _S, *order: Any) -> _S:
    """Rows this import may update, locked in key order so that concurrent writers (orders
    reserving stock, another import) neither lose a version bump nor deadlock with us."""
    return stmt.order_by(*order).with_for_update()


def locked_by_code(session: Session, model: type[_C], codes: Iterable[str]) -> dict[str, _C]:
    """The rows of ``model`` with these ``codes``, by code, locked for this import (see
    :func:`_locked`): their ids first, then the rows in id order, so that two writers lock in
    the same order however their batches are cut. Only the rows named: locking the table made
    a change of one customer read and lock all of them (2,000 customers: 50–320 ms on
    PostgreSQL, a row lock written per customer, seconds on a loaded machine)."""
    wanted = sorted(set(codes))
    ids: list[int] = []
    for start in range(0, len(wanted), _CHUNK):
        ids += session.scalars(select(model.id).where(model.code.in_(wanted[start:start + _CHUNK])))
    ids.sort()
    rows: dict[str, _C] = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = _locked(select(model).where(model.id.in_(ids[start:start + _CHUNK])), model.id)
        rows.update((row.code, row) for row in session.scalars(stmt))
    return rows


def ids_by_code(session: Session, codes: Iterable[str],
                skus: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """The ids of the customers with these ``codes`` and of the products with these ``skus``,
    by code and by SKU: how rows name them. Only those named: a price for one customer read
    every customer's code and every product's SKU (100,000 of them in a real catalog)."""
    return _ids_of(session, Customer.code, Customer.id, codes), \
        _ids_of(session, Product.sku, Product.id, skus)


def _ids_of(session: Session, key: Any, ident: Any, names: Iterable[str]) -> dict[str, int]:
    wanted = sorted({name for name in names if name})
    found: dict[str, int] = {}
    for start in range(0, len(wanted), _CHUNK):
        found.update(session.execute(
            select(key, ident).where(key.in_(wanted[start:start + _CHUNK]))).all())
    return found


def write_by_code(
    uow: UnitOfWork,
    model: type[_C],
    rows: list[dict[str, Any]],
    report: ImportReport,
    *,
    new_defaults: Mapping[str, Any],
    record_new: Callable[[UnitOfWork, _C], None],
    record_change: Callable[[UnitOfWork, _C, dict[str, Any]], None],
) -> None:
    """Write the rows of a file whose natural key is ``code`` (each the fields it sets).

    An unknown code is a new row (``new_defaults`` for what the file does not set), added and
    flushed so it has its id, then ``record_new`` puts it in the feed. A known row whose fields
    differ gets them as its next version, then ``record_change`` records it, given the old
    values of what changed. The others are counted as unchanged.
    """
    existing = locked_by_code(uow.session, model, (fields["code"] for fields in rows))
    now = utcnow()
    created: list[_C] = []
    for fields in rows:
        row = existing.get(fields["code"])
        if row is None:
            created.append(model(**{**new_defaults, **fields}, version=1, updated_at=now))
            continue
        changed = {k: v for k, v in fields.items() if _stored(getattr(row, k)) != _stored(v)}
        if not changed:
            report.unchanged += 1
            continue
        before = {k: getattr(row, k) for k in changed}
        new_version(row, changed, now, report)
        record_change(uow, row, before)
    uow.session.add_all(created)
    uow.session.flush()
    for row in created:
        record_new(uow, row)
    report.created = len(created)


def _stored(value: Any) -> Any:
    """A value as the database gives it back (SQLite: naive UTC times)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def _duplicates(rows: list[Row], key: Callable[[Row], object], column: str) -> None:
    first: dict[object, int] = {}
    for row in rows:
        k = key(row)
        if k in first:
            row.error(column, "duplicate", f"duplicate of line {first[k]}")
        else:
            first[k] = row.line


# --- products -----------------------------------------------------------------------------


def _product_fields(row: Row, header: set[str]) -> dict[str, Any]:
    """The fields the row sets (only columns present in the header)."""
    f: dict[str, Any] = {"sku": row.text("sku", 64, required=True)}
    f["name_zh"] = row.text("name_zh", 300, required=True)
    f["unit"] = row.text("unit", 16, required=True)
    for col, size in (("name_en", 300), ("category", 100), ("category_en", 100),
                      ("case_unit", 16)):
        if col in header:
            f[col] = row.text(col, size)
    if "case_unit" in f and not f["case_unit"]:
        f["case_unit"] = f["unit"]
    if "barcode" in header:
        f["barcode"] = row.text("barcode", 32) or None
    for col in ("case_qty", "pack_size", "min_qty"):
        if col in header:
            f[col] = row.integer(col, 1, default=1)
    tax = row.decimal("tax_rate", maximum=Decimal(1), percent=True)
    if tax is None and "tax_rate" in row.cells and not row.cells["tax_rate"]:
        row.error("tax_rate", "required", "a value is required (e.g. 0.13)")
    f["tax_rate"] = tax
    price = row.decimal("base_price")
    if price is None and not row.cells.get("base_price"):
        row.error("base_price", "required", "a value is required")
    f["base_price"] = price
    for col in ("active", "sellable"):
        if col in header:
            f[col] = row.boolean(col)
    return f


def _import_products(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    parsed = [(row, _product_fields(row, header)) for row in rows]
    _duplicates(rows, lambda r: r.cells["sku"], "sku")
    if report.errors:
        return
    session = uow.session
    # Not locked: only imports write products, and of two concurrent ones the later commit
    # wins in the table and (by seq order) in the change log alike.
    existing = {p.sku: p for p in session.scalars(select(Product))}
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    for _row, f in parsed:
        product = existing.get(f["sku"])
        if product is None:
            pinyin, initials = search_keys(f["name_zh"])
            new_rows.append({
                "barcode": None, "name_en": "", "category": "", "category_en": "",
                "case_unit": f["unit"],
                "case_qty": 1, "pack_size": 1, "min_qty": 1, "active": True, "sellable": True,
                **f, "pinyin": pinyin, "initials": initials, "version": 1, "updated_at": now,
            })
            continue
        changed = {k: v for k, v in f.items() if getattr(product, k) != v}
        if not changed:
            report.unchanged += 1
            continue
        if "name_zh" in changed:
            changed["pinyin"], changed["initials"] = search_keys(f["name_zh"])
        new_version(product, changed, now, report)
        entities.record_product(uow, product)
    _insert_new(uow, Product, new_rows, entities.record_product, report)


def new_version(row: Product | Customer | CustomerPrice | Promotion, changed: dict[str, Any],
                now: dt.datetime, report: ImportReport) -> None:
    """Write ``changed`` into ``row`` as its next version, counted as updated (the caller records
    it in the feed)."""
    for k, v in changed.items():
        setattr(row, k, v)
    row.version += 1
    row.updated_at = now
    report.updated += 1


def _insert_new(uow: UnitOfWork, model: type[_M], rows: list[dict[str, Any]],
                record: Callable[[UnitOfWork, _M], None], report: ImportReport) -> None:
    """Insert the new ``rows`` of ``model``, each recorded in the feed, counted as created."""
    for new in _bulk_insert(uow.session, model, rows):
        record(uow, new)
    report.created = len(rows)


def _bulk_insert(session: Session, model: type[_M], rows: list[dict[str, Any]]) -> list[_M]:
    """Insert ``rows`` (executemany, in chunks) and return read-only views of them.

    Not ``INSERT … RETURNING``: psycopg re-parses each huge multi-row statement, which made a
    100,000-product import three times slower. The objects returned only carry the values
    for :mod:`entities` to record; products get their new ids looked up by SKU.
    """
    for start in range(0, len(rows), 5000):
        session.execute(insert(model), rows[start : start + 5000])
    if model is Product:
        ids = dict(session.execute(select(Product.sku, Product.id)).all())
        for row in rows:
            row["id"] = ids[row["sku"]]
    # Plain attribute bags, not ORM instances: ``entities`` only reads attributes, and building
    # 100,000 instrumented objects costs more than the INSERT itself.
    return [cast(_M, SimpleNamespace(**row)) for row in rows]


# --- customers ----------------------------------------------------------------------------


def _import_customers(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    session = uow.session
    warehouses = {w.code: w.id for w in session.scalars(select(Warehouse))}
    users = _users_named(session, {row.cells["rep"].lower() for row in rows
                                   if "rep" in header and row.cells["rep"]})
    parsed: list[dict[str, Any]] = []
    for row in rows:
        f: dict[str, Any] = {"code": row.text("code", 32, required=True),
                             "name": row.text("name", 200, required=True)}
        for col, size in (("name_en", 200), ("phone", 64), ("payment_terms", 64)):
            if col in header:
                f[col] = row.text(col, size)
        if "address" in header:
            f["address"] = row.text("address", 500, lines=True)
        code = row.text("warehouse", 32, required=True)
        if code and code not in warehouses:
            row.error("warehouse", "unknown_warehouse", f"no warehouse with code {code!r}")
        f["warehouse_id"] = warehouses.get(code)
        if "credit_limit" in header:
            f["credit_limit"] = row.decimal("credit_limit")
        if "active" in header:
            f["active"] = row.boolean("active")
        if "prices_include_tax" in header:  # an empty cell: no (unlike active)
            f["prices_include_tax"] = bool(row.cells["prices_include_tax"]) and \
                row.boolean("prices_include_tax")
        if "rep" in header:
            f["rep_id"] = _rep_id(row, users)
        parsed.append(f)
    _duplicates(rows, lambda r: r.cells["code"], "code")
    if report.errors:
        return
    write_by_code(uow, Customer, parsed, report, new_defaults=_NEW_CUSTOMER,
                  record_new=entities.record_customer, record_change=_record_customer_change)


_NEW_CUSTOMER = {"name_en": "", "address": "", "phone": "", "payment_terms": "",
                 "credit_limit": None, "active": True, "prices_include_tax": False,
                 "rep_id": None}
"""What a new customer has where the file has no column for it."""


def _users_named(session: Session, names: set[str]) -> dict[str, User]:
    """The users with these usernames, by username (the reps a file names, not every user)."""
    wanted = sorted(names)
    users: dict[str, User] = {}
    for start in range(0, len(wanted), _CHUNK):
        stmt = select(User).where(User.username.in_(wanted[start:start + _CHUNK]))
        users.update((u.username, u) for u in session.scalars(stmt))
    return users


def _rep_id(row: Row, users: dict[str, User]) -> int | None:
    """The customer's rep (an active sales rep, by username); None for an empty cell."""
    if not row.cells["rep"]:
        return None
    rep = users.get(row.cells["rep"].lower())
    if rep is None:
        row.error("rep", "unknown_rep", f"no user {row.cells['rep']!r}")
    elif rep.role != Role.SALES_REP.value or not rep.active:
        row.error("rep", "not_a_rep", f"{rep.username!r} is not an active sales rep")
    else:
        return rep.id
    return None


def _record_customer_change(uow: UnitOfWork, customer: Customer, before: dict[str, Any]) -> None:
    if "rep_id" in before:
        scoping.customer_moved(uow, customer.id, before["rep_id"], customer.rep_id)
    entities.record_customer(uow, customer)


# --- prices -------------------------------------------------------------------------------


def _price_text(price: Decimal) -> str:
    """Prices in breaks: at least cents, and only the decimals that matter (0.125, 3.50)."""
    text = format(price.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _breaks_key(breaks: list[Any]) -> list[tuple[int, Decimal]]:
    return sorted((int(q), Decimal(str(p))) for q, p in breaks)


def _import_prices(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    session = uow.session
    customers, products = ids_by_code(session, (row.cells.get("customer", "") for row in rows),
                                      (row.cells.get("sku", "") for row in rows))
    groups: dict[tuple[int, int], list[tuple[int, Decimal]]] = {}
    seen: dict[tuple[int, int, int], int] = {}
    for row in rows:
        code = row.text("customer", 32, required=True)
        sku = row.text("sku", 64, required=True)
        min_qty = row.integer("min_qty", 1)
        price = row.decimal("unit_price")
        if price is None and not row.cells["unit_price"]:
            row.error("unit_price", "required", "a value is required")
        customer_id, product_id = customers.get(code), products.get(sku)
        if code and customer_id is None:
            row.error("customer", "unknown_customer", f"no customer with code {code!r}")
        if sku and product_id is None:
            row.error("sku", "unknown_product", f"no product with SKU {sku!r}")
        if not (row.ok and customer_id and product_id and min_qty and price is not None):
            continue
        first = seen.setdefault((customer_id, product_id, min_qty), row.line)
        if first != row.line:
            row.error("min_qty", "duplicate",
                      f"duplicate of line {first} (same customer, SKU and min_qty)")
            continue
        groups.setdefault((customer_id, product_id), []).append((min_qty, price))
    if report.errors:
        return
    ids = sorted({c for c, _ in groups})
    existing: dict[tuple[int, int], CustomerPrice] = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = _locked(
            select(CustomerPrice).where(CustomerPrice.customer_id.in_(ids[start : start + _CHUNK])),
            CustomerPrice.customer_id, CustomerPrice.product_id,
        )
        existing.update(((cp.customer_id, cp.product_id), cp) for cp in session.scalars(stmt))
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    for (customer_id, product_id), breaks in groups.items():
        breaks.sort()
        stored = [[q, _price_text(p)] for q, p in breaks]
        cp = existing.get((customer_id, product_id))
        if cp is None:
            new_rows.append({"customer_id": customer_id, "product_id": product_id,
                             "breaks": stored, "version": 1, "updated_at": now})
        elif _breaks_key(cp.breaks) == breaks:
            report.unchanged += 1
        else:
            # A new list: JSON columns only notice assignment.
            new_version(cp, {"breaks": stored}, now, report)
            entities.record_price(uow, cp)
    _insert_new(uow, CustomerPrice, new_rows, entities.record_price, report)


# --- stock --------------------------------------------------------------------------------


def _import_stock(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    session = uow.session
    warehouses = {w.code: w.id for w in session.scalars(select(Warehouse))}
    products = stock_levels.product_ids(session, (r.cells["sku"] for r in rows))
    existing = stock_levels.locked_stock(session, (
        (products[r.cells["sku"]], warehouses[r.cells["warehouse"]]) for r in rows
        if r.cells["sku"] in products and r.cells["warehouse"] in warehouses))
    levels: list[tuple[tuple[int, int], int]] = []
    for row in rows:
        sku = row.text("sku", 64, required=True)
        code = row.text("warehouse", 32, required=True)
        on_hand = row.integer("on_hand", 0)
        product_id, warehouse_id = products.get(sku), warehouses.get(code)
        if sku and product_id is None:
            row.error("sku", "unknown_product", f"no product with SKU {sku!r}")
        if code and warehouse_id is None:
            row.error("warehouse", "unknown_warehouse", f"no warehouse with code {code!r}")
        if not row.ok or product_id is None or warehouse_id is None or on_hand is None:
            continue
        stock = existing.get((product_id, warehouse_id))
        if stock is not None and on_hand < stock.reserved:
            row.error("on_hand", "below_reserved",
                      f"{on_hand} is less than the {stock.reserved} already reserved by orders")
            continue
        levels.append(((product_id, warehouse_id), on_hand))
    _duplicates(rows, lambda r: (r.cells["sku"], r.cells["warehouse"]), "warehouse")
    if report.errors:
        return
    now = utcnow()
    new_rows: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    # Lock order (changes.py): stock rows sorted by product before the counter.
    for (product_id, warehouse_id), on_hand in sorted(levels):
        stock = existing.get((product_id, warehouse_id))
        if stock is None:
            new_rows.append({"product_id": product_id, "warehouse_id": warehouse_id,
                             "on_hand": on_hand, "reserved": 0, "version": 1, "updated_at": now})
        elif stock.on_hand == on_hand:
            report.unchanged += 1
        else:
            changed.append({"product_id": product_id, "warehouse_id": warehouse_id,
                            "on_hand": on_hand, "reserved": stock.reserved,
                            "version": stock.version + 1, "updated_at": now})
    if changed:  # one set-based UPDATE (reserved is left as it is)
        stock_levels.write_levels(uow, changed, now)
        for c in changed:
            entities.record_stock(uow, cast(Stock, SimpleNamespace(**c)))
        report.updated = len(changed)
    _insert_new(uow, Stock, new_rows, entities.record_stock, report)


_IMPORTERS: dict[str, Callable[[UnitOfWork, set[str], list[Row], ImportReport], None]] = {
    "products": _import_products,
    "customers": _import_customers,
    "prices": _import_prices,
    "stock": _import_stock,
    "receivables": receivables.import_receivables,
}


def _import_promotions(
    uow: UnitOfWork, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    # Imported here: promotion_import builds on this module's Row.
    from sync_engine.server.ops.promotion_import import import_promotions

    import_promotions(uow, header, rows, report)


_IMPORTERS["promotions"] = _import_promotions


def check_and_write(
    uow: UnitOfWork, kind: str, header: set[str], rows: list[Row], report: ImportReport
) -> None:
    """The row rules of ``kind`` and, if no row is wrong, the writes, in ``uow``.

    The one implementation of every row rule: the CSV import and the integration API and
    queue (:mod:`sync_engine.server.ops.integration`) all come here. ``header`` names the
    columns the rows set; a problem goes to ``report.errors`` and then nothing is written.
    """
    _IMPORTERS[kind](uow, header, rows, report)


def iter_errors(report: ImportReport, filename: str) -> Iterator[str]:
    """The report's errors as ``file:line: column: message`` lines (compiler style)."""
    for e in report.errors:
        yield f"{filename}:{e}"
