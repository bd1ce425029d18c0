"""Catalog: search as you type over the whole catalog; the selected customer's prices and
quantity breaks; stock with the time of its snapshot.

From the keyboard: the cursor starts in the search (Ctrl+F brings it back), Down goes into the
results, Enter on a product adds it to the order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sync_engine.client.values import CustomerView, PriceQuote, ProductView, StockView

from ...context import AppContext
from ...i18n import QT_TRANSLATE_NOOP
from ...models.base import ROW_ROLE, Column, ListTableModel
from ...models.products import (
    PAGE,
    CatalogRow,
    ProductTableModel,
    product_category,
    product_name,
)
from ...models.tables import customer_name
from ...resources import icon
from ...widgets.keys import page_shortcut
from ...widgets.parts import wrapped_label
from ...widgets.scroll import ScrollingPane
from ...widgets.search_box import SearchBox
from ...widgets.tables import (
    fit_columns,
    fit_columns_once,
    make_table,
    on_row_action,
    table_pane,
)
from ..page import NavEntry, WorkspacePage
from ..workspace import OrderingHost

__all__ = ["CatalogPage"]


def quantity_steps(p: ProductView) -> list[int]:
    """Quantities worth quoting: the minimum, one case, and several cases (where breaks sit)."""
    first = max(p.min_qty, p.pack_size, 1)
    case = max(p.case_qty, first)
    steps = sorted({first, case, case * 5, case * 10, case * 20})
    return steps[:5]


class CatalogPage(WorkspacePage["OrderingHost"]):
    nav = NavEntry("catalog", QT_TRANSLATE_NOOP("Navigation", "Catalog"), "catalog")

    def __init__(self, ctx: AppContext, workspace: OrderingHost) -> None:
        super().__init__(ctx, "catalogPage", workspace)
        self.customer_combo = QComboBox()
        self.customer_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.customer_combo.setMinimumContentsLength(24)
        self.customer_combo.currentIndexChanged.connect(self._customer_chosen)
        self.search = SearchBox(self.tr("SKU, barcode, name or pinyin (e.g. kl for 可乐)"),
                                self._search, delay_ms=150)
        self.search.setObjectName("catalogSearch")
        top = QHBoxLayout()
        prices_for = QLabel(self.tr("Prices &for"))
        prices_for.setBuddy(self.customer_combo)
        top.addWidget(prices_for)
        top.addWidget(self.customer_combo)
        top.addWidget(self.search, 1)
        self.model = ProductTableModel(ctx.engine, ctx.read, self)
        self.model.loading_changed.connect(self._loading)
        self.model.query_done.connect(self._counted)
        self.model.failed.connect(ctx.error)
        self.table = make_table(stretch=1, model=self.model, name="catalogTable",
                                on_current=self._selected)
        on_row_action(self.table, self._add)
        self.search.lead_to(self.table)
        page_shortcut(QKeySequence.StandardKey.Find, self, self.focus_main_field)
        self.state = QLabel(self.tr("Type to search the catalog."))
        self.state.setObjectName("hint")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(table_pane(self.table, self.state))
        detail = ScrollingPane()  # scrolls on a small screen
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        detail.set_content(self._build_detail())
        workspace.customer_changed.connect(self._follow_customer)
        ctx.customers_changed.connect(self._load_customers)
        ctx.catalog_changed.connect(self.model.refresh)
        self._load_customers()

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Product"))
        layout = QVBoxLayout(box)
        self.name = wrapped_label(self.tr("Choose a product."), "detailTitle")
        self.other_name = wrapped_label("", "hint")
        layout.addWidget(self.name)
        layout.addWidget(self.other_name)
        form = QFormLayout()
        self.codes = QLabel()
        self.codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.barcode = QLabel()
        self.barcode.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.packing = wrapped_label()
        self.rules = wrapped_label()
        self.tax = QLabel()
        self.stock = wrapped_label()
        form.addRow(self.tr("SKU"), self.codes)
        form.addRow(self.tr("Barcode"), self.barcode)
        form.addRow(self.tr("Packing"), self.packing)
        form.addRow(self.tr("Ordering"), self.rules)
        form.addRow(self.tr("Tax"), self.tax)
        form.addRow(self.tr("Stock"), self.stock)
        layout.addLayout(form)
        self.breaks_title = QLabel(self.tr("Price by quantity"))
        layout.addWidget(self.breaks_title)
        quantity, price, source = self.tr("Quantity"), self.tr("Unit price"), self.tr("Source")
        self.breaks_model: ListTableModel[tuple[str, str, str]] = ListTableModel([
            Column(lambda: quantity, lambda r: r[0], align_right=True),
            Column(lambda: price, lambda r: r[1], align_right=True),
            Column(lambda: source, lambda r: r[2]),
        ])
        self.breaks = make_table(stretch=2, model=self.breaks_model)
        fit_columns(self.breaks)
        self.breaks.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.breaks)
        self.add_button = QPushButton(icon("add"), self.tr("Add to order"))
        self.add_button.setObjectName("primary")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._add)
        layout.addWidget(self.add_button)
        layout.addStretch(1)
        self._detail_layout = layout
        return box

    def add_detail_button(self, button: QPushButton) -> None:
        """Put a workspace's own button under "Add to order" (the owner's "Favourite")."""
        self._detail_layout.insertWidget(self._detail_layout.indexOf(self.add_button) + 1,
                                         button)

    def focus_main_field(self) -> None:
        """The cursor in the search, its text selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def search_for(self, text: str) -> None:
        """Search for ``text`` (carried over from the product field of order entry)."""
        if text and text != self.search.text():
            self.search.search_for(text)

    # ------------------------------------------------------------------ customers

    def _load_customers(self) -> None:
        self.ctx.read(lambda: self.ctx.engine.customers(), self._customers_loaded)

    def _customers_loaded(self, customers: object) -> None:
        assert isinstance(customers, list)
        current = self.workspace.customer.id if self.workspace.customer else None
        self.customer_combo.blockSignals(True)
        self.customer_combo.clear()
        self.customer_combo.addItem(self.tr("(list prices)"), None)
        for c in customers:
            self.customer_combo.addItem(f"{c.code} {customer_name(c)}", c)
        self.customer_combo.blockSignals(False)
        self._follow_customer(self.workspace.customer if current else None)

    def _follow_customer(self, customer: object) -> None:
        index = 0
        if isinstance(customer, CustomerView):
            for i in range(1, self.customer_combo.count()):
                data = self.customer_combo.itemData(i)
                if isinstance(data, CustomerView) and data.id == customer.id:
                    index = i
        if index != self.customer_combo.currentIndex():
            self.customer_combo.setCurrentIndex(index)
        else:
            self._customer_chosen(index)

    def _customer_chosen(self, index: int) -> None:
        data = self.customer_combo.itemData(index)
        customer = data if isinstance(data, CustomerView) else None
        if customer is not None:
            self.workspace.set_customer(customer)
        self.model.set_customer(customer.id if customer else None,
                                customer.warehouse_id if customer else None)

    # ------------------------------------------------------------------ search

    def _search(self, text: str) -> None:
        self.model.set_query(text)

    def _loading(self, loading: bool) -> None:
        if loading:
            self.state.setText(self.tr("Searching…"))

    def _counted(self, query: str, rows: int) -> None:
        if rows <= PAGE:  # a search's first page: the columns fit it, the name takes the rest
            fit_columns_once(self.table)
        if rows == 0:
            self.state.setText(self.tr("Nothing matches “%1”. Try the SKU, the barcode or "
                                       "pinyin initials.").replace("%1", query))
        elif self.model.canFetchMore():
            self.state.setText(self.tr("%1+ products; scroll for more").replace(
                "%1", self.ctx.fmt.integer(rows)))
        else:
            self.state.setText(self.tr("%n product(s)", "", rows))
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    # ------------------------------------------------------------------ detail

    def _selected(self) -> None:
        row = self.table.currentIndex().data(ROW_ROLE)
        if not isinstance(row, CatalogRow):
            return
        p = row.product
        self.current = row
        self.name.setText(product_name(p))
        self.other_name.setText(p.name_en if product_name(p) == p.name_zh else p.name_zh)
        self.codes.setText(p.sku)
        self.barcode.setText(p.barcode or "—")
        fmt = self.ctx.fmt
        self.packing.setText(self.tr("%1 %2 per %3 (%4)").replace("%1", str(p.case_qty))
                             .replace("%2", fmt.unit(p.unit, p.case_qty))
                             .replace("%3", fmt.unit(p.case_unit))
                             .replace("%4", product_category(p)))
        self.rules.setText(self.tr("multiples of %1, at least %2 %3").replace(
            "%1", str(p.pack_size)).replace("%2", str(p.min_qty)).replace(
            "%3", fmt.unit(p.unit, p.min_qty)))
        self.tax.setText(self.ctx.fmt.percent(p.tax_rate))
        self._show_stock(row.stock)
        self.add_button.setEnabled(p.active and p.sellable)
        customer_id = self.model.customer_id
        engine = self.ctx.engine
        steps = quantity_steps(p)

        def quotes() -> list[PriceQuote] | None:
            if customer_id is None:
                return None
            return [engine.price(customer_id, p.id, q) for q in steps]

        self.ctx.read(quotes, lambda result: self._show_quotes(p, result))

    def _show_stock(self, stock: StockView | None) -> None:
        if stock is None:
            self.stock.setText(self.tr("unknown (choose a customer for their warehouse)"))
            return
        self.stock.setText(self.tr("%1 available (%2 on hand, %3 reserved)\nas of %4")
                           .replace("%1", self.ctx.fmt.integer(stock.available))
                           .replace("%2", self.ctx.fmt.integer(stock.on_hand))
                           .replace("%3", self.ctx.fmt.integer(stock.reserved))
                           .replace("%4", self.ctx.fmt.timestamp(stock.as_of)))

    def _show_quotes(self, p: ProductView, quotes: object) -> None:
        fmt = self.ctx.fmt
        if not isinstance(quotes, list):
            self.breaks_model.set_rows([(self.tr("any"), fmt.unit_price(p.base_price),
                                         self.tr("list price"))])
        else:
            # One row per price: the quantities a price holds from (not one row per step
            # quoted, four identical "list price" rows when there is no break).
            breaks: list[PriceQuote] = []
            for q in quotes:
                if not breaks or (q.unit_price, q.from_contract) != (
                        breaks[-1].unit_price, breaks[-1].from_contract):
                    breaks.append(q)
            self.breaks_model.set_rows([
                (self.tr("from %1").replace("%1", fmt.count(q.quantity, p.unit)),
                 fmt.unit_price(q.unit_price),
                 self.tr("customer price") if q.from_contract else self.tr("list price"))
                for q in breaks])
        # As tall as its rows (five at most): no scroll bar inside the detail pane.
        rows = self.breaks_model.rowCount()
        self.breaks.setFixedHeight(self.breaks.horizontalHeader().sizeHint().height()
                                   + rows * self.breaks.verticalHeader().defaultSectionSize()
                                   + 2 * self.breaks.frameWidth())

    def _add(self) -> None:
        row = self.table.currentIndex().data(ROW_ROLE)
        if isinstance(row, CatalogRow) and row.product.active and row.product.sellable:
            self.workspace.pick_product(row.product)
