"""A shipment to print, made up in memory (no server): products, a customer, an order and the
shipment of ``n`` of its lines."""

from __future__ import annotations

from decimal import Decimal

from sync_engine import domain as d
from sync_engine.client.values import (
    CustomerView,
    OrderLineView,
    OrderView,
    ProductView,
    ShipmentView,
)

CUSTOMER = CustomerView(7, "CUST-007", "鸿运便利店", "Hongyun Convenience Store",
                        "上海市浦东新区张杨路1188号", "021-5888 1234", None, 1, None, "月结30天",
                        True)


def products(n: int) -> dict[int, ProductView]:
    return {i: ProductView(i, f"SKU-{i:04d}", f"矿泉水 {i} 号", f"Mineral water no. {i}", "瓶",
                           "箱", 24, 1, 1, Decimal("0.13"), Decimal("2.50"))
            for i in range(1, n + 1)}


def order_and_shipment(n: int) -> tuple[OrderView, ShipmentView]:
    lines = []
    for i in range(1, n + 1):
        qty, price = 24 * i + 3, Decimal("2.50") + Decimal(i) / 100
        net, tax, gross = d.line_amounts(qty, price, Decimal("0.13"))
        lines.append(OrderLineView(i, i, qty, price, Decimal("0.13"), qty, net, tax, gross))
    order = OrderView("o-1", "DH00001234", "L-1", CUSTOMER.id, CUSTOMER.name, 1, "shipped",
                      "synced", "shipped", "", None, "2026-11-02T02:00:00Z",
                      "2026-11-03T02:00:00Z", Decimal(0), Decimal(0), Decimal(0), (), 3,
                      tuple(lines))
    shipment = ShipmentView("a1b2c3d4-0000-4000-8000-000000000001", order.id,
                            tuple((ln.product_id, ln.quantity) for ln in lines), "顺丰", "SF1",
                            "2026-11-03T02:00:00Z", False)
    return order, shipment
