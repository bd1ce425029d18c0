"""Whole flows with the keyboard and the scanner alone, keys counted (issue 17): a rep's
five-line order (SKU, barcode, Chinese name, pinyin initials, one pack-size error fixed), a
clerk's partial shipment by scanner with a tracking number, an owner's reorder. Every key goes
to the focused widget; a mouse press anywhere fails the flow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.application import DinghuoApp
from desktop.views.clerk.workspace import ClerkWorkspace
from desktop.views.owner.workspace import OwnerWorkspace
from sync_engine import domain as d
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, OrderView, ProductView
from sync_engine.domain.search_keys import search_keys
from tests.desktop.conftest import Switchable
from tests.desktop.helpers import settle, workspace
from tests.desktop.keyboard import Keyboard, activate
from tests.desktop.roles_helpers import device, sign_in_app
from tests.support.server import Server

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier

# The issue's targets.
ORDER_KEYS = 45


@pytest.fixture
def keyboard(qtbot: Any) -> Iterator[Keyboard]:
    kb = Keyboard(qtbot)
    yield kb
    kb.close()


def _smallest(p: ProductView) -> int:
    return d.smallest_valid_quantity(p, 1)


def _in_stock(engine: Engine, customer: CustomerView, p: ProductView, units: int) -> bool:
    stock = engine.stock(p.id, customer.warehouse_id)
    return stock is not None and stock.available >= units


def _first_for(engine: Engine, query: str, p: ProductView) -> bool:
    """``query`` finds ``p`` first (what Enter picks from the drop-down)."""
    found = engine.search_products(query, limit=1)
    return bool(found) and found[0].id == p.id


def _han_prefix(p: ProductView, chars: int) -> str:
    return "".join(c for c in p.name_zh if "\u4e00" <= c <= "\u9fff")[:chars]


class _Products:
    """Products of the demo catalog for each way of finding one, chosen by rule, not by id."""

    def __init__(self, engine: Engine, customer: CustomerView) -> None:
        pool = [p for p in engine.search_products("", limit=1000) if p.active and p.sellable
                and p.barcode and _in_stock(engine, customer, p, 10 * max(p.case_qty, 1))]
        used: set[int] = set()

        def take(rule: Any) -> ProductView:
            p = next(p for p in pool if p.id not in used and rule(p))
            used.add(p.id)
            return p

        # By SKU, in cases (its smallest quantity is a whole case: the case unit is offered).
        self.by_sku = take(lambda p: p.case_qty > 1 and _smallest(p) % p.case_qty == 0)
        # By barcode (scanned), twice.
        self.scanned = take(lambda p: True)
        self.scanned_again = take(lambda p: True)
        # By its Chinese name: its first two characters find it first.
        self.by_name = take(lambda p: _first_for(engine, _han_prefix(p, 2), p))
        # By pinyin initials (of its first three characters), sold in packs in base units (so
        # a quantity can break the pack).
        self.by_initials = take(lambda p: p.pack_size > 1 and _smallest(p) % p.case_qty != 0
                                and _first_for(engine, self.initials(p), p))

    @staticmethod
    def initials(p: ProductView) -> str:
        return search_keys(_han_prefix(p, 3))[1]


def test_a_five_line_order_from_the_keyboard_and_scanner(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app = signed_in
    assert app.window is not None
    ws = workspace(app)
    page, entry = ws.order_entry, ws.order_entry.entry
    engine = app.engine
    customer = engine.find_customers("C0002")[0]
    products = _Products(engine, customer)
    activate(qtbot, app.window)
    kb = keyboard

    def line_added(n: int) -> bool:
        return (page.order is not None and len(page.order.lines) == n
                and entry.product is None and kb.focus() is entry.code)

    # The customer: Ctrl+3 goes to order entry, Ctrl+K to the customer, the code, Enter.
    kb.press(Key.Key_3, CTRL)
    assert ws.current_page() == "order"
    kb.press(Key.Key_K, CTRL)
    assert kb.focus() is page.customer_field
    kb.type("C0002")
    kb.press(Key.Key_Return)
    kb.wait(lambda: page.customer() == customer and kb.focus() is entry.code)

    # 1. The full SKU, Enter: an exact match needs no pick; the smallest quantity (a case) is
    #    offered, Enter adds the line.
    p1 = products.by_sku
    kb.type(p1.sku)
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.product == p1 and kb.focus() is entry.quantity)
    assert entry.unit.currentData() == p1.case_qty and entry.units() == _smallest(p1)
    kb.wait(lambda: "in stock" in entry.hints.text())  # price and stock before it is added
    kb.press(Key.Key_Return)
    kb.wait(lambda: line_added(1))

    # 2. A scan: the barcode and the scanner's Enter; Enter takes the quantity offered.
    p2 = products.scanned
    kb.scan(p2.barcode or "")
    kb.wait(lambda: entry.product == p2 and kb.focus() is entry.quantity)
    kb.press(Key.Key_Return)
    kb.wait(lambda: line_added(2))

    # 3. The Chinese name through the input method: the drop-down shows the matches with their
    #    full names; Enter picks the highlighted first one, Enter adds it.
    p3 = products.by_name
    name = _han_prefix(p3, 2)
    kb.ime(name, search_keys(name)[0].replace("'", "").replace(" ", ""))
    kb.wait(lambda: entry.finder.list_shown)
    shown = [entry.matches.index(r, 1).data() for r in range(entry.matches.rowCount())]
    assert shown[0] == p3.name_en and all(name in r.product.name_zh
                                          for r in entry.matches.rows)
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.product == p3)
    kb.press(Key.Key_Return)
    kb.wait(lambda: line_added(3))

    # 4. Pinyin initials; a quantity that breaks the pack size is explained under the field
    #    while it is typed and refused; Backspace and the right digit, Enter.
    p4 = products.by_initials
    kb.type(products.initials(p4))
    kb.wait(lambda: entry.finder.list_shown)
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.product == p4 and kb.focus() is entry.quantity)
    assert entry.unit.currentData() == 1
    wanted = _smallest(p4) + p4.pack_size  # the next valid quantity after the one offered
    kb.type(f"{wanted}1")  # one digit too many: not a whole number of packs
    rules = d.validate_line(0, d.LineInput(p4.id, wanted * 10 + 1), p4, None)
    assert [i.code for i in rules] == ["quantity_not_multiple_of_pack"]
    assert app.ctx.fmt.issue(rules[0]) in entry.quantity_box.error_text  # shown as it is typed
    assert not entry.add_button.isEnabled()
    kb.press(Key.Key_Backspace)
    assert entry.quantity.text() == str(wanted) and not entry.quantity_box.error_text
    kb.press(Key.Key_Return)
    kb.wait(lambda: line_added(4))

    # 5. Another scan, its quantity taken as offered.
    p5 = products.scanned_again
    kb.scan(p5.barcode or "")
    kb.wait(lambda: entry.product == p5 and kb.focus() is entry.quantity)
    kb.press(Key.Key_Return)
    kb.wait(lambda: line_added(5))

    # Ctrl+Enter submits; the next order is for the same customer, the cursor in the product
    # field.
    order_id = page.order.id  # type: ignore[union-attr]
    kb.press(Key.Key_Return, CTRL)
    kb.wait(lambda: engine.order(order_id).status == "submitted" and page.order is None)
    kb.wait(lambda: kb.focus() is entry.code)
    assert page.customer() == customer and ws.current_page() == "order"

    order = engine.order(order_id)
    assert order.customer_id == customer.id
    assert [ln.product_id for ln in order.lines] == [p.id for p in (p1, p2, p3, p4, p5)]
    assert [ln.quantity for ln in order.lines] == [
        _smallest(p1), _smallest(p2), _smallest(p3), wanted, _smallest(p5)]
    print(kb.report("five-line order"), kb.log)
    assert kb.mouse_presses == 0
    assert kb.keys <= ORDER_KEYS, (kb.keys, kb.log)


def _owner_order(owner: Engine, quantities: list[int]) -> OrderView:
    """A fresh order of the owner's shop, auto-confirmed, one line per quantity (products
    sold by the unit, with barcodes, in stock)."""
    identity = owner.identity
    assert identity is not None and identity.customer_id is not None
    customer = owner.customer(identity.customer_id)
    products = [p for p in owner.search_products("", limit=300)
                if p.active and p.sellable and p.barcode and p.min_qty == 1
                and p.pack_size == 1 and _in_stock(owner, customer, p, 50)]
    lines = {p.id: q for p, q in zip(products, quantities, strict=False)}
    draft = owner.create_draft(identity.customer_id, lines)
    owner.submit(draft.id)
    owner.sync_once()
    order = owner.order(draft.id)
    assert order.status == "confirmed", order.hold_reasons
    return order


def test_a_partial_shipment_by_scanner_with_a_tracking_number(
        qtbot: Any, app_factory: Any, server: Server, network: Switchable, tmp_path: Path,
        keyboard: Keyboard) -> None:
    server_url = server.url
    owner = device(tmp_path, server, "owner1")
    order = _owner_order(owner, [3, 2, 4])
    app = sign_in_app(qtbot, app_factory, server_url, network, "clerk1")
    assert app.window is not None and isinstance(app.window.workspace, ClerkWorkspace)
    ws = app.window.workspace
    queue, page = ws.queue, ws.ship_page
    qtbot.waitUntil(lambda: any(i.order.id == order.id for i in queue.model.rows),
                    timeout=10000)
    barcodes = {p.id: p.barcode for p in (owner.product(ln.product_id) for ln in order.lines)}
    a, b, c = (barcodes[ln.product_id] or "" for ln in order.lines)
    activate(qtbot, app.window)
    kb = keyboard

    # The queue; the order's number (from the pick list), Enter: the one order found ships.
    kb.press(Key.Key_1, CTRL)
    assert ws.current_page() == "queue" and kb.focus() is queue.table
    kb.press(Key.Key_F, CTRL)
    assert kb.focus() is queue.search
    kb.type(order.number or "")
    kb.press(Key.Key_Return)
    kb.wait(lambda: page.order is not None and page.order.id == order.id
            and ws.current_page() == "ship" and kb.focus() is page.scan)

    # Scans: two of the first line's three units, both of the second, two of the third's four.
    for code in (a, a, b, b, c, c):
        kb.scan(code)
    assert [r.count for r in page.model.rows] == [2, 2, 2]
    assert [r.backorder for r in page.model.rows] == [1, 0, 2]
    assert "stay backordered" in page.summary.text()
    assert kb.focus() is page.scan  # ready for the next scan all along

    # Enter on the empty scan field: the tracking number; Enter there confirms.
    kb.press(Key.Key_Return)
    assert kb.focus() is page.tracking
    kb.type("SF1234567890")
    kb.press(Key.Key_Return)
    kb.wait(lambda: ws.current_page() == "queue")
    settle(qtbot, app)
    shipments = app.engine.shipments(order.id)
    assert len(shipments) == 1
    assert shipments[0].tracking_number == "SF1234567890"
    assert sorted(shipments[0].lines) == sorted(
        (ln.product_id, n) for ln, n in zip(order.lines, (2, 2, 2), strict=True))
    local = app.engine.order(order.id)
    assert [ln.remaining for ln in local.lines] == [1, 0, 2]
    item = next(i for i in queue.model.rows if i.order.id == order.id)
    assert item.remaining_units == 3  # backordered, still in the queue
    print(kb.report("three-line shipment"), kb.log)
    assert kb.mouse_presses == 0
    owner.close()


def test_an_owner_reorders_from_the_keyboard(
        qtbot: Any, app_factory: Any, server_url: str, network: Switchable,
        keyboard: Keyboard) -> None:
    app = sign_in_app(qtbot, app_factory, server_url, network, "owner1")
    assert app.window is not None and isinstance(app.window.workspace, OwnerWorkspace)
    ws = app.window.workspace
    engine = app.engine
    past = engine.order(next(o.id for o in engine.orders(limit=100)
                             if o.status == "closed" and o.number))
    before = {o.id for o in engine.orders(limit=1000)}
    activate(qtbot, app.window)
    kb = keyboard

    # My orders; find the past order by its number; Down into the list shows it.
    kb.press(Key.Key_4, CTRL)
    assert ws.current_page() == "orders" and kb.focus() is ws.orders.table
    kb.press(Key.Key_F, CTRL)
    kb.type(past.number or "")
    kb.press(Key.Key_Return)
    kb.wait(lambda: ws.orders.model.rowCount() == 1)
    kb.press(Key.Key_Down)
    kb.wait(lambda: ws.orders.detail.order is not None and ws.orders.detail.order.id == past.id
            and ws.orders.detail.isVisible())

    # Ctrl+R: order again, with the differences shown; Ctrl+Enter submits.
    kb.press(Key.Key_R, CTRL)
    kb.wait(lambda: ws.current_page() == "reorder" and ws.reorder_page.draft is not None)
    draft_id = ws.reorder_page.draft.id  # type: ignore[union-attr]
    assert draft_id not in before
    kb.press(Key.Key_Return, CTRL)
    kb.wait(lambda: engine.order(draft_id).status in ("submitted", "confirmed"))
    submitted = engine.order(draft_id)
    assert {ln.product_id for ln in submitted.lines} <= {ln.product_id for ln in past.lines}
    assert submitted.lines
    print(kb.report("reorder"), kb.log)
    assert kb.mouse_presses == 0
