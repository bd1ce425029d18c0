"""The keyboard- and scanner-first line entry: SKU or barcode, Enter, quantity, Enter.

A barcode scanner types the code and presses Enter, so scanning and typing are the same path.
The quantity is checked with the shared domain rules as it is typed, and the messages (pack
size, minimum) appear under the field in the UI language before anything is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
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
from sync_engine.client.values import PriceQuote, ProductView

from ...context import AppContext
from ...i18n import domain_lang
from ...models.products import product_name
from ...resources import icon
from ...widgets.field import FieldBox

__all__ = ["EntryBar", "as_domain_product", "pick_match"]


def as_domain_product(p: ProductView) -> d.Product:
    """The engine's product view as the domain's Product, so the rules can run on it."""
    return d.Product(id=p.id, sku=p.sku, name_zh=p.name_zh, name_en=p.name_en, unit=p.unit,
                     case_unit=p.case_unit, case_qty=p.case_qty, pack_size=p.pack_size,
                     min_qty=p.min_qty, tax_rate=p.tax_rate, base_price=p.base_price,
                     active=p.active, sellable=p.sellable, barcode=p.barcode,
                     category=p.category)


def pick_match(code: str, found: list[ProductView]) -> ProductView | None:
    """The product a typed or scanned code means: an exact SKU or barcode, else the only hit."""
    wanted = code.strip().casefold()
    for p in found:
        if p.sku.casefold() == wanted or (p.barcode or "").casefold() == wanted:
            return p
    return found[0] if len(found) == 1 else None


class EntryBar(QWidget):
    """Emits ``add_line(product, units)`` when the user confirms a valid quantity."""

    add_line = Signal(object, int)
    browse = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryBar")
        self.ctx = ctx
        self.product: ProductView | None = None
        self.customer_id: int | None = None
        self.code = QLineEdit()
        self.code.setObjectName("codeField")
        self.code.setPlaceholderText(self.tr("Scan or type a SKU or barcode, then Enter"))
        self.code.returnPressed.connect(self.look_up)
        self.code.textEdited.connect(self._code_edited)
        self.code_box = FieldBox(self.code)
        self.quantity = QLineEdit()
        self.quantity.setObjectName("quantityField")
        self.quantity.setValidator(QIntValidator(0, 10_000_000, self))
        self.quantity.setPlaceholderText(self.tr("Quantity"))
        self.quantity.setMaximumWidth(120)
        self.quantity.textChanged.connect(lambda _t: self.check())
        self.quantity.returnPressed.connect(self.confirm)
        self.unit = QComboBox()
        self.unit.setObjectName("unitChoice")
        self.unit.currentIndexChanged.connect(lambda _i: self.check())
        quantity_row = QWidget()
        row = QHBoxLayout(quantity_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.quantity)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.quantity_box = FieldBox(quantity_row)
        self.quantity_box.setMinimumWidth(340)  # room for the rule's message under the field
        self.add_button = QPushButton(icon("add"), self.tr("Add line"))
        self.add_button.clicked.connect(self.confirm)
        self.browse_button = QPushButton(icon("catalog"), self.tr("Catalog…"))
        self.browse_button.setToolTip(self.tr("Find a product in the catalog (Ctrl+2)"))
        self.browse_button.clicked.connect(self.browse)
        self.product_label = QLabel()
        self.product_label.setObjectName("entryProduct")
        self.product_label.setWordWrap(True)
        self.hints = QLabel()
        self.hints.setObjectName("hint")
        self.hints.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Product")), 0, 0)
        grid.addWidget(QLabel(self.tr("Quantity")), 0, 1)
        grid.addWidget(self.code_box, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.quantity_box, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.add_button, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.browse_button, 1, 3, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.product_label, 2, 0, 1, 4)
        grid.addWidget(self.hints, 3, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 0)
        self.clear()

    # ------------------------------------------------------------------ product

    def clear(self) -> None:
        """Ready for the next code (keeps focus in the code field)."""
        self.product = None
        self.code.clear()
        self.quantity.clear()
        self.quantity.setEnabled(False)
        self.unit.clear()
        self.unit.setEnabled(False)
        self.add_button.setEnabled(False)
        self.product_label.setText("")
        self.hints.setText("")
        self.code_box.set_error("")
        self.quantity_box.set_error("")
        self.code.setFocus()

    def _code_edited(self) -> None:
        if self.product is not None:
            self.product = None
            self.quantity.setEnabled(False)
            self.add_button.setEnabled(False)
            self.product_label.setText("")
            self.hints.setText("")
        self.code_box.set_error("")

    def look_up(self) -> None:
        """Find the product of the code in the field (Enter, or a scanner's Enter)."""
        code = self.code.text().strip()
        if not code:
            self.code_box.set_error(self.tr("Type or scan a SKU or barcode."))
            return
        engine = self.ctx.engine
        self.ctx.read(lambda: engine.search_products(code, limit=10),
                      lambda found: self._found(code, found))

    def _found(self, code: str, found: object) -> None:
        assert isinstance(found, list)
        if code != self.code.text().strip():
            return  # the user typed on meanwhile
        product = pick_match(code, found)
        if product is None:
            self.code_box.set_error(
                self.tr("No product has this SKU or barcode.") if not found else
                self.tr("%n products match; type the full SKU or choose in the catalog.", "",
                        len(found)))
            self.code.selectAll()
            return
        self.set_product(product)

    def set_product(self, product: ProductView, units: int | None = None) -> None:
        """Show ``product`` and ask for its quantity (prefilled with the smallest valid one)."""
        self.product = product
        self.code.setText(product.sku)
        self.code_box.set_error("")
        self.product_label.setText(f"{product_name(product)}  ·  {product.sku}")
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(product.unit, 1)
        if product.case_qty > 1:
            self.unit.addItem(self.tr("%1 (%2 %3)").replace("%1", product.case_unit).replace(
                "%2", str(product.case_qty)).replace("%3", product.unit), product.case_qty)
        self.unit.setEnabled(self.unit.count() > 1)
        self.unit.blockSignals(False)
        hints = [self.tr("1 %1 = %2 %3").replace("%1", product.case_unit).replace(
            "%2", str(product.case_qty)).replace("%3", product.unit)]
        if product.pack_size > 1:
            hints.append(self.tr("sold in packs of %1").replace("%1", str(product.pack_size)))
        if product.min_qty > 1:
            hints.append(self.tr("minimum %1 %2").replace("%1", str(product.min_qty))
                         .replace("%2", product.unit))
        self._static_hints = " · ".join(hints)
        self.hints.setText(self._static_hints)
        self.quantity.setEnabled(True)
        wanted = units if units is not None else d.smallest_valid_quantity(
            as_domain_product(product), 1)
        if product.case_qty > 1 and wanted % product.case_qty == 0 and units is None:
            self.unit.setCurrentIndex(1)
            self.quantity.setText(str(wanted // product.case_qty))
        else:
            self.unit.setCurrentIndex(0)
            self.quantity.setText(str(wanted))
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
                               as_domain_product(self.product), None)

    def check(self) -> bool:
        """Show the quantity's problems under the field as it is typed; True if none block."""
        if self.product is None:
            return False
        issues = self.issues()
        errors = [i for i in issues if i.is_error]
        lang = domain_lang()
        self.quantity_box.set_error("\n".join(i.message(lang) for i in errors))
        self.add_button.setEnabled(not errors)
        units = self.units()
        if not errors and units:
            self._quote(self.product, units)
        else:
            self.hints.setText(self._static_hints)
        return not errors

    def _quote(self, product: ProductView, units: int) -> None:
        customer_id = self.customer_id
        if customer_id is None:
            return
        engine = self.ctx.engine

        def shown(quote: object) -> None:
            if (not isinstance(quote, PriceQuote) or self.product is not product
                    or self.units() != units or self.quantity_box.error_text):
                return  # the user typed on meanwhile: this quote is stale
            fmt = self.ctx.fmt
            self.hints.setText(self._static_hints + "  —  " + self.tr(
                "%1 %2 × %3 = %4 (incl. tax %5)").replace("%1", fmt.integer(units))
                .replace("%2", product.unit).replace("%3", fmt.unit_price(quote.unit_price))
                .replace("%4", fmt.money(quote.gross)).replace("%5", fmt.money(quote.tax)))

        self.ctx.read(lambda: engine.price(customer_id, product.id, units), shown)

    def confirm(self) -> None:
        """Enter in the quantity: add the line if the rules allow it."""
        if self.product is None:
            self.look_up()
            return
        units = self.units()
        if not self.check() or units is None:
            self.quantity.selectAll()
            return
        self.add_line.emit(self.product, units)

    def show_issues(self, issues: list[d.Issue]) -> None:
        """Errors from the engine for the line being added, on their fields."""
        lang = domain_lang()
        for issue in issues:
            box = self.code_box if issue.field.endswith("product_id") else self.quantity_box
            if issue.is_error:
                box.set_error(issue.message(lang))
