"""Order numbers (``DH00000027``) after the server went back in time.

A restored backup or a promoted standby that had not caught up has handed out fewer order
numbers than the server had: left alone, it would give a new order a number that a device
already holds for another one. When a device shows that the server went back (see
:mod:`sync_engine.server.feed.pull`), it names the highest order number it holds, and the
counter moves past it (:func:`skip_numbers_past`) before anything new is numbered: the orders
it sends again, and everyone's new ones, get numbers no device has seen.

PostgreSQL numbers orders from the sequence ``order_number_seq``; SQLite takes the highest
number in use plus one, and no less than the floor kept in ``server_meta``
(:data:`NUMBER_FLOOR`).
"""

from __future__ import annotations

import logging

from sqlalchemy import text

from sync_engine.server.storage.sql import Executor, is_postgres

__all__ = ["NUMBER_FLOOR", "skip_numbers_past"]

log = logging.getLogger(__name__)

NUMBER_FLOOR = "order_number_floor"  # (SQLite) no order number at or below this one


def skip_numbers_past(session: Executor, number: int) -> None:
    """From now on, hand out no order number at or below ``number`` (never moves back).
    Commits its own transaction: call it outside another."""
    if number <= 0:
        return
    if is_postgres(session):
        # Only forward: a sequence already past ``number`` is left alone. (setval is not
        # undone by a rollback, and takes effect for every session at once.)
        moved = session.scalar(text(
            "SELECT setval('order_number_seq', GREATEST(:n, last_value)) FROM order_number_seq"
            " WHERE last_value < :n OR NOT is_called"), {"n": number})
    else:
        result = session.execute(text(
            "INSERT INTO server_meta (key, value) VALUES (:key, :n) ON CONFLICT (key)"
            " DO UPDATE SET value = excluded.value WHERE CAST(value AS INTEGER) < :n"),
            {"key": NUMBER_FLOOR, "n": number})
        moved = getattr(result, "rowcount", 0)
    session.commit()
    if moved:
        log.warning("the server went back in time: order numbers go on after %d", number)
