"""Bulk upserts from the ERP or WMS, addressed by its own codes, in the order of its versions.

One request (HTTP) or message (queue) carries rows of one kind:

products   sku, name_zh, unit, tax_rate, base_price, … (the CSV import's columns)
customers  code, name, warehouse, … (idem)
prices     customer, sku, breaks: [{min_qty, unit_price}, …] — the breaks replace all the
           customer's breaks for that SKU
stock      sku, warehouse, and either on_hand (the absolute level) or delta (a signed change
           of on hand); reserved stock is never touched: available = on_hand − reserved

Every row also carries ``version``: the source's version of that row, an integer that grows
with each change (a counter, or a timestamp in ms), or an ISO 8601 time. Per entity row
(natural key: sku, code, customer+sku, sku+warehouse) the version of the last update applied
is stored with it; a row whose version is not newer is skipped (``skipped``), so a repeated
update is applied once and an older update arriving late never overwrites a newer one. In
one batch, rows of one key apply in version order (deltas add up; the newest level wins).

Every row rule is the CSV import's (:func:`.importer.check_and_write`): the same checks, the
same error codes, the same writes through the change feed. ``per_row=False`` applies all rows
or none; ``per_row=True`` applies the good rows and reports the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sync_engine.protocol import parse_time
from sync_engine.server.feed.changes import UnitOfWork
from sync_engine.server.ops.importer import (
    COLUMNS,
    ImportReport,
    Row,
    RowError,
    check_and_write,
)
from sync_engine.server.ops.stock_levels import locked_stock, product_ids
from sync_engine.server.storage.dialect import upsert
from sync_engine.server.storage.models import (
    ConsumedMessage,
    SourceVersion,
    Warehouse,
    utcnow,
)
from sync_engine.server.storage.sql import driver_connection, is_postgres, json_rows

__all__ = ["KINDS", "SCOPES", "RowErrorOut", "UpsertReport", "apply_upserts", "was_consumed"]

KINDS = ("products", "customers", "prices", "stock")
SCOPES = {"products": "catalog", "customers": "customers", "prices": "prices", "stock": "stock"}
"""The scope an integration token needs to write each kind."""

_ENTITY = {"products": "product", "customers": "customer", "prices": "price", "stock": "stock"}
_LOCK_BASE = 0x4448_0000  # "DH": one advisory lock per kind, see _serialise
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_CHUNK = 500
_NOT_CELLS = frozenset(("version", "delta", "breaks"))


class RowErrorOut(BaseModel):
    """A row's problem as the integration API answers it (and the dead-letter queue's
    ``x-dinghuo-errors`` header carries it)."""

    row: int = Field(description="the row's index in ``rows`` (0 = the first)")
    field: str
    code: str
    message: str
    message_zh: str

    @classmethod
    def of(cls, error: RowError) -> RowErrorOut:
        return cls(row=error.line, field=error.column, code=error.code, message=error.message,
                   message_zh=error.message_zh)


class UpsertReport(BaseModel):
    """What one batch did: the integration API's answer (its response model) and the queue
    consumer's outcome. ``applied`` is False when nothing was written (all-or-nothing with
    errors, or a queue message seen before)."""

    # Every field is in every answer: the API document says so (defaults are for the counting).
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = Field(default=0,
                         description="rows whose version was not newer than the applied one")
    applied: bool = False
    duplicate: bool = False
    errors: list[RowErrorOut] = Field(default_factory=list)


@dataclass(slots=True)
class _Update:
    line: int
    key: str
    version: int
    cells: dict[str, str]
    delta: int | None = None
    breaks: list[dict[str, str]] = field(default_factory=list)


def was_consumed(session: Session, message_id: str) -> bool:
    return session.get(ConsumedMessage, message_id) is not None


def apply_upserts(
    session: Session,
    kind: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    per_row: bool = False,
    device_id: str = "integration",
    message_id: str | None = None,
) -> UpsertReport:
    """Apply ``rows`` of ``kind`` in one transaction (committed here unless nothing applies).

    ``message_id``: a queue message's id, recorded in the same transaction; a message already
    recorded is not applied again (``duplicate``). Raises ``ValueError`` for an unknown kind.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    report = UpsertReport(kind=kind, rows=len(rows))
    errors: list[RowError] = []
    uow = UnitOfWork(session, device_id=device_id)
    try:
        _serialise(session, kind)
        if message_id is not None and was_consumed(session, message_id):
            report.duplicate = True
            uow.rollback()
            return report
        updates = _parse(kind, rows, errors)
        updates = _newer_only(session, kind, updates, report)
        if kind == "stock":
            updates = _resolve_deltas(session, updates)
        good = _apply(uow, kind, updates, report, errors, per_row=per_row)
        report.errors = [RowErrorOut.of(e) for e in errors]
        if errors and not per_row:
            report.created = report.updated = report.unchanged = 0
            uow.rollback()
            return report
        if good:
            _store_versions(uow, _ENTITY[kind], good)
        if message_id is not None:
            session.add(ConsumedMessage(message_id=message_id, outcome="applied"))
        uow.commit()
        report.applied = True
        return report
    except BaseException:
        uow.rollback()
        raise


_STORE_VERSIONS_SQL = """
INSERT INTO source_versions (entity, key, version, applied_at)
SELECT %s, t.k, t.v, %s FROM json_to_recordset(%s::json) AS t(k varchar, v bigint)
ON CONFLICT (entity, key) DO UPDATE SET version = excluded.version,
                                        applied_at = excluded.applied_at
"""


def _store_versions(uow: UnitOfWork, entity: str, written: list[_Update]) -> None:
    """Remember the versions applied, in the unit's commit. PostgreSQL: one statement sent
    with the commit (no round trip of its own); SQLite: an executemany upsert."""
    session, now = uow.session, utcnow()
    if is_postgres(session):
        uow.execute_later(_STORE_VERSIONS_SQL, (entity, now, json_rows(
            [{"k": u.key, "v": u.version} for u in written])))
        return
    stmt = upsert(session, SourceVersion, ["entity", "key"], ["version", "applied_at"])
    session.execute(stmt, [{"entity": entity, "key": u.key, "version": u.version,
                            "applied_at": now} for u in written])


def _serialise(session: Session, kind: str) -> None:
    """One batch of a kind at a time (PostgreSQL: a transaction-scoped advisory lock), so two
    batches never both read a source version as missing, and two consumers never both apply
    one message. SQLite's single writer serialises them anyway."""
    if is_postgres(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                        {"k": _LOCK_BASE + KINDS.index(kind)})


def _cell(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return value.strip()  # type: ignore[no-any-return]
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _source_version(value: Any) -> int | None:
    """The row's version as an integer: itself, or an ISO 8601 time in µs since 1970 (UTC)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= 2**63 - 1 else None
    if isinstance(value, str) and value.strip():
        s = value.strip()
        if s.isdigit():
            return int(s) if int(s) <= 2**63 - 1 else None
        at = parse_time(s)
        return None if at is None else (at - _EPOCH) // dt.timedelta(microseconds=1)
    return None


def _key(kind: str, cells: Mapping[str, str]) -> str:
    if kind == "products":
        return cells.get("sku", "")
    if kind == "customers":
        return cells.get("code", "")
    if kind == "prices":
        return f"{cells.get('customer', '')}|{cells.get('sku', '')}"
    return f"{cells.get('sku', '')}|{cells.get('warehouse', '')}"


def _parse(kind: str, rows: Sequence[Mapping[str, Any]], errors: list[RowError]) -> list[_Update]:
    updates = []
    for line, raw in enumerate(rows):
        version = _source_version(raw.get("version"))
        if version is None:
            code = "required" if raw.get("version") in (None, "") else "invalid_version"
            errors.append(RowError(line, "version", code,
                                   "a version is required: an integer that grows with each "
                                   "change, or an ISO 8601 time"))
            continue
        cells = {k: _cell(v) for k, v in raw.items() if k not in _NOT_CELLS}
        update = _Update(line, _key(kind, cells), version, cells)
        if kind == "stock" and raw.get("delta") is not None:
            delta = raw["delta"]
            if "on_hand" in raw:
                errors.append(RowError(line, "delta", "duplicate",
                                       "give on_hand (a level) or delta (a change), not both"))
                continue
            if isinstance(delta, bool) or not isinstance(delta, int | str):
                errors.append(RowError(line, "delta", "invalid_integer",
                                       f"{delta!r} is not a whole number"))
                continue
            try:
                update.delta = int(delta)
            except ValueError:
                errors.append(RowError(line, "delta", "invalid_integer",
                                       f"{delta!r} is not a whole number"))
                continue
        if kind == "prices":
            breaks = raw.get("breaks")
            if not isinstance(breaks, list) or not breaks:
                errors.append(RowError(line, "breaks", "required",
                                       "at least one break {min_qty, unit_price} is required"))
                continue
            update.breaks = [{k: _cell(b.get(k)) for k in ("min_qty", "unit_price")}
                             if isinstance(b, Mapping) else {"min_qty": "", "unit_price": ""}
                             for b in breaks]
        updates.append(update)
    return updates


_STORED_VERSIONS_SQL = """
SELECT v.key, v.version FROM source_versions v JOIN json_array_elements_text(%s::json) AS k(key)
  ON v.key = k.key WHERE v.entity = %s
"""


def _stored_versions(session: Session, entity: str, keys: list[str]) -> dict[str, int]:
    """The applied versions of ``keys``. PostgreSQL: one statement joining the keys (JSON)
    (an ``IN`` list of thousands of parameters gets a generic plan that compares each row
    with every parameter, ~0.15 s per 500 keys); SQLite: ``IN`` lists of its parameter limit."""
    columns = select(SourceVersion.key, SourceVersion.version).where(
        SourceVersion.entity == entity)
    if is_postgres(session):
        return dict(driver_connection(session).execute(_STORED_VERSIONS_SQL,
                                                       (json_rows(keys), entity)).fetchall())
    stored: dict[str, int] = {}
    for start in range(0, len(keys), _CHUNK):
        stmt = columns.where(SourceVersion.key.in_(keys[start : start + _CHUNK]))
        stored.update(dict(session.execute(stmt).all()))
    return stored


def _newer_only(
    session: Session, kind: str, updates: list[_Update], report: UpsertReport
) -> list[_Update]:
    """The updates newer than what was applied, in version order (older ones: skipped)."""
    stored = _stored_versions(session, _ENTITY[kind], sorted({u.key for u in updates}))
    fresh: list[_Update] = []
    seen: dict[tuple[str, int], int] = {}
    for u in sorted(updates, key=lambda u: (u.key, u.version, u.line)):
        if u.version <= stored.get(u.key, -1) or (u.key, u.version) in seen:
            report.skipped += 1
            continue
        seen[(u.key, u.version)] = u.line
        fresh.append(u)
    if kind == "stock":
        return fresh  # folded by _resolve_deltas
    newest: dict[str, _Update] = {}
    for u in fresh:  # ascending versions: the last one of a key wins
        if u.key in newest:
            report.skipped += 1
        newest[u.key] = u
    return sorted(newest.values(), key=lambda u: u.line)


def _resolve_deltas(session: Session, updates: list[_Update]) -> list[_Update]:
    """One absolute level per stock row: its updates in version order, deltas added to the
    level before them (the stored one for the first). The stock rows are locked here, in the
    import's order (``locked_stock``), so nothing changes them between this read and the
    write."""
    warehouses = {w.code: w.id for w in session.scalars(select(Warehouse))}
    deltas = [u for u in updates if u.delta is not None]
    products = product_ids(session, (u.cells.get("sku", "") for u in deltas))
    levels = {key: row.on_hand for key, row in locked_stock(session, (
        (products[u.cells["sku"]], warehouses[u.cells["warehouse"]]) for u in deltas
        if u.cells.get("sku") in products and u.cells.get("warehouse") in warehouses)).items()}
    folded: dict[str, _Update] = {}
    for u in updates:  # sorted by key, then version
        ids = (products.get(u.cells.get("sku", "")), warehouses.get(u.cells.get("warehouse", "")))
        last = folded.get(u.key)
        if u.delta is None:  # a level replaces whatever came before it
            folded[u.key] = u
            continue
        if ids[0] is None or ids[1] is None:
            u.cells["on_hand"] = "0"  # only the unknown code is reported
            folded[u.key] = u
            continue
        if last is not None:
            base_text = last.cells.get("on_hand", "")
            base = int(base_text) if base_text.lstrip("-").isdigit() else 0
        else:
            base = levels.get((ids[0], ids[1]), 0)
        u.cells["on_hand"] = str(base + u.delta)
        folded[u.key] = u
    return sorted(folded.values(), key=lambda u: u.line)


_REQUIRED = {kind: {c: "" for c, needed in COLUMNS[kind].items() if needed} for kind in KINDS}
"""Per kind, the required columns as empty cells (a row that leaves one out: ``required``)."""


def _rows_for(kind: str, u: _Update, errors: list[RowError]) -> list[Row]:
    if kind == "prices":
        return [Row(u.line, {"customer": u.cells.get("customer", ""),
                             "sku": u.cells.get("sku", ""), **b}, errors) for b in u.breaks]
    return [Row(u.line, _REQUIRED[kind] | u.cells, errors)]


def _apply(
    uow: UnitOfWork, kind: str, updates: list[_Update], report: UpsertReport,
    errors: list[RowError], *, per_row: bool
) -> list[_Update]:
    """Check and write ``updates``, grouped by the fields they set (a field a row leaves out
    keeps its value), counting into ``report`` and adding the problems to ``errors``; returns
    the updates written. With errors and not ``per_row``: none."""
    groups: dict[frozenset[str], list[_Update]] = {}
    for u in updates:
        unknown = sorted(set(u.cells) - set(COLUMNS[kind]))
        if unknown:
            errors.append(RowError(u.line, unknown[0], "unknown_column",
                                   f"unknown field; expected: {', '.join(COLUMNS[kind])}"))
            continue
        fields = set(u.cells) | ({"min_qty", "unit_price"} if kind == "prices" else set())
        groups.setdefault(frozenset(fields), []).append(u)
    written: list[_Update] = []
    for header, group in groups.items():
        while group:
            part = ImportReport(kind)
            rows = [r for u in group for r in _rows_for(kind, u, part.errors)]
            check_and_write(uow, kind, set(header), rows, part)
            if not part.errors:
                report.created += part.created
                report.updated += part.updated
                report.unchanged += part.unchanged
                written.extend(group)
                break
            errors.extend(part.errors)
            if not per_row:  # check the other groups too, then write nothing
                break
            bad = {e.line for e in part.errors}
            group = [u for u in group if u.line not in bad]
    errors.sort(key=lambda e: e.line)
    return written if per_row or not errors else []
