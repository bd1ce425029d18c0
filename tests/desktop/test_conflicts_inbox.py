"""A price_changed conflict, seen in the inbox with both sides and resolved from it."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from desktop.application import DinghuoApp
from sync_engine import domain as d
from tests.desktop.helpers import settle, workspace


def _raise_price(db_url: str, customer_code: str, sku: str, price: Decimal) -> None:
    """The ERP changes the customer's price on the server (tests may use the server)."""
    from sync_engine.server.ops.importer import import_csv
    from sync_engine.server.storage import engine as db

    engine = db.make_engine(db_url)
    try:
        with db.make_session_factory(engine)() as session:
            report = import_csv(session, "prices", io.StringIO(
                f"customer,sku,min_qty,unit_price\n{customer_code},{sku},1,{price}\n"))
            assert not report.errors, report.errors
    finally:
        engine.dispose()


def test_price_changed_conflict_resolved_from_the_inbox(
        qtbot: Any, signed_in: DinghuoApp, server_db: str) -> None:
    app = signed_in
    assert app.sync is not None
    engine = app.engine
    customer = next(c for c in engine.customers() if c.code == "C0002")
    product = next(p for p in engine.search_products("BEV", limit=50) if p.sellable)
    units = d.smallest_valid_quantity(
        d.Product(id=product.id, sku=product.sku, name_zh=product.name_zh,
                  name_en=product.name_en, unit=product.unit, case_unit=product.case_unit,
                  case_qty=product.case_qty, pack_size=product.pack_size,
                  min_qty=product.min_qty, tax_rate=product.tax_rate,
                  base_price=product.base_price), product.case_qty)
    draft = engine.create_draft(customer.id, {product.id: units})
    quoted = draft.lines[0].unit_price
    new_price = (quoted * Decimal("1.10")).quantize(Decimal("0.01"))
    _raise_price(server_db, customer.code, product.sku, new_price)
    engine.submit(draft.id)

    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    page = workspace(app).conflicts
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.conflict is not None,
                    timeout=10000)
    settle(qtbot, app)
    # Both sides and the reason, in words.
    assert "Prices changed" in page.reason.text()
    assert app.ctx.fmt.unit_price(new_price) in page.reason.text()  # type: ignore[union-attr]
    assert page.mine_model.rowCount() == 1 and page.server_model.rowCount() == 1
    assert page.keep_button.isEnabled()
    assert "new prices" in page.keep_button.text()
    assert app.window is not None and app.window.status.conflicts.isVisible()

    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        page.keep_button.click()  # keep mine at the new prices; the sync follows by itself
    qtbot.waitUntil(lambda: engine.order(draft.id).number is not None, timeout=15000)
    order = engine.order(draft.id)
    assert order.lines[0].unit_price == new_price
    assert engine.conflicts() == []
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    qtbot.waitUntil(lambda: not app.window.status.conflicts.isVisible(), timeout=5000)  # type: ignore[union-attr]


def test_take_the_servers_version_drops_a_never_accepted_order(
        qtbot: Any, signed_in: DinghuoApp, server_db: str) -> None:
    app = signed_in
    assert app.sync is not None
    engine = app.engine
    customer = next(c for c in engine.customers() if c.code == "C0003")
    product = next(p for p in engine.search_products("DAI", limit=50) if p.sellable)
    units = max(product.min_qty, product.pack_size) * 2
    units -= units % product.pack_size
    draft = engine.create_draft(customer.id, {product.id: units})
    _raise_price(server_db, customer.code, product.sku,
                 draft.lines[0].unit_price + Decimal("1.00"))
    engine.submit(draft.id)
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    page = workspace(app).conflicts
    qtbot.waitUntil(lambda: page.conflict is not None, timeout=10000)
    settle(qtbot, app)
    page.take_button.click()
    qtbot.waitUntil(lambda: engine.conflicts() == [], timeout=10000)
    assert draft.id not in {o.id for o in engine.orders(limit=1000)}


def test_a_return_beaten_to_its_units_is_reduced_from_the_inbox(
        qtbot: Any, signed_in: DinghuoApp, server: Any, tmp_path: Any) -> None:
    from tests.desktop.roles_helpers import device

    app = signed_in
    assert app.sync is not None
    engine = app.engine
    shipped = [o for o in engine.orders(limit=200) if o.status in ("shipped", "closed")]
    order, pid, units = next((o, p, q) for o in shipped
                             for p, q in engine.returnable(o.id).items() if q >= 2)
    other = device(tmp_path, server, "rep1")  # the rep's other laptop is faster
    try:
        other.request_return(order.id, {pid: units - 1}, "unsold")
        assert other.sync_once().applied == 1
    finally:
        other.close()
    mine = engine.request_return(order.id, {pid: units}, "damaged")
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    workspace(app).show_page("conflicts")
    page = workspace(app).conflicts
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.conflict is not None,
                    timeout=10000)
    settle(qtbot, app)
    assert page.reduce_button.isVisible() and page.reduce_button.isEnabled()
    assert not page.keep_button.isEnabled()
    assert page.take_button.text() == "Discard mine"
    assert "Still returnable" in page.server_title.text()
    assert [int(r["quantity"]) for r in page.server_model.rows] == [1]
    page.reduce_button.click()
    settle(qtbot, app)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10000)
    with qtbot.waitSignal(app.sync.synced, timeout=15000):
        app.sync.sync_now()
    qtbot.waitUntil(lambda: engine.return_view(mine.id).sync_state == "synced", timeout=10000)
    sent = engine.return_view(mine.id)
    assert sent.number and [(ln.product_id, ln.quantity) for ln in sent.lines] == [(pid, 1)]
