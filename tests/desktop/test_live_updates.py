"""Sync that just happens: a change made elsewhere reaches the open app within seconds, without
"Sync now" and long before the next interval sync."""

from __future__ import annotations

from typing import Any

from desktop.application import DinghuoApp
from tests.support.api import Api
from tests.support.server import Server


def test_change_elsewhere_arrives_without_asking(qtbot: Any, signed_in: DinghuoApp,
                                                 server: Server) -> None:
    app = signed_in
    assert app.sync is not None
    app.sync.set_interval(3600)  # the interval sync will not be what brings it
    confirmed = [o for o in app.engine.orders(status="confirmed") if o.number]
    assert confirmed, "the demo has confirmed orders for rep1's customers"
    order = confirmed[0]
    with Api(server, "admin") as office:
        r = office.push_one("order.cancel", {"order_id": order.id,
                                             "reason": "customer phoned the office"})
    assert r["status"] == "applied"
    qtbot.waitUntil(lambda: app.engine.order(order.id).status == "cancelled", timeout=15000)
    assert app.window is not None
    qtbot.waitUntil(lambda: any(order.number in text for _t, text in app.window.notifier.shown),
                    timeout=5000)
