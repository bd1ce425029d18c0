"""The catalog as a lazy table: pages of the engine's search, fetched as the view scrolls.

With 100,000 products nothing is loaded up front: ``canFetchMore``/``fetchMore`` ask for the
next page of ``Engine.search_products`` on the read lane, with the selected customer's price and
the stock of their warehouse for each row, and append it when it arrives. A new query bumps a
generation number, so pages of an older query that arrive late are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from sync_engine.client.engine import Engine
from sync_engine.client.values import PriceQuote, ProductView, StockView

from ..i18n import Formatter, domain_lang, translate
from .base import ROW_ROLE, Column, ListTableModel

__all__ = ["CatalogRow", "ProductTableModel", "load_catalog_page", "product_matches_model"]

PAGE = 100
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class CatalogRow:
    product: ProductView
    quote: PriceQuote | None  # the customer's price for the minimum quantity
    stock: StockView | None


def load_catalog_page(
    engine: Engine,
    query: str,
    offset: int,
    customer_id: int | None,
    warehouse_id: int | None,
    limit: int | None = None,
) -> list[CatalogRow]:
    """One page of search results with prices and stock (runs on a worker thread)."""
    rows = []
    for p in engine.search_products(query, limit=limit or PAGE, offset=offset):
        quote = (
            engine.price(customer_id, p.id, max(p.min_qty, p.pack_size, 1))
            if customer_id is not None
            else None
        )
        stock = engine.stock(p.id, warehouse_id) if warehouse_id is not None else None
        rows.append(CatalogRow(p, quote, stock))
    return rows


def product_name(p: ProductView) -> str:
    """The product's name in the UI language (the other language when that one is empty)."""
    if domain_lang() == "zh":
        return p.name_zh or p.name_en
    return p.name_en or p.name_zh


def product_category(p: ProductView) -> str:
    """The product's category in the UI language: in English its English name where the data
    gives one, else the data's word; in Chinese the data's word."""
    return p.category_in(domain_lang())


def product_matches_model(fmt: Formatter) -> ListTableModel[CatalogRow]:
    """The rows of a product field's drop-down: SKU, the full name, the customer's price and
    the stock of their warehouse."""

    def price(r: CatalogRow) -> str:
        value = r.quote.unit_price if r.quote is not None else r.product.base_price
        return translate("CatalogModel", "%1 / %2").replace("%1", fmt.unit_price(value)).replace(
            "%2", fmt.unit(r.product.unit))

    def stock(r: CatalogRow) -> str:
        if r.stock is None:
            return ""
        return translate("CatalogModel", "%1 in stock").replace(
            "%1", fmt.integer(r.stock.available))

    return ListTableModel([
        Column(lambda: translate("CatalogModel", "SKU"), lambda r: r.product.sku),
        Column(lambda: translate("CatalogModel", "Product"), lambda r: product_name(r.product),
               tooltip=lambda r: f"{r.product.name_zh}\n{r.product.name_en}"),
        Column(lambda: translate("CatalogModel", "Price"), price, align_right=True),
        Column(lambda: translate("CatalogModel", "Available"), stock, align_right=True),
    ])


class ProductTableModel(QAbstractTableModel):
    """Search results, paged lazily; ``loading_changed`` tells the view to show progress."""

    loading_changed = Signal(bool)
    query_done = Signal(str, int)  # query, rows loaded after its first page
    failed = Signal(object)  # the exception of a page that could not be loaded

    def __init__(
        self,
        engine: Engine,
        run_read: Callable[
            [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None
        ],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._run = run_read
        self._fmt = Formatter()
        self.rows: list[CatalogRow] = []
        self.query = ""
        self.customer_id: int | None = None
        self.warehouse_id: int | None = None
        self._generation = 0
        self._more = False
        self._loading = False
        self.error: BaseException | None = None

    # ------------------------------------------------------------------ queries

    def set_query(self, query: str) -> None:
        """Search for ``query`` (an empty query browses the catalog in SKU order)."""
        self.query = query.strip()
        self._restart()

    def set_customer(self, customer_id: int | None, warehouse_id: int | None) -> None:
        """Show this customer's prices and their warehouse's stock."""
        self.customer_id, self.warehouse_id = customer_id, warehouse_id
        self._restart()

    def refresh(self) -> None:
        """Reload (e.g. after a sync brought new prices or stock)."""
        self._restart()

    def _restart(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self._more = True
        self._loading = False
        self.endResetModel()
        if self._more:
            self.fetchMore(QModelIndex())

    @property
    def loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        self.loading_changed.emit(True)
        generation = self._generation
        engine, query, offset = self._engine, self.query, len(self.rows)
        customer, warehouse = self.customer_id, self.warehouse_id
        self._run(
            lambda: load_catalog_page(engine, query, offset, customer, warehouse),
            lambda rows: self._arrived(generation, rows),
            lambda exc: self._failed(generation, exc),
        )

    def _arrived(self, generation: int, rows: list[CatalogRow]) -> None:
        if generation != self._generation:
            return  # an older query's page
        self._loading = False
        self._more = len(rows) == PAGE
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.loading_changed.emit(False)
        self.query_done.emit(self.query, len(self.rows))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._more = False
        self.error = exc
        self.loading_changed.emit(False)
        self.failed.emit(exc)

    # ------------------------------------------------------------------ table

    HEADERS = ("SKU", "Product", "Category", "Unit", "Pack / min.", "Price", "Available")

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            translate("CatalogModel", "SKU"),
            translate("CatalogModel", "Product"),
            translate("CatalogModel", "Category"),
            translate("CatalogModel", "Unit"),
            translate("CatalogModel", "Pack / min."),
            translate("CatalogModel", "Price"),
            translate("CatalogModel", "Available"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        p, col = row.product, index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (4, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return f"{p.name_zh}\n{p.name_en}"
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and row.stock is not None:
            return translate("CatalogModel", "As of %1").replace(
                "%1", self._fmt.timestamp(row.stock.as_of)
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return p.sku
        if col == 1:
            return product_name(p)
        if col == 2:
            return product_category(p)
        if col == 3:
            return (
                translate("CatalogModel", "%1 (%2 per %3)")
                .replace("%1", self._fmt.unit(p.unit))
                .replace("%2", self._fmt.count(p.case_qty, p.unit))
                .replace("%3", self._fmt.unit(p.case_unit))
            )
        if col == 4:
            return f"{p.pack_size} / {p.min_qty}"
        if col == 5:
            price = row.quote.unit_price if row.quote is not None else p.base_price
            return self._fmt.unit_price(price)
        if col == 6:
            return "" if row.stock is None else self._fmt.integer(row.stock.available)
        return None
