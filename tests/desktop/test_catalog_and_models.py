"""The catalog's lazy model (paging, search as you type) and the table models."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex

from desktop.application import DinghuoApp
from desktop.i18n import Formatter
from desktop.models import products as product_models
from desktop.models.tables import CustomerListModel, OrderListModel
from tests.desktop.helpers import settle, workspace


def test_catalog_search_pages_lazily(qtbot: Any, qtmodeltester: Any, signed_in: DinghuoApp,
                                     monkeypatch: Any) -> None:
    monkeypatch.setattr(product_models, "PAGE", 20)
    page = workspace(signed_in).catalog
    model = page.model
    page.search.setText("BEV")
    page.search.search.emit("BEV")
    # The first page, then the view asks for more only while it has room to show them.
    qtbot.waitUntil(lambda: model.rowCount() >= 20 and not model.loading, timeout=5000)
    loaded = model.rowCount()
    assert loaded % 20 == 0 and loaded < 300
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == loaded + 20 and not model.loading,
                    timeout=5000)
    qtmodeltester.check(model)
    settle(qtbot, signed_in)


def test_typing_searches_after_a_pause_by_pinyin_initials(qtbot: Any,
                                                          signed_in: DinghuoApp) -> None:
    page = workspace(signed_in).catalog
    qtbot.keyClicks(page.search, "kl")  # 可乐 by its initials
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.loading,
                    timeout=5000)
    assert any("可乐" in r.product.name_zh for r in page.model.rows)
    qtbot.waitUntil(lambda: page.name.text() != "Choose a product.", timeout=5000)
    settle(qtbot, signed_in)
    assert "available" in page.stock.text() and "as of" in page.stock.text()
    assert page.breaks_model.rowCount() > 0  # the customer's price by quantity


def test_table_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any,
                                            signed_in: DinghuoApp) -> None:
    customers = CustomerListModel()
    customers.set_rows(signed_in.engine.customers())
    qtmodeltester.check(customers)
    orders = OrderListModel()
    orders.set_rows(signed_in.engine.orders(limit=50))
    assert orders.rowCount() > 0  # the demo brings an order history
    qtmodeltester.check(orders)


def test_money_is_formatted_from_decimals_per_locale() -> None:
    en = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert en.money(Decimal("1234567.885")) == "¥1,234,567.89"
    assert en.money(Decimal("-3.5")) == "-¥3.50"
    assert en.unit_price(Decimal("2.9700")) == "¥2.97"
    assert en.unit_price(Decimal("0.1234")) == "¥0.1234"
    de = Formatter(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert de.money(Decimal("1234.5")) == "¥1.234,50"


@pytest.mark.parametrize(("lang", "beverages"), [("en", "Beverages"), ("zh_CN", "饮料")])
def test_the_category_reads_in_the_ui_language_where_the_data_allows(
        qtbot: Any, app_factory: Any, server_url: str, network: Any, lang: str,
        beverages: str) -> None:
    """The demo's categories carry English names: the English UI shows them, the Chinese UI
    the data's word; a category without an English name reads as the data says it."""
    app = app_factory(server_url, network, lang)
    app.open_main(app.engine.login("rep1", "demo"))
    assert app.sync is not None
    qtbot.waitUntil(lambda: app.sync.status is not None and app.sync.status.initial_sync_done
                    and not app.sync.running, timeout=20000)
    settle(qtbot, app)
    page = workspace(app).catalog
    page.search.setText("BEV")
    page.search.search.emit("BEV")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.loading, timeout=5000)
    categories = {page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert categories == {beverages}
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current is not None, timeout=5000)
    assert beverages in page.packing.text()
    settle(qtbot, app)
    plain = dataclasses.replace(page.model.rows[0].product, category_en="")
    assert product_models.product_category(plain) == "饮料"
