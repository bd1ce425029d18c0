"""The lines of a shipment being counted: what was ordered, what has shipped, what this
shipment takes (typed in the table or counted by scans) and what stays backordered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sync_engine import domain as d
from sync_engine.client.values import OrderLineView, ProductView

from ...i18n import Formatter, domain_lang, translate
from ...models.base import Column, ListTableModel, whole_units
from ...models.tables import product_columns

__all__ = ["COUNT_COLUMN", "ShipLine", "ShipLinesModel"]

COUNT_COLUMN = 6
_DONE = QBrush(QColor("#15803d"))
_LEFT = QBrush(QColor("#b45309"))
_Index = QModelIndex | QPersistentModelIndex


@dataclass
class ShipLine:
    line: OrderLineView
    product: ProductView | None
    count: int = 0  # units in this shipment

    @property
    def backorder(self) -> int:
        return self.line.remaining - self.count


class ShipLinesModel(ListTableModel[ShipLine]):
    """Rows are mutable :class:`ShipLine` objects; only the count column is editable."""

    refused = Signal(str)  # a typed quantity was refused: why, in words
    counts_changed = Signal()

    def __init__(self, fmt: Formatter) -> None:
        self.fmt = fmt

        super().__init__(
            [
                *product_columns(lambda r: r.product, lambda r: r.line.product_id),
                Column(
                    lambda: translate("Clerk", "Barcode"),
                    lambda r: (r.product.barcode or "") if r.product else "",
                ),
                Column(
                    lambda: translate("Clerk", "Ordered"),
                    lambda r: self._units(r.line.quantity, r),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Clerk", "Shipped before"),
                    lambda r: self._units(r.line.shipped_qty, r),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Clerk", "To ship"),
                    lambda r: self._units(r.line.remaining, r),
                    align_right=True,
                ),
                Column(
                    lambda: translate("Clerk", "This shipment"),
                    lambda r: self._units(r.count, r),
                    align_right=True,
                    foreground=lambda r: _DONE if r.count and not r.backorder else None,
                ),
                Column(
                    lambda: translate("Clerk", "Backordered"),
                    lambda r: self._units(r.backorder, r) if r.backorder else "",
                    align_right=True,
                    foreground=lambda r: _LEFT if r.backorder and r.count else None,
                ),
            ]
        )

    def _units(self, units: int, r: ShipLine) -> str:
        return self.fmt.quantity(units, r.product)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COUNT_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.column() == COUNT_COLUMN:
            row = self.row_at(index.row())
            return row.count if row else 0
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != COUNT_COLUMN:
            return False
        units = whole_units(value)
        if units is None:
            self.refused.emit(translate("Clerk", "Type a whole number of units."))
            return False
        return self.set_count(index.row(), units)

    def set_count(self, row: int, units: int) -> bool:
        """Set a line's count; an over-shipment or a negative count is refused (and said)."""
        r = self.row_at(row)
        if r is None:
            return False
        if units < 0 or units > r.line.remaining:
            code = "over_ship" if units > 0 else "shipment_quantity_negative"
            self.refused.emit(
                d.render(
                    code,
                    domain_lang(),
                    remaining=r.line.remaining,
                    requested=units,
                    product_id=r.line.product_id,
                )
            )
            return False
        r.count = units
        self.dataChanged.emit(self.index(row, COUNT_COLUMN), self.index(row, COUNT_COLUMN + 1))
        self.counts_changed.emit()
        return True

    def row_of_code(self, code: str) -> int | None:
        """The row whose product has this barcode or SKU (case and spaces ignored)."""
        wanted = code.strip().upper()
        for i, r in enumerate(self.rows):
            p = r.product
            if p is not None and wanted in ((p.barcode or "").upper(), p.sku.upper()):
                return i
        return None

    def quantities(self) -> dict[int, int]:
        return {r.line.product_id: r.count for r in self.rows if r.count}
