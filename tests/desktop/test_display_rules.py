"""How values read on every screen: one money format (messages and documents included), one
quantity format (with its unit and cases), words instead of the engine's codes, and table
cells cut with "…" whose whole text is the tooltip."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

from desktop.application import DinghuoApp
from desktop.i18n import Formatter, carrier_choices, carrier_of, install_language
from desktop.labels import history_note, hold_reason_name
from desktop.models.base import SORT_ROLE, Column, ListTableModel
from desktop.views.clerk.queue import ShipQueueModel, ship_by
from desktop.widgets.tables import MIN_COLUMN_CHARS, cut_text, make_table
from sync_engine import domain as d
from sync_engine.client.values import OrderView, ProductView, ShipQueueItem
from sync_engine.server.commands.orders import AUTO_CONFIRMED
from tests.desktop.helpers import settle, workspace

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
ZH = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def _product(unit: str = "罐", case_unit: str = "箱", case_qty: int = 12) -> ProductView:
    return ProductView(id=1, sku="BEV-000001", barcode=None, name_zh="可乐", name_en="Cola",
                       category="饮料", unit=unit, case_unit=case_unit, case_qty=case_qty,
                       pack_size=1, min_qty=1, tax_rate=Decimal("0.13"),
                       base_price=Decimal("2.50"), active=True, sellable=True)


@pytest.mark.parametrize("locale", [EN, ZH], ids=["en", "zh_CN"])
def test_money_has_the_currency_thousands_and_two_decimals(qapp: Any, locale: QLocale) -> None:
    fmt = Formatter(locale)
    assert fmt.money(Decimal("1476.55")) == "¥1,476.55"
    assert fmt.money(Decimal("20000")) == "¥20,000.00"
    assert fmt.money(Decimal("-3")) == "-¥3.00"
    assert fmt.money(Decimal("0.005")) == "¥0.01"  # half up, as the domain rounds
    assert fmt.money(None) == "—"
    # A unit price keeps its sub-cent digits, in the same format.
    assert fmt.unit_price(Decimal("0.125")) == "¥0.1250"
    assert fmt.unit_price(Decimal("1234.5")) == "¥1,234.50"


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_amounts_inside_messages_read_like_every_other_amount(qapp: Any, lang: str) -> None:
    """The credit warning said "1476.55 … 20000.00" beside "¥1,476.55"."""
    install_language(lang)
    try:
        issue = d.Issue("customer", "credit_limit_exceeded", {
            "order_total": Decimal("1476.55"), "used": Decimal("24564.19"),
            "over_by": Decimal("6040.74"), "limit": Decimal("20000.00")}, severity="warning")
        text = Formatter().issue(issue)
        for amount in ("¥1,476.55", "¥24,564.19", "¥6,040.74", "¥20,000.00"):
            assert amount in text
        assert "20000.00" not in text
        # The wire and the server keep the plain amounts (no currency, no grouping).
        assert "20000.00" in issue.message("en")
        assert issue.to_dict()["params"] == {"order_total": "1476.55", "used": "24564.19",
                                             "over_by": "6040.74", "limit": "20000.00"}
    finally:
        install_language("en")


def test_quantities_carry_their_unit_and_whole_cases(qapp: Any) -> None:
    install_language("zh_CN")
    try:
        fmt = Formatter(EN)
        can = _product()
        assert fmt.quantity(48, can) == "48 罐 (4 箱)"
        assert fmt.quantity(15, can) == "15 罐 (1 箱 + 3 罐)"
        assert fmt.quantity(2, can) == "2 罐"  # under one case: no "(0 箱)"
        assert fmt.quantity(12_000, can) == "12,000 罐 (1,000 箱)"
        assert fmt.quantity(5, _product(unit="袋", case_qty=1)) == "5 袋"  # sold singly
        assert fmt.quantity(7, None) == "7"  # a product no longer known: the number alone
        assert fmt.cases(15, can) == "1 箱 + 3 罐"
        assert fmt.cases(11, can) == ""
    finally:
        install_language("en")


def test_the_english_ui_says_units_and_terms_in_english_where_it_knows_them(qapp: Any) -> None:
    """Units are the closed set of Chinese measure words: in English they read as English,
    singular or plural; a word the app does not know stays as the data has it."""
    install_language("en")
    fmt = Formatter(EN)
    can = _product()
    assert fmt.quantity(48, can) == "48 cans (4 cases)"
    assert fmt.quantity(13, can) == "13 cans (1 case + 1 can)"
    assert fmt.quantity(1, _product(unit="瓶")) == "1 bottle"
    assert fmt.quantity(3, _product(unit="坨")) == "3 坨"  # unknown: as the data says it
    assert fmt.count(2, "提") == "2 multipacks"
    # The delivery note's fixed forms keep the data's words whatever the UI language.
    assert fmt.with_data_units().quantity(13, can) == "13 罐 (1 箱 + 1 罐)"
    assert fmt.terms("月结30天") == "monthly, 30 days"
    assert fmt.terms("票到15天付款") == "15 days after invoice"
    assert fmt.terms("货到付款") == "cash on delivery"
    assert fmt.terms("现款现货") == "cash"
    assert fmt.terms("net 45") == "45 days"
    assert fmt.terms("按合同") == "按合同"  # not understood: as written
    install_language("zh_CN")
    try:
        assert fmt.terms("月结30天") == "月结30天"
        assert fmt.count(2, "提") == "2 提"
    finally:
        install_language("en")


def test_the_english_ui_names_known_carriers_in_english(qapp: Any) -> None:
    """China's carriers are a small known set: the English UI names them in English under any
    of their names; an unknown one, the Chinese UI and printed documents keep the words typed."""
    install_language("en")
    try:
        fmt = Formatter(EN)
        assert fmt.carrier("顺丰速运") == fmt.carrier("顺丰") == "SF Express"
        assert fmt.carrier("EMS") == fmt.carrier("中国邮政") == "China Post EMS"
        assert fmt.carrier(" 极兔速递 ") == "J&T Express"
        assert fmt.carrier("老王货运") == "老王货运"  # unknown: as typed
        assert fmt.with_data_units().carrier("顺丰速运") == "顺丰速运"  # documents
        shown = dict(carrier_choices())
        assert shown["SF Express"] == "顺丰速运" and shown["Own vehicle"] == "自有车辆"
        assert len(shown) == 11
        # Whatever name the clerk used, the data keeps one vocabulary.
        for typed in ("SF Express", "sf express", "顺丰", "顺丰速运"):
            assert carrier_of(typed) == "顺丰速运"
        assert carrier_of("ems") == "中国邮政"
        assert carrier_of(" 老王货运 ") == "老王货运"
        install_language("zh_CN")
        assert Formatter(ZH).carrier("顺丰速运") == "顺丰速运"
        assert Formatter(ZH).carrier("顺丰") == "顺丰"  # as typed
        assert [kept for _shown, kept in carrier_choices()] == [
            shown for shown, _kept in carrier_choices()]
    finally:
        install_language("en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_status_history_and_hold_reasons_show_words_not_codes(qapp: Any, lang: str) -> None:
    install_language(lang)
    try:
        for code in (AUTO_CONFIRMED, "edited"):
            note = history_note("confirmed", code)
            assert note and note != code and "_" not in note
        for code in ("credit_exceeded", "stock_short"):
            assert "_" not in hold_reason_name(code)
        # A tracking number says what it is; the person's own words stay as written.
        assert "SF123" in history_note("shipped", "SF123") != "SF123"
        assert history_note("cancelled", "客户改期") == "客户改期"
        assert history_note("submitted", None) == ""
    finally:
        install_language("en")


def test_the_order_history_on_screen_has_no_raw_codes(qtbot: Any, signed_in: DinghuoApp) -> None:
    app = signed_in
    orders = app.engine.orders(limit=200)
    auto = next(o for o in orders if any(h.get("reason") == AUTO_CONFIRMED
                                         for h in app.engine.order(o.id).history))
    page = workspace(app).orders
    workspace(app).show_page("orders")
    page.show_order(auto.id)
    detail = page.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.id == auto.id,
                    timeout=10000)
    settle(qtbot, app)
    model = detail.history_model
    texts = [str(model.index(r, c).data()) for r in range(model.rowCount())
             for c in range(model.columnCount())]
    assert "confirmed automatically (nothing to review)" in texts
    assert not [t for t in texts if "_" in t]
    heads = [detail.numbers.text(), detail.created.text(), detail.delivery.text()]
    assert "none requested" not in " ".join(heads)


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform's tooltip
def test_cut_cells_end_in_an_ellipsis_and_show_their_text_as_tooltip(qtbot: Any) -> None:
    long_name = "Good Neighbour Convenience Store (Caohejing Hi-Tech Park, North Gate)"
    model: ListTableModel[tuple[str, str]] = ListTableModel([
        Column(lambda: "Code", lambda r: r[0]),
        Column(lambda: "Customer", lambda r: r[1]),
    ])
    model.set_rows([("C0001", long_name), ("C0002", "Lawson")])
    view = make_table()
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(400, 200)
    view.show()
    view.setColumnWidth(0, 80)
    view.setColumnWidth(1, 150)
    qtbot.waitExposed(view)

    assert view.textElideMode().name == "ElideRight"
    # No column can be squeezed to one character.
    minimum = view.horizontalHeader().minimumSectionSize()
    assert minimum >= MIN_COLUMN_CHARS * view.fontMetrics().averageCharWidth()
    view.setColumnWidth(0, 5)
    assert view.columnWidth(0) >= minimum

    cut, whole = model.index(0, 1), model.index(1, 1)
    assert cut_text(view, cut) == long_name
    assert cut_text(view, whole) is None
    # Hovering the cut cell shows the whole text.
    rect = view.visualRect(cut)
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(),
                       view.viewport().mapToGlobal(rect.center()))
    option = QStyleOptionViewItem()
    option.initFrom(view)
    assert view.itemDelegate().helpEvent(event, view, option, cut)
    qtbot.waitUntil(lambda: QToolTip.text() == long_name, timeout=3000)
    QToolTip.hideText()


def _queued(number: str, created_at: str, delivery: dt.date | None) -> ShipQueueItem:
    order = OrderView(id=number, number=number, local_number="", customer_id=1,
                      customer_name="客户", warehouse_id=1, status="confirmed",
                      sync_state="synced", display_status="confirmed", notes="",
                      delivery_date=delivery, created_at=created_at, updated_at=created_at,
                      net=d.ZERO, tax=d.ZERO, gross=d.ZERO, hold_reasons=(), server_version=1,
                      lines=())
    return ShipQueueItem(order=order, customer_code="C0001", ordered_units=1, shipped_units=0,
                         remaining_units=1, open_lines=1)


def test_the_ship_queue_sorts_by_a_day_every_order_has(qtbot: Any) -> None:
    """Orders without a requested date (most) sort by the day they were placed, among the
    dated ones, instead of all "not given" at one end in any order."""
    install_language("en")
    items = [_queued("DH3", "2026-11-20T08:00:00+00:00", None),
             _queued("DH1", "2026-11-01T08:00:00+00:00", None),
             _queued("DH2", "2026-11-02T08:00:00+00:00", dt.date(2026, 11, 10)),
             _queued("DH4", "2026-11-03T08:00:00+00:00", dt.date(2026, 11, 25))]
    assert ship_by(items[2]) == dt.date(2026, 11, 10)  # the date asked for, when there is one
    model = ShipQueueModel(_Ctx())  # type: ignore[arg-type]
    model.set_rows(items)
    column = next(c for c, col in enumerate(model.columns) if col.title() == "Ship by")
    keys = {i.order.id: model.index(r, column).data(SORT_ROLE) for r, i in enumerate(items)}
    assert sorted(keys, key=keys.__getitem__) == ["DH1", "DH2", "DH3", "DH4"]
    texts = [model.index(r, column).data() for r in range(len(items))]
    assert all(texts) and "(placed)" in texts[0] and "(placed)" not in texts[2]


class _Ctx:
    fmt = Formatter(EN)


def test_rule_messages_say_the_unit_as_the_screen_does(qapp: Any) -> None:
    issue = d.Issue("quantity", "quantity_below_minimum",
                    {"min_qty": 24, "unit": "瓶", "quantity": 13})
    install_language("en")
    assert Formatter(EN).issue(issue) == "Quantity must be at least 24 bottles."
    install_language("zh_CN")
    try:
        assert "24 瓶" in Formatter(ZH).issue(issue)
    finally:
        install_language("en")


def test_the_repair_message_counts_its_changes_in_words() -> None:
    """No "change(s)": one change, or several."""
    from sync_engine.client.values import ReplicaRepair

    one = ReplicaRepair("damaged", "/d/x.damaged", "/d/b.sqlite3", replayed=1).message
    three = ReplicaRepair("damaged", None, None, replayed=3).message
    assert "1 unsent change will be sent" in one and "3 unsent changes will be sent" in three
    assert "(s)" not in one + three
