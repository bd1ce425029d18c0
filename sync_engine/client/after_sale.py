"""After the sale, offline: returns (退货) and customers' accounts (账期) — mixed into the
engine like :mod:`.online`. Each method is one named operation in one SQLite transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from . import credit, returning, returns
from .store import Store
from .values import CreditView, Identity, ReturnView

__all__ = ["AfterSaleOperations"]


class AfterSaleOperations:
    """Returns and credit terms (mixed into the engine, whose constructor sets ``store``)."""

    store: Store

    def _who(self) -> Identity:  # pragma: no cover - defined by Engine
        raise NotImplementedError

    # ------------------------------------------------------------------ returns

    def request_return(self, order_id: str, quantities: Mapping[int, int], reason: str,
                       note: str = "") -> ReturnView:
        """Rep or store owner: ask goods of a shipped order back (product id → units), with a
        reason (damaged, expired, wrong_goods, unsold); queued for the server."""
        who = self._who()
        with self.store.write() as db:
            return_id = returning.request_return(db, who, order_id, quantities, reason, note)
            return returning.return_view(db, return_id)

    def decide_return(self, return_id: str, approve: bool, reason: str = "") -> ReturnView:
        """Back office: approve a requested return, or refuse it saying why."""
        who = self._who()
        with self.store.write() as db:
            returning.decide_return(db, who, return_id, approve, reason)
            return returning.return_view(db, return_id)

    def receive_return(self, return_id: str,
                       received: Mapping[int, tuple[int, int]]) -> ReturnView:
        """Warehouse: returned goods came in, product id → (good units, damaged units)."""
        who = self._who()
        with self.store.write() as db:
            returning.receive_return(db, who, return_id, received)
            return returning.return_view(db, return_id)

    def return_view(self, return_id: str) -> ReturnView:
        with self.store.read() as db:
            return returning.return_view(db, return_id)

    def returns(self, *, status: str | None = None, customer_id: int | None = None,
                order_id: str | None = None) -> list[ReturnView]:
        """Returns this device knows, newest first (unsent first of all)."""
        with self.store.read() as db:
            return returning.return_views(db, status=status, customer_id=customer_id,
                                          order_id=order_id)

    def damaged_units(self, warehouse_id: int | None = None) -> dict[int, int]:
        """Returned units received damaged (not sellable) per product, in ``warehouse_id`` (or
        every warehouse), as of the last sync."""
        with self.store.read() as db:
            return returns.damaged_units(db, warehouse_id)

    def returnable(self, order_id: str) -> dict[int, int]:
        """What may still be asked back from the order (product id → units)."""
        with self.store.read() as db:
            return returning.returnable(db, order_id)

    # ------------------------------------------------------------------ credit terms

    def credit(self, customer_id: int, today: dt.date | None = None) -> CreditView:
        """The customer's open and overdue receivables as of the last sync."""
        with self.store.read() as db:
            return credit.view(db, customer_id, today)
