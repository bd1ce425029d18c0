"""Which code applies each kind of mutation: the one map, built here.

A push is applied by :func:`.apply.apply_push`. ``order.submit`` goes a run at a time (the
consecutive submits of a push, decided together: :mod:`.submit`); every other kind goes one
mutation at a time, each through its handler in its own transaction. A kind in neither map is
answered ``unknown_kind``.
"""

from __future__ import annotations

from sync_engine.server.commands import orders, returns, shipping
from sync_engine.server.commands.context import Handler, RunHandler
from sync_engine.server.commands.submit import submit_orders

RUN_HANDLERS: dict[str, RunHandler] = {
    "order.submit": submit_orders,
}

HANDLERS: dict[str, Handler] = {
    "order.update": orders.update_order,
    "order.cancel": orders.cancel_order,
    "order.confirm": orders.confirm_order,
    "order.reject": orders.reject_order,
    "order.receive": orders.receive_order,
    "shipment.confirm": shipping.confirm_shipment,
    "favourite.set": shipping.set_favourite,
    "customer.assign": shipping.assign_customer,
    "return.request": returns.request_return,
    "return.decide": returns.decide_return,
    "return.receive": returns.receive_return,
}
