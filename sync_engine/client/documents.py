"""Tables of documents the server keeps and this device copies: ``shipments`` and ``returns``.

A document belongs to an order, a customer (the scope it is synced in) and a warehouse; its
row holds it whole (``data``) with its ``version``. One made on this device (a shipment
confirmed, a return asked for) is kept at version 0 until the server answers: it stays through
purges and resyncs, and goes only if the user takes the server's side of its conflict. From
then on the row is the server's, from the push answer or the feed, whichever is newer.

Each table is declared once, as a :class:`ServerDocuments`, in the module that owns it
(:mod:`.shipments`, :mod:`.returns`); every write to it goes through that object
(``tests/client/test_table_owners.py`` counts the declaration as the owner's writes).
"""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from .bulk_insert import insert_rows
from .store import compact_json

__all__ = ["ServerDocuments"]


class ServerDocuments:
    """The writes to one table of server documents (see the module docstring).

    ``table``: its name; ``required``: the columns besides ``id``, ``order_id``,
    ``customer_id`` and ``warehouse_id`` that are copied from every document (``status``).
    """

    def __init__(self, table: str, required: tuple[str, ...] = ()) -> None:
        self.table = table
        # What every document has, read in one call (the hot path of a pull: a row each).
        self._given = operator.itemgetter("id", "order_id", *required)
        columns = ("order_id", *required, "customer_id", "warehouse_id", "data", "version")
        self._insert = f"INSERT INTO {table} (id, {', '.join(columns)}) VALUES"
        # Keep the newer state: a replayed or reordered older change never overwrites a newer
        # one.
        self._newer = (f"ON CONFLICT (id) DO UPDATE SET "
                       f"{', '.join(f'{c} = excluded.{c}' for c in columns)}"
                       f" WHERE excluded.version >= {table}.version")

    def _row(self, document: Mapping[str, Any], version: int) -> tuple[Any, ...]:
        return (*self._given(document), document.get("customer_id"),
                document.get("warehouse_id"), compact_json(document), version)

    def record_unsent(self, db: sqlite3.Connection, document: Mapping[str, Any]) -> None:
        """A document made here (version 0: the server has not answered yet)."""
        insert_rows(db, self._insert, [self._row(document, 0)])

    def store_server_states(self, db: sqlite3.Connection,
                            states: Iterable[tuple[Mapping[str, Any], int]]) -> None:
        """Documents as the server has them (data, version), from the feed or a push answer."""
        insert_rows(db, self._insert, (self._row(x, version) for x, version in states),
                    self._newer)

    def delete(self, db: sqlite3.Connection, ids: Iterable[str]) -> None:
        """The server deleted these documents."""
        db.executemany(f"DELETE FROM {self.table} WHERE id = ?", [(i,) for i in ids])

    def drop_unsent(self, db: sqlite3.Connection, document_id: str) -> None:
        """Forget a document made here that the server refused (the user took its side)."""
        db.execute(f"DELETE FROM {self.table} WHERE id = ? AND version = 0", (document_id,))

    def drop_unsent_of_order(self, db: sqlite3.Connection, order_id: str) -> None:
        """Forget the unsent documents of an order the server never had."""
        db.execute(f"DELETE FROM {self.table} WHERE order_id = ? AND version = 0", (order_id,))

    def purge_customer(self, db: sqlite3.Connection, customer_id: int) -> None:
        """The customer left this user's scope: its documents go, except unsent ones."""
        db.execute(f"DELETE FROM {self.table} WHERE customer_id = ? AND version > 0",
                   (customer_id,))

    def clear_synced(self, db: sqlite3.Connection) -> None:
        """Before a resync's full state is swapped in: every document but this device's
        unsent ones."""
        db.execute(f"DELETE FROM {self.table} WHERE version > 0")
