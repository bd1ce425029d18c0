"""The keyboard- and scanner-first line entry: product, Enter, quantity, Enter.

The product field finds as you type (SKU, barcode, a name in either language, pinyin full or
initials): a drop-down lists the matches with the customer's price and the stock, the arrows
and Enter pick one, and a scanned barcode or a full SKU needs no pick (:mod:`..widgets.finder`).
A barcode scanner types the code and presses Enter, so scanning and typing are the same path.

The quantity is checked with the shared domain rules as it is typed: the messages (pack size,
minimum) appear under the field in the UI language, and so do the price for that quantity, the
next price break and a stock shortage, all before the line is added. Enter in any field of
the row adds the line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from sync_engine import domain as d
from sync_engine.client.engine import Engine
from sync_engine.client.values import CustomerView, PriceQuote, ProductView, StockView

from ...context import AppContext
from ...models.products import CatalogRow, load_catalog_page, product_matches_model, product_name
from ...resources import icon
from ...widgets.field import FieldBox
from ...widgets.finder import Finder

__all__ = ["EntryBar", "LinePreview", "exact_product", "stock_issues"]

_MATCHES = 12  # rows in the product field's drop-down


def exact_product(code: str, rows: list[CatalogRow]) -> CatalogRow | None:
    """The match a typed or scanned code names exactly: its SKU or its barcode."""
    wanted = code.strip().casefold()
    for row in rows:
        p = row.product
        if p.sku.casefold() == wanted or (p.barcode or "").casefold() == wanted:
            return row
    return None


def stock_issues(product: ProductView, units: int, stock: StockView | None) -> list[d.Issue]:
    """The order rules' stock warning for ``units`` of the product (none when stock is
    unknown): the same check a whole order gets, run on the line being typed."""
    if stock is None:
        return []
    as_of = None
    if stock.as_of:
        try:
            as_of = dt.datetime.fromisoformat(stock.as_of)
        except ValueError:
            as_of = None
    level = d.StockLevel(product_id=product.id, warehouse_id=stock.warehouse_id,
                         on_hand=stock.on_hand, reserved=stock.reserved, as_of=as_of)
    issues = d.validate_order(customer=None, lines=[d.LineInput(product.id, units)],
                              products={product.id: product}, prices={},
                              stock={product.id: level})
    return [i for i in issues if i.code == "stock_insufficient"]


class _Line(QLabel):
    """A wrapping label that takes no room while it has nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


class LinePreview:
    """What a line being typed would be: its price, the customer's quantity breaks and the
    stock in their warehouse (read on the read lane)."""

    def __init__(self, engine: Engine, customer: CustomerView, product: ProductView,
                 units: int) -> None:
        self.quote: PriceQuote = engine.price(customer.id, product.id, units)
        self.breaks = engine.price_breaks(customer.id, product.id)
        self.stock = engine.stock(product.id, customer.warehouse_id)

    def next_break(self, units: int) -> tuple[int, Decimal] | None:
        """The next quantity at which the unit price drops, and that price."""
        for min_qty, price in self.breaks:
            if min_qty > units and price < self.quote.unit_price:
                return min_qty, price
        return None


class EntryBar(QWidget):
    """Emits ``add_line(product, units)`` when the user confirms a valid quantity;
    ``browse(text)`` to look for the typed text in the catalog."""

    add_line = Signal(object, int)
    browse = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryBar")
        self.ctx = ctx
        self.product: ProductView | None = None
        self.customer: CustomerView | None = None
        self._static_hints = ""
        self.code = QLineEdit()
        self.code.setObjectName("codeField")
        self.code.setPlaceholderText(self.tr("SKU, barcode, name or pinyin — or scan"))
        self.code.textEdited.connect(self._code_edited)
        self.code_box = FieldBox(self.code)
        self.matches = product_matches_model(ctx.fmt)
        self.finder: Finder[CatalogRow] = Finder(
            self.code, self.matches, self._search, exact_product, ctx.read, self)
        self.finder.picked.connect(lambda row: self.set_product(row.product))
        self.finder.not_found.connect(self._not_found)
        self.quantity = QLineEdit()
        self.quantity.setObjectName("quantityField")
        self.quantity.setValidator(QIntValidator(0, 10_000_000, self))
        self.quantity.setPlaceholderText(self.tr("Quantity"))
        self.quantity.setMaximumWidth(self.quantity.fontMetrics().horizontalAdvance("0") * 14)
        self.quantity.textChanged.connect(lambda _t: self.check())
        self.quantity.returnPressed.connect(self.confirm)
        self.unit = QComboBox()
        self.unit.setObjectName("unitChoice")
        self.unit.currentIndexChanged.connect(lambda _i: self.check())
        self.unit.installEventFilter(self)  # Enter in the unit adds the line too
        quantity_row = QWidget()
        row = QHBoxLayout(quantity_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.quantity)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.quantity_box = FieldBox(quantity_row)
        self.add_button = QPushButton(icon("add"), self.tr("Add line"))
        self.add_button.setToolTip(self.tr("Add the line (Enter)"))
        self.add_button.clicked.connect(self.confirm)
        self.browse_button = QPushButton(icon("catalog"), self.tr("Catalog…"))
        self.browse_button.setToolTip(self.tr("Look for the typed text in the catalog"))
        self.browse_button.clicked.connect(lambda: self.browse.emit(self.code.text().strip()))
        self.product_label = _Line()
        self.product_label.setObjectName("entryProduct")
        self.hints = _Line()
        self.hints.setObjectName("hint")
        product_title = QLabel(self.tr("&Product"))
        product_title.setBuddy(self.code)
        quantity_title = QLabel(self.tr("&Quantity"))
        quantity_title.setBuddy(self.quantity)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(product_title, 0, 0)
        grid.addWidget(quantity_title, 0, 1)
        grid.addWidget(self.code_box, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.quantity_box, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.add_button, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.browse_button, 1, 3, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.product_label, 2, 0, 1, 4)
        grid.addWidget(self.hints, 3, 0, 1, 4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        # Installed after the finder's, so it sees Enter first: Enter on the product already
        # picked (the cursor went back to it) adds the line instead of picking it again.
        self.code.installEventFilter(self)
        self.clear()

    # ------------------------------------------------------------------ product

    def set_customer(self, customer: CustomerView | None) -> None:
        """The customer whose prices, breaks and warehouse stock the entry shows."""
        self.customer = customer
        if self.product is not None:
            self.check()

    def _search(self, text: str) -> list[CatalogRow]:
        """The product field's matches (read lane): the customer's price and stock with each."""
        customer = self.customer
        return load_catalog_page(self.ctx.engine, text, 0, customer.id if customer else None,
                                 customer.warehouse_id if customer else None, limit=_MATCHES)

    def clear(self) -> None:
        """Ready for the next code (keeps focus in the code field)."""
        self.product = None
        self.code.clear()
        self.finder.close_list()
        self.quantity.clear()
        self.unit.clear()
        self.unit.setEnabled(False)
        self._forget_product()
        self.code_box.set_error("")
        self.code.setFocus()

    def _code_edited(self) -> None:
        if self.product is not None:
            self.product = None
            self._forget_product()
        self.code_box.set_error("")

    def _forget_product(self) -> None:
        """No product chosen: nothing to type a quantity for, and nothing said about it."""
        self.quantity.setEnabled(False)
        self.add_button.setEnabled(False)
        self.product_label.setText("")
        self.hints.setText("")
        self.quantity_box.set_error("")

    def look_up(self) -> None:
        """Find the product of the code in the field, as Enter does (a scanner's Enter too)."""
        self.finder.enter()

    def _not_found(self, text: str, matches: int) -> None:
        if not text.strip():
            self.code_box.set_error(self.tr("Type or scan a SKU or barcode, or a name."))
        elif matches == 0:
            self.code_box.set_error(self.tr("Nothing matches “%1”. Try the SKU, the barcode, "
                                            "the name or pinyin initials.").replace("%1", text))
            self.code.selectAll()
        else:
            self.code_box.set_hint(self.tr("%n products match: choose one with ↓ and Enter.",
                                           "", matches))

    def set_product(self, product: ProductView, units: int | None = None) -> None:
        """Show ``product`` and ask for its quantity (prefilled with the smallest valid one)."""
        self.product = product
        self.finder.close_list()
        self.code.setText(product.sku)
        self.code_box.set_error("")
        self.product_label.setText(f"{product_name(product)}  ·  {product.sku}")
        self.unit.blockSignals(True)
        self.unit.clear()
        fmt = self.ctx.fmt
        unit, case_unit = fmt.unit(product.unit, product.case_qty), fmt.unit(product.case_unit)
        self.unit.addItem(fmt.unit(product.unit), 1)
        if product.case_qty > 1:
            self.unit.addItem(self.tr("%1 (%2 %3)").replace("%1", case_unit).replace(
                "%2", str(product.case_qty)).replace("%3", unit), product.case_qty)
        self.unit.setEnabled(self.unit.count() > 1)
        hints = [self.tr("1 %1 = %2 %3").replace("%1", case_unit).replace(
            "%2", str(product.case_qty)).replace("%3", unit)]
        if product.pack_size > 1:
            hints.append(self.tr("sold in packs of %1").replace("%1", str(product.pack_size)))
        if product.min_qty > 1:
            hints.append(self.tr("minimum %1 %2").replace("%1", str(product.min_qty))
                         .replace("%2", fmt.unit(product.unit, product.min_qty)))
        self._static_hints = " · ".join(hints)
        self.hints.setText(self._static_hints)
        self.quantity.setEnabled(True)
        wanted = units if units is not None else d.smallest_valid_quantity(
            product, 1)
        self.quantity.blockSignals(True)
        self.unit.blockSignals(True)
        if product.case_qty > 1 and wanted % product.case_qty == 0 and units is None:
            self.unit.setCurrentIndex(1)
            self.quantity.setText(str(wanted // product.case_qty))
        else:
            self.unit.setCurrentIndex(0)
            self.quantity.setText(str(wanted))
        self.unit.blockSignals(False)
        self.quantity.blockSignals(False)
        self.quantity.setFocus()
        self.quantity.selectAll()
        self.check()

    # ------------------------------------------------------------------ quantity

    def units(self) -> int | None:
        """The quantity in base units, or None if the field is empty."""
        text = self.quantity.text().strip()
        if not text:
            return None
        factor = self.unit.currentData()
        return int(text) * (int(factor) if factor else 1)

    def issues(self) -> list[d.Issue]:
        """What the rules say about the quantity now (errors and warnings)."""
        if self.product is None:
            return []
        units = self.units()
        if units is None:
            return [d.Issue("lines[0].quantity", "quantity_not_positive", {"quantity": 0})]
        return d.validate_line(0, d.LineInput(self.product.id, units),
                               self.product, None)

    def check(self) -> bool:
        """Show the quantity's problems under the field as it is typed, and what the line
        would cost and whether the stock covers it; True if nothing blocks."""
        if self.product is None:
            return False
        issues = self.issues()
        errors = [i for i in issues if i.is_error]
        self.quantity_box.set_error("\n".join(self.ctx.fmt.issue(i) for i in errors))
        self.add_button.setEnabled(not errors)
        units = self.units()
        if not errors and units:
            self._preview(self.product, units)
        else:
            self.hints.setText(self._static_hints)
        return not errors

    def _preview(self, product: ProductView, units: int) -> None:
        customer = self.customer
        if customer is None:
            return
        engine = self.ctx.engine

        def shown(preview: object) -> None:
            if (not isinstance(preview, LinePreview) or self.product is not product
                    or self.units() != units or self.quantity_box.error_text):
                return  # the user typed on meanwhile: this preview is stale
            self._show_preview(product, units, preview)

        self.ctx.read(lambda: LinePreview(engine, customer, product, units), shown)

    def _show_preview(self, product: ProductView, units: int, preview: LinePreview) -> None:
        fmt, quote = self.ctx.fmt, preview.quote
        text = self._static_hints + "  —  " + self.tr(
            "%1 %2 × %3 = %4 (incl. tax %5)").replace("%1", fmt.integer(units)).replace(
            "%2", fmt.unit(product.unit, units)).replace(
            "%3", fmt.unit_price(quote.unit_price)).replace(
            "%4", fmt.money(quote.gross)).replace("%5", fmt.money(quote.tax))
        following = preview.next_break(units)
        if following is not None:
            min_qty, price = following
            text += "  ·  " + self.tr("from %1 %2: %3 each").replace(
                "%1", fmt.integer(min_qty)).replace("%2", fmt.unit(product.unit, min_qty)).replace(
                "%3", fmt.unit_price(price))
        if preview.stock is not None:
            text += "  ·  " + self.tr("%1 %2 in stock").replace(
                "%1", fmt.integer(preview.stock.available)).replace(
                "%2", fmt.unit(product.unit, preview.stock.available))
        self.hints.setText(text)
        short = stock_issues(product, units, preview.stock)
        self.quantity_box.set_hint(fmt.issue(short[0]) if short else "")

    def confirm(self) -> None:
        """Enter in any field of the row: add the line if the rules allow it."""
        if self.product is None:
            self.look_up()
            return
        units = self.units()
        if not self.check() or units is None:
            self.quantity.setFocus()
            self.quantity.selectAll()
            return
        self.add_line.emit(self.product, units)

    def show_issues(self, issues: list[d.Issue]) -> None:
        """Errors from the engine for the line being added, on their fields."""
        for issue in issues:
            box = self.code_box if issue.field.endswith("product_id") else self.quantity_box
            if issue.is_error:
                box.set_error(self.ctx.fmt.issue(issue))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if watched is self.unit and not self.unit.view().isVisible():
                self.confirm()
                return True
            if (watched is self.code and self.product is not None
                    and self.code.text() == self.product.sku):
                self.confirm()
                return True
        return False
