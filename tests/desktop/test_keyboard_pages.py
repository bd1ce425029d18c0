"""The keyboard on each page (issue 17): where the cursor lands, Tab out of tables and Notes,
Enter on rows, the customer carried from page to page, the product field's choices, the line's
price, price break and stock shortage before it is added, and Help → Keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.application import DinghuoApp
from desktop.i18n import install_language
from desktop.views.shared.entry_bar import stock_issues
from sync_engine import domain as d
from tests.desktop.helpers import settle, workspace
from tests.desktop.keyboard import Keyboard, activate

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def keyboard(qtbot: Any) -> Iterator[Keyboard]:
    kb = Keyboard(qtbot)
    yield kb
    kb.close()


def test_each_page_puts_the_cursor_in_its_main_field_wherever_it_was(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app, kb = signed_in, keyboard
    assert app.window is not None
    ws = workspace(app)
    activate(qtbot, app.window)
    settle(qtbot, app)
    assert kb.focus() is ws.customers.search  # the first page, as the window opens

    # Notes passes Tab on instead of taking a tab character.
    kb.press(Key.Key_3, CTRL)
    notes = ws.order_entry.notes
    notes.setFocus()
    kb.type("ok")
    kb.press(Key.Key_Tab)
    assert notes.toPlainText() == "ok" and kb.focus() is not notes

    # Ctrl+1…5 from Notes, and from each other: always the page's main field.
    expected = {
        Key.Key_1: lambda: ws.customers.search,
        Key.Key_2: lambda: ws.catalog.search,
        Key.Key_3: lambda: ws.order_entry.entry.code,
        Key.Key_4: lambda: ws.orders.table,
        Key.Key_5: lambda: ws.conflicts.table,
    }
    for key in (Key.Key_4, Key.Key_3, Key.Key_1, Key.Key_5, Key.Key_2, Key.Key_3):
        notes.setFocus() if ws.current_page() == "order" else None
        kb.press(key, CTRL)
        assert kb.focus() is expected[key](), (key, kb.focus())

    # Tab leaves a table for the next field instead of walking its cells.
    kb.press(Key.Key_4, CTRL)
    settle(qtbot, app)
    table = ws.orders.table
    kb.press(Key.Key_Down)
    row = table.currentIndex().row()
    kb.press(Key.Key_Tab)
    assert kb.focus() is not table and table.currentIndex().row() == row
    assert kb.mouse_presses == 0


def test_enter_on_a_customer_starts_their_order_and_every_page_follows(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app, kb = signed_in, keyboard
    assert app.window is not None
    ws = workspace(app)
    activate(qtbot, app.window)
    kb.press(Key.Key_1, CTRL)
    kb.type("C0003")
    kb.wait(lambda: ws.customers.model.rowCount() == 1)
    kb.press(Key.Key_Down)
    assert kb.focus() is ws.customers.table
    kb.press(Key.Key_Return)
    page = ws.order_entry
    kb.wait(lambda: ws.current_page() == "order" and page.customer() is not None
            and page.customer().code == "C0003"  # type: ignore[union-attr]
            and kb.focus() is page.entry.code)
    assert not page.issues.text()  # no "Choose the customer first." with one chosen
    # The catalog shows the same customer's prices.
    kb.press(Key.Key_2, CTRL)
    combo = ws.catalog.customer_combo
    kb.wait(lambda: combo.currentText().startswith("C0003"))

    # Ctrl+Enter before the first line says why nothing happens.
    kb.press(Key.Key_3, CTRL)
    with qtbot.waitSignal(app.ctx.message, timeout=2000) as said:
        kb.press(Key.Key_Return, CTRL)
    assert "nothing to save or submit yet" in said.args[0]

    # A line typed for them; after Ctrl+Enter the next order is for them again.
    product = next(p for p in app.engine.search_products("", limit=50)
                   if p.active and p.sellable)
    kb.type(product.sku)
    kb.press(Key.Key_Return)
    kb.wait(lambda: page.entry.product == product)
    kb.press(Key.Key_Return)
    kb.wait(lambda: page.order is not None and len(page.order.lines) == 1)
    kb.press(Key.Key_Return, CTRL)
    kb.wait(lambda: page.order is None and kb.focus() is page.entry.code)
    assert page.customer() is not None and page.customer().code == "C0003"  # type: ignore[union-attr]
    assert kb.mouse_presses == 0


def test_the_product_field_shows_the_matches_instead_of_guessing(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app, kb = signed_in, keyboard
    assert app.window is not None
    ws = workspace(app)
    entry = ws.order_entry.entry
    activate(qtbot, app.window)
    kb.press(Key.Key_3, CTRL)
    assert kb.focus() is entry.code
    found = app.engine.search_products("kl", limit=12)
    assert len(found) > 2
    # Enter at once, before the matches are in: several and none exact, so no pick.
    kb.type("kl")
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.finder.list_shown)
    assert entry.product is None
    assert "products match" in entry.code_box.message.text()
    assert [r.product.id for r in entry.matches.rows] == [p.id for p in found]
    rows = entry.matches.rows
    assert all(r.stock is not None and r.quote is not None for r in rows)  # stock, price
    # Down, Enter: the second one; Escape closes the list without a pick.
    kb.press(Key.Key_Down)
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.product == found[1] and kb.focus() is entry.quantity)
    # Enter in the unit adds the line as Enter in the quantity does.
    kb.press(Key.Key_Tab)
    if kb.focus() is entry.unit:
        kb.press(Key.Key_Return)
    else:
        kb.press(Key.Key_Return)  # no unit to choose (sold by the unit only)
    kb.wait(lambda: ws.order_entry.order is not None
            and [ln.product_id for ln in ws.order_entry.order.lines] == [found[1].id])

    # Nothing matching says so at the field; the catalog gets the typed text (Catalog…).
    kb.type("zzzq")
    kb.press(Key.Key_Return)
    kb.wait(lambda: "Nothing matches" in entry.code_box.error_text)
    kb.press(Key.Key_Backspace, times=4)
    kb.type("kl")
    entry.browse_button.setFocus()
    kb.press(Key.Key_Return)  # Enter presses the focused button
    kb.wait(lambda: ws.current_page() == "catalog" and ws.catalog.search.text() == "kl"
            and ws.catalog.model.rowCount() > 0 and not ws.catalog.model.loading)
    kb.press(Key.Key_Down)
    assert kb.focus() is ws.catalog.table
    chosen = ws.catalog.model.rows[ws.catalog.table.currentIndex().row()].product
    kb.press(Key.Key_Return)  # Enter on a product: to the order, ready for its quantity
    kb.wait(lambda: ws.current_page() == "order" and entry.product == chosen
            and kb.focus() is entry.quantity)
    assert kb.mouse_presses == 0


def test_price_break_and_stock_shortage_show_before_the_line_is_added(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app, kb = signed_in, keyboard
    assert app.window is not None
    ws = workspace(app)
    page, entry = ws.order_entry, ws.order_entry.entry
    engine = app.engine
    customer = engine.find_customers("C0001")[0]
    products = [p for p in engine.search_products("", limit=300) if p.active and p.sellable]
    broken = next(p for p in products if len(engine.price_breaks(customer.id, p.id)) > 1)
    activate(qtbot, app.window)
    kb.press(Key.Key_3, CTRL)
    kb.press(Key.Key_K, CTRL)
    kb.type("C0001")
    kb.press(Key.Key_Return)
    kb.wait(lambda: page.customer() == customer and kb.focus() is entry.code)
    before = {o.id for o in engine.orders(limit=1000)}

    # Below a break: the price now, and from how many units it drops.
    (first, _price), (at, lower) = engine.price_breaks(customer.id, broken.id)[:2]
    kb.type(broken.sku)
    kb.press(Key.Key_Return)
    kb.wait(lambda: entry.product == broken and kb.focus() is entry.quantity)
    if entry.unit.currentIndex() != 0:
        kb.press(Key.Key_Tab)
        kb.press(Key.Key_Up)  # back to single units
        kb.press(Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    units = d.smallest_valid_quantity(broken, max(first, 1))
    assert units < at
    entry.quantity.selectAll()
    kb.type(str(units))
    fmt = app.ctx.fmt
    kb.wait(lambda: f"from {fmt.count(at, broken.unit)}: {fmt.unit_price(lower)} each"
            in entry.hints.text())

    # More than the stock: the rules' warning under the quantity, before anything is saved.
    stock = engine.stock(broken.id, customer.warehouse_id)
    assert stock is not None
    too_many = d.smallest_valid_quantity(broken, stock.available + 1)
    kb.press(Key.Key_Backspace, times=len(str(units)))
    kb.type(str(too_many))
    warning = fmt.issue(stock_issues(broken, too_many, stock)[0])
    kb.wait(lambda: entry.quantity_box.message.text() == warning)
    assert entry.add_button.isEnabled()  # a warning, not an error: it may still be ordered
    assert {o.id for o in engine.orders(limit=1000)} == before  # nothing saved yet
    assert kb.mouse_presses == 0


def test_help_lists_the_shortcuts_in_both_languages(
        qtbot: Any, signed_in: DinghuoApp, keyboard: Keyboard) -> None:
    app, kb = signed_in, keyboard
    window = app.window
    assert window is not None
    activate(qtbot, window)
    kb.press(Key.Key_F1)
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    text = dialog.findChild(type(window.status.online), "shortcuts").text()
    assert "Ctrl+K" in text and "The customer: type a code, a name or pinyin" in text
    assert "Enter on the empty scan field" in text
    dialog.close()
    try:
        app.switch_language("zh_CN")
        window = app.window
        assert window is not None
        activate(qtbot, window)
        kb.press(Key.Key_F1)
        dialog = window.shortcuts_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        text = dialog.findChild(type(window.status.online), "shortcuts").text()
        assert "客户：输入编码、名称或拼音后回车" in text and "Ctrl+K" in text
        assert dialog.windowTitle() == "键盘快捷键"
        dialog.close()
    finally:
        settle(qtbot, app)
        install_language("en")
