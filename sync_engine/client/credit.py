"""The ``credit`` table: customers' accounts (账期) as of the last sync — payment terms and
open items — from the feed only. Every write to it is here.

The open and overdue amounts a rep sees offline are worked out from the open items with
today's date (``domain.credit.credit_position``): an invoice that fell due since the last sync
shows as overdue, labelled with the time of that sync.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sync_engine.domain import credit as rules

from .bulk_insert import insert_rows
from .store import compact_json
from .values import CreditView

__all__ = ["clear", "delete", "purge_customer", "store", "view"]

_HEAD = "INSERT INTO credit (customer_id, data, version) VALUES"
_NEWER = ("ON CONFLICT (customer_id) DO UPDATE SET data = excluded.data,"
          " version = excluded.version WHERE excluded.version >= credit.version")


def store(db: sqlite3.Connection, states: Iterable[tuple[Mapping[str, Any], int]]) -> None:
    """Accounts as the server sent them (data, version)."""
    insert_rows(db, _HEAD, [(int(x["customer_id"]), compact_json(x), version)
                            for x, version in states], _NEWER)


def delete(db: sqlite3.Connection, customer_ids: Iterable[int]) -> None:
    db.executemany("DELETE FROM credit WHERE customer_id = ?", [(i,) for i in customer_ids])


def purge_customer(db: sqlite3.Connection, customer_id: int) -> None:
    db.execute("DELETE FROM credit WHERE customer_id = ?", (customer_id,))


def clear(db: sqlite3.Connection) -> None:
    """Before a resync's full state is swapped in."""
    db.execute("DELETE FROM credit")


def view(db: sqlite3.Connection, customer_id: int, today: dt.date | None = None) -> CreditView:
    """The customer's account as of the last sync, judged on ``today`` (the local date)."""
    row = db.execute("SELECT data FROM credit WHERE customer_id = ?", (customer_id,)).fetchone()
    terms_row = db.execute("SELECT payment_terms FROM customers WHERE id = ?",
                           (customer_id,)).fetchone()
    terms = terms_row["payment_terms"] if terms_row is not None else ""
    if row is None:
        return CreditView(customer_id, terms, Decimal(0), Decimal(0), None, 0, "review", None, ())
    data = json.loads(row["data"])
    items = tuple(rules.OpenItem(str(i["ref"]),
                                 dt.date.fromisoformat(i["due_date"]) if i.get("due_date")
                                 else None, Decimal(i["open_amount"]))
                  for i in data.get("items", []))
    position = rules.credit_position(items, today or dt.date.today())
    as_of = data.get("as_of")
    # The customer's terms as the replica has them now (an ERP import may have changed them
    # since the account was last written).
    return CreditView(customer_id, terms or data.get("payment_terms") or "", position.open_amount,
                      position.overdue_amount, position.oldest_overdue, position.overdue_days,
                      str(data.get("overdue_policy") or "review"),
                      dt.datetime.fromisoformat(as_of) if as_of else None, items)
