"""The ``shipments`` table: what left a warehouse for an order. Every write to it is here.

A shipment confirmed on this device (:func:`.ordering.confirm_shipment`) is kept at version 0
until the server answers: it stays in view through purges and resyncs, and goes only if the user
takes the server's side of its conflict. From then on the row is the server's, from the push
answer or the feed, whichever is newer (:class:`.documents.ServerDocuments`).
"""

from __future__ import annotations

from .documents import ServerDocuments

__all__ = ["TABLE"]

TABLE = ServerDocuments("shipments")
"""Every write to the ``shipments`` table."""
