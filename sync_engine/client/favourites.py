"""The ``favourites`` table: the products a user marked. Every write to it is here.

A mark set on this device is written at once and queued as ``favourite.set``; the feed brings
the server's marks (of every device of the user); a mark the server refused is taken back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from sync_engine.domain import Issue
from sync_engine.protocol import SetFavouriteArgs

from . import catalog, outbox
from .bulk_insert import insert_rows
from .errors import ValidationFailed
from .values import Identity

__all__ = ["add", "clear", "drop_refused", "remove", "set_favourite"]


def set_favourite(db: sqlite3.Connection, identity: Identity, product_id: int,
                  favourite: bool) -> str:
    """Mark or unmark a product as a favourite; queues ``favourite.set``."""
    if catalog.product(db, product_id) is None:
        raise ValidationFailed([Issue("product_id", "product_unknown",
                                      {"product_id": product_id})])
    if favourite:
        add(db, [(identity.user_id, product_id)])
    else:
        remove(db, [(identity.user_id, product_id)])
    return outbox.enqueue(db, "favourite.set", SetFavouriteArgs.model_construct(
        product_id=product_id, favourite=favourite))


def add(db: sqlite3.Connection, marks: Iterable[tuple[int, int]]) -> None:
    """Mark these (user id, product id) pairs (those marked already stay as they are)."""
    insert_rows(db, "INSERT OR IGNORE INTO favourites (user_id, product_id) VALUES", marks)


def remove(db: sqlite3.Connection, marks: Iterable[tuple[int, int]]) -> None:
    """Unmark these (user id, product id) pairs."""
    db.executemany("DELETE FROM favourites WHERE user_id = ? AND product_id = ?", marks)


def clear(db: sqlite3.Connection) -> None:
    """Before a resync's full state is swapped in: no marks."""
    db.execute("DELETE FROM favourites")


def drop_refused(db: sqlite3.Connection, args: dict[str, Any]) -> None:
    """The server refused a favourite (its product is gone there), so it holds none: the local
    mark goes too, unless a later change of the same favourite is still waiting to be sent."""
    product_id = int(args.get("product_id", 0))
    if not args.get("favourite") or outbox.is_waiting(
            db, outbox.entity_key("favourite.set", {"product_id": product_id})):
        return
    db.execute("DELETE FROM favourites WHERE product_id = ?", (product_id,))
