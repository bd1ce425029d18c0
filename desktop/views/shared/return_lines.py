"""The lines of a return being asked for or received: what may come (returnable, or still
expected), and the counts typed in the table or counted by scans — one count column when
asking goods back, two (back to stock, damaged) when receiving them; and the damaged-goods
count (returned units received damaged, not sellable) the warehouse holds of its products."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from sync_engine import domain as d
from sync_engine.client.values import ReturnView

from ...context import AppContext
from ...i18n import Formatter, domain_lang, translate
from ...labels import return_state, return_title
from ...models.base import Column, ListTableModel, whole_units
from .lookup_label import LookupLabel

__all__ = ["DamagedStockLabel", "ReturnCountLine", "ReturnCountsModel", "returns_list_columns"]

_Index = QModelIndex | QPersistentModelIndex


def returns_list_columns(status_foreground: Callable[[ReturnView], QBrush | None] | None = None
                         ) -> list[Column[ReturnView]]:
    """The columns a list of returns starts with: the return, its customer, its status
    (coloured by ``status_foreground``)."""
    return [
        Column(lambda: translate("Returns", "Return"), return_title),
        Column(lambda: translate("Returns", "Customer"),
               lambda r: r.customer_name_in(domain_lang())),
        Column(lambda: translate("Returns", "Status"), return_state, foreground=status_foreground),
    ]


@dataclass
class ReturnCountLine:
    product_id: int
    sku: str
    name: str
    barcode: str
    unit: str
    limit: int  # returnable (asking) or still expected (receiving)
    count: int = 0  # asked back, or received back to stock
    damaged: int = 0  # received damaged (receiving only)

    @property
    def total(self) -> int:
        return self.count + self.damaged


class ReturnCountsModel(ListTableModel[ReturnCountLine]):
    """Rows are mutable :class:`ReturnCountLine`; the count columns are editable. A count
    beyond the limit is refused with the rules' own message (``refused``)."""

    refused = Signal(str)
    counts_changed = Signal()

    def __init__(self, fmt: Formatter, *, receiving: bool) -> None:
        self.fmt = fmt
        self.receiving = receiving
        columns: list[Column[ReturnCountLine]] = [
            Column(lambda: translate("Returns", "SKU"), lambda r: r.sku),
            Column(lambda: translate("Returns", "Product"), lambda r: r.name),
            Column(lambda: translate("Returns", "Barcode"), lambda r: r.barcode),
            Column(lambda: translate("Returns", "Expected") if receiving
                   else translate("Returns", "Returnable"),
                   lambda r: fmt.count(r.limit, r.unit), align_right=True),
            Column(lambda: translate("Returns", "Back to stock") if receiving
                   else translate("Returns", "Return qty"),
                   lambda r: fmt.integer(r.count) if r.count else "", align_right=True),
        ]
        if receiving:
            columns.append(Column(lambda: translate("Returns", "Damaged"),
                                  lambda r: fmt.integer(r.damaged) if r.damaged else "",
                                  align_right=True))
        super().__init__(columns)

    @property
    def count_column(self) -> int:
        return 4

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() >= self.count_column:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.column() >= self.count_column:
            row = self.row_at(index.row())
            if row is None:
                return 0
            return row.count if index.column() == self.count_column else row.damaged
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() < self.count_column:
            return False
        units = whole_units(value)
        if units is None:
            self.refused.emit(translate("Returns", "Type a whole number of units."))
            return False
        row = self.row_at(index.row())
        if row is None:
            return False
        if index.column() == self.count_column:
            return self.set_counts(index.row(), units, row.damaged)
        return self.set_counts(index.row(), row.count, units)

    def set_counts(self, row: int, count: int, damaged: int = 0) -> bool:
        """Set a line's counts; more than its limit, or a negative count, is refused."""
        r = self.row_at(row)
        if r is None:
            return False
        if count < 0 or damaged < 0 or count + damaged > r.limit:
            if self.receiving:
                code = "over_receive" if count >= 0 and damaged >= 0 else \
                    "receipt_quantity_negative"
                text = d.render(code, domain_lang(), outstanding=r.limit,
                                requested=count + damaged)
            else:
                code = "over_return" if count >= 0 else "return_quantity_negative"
                text = d.render(code, domain_lang(), returnable=r.limit, requested=count)
            self.refused.emit(f"{r.sku}: {text}")
            return False
        r.count, r.damaged = count, damaged
        self.dataChanged.emit(self.index(row, self.count_column),
                              self.index(row, self.columnCount() - 1))
        self.counts_changed.emit()
        return True

    def row_of_code(self, code: str) -> int | None:
        """The row whose product has this barcode or SKU (case and spaces ignored)."""
        wanted = code.strip().upper()
        for i, r in enumerate(self.rows):
            if wanted and wanted in (r.barcode.upper(), r.sku.upper()):
                return i
        return None

    def quantities(self) -> dict[int, int]:
        """Asking: product id → units to return."""
        return {r.product_id: r.count for r in self.rows if r.count}

    def receipt(self) -> dict[int, tuple[int, int]]:
        """Receiving: product id → (back to stock, damaged)."""
        return {r.product_id: (r.count, r.damaged) for r in self.rows if r.total}


class DamagedStockLabel(LookupLabel[ReturnView, dict[int, int]]):
    """The damaged-goods count of a return's warehouse for the return's products: "Damaged
    goods held (not sellable): SKU 2 瓶 · …", as of the last sync; hidden when there is none."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx, "damagedStock")
        self.units: dict[int, int] = {}

    def lookup(self, r: ReturnView) -> Callable[[], dict[int, int]] | None:
        if r.warehouse_id is None:
            return None
        engine, warehouse_id = self.ctx.engine, r.warehouse_id
        return lambda: engine.damaged_units(warehouse_id)

    def forget(self) -> None:
        self.units = {}

    def found(self, r: ReturnView, units: dict[int, int]) -> None:
        fmt = self.ctx.fmt
        self.units = {ln.product_id: units[ln.product_id] for ln in r.lines
                      if units.get(ln.product_id)}
        parts = [f"{ln.sku} {fmt.count(self.units[ln.product_id], ln.unit)}"
                 for ln in r.lines if ln.product_id in self.units]
        self.setText(self.tr("Damaged goods held at this warehouse (not sellable): %1")
                     .replace("%1", " · ".join(parts)))
        self.setVisible(bool(parts))
